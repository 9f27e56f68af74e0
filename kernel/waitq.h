/*
 * waitq.h - threads blocked on a kernel object: a port's channel, an
 * intra-partition object, a lightweight-lock word or an IRQ line.
 *
 * A blocked thread is WAITING with wait WAIT_OBJECT, linked in exactly one
 * waitq, and on its partition's sleep queue as well when its timeout is
 * finite.  Whoever satisfies the wait takes it off with waitq_wake(); a
 * timeout (process.c) or a stop (thread_retire) takes it off with
 * waitq_remove().  The object's own data transfer (copying a message into
 * the waiter's buffer) happens before the wake, so the waiter resumes with
 * its result already in r0.
 */
#ifndef FENESTRA_WAITQ_H
#define FENESTRA_WAITQ_H

#include "kstate.h"

void waitq_init(struct waitq *q, uint8_t discipline);

/* Blocks t (the caller of a system call) on q until `until` (KTIME_NEVER:
 * no timeout).  t leaves the ready queue. */
void waitq_block(struct waitq *q, struct thread *t, uint64_t until);

/* The thread q serves first, or NULL. */
static inline struct thread *waitq_first(const struct waitq *q)
{
    return q->head;
}

/* Takes t off its queue (and the sleep queue), makes it ready and sets its
 * system-call result to rc. */
void waitq_wake(struct thread *t, int32_t rc);

/* Takes t off its queue if it is in one; its state is left alone. */
void waitq_remove(struct thread *t);

/* A waiter's priority changed: re-sorts it in a priority queue. */
void waitq_reorder(struct thread *t);

/* Number of threads in q. */
uint32_t waitq_count(const struct waitq *q);

#endif
