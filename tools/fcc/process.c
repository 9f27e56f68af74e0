/*
 * process.c - parsing of a partition's processes and the rules on their
 * periods and time capacities.
 */
#include "process.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "app.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct fcc_key process_keys[] = {
    { "name", true }, { "priority", true }, { "period", false },
    { "time_capacity", false }, { "health_monitor", false },
};

/* ------------------------------------------------------------------------
 * Parsing
 * --------------------------------------------------------------------- */

/* An optional time > 0 (absent means aperiodic or infinite; 0 would say
 * the same less clearly). */
static bool parse_opt_time(const struct fcc_src *s, const struct fcc_node *n,
                           const char *key, bool *has, struct fcc_time *t,
                           struct fcc_loc *at)
{
    bool given = fcc_map_value(n, key) != NULL;
    *at = fcc_loc_of_key(n, key);
    *has = given && fcc_get_positive_time(s, n, key, t);
    return *has || !given;
}

static bool parse_process(const struct fcc_src *s, const struct fcc_node *n,
                          const char *part, struct fcc_process *pr)
{
    char label[64], what[160];
    int64_t prio = 0;
    fcc_label(label, sizeof(label), "process", fcc_peek_string(n, "name"));
    snprintf(what, sizeof(what), "%s of %s", label, part);
    pr->at = fcc_loc_of(n);
    pr->name_at = fcc_loc_of_key(n, "name");
    if (!fcc_map_check(s, n, what, process_keys, COUNT(process_keys)))
        return false;
    bool ok = fcc_get_short_name(s, n, "name", FCC_MAX_NAME_LEN,
                                 "process name", &pr->name);
    ok &= fcc_get_int(s, n, "priority", 1, 255, &prio);
    ok &= parse_opt_time(s, n, "period", &pr->has_period, &pr->period_t,
                         &pr->period_at);
    ok &= parse_opt_time(s, n, "time_capacity", &pr->has_capacity,
                         &pr->capacity_t, &pr->capacity_at);
    ok &= fcc_hm_parse(s, n, FCC_HM_PROCESS, what, &pr->hm);
    pr->priority = (int)prio;
    return ok;
}

bool fcc_processes_parse(const struct fcc_src *s, const struct fcc_node *n,
                         const char *what, struct fcc_partition *p)
{
    const struct fcc_node *seq;
    if (!fcc_get_opt_seq(s, n, "processes", &seq))
        return false;
    if (!seq)
        return true;
    if (seq->count > FCC_MAX_PROCESSES) {
        fcc_src_error(s, fcc_loc_of(seq), "%zu processes in %s, more than "
                      "the %d a partition can have (one thread slot each "
                      "besides the initial thread's, max_threads <= %d)",
                      seq->count, what, FCC_MAX_PROCESSES, FCC_MAX_THREADS);
        return false;
    }
    p->processes = calloc(seq->count, sizeof(*p->processes));
    if (!p->processes)
        return false;
    p->num_processes = seq->count;
    bool ok = true;
    for (size_t i = 0; i < seq->count; i++)
        ok &= parse_process(s, seq->items[i], what, &p->processes[i]);
    /* processes are created by name at run time */
    struct fcc_names v = {
        p->processes, p->num_processes, sizeof(*p->processes),
        offsetof(struct fcc_process, name),
        offsetof(struct fcc_process, name_at),
    };
    return fcc_check_unique_names(s, v, "process", what) && ok;
}

void fcc_processes_free(struct fcc_partition *p)
{
    for (size_t i = 0; i < p->num_processes; i++)
        fcc_hm_free(&p->processes[i].hm);
    free(p->processes);
}

/* ------------------------------------------------------------------------
 * Times
 * --------------------------------------------------------------------- */

/* A failed conversion leaves the time 0 (aperiodic, infinite), so the
 * rules below do not report it again. */
static void convert(const struct fcc_src *s, struct fcc_process *pr,
                    uint64_t hz)
{
    if (pr->has_period &&
        !fcc_to_cycles(s, pr->period_at, "period", pr->period_t, hz,
                       &pr->period))
        pr->period = 0;
    if (pr->has_capacity &&
        !fcc_to_cycles(s, pr->capacity_at, "time_capacity", pr->capacity_t,
                       hz, &pr->time_capacity))
        pr->time_capacity = 0;
}

/* t[0] and t[1] as text, in the unit the first was written in when both
 * are whole in it (what the reader typed), else in the largest unit
 * they share. */
static void format_pair(const uint64_t t[2], enum fcc_time_unit written,
                        uint64_t hz, char out[2][32])
{
    enum fcc_time_unit u = written;
    uint64_t v;
    for (size_t i = 0; i < 2; i++)
        if (fcc_cycles_to_unit(t[i], hz, written, &v) != FCC_UNITS_OK)
            u = fcc_common_unit(t, 2, hz);
    for (size_t i = 0; i < 2; i++)
        fcc_format_time(t[i], u, hz, out[i], sizeof(out[i]));
}

/* A deadline after the next release would let jobs of one process
 * overlap. */
static void check_capacity(const struct fcc_app *a,
                           const struct fcc_partition *p,
                           const struct fcc_process *pr, uint64_t hz)
{
    uint64_t t[2] = { pr->time_capacity, pr->period };
    char text[2][32];
    if (pr->period == 0 || pr->time_capacity <= pr->period)
        return;
    format_pair(t, pr->capacity_t.unit, hz, text);
    fcc_src_error(&a->src, pr->capacity_at, "time_capacity %s of process "
                  "'%s' of partition '%s' is more than its period %s",
                  text[0], pr->name, p->name, text[1]);
}

/* The partition's time repeats every period of the schedule; a process
 * period that is no multiple of it would see its releases drift against
 * the windows from one frame to the next. */
static void check_period(const struct fcc_app *a, size_t pi,
                         const struct fcc_process *pr, uint64_t hz)
{
    const struct fcc_partition *p = &a->partitions[pi];
    for (size_t i = 0; pr->period && i < a->num_schedules; i++) {
        const struct fcc_schedule *sc = &a->schedules[i];
        uint64_t part = sc->parts ? sc->parts[pi].period : 0;
        uint64_t t[2] = { pr->period, part };
        char text[2][32];
        if (part == 0 || pr->period % part == 0)
            continue;
        format_pair(t, pr->period_t.unit, hz, text);
        fcc_src_error(&a->src, pr->period_at, "period %s of process '%s' of "
                      "partition '%s' is not a multiple of the partition's "
                      "period %s in schedule '%s'", text[0], pr->name,
                      p->name, text[1], sc->name);
    }
}

void fcc_processes_check(struct fcc_app *a, uint64_t hz)
{
    for (size_t pi = 0; hz > 0 && pi < a->num_partitions; pi++) {
        struct fcc_partition *p = &a->partitions[pi];
        for (size_t i = 0; i < p->num_processes; i++) {
            struct fcc_process *pr = &p->processes[i];
            convert(&a->src, pr, hz);
            if (!p->name || !pr->name) /* reported; no name to cite */
                continue;
            check_capacity(a, p, pr, hz);
            check_period(a, pi, pr, hz);
        }
    }
}
