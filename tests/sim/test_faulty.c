/*
 * test_faulty.c - tests/sim/apps/faulty: a partition that writes into
 * another's memory is stopped at that exact store; the write never lands;
 * the others go on.  (compare_windows.cmake checks that every window still
 * starts at the cycle of a run without the fault.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "abi.h"
#include "config.h"
#include "kernel.h"
#include "armv7m/regs/mpu.h"
#include "scenario.h"

#define FRAMES 6
enum { ALPHA = 0, VICTIM = 1, BETA = 2 };

static struct scenario run;

static int run_once(void **state)
{
    (void)state;
    run.peek_addr = 0x20120100; /* where victim's store was aimed, in beta */
    scenario_run(&run, FAULTY_ELF_DIR, FRAMES);
    return 0;
}

static int free_run(void **state)
{
    (void)state;
    scenario_free(&run);
    return 0;
}

static void the_store_is_caught_where_it_happens(void **state)
{
    (void)state;
    long f = scenario_find(&run, 0, TR_FAULT, -1);
    assert_true(f >= 0);
    const struct trace_event *e = &run.ev[f];
    assert_int_equal(e->part, VICTIM);
    assert_int_equal(e->flags >> 4, FEN_ERR_MEMORY_VIOLATION);
    assert_int_equal(e->flags & 0x3, KERN_ACCESS_WRITE);
    /* The exact address (MMFAR), as on the board. */
    assert_int_equal(e->flags & TRACE_FAULT_ADDR_VALID, TRACE_FAULT_ADDR_VALID);
    assert_int_equal(e->a0, 0x20120100);
    assert_int_equal(e->a2, SCB_MMFSR_DACCVIOL | SCB_MMFSR_MMARVALID);
    const struct cfg_region *code = &cfg_system.partitions[VICTIM].regions[0];
    assert_true(e->a1 >= code->base && e->a1 < code->base + code->size);
    /* In victim's third window: frame 2, [3 ms, 6 ms). */
    assert_true(e->cycle >= 2 * 250000 + 75000 && e->cycle < 2 * 250000 + 150000);
    assert_int_equal(scenario_find(&run, (size_t)f + 1, TR_FAULT, -1), -1);

    long s = scenario_find_mode(&run, (size_t)f, -1, FEN_MODE_IDLE);
    assert_true(s > f);
    assert_int_equal(run.ev[s].cycle, e->cycle);
    long a = scenario_find(&run, (size_t)f, TR_HM_ACTION, -1);
    assert_true(a > f && a < s);
    assert_int_equal(run.ev[a].flags, CFG_HM_IDLE);
    assert_int_not_equal(run.peek_value, 0xdeadbeef); /* the write never landed */
    char line[128];
    snprintf(line, sizeof line,
             "kernel: fault in victim/0: MEMORY_VIOLATION: write at "
             "0x20120100, pc 0x%08x, status 0x00000082\n",
             e->a1);
    assert_non_null(strstr(run.console, line));
    /* followed by its region map */
    assert_non_null(strstr(run.console, "kernel:   region data 0x"));
}

static void the_stopped_partition_never_runs_again(void **state)
{
    (void)state;
    long f = scenario_find(&run, 0, TR_FAULT, -1);
    assert_int_equal(scenario_find(&run, (size_t)f + 1, TR_SYSCALL, VICTIM), -1);
    for (long i = scenario_find(&run, (size_t)f + 1, TR_THREAD_SWITCH, -1); i >= 0;
         i = scenario_find(&run, (size_t)i + 1, TR_THREAD_SWITCH, -1))
        assert_int_not_equal(run.ev[i].part, VICTIM);
    assert_null(strstr(run.console, "victim: victim round 4"));
    assert_non_null(strstr(run.console, "victim: victim round 3"));
}

static void the_others_keep_going(void **state)
{
    (void)state;
    long f = scenario_find(&run, 0, TR_FAULT, -1);
    assert_true(scenario_find(&run, (size_t)f, TR_SYSCALL, ALPHA) > f);
    assert_true(scenario_find(&run, (size_t)f, TR_SYSCALL, BETA) > f);
    /* 3 rounds per 3 ms window for alpha, 4 per 4 ms window for beta. */
    char last[32];
    snprintf(last, sizeof last, "alpha: round %u\n", 3 * FRAMES);
    assert_non_null(strstr(run.console, last));
    snprintf(last, sizeof last, "beta: round %u\n", 4 * FRAMES);
    assert_non_null(strstr(run.console, last));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_store_is_caught_where_it_happens),
        cmocka_unit_test(the_stopped_partition_never_runs_again),
        cmocka_unit_test(the_others_keep_going),
    };
    return cmocka_run_group_tests_name("sim.faulty", tests, run_once, free_run);
}
