/*
 * test_hmrestart.c - health-monitor restarts on real partition code
 * (apps/hmrestart): the error handler reads the error and warm starts its
 * partition; table rules warm start and cold start it; a warm start keeps
 * .data and .bss, a cold start re-initialises them; the neighbour runs on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "abi.h"
#include "config.h"
#include "hm.h"
#include "scenario.h"

#define RESTARTER 0
#define STEADY 1
#define FRAMES 12

static struct scenario run;

static int run_once(void **state)
{
    (void)state;
    scenario_run(&run, HMRESTART_ELF_DIR, FRAMES);
    return 0;
}

static int free_run(void **state)
{
    (void)state;
    scenario_free(&run);
    return 0;
}

static void expect_line(const char *line)
{
    scenario_expect_console(&run, line);
}

/* Each life prints what it found: a warm start found the previous life's
 * values (each life adds one), a cold start the image's. */
static void data_is_kept_on_warm_and_reset_on_cold_start(void **state)
{
    (void)state;
    expect_line("restarter: life 0: cold start, condition 0, data 100, bss 0\n");
    expect_line("restarter: life 1: warm start, condition 1, data 101, bss 1\n");
    expect_line("restarter: life 2: warm start, condition 3, data 102, bss 2\n");
    expect_line("restarter: life 3: cold start, condition 3, data 100, bss 0\n");
    assert_null(strstr(run.console, "life 4"));
}

static void the_handler_reads_the_error_first(void **state)
{
    (void)state;
    expect_line("restarter: handler: error APPLICATION_ERROR from process 1: sensor stuck\n");
    expect_line("kernel: hm: restarter/worker: APPLICATION_ERROR in normal -> error handler\n");
    /* ... and no table action for that first error */
    const char *first = strstr(run.console, "APPLICATION_ERROR in normal -> warm_start");
    const char *handled = strstr(run.console, "handler: warm start");
    assert_non_null(first);
    assert_non_null(handled);
    assert_true(handled < first);
}

static void the_tables_restart_it_without_a_handler(void **state)
{
    (void)state;
    expect_line("kernel: hm: restarter/worker: APPLICATION_ERROR in normal -> warm_start "
                "(partition table)\n");
    expect_line("kernel: hm: restarter/worker: MEMORY_VIOLATION in normal -> cold_start "
                "(partition table)\n");
    expect_line("restarter: worker: working 3\n");
}

/* TR_MODE events: power-on cold start, then warm (by itself), warm and
 * cold (by the table), each with its restart count. */
static void modes_and_restart_counts_are_events(void **state)
{
    (void)state;
    static const uint32_t want[][3] = {
        {FEN_MODE_COLD_START, FEN_START_NORMAL, 0},
        {FEN_MODE_NORMAL, FEN_START_NORMAL, 0},
        {FEN_MODE_WARM_START, FEN_START_PARTITION_RESTART, 1},
        {FEN_MODE_NORMAL, FEN_START_PARTITION_RESTART, 1},
        {FEN_MODE_WARM_START, FEN_START_HM_PARTITION_RESTART, 2},
        {FEN_MODE_NORMAL, FEN_START_HM_PARTITION_RESTART, 2},
        {FEN_MODE_COLD_START, FEN_START_HM_PARTITION_RESTART, 3},
        {FEN_MODE_NORMAL, FEN_START_HM_PARTITION_RESTART, 3},
    };
    long m = -1;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        m = scenario_find(&run, (size_t)(m + 1), TR_MODE, RESTARTER);
        assert_true(m >= 0);
        assert_int_equal(run.ev[m].a0, want[i][0]);
        assert_int_equal(run.ev[m].a1, want[i][1]);
        assert_int_equal(run.ev[m].a2, want[i][2]);
    }
    assert_int_equal(scenario_find(&run, (size_t)(m + 1), TR_MODE, RESTARTER), -1);
    /* steady: its power-on cold start, nothing else */
    long s = scenario_find(&run, 0, TR_MODE, STEADY);
    assert_true(s >= 0);
    assert_int_equal(scenario_find(&run, (size_t)s + 1, TR_MODE, STEADY), -1);
}

static void the_neighbour_never_noticed(void **state)
{
    (void)state;
    char line[32];
    for (int n = 1; n <= FRAMES; n++) {
        snprintf(line, sizeof line, "steady: tick %d\n", n);
        expect_line(line);
    }
    assert_int_equal(scenario_find(&run, 0, TR_ERROR, STEADY), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(data_is_kept_on_warm_and_reset_on_cold_start),
        cmocka_unit_test(the_handler_reads_the_error_first),
        cmocka_unit_test(the_tables_restart_it_without_a_handler),
        cmocka_unit_test(modes_and_restart_counts_are_events),
        cmocka_unit_test(the_neighbour_never_noticed),
    };
    return cmocka_run_group_tests(tests, run_once, free_run);
}
