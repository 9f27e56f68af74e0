/*
 * test_units.c - numbers, sizes and times as written in config files, and
 * their exact conversion to cycles (tools/fcc/units.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "units.h"

#define MHZ25 25000000u

static void integers_decimal_hex_and_negative(void **state)
{
    (void)state;
    int64_t v;
    uint64_t u;
    assert_int_equal(fcc_parse_int("42", &v), FCC_UNITS_OK);
    assert_int_equal(v, 42);
    assert_int_equal(fcc_parse_int("0x2A", &v), FCC_UNITS_OK);
    assert_int_equal(v, 42);
    assert_int_equal(fcc_parse_int("-1", &v), FCC_UNITS_OK);
    assert_int_equal(v, -1);
    assert_int_equal(fcc_parse_uint("0xFFFFFFFFFFFFFFFF", &u), FCC_UNITS_OK);
    assert_true(u == UINT64_MAX);
    assert_int_equal(fcc_parse_uint("18446744073709551616", &u),
                     FCC_UNITS_OVERFLOW);
    assert_int_equal(fcc_parse_int("9223372036854775808", &v),
                     FCC_UNITS_OVERFLOW);
    assert_int_equal(fcc_parse_int("", &v), FCC_UNITS_SYNTAX);
    assert_int_equal(fcc_parse_int("0x", &v), FCC_UNITS_SYNTAX);
    assert_int_equal(fcc_parse_int("12a", &v), FCC_UNITS_SYNTAX);
    assert_int_equal(fcc_parse_int("--1", &v), FCC_UNITS_SYNTAX);
    assert_int_equal(fcc_parse_uint("-1", &u), FCC_UNITS_SYNTAX);
}

static void sizes_with_each_unit(void **state)
{
    (void)state;
    uint64_t v;
    assert_int_equal(fcc_parse_size("512", &v), FCC_UNITS_OK);
    assert_int_equal(v, 512);
    assert_int_equal(fcc_parse_size("512B", &v), FCC_UNITS_OK);
    assert_int_equal(v, 512);
    assert_int_equal(fcc_parse_size("64KiB", &v), FCC_UNITS_OK);
    assert_int_equal(v, 65536);
    assert_int_equal(fcc_parse_size("4MiB", &v), FCC_UNITS_OK);
    assert_int_equal(v, 4194304);
    assert_int_equal(fcc_parse_size("2 KiB", &v), FCC_UNITS_OK);
    assert_int_equal(v, 2048);
    assert_int_equal(fcc_parse_size("0x10000", &v), FCC_UNITS_OK);
    assert_int_equal(v, 65536);
}

static void sizes_rejected(void **state)
{
    (void)state;
    uint64_t v;
    assert_int_equal(fcc_parse_size("64KB", &v), FCC_UNITS_BAD_UNIT);
    assert_int_equal(fcc_parse_size("64k", &v), FCC_UNITS_BAD_UNIT);
    assert_int_equal(fcc_parse_size("KiB", &v), FCC_UNITS_SYNTAX);
    assert_int_equal(fcc_parse_size("0x100B", &v), FCC_UNITS_OK);
    assert_int_equal(v, 0x100B); /* hex takes no unit: B is a digit */
    assert_int_equal(fcc_parse_size("0x10KiB", &v), FCC_UNITS_SYNTAX);
    assert_int_equal(fcc_parse_size("17592186044416MiB", &v),
                     FCC_UNITS_OVERFLOW);
}

static void times_with_each_unit(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        uint64_t value;
        enum fcc_time_unit unit;
    } cases[] = {
        { "7ns", 7, FCC_TIME_NS }, { "7us", 7, FCC_TIME_US },
        { "7ms", 7, FCC_TIME_MS }, { "7s", 7, FCC_TIME_S },
        { "125000cycles", 125000, FCC_TIME_CYCLES }, { "10 ms", 10, FCC_TIME_MS },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct fcc_time t = { 0, FCC_TIME_S };
        assert_int_equal(fcc_parse_time(cases[i].text, &t), FCC_UNITS_OK);
        assert_int_equal(t.value, cases[i].value);
        assert_int_equal(t.unit, cases[i].unit);
    }
}

static void times_rejected(void **state)
{
    (void)state;
    struct fcc_time t;
    assert_int_equal(fcc_parse_time("10", &t), FCC_UNITS_NO_UNIT);
    assert_int_equal(fcc_parse_time("10min", &t), FCC_UNITS_BAD_UNIT);
    assert_int_equal(fcc_parse_time("10cycle", &t), FCC_UNITS_BAD_UNIT);
    assert_int_equal(fcc_parse_time("ms", &t), FCC_UNITS_SYNTAX);
    assert_int_equal(fcc_parse_time("-1ms", &t), FCC_UNITS_SYNTAX);
    assert_int_equal(fcc_parse_time("0x10ms", &t), FCC_UNITS_BAD_UNIT);
    assert_int_equal(fcc_parse_time("99999999999999999999ns", &t),
                     FCC_UNITS_OVERFLOW);
}

static uint64_t cycles_of(uint64_t value, enum fcc_time_unit unit,
                          uint64_t hz)
{
    struct fcc_time t = { value, unit };
    uint64_t c = 0;
    assert_int_equal(fcc_time_to_cycles(t, hz, &c), FCC_UNITS_OK);
    return c;
}

static void conversion_of_each_unit(void **state)
{
    (void)state;
    assert_int_equal(cycles_of(5, FCC_TIME_MS, MHZ25), 125000);
    assert_int_equal(cycles_of(2, FCC_TIME_S, MHZ25), 50000000);
    assert_int_equal(cycles_of(3, FCC_TIME_US, MHZ25), 75);
    assert_int_equal(cycles_of(40, FCC_TIME_NS, MHZ25), 1);
    assert_int_equal(cycles_of(123, FCC_TIME_CYCLES, MHZ25), 123);
    assert_int_equal(cycles_of(0, FCC_TIME_NS, MHZ25), 0);
    /* 3 MHz: a cycle is 333.3 ns, so 1 us is exactly 3 cycles */
    assert_int_equal(cycles_of(1, FCC_TIME_US, 3000000), 3);
    /* no intermediate overflow: value * hz exceeds 64 bits here */
    assert_true(cycles_of(UINT64_MAX / 1000000 * 1000000, FCC_TIME_NS,
                          1000000000) == UINT64_MAX / 1000000 * 1000000);
}

static void conversion_must_be_exact(void **state)
{
    (void)state;
    struct fcc_time t = { 1, FCC_TIME_NS };
    uint64_t c = 99;
    assert_int_equal(fcc_time_to_cycles(t, MHZ25, &c), FCC_UNITS_INEXACT);
    assert_int_equal(c, 99);
    assert_int_equal(fcc_time_granule(FCC_TIME_NS, MHZ25), 40);
    t = (struct fcc_time){ 1, FCC_TIME_US };
    assert_int_equal(fcc_time_to_cycles(t, 3000001, &c), FCC_UNITS_INEXACT);
    t = (struct fcc_time){ 1000000, FCC_TIME_US };
    assert_int_equal(fcc_time_to_cycles(t, 3000001, &c), FCC_UNITS_OK);
    assert_int_equal(c, 3000001);
}

static void conversion_overflow(void **state)
{
    (void)state;
    struct fcc_time t = { UINT64_MAX / 25000000 + 1, FCC_TIME_S };
    uint64_t c;
    assert_int_equal(fcc_time_to_cycles(t, MHZ25, &c), FCC_UNITS_OVERFLOW);
    t.value = UINT64_MAX / 25000000;
    assert_int_equal(fcc_time_to_cycles(t, MHZ25, &c), FCC_UNITS_OK);
    assert_true(c == UINT64_MAX / 25000000 * 25000000);
    /* at 4 GHz a ms is 4000000 cycles: the largest whole count fits */
    t = (struct fcc_time){ UINT64_MAX / 4000000, FCC_TIME_MS };
    assert_int_equal(fcc_time_to_cycles(t, 4000000000u, &c), FCC_UNITS_OK);
    t.value++;
    assert_int_equal(fcc_time_to_cycles(t, 4000000000u, &c),
                     FCC_UNITS_OVERFLOW);
}

static void formatting(void **state)
{
    (void)state;
    char buf[32];
    uint64_t both[2] = { 0, 125000 };
    assert_int_equal(fcc_common_unit(both, 2, MHZ25), FCC_TIME_MS);
    fcc_format_time(125000, FCC_TIME_MS, MHZ25, buf, sizeof(buf));
    assert_string_equal(buf, "5ms");
    uint64_t odd[2] = { 25000000, 1 };
    assert_int_equal(fcc_common_unit(odd, 2, MHZ25), FCC_TIME_NS);
    fcc_format_time(25000000, FCC_TIME_NS, MHZ25, buf, sizeof(buf));
    assert_string_equal(buf, "1000000000ns");
    fcc_format_time(3, FCC_TIME_MS, MHZ25, buf, sizeof(buf));
    assert_string_equal(buf, "3cycles");
    fcc_format_size(65536, buf, sizeof(buf));
    assert_string_equal(buf, "64KiB");
    fcc_format_size(4 << 20, buf, sizeof(buf));
    assert_string_equal(buf, "4MiB");
    fcc_format_size(100, buf, sizeof(buf));
    assert_string_equal(buf, "100B");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(integers_decimal_hex_and_negative),
        cmocka_unit_test(sizes_with_each_unit),
        cmocka_unit_test(sizes_rejected),
        cmocka_unit_test(times_with_each_unit),
        cmocka_unit_test(times_rejected),
        cmocka_unit_test(conversion_of_each_unit),
        cmocka_unit_test(conversion_must_be_exact),
        cmocka_unit_test(conversion_overflow),
        cmocka_unit_test(formatting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
