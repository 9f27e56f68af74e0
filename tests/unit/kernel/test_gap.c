/* test_gap.c - a major frame that begins, and ends, with a gap
 * (tests/unit/kernel/gap/test_config.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "fake_arch.h"
#include "abi.h"
#include "kstate.h"

static void the_frame_starts_idle_until_the_first_window(void **state)
{
    (void)state;
    fake_reset();
    kern_init();
    assert_null(kstate.sched.current);
    assert_int_equal(kstate.sched.window, -1);
    assert_int_equal(fake_deadline, 50);
    static const struct { uint64_t at; int active; uint64_t next; } steps[] = {
        {50, 0, 100}, {100, -1, 150}, {150, 1, 200}, {200, -1, 250},
        {250, -1, 300}, {300, 0, 350},
    };
    for (unsigned i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        fake_run_to_deadline();
        assert_int_equal(fake_now, steps[i].at);
        assert_int_equal(kstate.sched.active, steps[i].active);
        assert_int_equal(fake_deadline, steps[i].next);
        assert_true((kstate.sched.current != NULL) == (steps[i].active >= 0));
    }
    assert_int_equal(kstate.sched.frame, 1);
    struct trace_event w;
    assert_int_equal(fake_count_events(TR_WINDOW, &w), 3); /* 50, 150, 300 */
    assert_int_equal(w.cycle, 300);
}

static void a_sleep_due_in_the_gap_wakes_at_the_next_window(void **state)
{
    (void)state;
    fake_reset();
    kern_init();
    fake_run_to_deadline(); /* 50: a runs */
    fake_now = 60;
    fake_syscall(FEN_SYS_SLEEP_UNTIL, 120, 0, 0, 0); /* due in the gap */
    assert_int_equal(fake_deadline, 100);
    for (int i = 0; i < 5; i++)
        fake_run_to_deadline(); /* 100, 150, 200, 250, 300 */
    assert_int_equal(fake_now, 300);
    assert_ptr_equal(kstate.sched.current, &kstate.threads[0]);
    struct trace_event wake;
    assert_int_equal(fake_count_events(TR_WAKE, &wake), 1);
    assert_int_equal(wake.cycle, 300);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_frame_starts_idle_until_the_first_window),
        cmocka_unit_test(a_sleep_due_in_the_gap_wakes_at_the_next_window),
    };
    return cmocka_run_group_tests_name("kernel.gap", tests, NULL, NULL);
}
