/*
 * stats.h - a recording summed up per partition and per configured
 * window: CPU use, idle time, deadline misses, faults, overruns and window
 * start jitter, plus run totals.  Columns: docs/tracing.md.
 */
#ifndef FENESTRA_TRACE_STATS_H
#define FENESTRA_TRACE_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "timeline.h"

struct stats;

struct stats *stats_new(const struct timeline *tl, char *err, size_t errlen);
struct tl_sink stats_sink(struct stats *st);
/* Counts a record that is not a kernel event (an external input). */
void stats_input(struct stats *st, const struct rec_record *rec);
/* Prints the tables; `end` is the recording's totals (END chunk). */
void stats_print(const struct stats *st, const char *path, const struct rec_end *end,
                 FILE *out);
void stats_free(struct stats *st);

#endif
