/* breaks.c - the session's breakpoints and watchpoints (see session.h):
 * address breakpoints and watchpoints go to the CPU's trap tables
 * (sim/traps.h), event breakpoints stay here and are matched against each
 * kernel event (session.c). */
#include "session_impl.h"

#include <stdio.h>

static int refuse(char *err, unsigned errlen, const char *what)
{
    snprintf(err, errlen, "%s", what);
    return -1;
}

static int add_event_break(struct dbg_session *s, enum dbg_break_kind kind, uint32_t arg,
                           char *err, unsigned errlen)
{
    if (s->num_ebrk == DBG_MAX_EVENT_BREAKS)
        return refuse(err, errlen, "too many event breakpoints (32)");
    if (kind == DBG_BREAK_EVENT && (arg == 0 || arg > TR_PRIORITY))
        return refuse(err, errlen, "no such kind of kernel event");
    s->ebrk[s->num_ebrk++] = (struct dbg_event_break){s->next_id, kind, arg};
    return s->next_id++;
}

int dbg_break_add(struct dbg_session *s, enum dbg_break_kind kind, uint32_t arg,
                  char *err, unsigned errlen)
{
    if (kind != DBG_BREAK_ADDR)
        return add_event_break(s, kind, arg, err, errlen);
    if (s->traps.num_breaks == SIM_MAX_BREAKS)
        return refuse(err, errlen, "too many breakpoints (64)");
    uint32_t addr = arg & ~1u;
    if (!sim_mem_host(&s->m->mem, addr, 2))
        return refuse(err, errlen, "no code can be there: the address is not in board RAM");
    s->traps.brk[s->traps.num_breaks++] = (struct sim_break){addr, s->next_id};
    if (!sim_cpu_traps_changed(&s->m->cpu)) {
        s->traps.num_breaks--;
        return refuse(err, errlen, "the CPU model refused the breakpoint");
    }
    return s->next_id++;
}

int dbg_watch_add(struct dbg_session *s, uint32_t addr, uint32_t len,
                  enum dbg_watch_kind kind, char *err, unsigned errlen)
{
    if (s->traps.num_watches == SIM_MAX_WATCHES)
        return refuse(err, errlen, "too many watchpoints (16)");
    if (len == 0 || len > 4096 || addr + len < addr)
        return refuse(err, errlen, "a watched range is 1 to 4096 bytes");
    if (kind < DBG_WATCH_WRITE || kind > DBG_WATCH_ACCESS)
        return refuse(err, errlen, "unknown kind of watchpoint");
    unsigned i = s->traps.num_watches++;
    s->traps.watch[i] = (struct sim_watch){addr, len, (uint32_t)kind, s->next_id};
    s->watch_kind[i] = (uint32_t)kind;
    if (!sim_cpu_traps_changed(&s->m->cpu)) {
        s->traps.num_watches--;
        return refuse(err, errlen, "the CPU model refused the watchpoint");
    }
    return s->next_id++;
}

static bool delete_address_trap(struct dbg_session *s, int id)
{
    struct sim_traps *t = &s->traps;
    for (unsigned i = 0; i < t->num_breaks; i++) {
        if (t->brk[i].id == id) {
            t->brk[i] = t->brk[--t->num_breaks];
            return sim_cpu_traps_changed(&s->m->cpu), true;
        }
    }
    for (unsigned i = 0; i < t->num_watches; i++) {
        if (t->watch[i].id == id) {
            t->watch[i] = t->watch[--t->num_watches];
            s->watch_kind[i] = s->watch_kind[t->num_watches];
            return sim_cpu_traps_changed(&s->m->cpu), true;
        }
    }
    return false;
}

bool dbg_delete(struct dbg_session *s, int id)
{
    for (unsigned i = 0; i < s->num_ebrk; i++) {
        if (s->ebrk[i].id == id) {
            s->ebrk[i] = s->ebrk[--s->num_ebrk];
            return true;
        }
    }
    return delete_address_trap(s, id);
}

int dbg_find_break(const struct dbg_session *s, uint32_t addr)
{
    const struct sim_break *b = sim_traps_break_at(&s->traps, addr & ~1u);
    return b ? b->id : -1;
}

int dbg_find_watch(const struct dbg_session *s, uint32_t addr, uint32_t len,
                   enum dbg_watch_kind kind)
{
    for (unsigned i = 0; i < s->traps.num_watches; i++) {
        const struct sim_watch *w = &s->traps.watch[i];
        if (w->addr == addr && w->len == len && s->watch_kind[i] == (uint32_t)kind)
            return w->id;
    }
    return -1;
}
