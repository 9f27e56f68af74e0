/* mutex.c - mutexes (see object.h): one owner, a lock count (value), the
 * waiters by priority, and the owner's effective priority.
 *
 * A thread's effective priority (thread.priority) is the highest of its
 * nominal priority (its start priority, or SET_PRIORITY's) and what each
 * mutex it holds demands: a ceiling mutex its ceiling, an inheritance
 * mutex the priority of its first (highest) waiter.  It is recomputed
 * whenever one of those changes; a change of a thread that itself waits
 * for a mutex moves it in that queue and goes on to that mutex's owner,
 * and so along a chain of owners.  Every change is a TR_PRIORITY event. */
#include "object.h"

#include "thread.h"
#include "waitq.h"

/* What holding o demands of its owner's priority. */
static uint8_t demand(const struct object_state *o)
{
    if (o->cfg->protocol == CFG_MUTEX_CEILING)
        return o->cfg->ceiling;
    const struct thread *w = waitq_first(&o->waiters);
    return w ? w->priority : 0;
}

static uint8_t effective(const struct thread *t)
{
    uint8_t p = t->nominal_priority;
    for (const struct object_state *o = CFG_HAS_OBJECTS ? t->held : 0; o; o = o->next_held)
        if (demand(o) > p)
            p = demand(o);
    return p;
}

/* t's effective priority becomes `prio` because of mutex `why`.  A raised
 * thread goes behind the ready threads of its new priority, a lowered one
 * in front of them: giving a boost back does not cost it its turn. */
static void set_effective(struct thread *t, uint8_t prio, const struct object_state *why)
{
    uint8_t old = t->priority;
    if (prio == old)
        return;
    trace_emit3(TR_PRIORITY, t->part, t->local_id, 0, prio, old,
                object_id(&kstate.parts[t->part], why));
    bool queued = t->state == THREAD_READY && !t->suspended;
    thread_unready(t);
    t->priority = prio;
    if (queued)
        thread_make_ready(t, prio < old);
    waitq_reorder(t);
}

/* The bound only stops a deadlock's cycle of owners, whose boosts then
 * stay as they are. */
void mutex_waiters_changed(struct object_state *o)
{
    for (uint32_t n = 0; o && o->owner && n < CFG_NUM_THREADS; n++) {
        struct thread *t = o->owner;
        uint8_t want = effective(t);
        if (want == t->priority)
            return;
        set_effective(t, want, o);
        o = object_waited(t);
        if (o && o->cfg->kind != CFG_OBJ_MUTEX)
            return;
    }
}

static void take(struct object_state *o, struct thread *t)
{
    o->owner = t;
    o->value = 1;
    o->next_held = t->held;
    t->held = o;
    set_effective(t, effective(t), o);
}

static void unlink_held(struct thread *t, struct object_state *o)
{
    for (struct object_state **link = &t->held; *link; link = &(*link)->next_held) {
        if (*link == o) {
            *link = o->next_held;
            break;
        }
    }
    o->next_held = 0;
}

/* The owner lets go: it drops to what its other mutexes demand, and the
 * first waiter, if any, owns o. */
static void release(struct object_state *o)
{
    struct thread *t = o->owner;
    unlink_held(t, o);
    o->owner = 0;
    o->value = 0;
    set_effective(t, effective(t), o);
    struct thread *w = waitq_first(&o->waiters);
    if (w) {
        waitq_wake(w, 0);
        take(o, w);
    }
}

int32_t mutex_lock(struct object_state *o, struct thread *t)
{
    if (o->owner == t) {
        if (o->value >= MUTEX_MAX_LOCKS)
            return -FEN_INVALID_CONFIG;
        o->value++;
        return 0;
    }
    if (o->cfg->protocol == CFG_MUTEX_CEILING && t->priority > o->cfg->ceiling)
        return -FEN_INVALID_CONFIG;
    if (o->owner)
        return -FEN_NOT_AVAILABLE;
    take(o, t);
    return 0;
}

int32_t mutex_unlock(struct object_state *o, struct thread *t)
{
    if (o->owner != t)
        return -FEN_INVALID_MODE;
    if (--o->value == 0)
        release(o);
    return 0;
}

void mutex_release_all(struct thread *t)
{
    while (CFG_HAS_OBJECTS && t->held)
        release(t->held);
}

/* ARINC 653's SET_PRIORITY puts the process behind the ready processes
 * of its (effective) priority even when that did not change. */
void mutex_set_nominal(struct thread *t, uint8_t priority)
{
    t->nominal_priority = priority;
    thread_set_priority(t, effective(t));
    struct object_state *o = CFG_HAS_OBJECTS ? object_waited(t) : 0;
    if (o && o->cfg->kind == CFG_OBJ_MUTEX)
        mutex_waiters_changed(o);
}
