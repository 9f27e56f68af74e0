/*
 * schedule.c - the schedules: parsing (`schedule:` or `schedules:`,
 * `initial_schedule:`), the rules on windows and idle lists per schedule,
 * and each partition's period in each schedule.
 */
#include "schedule.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct fcc_key single_keys[] = {
    { "major_frame", true }, { "windows", true }, { "idle", false },
};
static const struct fcc_key schedule_keys[] = {
    { "name", true }, { "major_frame", true }, { "windows", true },
    { "idle", false },
};
static const struct fcc_key window_keys[] = {
    { "partition", true }, { "offset", true }, { "duration", true },
    { "must_complete", false },
};

/* ------------------------------------------------------------------------
 * Parsing
 * --------------------------------------------------------------------- */

static void parse_window(const struct fcc_src *s, const struct fcc_node *n,
                         const char *sched, struct fcc_window *w)
{
    w->at = fcc_loc_of(n);
    w->part = -1;
    w->partition_at = fcc_loc_of_key(n, "partition");
    w->offset_at = fcc_loc_of_key(n, "offset");
    w->duration_at = fcc_loc_of_key(n, "duration");
    if (!fcc_map_check(s, n, "window", window_keys, COUNT(window_keys)))
        return;
    fcc_get_string(s, n, "partition", &w->partition);
    if (fcc_map_value(n, "must_complete"))
        fcc_get_bool(s, n, "must_complete", &w->must_complete);
    bool ok = fcc_get_time(s, n, "offset", &w->offset_t);
    ok &= fcc_get_time(s, n, "duration", &w->duration_t);
    w->times_ok = ok;
    if (ok && w->duration_t.value == 0)
        fcc_src_error(s, w->duration_at, "window duration must be > 0 in %s, "
                      "found %s", sched, fcc_map_value(n, "duration")->text);
}

static void parse_windows(struct fcc_app *a, const struct fcc_node *n,
                          const char *sched, struct fcc_schedule *sc)
{
    const struct fcc_node *seq;
    if (!fcc_get_seq(&a->src, n, "windows", true, &seq))
        return;
    if (seq->count > FCC_MAX_WINDOWS) {
        fcc_src_error(&a->src, fcc_loc_of(seq), "%zu windows in %s, more "
                      "than the %d allowed", seq->count, sched,
                      FCC_MAX_WINDOWS);
        return;
    }
    sc->windows = calloc(seq->count, sizeof(*sc->windows));
    if (!sc->windows)
        return;
    sc->num_windows = seq->count;
    for (size_t i = 0; i < seq->count; i++)
        parse_window(&a->src, seq->items[i], sched, &sc->windows[i]);
}

/* The names listed; matched against the partitions by the checks. */
static void parse_idle(struct fcc_app *a, const struct fcc_node *n,
                       struct fcc_schedule *sc)
{
    const struct fcc_node *seq;
    if (!fcc_get_opt_seq(&a->src, n, "idle", &seq) || !seq)
        return;
    sc->idle = calloc(seq->count, sizeof(*sc->idle));
    if (!sc->idle)
        return;
    sc->num_idle = seq->count;
    for (size_t i = 0; i < seq->count; i++) {
        struct fcc_idle *e = &sc->idle[i];
        const struct fcc_node *item = seq->items[i];
        e->part = -1;
        e->at = fcc_loc_of(item);
        if (fcc_expect_kind(&a->src, item, FCC_NODE_SCALAR,
                            "an entry of 'idle'"))
            e->partition = item->text;
    }
}

/* What both forms have: the frame, the windows, the idle list. */
static void parse_body(struct fcc_app *a, const struct fcc_node *n,
                       struct fcc_schedule *sc)
{
    char sched[64];
    fcc_label(sched, sizeof(sched), "schedule", sc->name);
    sc->major_frame_at = fcc_loc_of_key(n, "major_frame");
    sc->has_frame = fcc_get_positive_time(&a->src, n, "major_frame",
                                          &sc->major_frame_t);
    parse_windows(a, n, sched, sc);
    parse_idle(a, n, sc);
}

static bool alloc_schedules(struct fcc_app *a, size_t n)
{
    a->schedules = calloc(n, sizeof(*a->schedules));
    a->num_schedules = a->schedules ? n : 0;
    return a->schedules != NULL;
}

/* The single `schedule:` form: one schedule named "default". */
static void parse_single(struct fcc_app *a, const struct fcc_node *n)
{
    if (!alloc_schedules(a, 1))
        return;
    struct fcc_schedule *sc = &a->schedules[0];
    sc->name = "default";
    sc->at = fcc_loc_of(n);
    if (fcc_map_check(&a->src, n, "'schedule'", single_keys,
                      COUNT(single_keys)))
        parse_body(a, n, sc);
}

static void parse_named(struct fcc_app *a, const struct fcc_node *n,
                        struct fcc_schedule *sc)
{
    char what[64];
    fcc_label(what, sizeof(what), "schedule", fcc_peek_string(n, "name"));
    sc->at = fcc_loc_of(n);
    sc->name_at = fcc_loc_of_key(n, "name");
    if (!fcc_map_check(&a->src, n, what, schedule_keys,
                       COUNT(schedule_keys)))
        return;
    fcc_get_short_name(&a->src, n, "name", FCC_MAX_NAME_LEN,
                       "schedule name", &sc->name);
    parse_body(a, n, sc);
}

static void parse_list(struct fcc_app *a)
{
    const struct fcc_node *seq;
    if (!fcc_get_seq(&a->src, a->root, "schedules", true, &seq))
        return;
    if (seq->count > FCC_MAX_SCHEDULES) {
        fcc_src_error(&a->src, fcc_loc_of(seq), "%zu schedules, more than "
                      "the %d allowed", seq->count, FCC_MAX_SCHEDULES);
        return;
    }
    if (!alloc_schedules(a, seq->count))
        return;
    for (size_t i = 0; i < seq->count; i++)
        parse_named(a, seq->items[i], &a->schedules[i]);
    struct fcc_names v = {
        a->schedules, a->num_schedules, sizeof(*a->schedules),
        offsetof(struct fcc_schedule, name),
        offsetof(struct fcc_schedule, name_at),
    };
    fcc_check_unique_names(&a->src, v, "schedule", NULL);
}

static int find_schedule(const struct fcc_app *a, const char *name)
{
    for (size_t i = 0; i < a->num_schedules; i++)
        if (a->schedules[i].name && strcmp(a->schedules[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* The schedules' names for a message; false when one is unknown (then a
 * name could not be told unknown). */
static bool schedule_list(const struct fcc_app *a, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < a->num_schedules; i++) {
        if (!a->schedules[i].name)
            return false;
        fcc_list_append(buf, size, a->schedules[i].name);
    }
    return a->num_schedules > 0;
}

/* With `schedule:` there is nothing to choose from, so naming an initial
 * schedule there is a mistake rather than a no-op. */
static void parse_initial(struct fcc_app *a, bool single)
{
    const struct fcc_node *v = fcc_map_value(a->root, "initial_schedule");
    const char *name;
    char names[512];
    if (!v)
        return;
    if (single) {
        fcc_src_error(&a->src, fcc_loc_of(v), "'initial_schedule' needs a "
                      "'schedules' list; with a single 'schedule' that one "
                      "is the initial schedule");
        return;
    }
    if (!fcc_get_string(&a->src, a->root, "initial_schedule", &name))
        return;
    int i = find_schedule(a, name);
    if (i >= 0)
        a->initial = (size_t)i;
    else if (schedule_list(a, names, sizeof(names)))
        fcc_src_error(&a->src, fcc_loc_of(v), "'initial_schedule' names "
                      "unknown schedule '%s' (schedules: %s)", name, names);
}

void fcc_schedules_parse(struct fcc_app *a)
{
    const struct fcc_node *one = fcc_map_value(a->root, "schedule");
    const struct fcc_node *many = fcc_map_value(a->root, "schedules");
    if (one && many) {
        fcc_src_error(&a->src, fcc_loc_of(many), "the app has both "
                      "'schedules' and a single 'schedule' (at %s); give "
                      "one of them", fcc_at(&a->src, fcc_loc_of(one)).text);
        return;
    }
    if (!one && !many) {
        fcc_src_error(&a->src, fcc_loc_of(a->root), "the app is missing "
                      "required key 'schedules' (or a single 'schedule')");
        return;
    }
    if (one)
        parse_single(a, one);
    else
        parse_list(a);
    parse_initial(a, one != NULL);
}

void fcc_schedules_free(struct fcc_app *a)
{
    for (size_t i = 0; i < a->num_schedules; i++) {
        free(a->schedules[i].windows);
        free(a->schedules[i].idle);
        free(a->schedules[i].parts);
    }
    free(a->schedules);
}

/* ------------------------------------------------------------------------
 * Windows and idle lists against the partitions
 * --------------------------------------------------------------------- */

static void partition_list(const struct fcc_app *a, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < a->num_partitions; i++)
        if (a->partitions[i].name)
            fcc_list_append(buf, size, a->partitions[i].name);
}

static void resolve_windows(const struct fcc_app *a, struct fcc_schedule *sc,
                            const char *names)
{
    for (size_t i = 0; i < sc->num_windows; i++) {
        struct fcc_window *w = &sc->windows[i];
        if (!w->partition)
            continue;
        w->part = fcc_app_find_partition(a, w->partition);
        if (w->part < 0)
            fcc_src_error(&a->src, w->partition_at, "window names unknown "
                          "partition '%s' (partitions: %s)", w->partition,
                          names);
    }
}

static const struct fcc_window *first_window_of(const struct fcc_schedule *sc,
                                                int part)
{
    for (size_t i = 0; i < sc->num_windows; i++)
        if (sc->windows[i].part == part)
            return &sc->windows[i];
    return NULL;
}

static bool declared_idle(const struct fcc_schedule *sc, int part)
{
    for (size_t i = 0; i < sc->num_idle; i++)
        if (sc->idle[i].part == part)
            return true;
    return false;
}

/* An idle partition has no window: saying both is a contradiction. */
static void resolve_idle(const struct fcc_app *a, struct fcc_schedule *sc,
                         const char *names)
{
    for (size_t i = 0; i < sc->num_idle; i++) {
        struct fcc_idle *e = &sc->idle[i];
        const struct fcc_window *w;
        if (!e->partition)
            continue;
        e->part = fcc_app_find_partition(a, e->partition);
        if (e->part < 0)
            fcc_src_error(&a->src, e->at, "'idle' of schedule '%s' names "
                          "unknown partition '%s' (partitions: %s)",
                          sc->name ? sc->name : "?", e->partition, names);
        else if ((w = first_window_of(sc, e->part)) != NULL)
            fcc_src_error(&a->src, e->at, "partition '%s' is declared idle "
                          "in schedule '%s' but has a window there (at "
                          "%s)", e->partition, sc->name ? sc->name : "?",
                          fcc_at(&a->src, w->at).text);
    }
}

/* A partition without time in a schedule is usually a forgotten window,
 * so it must be declared idle there to be accepted.  Not checked when the
 * windows could not be read (that was reported). */
static void check_coverage(const struct fcc_app *a,
                           const struct fcc_schedule *sc)
{
    if (!sc->name || sc->num_windows == 0)
        return;
    for (size_t i = 0; i < a->num_partitions; i++) {
        const struct fcc_partition *p = &a->partitions[i];
        bool first = p->name && fcc_app_find_partition(a, p->name) == (int)i;
        if (first && !first_window_of(sc, (int)i) &&
            !declared_idle(sc, (int)i)) /* duplicates: reported already */
            fcc_src_error(&a->src, sc->at, "partition '%s' has no time in "
                          "schedule '%s' and is not declared idle there",
                          p->name, sc->name);
    }
}

/* ------------------------------------------------------------------------
 * Times
 * --------------------------------------------------------------------- */

static void convert_times(const struct fcc_app *a, struct fcc_schedule *sc,
                          uint64_t hz)
{
    if (sc->has_frame &&
        !fcc_to_cycles(&a->src, sc->major_frame_at, "major_frame",
                       sc->major_frame_t, hz, &sc->major_frame))
        sc->major_frame = 0;
    for (size_t i = 0; i < sc->num_windows; i++) {
        struct fcc_window *w = &sc->windows[i];
        if (!w->times_ok)
            continue;
        bool ok = fcc_to_cycles(&a->src, w->offset_at, "offset", w->offset_t,
                                hz, &w->offset);
        ok &= fcc_to_cycles(&a->src, w->duration_at, "duration",
                            w->duration_t, hz, &w->duration);
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
static void check_in_frame(const struct fcc_app *a, struct fcc_schedule *sc,
                           uint64_t hz)
{
    uint64_t mf = sc->major_frame;
    for (size_t i = 0; i < sc->num_windows; i++) {
        struct fcc_window *w = &sc->windows[i];
        if (!w->cycles_ok ||
            (w->offset <= mf && w->duration <= mf - w->offset))
            continue;
        w->cycles_ok = false;
        uint64_t t[2] = { w->offset, mf };
        enum fcc_time_unit u = fcc_common_unit(t, 2, hz);
        char label[96], frame[32];
        window_label(w, u, hz, label, sizeof(label));
        fcc_format_time(mf, u, hz, frame, sizeof(frame));
        fcc_src_error(&a->src, w->at, "window %s of schedule '%s' ends after "
                      "its major frame of %s", label, sc->name, frame);
    }
}

static void report_window_overlap(const struct fcc_app *a,
                                  const struct fcc_schedule *sc,
                                  const struct fcc_window *w,
                                  const struct fcc_window *o, uint64_t hz)
{
    uint64_t t[4] = { w->offset, w->offset + w->duration, o->offset,
                      o->offset + o->duration };
    enum fcc_time_unit u = fcc_common_unit(t, 4, hz);
    char lw[96], lo[96];
    window_label(w, u, hz, lw, sizeof(lw));
    window_label(o, u, hz, lo, sizeof(lo));
    fcc_src_error(&a->src, w->at, "window %s of schedule '%s' overlaps "
                  "window %s (declared at %s)", lw, sc->name, lo,
                  fcc_at(&a->src, o->at).text);
}

/* Each pair once, reported at the one declared later. */
static void check_window_overlaps(const struct fcc_app *a,
                                  const struct fcc_schedule *sc, uint64_t hz)
{
    for (size_t i = 0; i < sc->num_windows; i++)
        for (size_t j = 0; j < i; j++) {
            const struct fcc_window *w = &sc->windows[i];
            const struct fcc_window *o = &sc->windows[j];
            if (w->cycles_ok && o->cycles_ok &&
                w->offset < o->offset + o->duration &&
                o->offset < w->offset + w->duration)
                report_window_overlap(a, sc, w, o, hz);
        }
}

/* ------------------------------------------------------------------------
 * Partition periods
 * --------------------------------------------------------------------- */

/* (o + p) mod mf for o < mf, p <= mf, without overflowing. */
static uint64_t add_mod(uint64_t o, uint64_t p, uint64_t mf)
{
    return o >= mf - p ? o - (mf - p) : o + p;
}

/*
 * Whether shifting the n windows w[] (sorted, disjoint, inside the frame)
 * by mf/k gives the same windows.  A shift moves every window along the
 * circle of the frame without changing their cyclic order, and when it
 * maps the set onto itself each window's image is the one n/k places on
 * (a span of mf/k holds n/k of the windows), so comparing with that one
 * is enough: O(n), not a search per window.
 */
static bool repeats_every(const struct fcc_span *w, size_t n, uint64_t mf,
                          size_t k)
{
    uint64_t p = mf / k;
    size_t step = n / k;
    for (size_t i = 0; i < n; i++) {
        const struct fcc_span *img = &w[(i + step) % n];
        if (img->offset != add_mod(w[i].offset, p, mf) ||
            img->duration != w[i].duration)
            return false;
    }
    return true;
}

struct fcc_sched_part fcc_sched_part_of(const struct fcc_span *w, size_t n,
                                        uint64_t mf)
{
    struct fcc_sched_part r = { 0, 0, 0 };
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += w[i].duration;
    /* the largest k first: the smallest period; k = 1 always repeats */
    for (size_t k = n; k > 0; k--) {
        if (n % k != 0 || mf % k != 0 || !repeats_every(w, n, mf, k))
            continue;
        r.period = mf / k;
        r.first_offset = w[0].offset;
        r.duration = total / k;
        break;
    }
    return r;
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

bool fcc_window_order(const struct fcc_schedule *s, size_t *order)
{
    struct sort_key *keys = malloc(s->num_windows * sizeof(*keys) + 1);
    if (!keys)
        return false;
    for (size_t i = 0; i < s->num_windows; i++)
        keys[i] = (struct sort_key){ s->windows[i].offset, i };
    qsort(keys, s->num_windows, sizeof(*keys), by_offset);
    for (size_t i = 0; i < s->num_windows; i++)
        order[i] = keys[i].index;
    free(keys);
    return true;
}

/* parts[] for a schedule whose windows are all valid. */
static void compute_parts(const struct fcc_app *a, struct fcc_schedule *sc)
{
    size_t nw = sc->num_windows;
    size_t *order = malloc(nw * sizeof(*order) + 1);
    struct fcc_span *spans = malloc(nw * sizeof(*spans) + 1);
    sc->parts = calloc(a->num_partitions + 1, sizeof(*sc->parts));
    if (order && spans && sc->parts && fcc_window_order(sc, order))
        for (size_t pi = 0; pi < a->num_partitions; pi++) {
            size_t n = 0;
            for (size_t i = 0; i < nw; i++) {
                const struct fcc_window *w = &sc->windows[order[i]];
                if (w->part == (int)pi)
                    spans[n++] = (struct fcc_span){ w->offset, w->duration };
            }
            sc->parts[pi] = fcc_sched_part_of(spans, n, sc->major_frame);
        }
    free(order);
    free(spans);
}

static bool windows_valid(const struct fcc_schedule *sc)
{
    for (size_t i = 0; i < sc->num_windows; i++)
        if (!sc->windows[i].cycles_ok || sc->windows[i].part < 0)
            return false;
    return sc->num_windows > 0;
}

/* Periods are only computed from windows that passed every check: the
 * process rules that use them would otherwise report follow-on errors. */
static void check_times(const struct fcc_app *a, struct fcc_schedule *sc,
                        uint64_t hz)
{
    size_t errors = fcc_diag_count(a->src.diag);
    convert_times(a, sc, hz);
    if (sc->major_frame == 0 || !sc->name)
        return;
    check_in_frame(a, sc, hz);
    check_window_overlaps(a, sc, hz);
    if (fcc_diag_count(a->src.diag) == errors && windows_valid(sc))
        compute_parts(a, sc);
}

void fcc_schedules_check(struct fcc_app *a, uint64_t hz)
{
    char names[512];
    partition_list(a, names, sizeof(names));
    for (size_t i = 0; i < a->num_schedules; i++) {
        struct fcc_schedule *sc = &a->schedules[i];
        resolve_windows(a, sc, names);
        resolve_idle(a, sc, names);
        check_coverage(a, sc);
        if (hz > 0)
            check_times(a, sc, hz);
    }
}
