/*
 * test_perfetto.c - `fenestra-trace export --perfetto` on the known run
 * (fixture.h), read back with json-c: processes and tracks named, window,
 * frame and thread slices with the right times, instants and counters on
 * the right tracks.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "fixture.h"

#define US(cycles) ((double)(cycles) * 1e6 / FX_CLOCK)

struct doc {
    struct fx fx;
    char *text;
    json_object *root, *events;
};

static int setup(void **state)
{
    struct doc *d = calloc(1, sizeof *d);
    fx_setup(&d->fx);
    char *out, *err;
    int rc = fx_run(&d->fx, &out, &err, "export", d->fx.rec, "--perfetto", d->fx.out, NULL);
    if (rc != 0)
        fail_msg("exit %d: %s", rc, err);
    free(out);
    free(err);
    d->text = fx_read(d->fx.out, NULL);
    assert_non_null(d->text);
    d->root = json_tokener_parse(d->text);
    if (!d->root)
        fail_msg("not JSON:\n%s", d->text);
    assert_true(json_object_object_get_ex(d->root, "traceEvents", &d->events));
    assert_true(json_object_is_type(d->events, json_type_array));
    *state = d;
    return 0;
}

static int teardown(void **state)
{
    struct doc *d = *state;
    json_object_put(d->root);
    free(d->text);
    fx_teardown(&d->fx);
    free(d);
    return 0;
}

static const char *str_of(json_object *o, const char *key)
{
    json_object *v;
    return json_object_object_get_ex(o, key, &v) ? json_object_get_string(v) : NULL;
}

static int64_t int_of(json_object *o, const char *key)
{
    json_object *v;
    return json_object_object_get_ex(o, key, &v) ? json_object_get_int64(v) : -1;
}

static double num_of(json_object *o, const char *key)
{
    json_object *v;
    return json_object_object_get_ex(o, key, &v) ? json_object_get_double(v) : NAN;
}

static json_object *args_of(json_object *o)
{
    json_object *v;
    return json_object_object_get_ex(o, "args", &v) ? v : NULL;
}

/* The name a metadata event gives (process_name of pid, or thread_name of
 * pid/tid); NULL when there is none. */
static const char *meta_name(const struct doc *d, const char *what, int64_t pid, int64_t tid)
{
    size_t n = json_object_array_length(d->events);
    for (size_t i = 0; i < n; i++) {
        json_object *e = json_object_array_get_idx(d->events, i);
        if (strcmp(str_of(e, "ph"), "M") || strcmp(str_of(e, "name"), what) ||
            int_of(e, "pid") != pid || (tid >= 0 && int_of(e, "tid") != tid))
            continue;
        return str_of(args_of(e), "name");
    }
    return NULL;
}

static int64_t pid_named(const struct doc *d, const char *process)
{
    size_t n = json_object_array_length(d->events);
    for (size_t i = 0; i < n; i++) {
        json_object *e = json_object_array_get_idx(d->events, i);
        if (!strcmp(str_of(e, "ph"), "M") && !strcmp(str_of(e, "name"), "process_name") &&
            !strcmp(str_of(args_of(e), "name"), process))
            return int_of(e, "pid");
    }
    return -1;
}

/* The one event of phase ph named `name` at `cycle` on track `track`
 * (a thread_name; NULL for counters, which belong to the process). */
static json_object *find(const struct doc *d, const char *ph, const char *process,
                         const char *track, const char *name, uint64_t cycle)
{
    json_object *found = NULL;
    int64_t pid = pid_named(d, process);
    size_t n = json_object_array_length(d->events);
    for (size_t i = 0; i < n; i++) {
        json_object *e = json_object_array_get_idx(d->events, i);
        if (strcmp(str_of(e, "ph"), ph) || strcmp(str_of(e, "name"), name) ||
            int_of(e, "pid") != pid || fabs(num_of(e, "ts") - US(cycle)) > 1e-9)
            continue;
        const char *tn = track ? meta_name(d, "thread_name", pid, int_of(e, "tid")) : NULL;
        if (track && (!tn || strcmp(tn, track)))
            continue;
        if (found)
            fail_msg("two '%s' %s events at cycle %llu on %s", name, ph,
                     (unsigned long long)cycle, track ? track : process);
        found = e;
    }
    if (!found)
        fail_msg("no '%s' %s event at cycle %llu on %s/%s", name, ph,
                 (unsigned long long)cycle, process, track ? track : "-");
    return found;
}

static void expect_slice(const struct doc *d, const char *process, const char *track,
                         const char *name, uint64_t start, uint64_t end)
{
    json_object *e = find(d, "X", process, track, name, start);
    double dur = num_of(e, "dur");
    if (fabs(dur - US(end - start)) > 1e-9)
        fail_msg("'%s' at %llu on %s lasts %f us, not %f", name, (unsigned long long)start,
                 track, dur, US(end - start));
}

static size_t count(const struct doc *d, const char *ph)
{
    size_t n = json_object_array_length(d->events), k = 0;
    for (size_t i = 0; i < n; i++)
        k += !strcmp(str_of(json_object_array_get_idx(d->events, i), "ph"), ph);
    return k;
}

static void processes_and_tracks_are_named(void **state)
{
    struct doc *d = *state;
    int64_t module = pid_named(d, "module demo"), sensors = pid_named(d, "sensors"),
            control = pid_named(d, "control");
    assert_true(module >= 0 && sensors >= 0 && control >= 0);
    assert_true(module != sensors && sensors != control && module != control);
    const char *threads[] = {"sensors/main", "sensors/filter", "sensors/irq_handler",
                             "control/main", "control/law", "control/monitor",
                             "control/t3"};
    for (size_t i = 0; i < sizeof threads / sizeof threads[0]; i++) {
        bool seen = false;
        size_t n = json_object_array_length(d->events);
        for (size_t k = 0; k < n; k++) {
            json_object *e = json_object_array_get_idx(d->events, k);
            seen |= !strcmp(str_of(e, "name"), "thread_name") &&
                    !strcmp(str_of(args_of(e), "name"), threads[i]) &&
                    int_of(e, "pid") == (!strncmp(threads[i], "sensors", 7) ? sensors : control);
        }
        if (!seen)
            fail_msg("no track named %s in its partition's process", threads[i]);
    }
}

static void windows_are_slices_with_planned_and_actual_start(void **state)
{
    struct doc *d = *state;
    const char *m = "module demo";
    expect_slice(d, m, "windows", "sensors", 0, 400);
    expect_slice(d, m, "windows", "control", 502, 900);
    expect_slice(d, m, "windows", "sensors", 1003, 1400);
    expect_slice(d, m, "windows", "control", 1500, 1900);
    json_object *a = args_of(find(d, "X", m, "windows", "sensors", 1003));
    assert_int_equal(int_of(a, "window"), 0);
    assert_int_equal(int_of(a, "schedule"), 0);
    assert_int_equal(int_of(a, "planned_start_cycle"), 1000);
    assert_int_equal(int_of(a, "actual_start_cycle"), 1003);
    assert_int_equal(int_of(a, "jitter_cycles"), 3);
    assert_true(fabs(num_of(a, "planned_start_us") - 40.0) < 1e-9);
    assert_true(fabs(num_of(a, "actual_start_us") - 40.12) < 1e-9);
    a = args_of(find(d, "X", m, "windows", "control", 502));
    assert_int_equal(int_of(a, "window"), 1);
    assert_int_equal(int_of(a, "busy_cycles"), 348);
    expect_slice(d, m, "frames", "frame 0", 0, 1000);
    expect_slice(d, m, "frames", "frame 1", 1000, 2000);
}

static void threads_run_on_their_tracks(void **state)
{
    struct doc *d = *state;
    expect_slice(d, "sensors", "sensors/main", "main", 0, 100);
    expect_slice(d, "sensors", "sensors/filter", "filter", 100, 300);
    expect_slice(d, "control", "control/law", "law", 502, 610);
    expect_slice(d, "control", "control/monitor", "monitor", 610, 850);
    expect_slice(d, "sensors", "sensors/irq_handler", "irq_handler", 1003, 1100);
    expect_slice(d, "sensors", "sensors/main", "main", 1100, 1502);
    expect_slice(d, "control", "control/t3", "t3", 1502, 1700);
    expect_slice(d, "control", "control/main", "main", 1700, 1900);
    /* 8 thread slices, 4 windows, 2 frames: nothing else is a slice. */
    assert_int_equal(count(d, "X"), 14);
}

static void faults_misses_overruns_and_irqs_are_instants(void **state)
{
    struct doc *d = *state;
    json_object *e = find(d, "i", "control", "control/law", "fault MEMORY_VIOLATION", 600);
    assert_string_equal(str_of(args_of(e), "addr"), "0x20001000");
    assert_string_equal(str_of(args_of(e), "access"), "write");
    find(d, "i", "control", "control/law", "hm stop_process", 600);
    find(d, "i", "control", "control/law", "error MEMORY_VIOLATION", 600);
    e = find(d, "i", "control", "control/monitor", "deadline missed", 900);
    assert_int_equal(int_of(args_of(e), "deadline_cycle"), 900);
    e = find(d, "i", "control", "control (partition)", "overrun", 1900);
    assert_int_equal(int_of(args_of(e), "window"), 1);
    e = find(d, "i", "sensors", "sensors/irq_handler", "irq 3 delivered", 1003);
    assert_int_equal(int_of(args_of(e), "latency_cycles"), 853);
    find(d, "i", "module demo", "interrupts", "irq 3 asserted", 150);
    find(d, "i", "module demo", "interrupts", "irq 3 acknowledged", 1050);
    assert_int_equal(count(d, "i"), 8);
}

static void cpu_use_is_a_counter_per_window(void **state)
{
    struct doc *d = *state;
    struct { const char *part; uint64_t at; double busy; } want[] = {
        {"sensors", 0, 0.75},      {"sensors", 400, 0.0},  {"sensors", 1003, 1.0},
        {"sensors", 1400, 0.0},    {"control", 502, 348.0 / 398.0},
        {"control", 900, 0.0},     {"control", 1500, 398.0 / 400.0}, {"control", 1900, 0.0},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        json_object *e = find(d, "C", want[i].part, NULL, "cpu", want[i].at);
        double busy = num_of(args_of(e), "busy");
        if (fabs(busy - want[i].busy) > 1e-6)
            fail_msg("cpu of %s at %llu: %f, not %f", want[i].part,
                     (unsigned long long)want[i].at, busy, want[i].busy);
    }
    assert_int_equal(count(d, "C"), 8);
}

/* Timestamps are exact decimals: 25 MHz needs two fraction digits. */
static void timestamps_keep_every_cycle(void **state)
{
    struct doc *d = *state;
    assert_non_null(strstr(d->text, "\"ts\":20.08,"));
    assert_non_null(strstr(d->text, "\"ts\":40.12,"));
    assert_non_null(strstr(d->text, "\"dur\":15.88"));
    json_object *tail;
    assert_true(json_object_object_get_ex(d->root, "fenestra", &tail));
    assert_true(json_object_get_boolean(json_object_object_get(tail, "complete")));
    assert_int_equal(int_of(tail, "kernel_events"), 26);
}

/* Names that need escaping in JSON (quote, backslash, a control
 * character) come back as they were; in the VCD they become identifiers. */
static void odd_names_are_escaped(void **state)
{
    (void)state;
    struct fx fx;
    fx_setup(&fx);
    struct rec_header h = *fx_header();
    struct rec_partition parts[2] = {h.partitions[0], h.partitions[1]};
    struct rec_process procs[1] = {{(char *)"a\\b"}};
    parts[0].name = (char *)"say \"hi\"\tnow";
    parts[0].num_processes = 1;
    parts[0].processes = procs;
    h.partitions = parts;
    struct trace_event ev[] = {{0, TR_WINDOW, 0, TRACE_NONE, 0, 0, 0, 0},
                               {0, TR_THREAD_SWITCH, 0, 1, 0, 0xffff, 0, 0}};
    fx_write_with_header(fx.rec, &h, ev, 2, 100);
    char vcd[340], *out, *err;
    snprintf(vcd, sizeof vcd, "%s/odd.vcd", fx.dir);
    int rc = fx_run(&fx, &out, &err, "export", fx.rec, "--perfetto", fx.out, "--vcd", vcd, NULL);
    if (rc)
        fail_msg("exit %d: %s", rc, err);
    free(out);
    free(err);
    struct doc d = {.text = fx_read(fx.out, NULL)};
    d.root = json_tokener_parse(d.text);
    if (!d.root)
        fail_msg("not JSON:\n%s", d.text);
    assert_true(json_object_object_get_ex(d.root, "traceEvents", &d.events));
    assert_true(pid_named(&d, "say \"hi\"\tnow") >= 0);
    expect_slice(&d, "say \"hi\"\tnow", "say \"hi\"\tnow/a\\b", "a\\b", 0, 100);
    json_object_put(d.root);
    free(d.text);
    char *text = fx_read(vcd, NULL);
    assert_non_null(strstr(text, "$scope module say__hi__now $end"));
    free(text);
    fx_teardown(&fx);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH/TO/fenestra-trace\n", argv[0]);
        return 2;
    }
    fx_tool = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(processes_and_tracks_are_named),
        cmocka_unit_test(windows_are_slices_with_planned_and_actual_start),
        cmocka_unit_test(threads_run_on_their_tracks),
        cmocka_unit_test(faults_misses_overruns_and_irqs_are_instants),
        cmocka_unit_test(cpu_use_is_a_counter_per_window),
        cmocka_unit_test(timestamps_keep_every_cycle),
        cmocka_unit_test_setup_teardown(odd_names_are_escaped, NULL, NULL),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
