/*
 * session.c - moving through a run: forwards by running the port's loop
 * with a target, backwards by restoring a snapshot and running forwards
 * to the target (see session.h).  Breakpoints and watchpoints live in
 * breaks.c, what the debugger shows in inspect.c.
 */
#include "session_impl.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "kstate.h"
#include "kernel.h"
#include "port.h"

/* ======================================================================
 * positions
 * ====================================================================== */

bool dbg_pos_reached(struct dbg_pos p, struct dbg_pos t)
{
    return p.cycle >= t.cycle && p.insns >= t.insns && p.events >= t.events;
}

static bool pos_equal(struct dbg_pos a, struct dbg_pos b)
{
    return a.cycle == b.cycle && a.insns == b.insns && a.events == b.events;
}

/* a strictly before b */
static bool pos_before(struct dbg_pos a, struct dbg_pos b)
{
    return dbg_pos_reached(b, a) && !pos_equal(a, b);
}

static struct dbg_pos here(const struct dbg_session *s)
{
    return (struct dbg_pos){s->m->clock.now, s->m->clock.insns, s->events};
}

struct dbg_pos dbg_position(const struct dbg_session *s)
{
    return here(s);
}

/* A replay that diverged can still be examined before the divergence;
 * from there on the run is not the recording's any more. */
static bool past_divergence(const struct dbg_session *s)
{
    return s->diverged && (!s->diverge_known || dbg_pos_reached(here(s), s->diverge_at));
}

/* ======================================================================
 * what the run emits
 * ====================================================================== */

static bool log_push(struct dbg_session *s, const struct trace_event *ev)
{
    if (s->log_len == s->log_cap) {
        size_t cap = s->log_cap ? 2 * s->log_cap : 4096;
        struct dbg_logged *l = realloc(s->log, cap * sizeof *l);
        if (!l)
            return false;
        s->log = l;
        s->log_cap = cap;
    }
    s->log[s->log_len++] = (struct dbg_logged){.ev = *ev};
    return true;
}

static void diverge(struct dbg_session *s, const char *msg)
{
    if (s->diverged)
        return;
    s->diverged = true;
    snprintf(s->diverge_msg, sizeof s->diverge_msg, "%s", msg);
}

/* An event the first time is logged (and checked against a recording);
 * again, after a restore, it must be the same event: the run is
 * deterministic, and a difference is a simulator bug worth saying. */
static void note_event(struct dbg_session *s, const struct trace_event *ev)
{
    uint64_t k = s->events++;
    char msg[1024];
    if (k < s->log_len) {
        if (memcmp(&s->log[k].ev, ev, sizeof *ev) != 0 && !s->modified) {
            snprintf(msg, sizeof msg, "re-execution differs from the first run at event %"
                     PRIu64 " (cycle %" PRIu64 "): a simulator bug", k, ev->cycle);
            diverge(s, msg);
        }
        return;
    }
    if (!log_push(s, ev))
        diverge(s, "out of memory for the event log");
    if (s->replaying && !s->modified &&
        !s->replay.check_event(s->replay.user, ev, msg, sizeof msg))
        diverge(s, msg);
}

static bool event_matches(const struct dbg_event_break *b, const struct trace_event *ev)
{
    switch (b->kind) {
    case DBG_BREAK_SYSCALL:
        return ev->type == TR_SYSCALL && (b->arg == DBG_ANY || ev->a0 == b->arg);
    case DBG_BREAK_FAULT: return ev->type == TR_FAULT;
    case DBG_BREAK_DEADLINE:
        return ev->type == TR_ERROR && ev->flags == FEN_ERR_DEADLINE_MISSED;
    case DBG_BREAK_OVERRUN: return ev->type == TR_ERROR && ev->flags == FEN_ERR_OVERRUN;
    case DBG_BREAK_EVENT: return ev->type == b->arg;
    default: return false; /* DBG_BREAK_PAGEFAULT: no paging yet */
    }
}

static void on_event(void *user, const struct trace_event *ev)
{
    struct dbg_session *s = user;
    note_event(s, ev);
    if (s->event_hit || (!s->stop_on_hits && !s->scanning))
        return;
    for (unsigned i = 0; i < s->num_ebrk; i++) {
        if (event_matches(&s->ebrk[i], ev)) {
            s->event_hit = true;
            s->hit_event = *ev;
            s->hit_event_id = s->ebrk[i].id;
            return;
        }
    }
}

static void on_input(void *user, const struct sim_input *in)
{
    struct dbg_session *s = user;
    uint64_t k = s->inputs++;
    char msg[1024];
    if (k < s->max_inputs)
        return;
    s->max_inputs = k + 1;
    if (s->replaying && !s->modified && !s->replay.check_input(s->replay.user, in, msg, sizeof msg))
        diverge(s, msg);
}

/* ======================================================================
 * snapshots
 * ====================================================================== */

static struct dbg_pos snap_pos(const struct dbg_snap *d)
{
    return (struct dbg_pos){d->snap.cycle, d->snap.insns, d->events};
}

/* Every other snapshot goes (the first and the latest stay) and the
 * interval doubles: memory stays within the budget however long the run. */
static void thin_snapshots(struct dbg_session *s)
{
    size_t keep = 0;
    for (size_t i = 0; i < s->num_snaps; i++) {
        if (i % 2 == 0 || i == s->num_snaps - 1) {
            s->snaps[keep++] = s->snaps[i];
        } else {
            s->snap_bytes -= s->snaps[i].snap.bytes;
            snap_free(&s->snaps[i].snap);
        }
    }
    s->num_snaps = keep;
    s->every *= 2;
}

static bool take_snapshot(struct dbg_session *s)
{
    if (s->num_snaps == s->cap_snaps) {
        size_t cap = s->cap_snaps ? 2 * s->cap_snaps : 64;
        struct dbg_snap *n = realloc(s->snaps, cap * sizeof *n);
        if (!n)
            return false;
        s->snaps = n;
        s->cap_snaps = cap;
    }
    struct dbg_snap *d = &s->snaps[s->num_snaps];
    if (!snap_take(&d->snap, &s->layout, s->m))
        return false;
    d->events = s->events;
    d->inputs = s->inputs;
    d->fed = s->fed;
    s->num_snaps++;
    s->snap_bytes += d->snap.bytes;
    while (s->snap_bytes > s->opt.snapshot_budget && s->num_snaps > 2)
        thin_snapshots(s);
    return true;
}

static uint64_t next_snapshot_due(const struct dbg_session *s)
{
    return s->snaps[s->num_snaps - 1].snap.cycle + s->every;
}

static void maybe_snapshot(struct dbg_session *s, struct dbg_pos p)
{
    if (p.cycle >= next_snapshot_due(s) && pos_before(snap_pos(&s->snaps[s->num_snaps - 1]), p))
        take_snapshot(s); /* out of memory: the interval just gets longer */
}

static void restore(struct dbg_session *s, size_t i)
{
    const struct dbg_snap *d = &s->snaps[i];
    snap_restore(&d->snap, &s->layout, s->m);
    if (s->memory_written)
        sim_cpu_code_changed(&s->m->cpu);
    port_attach(s->m);
    s->events = d->events;
    s->inputs = d->inputs;
    s->fed = d->fed;
    if (s->replaying)
        s->replay.seek(s->replay.user, d->fed);
}

/* The latest snapshot from which the target is still ahead; -1: none (the
 * target is the boot position itself, or before it). */
static long snapshot_before(const struct dbg_session *s, struct dbg_pos t)
{
    long lo = 0, hi = (long)s->num_snaps - 1, best = -1;
    while (lo <= hi) {
        long mid = (lo + hi) / 2;
        if (!dbg_pos_reached(snap_pos(&s->snaps[mid]), t)) {
            best = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return best;
}

/* ======================================================================
 * running to a target
 * ====================================================================== */

/* Events emitted before this point are right behind it. */
static void note_positions(struct dbg_session *s, struct dbg_pos p)
{
    for (size_t k = s->log_len; k-- > 0 && !s->log[k].after_known;)
        if (k < p.events)
            s->log[k].after = p, s->log[k].after_known = true;
}

static bool scan_push(struct dbg_session *s, const struct dbg_candidate *c)
{
    if (s->scan_len == s->scan_cap) {
        size_t cap = s->scan_cap ? 2 * s->scan_cap : 64;
        struct dbg_candidate *n = realloc(s->scan, cap * sizeof *n);
        if (!n)
            return false;
        s->scan = n;
        s->scan_cap = cap;
    }
    s->scan[s->scan_len++] = *c;
    return true;
}

/* How far the guest may run before the next point the session must see:
 * the target, the frontier (where output turns back on), the next
 * snapshot. */
static void set_pause(struct dbg_session *s, struct dbg_pos p)
{
    uint64_t pause = UINT64_MAX;
    if (p.insns < s->target.insns) {
        uint64_t n = s->target.insns - p.insns;
        pause = n > UINT64_MAX - p.cycle ? UINT64_MAX : p.cycle + n;
    }
    else if (p.cycle < s->target.cycle)
        pause = s->target.cycle;
    if (p.cycle < s->frontier.cycle && s->frontier.cycle < pause)
        pause = s->frontier.cycle;
    uint64_t due = next_snapshot_due(s);
    if (due > p.cycle && due < pause)
        pause = due;
    s->m->clock.pause = pause;
}

/* Ctrl-C, during a go_forward run: the hook is asked once
 * DBG_INTERRUPT_EVERY cycles have passed since the run began or it was
 * last asked (a few milliseconds of host time), so a poll of a socket
 * costs nothing next to the run.  Only whether to stop here depends on
 * the answer, never what runs. */
static bool interrupt_requested(struct dbg_session *s, uint64_t now)
{
    if (!s->may_interrupt || !s->interrupt || now < s->interrupt_ask)
        return false;
    s->interrupt_ask = now + DBG_INTERRUPT_EVERY;
    s->interrupted = s->interrupt(s->interrupt_user);
    return s->interrupted;
}

void dbg_set_interrupt(struct dbg_session *s, dbg_interrupt_fn *requested, void *user)
{
    s->interrupt = requested;
    s->interrupt_user = user;
}

/* The kernel's accesses since the last resumable point happened in the
 * entries just done: this point is where their stops are. */
static void place_kernel_hits(struct dbg_session *s)
{
    uint64_t k = s->hits_placed, n = s->traps.hits;
    if (n - k > SIM_MAX_HITS)
        k = n - SIM_MAX_HITS;
    for (; k < n; k++) {
        struct sim_hit *h = &s->traps.hit[k % SIM_MAX_HITS];
        if (h->kernel)
            h->events = s->events;
    }
    s->hits_placed = n;
}

/* Where a stop at an exact watchpoint hit stands: right after the access's
 * instruction, or after the kernel entry that made it. */
static struct dbg_pos watch_pos(const struct sim_hit *h)
{
    return (struct dbg_pos){h->cycle + 1, h->hi, h->kernel ? h->events : 0};
}

/* The port's loop stops here when this returns true. */
static bool at_top(void *user)
{
    struct dbg_session *s = user;
    if (s->replaying)
        s->fed = s->replay.feed(s->replay.user, s->m->clock.now);
    struct dbg_pos p = here(s);
    note_positions(s, p);
    place_kernel_hits(s);
    bool behind = pos_before(p, s->frontier);
    if (!behind)
        s->frontier = p;
    FILE *console = behind ? s->devnull : s->opt.out;
    if (s->m->console != console)
        sim_machine_set_console(s->m, console);
    maybe_snapshot(s, p);
    if (s->diverged && !s->diverge_known) {
        s->diverge_known = true;
        s->diverge_at = p;
    }
    if (past_divergence(s))
        return true;
    if (s->event_hit && s->scanning) {
        scan_push(s, &(struct dbg_candidate){.pos = p, .exact = true, .event = true,
                                             .ev = s->hit_event, .id = s->hit_event_id});
        s->event_hit = false;
    }
    if (s->event_hit || (s->stop_on_hits && s->traps.hits > s->hits_seen))
        return true;
    if (dbg_pos_reached(p, s->target) || interrupt_requested(s, p.cycle))
        return true;
    set_pause(s, p);
    return false;
}

/* Runs from here until the target, a hit (when asked to stop at hits), a
 * divergence or the end of the run. */
static enum port_status advance(struct dbg_session *s, struct dbg_pos target, bool stop)
{
    s->target = target;
    s->stop_on_hits = stop;
    s->traps.stop_on_hit = stop;
    s->hits_seen = s->traps.hits;
    s->event_hit = false;
    s->interrupted = false;
    s->interrupt_ask = s->m->clock.now + DBG_INTERRUPT_EVERY;
    s->status = port_advance(s->m);
    s->m->clock.pause = UINT64_MAX;
    if (s->status != PORT_PAUSED) { /* the end is a position too */
        place_kernel_hits(s);
        struct dbg_pos p = here(s);
        note_positions(s, p);
        if (!pos_before(p, s->frontier))
            s->frontier = p;
    }
    return s->status;
}

/* To the first position that reaches t, from the best starting point:
 * here when t is ahead and no snapshot is closer, else the latest
 * snapshot before t.  Stops at nothing else. */
static enum port_status seek(struct dbg_session *s, struct dbg_pos t)
{
    struct dbg_pos cur = here(s);
    long i = snapshot_before(s, t);
    bool ahead = !dbg_pos_reached(cur, t);
    if (i >= 0 && (!ahead || pos_before(cur, snap_pos(&s->snaps[i]))))
        restore(s, (size_t)i);
    else if (i < 0 && !pos_equal(cur, snap_pos(&s->snaps[0])))
        restore(s, 0);
    if (dbg_pos_reached(here(s), t))
        return PORT_PAUSED;
    return advance(s, t, false);
}

/* ======================================================================
 * stops
 * ====================================================================== */

static struct dbg_stop_info stop_info(enum dbg_stop why, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static struct dbg_stop_info stop_info(enum dbg_stop why, const char *fmt, ...)
{
    struct dbg_stop_info st = {.why = why, .id = -1};
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st.message, sizeof st.message, fmt, ap);
    va_end(ap);
    return st;
}

static struct dbg_stop_info end_stop(const struct dbg_session *s)
{
    if (past_divergence(s))
        return stop_info(DBG_STOP_DIVERGED, "%s", s->diverge_msg);
    if (s->status == PORT_HALTED)
        return stop_info(DBG_STOP_END, "end of the run: the module stopped at cycle %" PRIu64,
                         s->m->clock.now);
    return stop_info(DBG_STOP_END, "end of the run at cycle %" PRIu64, s->m->clock.now);
}

/* The thread on the CPU and its pc; false while the CPU idles. */
static bool current_pc(uint32_t *pc)
{
    const struct arch_context *ctx = kern_current();
    if (ctx)
        *pc = ctx->pc;
    return ctx != NULL;
}

static struct dbg_stop_info break_stop(const struct sim_hit *h)
{
    struct dbg_stop_info st = stop_info(DBG_STOP_BREAKPOINT, "breakpoint %d at 0x%08x",
                                        h->id, h->addr);
    st.id = h->id;
    st.addr = h->addr;
    return st;
}

static struct dbg_stop_info watch_stop(const struct sim_hit *h)
{
    struct dbg_stop_info st = stop_info(DBG_STOP_WATCHPOINT, "watchpoint %d: %s of 0x%08x%s",
                                        h->id, h->write ? "write" : "read", h->addr,
                                        h->kernel ? " by the kernel" : "");
    st.id = h->id;
    st.addr = h->addr;
    st.write = h->write;
    st.kernel = h->kernel;
    return st;
}

static struct dbg_stop_info event_stop(const struct dbg_session *s)
{
    struct dbg_stop_info st = stop_info(DBG_STOP_EVENT, "breakpoint %d: kernel event at cycle %"
                                        PRIu64, s->hit_event_id, s->hit_event.cycle);
    st.id = s->hit_event_id;
    st.event = s->hit_event;
    return st;
}

/* The earliest hit of the last advance. */
static struct sim_hit earliest_new_hit(const struct dbg_session *s)
{
    uint64_t from = s->hits_seen, n = s->traps.hits;
    if (n - from > SIM_MAX_HITS)
        from = n - SIM_MAX_HITS;
    struct sim_hit best = s->traps.hit[from % SIM_MAX_HITS];
    for (uint64_t i = from + 1; i < n; i++) {
        const struct sim_hit *h = &s->traps.hit[i % SIM_MAX_HITS];
        if (h->lo < best.lo)
            best = *h;
    }
    return best;
}

/* A breakpoint hit is a stop when the run stands right before it: the
 * block hook may have counted one an earlier instruction of its block
 * kept from running (a fault, a trap), or an interrupt at that very cycle
 * may have switched threads (the thread meets it again when it resumes). */
static bool at_break(const struct dbg_session *s, const struct sim_hit *h)
{
    uint32_t pc;
    return s->m->clock.insns == h->hi && current_pc(&pc) && pc == h->addr;
}

/* A watchpoint hit lies somewhere in (lo, hi]: back to lo, then one
 * instruction at a time until the access shows itself exactly. */
static bool narrow_watch(struct dbg_session *s, const struct sim_hit *h, struct sim_hit *out)
{
    seek(s, (struct dbg_pos){h->cycle, h->lo, 0});
    s->traps.ignore_at = h->lo; /* a breakpoint there would have come first */
    while (s->m->clock.insns < h->hi && !past_divergence(s)) {
        struct dbg_pos p = here(s);
        if (advance(s, (struct dbg_pos){p.cycle, p.insns + 1, p.events}, true) != PORT_PAUSED)
            return false;
        if (s->traps.hits > s->hits_seen) {
            *out = earliest_new_hit(s);
            if (!out->exact || s->event_hit)
                return false;
            return out->lo < out->hi ? true : at_break(s, out);
        }
    }
    return false;
}

/* Forwards to the target, stopping at the first real hit. */
static struct dbg_stop_info go_forward(struct dbg_session *s, struct dbg_pos t)
{
    s->traps.ignore_at = s->m->clock.insns; /* the breakpoint it stands on */
    for (;;) {
        s->may_interrupt = true; /* this run only: not the seeks below */
        enum port_status st = advance(s, t, true);
        s->may_interrupt = false;
        if (past_divergence(s))
            return end_stop(s);
        if (s->event_hit)
            return event_stop(s);
        if (s->traps.hits > s->hits_seen) {
            struct sim_hit h = earliest_new_hit(s), exact = h;
            if (h.lo == h.hi && at_break(s, &h))
                return break_stop(&h);
            if (h.lo < h.hi && h.exact) {
                seek(s, watch_pos(&h));
                return watch_stop(&h);
            }
            if (h.lo < h.hi && narrow_watch(s, &h, &exact))
                return exact.lo == exact.hi ? break_stop(&exact) : watch_stop(&exact);
            s->traps.ignore_at = UINT64_MAX;
            continue; /* not a real hit: go on from here */
        }
        if (st != PORT_PAUSED)
            return end_stop(s);
        if (dbg_pos_reached(here(s), t))
            return stop_info(DBG_STOP_STEP, "at cycle %" PRIu64, s->m->clock.now);
        if (s->interrupted)
            return stop_info(DBG_STOP_INTERRUPT, "interrupted at cycle %" PRIu64,
                             s->m->clock.now);
    }
}

static const struct dbg_pos POS_END = {UINT64_MAX, UINT64_MAX, UINT64_MAX};

struct dbg_stop_info dbg_stepi(struct dbg_session *s, uint64_t n)
{
    struct dbg_pos p = here(s);
    uint64_t to = p.insns + n < p.insns ? UINT64_MAX : p.insns + n;
    return go_forward(s, (struct dbg_pos){p.cycle, to, p.events});
}

struct dbg_stop_info dbg_next(struct dbg_session *s)
{
    struct dbg_pos p = here(s);
    return go_forward(s, (struct dbg_pos){p.cycle, p.insns, p.events + 1});
}

struct dbg_stop_info dbg_continue(struct dbg_session *s)
{
    return go_forward(s, POS_END);
}

struct dbg_stop_info dbg_run_to_cycle(struct dbg_session *s, uint64_t cycle)
{
    return go_forward(s, (struct dbg_pos){cycle, 0, 0});
}

static struct dbg_stop_info at_start(struct dbg_session *s)
{
    restore(s, 0);
    return stop_info(DBG_STOP_START, "start of the run (cycle %" PRIu64 ")", s->m->clock.now);
}

static struct dbg_stop_info arrived(struct dbg_session *s, struct dbg_pos t)
{
    if (seek(s, t) != PORT_PAUSED && !dbg_pos_reached(here(s), t))
        return end_stop(s);
    if (past_divergence(s))
        return end_stop(s);
    return stop_info(DBG_STOP_STEP, "at cycle %" PRIu64, s->m->clock.now);
}

struct dbg_stop_info dbg_reverse_stepi(struct dbg_session *s, uint64_t n)
{
    struct dbg_pos p = here(s);
    if (n > p.insns || p.insns - n <= s->snaps[0].snap.insns)
        return at_start(s);
    return arrived(s, (struct dbg_pos){0, p.insns - n, 0});
}

struct dbg_stop_info dbg_goto_cycle(struct dbg_session *s, uint64_t cycle)
{
    if (cycle <= s->snaps[0].snap.cycle)
        return at_start(s);
    return arrived(s, (struct dbg_pos){cycle, 0, 0});
}

/* Back to right after the latest event before here. */
struct dbg_stop_info dbg_reverse_next(struct dbg_session *s)
{
    struct dbg_pos cur = here(s);
    for (size_t k = s->log_len; k-- > 0;) {
        if (s->log[k].after_known && pos_before(s->log[k].after, cur) &&
            pos_before(snap_pos(&s->snaps[0]), s->log[k].after))
            return arrived(s, s->log[k].after);
    }
    return at_start(s);
}

/* ======================================================================
 * reverse-continue: scan history backwards, one snapshot stretch at a
 * time, for the latest hit before here
 * ====================================================================== */

static int cmp_candidates(const void *a, const void *b)
{
    const struct dbg_candidate *x = a, *y = b;
    if (x->lo != y->lo)
        return x->lo < y->lo ? -1 : 1;
    return x->pos.cycle < y->pos.cycle ? -1 : x->pos.cycle > y->pos.cycle;
}

/* The hits of the stretch from snapshot i to `end`. */
static void scan_stretch(struct dbg_session *s, size_t i, struct dbg_pos end)
{
    s->scan_len = 0;
    restore(s, i);
    s->traps.ignore_at = UINT64_MAX;
    uint64_t first = s->traps.hits;
    s->scanning = true;
    advance(s, end, false);
    s->scanning = false;
    uint64_t n = s->traps.hits;
    if (n - first > SIM_MAX_HITS)
        first = n - SIM_MAX_HITS; /* the latest ones are the ones wanted */
    for (uint64_t k = first; k < n; k++) {
        const struct sim_hit *h = &s->traps.hit[k % SIM_MAX_HITS];
        scan_push(s, &(struct dbg_candidate){
            .pos = {h->cycle, h->hi, 0}, .lo = h->lo, .exact = h->lo == h->hi || h->exact,
            .hit = *h, .id = h->id});
    }
    for (size_t k = 0; k < s->scan_len; k++)
        if (s->scan[k].event)
            s->scan[k].lo = s->scan[k].pos.insns;
    if (s->scan_len)
        qsort(s->scan, s->scan_len, sizeof *s->scan, cmp_candidates);
}

/* Goes to candidate c if it is a real stop before `cur`. */
static bool try_candidate(struct dbg_session *s, const struct dbg_candidate *c,
                          struct dbg_pos cur, struct dbg_stop_info *out)
{
    if (c->event) {
        seek(s, c->pos);
        s->hit_event = c->ev;
        s->hit_event_id = c->id;
        *out = event_stop(s);
        return pos_before(here(s), cur);
    }
    struct sim_hit h = c->hit, exact = h;
    if (h.lo == h.hi) {
        seek(s, (struct dbg_pos){h.cycle, h.hi, 0});
        *out = break_stop(&h);
        return at_break(s, &h) && pos_before(here(s), cur);
    }
    if (!h.exact && !narrow_watch(s, &h, &exact))
        return false;
    if (h.exact)
        seek(s, watch_pos(&h));
    *out = watch_stop(&exact);
    return pos_before(here(s), cur);
}

struct dbg_stop_info dbg_reverse_continue(struct dbg_session *s)
{
    struct dbg_pos cur = here(s), end = cur;
    long i = snapshot_before(s, cur);
    for (; i >= 0; i--) {
        scan_stretch(s, (size_t)i, end);
        size_t n = s->scan_len;
        struct dbg_candidate *found = malloc((n ? n : 1) * sizeof *found);
        if (!found)
            break;
        if (n)
            memcpy(found, s->scan, n * sizeof *found);
        s->scan_len = 0;
        struct dbg_stop_info st;
        for (size_t k = n; k-- > 0;) {
            if (try_candidate(s, &found[k], cur, &st)) {
                free(found);
                return st;
            }
        }
        free(found);
        end = snap_pos(&s->snaps[i]);
    }
    return at_start(s);
}

/* ======================================================================
 * opening
 * ====================================================================== */

struct dbg_session *dbg_open(struct sim_machine *m, const struct dbg_options *o,
                             const struct dbg_replay_hooks *replay, char *err,
                             unsigned errlen)
{
    struct dbg_session *s = calloc(1, sizeof *s);
    FILE *devnull = fopen("/dev/null", "w");
    if (!s || !devnull) {
        snprintf(err, errlen, "out of memory for the debugger");
        free(s);
        if (devnull)
            fclose(devnull);
        return NULL;
    }
    s->m = m;
    s->opt = *o;
    s->devnull = devnull;
    s->every = o->snapshot_every;
    s->next_id = 1;
    s->traps.ignore_at = UINT64_MAX;
    if (replay) {
        s->replay = *replay;
        s->replaying = true;
    }
    sim_machine_set_console(m, o->out);
    m->on_event = on_event;
    m->event_user = s;
    m->on_input = on_input;
    m->input_user = s;
    m->at_top = at_top;
    m->top_user = s;
    m->cpu.traps = &s->traps;
    snap_layout_init(&s->layout, m);
    port_boot(m, o->limit);
    if (s->replaying)
        s->fed = s->replay.feed(s->replay.user, m->clock.now);
    s->frontier = here(s);
    if (!take_snapshot(s)) {
        snprintf(err, errlen, "out of memory for the first snapshot (%zu bytes)",
                 snap_size(&s->layout));
        dbg_close(s);
        return NULL;
    }
    return s;
}

void dbg_close(struct dbg_session *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->num_snaps; i++)
        snap_free(&s->snaps[i].snap);
    s->m->cpu.traps = NULL;
    s->m->at_top = NULL;
    s->m->on_event = NULL;
    s->m->on_input = NULL;
    sim_machine_set_console(s->m, s->opt.out);
    sim_cpu_traps_changed(&s->m->cpu);
    free(s->snaps);
    free(s->log);
    free(s->scan);
    fclose(s->devnull);
    free(s);
}
