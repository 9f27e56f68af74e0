/*
 * perfetto.h - a recording as Chrome trace-event JSON (the "traceEvents"
 * format that ui.perfetto.dev and chrome://tracing open).  Tracks and
 * names: docs/tracing.md.
 *
 * Written as the timeline goes (fprintf, no document in memory): what it
 * keeps is a few bits per thread and a word per partition.
 */
#ifndef FENESTRA_TRACE_PERFETTO_H
#define FENESTRA_TRACE_PERFETTO_H

#include <stdbool.h>
#include <stddef.h>

#include "timeline.h"

struct perfetto;

/* Creates path and writes the file's head; NULL with a message naming the
 * path.  The exporter reads tl's state from its callbacks. */
struct perfetto *pf_open(const char *path, const struct timeline *tl, char *err,
                         size_t errlen);
/* The callbacks to give tl_add_sink. */
struct tl_sink pf_sink(struct perfetto *pf);
/* Writes the tail and closes; `failure` NULL for a whole recording, else
 * the reader's error, recorded in the file so it reads as incomplete.
 * False with a message when a write failed.  Frees pf. */
bool pf_close(struct perfetto *pf, const char *failure, char *err, size_t errlen);

#endif
