/*
 * stats.c - per-partition and per-window statistics (stats.h).
 *
 * A window's time is from its actual start to its end (timeline.h); its
 * run time is the cycles a thread of its partition held the CPU in it, so
 * idle = time - run covers the idle thread and kernel work no thread was
 * charged for.  A deadline miss, fault or overrun counts for its partition
 * and for that partition's latest window (a miss found at a window's end
 * is the window's); before the partition's first window it counts for the
 * partition only.
 */
#include "stats.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "table.h"

/* What is summed over windows: of one configured window, or of all of a
 * partition's. */
struct stats_sum {
    uint64_t count;     /* occurrences */
    uint64_t time, busy;
    int64_t jitter_min, jitter_max;
    __int128 jitter_sum;    /* exact, whatever the planned starts say */
    uint64_t misses, faults, overruns;
};

struct stats {
    const struct timeline *tl;
    const struct rec_header *h;
    struct stats_sum *win;      /* per header window */
    struct stats_sum *part;     /* per partition */
    uint64_t misses, faults, overruns, errors, hm_actions;
    uint64_t irq_asserted, irq_delivered;
    uint64_t inputs, host_inputs;
};

static void sum_window(struct stats_sum *s, const struct tl_window *w)
{
    int64_t jitter = (int64_t)(w->start - w->planned);
    if (s->count == 0 || jitter < s->jitter_min)
        s->jitter_min = jitter;
    if (s->count == 0 || jitter > s->jitter_max)
        s->jitter_max = jitter;
    s->jitter_sum += jitter;
    s->count++;
    s->time += w->end - w->start;
    s->busy += w->busy;
}

static void stats_window_end(void *ctx, const struct tl_window *w)
{
    struct stats *st = ctx;
    sum_window(&st->win[w->flat], w);
    sum_window(&st->part[w->part], w);
}

enum stats_count { STATS_MISS, STATS_FAULT, STATS_OVERRUN };

static uint64_t *stats_counter(struct stats_sum *s, enum stats_count which)
{
    return which == STATS_MISS ? &s->misses : which == STATS_FAULT ? &s->faults : &s->overruns;
}

/* Counts an event of partition `part` for it and its latest window. */
static void count_for(struct stats *st, unsigned part, enum stats_count which)
{
    if (part >= st->h->num_partitions)
        return;
    (*stats_counter(&st->part[part], which))++;
    int64_t w = st->tl->part_window[part];
    if (w >= 0)
        (*stats_counter(&st->win[w], which))++;
}

static void stats_error(struct stats *st, const struct trace_event *ev)
{
    st->errors++;
    if (ev->flags == FEN_ERR_DEADLINE_MISSED) {
        st->misses++;
        count_for(st, ev->part, STATS_MISS);
    } else if (ev->flags == FEN_ERR_OVERRUN) {
        st->overruns++;
        count_for(st, ev->part, STATS_OVERRUN);
    }
}

/* enum irq_op (kernel/irq.h): 0 assert, 1 deliver. */
static void stats_event(void *ctx, const struct trace_event *ev)
{
    struct stats *st = ctx;
    switch (ev->type) {
    case TR_ERROR:
        stats_error(st, ev);
        break;
    case TR_FAULT:
        st->faults++;
        count_for(st, ev->part, STATS_FAULT);
        break;
    case TR_HM_ACTION:
        st->hm_actions++;
        break;
    case TR_IRQ:
        st->irq_asserted += ev->flags == 0;
        st->irq_delivered += ev->flags == 1;
        break;
    default:
        break;
    }
}

struct stats *stats_new(const struct timeline *tl, char *err, size_t errlen)
{
    struct stats *st = calloc(1, sizeof *st);
    size_t nw = tl->h->num_windows ? tl->h->num_windows : 1;
    size_t np = tl->h->num_partitions ? tl->h->num_partitions : 1;
    if (st) {
        st->win = calloc(nw, sizeof *st->win);
        st->part = calloc(np, sizeof *st->part);
    }
    if (!st || !st->win || !st->part) {
        snprintf(err, errlen, "out of memory");
        stats_free(st);
        return NULL;
    }
    st->tl = tl;
    st->h = tl->h;
    return st;
}

struct tl_sink stats_sink(struct stats *st)
{
    return (struct tl_sink){.ctx = st, .window_end = stats_window_end, .event = stats_event};
}

void stats_input(struct stats *st, const struct rec_record *rec)
{
    if (rec->kind == REC_HOST_INPUT)
        st->host_inputs++;
    else if (rec->kind == REC_INPUT)
        st->inputs++;
}

void stats_free(struct stats *st)
{
    if (!st)
        return;
    free(st->win);
    free(st->part);
    free(st);
}

/* --- printing ------------------------------------------------------------- */

/* The columns both tables end with. */
#define STATS_SUM_COLS 11
#define STATS_SUM_HEAD                                                            \
    "count", "window_cycles", "run_cycles", "cpu_%", "idle_cycles", "misses",     \
        "faults", "overruns", "jitter_min", "jitter_max", "jitter_mean"

static void sum_cells(struct table *t, const struct stats_sum *s)
{
    table_cell(t, "%" PRIu64, s->count);
    table_cell(t, "%" PRIu64, s->time);
    table_cell(t, "%" PRIu64, s->busy);
    if (s->time)
        table_cell(t, "%.2f", 100.0 * (double)s->busy / (double)s->time);
    else
        table_cell(t, "-");
    table_cell(t, "%" PRIu64, s->time - s->busy);
    table_cell(t, "%" PRIu64, s->misses);
    table_cell(t, "%" PRIu64, s->faults);
    table_cell(t, "%" PRIu64, s->overruns);
    if (s->count) {
        table_cell(t, "%" PRId64, s->jitter_min);
        table_cell(t, "%" PRId64, s->jitter_max);
        table_cell(t, "%.2f", (double)s->jitter_sum / (double)s->count);
    } else {
        table_cell(t, "-");
        table_cell(t, "-");
        table_cell(t, "-");
    }
}

static void print_partitions(const struct stats *st, FILE *out)
{
    static const char *const head[] = {"partition", STATS_SUM_HEAD};
    struct table t;
    table_init(&t, 1 + STATS_SUM_COLS, head, 1u << 0);
    for (uint32_t p = 0; p < st->h->num_partitions; p++) {
        table_cell(&t, "%s", tl_part_name(st->h, p));
        sum_cells(&t, &st->part[p]);
    }
    fputs("partitions (count: windows it had)\n", out);
    table_print(&t, out);
    table_free(&t);
}

static void print_windows(const struct stats *st, FILE *out)
{
    static const char *const head[] = {"schedule", "window", "partition", "offset",
                                       "duration", STATS_SUM_HEAD};
    const struct timeline *tl = st->tl;
    struct table t;
    table_init(&t, 5 + STATS_SUM_COLS, head, 1u << 2);
    for (uint32_t s = 0; s < st->h->num_schedules; s++) {
        for (uint32_t i = 0; i < tl->sched_count[s]; i++) {
            uint32_t flat = tl->by_sched[tl->sched_first[s] + i];
            const struct rec_window *w = &st->h->windows[flat];
            table_cell(&t, "%" PRIu32, s);
            table_cell(&t, "%" PRIu32, i);
            table_cell(&t, "%s", tl_part_name(st->h, w->partition));
            table_cell(&t, "%" PRIu64, w->offset);
            table_cell(&t, "%" PRIu64, w->duration);
            sum_cells(&t, &st->win[flat]);
        }
    }
    fputs("windows (count: times it began)\n", out);
    table_print(&t, out);
    table_free(&t);
}

static void print_totals(const struct stats *st, const struct rec_end *end, FILE *out)
{
    const struct timeline *tl = st->tl;
    struct table t;
    static const char *const head[] = {"total", "value"};
    table_init(&t, 2, head, 1u << 0 | 1u << 1);
    uint64_t cycles = tl->last_cycle;
    table_cell(&t, "cycles");
    table_cell(&t, "%" PRIu64 " (%.6f s)", cycles, (double)cycles / (double)st->h->clock_hz);
    table_cell(&t, "instructions");
    table_cell(&t, "%" PRIu64, end->insns);
    table_cell(&t, "frames");
    table_cell(&t, "%" PRIu64, tl->frames);
    table_cell(&t, "kernel events");
    table_cell(&t, "%" PRIu64 " (lost %" PRIu64 ")", tl->events, tl->lost);
    table_cell(&t, "inputs");
    table_cell(&t, "%" PRIu64 " (host %" PRIu64 ")", st->inputs, st->host_inputs);
    table_cell(&t, "deadline misses");
    table_cell(&t, "%" PRIu64, st->misses);
    table_cell(&t, "faults");
    table_cell(&t, "%" PRIu64, st->faults);
    table_cell(&t, "overruns");
    table_cell(&t, "%" PRIu64, st->overruns);
    table_cell(&t, "errors raised");
    table_cell(&t, "%" PRIu64 " (hm actions %" PRIu64 ")", st->errors, st->hm_actions);
    table_cell(&t, "irq");
    table_cell(&t, "%" PRIu64 " asserted, %" PRIu64 " delivered", st->irq_asserted,
               st->irq_delivered);
    table_print(&t, out);
    table_free(&t);
}

void stats_print(const struct stats *st, const char *path, const struct rec_end *end,
                 FILE *out)
{
    const struct rec_header *h = st->h;
    fprintf(out, "recording %s: app %s, board %s, cpu %s, clock %" PRIu64 " Hz%s\n\n", path,
            h->app ? h->app : "?", h->board ? h->board : "?", h->cpu ? h->cpu : "?",
            h->clock_hz, end->halted ? ", halted" : "");
    print_partitions(st, out);
    fputc('\n', out);
    print_windows(st, out);
    fputc('\n', out);
    print_totals(st, end, out);
}
