/*
 * test_stats.c - `fenestra-trace stats` on the known run (fixture.h): CPU
 * use, idle, misses, faults, overruns and jitter per partition and per
 * window, the totals, and the table's alignment.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"

struct run {
    struct fx fx;
    char *out;
};

static int setup(void **state)
{
    struct run *r = calloc(1, sizeof *r);
    fx_setup(&r->fx);
    char *err;
    int rc = fx_run(&r->fx, &r->out, &err, "stats", r->fx.rec, NULL);
    if (rc != 0)
        fail_msg("exit %d: %s", rc, err);
    assert_string_equal(err, "");
    free(err);
    *state = r;
    return 0;
}

static int teardown(void **state)
{
    struct run *r = *state;
    free(r->out);
    fx_teardown(&r->fx);
    free(r);
    return 0;
}

/* The line as single-spaced words. */
static void squeeze(const char *line, size_t n, char *buf, size_t len)
{
    size_t k = 0;
    bool space = true;
    for (size_t i = 0; i < n && k + 1 < len; i++) {
        if (line[i] == ' ') {
            if (!space)
                buf[k++] = ' ';
            space = true;
        } else {
            buf[k++] = line[i];
            space = false;
        }
    }
    while (k && buf[k - 1] == ' ')
        k--;
    buf[k] = '\0';
}

/* Some line of the output reads `want` once its spaces are squeezed. */
static void expect_line(const struct run *r, const char *want)
{
    char buf[512];
    for (const char *p = r->out; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        squeeze(p, n, buf, sizeof buf);
        if (!strcmp(buf, want))
            return;
        p += n + (nl != NULL);
    }
    fail_msg("no line '%s' in:\n%s", want, r->out);
}

static void partitions(void **state)
{
    struct run *r = *state;
    expect_line(r, "partition count window_cycles run_cycles cpu_% idle_cycles misses faults "
                   "overruns jitter_min jitter_max jitter_mean");
    expect_line(r, "sensors 2 797 697 87.45 100 0 0 0 0 3 1.50");
    expect_line(r, "control 2 798 746 93.48 52 1 1 1 0 2 1.00");
}

static void windows(void **state)
{
    struct run *r = *state;
    expect_line(r, "0 0 sensors 0 400 2 797 697 87.45 100 0 0 0 0 3 1.50");
    expect_line(r, "0 1 control 500 400 2 798 746 93.48 52 1 1 1 0 2 1.00");
}

static void totals(void **state)
{
    struct run *r = *state;
    expect_line(r, "cycles 2000 (0.000080 s)");
    expect_line(r, "frames 2");
    expect_line(r, "kernel events 26 (lost 0)");
    expect_line(r, "deadline misses 1");
    expect_line(r, "faults 1");
    expect_line(r, "overruns 1");
    expect_line(r, "irq 1 asserted, 1 delivered");
}

/* Every line of the partition table is as long as its head (the last
 * column is right-aligned), and the numbers' right edges line up. */
static void columns_are_aligned(void **state)
{
    struct run *r = *state;
    const char *head = strstr(r->out, "partition  ");
    assert_non_null(head);
    size_t width = strcspn(head, "\n");
    const char *p = head;
    for (int row = 0; row < 3; row++) {
        size_t n = strcspn(p, "\n");
        if (n != width)
            fail_msg("row %d is %zu wide, the head %zu:\n%s", row, n, width, r->out);
        p += n + 1;
    }
    /* "cpu_%" ends where "87.45" ends. */
    const char *sensors = strstr(head, "\nsensors") + 1;
    size_t cpu_end = (size_t)(strstr(head, "cpu_%") - head) + 5;
    assert_int_equal((size_t)(strstr(sensors, "87.45") - sensors) + 5, cpu_end);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH/TO/fenestra-trace\n", argv[0]);
        return 2;
    }
    fx_tool = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(partitions),
        cmocka_unit_test(windows),
        cmocka_unit_test(totals),
        cmocka_unit_test(columns_are_aligned),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
