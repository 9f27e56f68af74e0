/*
 * sched.h - time partitioning and thread scheduling.
 *
 * The current schedule's major frame repeats a fixed list of windows.
 * Within a window only the active partition's threads run: the best of its
 * ready queue (or the holder of its preemption lock), or nothing (idle,
 * the time still belongs to the window).  Outside any window (a gap) the
 * CPU idles.  Every boundary, wake-up and deadline is a deadline on the
 * arch clock, so each happens at its exact cycle.  A partition's timers
 * and deadlines are looked at only while it is active, so nothing of it
 * ever runs in another partition's window; what fell due meanwhile is
 * handled when its window begins.  A schedule switch takes effect at the
 * next major-frame boundary.
 */
#ifndef FENESTRA_SCHED_H
#define FENESTRA_SCHED_H

#include "kstate.h"

/* Begins a major frame of the initial schedule at the current cycle. */
void sched_start(void);

/* Brings windows, wake-ups and deadlines up to the current cycle, picks
 * the thread to run and arms the next deadline.  Called at the end of
 * every kernel entry. */
void sched_reschedule(void);

/* Asks for schedule `id` (checked by the caller) from the next major
 * frame on. */
void sched_request(uint8_t id);

/* TR_SCHEDULE flags. */
enum { SCHED_REQUESTED = 0, SCHED_APPLIED = 1 };

#endif
