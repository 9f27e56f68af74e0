/*
 * test_lwlock.c - the lightweight lock on real partition code
 * (apps/lwlock): LDREX/STREX in the emulated Cortex-M3, the kernel only
 * on contention.  The app marks each phase with two fen_yield() calls;
 * the kernel's events between them show what the lock cost.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "abi.h"
#include "scenario.h"

#define LOCKER 0
#define MAIN 0 /* the initial thread; the contenders A, B, C are 1, 2, 3 */
#define A 1
#define B 2
#define C 3
#define D 4 /* the timed one */

static struct scenario run;

static int run_once(void **state)
{
    (void)state;
    scenario_run(&run, LWLOCK_ELF_DIR, 3);
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

static bool is_syscall(const struct trace_event *e, uint32_t n)
{
    return e->type == TR_SYSCALL && e->part == LOCKER && e->a0 == n;
}

/* The events of phase `phase` (0-based): between the initial thread's
 * YIELD calls 2 * phase and 2 * phase + 1. */
static void phase(int phase, size_t *from, size_t *to)
{
    int seen = 0;
    for (size_t i = 0; i < run.num_ev; i++) {
        const struct trace_event *e = &run.ev[i];
        if (!is_syscall(e, FEN_SYS_YIELD) || e->thread != MAIN)
            continue;
        if (seen == 2 * phase)
            *from = i + 1;
        if (seen == 2 * phase + 1) {
            *to = i;
            return;
        }
        seen++;
    }
    fail_msg("phase %d not found", phase);
}

/* The calls `n` in a phase: their callers and results. */
static int calls(int ph, uint32_t n, uint8_t who[], int32_t rc[], int max)
{
    size_t from, to;
    phase(ph, &from, &to);
    int k = 0;
    for (size_t i = from; i < to; i++) {
        if (!is_syscall(&run.ev[i], n))
            continue;
        assert_true(k < max);
        who[k] = run.ev[i].thread;
        rc[k++] = (int32_t)run.ev[i].a1;
    }
    return k;
}

/* 1000 acquire/release pairs and a try on the held lock: not one kernel
 * entry for a system call between the marks. */
static void uncontended_acquire_and_release_make_no_system_call(void **state)
{
    (void)state;
    expect_line("locker: uncontended: 1000 pairs, try on held -2, word 0\n");
    size_t from, to;
    phase(0, &from, &to);
    for (size_t i = from; i < to; i++)
        if (run.ev[i].type == TR_SYSCALL)
            fail_msg("system call %u in the uncontended phase", run.ev[i].a0);
}

/* A (20), B (15) and C (30) block in that order; each release wakes the
 * highest-priority waiter: C, then A, then B, whose release finds
 * nobody. */
static void contenders_block_and_are_woken_highest_priority_first(void **state)
{
    (void)state;
    expect_line("locker: contended: word 2 while they waited, order CAB, word 0\n");
    uint8_t who[8];
    int32_t rc[8];
    assert_int_equal(calls(1, FEN_SYS_LOCK_WAIT, who, rc, 8), 3);
    const uint8_t waiters[3] = {A, B, C};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(who[i], waiters[i]);
        assert_int_equal(rc[i], 0); /* blocked */
    }
    assert_int_equal(calls(1, FEN_SYS_LOCK_WAKE, who, rc, 8), 4);
    const uint8_t wakers[4] = {MAIN, C, A, B};
    const int32_t woken[4] = {1, 1, 1, 0};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(who[i], wakers[i]);
        assert_int_equal(rc[i], woken[i]);
    }
}

/* D waits 1000 cycles for a lock held 3000: LOCK_WAIT times out, and the
 * holder's release wakes nobody. */
static void a_timed_acquire_times_out(void **state)
{
    (void)state;
    const char *line = strstr(run.console, "locker: timed: ");
    int result = 0;
    unsigned long long cycles = 0;
    assert_non_null(line);
    assert_int_equal(sscanf(line, "locker: timed: %d after %llu cycles", &result, &cycles), 2);
    assert_int_equal(result, -FEN_TIMED_OUT);
    assert_true(cycles >= 1000 && cycles < 2000); /* its timeout, and its calls */
    uint8_t who[8];
    int32_t rc[8];
    assert_int_equal(calls(2, FEN_SYS_LOCK_WAIT, who, rc, 8), 1);
    assert_int_equal(who[0], D);
    assert_int_equal(calls(2, FEN_SYS_LOCK_WAKE, who, rc, 8), 1);
    assert_int_equal(who[0], MAIN);
    assert_int_equal(rc[0], 0);
    size_t from, to;
    phase(2, &from, &to);
    int timeouts = 0;
    for (size_t i = from; i < to; i++)
        timeouts += run.ev[i].type == TR_WAKE && run.ev[i].thread == D && run.ev[i].flags == 1;
    assert_int_equal(timeouts, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(uncontended_acquire_and_release_make_no_system_call),
        cmocka_unit_test(contenders_block_and_are_woken_highest_priority_first),
        cmocka_unit_test(a_timed_acquire_times_out),
    };
    return cmocka_run_group_tests_name("sim.lwlock", tests, run_once, free_run);
}
