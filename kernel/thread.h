/*
 * thread.h - thread slots and the queue discipline of a partition: the
 * ready queue (a FIFO per priority, see struct ready_queue), the sleep
 * queue (by wake-up cycle, FIFO among equals) and the deadline list (by
 * deadline, FIFO among equals).  What a thread does when it wakes or misses
 * its deadline is process.c's business; this file only keeps the order.
 */
#ifndef FENESTRA_THREAD_H
#define FENESTRA_THREAD_H

#include "console_line.h"
#include "kstate.h"

struct thread *thread_of(struct part *p, uint32_t local_id);

/* Claims the next free slot of the partition; NULL when all are taken. */
struct thread *thread_alloc(struct part *p);

/* A fresh context at the thread's entry, on an empty stack, and its guard. */
void thread_reset_context(struct thread *t);

/* -> READY, behind the ready threads of its priority (in front of them
 * when `front`); a suspended thread stays out of the queue. */
void thread_make_ready(struct thread *t, bool front);

/* Appends "partition/process" to a kernel line: the process's declared
 * name, "error_handler", or the thread's local id. */
void thread_add_name(struct console_line *l, const struct thread *t);

/* Leaves the ready queue (if in it) without changing state. */
void thread_unready(struct thread *t);

/* READY -> WAITING for `why`; on the sleep queue until `until` unless that
 * is KTIME_NEVER. */
void thread_block(struct thread *t, enum thread_wait why, uint64_t until);

/* The cycle a wait of `timeout` cycles begun now ends; FEN_INFINITE_TIME
 * (UINT64_MAX) saturates to KTIME_NEVER. */
uint64_t thread_wait_end(uint64_t timeout);

/* Leaves the sleep queue (if on it). */
void thread_unsleep(struct thread *t);

/* Leaves every queue and the deadline list; becomes `state`. */
void thread_retire(struct thread *t, enum thread_state state);

/* Changes the current priority; a ready thread goes behind the others of
 * its new priority. */
void thread_set_priority(struct thread *t, uint8_t priority);

/* Moves a ready thread behind the other ready threads of its priority. */
void thread_yield(struct thread *t);

/* The ready thread of highest priority that came first, or NULL. */
struct thread *thread_best(const struct part *p);

/* Takes the first sleeper due at or before now off the sleep queue. */
struct thread *thread_take_due(struct part *p, uint64_t now);

/* Earliest wake-up of p's sleepers, KTIME_NEVER if none. */
uint64_t thread_next_wake(const struct part *p);

/* Sets t's deadline (KTIME_NEVER: none) and its place in the list. */
void thread_set_deadline(struct thread *t, uint64_t deadline);

/* Takes the first thread whose deadline is at or before now off the
 * deadline list (its deadline field keeps the cycle it passed). */
struct thread *thread_take_missed(struct part *p, uint64_t now);

/* Earliest deadline of p's threads, KTIME_NEVER if none. */
uint64_t thread_next_deadline(const struct part *p);

#endif
