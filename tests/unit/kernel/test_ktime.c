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

/* ktime_udiv against the host's 64-bit division: both halves of its
 * range, divisors from 1 to 2^32 - 1. */
static void division_without_libgcc(void **state)
{
    (void)state;
    static const uint32_t ds[] = {1, 3, 10, 25000000, 0x80000000u, 0xffffffffu};
    uint64_t n = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 2000; i++) {
        n = n * 6364136223846793005ull + 1442695040888963407ull;
        uint64_t v = i % 2 ? n >> (i % 64) : n;
        for (size_t k = 0; k < sizeof ds / sizeof ds[0]; k++) {
            uint32_t rem;
            uint64_t q = ktime_udiv(v, ds[k], &rem);
            assert_true(q == v / ds[k]);
            assert_int_equal(rem, v % ds[k]);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(add_saturates),
        cmocka_unit_test(seconds_and_nanoseconds),
        cmocka_unit_test(division_without_libgcc),
    };
    return cmocka_run_group_tests_name("ktime", tests, NULL, NULL);
}
