/*
 * sched.h - time partitioning and thread scheduling.
 *
 * The major frame repeats a fixed list of windows.  Within a window only
 * the active partition's threads run: the head of its ready queue, or
 * nothing (idle, the time still belongs to the window).  Outside any window
 * (a gap in the frame) the CPU idles.  Every boundary and wake-up is a
 * deadline on the arch clock, so they happen at their exact cycle.
 */
#ifndef FENESTRA_SCHED_H
#define FENESTRA_SCHED_H

#include "kstate.h"

/* Begins the first major frame at the current cycle. */
void sched_start(void);

/* Brings windows and wake-ups up to the current cycle, picks the thread to
 * run and arms the next deadline.  Called at the end of every kernel entry. */
void sched_reschedule(void);

#endif
