/* sched.c - windows, schedules and thread choice (sched.h). */
#include "sched.h"
#include "compiler.h"

#include "abi.h"
#include "hm.h"
#include "irq.h"
#include "ktime.h"
#include "ports.h"
#include "process.h"
#include "space.h"
#include "thread.h"

/* The schedule's state, a fixed pointer into the arena. */
static struct sched *const S = &kstate.sched;

/* Finds the window covering `offset` into the frame, or the gap before the
 * next window; sets window/active and the cycle the span ends. */
static void enter_span(uint64_t offset)
{
    const struct cfg_schedule *sc = S->schedule;
    uint64_t end = sc->major_frame; /* after the last window: a gap to the frame's end */
    S->window = -1;
    S->active = -1;
    for (uint16_t i = 0; i < sc->num_windows; i++) {
        const struct cfg_window *w = &sc->windows[i];
        if (offset < w->offset) { /* a gap before window i */
            end = w->offset;
            break;
        }
        if (offset < w->offset + w->duration) {
            S->window = (int32_t)i;
            S->active = w->partition;
            end = w->offset + w->duration;
            break;
        }
    }
    S->window_end = S->frame_start + end;
}

/* A window starts: the actual cycle is the event's, the planned one its
 * arguments; in the simulator they are always equal. */
static KERNEL_SHARED void window_begins(uint64_t planned)
{
    const struct cfg_window *w = &S->schedule->windows[S->window];
    struct part *p = &kstate.parts[S->active];
    /* Only a partition in NORMAL mode has a frame's work to do. */
    p->work_pending = w->must_complete && p->mode == FEN_MODE_NORMAL;
    trace_emit3(TR_WINDOW, (uint8_t)S->active, TRACE_NONE, 0,
                (uint32_t)S->window | (uint32_t)S->schedule_id << 16,
                (uint32_t)planned, (uint32_t)(planned >> 32));
}

/* The window ending at `at`: deadlines due by then are missed, and work
 * not declared complete is an overrun. */
static void window_ends(uint64_t at)
{
    struct part *p = &kstate.parts[S->active];
    process_check_deadlines(p, at);
    if (p->work_pending) {
        p->work_pending = false;
        struct hm_detail d = {.addr = (uint32_t)S->window};
        hm_raise(p, 0, FEN_ERR_OVERRUN, &d);
    }
}

static void use_schedule(uint8_t id, uint64_t at)
{
    S->schedule = &cfg_system.schedules[id];
    S->schedule_id = S->next_schedule = id;
    S->last_switch = at;
}

static void frame_begins(void)
{
    S->frame_start += S->schedule->major_frame;
    S->frame++;
    if (S->next_schedule != S->schedule_id) {
        uint8_t old = S->schedule_id;
        use_schedule(S->next_schedule, S->frame_start);
        trace_emit(TR_SCHEDULE, TRACE_NONE, TRACE_NONE, SCHED_APPLIED,
                   S->schedule_id, old);
        for (uint8_t i = 0; CFG_HAS_PROCESSES && i < cfg_system.num_partitions; i++)
            process_realign_releases(&kstate.parts[i]); /* only processes are periodic */
    }
    trace_emit(TR_FRAME, TRACE_NONE, TRACE_NONE, 0, S->frame, S->schedule_id);
}

/* Ends the span that ends at `at` and starts the next one. */
static void begin_span(uint64_t at)
{
    if (S->window >= 0)
        window_ends(at);
    if (at >= S->frame_start + S->schedule->major_frame)
        frame_begins();
    enter_span(at - S->frame_start);
    if (S->window >= 0)
        window_begins(at);
}

void sched_start(void)
{
    uint64_t now = arch_now();
    use_schedule((uint8_t)(cfg_system.schedule - cfg_system.schedules), now);
    S->frame_start = now;
    S->frame = 0;
    S->current = 0;
    trace_emit(TR_FRAME, TRACE_NONE, TRACE_NONE, 0, 0, S->schedule_id);
    enter_span(0);
    if (S->window >= 0)
        window_begins(now);
}

void sched_request(uint8_t id)
{
    S->next_schedule = id;
    trace_emit(TR_SCHEDULE, TRACE_NONE, TRACE_NONE, SCHED_REQUESTED, id,
               S->schedule_id);
}

/* The best ready thread, unless a thread holding the preemption lock can
 * run: then it keeps the CPU (only the error handler goes before it). */
static struct thread *pick(void)
{
    if (S->active < 0)
        return 0;
    struct part *p = &kstate.parts[S->active];
    struct thread *best = thread_best(p), *owner = p->lock_owner;
    if (owner && owner->state == THREAD_READY && !owner->suspended &&
        best != p->handler)
        return owner;
    return best;
}

static uint64_t next_deadline(void)
{
    uint64_t d = S->window_end;
    if (S->active >= 0) {
        const struct part *p = &kstate.parts[S->active];
        uint64_t w = thread_next_wake(p), m = thread_next_deadline(p);
        d = w < d ? w : d;
        d = m < d ? m : d;
    }
    return d;
}

static void switch_to(struct thread *next)
{
    struct thread *prev = S->current;
    if (next == prev)
        return;
    S->current = next;
    space_switch(next);
    if (CFG_HAS_IRQ_OWNERS && next && next->irq_line != IRQ_LINE_NONE)
        irq_process_runs(next);
    if (CFG_HAS_PORTS && next && next->port_delivered != PORT_NONE)
        ports_receiver_runs(next);
    trace_emit(TR_THREAD_SWITCH, next ? next->part : TRACE_NONE,
               next ? next->local_id : TRACE_NONE, 0,
               prev ? (uint32_t)(prev->part << 8 | prev->local_id) : 0xffffu, 0);
}

void sched_reschedule(void)
{
    uint64_t now = arch_now();
    while (now >= S->window_end)
        begin_span(S->window_end);
    if (S->active >= 0) {
        struct part *p = &kstate.parts[S->active];
        process_wake_due(p, now); /* a late release may bring a passed deadline */
        process_check_deadlines(p, now);
    }
    hm_finish_entry();
    switch_to(pick());
    arch_deadline_set(next_deadline());
}
