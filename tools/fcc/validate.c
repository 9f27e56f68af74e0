/*
 * validate.c - cross checks: windows against partitions and the major
 * frame, the memory model (memory.c), stacks against data regions; then
 * the derived values the tables need.
 */
#include "validate.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memory.h"

/* ------------------------------------------------------------------------
 * Windows and partitions
 * --------------------------------------------------------------------- */

static void partition_list(const struct fcc_app *a, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < a->num_partitions; i++)
        if (a->partitions[i].name)
            fcc_list_append(buf, size, a->partitions[i].name);
}

static void resolve_windows(struct fcc_app *a)
{
    char names[512];
    partition_list(a, names, sizeof(names));
    for (size_t i = 0; i < a->num_windows; i++) {
        struct fcc_window *w = &a->windows[i];
        if (!w->partition)
            continue;
        w->part = fcc_app_find_partition(a, w->partition);
        if (w->part < 0)
            fcc_src_error(&a->src, w->partition_at, "window names unknown "
                          "partition '%s' (partitions: %s)", w->partition,
                          names);
    }
}

static void check_every_partition_scheduled(const struct fcc_app *a)
{
    for (size_t i = 0; i < a->num_partitions; i++) {
        const struct fcc_partition *p = &a->partitions[i];
        size_t j = 0;
        while (j < a->num_windows && a->windows[j].part != (int)i)
            j++;
        bool first = p->name && fcc_app_find_partition(a, p->name) == (int)i;
        if (first && j == a->num_windows) /* duplicates: reported already */
            fcc_src_error(&a->src, p->at, "partition '%s' has no window in "
                          "the schedule", p->name);
    }
}

/* ------------------------------------------------------------------------
 * Times
 * --------------------------------------------------------------------- */

/* t in cycles at hz, or false after an error at `at` naming key, the
 * time and the clock. */
static bool to_cycles(const struct fcc_app *a, struct fcc_loc at,
                      const char *key, struct fcc_time t, uint64_t hz,
                      uint64_t *cycles)
{
    enum fcc_units_rc rc = fcc_time_to_cycles(t, hz, cycles);
    const char *unit = fcc_time_unit_name(t.unit);
    if (rc == FCC_UNITS_INEXACT)
        fcc_src_error(&a->src, at, "'%s' %" PRIu64 "%s is not a whole number "
                      "of cycles at clock_hz %" PRIu64 " (use a multiple of "
                      "%" PRIu64 "%s)", key, t.value, unit, hz,
                      fcc_time_granule(t.unit, hz), unit);
    else if (rc != FCC_UNITS_OK)
        fcc_src_error(&a->src, at, "'%s' %" PRIu64 "%s is more than 2^64-1 "
                      "cycles at clock_hz %" PRIu64, key, t.value, unit, hz);
    return rc == FCC_UNITS_OK;
}

static void convert_times(struct fcc_app *a, uint64_t hz)
{
    if (a->has_frame && !to_cycles(a, a->major_frame_at, "major_frame",
                                   a->major_frame_t, hz, &a->major_frame))
        a->major_frame = 0;
    for (size_t i = 0; i < a->num_windows; i++) {
        struct fcc_window *w = &a->windows[i];
        if (!w->times_ok)
            continue;
        bool ok = to_cycles(a, w->offset_at, "offset", w->offset_t, hz,
                            &w->offset);
        ok &= to_cycles(a, w->duration_at, "duration", w->duration_t, hz,
                        &w->duration);
        w->cycles_ok = ok && w->duration > 0;
    }
}

/* "[ping 0ms..5ms]" with both ends in `unit`. */
static void window_label(const struct fcc_window *w, enum fcc_time_unit unit,
                         uint64_t hz, char *buf, size_t size)
{
    char from[32], to[32];
    fcc_format_time(w->offset, unit, hz, from, sizeof(from));
    fcc_format_time(w->offset + w->duration, unit, hz, to, sizeof(to));
    snprintf(buf, size, "[%s %s..%s]", w->partition ? w->partition : "?",
             from, to);
}

/* Marks (cycles_ok = false) and reports windows ending after the frame,
 * so that the overlap check only sees windows inside it. */
static void check_in_frame(struct fcc_app *a, uint64_t hz)
{
    for (size_t i = 0; i < a->num_windows; i++) {
        struct fcc_window *w = &a->windows[i];
        if (!w->cycles_ok || (w->offset <= a->major_frame &&
                              w->duration <= a->major_frame - w->offset))
            continue;
        w->cycles_ok = false;
        uint64_t t[2] = { w->offset, a->major_frame };
        enum fcc_time_unit u = fcc_common_unit(t, 2, hz);
        char label[96], frame[32];
        window_label(w, u, hz, label, sizeof(label));
        fcc_format_time(a->major_frame, u, hz, frame, sizeof(frame));
        fcc_src_error(&a->src, w->at, "window %s ends after the major frame "
                      "of %s", label, frame);
    }
}

static void report_window_overlap(const struct fcc_app *a,
                                  const struct fcc_window *w,
                                  const struct fcc_window *o, uint64_t hz)
{
    uint64_t t[4] = { w->offset, w->offset + w->duration, o->offset,
                      o->offset + o->duration };
    enum fcc_time_unit u = fcc_common_unit(t, 4, hz);
    char lw[96], lo[96];
    window_label(w, u, hz, lw, sizeof(lw));
    window_label(o, u, hz, lo, sizeof(lo));
    fcc_src_error(&a->src, w->at, "window %s overlaps window %s (declared at "
                  "%d:%d)", lw, lo, o->at.line, o->at.col);
}

/* Each pair once, reported at the one declared later. */
static void check_window_overlaps(const struct fcc_app *a, uint64_t hz)
{
    for (size_t i = 0; i < a->num_windows; i++)
        for (size_t j = 0; j < i; j++) {
            const struct fcc_window *w = &a->windows[i], *o = &a->windows[j];
            if (w->cycles_ok && o->cycles_ok &&
                w->offset < o->offset + o->duration &&
                o->offset < w->offset + w->duration)
                report_window_overlap(a, w, o, hz);
        }
}

static void check_schedule(struct fcc_app *a, uint64_t hz)
{
    convert_times(a, hz);
    if (a->major_frame == 0)
        return;
    check_in_frame(a, hz);
    check_window_overlaps(a, hz);
}

/* ------------------------------------------------------------------------
 * Memory
 * --------------------------------------------------------------------- */

static void check_stacks(const struct fcc_app *a)
{
    for (size_t i = 0; i < a->num_partitions; i++) {
        const struct fcc_partition *p = &a->partitions[i];
        if (p->stack_size == 0 || p->data < 0)
            continue;
        const struct fcc_region *r = &p->regions[p->data];
        if (p->stack_size <= r->size)
            continue;
        char stack[32], size[32];
        fcc_format_size(p->stack_size, stack, sizeof(stack));
        fcc_format_size(r->size, size, sizeof(size));
        fcc_src_error(&a->src, p->stack_at, "stack_size %s is larger than "
                      "data region '%s' (%s)", stack, r->name, size);
    }
}

/* ------------------------------------------------------------------------
 * Derived values
 * --------------------------------------------------------------------- */

static void assign_threads(struct fcc_app *a)
{
    unsigned next = 0;
    for (size_t i = 0; i < a->num_partitions; i++) {
        a->partitions[i].first_thread = next;
        next += (unsigned)a->partitions[i].max_threads;
    }
}

void fcc_validate(struct fcc_app *a, const struct fcc_board *b)
{
    resolve_windows(a);
    check_every_partition_scheduled(a);
    if (b && b->clock_hz > 0)
        check_schedule(a, b->clock_hz);
    fcc_check_memory(a, b);
    check_stacks(a);
    assign_threads(a);
}

struct sort_key {
    uint64_t offset;
    size_t index;
};

static int by_offset(const void *x, const void *y)
{
    const struct sort_key *a = x, *b = y;
    if (a->offset != b->offset)
        return a->offset < b->offset ? -1 : 1;
    return a->index < b->index ? -1 : (a->index > b->index);
}

bool fcc_window_order(const struct fcc_app *a, size_t *order)
{
    struct sort_key *keys = malloc(a->num_windows * sizeof(*keys) + 1);
    if (!keys)
        return false;
    for (size_t i = 0; i < a->num_windows; i++)
        keys[i] = (struct sort_key){ a->windows[i].offset, i };
    qsort(keys, a->num_windows, sizeof(*keys), by_offset);
    for (size_t i = 0; i < a->num_windows; i++)
        order[i] = keys[i].index;
    free(keys);
    return true;
}
