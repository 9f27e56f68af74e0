/* traps.c - breakpoint and watchpoint tables (see traps.h). */
#include "traps.h"

#include <stddef.h>

const struct sim_watch *sim_traps_watched(const struct sim_traps *t, uint32_t addr,
                                          uint32_t len, bool write)
{
    uint32_t want = write ? SIM_WATCH_WRITE : SIM_WATCH_READ;
    for (unsigned i = 0; i < t->num_watches; i++) {
        const struct sim_watch *w = &t->watch[i];
        if ((w->access & want) && addr < w->addr + w->len && w->addr < addr + len)
            return w;
    }
    return NULL;
}

const struct sim_break *sim_traps_break_at(const struct sim_traps *t, uint32_t addr)
{
    for (unsigned i = 0; i < t->num_breaks; i++)
        if (t->brk[i].addr == addr)
            return &t->brk[i];
    return NULL;
}

const struct sim_break *sim_traps_break_in(const struct sim_traps *t, uint32_t addr,
                                           uint32_t size)
{
    const struct sim_break *first = NULL;
    for (unsigned i = 0; i < t->num_breaks; i++) {
        const struct sim_break *b = &t->brk[i];
        if (b->addr >= addr && b->addr - addr < size && (!first || b->addr < first->addr))
            first = b;
    }
    return first;
}

void sim_traps_record(struct sim_traps *t, const struct sim_hit *h)
{
    t->hit[t->hits % SIM_MAX_HITS] = *h;
    t->hits++;
}

bool sim_traps_kernel_access(struct sim_traps *t, uint32_t addr, uint32_t len, bool write,
                             uint64_t insns, uint64_t cycle)
{
    const struct sim_watch *w = t && len ? sim_traps_watched(t, addr, len, write) : NULL;
    if (!w || insns == 0)
        return false;
    sim_traps_record(t, &(struct sim_hit){.lo = insns - 1, .hi = insns, .cycle = cycle - 1,
                                          .id = w->id, .addr = addr > w->addr ? addr : w->addr,
                                          .write = write, .exact = true, .kernel = true});
    return true;
}
