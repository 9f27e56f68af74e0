/*
 * test_irq_timer.c - interrupt ownership and delivery on a real device of
 * the board (tests/sim/apps/irq_timer: CMSDK timer0, line 8, every 3 ms):
 * only the owner may use its line and device; each assertion comes at the
 * timer's period and reaches the owner's interrupt process at once in the
 * owner's window, else at its next window start.  The same run is compared
 * on QEMU (diff.irq_timer, docs/boards.md).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "abi.h"
#include "irq.h"
#include "scenario.h"

#define OWNER 0
#define OTHER 1
#define FRAMES 4
#define FRAME 250000u       /* 10 ms */
#define OWNER_WINDOW 50000u /* [0, 2 ms) of each frame */
#define PERIOD 75000u       /* the timer's, 3 ms */
#define LINE 8

static struct scenario run;

static int run_once(void **state)
{
    (void)state;
    scenario_run(&run, IRQ_TIMER_ELF_DIR, FRAMES);
    return 0;
}

static int free_run(void **state)
{
    (void)state;
    scenario_free(&run);
    return 0;
}

static void only_the_owner_touches_its_line_and_device(void **state)
{
    (void)state;
    static const char *const calls[] = {"enable 8", "wait 8", "ack 8", "disable 8"};
    char line[64];
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        snprintf(line, sizeof line, "other: %s -> %d\n", calls[i], -FEN_INVALID_CONFIG);
        scenario_expect_console(&run, line);
    }
    scenario_expect_console(&run, "other: reading owner's timer\n");
    assert_null(strstr(run.console, "never printed"));
    long f = scenario_find(&run, 0, TR_FAULT, OTHER);
    assert_true(f >= 0);
    assert_int_equal(run.ev[f].flags >> 4, FEN_ERR_MEMORY_VIOLATION);
    assert_int_equal(run.ev[f].a0, 0x40000004); /* timer0's VALUE */
    assert_int_equal(scenario_find(&run, (size_t)f + 1, TR_FAULT, -1), -1);
}

/* The owner's window start at or after `cycle`. */
static uint64_t owner_window_from(uint64_t cycle)
{
    uint64_t frame = cycle / FRAME * FRAME;
    return cycle - frame < OWNER_WINDOW ? cycle : frame + FRAME;
}

/* Assertions a whole number of periods apart (the timer runs on while the
 * line waits for its acknowledgement); each delivered to `tick`, the
 * owner's highest-priority process, within a few kernel entries of the
 * owner's next window start. */
static void every_assertion_comes_by_the_owners_next_window(void **state)
{
    (void)state;
    size_t asserts = 0, in_window = 0;
    uint64_t first = 0;
    for (long i = 0; (i = scenario_find_flags(&run, (size_t)i, TR_IRQ, -1, IRQ_OP_ASSERT)) >= 0;
         i++) {
        const struct trace_event *a = &run.ev[i];
        assert_int_equal(a->a0, LINE);
        if (asserts++ == 0)
            first = a->cycle;
        assert_int_equal((a->cycle - first) % PERIOD, 0);
        long d = scenario_find_flags(&run, (size_t)i + 1, TR_IRQ, OWNER, IRQ_OP_DELIVER);
        if (d < 0) /* near the end of the run */
            continue;
        const struct trace_event *e = &run.ev[d];
        assert_int_equal(e->a1, (uint32_t)a->cycle);
        uint64_t bound = owner_window_from(a->cycle) + 4 * 64 + 200;
        if (e->cycle > bound) {
            print_error("asserted at %llu delivered at %llu, bound %llu\n",
                        (unsigned long long)a->cycle, (unsigned long long)e->cycle,
                        (unsigned long long)bound);
            fail();
        }
        in_window += owner_window_from(a->cycle) == a->cycle;
    }
    /* One assertion waits for each acknowledgement: 84520, 309520,
     * 534520 (owner's window), 609520, 759520 (owner's), 834520. */
    assert_true(asserts >= 5);
    assert_true(in_window >= 2 && in_window < asserts); /* both kinds */
    scenario_expect_console(&run, "tick 1: waited ");
    scenario_expect_console(&run, "waited no window\n");
    scenario_expect_console(&run, "waited for owner's window\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_the_owner_touches_its_line_and_device),
        cmocka_unit_test(every_assertion_comes_by_the_owners_next_window),
    };
    return cmocka_run_group_tests_name("sim.irq_timer", tests, run_once, free_run);
}
