/* thread.c - thread lifecycle and queue discipline (see thread.h). */
#include "thread.h"

#include "ktime.h"
#include "space.h"

struct thread *thread_of(struct part *p, uint32_t local_id)
{
    if (local_id >= p->num_threads)
        return 0;
    return &kstate.threads[p->cfg->first_thread + local_id];
}

struct thread *thread_alloc(struct part *p)
{
    if (p->num_threads >= p->cfg->max_threads)
        return 0;
    struct thread *t = &kstate.threads[p->cfg->first_thread + p->num_threads];
    t->local_id = p->num_threads++;
    t->state = THREAD_DORMANT;
    return t;
}

static struct part *part_of(const struct thread *t)
{
    return &kstate.parts[t->part];
}

/* Inserts behind every thread of priority >= t's: FIFO among equals. */
static void ready_insert(struct thread *t)
{
    struct thread **link = &part_of(t)->ready;
    while (*link && (*link)->priority >= t->priority)
        link = &(*link)->next;
    t->next = *link;
    *link = t;
    t->state = THREAD_READY;
}

/* Unlinks t from whichever queue heads at *head. */
static void queue_remove(struct thread **head, struct thread *t)
{
    for (struct thread **link = head; *link; link = &(*link)->next) {
        if (*link == t) {
            *link = t->next;
            t->next = 0;
            return;
        }
    }
}

/* The guard is encoded here, off the switch path; a thread whose old guard
 * the MPU may still hold gets its new one loaded at its next switch. */
void thread_start(struct thread *t)
{
    arch_context_init(&t->ctx, t->entry, t->stack_base + t->stack_size, t->arg,
                      t->exit_to);
    space_set_guard(t);
    if (kstate.sched.mpu_thread == t)
        kstate.sched.mpu_thread = 0;
    ready_insert(t);
}

void thread_retire(struct thread *t, enum thread_state state)
{
    struct part *p = part_of(t);
    if (t->state == THREAD_READY)
        queue_remove(&p->ready, t);
    else if (t->state == THREAD_WAITING)
        queue_remove(&p->sleeping, t);
    t->state = (uint8_t)state;
}

void thread_set_priority(struct thread *t, uint8_t priority)
{
    bool ready = t->state == THREAD_READY;
    if (ready)
        queue_remove(&part_of(t)->ready, t);
    t->priority = priority;
    if (ready)
        ready_insert(t);
}

void thread_yield(struct thread *t)
{
    queue_remove(&part_of(t)->ready, t);
    ready_insert(t);
}

void thread_sleep(struct thread *t, uint64_t until)
{
    struct part *p = part_of(t);
    queue_remove(&p->ready, t);
    t->wake_at = until;
    t->state = THREAD_WAITING;
    trace_emit(TR_SLEEP, t->part, t->local_id, 0, (uint32_t)until,
               (uint32_t)(until >> 32));
    struct thread **link = &p->sleeping;
    while (*link && (*link)->wake_at <= until)
        link = &(*link)->next;
    t->next = *link;
    *link = t;
}

void thread_wake_due(struct part *p, uint64_t now)
{
    while (p->sleeping && p->sleeping->wake_at <= now) {
        struct thread *t = p->sleeping;
        p->sleeping = t->next;
        trace_emit(TR_WAKE, t->part, t->local_id, 0, (uint32_t)t->wake_at, 0);
        ready_insert(t);
    }
}

uint64_t thread_next_wake(const struct part *p)
{
    return p->sleeping ? p->sleeping->wake_at : KTIME_NEVER;
}
