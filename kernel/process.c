/* process.c - ARINC 653 processes (see process.h). */
#include "process.h"

#include "abi.h"
#include "hm.h"
#include "ktime.h"
#include "object.h"
#include "part.h"
#include "ports.h"
#include "thread.h"
#include "waitq.h"

static struct part *part_of(const struct thread *t)
{
    return &kstate.parts[t->part];
}

static void emit_op(const struct thread *t, enum process_op op, uint64_t v)
{
    trace_emit(TR_PROCESS, t->part, t->local_id, (uint8_t)op, (uint32_t)v,
               (uint32_t)(v >> 32));
}

/* The first start of one of p's periods in the current schedule at or
 * after `at`: its periods begin at first_offset into the frame and every
 * period after (and before) that. */
static uint64_t period_start_from(const struct part *p, uint64_t at)
{
    const struct sched *s = &kstate.sched;
    const struct cfg_sched_part *sp = &s->schedule->parts[part_index(p)];
    uint64_t period = sp->period, first = s->frame_start + sp->first_offset;
    if (period == 0)
        return at; /* idle in this schedule: nothing to align with */
    if (at <= first)
        return first - (first - at) / period * period;
    return first + (at - first + period - 1) / period * period;
}

uint64_t process_next_period_start(const struct part *p, uint64_t now)
{
    return period_start_from(p, now + 1);
}

/* A periodic process's releases are its partition's period starts (in
 * the schedule in force) shifted by its start delay: after a schedule
 * switch they follow the new schedule's periods. */
static uint64_t next_release_from(const struct thread *t, uint64_t at)
{
    return period_start_from(part_of(t), at - t->start_delay) + t->start_delay;
}

void process_realign_releases(struct part *p)
{
    for (uint8_t i = 0; i < p->num_threads; i++) {
        struct thread *t = thread_of(p, i);
        if (!t->period || !t->sleeping || t->wait != WAIT_RELEASE)
            continue;
        uint64_t at = next_release_from(t, t->wake_at);
        if (at == t->wake_at)
            continue;
        thread_unsleep(t);
        thread_block(t, WAIT_RELEASE, at);
    }
}

/* A release: the activation's deadline is its capacity after the release
 * point. */
static void release(struct thread *t, uint64_t at)
{
    t->release = at;
    thread_set_deadline(t, ktime_add_sat(at, t->capacity));
    trace_emit3(TR_RELEASE, t->part, t->local_id, 0, (uint32_t)at,
                (uint32_t)(at >> 32), (uint32_t)t->deadline);
    thread_make_ready(t, false);
}

/* NORMAL mode: the thread's first release. */
static void start_normal(struct thread *t, uint64_t now, uint64_t delay)
{
    bool periodic = CFG_HAS_PROCESSES && t->period; /* only declared ones are */
    uint64_t at = periodic ? process_next_period_start(part_of(t), now) : now;
    at = ktime_add_sat(at, delay);
    if (at <= now) {
        release(t, now);
        return;
    }
    thread_block(t, WAIT_RELEASE, at);
}

void process_start(struct thread *t, uint64_t delay)
{
    thread_reset_context(t);
    t->priority = t->nominal_priority = t->base_priority;
    t->suspended = false;
    t->irq_line = IRQ_LINE_NONE; /* no delivery of a former life counts */
    t->port_delivered = PORT_NONE;
    t->start_delay = delay;
    emit_op(t, PROC_OP_START, delay);
    if (part_in_init_mode(part_of(t)) && t->local_id != 0 && t != part_of(t)->handler) {
        t->state = THREAD_WAITING;
        t->wait = WAIT_NORMAL;
        return;
    }
    start_normal(t, arch_now(), delay);
}

void process_start_handler(struct thread *h)
{
    process_start(h, 0);
    thread_unready(h);
    thread_make_ready(h, true);
}

void process_stop(struct thread *t)
{
    thread_retire(t, THREAD_DORMANT);
    emit_op(t, PROC_OP_STOP, 0);
}

void process_release_started(struct part *p, uint64_t now)
{
    for (uint8_t i = 0; i < p->num_threads; i++) {
        struct thread *t = thread_of(p, i);
        if (t->state == THREAD_WAITING && t->wait == WAIT_NORMAL)
            start_normal(t, now, t->start_delay);
    }
}

static void wake(struct thread *t)
{
    switch (t->wait) {
    case WAIT_RELEASE:
        release(t, t->wake_at);
        break;
    case WAIT_OBJECT:
        if (CFG_HAS_PORTS)
            ports_wait_timed_out(t); /* a refused send is an overflow */
        object_leave_wait(t); /* and a mutex's owner gives back its boost */
        arch_syscall_return(&t->ctx, (uint32_t)-FEN_TIMED_OUT);
        trace_emit(TR_WAKE, t->part, t->local_id, 1, (uint32_t)t->wake_at, 0);
        thread_make_ready(t, false);
        break;
    case WAIT_SUSPEND:
        t->suspended = false;
        arch_syscall_return(&t->ctx, (uint32_t)-FEN_TIMED_OUT);
        emit_op(t, PROC_OP_TIMEOUT, 0);
        thread_make_ready(t, false);
        break;
    default:
        trace_emit(TR_WAKE, t->part, t->local_id, 0, (uint32_t)t->wake_at, 0);
        thread_make_ready(t, false);
        break;
    }
}

void process_wake_due(struct part *p, uint64_t now)
{
    struct thread *t;
    while ((t = thread_take_due(p, now)) != 0)
        wake(t);
}

void process_check_deadlines(struct part *p, uint64_t now)
{
    struct thread *t;
    if (!CFG_HAS_PROCESSES)
        return; /* no deadlines */
    while ((t = thread_take_missed(p, now)) != 0) {
        struct hm_detail d = {.addr = (uint32_t)t->deadline,
                              .pc = (uint32_t)(t->deadline >> 32)};
        hm_raise(p, t, FEN_ERR_DEADLINE_MISSED, &d);
    }
}

void process_periodic_wait(struct thread *t)
{
    uint64_t next = next_release_from(t, t->release + t->period);
    emit_op(t, PROC_OP_COMPLETE, next);
    thread_set_deadline(t, KTIME_NEVER);
    thread_block(t, WAIT_RELEASE, next);
}

void process_suspend(struct thread *t)
{
    thread_unready(t);
    t->suspended = true;
    emit_op(t, PROC_OP_SUSPEND, 0);
}

void process_suspend_self(struct thread *t, uint64_t until)
{
    emit_op(t, PROC_OP_SUSPEND, until);
    thread_block(t, WAIT_SUSPEND, until);
    t->suspended = true;
}

/* A self-suspension ends with result 0; a suspension by another leaves
 * whatever the thread waits for (a delay, say) in place. */
void process_resume(struct thread *t)
{
    emit_op(t, PROC_OP_RESUME, 0);
    t->suspended = false;
    if (t->state == THREAD_WAITING && t->wait == WAIT_SUSPEND) {
        thread_unsleep(t);
        thread_make_ready(t, false);
    } else if (t->state == THREAD_READY) {
        thread_make_ready(t, false);
    }
}

uint32_t process_state(const struct thread *t)
{
    if (t->state == THREAD_READY && !t->suspended)
        return kstate.sched.current == t ? FEN_PROCESS_RUNNING : FEN_PROCESS_READY;
    if (t->state == THREAD_READY || t->state == THREAD_WAITING)
        return FEN_PROCESS_WAITING;
    return FEN_PROCESS_DORMANT;
}
