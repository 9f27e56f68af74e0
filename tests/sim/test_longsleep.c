/*
 * test_longsleep.c - deadlines beyond one SysTick count are reached in
 * steps that do not enter the kernel, and still at the exact cycle.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "scenario.h"

static void a_long_sleep_ends_at_its_exact_cycle(void **state)
{
    (void)state;
    struct scenario run = {0};
    scenario_run(&run, LONGSLEEP_ELF_DIR, 2); /* 2 s */
    long w = scenario_find(&run, 0, TR_WAKE, 0);
    assert_true(w >= 0);
    assert_int_equal(run.ev[w].cycle, 37500000);
    w = scenario_find(&run, (size_t)w + 1, TR_WAKE, 0);
    assert_true(w >= 0);
    assert_int_equal(run.ev[w].cycle, 40000000);
    /* The SysTick steps in between are not kernel entries: the kernel saw
     * only the boot, the two frame starts and the two wake-ups. */
    size_t syscalls = 0;
    for (long i = scenario_find(&run, 0, TR_SYSCALL, -1); i >= 0;
         i = scenario_find(&run, (size_t)i + 1, TR_SYSCALL, -1))
        syscalls++;
    assert_int_equal(run.kernel_entries, syscalls + 1 /* frame 1 */ + 2 /* wakes */);
    assert_non_null(strstr(run.console, "woke at 37500"));
    scenario_free(&run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_long_sleep_ends_at_its_exact_cycle),
    };
    return cmocka_run_group_tests_name("sim.longsleep", tests, NULL, NULL);
}
