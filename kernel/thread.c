/* thread.c - thread slots and queue discipline (see thread.h). */
#include "thread.h"
#include "compiler.h"

#include "ktime.h"
#include "object.h"
#include "space.h"
#include "waitq.h"

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

/* The guard is encoded here, off the switch path; a thread whose old guard
 * the MPU may still hold gets its new one loaded at its next switch. */
void thread_reset_context(struct thread *t)
{
    arch_context_init(&t->ctx, t->entry, t->stack_base + t->stack_size, t->arg,
                      t->exit_to);
    t->starts++;
    space_set_guard(t);
    if (kstate.sched.mpu_thread == t)
        kstate.sched.mpu_thread = 0;
}

KERNEL_SHARED void thread_add_name(struct console_line *l, const struct thread *t)
{
    const struct part *p = part_of(t);
    const char *name = t->cfg ? t->cfg->name : t == p->handler ? "error_handler" : 0;
    if (name)
        console_line_add(l, "%s/%s", p->cfg->name, name);
    else
        console_line_add(l, "%s/%u", p->cfg->name, t->local_id);
}

/* --- the ready queue --------------------------------------------------- */

static bool in_ready_queue(const struct thread *t)
{
    return t->state == THREAD_READY && !t->suspended;
}

void thread_make_ready(struct thread *t, bool front)
{
    t->state = THREAD_READY;
    t->wait = WAIT_NONE;
    if (t->suspended)
        return;
    struct ready_queue *q = &part_of(t)->ready;
    uint8_t pr = t->priority;
    if (!q->head[pr]) {
        t->next = 0;
        q->head[pr] = q->tail[pr] = t;
        q->nonempty[pr / 32] |= 1u << (pr % 32);
    } else if (front) {
        t->next = q->head[pr];
        q->head[pr] = t;
    } else {
        t->next = 0;
        q->tail[pr]->next = t;
        q->tail[pr] = t;
    }
}

/* Unlinks t from its band; the band is short (one priority), and the
 * common case, the head, is found at once. */
static void band_remove(struct ready_queue *q, struct thread *t)
{
    uint8_t pr = t->priority;
    struct thread *prev = 0;
    for (struct thread *c = q->head[pr]; c; prev = c, c = c->next) {
        if (c != t)
            continue;
        if (prev)
            prev->next = t->next;
        else
            q->head[pr] = t->next;
        if (q->tail[pr] == t)
            q->tail[pr] = prev;
        if (!q->head[pr])
            q->nonempty[pr / 32] &= ~(1u << (pr % 32));
        t->next = 0;
        return;
    }
}

KERNEL_SHARED void thread_unready(struct thread *t)
{
    if (in_ready_queue(t))
        band_remove(&part_of(t)->ready, t);
}

struct thread *thread_best(const struct part *p)
{
    for (int w = READY_LEVELS / 32 - 1; w >= 0; w--) {
        uint32_t bits = p->ready.nonempty[w];
        if (bits)
            return p->ready.head[w * 32 + 31 - __builtin_clz(bits)];
    }
    return 0;
}

void thread_set_priority(struct thread *t, uint8_t priority)
{
    bool queued = in_ready_queue(t);
    if (queued)
        band_remove(&part_of(t)->ready, t);
    t->priority = priority;
    if (queued)
        thread_make_ready(t, false);
    waitq_reorder(t);
}

void thread_yield(struct thread *t)
{
    if (!in_ready_queue(t))
        return;
    band_remove(&part_of(t)->ready, t);
    thread_make_ready(t, false);
}

/* --- the sleep queue --------------------------------------------------- */

_Static_assert(FEN_INFINITE_TIME == KTIME_NEVER, "an infinite timeout never ends");

KERNEL_SHARED uint64_t thread_wait_end(uint64_t timeout)
{
    return ktime_add_sat(arch_now(), timeout);
}

void thread_block(struct thread *t, enum thread_wait why, uint64_t until)
{
    thread_unready(t);
    t->state = THREAD_WAITING;
    t->wait = (uint8_t)why;
    if (until == KTIME_NEVER)
        return;
    trace_emit(TR_SLEEP, t->part, t->local_id, (uint8_t)why, (uint32_t)until,
               (uint32_t)(until >> 32));
    t->wake_at = until;
    t->sleeping = true;
    struct thread **link = &part_of(t)->sleeping;
    while (*link && (*link)->wake_at <= until)
        link = &(*link)->next;
    t->next = *link;
    *link = t;
}

void thread_unsleep(struct thread *t)
{
    if (!t->sleeping)
        return;
    for (struct thread **link = &part_of(t)->sleeping; *link; link = &(*link)->next) {
        if (*link == t) {
            *link = t->next;
            break;
        }
    }
    t->next = 0;
    t->sleeping = false;
}

struct thread *thread_take_due(struct part *p, uint64_t now)
{
    struct thread *t = p->sleeping;
    if (!t || t->wake_at > now)
        return 0;
    p->sleeping = t->next;
    t->next = 0;
    t->sleeping = false;
    return t;
}

uint64_t thread_next_wake(const struct part *p)
{
    return p->sleeping ? p->sleeping->wake_at : KTIME_NEVER;
}

/* --- the deadline list ------------------------------------------------- */

/* Only declared processes have a time capacity: without them every
 * deadline is KTIME_NEVER and the list stays empty. */

static void deadline_unlink(struct thread *t)
{
    for (struct thread **link = &part_of(t)->deadlines; *link; link = &(*link)->dl_next) {
        if (*link == t) {
            *link = t->dl_next;
            break;
        }
    }
    t->dl_next = 0;
}

void thread_set_deadline(struct thread *t, uint64_t deadline)
{
    if (!CFG_HAS_PROCESSES)
        return;
    if (t->deadline != KTIME_NEVER)
        deadline_unlink(t);
    t->deadline = deadline;
    if (deadline == KTIME_NEVER)
        return;
    struct thread **link = &part_of(t)->deadlines;
    while (*link && (*link)->deadline <= deadline)
        link = &(*link)->dl_next;
    t->dl_next = *link;
    *link = t;
}

struct thread *thread_take_missed(struct part *p, uint64_t now)
{
    struct thread *t = CFG_HAS_PROCESSES ? p->deadlines : 0;
    if (!t || t->deadline > now)
        return 0;
    p->deadlines = t->dl_next;
    t->dl_next = 0;
    return t;
}

uint64_t thread_next_deadline(const struct part *p)
{
    return CFG_HAS_PROCESSES && p->deadlines ? p->deadlines->deadline : KTIME_NEVER;
}

void thread_retire(struct thread *t, enum thread_state state)
{
    thread_unready(t);
    thread_unsleep(t);
    object_leave_wait(t); /* a mutex's owner gives back what t lent it */
    thread_set_deadline(t, KTIME_NEVER);
    t->state = (uint8_t)state;
    t->wait = WAIT_NONE;
    t->suspended = false;
    struct part *p = part_of(t);
    if (p->lock_owner == t) {
        p->lock_owner = 0;
        p->lock_level = 0;
    }
    mutex_release_all(t); /* to their next waiters */
}
