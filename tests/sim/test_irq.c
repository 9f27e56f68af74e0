/*
 * test_irq.c - the interrupt model on real partition code
 * (tests/sim/apps/irq): only the owner touches its lines and devices;
 * every assertion reaches the owner's interrupt process at the owner's
 * next window start (the highest-priority one) or within that window; an assertion in another partition's window costs that
 * window exactly the top half (one kernel entry).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "abi.h"
#include "config.h"
#include "irq.h"
#include "scenario.h"

#define OWNER 0
#define OTHER 1
#define FRAMES 4
#define FRAME 250000u   /* 10 ms */
#define OWNER_WINDOW 50000u /* [0, 2 ms) of each frame */
#define BATCHES 600

static struct scenario run;
static size_t durations;

static int run_once(void **state)
{
    (void)state;
    durations = scenario_peek(&run, scenario_symbol(IRQ_ELF_DIR, "other", "durations"),
                              BATCHES * 4);
    run.stimulus = IRQ_STIMULUS;
    scenario_run(&run, IRQ_ELF_DIR, FRAMES);
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

static void only_the_owner_touches_its_lines(void **state)
{
    (void)state;
    char line[64];
    const char *calls[] = {"enable 30", "disable 30", "wait 30", "ack 30", "enable 2",
                           "enable 7"};
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        snprintf(line, sizeof line, "other: %s -> %d\n", calls[i], -FEN_INVALID_CONFIG);
        expect_line(line);
    }
    snprintf(line, sizeof line, "other: enable 45 -> %d\n", -FEN_INVALID_PARAM);
    expect_line(line);
}

static void only_the_owner_maps_its_device(void **state)
{
    (void)state;
    expect_line("other: reading owner's stimulus device\n");
    assert_null(strstr(run.console, "never printed"));
    long f = scenario_find(&run, 0, TR_FAULT, OTHER);
    assert_true(f >= 0);
    assert_int_equal(run.ev[f].flags >> 4, FEN_ERR_MEMORY_VIOLATION);
    assert_int_equal(run.ev[f].a0, 0x4003000c); /* STIMULUS_COUNT */
}

/* The owner's window start at or after `cycle`. */
static uint64_t owner_window_from(uint64_t cycle)
{
    uint64_t frame = cycle / FRAME * FRAME;
    return cycle - frame < OWNER_WINDOW ? cycle : frame + FRAME;
}

/* Every assertion of an owned line is delivered to the owner's process
 * within the bound: at the owner's next window start (or at once, in its
 * window) plus a few kernel entries. */
static void every_assertion_is_delivered_by_the_owners_next_window(void **state)
{
    (void)state;
    size_t asserts = 0;
    for (long i = 0; (i = scenario_find_flags(&run, (size_t)i, TR_IRQ, -1, IRQ_OP_ASSERT)) >= 0;
         i++) {
        const struct trace_event *a = &run.ev[i];
        long d = i;
        while ((d = scenario_find_flags(&run, (size_t)d + 1, TR_IRQ, OWNER,
                                        IRQ_OP_DELIVER)) >= 0 && run.ev[d].a0 != a->a0)
            ;
        if (d < 0) /* an assertion near the end of the run */
            continue;
        const struct trace_event *e = &run.ev[d];
        assert_int_equal(e->a0, a->a0);
        assert_int_equal(e->a1, (uint32_t)a->cycle);
        assert_int_equal(e->a2, e->cycle - a->cycle);
        /* Line 30's process has the owner's highest priority: it runs
         * right after the kernel entries; line 2's (rx) may wait behind it,
         * but within that same window. */
        uint64_t bound = owner_window_from(a->cycle) +
                         (a->a0 == 30 ? 4 * 64 + 200 : OWNER_WINDOW - 1);
        if (e->cycle > bound) {
            print_error("line %u asserted at %llu delivered at %llu, bound %llu\n", a->a0,
                        (unsigned long long)a->cycle, (unsigned long long)e->cycle,
                        (unsigned long long)bound);
            fail();
        }
        asserts++;
    }
    assert_true(asserts >= 5);
    expect_line("stim: record 0 word0 1 asserted 25000 delivered 25000\n");
    expect_line("rx: 'ping'\n");
    expect_line("rx: 'pong'\n");
    /* Records 1..3 arrived while line 30 was masked: one delivery at 10 ms. */
    expect_line("stim: record 3 word0 6 asserted 75000 delivered 75000\n");
}

/* In other's window, a batch of its loop takes D cycles, or D + 64 when
 * one of owner's top halves fell into it: the kernel entry, nothing else.
 * Batches that span a window switch are longer and skipped. */
static void a_foreign_interrupt_costs_the_window_its_top_half(void **state)
{
    (void)state;
    const uint32_t *d = (const uint32_t *)run.peeks[durations].bytes;
    assert_non_null(d);
    uint32_t base = UINT32_MAX;
    for (int i = 0; i < BATCHES; i++)
        if (d[i] && d[i] < base)
            base = d[i];
    int plain = 0, interrupted = 0;
    for (int i = 0; i < BATCHES; i++) {
        if (d[i] == base)
            plain++;
        else if (d[i] == base + 64)
            interrupted++;
        else
            assert_true(d[i] > base + 1000); /* a window switch */
    }
    assert_true(plain > 100);
    assert_true(interrupted >= 2); /* 5 ms (line 2), 15 ms (line 30) */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_the_owner_touches_its_lines),
        cmocka_unit_test(only_the_owner_maps_its_device),
        cmocka_unit_test(every_assertion_is_delivered_by_the_owners_next_window),
        cmocka_unit_test(a_foreign_interrupt_costs_the_window_its_top_half),
    };
    return cmocka_run_group_tests(tests, run_once, free_run);
}
