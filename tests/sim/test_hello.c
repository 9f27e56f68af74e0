/*
 * test_hello.c - apps/hello in the simulator: windows at exact cycles,
 * sleeps that end at exact cycles, time isolation, and determinism.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "scenario.h"

#define FRAMES 20

static struct scenario run;

static int run_once(void **state)
{
    (void)state;
    scenario_run(&run, HELLO_ELF_DIR, FRAMES);
    return 0;
}

static int free_run(void **state)
{
    (void)state;
    scenario_free(&run);
    return 0;
}

static void windows_alternate_at_exact_multiples_of_5ms(void **state)
{
    (void)state;
    size_t n = 0;
    for (long i = scenario_find(&run, 0, TR_WINDOW, -1); i >= 0;
         i = scenario_find(&run, (size_t)i + 1, TR_WINDOW, -1), n++) {
        assert_int_equal(run.ev[i].cycle, n * 125000);  /* 5 ms at 25 MHz */
        assert_int_equal(run.ev[i].part, n % 2);        /* ping, pong, ping... */
    }
    assert_int_equal(n, 2 * FRAMES);
    assert_int_equal(run.cycles, FRAMES * 250000);
}

/* Start of partition p's first window that covers or follows cycle t. */
static uint64_t window_time_for(int p, uint64_t t)
{
    const struct cfg_schedule *s = cfg_system.schedule;
    uint64_t frame = t / s->major_frame * s->major_frame;
    for (;; frame += s->major_frame) {
        for (uint16_t i = 0; i < s->num_windows; i++) {
            const struct cfg_window *w = &s->windows[i];
            uint64_t start = frame + w->offset, end = start + w->duration;
            if (w->partition == p && t < end)
                return t > start ? t : start;
        }
    }
}

static void sleepers_wake_at_the_exact_cycle_or_their_next_window(void **state)
{
    (void)state;
    size_t checked = 0;
    for (long i = scenario_find(&run, 0, TR_SLEEP, -1); i >= 0;
         i = scenario_find(&run, (size_t)i + 1, TR_SLEEP, -1)) {
        const struct trace_event *sl = &run.ev[i];
        uint64_t until = (uint64_t)sl->a1 << 32 | sl->a0;
        long w = scenario_find(&run, (size_t)i + 1, TR_WAKE, sl->part);
        if (w < 0)
            continue; /* the run ended first */
        assert_int_equal(run.ev[w].thread, sl->thread);
        assert_int_equal(run.ev[w].cycle, window_time_for(sl->part, until));
        /* ... and it runs at that very cycle (one thread per partition). */
        long sw = scenario_find(&run, (size_t)w + 1, TR_THREAD_SWITCH, sl->part);
        assert_true(sw >= 0);
        assert_int_equal(run.ev[sw].cycle, run.ev[w].cycle);
        checked++;
    }
    assert_true(checked >= 4 * FRAMES); /* both partitions sleep several times a frame */
}

static void threads_run_only_inside_their_partition_window(void **state)
{
    (void)state;
    for (long i = scenario_find(&run, 0, TR_THREAD_SWITCH, -1); i >= 0;
         i = scenario_find(&run, (size_t)i + 1, TR_THREAD_SWITCH, -1)) {
        const struct trace_event *e = &run.ev[i];
        if (e->part == TRACE_NONE)
            continue;
        assert_int_equal(window_time_for(e->part, e->cycle), e->cycle);
    }
    for (long i = scenario_find(&run, 0, TR_SYSCALL, -1); i >= 0;
         i = scenario_find(&run, (size_t)i + 1, TR_SYSCALL, -1))
        assert_int_equal(window_time_for(run.ev[i].part, run.ev[i].cycle), run.ev[i].cycle);
}

static void both_partitions_print_prefixed_lines(void **state)
{
    (void)state;
    assert_non_null(strstr(run.console, "] ping: ping #1 at "));
    assert_non_null(strstr(run.console, "] pong: pong #1 at "));
    size_t lines = 0;
    for (const char *l = run.console; *l; l = strchr(l, '\n') + 1, lines++) {
        assert_true(l[0] == '[');
        assert_true(strncmp(strchr(l, ']'), "] ping: ", 8) == 0 ||
                    strncmp(strchr(l, ']'), "] pong: ", 8) == 0);
        assert_non_null(strchr(l, '\n'));
    }
    assert_true(lines > 2 * FRAMES);
}

static void two_runs_are_byte_identical(void **state)
{
    (void)state;
    struct scenario again = {0};
    scenario_run(&again, HELLO_ELF_DIR, FRAMES);
    assert_int_equal(again.console_len, run.console_len);
    assert_memory_equal(again.console, run.console, run.console_len);
    assert_int_equal(again.num_ev, run.num_ev);
    assert_memory_equal(again.ev, run.ev, run.num_ev * sizeof *run.ev);
    assert_int_equal(again.insns, run.insns);
    scenario_free(&again);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(windows_alternate_at_exact_multiples_of_5ms),
        cmocka_unit_test(sleepers_wake_at_the_exact_cycle_or_their_next_window),
        cmocka_unit_test(threads_run_only_inside_their_partition_window),
        cmocka_unit_test(both_partitions_print_prefixed_lines),
        cmocka_unit_test(two_runs_are_byte_identical),
    };
    return cmocka_run_group_tests_name("sim.hello", tests, run_once, free_run);
}
