/* snapshot.c - the simulated state at one position (see snapshot.h). */
#include "snapshot.h"

#include <stdlib.h>
#include <string.h>

#include "kstate.h"

/* --- the guest ranges ---------------------------------------------------- */

static void add_range(struct snap_layout *l, const struct sim_machine *m, uint32_t addr,
                      uint32_t size)
{
    for (unsigned i = 0; i < l->num; i++) { /* merge an overlap or a neighbour */
        uint32_t a = l->range[i].addr, e = a + l->range[i].size;
        if (addr <= e && a <= addr + size && sim_mem_host(&m->mem, a < addr ? a : addr,
                                                          (e > addr + size ? e : addr + size) -
                                                              (a < addr ? a : addr))) {
            uint32_t lo = a < addr ? a : addr, hi = e > addr + size ? e : addr + size;
            l->guest_bytes += (hi - lo) - l->range[i].size;
            l->range[i].addr = lo;
            l->range[i].size = hi - lo;
            l->range[i].host = sim_mem_host(&m->mem, lo, hi - lo);
            return;
        }
    }
    uint8_t *host = sim_mem_host(&m->mem, addr, size);
    if (!host || l->num == sizeof l->range / sizeof l->range[0])
        return; /* not RAM (a device block), or too many: fcc bounds regions */
    l->range[l->num].host = host;
    l->range[l->num].addr = addr;
    l->range[l->num].size = size;
    l->num++;
    l->guest_bytes += size;
}

void snap_layout_init(struct snap_layout *l, const struct sim_machine *m)
{
    memset(l, 0, sizeof *l);
    for (uint8_t p = 0; p < m->sys->num_partitions; p++) {
        const struct cfg_partition *part = &m->sys->partitions[p];
        for (uint8_t r = 0; r < part->num_regions; r++) {
            const struct cfg_region *g = &part->regions[r];
            if ((g->access & CFG_ACCESS_W) && g->kind != CFG_REGION_DEVICE)
                add_range(l, m, g->base, g->size);
        }
    }
}

static size_t page_table_bytes(const struct sim_machine *m)
{
    size_t n = 0;
    for (unsigned i = 0; i < m->mem.num_ram; i++)
        n += m->mem.ram[i].size / SIM_PAGE_SIZE;
    return n;
}

size_t snap_size(const struct snap_layout *l)
{
    return sizeof kstate + sizeof(struct sim_machine) + l->guest_bytes;
}

/* --- taking and restoring ------------------------------------------------- */

bool snap_take(struct snapshot *s, const struct snap_layout *l, const struct sim_machine *m)
{
    size_t pages = page_table_bytes(m);
    s->bytes = snap_size(l) + pages;
    s->data = malloc(s->bytes);
    if (!s->data)
        return false;
    uint8_t *p = s->data;
    memcpy(p, &kstate, sizeof kstate);
    p += sizeof kstate;
    memcpy(p, m, sizeof *m);
    p += sizeof *m;
    for (unsigned i = 0; i < l->num; i++) {
        memcpy(p, l->range[i].host, l->range[i].size);
        p += l->range[i].size;
    }
    for (unsigned i = 0; i < m->mem.num_ram; i++) {
        memcpy(p, m->mem.ram[i].pages, m->mem.ram[i].size / SIM_PAGE_SIZE);
        p += m->mem.ram[i].size / SIM_PAGE_SIZE;
    }
    s->cycle = m->clock.now;
    s->insns = m->clock.insns;
    return true;
}

/* The machine's state comes back; its wiring to the host stays. */
static void restore_machine(struct sim_machine *m, const struct sim_machine *saved)
{
    struct sim_machine wiring = *m;
    *m = *saved;
    m->console = wiring.console;
    m->log = wiring.log;
    m->on_boot = wiring.on_boot;
    m->on_event = wiring.on_event;
    m->event_user = wiring.event_user;
    m->on_input = wiring.on_input;
    m->input_user = wiring.input_user;
    m->at_top = wiring.at_top;
    m->top_user = wiring.top_user;
    m->keyboard = wiring.keyboard;
    m->cpu.traps = wiring.cpu.traps;
    m->cpu.watch_hooked = wiring.cpu.watch_hooked;
    memcpy(m->cpu.watch_hook, wiring.cpu.watch_hook, sizeof m->cpu.watch_hook);
    /* statistics of the host's work, not of the run */
    m->cpu.tails = wiring.cpu.tails;
    m->cpu.it_tails = wiring.cpu.it_tails;
    m->mem.tlb_fills = wiring.mem.tlb_fills;
    /* the engines' TLBs and count cache reflect the state left behind */
    memset(&m->cpu.icount, 0, sizeof m->cpu.icount);
    sim_mem_rights_changed(&m->mem);
    sim_machine_set_console(m, wiring.console); /* the UART keeps its own */
}

void snap_restore(const struct snapshot *s, const struct snap_layout *l,
                  struct sim_machine *m)
{
    const uint8_t *p = s->data;
    memcpy(&kstate, p, sizeof kstate);
    p += sizeof kstate;
    restore_machine(m, (const struct sim_machine *)(const void *)p);
    p += sizeof *m;
    for (unsigned i = 0; i < l->num; i++) {
        memcpy(l->range[i].host, p, l->range[i].size);
        p += l->range[i].size;
    }
    for (unsigned i = 0; i < m->mem.num_ram; i++) {
        memcpy(m->mem.ram[i].pages, p, m->mem.ram[i].size / SIM_PAGE_SIZE);
        p += m->mem.ram[i].size / SIM_PAGE_SIZE;
    }
}

void snap_free(struct snapshot *s)
{
    free(s->data);
    s->data = NULL;
    s->bytes = 0;
}
