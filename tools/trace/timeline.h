/*
 * timeline.h - kernel events folded into "what is active when": the
 * window, the frame, the thread on the CPU, and how long a thread of the
 * window's partition ran in it.  The three consumers (perfetto.c, vcd.c,
 * stats.c) read this one model instead of each re-deriving windows and
 * slices from the raw events, so they always agree.
 *
 * The model streams: it keeps the current window, frame and thread and a
 * few words per partition, never anything that grows with the run.
 *
 * A window ends at its planned end (planned start + its duration in the
 * header's window table), or earlier when the next window begins; the
 * kernel emits no event for a window's end.  A frame ends when the next
 * one begins.  Whatever is open when the recording ends is closed at the
 * run's end cycle (tl_finish).
 */
#ifndef FENESTRA_TRACE_TIMELINE_H
#define FENESTRA_TRACE_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "recording.h"

/* One occurrence of a configured window. */
struct tl_window {
    uint32_t flat;      /* index in rec_header.windows */
    uint16_t index;     /* index in its schedule (TR_WINDOW a0) */
    uint8_t schedule;
    uint8_t part;
    uint64_t planned;   /* planned start (TR_WINDOW a1, a2) */
    uint64_t start;     /* actual start: the event's cycle */
    uint64_t end;       /* exclusive; planned end until the window closes */
    uint64_t busy;      /* cycles a thread of `part` ran in [start, end) */
};

struct tl_frame {
    uint32_t number;    /* TR_FRAME a0 */
    uint32_t schedule;  /* TR_FRAME a1 */
    uint64_t start, end;
};

/* A thread held the CPU over [start, end). */
struct tl_slice {
    uint8_t part, thread;
    uint64_t start, end;
};

/* What a consumer wants to hear; any callback may be NULL.  Callbacks for
 * one cycle come in the order the model closes things: window and slice
 * ends first, then the event that caused them. */
struct tl_sink {
    void *ctx;
    void (*window_begin)(void *ctx, const struct tl_window *w);
    void (*window_end)(void *ctx, const struct tl_window *w);
    void (*frame_end)(void *ctx, const struct tl_frame *f);
    void (*slice_end)(void *ctx, const struct tl_slice *s);
    /* Every event, after the model has taken it in (so a consumer reading
     * struct timeline sees the state the event produced). */
    void (*event)(void *ctx, const struct trace_event *ev);
};

#define TL_MAX_SINKS 4

struct timeline {
    const struct rec_header *h;
    struct tl_sink sinks[TL_MAX_SINKS];
    unsigned num_sinks;
    uint32_t *sched_first;  /* per schedule: first entry in by_sched */
    uint32_t *sched_count;  /* per schedule: its windows */
    uint32_t *by_sched;     /* flat window indices grouped by schedule */
    bool in_window;
    struct tl_window win;
    bool in_frame;
    struct tl_frame frame;
    uint8_t cur_part, cur_thread; /* on the CPU; TRACE_NONE: idle */
    uint64_t cur_since;     /* when it got the CPU */
    uint64_t accounted;     /* busy time is counted up to here */
    int64_t *part_window;   /* per partition: flat index of its latest
                               window, -1 before its first */
    uint64_t last_cycle;
    uint64_t events, frames, lost;
    char error[256];
};

/* Checks the header (clock, window table) and builds the lookups; false
 * with a message in err. */
bool tl_init(struct timeline *tl, const struct rec_header *h, char *err, size_t errlen);
void tl_add_sink(struct timeline *tl, const struct tl_sink *sink);
/* Takes in one event; false with tl->error (what is wrong with it, without
 * the file offset, which the caller knows) when it contradicts the header
 * or goes back in time. */
bool tl_feed(struct timeline *tl, const struct trace_event *ev);
/* Closes what is still open at `end` (the run's end cycle, or the last
 * event's when that is later). */
void tl_finish(struct timeline *tl, uint64_t end);
void tl_free(struct timeline *tl);

/* The partition's name, "?" for an index the header lacks. */
const char *tl_part_name(const struct rec_header *h, unsigned part);
/* "partition/process": local id 0 is "main", id k >= 1 the header's
 * process k-1, else "t<k>". */
void tl_thread_name(const struct rec_header *h, unsigned part, unsigned thread, char *buf,
                    size_t len);
/* The process part alone ("main", "filter", "t3"). */
void tl_process_name(const struct rec_header *h, unsigned part, unsigned thread, char *buf,
                     size_t len);

#endif
