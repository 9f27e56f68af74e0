/*
 * vcd.h - a recording as a Value Change Dump (IEEE 1364), for gtkwave and
 * other waveform viewers.  Signals and the time scale: docs/tracing.md.
 *
 * Written as the timeline goes; the changes of one cycle are gathered and
 * written once, so a window that ends where the next begins shows no
 * glitch, and timestamps strictly increase.
 */
#ifndef FENESTRA_TRACE_VCD_H
#define FENESTRA_TRACE_VCD_H

#include <stdbool.h>
#include <stddef.h>

#include "timeline.h"

struct vcd;

/* Creates path and writes the declarations; NULL with a message naming
 * the path (or saying why the clock cannot be shown). */
struct vcd *vcd_open(const char *path, const struct timeline *tl, char *err, size_t errlen);
struct tl_sink vcd_sink(struct vcd *v);
/* Writes what is pending, up to the timeline's last cycle (after
 * tl_finish: the run's end), and closes;
 * `failure` (the reader's error) goes into a closing $comment.  False with
 * a message when a write failed.  Frees v. */
bool vcd_close(struct vcd *v, const char *failure, char *err, size_t errlen);

#endif
