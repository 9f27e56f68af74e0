/* test_ktime.c - time arithmetic (kernel/ktime.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "ktime.h"

static void add_saturates(void **state)
{
    (void)state;
    assert_int_equal(ktime_add_sat(5, 7), 12);
    assert_true(ktime_add_sat(KTIME_NEVER - 3, 3) == KTIME_NEVER);
    assert_true(ktime_add_sat(KTIME_NEVER - 3, 4) == KTIME_NEVER);
    assert_true(ktime_add_sat(KTIME_NEVER, KTIME_NEVER) == KTIME_NEVER);
}

static void seconds_and_nanoseconds(void **state)
{
    (void)state;
    uint64_t s;
    uint32_t ns;
    ktime_to_sec_ns(125000, 25000000, &s, &ns);   /* 5 ms at 25 MHz */
    assert_int_equal(s, 0);
    assert_int_equal(ns, 5000000);
    ktime_to_sec_ns(25000001, 25000000, &s, &ns); /* 1 s + one 40 ns cycle */
    assert_int_equal(s, 1);
    assert_int_equal(ns, 40);
    ktime_to_sec_ns(UINT64_MAX, 25000000, &s, &ns); /* no overflow at the top */
    assert_true(s == UINT64_MAX / 25000000);
    assert_int_equal(ns, (UINT64_MAX % 25000000) * 40);
    ktime_to_sec_ns(UINT64_MAX, 4000000000u, &s, &ns);
    assert_true(ns < 1000000000u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(add_saturates),
        cmocka_unit_test(seconds_and_nanoseconds),
    };
    return cmocka_run_group_tests_name("ktime", tests, NULL, NULL);
}
