/*
 * object.h - intra-partition objects (semaphores, events, blackboards,
 * buffers, mutexes; config.h: struct cfg_object) and the lightweight
 * lock's kernel side.  docs/communication.md describes them.
 *
 * One file per kind (sem.c, event.c, blackboard.c, buffer.c, mutex.c,
 * lwlock.c), what they share in object.c, the system calls' argument
 * checks in syscall_object.c.  The kinds' operations below are the
 * *invoke* half: their arguments were checked, and each either succeeds
 * or returns -FEN_NOT_AVAILABLE ("would have to wait") having changed
 * nothing; the caller then blocks with object_block() or refuses.
 *
 * Every object of a partition is back in its configured state whenever
 * the partition (re)starts.  Messages are copied straight between the
 * kernel's slots (msg.h) and the callers' checked buffers.
 */
#ifndef FENESTRA_OBJECT_H
#define FENESTRA_OBJECT_H

#include "abi.h"
#include "kstate.h"

/* --- every kind (object.c) ----------------------------------------------- */

/* Every object of p back to its configured initial state, no lock-word
 * waiter (p's threads have already left every queue). */
void object_reset_partition(struct part *p);

/* Object `id` of p (its index in the partition's object table) if it is
 * of `kind`, else NULL. */
struct object_state *object_of(const struct part *p, uint32_t id, uint8_t kind);

/* The id p (o's partition) knows o by. */
uint32_t object_id(const struct part *p, const struct object_state *o);

/* t waits on o until `until` (KTIME_NEVER: no timeout); blocking on a
 * mutex lends t's priority to its owner (mutex.c). */
void object_block(struct object_state *o, struct thread *t, uint64_t until);

/* The object t waits on, or NULL (not waiting, or on something else). */
struct object_state *object_waited(const struct thread *t);

/* t stops waiting without being served (a timeout, a stop): it leaves
 * its queue, whatever object that is, and a mutex's owner loses what t
 * lent it. */
void object_leave_wait(struct thread *t);

/* OBJECT_STATUS of o. */
void object_status(const struct object_state *o, struct fen_object_status *out);

/* --- semaphores (sem.c) ---------------------------------------------------- */

int32_t sem_wait(struct object_state *o);
int32_t sem_signal(struct object_state *o); /* NO_ACTION at the maximum */

/* --- events (event.c) ------------------------------------------------------ */

void event_set(struct object_state *o);
void event_reset(struct object_state *o);
int32_t event_wait(struct object_state *o);

/* --- blackboards (blackboard.c) -------------------------------------------- */

/* Shows len bytes from the caller's msg; every waiting reader gets a
 * copy in its buffer. */
void blackboard_display(struct object_state *o, uint32_t msg, uint32_t len);
/* Copies the shown message to buf: its length. */
int32_t blackboard_read(struct object_state *o, uint32_t buf);
void blackboard_clear(struct object_state *o);

/* --- buffers (buffer.c) ---------------------------------------------------- */

/* Hands the message to the first waiting receiver, or stores it. */
int32_t buffer_send(struct object_state *o, uint32_t msg, uint32_t len);
/* The oldest message into buf (its length); a waiting sender's message
 * takes the slot freed. */
int32_t buffer_receive(struct object_state *o, uint32_t buf);

/* --- mutexes (mutex.c) ----------------------------------------------------- */

/* How deep a mutex's owner may nest its locks (the preemption lock's
 * MAX_LOCK_LEVEL too). */
#define MUTEX_MAX_LOCKS 16

/* By t: INVALID_CONFIG when t runs above a ceiling mutex's ceiling or
 * already holds it MUTEX_MAX_LOCKS times. */
int32_t mutex_lock(struct object_state *o, struct thread *t);
/* By t: INVALID_MODE unless t owns it.  The last unlock hands it to the
 * highest-priority waiter. */
int32_t mutex_unlock(struct object_state *o, struct thread *t);

/* A waiter came or went, or changed priority: o's owner, and the owners
 * of the mutexes it waits for in turn, get their effective priority
 * recomputed. */
void mutex_waiters_changed(struct object_state *o);

/* t is stopped or restarted: every mutex it holds goes to its next
 * waiter, and t is back at its nominal priority. */
void mutex_release_all(struct thread *t);

/* SET_PRIORITY: t's nominal priority; the effective one keeps what t's
 * mutexes require. */
void mutex_set_nominal(struct thread *t, uint8_t priority);

/* --- lightweight locks (lwlock.c) ------------------------------------------ */

/* t waits for a wake on the lock word at `word` until `until`. */
void lwlock_block(struct thread *t, uint32_t word, uint64_t until);
/* Readies up to `max` of p's threads waiting on `word`, highest priority
 * first (FIFO among equals); returns how many. */
uint32_t lwlock_wake(struct part *p, uint32_t word, uint32_t max);

#endif
