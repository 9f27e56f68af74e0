/* syscall_process.c - ARINC 653 process and time services (kernel/abi.h).
 * Each call checks every argument first and changes nothing on an error. */
#include "ktime.h"
#include "object.h"
#include "part.h"
#include "process.h"
#include "space.h"
#include "syscall_impl.h"
#include "thread.h"

#define MAX_LOCK_LEVEL 16

/* The process an id names in the caller's partition, or NULL (never an
 * uncreated slot). */
static struct thread *process_arg(struct thread *t, unsigned n)
{
    struct thread *p = thread_of(sys_part(t), sys_arg(t, n));
    return p && p->state != THREAD_UNUSED ? p : 0;
}

static const struct cfg_process *declared(const struct part *p, const char *name,
                                          uint8_t *slot)
{
    if (!CFG_HAS_PROCESSES)
        return 0;
    for (uint8_t i = 0; i < p->cfg->num_processes; i++) {
        if (sys_name_equal(p->cfg->processes[i].name, name)) {
            *slot = (uint8_t)(i + 1);
            return &p->cfg->processes[i];
        }
    }
    return 0;
}

int32_t sys_create_process(struct thread *t)
{
    struct part *p = sys_part(t);
    uint32_t ua = sys_arg(t, 0);
    struct fen_process_create a;
    if (!space_user_buffer(t, FEN_SYS_CREATE_PROCESS, ua, sizeof a, SPACE_READ))
        return -FEN_INVALID_PARAM;
    arch_copy_from_user(&a, ua, sizeof a);
    a.name[FEN_NAME_MAX - 1] = 0;
    uint8_t slot;
    const struct cfg_process *c = declared(p, a.name, &slot);
    if (!c)
        return -FEN_INVALID_CONFIG;
    if (!part_in_init_mode(p))
        return -FEN_INVALID_MODE;
    if (!sys_thread_layout_ok(t, a.entry, a.stack_base, a.stack_size, a.exit_to))
        return -FEN_INVALID_PARAM;
    struct thread *n = thread_of(p, slot);
    if (n->state != THREAD_UNUSED)
        return -FEN_NO_ACTION;
    n->state = THREAD_DORMANT;
    n->entry = a.entry;
    n->arg = 0;
    n->exit_to = a.exit_to;
    n->stack_base = a.stack_base;
    n->stack_size = a.stack_size;
    n->base_priority = n->priority = c->priority;
    n->period = c->period;
    n->capacity = c->time_capacity ? c->time_capacity : KTIME_NEVER;
    trace_emit(TR_PROCESS, t->part, slot, PROC_OP_CREATE, a.entry, 0);
    return slot;
}

/* The initial thread begins only at a partition (re)start (crt0 would
 * initialise the data under the running processes), the error handler
 * only at an error. */
static int32_t start_checked(struct thread *t, uint64_t delay)
{
    struct thread *n = process_arg(t, 0);
    if (!n || n->local_id == 0 || n == sys_part(t)->handler)
        return -FEN_INVALID_PARAM;
    if (n->state != THREAD_DORMANT)
        return -FEN_NO_ACTION;
    if (delay == FEN_INFINITE_TIME || (n->period && delay >= n->period))
        return -FEN_INVALID_PARAM;
    process_start(n, delay);
    return 0;
}

int32_t sys_start(struct thread *t)
{
    return start_checked(t, 0);
}

int32_t sys_delayed_start(struct thread *t)
{
    return start_checked(t, sys_arg64(t, 2));
}

int32_t sys_stop(struct thread *t)
{
    struct thread *n = process_arg(t, 0);
    if (!n || n == t)
        return -FEN_INVALID_PARAM;
    if (n->state == THREAD_DORMANT)
        return -FEN_NO_ACTION;
    process_stop(n);
    return 0;
}

/* A handler that stops with errors still queued begins again at once. */
int32_t sys_stop_self(struct thread *t)
{
    struct part *p = sys_part(t);
    process_stop(t);
    if (t == p->handler && p->num_errors)
        process_start_handler(t);
    return 0;
}

int32_t sys_suspend(struct thread *t)
{
    struct thread *n = process_arg(t, 0);
    if (!n || n == t)
        return -FEN_INVALID_PARAM;
    if (n->state == THREAD_DORMANT || n->period || n == sys_part(t)->handler)
        return -FEN_INVALID_MODE;
    if (n->suspended)
        return -FEN_NO_ACTION;
    process_suspend(n);
    return 0;
}

int32_t sys_suspend_self(struct thread *t)
{
    uint64_t timeout = sys_arg64(t, 0);
    if (t->period || sys_part(t)->lock_level || t == sys_part(t)->handler)
        return -FEN_INVALID_MODE;
    if (timeout == 0)
        return 0;
    process_suspend_self(t, thread_wait_end(timeout));
    return 0;
}

int32_t sys_resume(struct thread *t)
{
    struct thread *n = process_arg(t, 0);
    if (!n || n == t)
        return -FEN_INVALID_PARAM;
    if (n->state == THREAD_DORMANT)
        return -FEN_INVALID_MODE;
    if (!n->suspended)
        return -FEN_NO_ACTION;
    process_resume(n);
    return 0;
}

int32_t sys_lock_preemption(struct thread *t)
{
    struct part *p = sys_part(t);
    if (p->mode != FEN_MODE_NORMAL || t == p->handler)
        return -FEN_NO_ACTION;
    if (p->lock_level && p->lock_owner != t)
        return -FEN_INVALID_MODE; /* another holds it (and was suspended) */
    if (p->lock_level >= MAX_LOCK_LEVEL)
        return -FEN_INVALID_CONFIG;
    p->lock_owner = t;
    return ++p->lock_level;
}

int32_t sys_unlock_preemption(struct thread *t)
{
    struct part *p = sys_part(t);
    if (p->lock_level == 0 || p->lock_owner != t)
        return -FEN_NO_ACTION;
    if (--p->lock_level == 0)
        p->lock_owner = 0;
    return p->lock_level;
}

int32_t sys_get_process_id(struct thread *t)
{
    char name[FEN_NAME_MAX];
    if (!sys_copy_name(t, FEN_SYS_GET_PROCESS_ID, sys_arg(t, 0), sys_arg(t, 1), name))
        return -FEN_INVALID_PARAM;
    uint8_t slot;
    if (!declared(sys_part(t), name, &slot))
        return -FEN_INVALID_CONFIG;
    return slot;
}

static uint64_t public_time(uint64_t cycles)
{
    return cycles == KTIME_NEVER ? FEN_INFINITE_TIME : cycles;
}

int32_t sys_get_process_status(struct thread *t)
{
    struct thread *n = process_arg(t, 0);
    uint32_t us = sys_arg(t, 1);
    struct fen_process_status st = {0};
    if (!n || !space_user_buffer(t, FEN_SYS_GET_PROCESS_STATUS, us, sizeof st, SPACE_WRITE))
        return -FEN_INVALID_PARAM;
    st.deadline = public_time(n->deadline);
    /* waiting for a release: the point it will be released at */
    st.release = n->state == THREAD_WAITING && n->wait == WAIT_RELEASE ? n->wake_at : n->release;
    st.period = n->period;
    st.time_capacity = public_time(n->capacity);
    st.state = process_state(n);
    st.suspended = n->suspended;
    st.current_priority = n->priority;
    st.base_priority = n->base_priority;
    st.entry = n->entry;
    st.stack_size = n->stack_size;
    const char *name = n->cfg ? n->cfg->name : "";
    for (uint32_t i = 0; i < FEN_NAME_MAX - 1 && name[i]; i++)
        st.name[i] = name[i];
    arch_copy_to_user(us, &st, sizeof st);
    return 0;
}

int32_t sys_set_priority(struct thread *t)
{
    struct thread *n = process_arg(t, 0);
    uint32_t prio = sys_arg(t, 1);
    if (!n || prio < FEN_PRIORITY_MIN || prio > FEN_PRIORITY_MAX)
        return -FEN_INVALID_PARAM;
    if (n->state == THREAD_DORMANT)
        return -FEN_INVALID_MODE;
    mutex_set_nominal(n, (uint8_t)prio); /* mutex boosts stay */
    return 0;
}

/* --- time ------------------------------------------------------------- */

/* Waits until `until`; when that has come already, a timed wait gives
 * way to the ready threads of its priority (ARINC 653's TIMED_WAIT(0)). */
static int32_t wait_until(struct thread *t, uint64_t until, bool yield_if_due)
{
    if (sys_part(t)->lock_level && sys_part(t)->lock_owner == t)
        return -FEN_INVALID_MODE;
    if (until > arch_now())
        thread_block(t, WAIT_DELAY, until);
    else if (yield_if_due)
        thread_yield(t);
    return 0;
}

int32_t sys_timed_wait(struct thread *t)
{
    uint64_t delay = sys_arg64(t, 0);
    if (delay == FEN_INFINITE_TIME)
        return -FEN_INVALID_PARAM;
    return wait_until(t, thread_wait_end(delay), true);
}

int32_t sys_sleep_until(struct thread *t)
{
    return wait_until(t, sys_arg64(t, 0), false);
}

int32_t sys_sleep_for(struct thread *t)
{
    return wait_until(t, thread_wait_end(sys_arg64(t, 0)), false);
}

int32_t sys_periodic_wait(struct thread *t)
{
    struct part *p = sys_part(t);
    if (!CFG_HAS_PROCESSES || !t->period || (p->lock_level && p->lock_owner == t) || p->mode != FEN_MODE_NORMAL)
        return -FEN_INVALID_MODE;
    process_periodic_wait(t);
    return 0;
}

/* The new deadline is budget cycles from now; a periodic process may not
 * push it past its next release point.  Only declared processes have a
 * capacity. */
int32_t sys_replenish(struct thread *t)
{
    uint64_t budget = sys_arg64(t, 0), now = arch_now();
    if (!CFG_HAS_PROCESSES || sys_part(t)->mode != FEN_MODE_NORMAL ||
        t->capacity == KTIME_NEVER)
        return -FEN_NO_ACTION; /* no capacity, no deadline to move */
    uint64_t deadline = budget == FEN_INFINITE_TIME ? KTIME_NEVER : ktime_add_sat(now, budget);
    if (t->period && deadline > t->release + t->period)
        return -FEN_INVALID_MODE;
    thread_set_deadline(t, deadline);
    trace_emit(TR_PROCESS, t->part, t->local_id, PROC_OP_REPLENISH, (uint32_t)deadline,
               (uint32_t)(deadline >> 32));
    return 0;
}
