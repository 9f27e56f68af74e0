/*
 * schedule.h - the app's schedules: `schedules:` (or the single
 * `schedule:`, which becomes one schedule named "default"), their windows
 * and idle lists, the rules on them, and where each partition's time lies
 * in each schedule (its period).
 */
#ifndef FCC_SCHEDULE_H
#define FCC_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "schema.h"

struct fcc_app;

struct fcc_window {
    const char *partition; /* NULL when missing */
    struct fcc_time offset_t;
    struct fcc_time duration_t;
    bool times_ok;         /* offset_t and duration_t parsed */
    bool must_complete;
    int part;              /* index, set by the checks; -1 unknown */
    uint64_t offset;       /* cycles, set by the checks */
    uint64_t duration;     /* cycles, set by the checks */
    bool cycles_ok;        /* offset and duration converted */
    struct fcc_loc at;
    struct fcc_loc partition_at;
    struct fcc_loc offset_at;
    struct fcc_loc duration_at;
};

/* An entry of a schedule's `idle` list. */
struct fcc_idle {
    const char *partition; /* NULL when not a scalar */
    int part;              /* index, set by the checks; -1 unknown */
    struct fcc_loc at;
};

/* Where a partition's time lies in a schedule, in cycles (struct
 * cfg_sched_part): its windows repeat every `period` (0: idle), the first
 * at first_offset, with `duration` of window time per period. */
struct fcc_sched_part {
    uint64_t period;
    uint64_t first_offset;
    uint64_t duration;
};

/* A window as the period computation sees it. */
struct fcc_span {
    uint64_t offset;
    uint64_t duration;
};

struct fcc_schedule {
    const char *name;      /* NULL when missing or invalid */
    struct fcc_loc at;
    struct fcc_loc name_at;
    bool has_frame;        /* major_frame_t parsed */
    struct fcc_time major_frame_t;
    uint64_t major_frame;  /* cycles, set by the checks; 0 if unknown */
    struct fcc_loc major_frame_at;
    size_t num_windows;
    struct fcc_window *windows;
    size_t num_idle;
    struct fcc_idle *idle;
    struct fcc_sched_part *parts; /* [num_partitions], set by the checks
                                     when the schedule is valid; else NULL */
};

#define FCC_MAX_SCHEDULES 255 /* cfg_system.num_schedules is a uint8_t */
#define FCC_MAX_WINDOWS 65535 /* cfg_schedule.num_windows is a uint16_t */

/* Reads `schedule` or `schedules` and `initial_schedule` into a, with the
 * rules that need no board and no partition. */
void fcc_schedules_parse(struct fcc_app *a);

/* Resolves partition names, checks every schedule against the partitions
 * and, with the board clock hz (0: unknown, times unchecked), converts
 * times to cycles, checks them and computes each schedule's parts. */
void fcc_schedules_check(struct fcc_app *a, uint64_t hz);

void fcc_schedules_free(struct fcc_app *a);

/* Fills order[0..s->num_windows) with window indices sorted by offset
 * (ties by declaration order).  False when out of memory. */
bool fcc_window_order(const struct fcc_schedule *s, size_t *order);

/* The time of a partition whose n windows w[] (sorted by offset, inside
 * a frame of mf cycles, n = 0: idle) are its windows in a schedule:
 * period = mf/k for the largest k dividing n such that shifting every
 * window by mf/k (mod mf) gives the same windows; first_offset = the
 * first window's offset; duration = the windows' total / k. */
struct fcc_sched_part fcc_sched_part_of(const struct fcc_span *w, size_t n,
                                        uint64_t mf);

#endif
