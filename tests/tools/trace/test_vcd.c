/*
 * test_vcd.c - `fenestra-trace export --vcd` on the known run (fixture.h):
 * the declarations, strictly increasing timestamps, the value changes of
 * each signal (read back with a small VCD reader), and gtkwave's vcd2fst
 * taking the file (when it is installed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"

#define MAX_SIGS 32
#define MAX_CHANGES 512

struct change {
    uint64_t time;
    int sig;
    char value[72];     /* "0", "1", "z", or "b..." */
};

struct dump {
    struct fx fx;
    char *text;
    char timescale[32];
    int nsigs;
    char id[MAX_SIGS][8];
    char name[MAX_SIGS][96];    /* scope.scope.name */
    size_t nchanges;
    struct change changes[MAX_CHANGES];
    uint64_t last_time;
};

/* Reads the declarations: scopes, $var and $timescale; returns where the
 * value changes begin (strtok_r has cut the text up to there). */
static char *read_header(struct dump *d, char *p)
{
    char scope[96] = "";
    char *line, *save = NULL;
    while ((line = strtok_r(p, "\n", &save))) {
        p = NULL;
        char kind[16], a[96], b[96], c[96];
        unsigned width;
        if (sscanf(line, "$timescale %31s", d->timescale) == 1)
            continue;
        if (sscanf(line, "$scope module %95s $end", a) == 1) {
            if (scope[0])
                strcat(scope, ".");
            strncat(scope, a, sizeof scope - strlen(scope) - 1);
        } else if (!strncmp(line, "$upscope", 8)) {
            char *dot = strrchr(scope, '.');
            *(dot ? dot : scope) = '\0';
        } else if (sscanf(line, "$var %15s %u %95s %95s %95s", kind, &width, a, b, c) == 5) {
            assert_true(d->nsigs < MAX_SIGS);
            snprintf(d->id[d->nsigs], sizeof d->id[0], "%s", a);
            snprintf(d->name[d->nsigs], sizeof d->name[0], "%s.%s", scope, b);
            d->nsigs++;
        } else if (!strncmp(line, "$enddefinitions", 15)) {
            return line + strlen(line) + 1;
        }
    }
    fail_msg("no $enddefinitions");
    return NULL;
}

static int sig_by_id(const struct dump *d, const char *id)
{
    for (int i = 0; i < d->nsigs; i++)
        if (!strcmp(d->id[i], id))
            return i;
    fail_msg("value change for undeclared identifier '%s'", id);
    return -1;
}

static void add_change(struct dump *d, bool timed, uint64_t time, const char *id,
                       const char *value)
{
    if (!timed)
        fail_msg("value change before the first timestamp");
    assert_true(d->nchanges < MAX_CHANGES);
    struct change *c = &d->changes[d->nchanges++];
    c->time = time;
    c->sig = sig_by_id(d, id);
    snprintf(c->value, sizeof c->value, "%s", value);
}

/* Reads the value changes; timestamps must strictly increase. */
static void read_changes(struct dump *d, char *p)
{
    char *line, *save = NULL;
    bool timed = false, in_comment = false;
    uint64_t time = 0;
    while ((line = strtok_r(p, "\n", &save))) {
        p = NULL;
        if (in_comment) {
            in_comment = !strstr(line, "$end");
            continue;
        }
        if (!strncmp(line, "$comment", 8)) {
            in_comment = !strstr(line + 8, "$end");
            continue;
        }
        if (!*line || !strcmp(line, "$dumpvars") || !strcmp(line, "$end"))
            continue;
        if (line[0] == '#') {
            uint64_t t = strtoull(line + 1, NULL, 10);
            if (timed && t <= time)
                fail_msg("timestamp #%llu after #%llu", (unsigned long long)t,
                         (unsigned long long)time);
            time = t;
            timed = true;
        } else if (line[0] == 'b') {
            char value[72], id[8];
            assert_int_equal(sscanf(line, "%71s %7s", value, id), 2);
            add_change(d, timed, time, id, value);
        } else if (strchr("01zx", line[0])) {
            char value[2] = {line[0], 0};
            add_change(d, timed, time, line + 1, value);
        } else {
            fail_msg("unexpected line '%s'", line);
        }
    }
    d->last_time = time;
}

static int setup(void **state)
{
    struct dump *d = calloc(1, sizeof *d);
    fx_setup(&d->fx);
    char *out, *err;
    int rc = fx_run(&d->fx, &out, &err, "export", d->fx.rec, "--vcd", d->fx.out, NULL);
    if (rc != 0)
        fail_msg("exit %d: %s", rc, err);
    free(out);
    free(err);
    d->text = fx_read(d->fx.out, NULL);
    assert_non_null(d->text);
    char *copy = strdup(d->text);
    read_changes(d, read_header(d, copy));
    free(copy);
    *state = d;
    return 0;
}

static int teardown(void **state)
{
    struct dump *d = *state;
    free(d->text);
    fx_teardown(&d->fx);
    free(d);
    return 0;
}

static int sig_named(const struct dump *d, const char *name)
{
    for (int i = 0; i < d->nsigs; i++)
        if (!strcmp(d->name[i], name))
            return i;
    fail_msg("no signal %s", name);
    return -1;
}

/* A signal's changes as "time=value time=value ...". */
static void history(const struct dump *d, const char *name, char *buf, size_t len)
{
    int sig = sig_named(d, name);
    buf[0] = '\0';
    for (size_t i = 0; i < d->nchanges; i++) {
        if (d->changes[i].sig != sig)
            continue;
        size_t n = strlen(buf);
        snprintf(buf + n, len - n, "%s%llu=%s", n ? " " : "",
                 (unsigned long long)d->changes[i].time, d->changes[i].value);
    }
}

static void expect_history(const struct dump *d, const char *name, const char *want)
{
    char got[1024];
    history(d, name, got, sizeof got);
    if (strcmp(got, want))
        fail_msg("%s changes:\n  got  %s\n  want %s", name, got, want);
}

static void declares_every_signal(void **state)
{
    struct dump *d = *state;
    assert_string_equal(d->timescale, "1ns");
    const char *names[] = {"fenestra.partition",      "fenestra.window",
                           "fenestra.schedule",       "fenestra.frame",
                           "fenestra.fault",          "fenestra.hm_error",
                           "fenestra.sensors.running", "fenestra.sensors.thread",
                           "fenestra.control.running", "fenestra.control.thread",
                           "fenestra.irq.line3_sensors"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        sig_named(d, names[i]);
    assert_int_equal(d->nsigs, 11);
    assert_non_null(strstr(d->text, "$var integer 8 "));
}

/* 25 MHz: a cycle is 40 ns; the run ends at cycle 2000. */
static void timestamps_are_real_time(void **state)
{
    struct dump *d = *state;
    assert_int_equal(d->last_time, 80000);
    assert_non_null(strstr(d->text, "\n#20080\n"));
}

static void windows_and_frames(void **state)
{
    struct dump *d = *state;
    expect_history(d, "fenestra.partition",
                   "0=b0 16000=bz 20080=b1 36000=bz 40120=b0 56000=bz 60000=b1 76000=bz");
    expect_history(d, "fenestra.window",
                   "0=b0 16000=bz 20080=b1 36000=bz 40120=b0 56000=bz 60000=b1 76000=bz");
    expect_history(d, "fenestra.frame", "0=b0 40000=b1");
    expect_history(d, "fenestra.schedule", "0=b0");
}

static void running_wires_follow_threads(void **state)
{
    struct dump *d = *state;
    expect_history(d, "fenestra.sensors.running", "0=1 12000=0 40120=1 60080=0");
    expect_history(d, "fenestra.sensors.thread",
                   "0=b0 4000=b1 12000=bz 40120=b10 44000=b0 60080=bz");
    expect_history(d, "fenestra.control.running", "0=0 20080=1 34000=0 60080=1 76000=0");
    expect_history(d, "fenestra.control.thread",
                   "0=bz 20080=b1 24400=b10 34000=bz 60080=b11 68000=b0 76000=bz");
}

static void irq_and_fault_pulses(void **state)
{
    struct dump *d = *state;
    expect_history(d, "fenestra.irq.line3_sensors", "0=0 6000=1 40120=0");
    expect_history(d, "fenestra.fault", "0=0 24000=1 24040=0");
    expect_history(d, "fenestra.hm_error", "0=0 24000=1 24040=0 36000=1 36040=0 76000=1 76040=0");
}

/* gtkwave's converter: its exit status says little, so the file it writes
 * is read back with fst2vcd. */
static void vcd2fst_accepts_it(void **state)
{
    struct dump *d = *state;
    if (access("/usr/bin/vcd2fst", X_OK) != 0)
        skip();
    char fst[340], *out, *err;
    snprintf(fst, sizeof fst, "%s/out.fst", d->fx.dir);
    int rc = fx_exec(&d->fx, "/usr/bin/vcd2fst", &out, &err, d->fx.out, fst, NULL);
    if (rc != 0 || strstr(err, "rror") || strstr(out, "rror"))
        fail_msg("vcd2fst: exit %d\n%s%s", rc, out, err);
    free(out);
    free(err);
    size_t len = 0;
    free(fx_read(fst, &len));
    assert_true(len > 0);
    if (access("/usr/bin/fst2vcd", X_OK) != 0)
        return;
    assert_int_equal(fx_exec(&d->fx, "/usr/bin/fst2vcd", &out, &err, fst, NULL), 0);
    assert_non_null(strstr(out, "line3_sensors"));
    assert_non_null(strstr(out, "running"));
    assert_non_null(strstr(out, "\n#24040\n"));
    assert_non_null(strstr(out, "\n#80000\n"));
    free(out);
    free(err);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH/TO/fenestra-trace\n", argv[0]);
        return 2;
    }
    fx_tool = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(declares_every_signal),
        cmocka_unit_test(timestamps_are_real_time),
        cmocka_unit_test(windows_and_frames),
        cmocka_unit_test(running_wires_follow_threads),
        cmocka_unit_test(irq_and_fault_pulses),
        cmocka_unit_test(vcd2fst_accepts_it),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
