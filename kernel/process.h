/*
 * process.h - ARINC 653 process semantics on top of thread.h's queues:
 * starting (now, delayed, or at the partition's NORMAL), periodic release
 * points, deadlines, suspension, waits and their wake-ups.  The system
 * calls (syscall_process.c) and the health monitor (hm.c) both act
 * through these.  docs/scheduling.md describes the model.
 */
#ifndef FENESTRA_PROCESS_H
#define FENESTRA_PROCESS_H

#include "kstate.h"

/* Process-state change events: TR_PROCESS flags. */
enum process_op {
    PROC_OP_CREATE = 0,
    PROC_OP_START = 1,      /* a0: delay (low 32 bits) */
    PROC_OP_STOP = 2,
    PROC_OP_SUSPEND = 3,
    PROC_OP_RESUME = 4,
    PROC_OP_COMPLETE = 5,   /* periodic wait: this activation is done */
    PROC_OP_RESTART = 6,
    PROC_OP_REPLENISH = 7,  /* a0, a1: the new deadline */
    PROC_OP_TIMEOUT = 8,    /* a suspension timed out */
};

/* Starts a dormant thread: in an init mode it waits for NORMAL; in NORMAL
 * an aperiodic one is ready after `delay` cycles, a periodic one is
 * released at the partition's next period start plus `delay`. */
void process_start(struct thread *t, uint64_t delay);

/* Starts the partition's error handler in front of every other ready
 * thread of its partition. */
void process_start_handler(struct thread *h);

/* Any state -> DORMANT. */
void process_stop(struct thread *t);

/* The first release point of a periodic process started now: the start
 * of the partition's next period in the current schedule. */
uint64_t process_next_period_start(const struct part *p, uint64_t now);

/* Moves the pending releases of p's periodic processes onto its periods in
 * the schedule that has just taken effect. */
void process_realign_releases(struct part *p);

/* Releases every thread waiting for NORMAL (the partition just entered it). */
void process_release_started(struct part *p, uint64_t now);

/* Handles p's sleepers due at or before now: releases, ends of delays,
 * suspension timeouts. */
void process_wake_due(struct part *p, uint64_t now);

/* Raises DEADLINE_MISSED for every thread of p whose deadline is at or
 * before now. */
void process_check_deadlines(struct part *p, uint64_t now);

/* Periodic wait: this activation is complete; wait for the next release. */
void process_periodic_wait(struct thread *t);

/* Suspension (aperiodic threads): by another, or by itself with a timeout
 * (KTIME_NEVER: none). */
void process_suspend(struct thread *t);
void process_suspend_self(struct thread *t, uint64_t until);
void process_resume(struct thread *t);

/* The public state (enum fen_process_state) of t. */
uint32_t process_state(const struct thread *t);

#endif
