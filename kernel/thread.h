/*
 * thread.h - threads and the per-partition ready and sleep queues.
 *
 * A partition's ready queue is sorted by priority, FIFO among equals; its
 * head is the thread that runs while the partition's window is active.
 * The sleep queue is sorted by wake-up cycle, FIFO among equal cycles.
 */
#ifndef FENESTRA_THREAD_H
#define FENESTRA_THREAD_H

#include "kstate.h"

struct thread *thread_of(struct part *p, uint32_t local_id);

/* Claims the next free slot of the partition; NULL when all are taken. */
struct thread *thread_alloc(struct part *p);

/* DORMANT -> READY: fresh context at the thread's entry. */
void thread_start(struct thread *t);

/* Leaves every queue and becomes `state` (DORMANT or STOPPED). */
void thread_retire(struct thread *t, enum thread_state state);

void thread_set_priority(struct thread *t, uint8_t priority);

/* Moves the head behind the other ready threads of its priority. */
void thread_yield(struct thread *t);

/* READY -> WAITING until the cycle `until`. */
void thread_sleep(struct thread *t, uint64_t until);

/* Makes every sleeper of p due at or before now ready, in wake order. */
void thread_wake_due(struct part *p, uint64_t now);

/* Earliest wake-up of p's sleepers, KTIME_NEVER if none. */
uint64_t thread_next_wake(const struct part *p);

#endif
