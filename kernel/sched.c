/* sched.c - the major-frame window schedule and thread choice (sched.h). */
#include "sched.h"

#include "ktime.h"
#include "space.h"
#include "thread.h"

/* The schedule's state, a fixed pointer into the arena. */
static struct sched *const S = &kstate.sched;

/* Finds the window covering `offset` into the frame, or the gap before the
 * next window; sets window/active and the cycle the span ends. */
static void enter_span(uint64_t offset)
{
    const struct cfg_schedule *sc = S->schedule;
    for (uint16_t i = 0; i < sc->num_windows; i++) {
        const struct cfg_window *w = &sc->windows[i];
        if (offset < w->offset) {
            S->window = -1;
            S->active = -1;
            S->window_end = S->frame_start + w->offset;
            return;
        }
        if (offset < w->offset + w->duration) {
            S->window = (int32_t)i;
            S->active = w->partition;
            S->window_end = S->frame_start + w->offset + w->duration;
            return;
        }
    }
    S->window = -1;
    S->active = -1;
    S->window_end = S->frame_start + sc->major_frame;
}

/* Starts the window (or gap) that begins at the cycle `at`, and lets the
 * newly active partition's overdue sleepers in. */
static void begin_span(uint64_t at)
{
    if (at >= S->frame_start + S->schedule->major_frame) {
        S->frame_start += S->schedule->major_frame;
        S->frame++;
        trace_emit(TR_FRAME, TRACE_NONE, TRACE_NONE, 0, S->frame, 0);
    }
    enter_span(at - S->frame_start);
    if (S->window >= 0) {
        trace_emit(TR_WINDOW, (uint8_t)S->active, TRACE_NONE, 0,
                   (uint32_t)S->window, (uint32_t)at);
        thread_wake_due(&kstate.parts[S->active], at);
    }
}

void sched_start(void)
{
    S->schedule = cfg_system.schedule;
    S->frame_start = arch_now();
    S->frame = 0;
    S->current = 0;
    trace_emit(TR_FRAME, TRACE_NONE, TRACE_NONE, 0, 0, 0);
    enter_span(0);
    if (S->window >= 0)
        trace_emit(TR_WINDOW, (uint8_t)S->active, TRACE_NONE, 0,
                   (uint32_t)S->window, (uint32_t)S->frame_start);
    sched_reschedule();
}

static struct thread *pick(void)
{
    if (S->active < 0)
        return 0;
    return kstate.parts[S->active].ready;
}

static uint64_t next_deadline(void)
{
    uint64_t d = S->window_end;
    if (S->active >= 0) {
        uint64_t w = thread_next_wake(&kstate.parts[S->active]);
        if (w < d)
            d = w;
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
    trace_emit(TR_THREAD_SWITCH, next ? next->part : TRACE_NONE,
               next ? next->local_id : TRACE_NONE, 0,
               prev ? (uint32_t)(prev->part << 8 | prev->local_id) : 0xffffu, 0);
}

void sched_reschedule(void)
{
    uint64_t now = arch_now();
    while (now >= S->window_end)
        begin_span(S->window_end);
    if (S->active >= 0)
        thread_wake_due(&kstate.parts[S->active], now);
    switch_to(pick());
    arch_deadline_set(next_deadline());
}
