/* timeline.c - kernel events folded into what is active when (timeline.h). */
#include "timeline.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Calls `fn` of every sink that has it. */
#define TL_NOTIFY(tl, fn, arg)                                            \
    do {                                                                  \
        for (unsigned i_ = 0; i_ < (tl)->num_sinks; i_++)                 \
            if ((tl)->sinks[i_].fn)                                       \
                (tl)->sinks[i_].fn((tl)->sinks[i_].ctx, (arg));           \
    } while (0)

static bool check_windows(const struct rec_header *h, char *err, size_t errlen)
{
    for (uint32_t i = 0; i < h->num_windows; i++) {
        const struct rec_window *w = &h->windows[i];
        if (w->schedule >= h->num_schedules || w->partition >= h->num_partitions) {
            snprintf(err, errlen,
                     "header: window %" PRIu32 " names schedule %u and partition %u, "
                     "but there are %" PRIu32 " schedules and %" PRIu32 " partitions",
                     i, w->schedule, w->partition, h->num_schedules, h->num_partitions);
            return false;
        }
    }
    return true;
}

/* The header's windows grouped by schedule, in table order, so a window
 * event's (schedule, index) finds its row in O(1). */
static bool index_windows(struct timeline *tl)
{
    const struct rec_header *h = tl->h;
    uint32_t *fill = calloc(h->num_schedules ? h->num_schedules : 1, sizeof *fill);
    if (!fill)
        return false;
    for (uint32_t i = 0; i < h->num_windows; i++)
        tl->sched_count[h->windows[i].schedule]++;
    for (uint32_t s = 1; s < h->num_schedules; s++)
        tl->sched_first[s] = tl->sched_first[s - 1] + tl->sched_count[s - 1];
    for (uint32_t i = 0; i < h->num_windows; i++) {
        uint8_t s = h->windows[i].schedule;
        tl->by_sched[tl->sched_first[s] + fill[s]++] = i;
    }
    free(fill);
    return true;
}

bool tl_init(struct timeline *tl, const struct rec_header *h, char *err, size_t errlen)
{
    memset(tl, 0, sizeof *tl);
    tl->h = h;
    tl->cur_part = tl->cur_thread = TRACE_NONE;
    if (h->clock_hz == 0) {
        snprintf(err, errlen, "header: clock_hz is 0; cycles cannot be turned into time");
        return false;
    }
    if (!check_windows(h, err, errlen))
        return false;
    size_t ns = h->num_schedules ? h->num_schedules : 1;
    size_t nw = h->num_windows ? h->num_windows : 1;
    size_t np = h->num_partitions ? h->num_partitions : 1;
    tl->sched_first = calloc(ns, sizeof *tl->sched_first);
    tl->sched_count = calloc(ns, sizeof *tl->sched_count);
    tl->by_sched = calloc(nw, sizeof *tl->by_sched);
    tl->part_window = malloc(np * sizeof *tl->part_window);
    if (!tl->sched_first || !tl->sched_count || !tl->by_sched || !tl->part_window ||
        !index_windows(tl)) {
        tl_free(tl);
        snprintf(err, errlen, "out of memory");
        return false;
    }
    for (size_t p = 0; p < np; p++)
        tl->part_window[p] = -1;
    return true;
}

void tl_add_sink(struct timeline *tl, const struct tl_sink *sink)
{
    if (tl->num_sinks < TL_MAX_SINKS)
        tl->sinks[tl->num_sinks++] = *sink;
}

void tl_free(struct timeline *tl)
{
    free(tl->sched_first);
    free(tl->sched_count);
    free(tl->by_sched);
    free(tl->part_window);
    tl->sched_first = tl->sched_count = tl->by_sched = NULL;
    tl->part_window = NULL;
}

/* Counts the running thread's time up to `now` into the open window when
 * the thread belongs to the window's partition. */
static void account(struct timeline *tl, uint64_t now)
{
    if (now <= tl->accounted)
        return;
    if (tl->in_window && tl->cur_part == tl->win.part) {
        uint64_t from = tl->accounted > tl->win.start ? tl->accounted : tl->win.start;
        if (now > from)
            tl->win.busy += now - from;
    }
    tl->accounted = now;
}

static void close_window(struct timeline *tl, uint64_t at)
{
    account(tl, at);
    tl->win.end = at;
    tl->in_window = false;
    TL_NOTIFY(tl, window_end, &tl->win);
}

static void close_frame(struct timeline *tl, uint64_t at)
{
    tl->frame.end = at;
    tl->in_frame = false;
    TL_NOTIFY(tl, frame_end, &tl->frame);
}

/* Moves time to `now`: the open window closes when its planned end has
 * come (the kernel says nothing at a window's end). */
static void advance(struct timeline *tl, uint64_t now)
{
    if (tl->in_window && now >= tl->win.end)
        close_window(tl, tl->win.end);
    account(tl, now);
}

static bool window_begins(struct timeline *tl, const struct trace_event *ev)
{
    const struct rec_header *h = tl->h;
    uint32_t index = ev->a0 & 0xffff, sched = ev->a0 >> 16;
    if (sched >= h->num_schedules || index >= tl->sched_count[sched]) {
        snprintf(tl->error, sizeof tl->error,
                 "window event names window %" PRIu32 " of schedule %" PRIu32
                 ", which the header does not have",
                 index, sched);
        return false;
    }
    uint32_t flat = tl->by_sched[tl->sched_first[sched] + index];
    const struct rec_window *hw = &h->windows[flat];
    if (hw->partition != ev->part) {
        snprintf(tl->error, sizeof tl->error,
                 "window event gives window %" PRIu32 " of schedule %" PRIu32
                 " to partition %u, the header to partition %u",
                 index, sched, ev->part, hw->partition);
        return false;
    }
    if (tl->in_window)
        close_window(tl, ev->cycle);
    uint64_t planned = (uint64_t)ev->a2 << 32 | ev->a1;
    tl->win = (struct tl_window){.flat = flat, .index = (uint16_t)index,
                                 .schedule = (uint8_t)sched, .part = ev->part,
                                 .planned = planned, .start = ev->cycle,
                                 .end = planned + hw->duration};
    /* A window that starts after its planned end is over at once. */
    if (tl->win.end < ev->cycle)
        tl->win.end = ev->cycle;
    tl->in_window = true;
    tl->part_window[ev->part] = flat;
    TL_NOTIFY(tl, window_begin, &tl->win);
    return true;
}

static void frame_begins(struct timeline *tl, const struct trace_event *ev)
{
    if (tl->in_frame)
        close_frame(tl, ev->cycle);
    tl->frame = (struct tl_frame){.number = ev->a0, .schedule = ev->a1, .start = ev->cycle};
    tl->in_frame = true;
    tl->frames++;
}

static void thread_switch(struct timeline *tl, const struct trace_event *ev)
{
    if (tl->cur_part != TRACE_NONE) {
        struct tl_slice s = {.part = tl->cur_part, .thread = tl->cur_thread,
                             .start = tl->cur_since, .end = ev->cycle};
        TL_NOTIFY(tl, slice_end, &s);
    }
    bool idle = ev->part == TRACE_NONE || ev->thread == TRACE_NONE;
    tl->cur_part = idle ? TRACE_NONE : ev->part;
    tl->cur_thread = idle ? TRACE_NONE : ev->thread;
    tl->cur_since = ev->cycle;
}

static bool check_event(struct timeline *tl, const struct trace_event *ev)
{
    if (tl->events > 0 && ev->cycle < tl->last_cycle) {
        snprintf(tl->error, sizeof tl->error,
                 "event type %u at cycle %" PRIu64 " is earlier than the one before it "
                 "(cycle %" PRIu64 ")",
                 ev->type, ev->cycle, tl->last_cycle);
        return false;
    }
    if (ev->part != TRACE_NONE && ev->part >= tl->h->num_partitions) {
        snprintf(tl->error, sizeof tl->error,
                 "event type %u names partition %u, but the header has %" PRIu32, ev->type,
                 ev->part, tl->h->num_partitions);
        return false;
    }
    return true;
}

bool tl_feed(struct timeline *tl, const struct trace_event *ev)
{
    if (!check_event(tl, ev))
        return false;
    advance(tl, ev->cycle);
    tl->last_cycle = ev->cycle;
    tl->events++;
    switch (ev->type) {
    case TR_WINDOW:
        if (!window_begins(tl, ev))
            return false;
        break;
    case TR_FRAME:
        frame_begins(tl, ev);
        break;
    case TR_THREAD_SWITCH:
        thread_switch(tl, ev);
        break;
    case TR_LOST:
        tl->lost += ev->a0;
        break;
    default:
        break;
    }
    TL_NOTIFY(tl, event, ev);
    return true;
}

void tl_finish(struct timeline *tl, uint64_t end)
{
    if (end < tl->last_cycle)
        end = tl->last_cycle;
    if (tl->in_window && tl->win.end > end)
        tl->win.end = end;
    advance(tl, end);
    if (tl->in_window)
        close_window(tl, end);
    if (tl->cur_part != TRACE_NONE) {
        struct tl_slice s = {.part = tl->cur_part, .thread = tl->cur_thread,
                             .start = tl->cur_since, .end = end};
        TL_NOTIFY(tl, slice_end, &s);
        tl->cur_part = tl->cur_thread = TRACE_NONE;
    }
    if (tl->in_frame)
        close_frame(tl, end);
    tl->last_cycle = end;
}

const char *tl_part_name(const struct rec_header *h, unsigned part)
{
    if (part >= h->num_partitions || !h->partitions[part].name)
        return "?";
    return h->partitions[part].name;
}

void tl_process_name(const struct rec_header *h, unsigned part, unsigned thread, char *buf,
                     size_t len)
{
    if (thread == 0)
        snprintf(buf, len, "main");
    else if (part < h->num_partitions && thread <= h->partitions[part].num_processes &&
             h->partitions[part].processes[thread - 1].name)
        snprintf(buf, len, "%s", h->partitions[part].processes[thread - 1].name);
    else
        snprintf(buf, len, "t%u", thread);
}

void tl_thread_name(const struct rec_header *h, unsigned part, unsigned thread, char *buf,
                    size_t len)
{
    char proc[128];
    tl_process_name(h, part, thread, proc, sizeof proc);
    snprintf(buf, len, "%s/%s", tl_part_name(h, part), proc);
}
