/* test_console.c - kernel lines (kernel/console.h): the formatter's
 * conversions, the dmesg-like prefix, and a line too long for its room. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "console.h"
#include "fake_arch.h"

/* What the console got, as a string. */
static const char *output(void)
{
    static char text[sizeof fake_console + 1];
    memcpy(text, fake_console, fake_console_len);
    text[fake_console_len] = 0;
    return text;
}

static int setup(void **state)
{
    (void)state;
    fake_reset();
    kstate.kernel_console_at_line_start = true;
    return 0;
}

static void conversions(void **state)
{
    (void)state;
    console_report("a %s b %u c %x %% d\n", "xy", 42u, 0xbeefu);
    console_report("%u %u %x\n", 0u, 4294967295u, 0xffffffffu);
    assert_string_equal(output(), "[    0.000000] kernel: a xy b 42 c 0x0000beef % d\n"
                                  "[    0.000000] kernel: 0 4294967295 0xffffffff\n");
}

/* Field widths and 64-bit decimals (the prefix's seconds), and a % that
 * is no conversion, kept as written. */
static void widths_and_wide(void **state)
{
    (void)state;
    console_report("[%5u|%06u|%3u|%1u|%llu]\n", 42u, 7u, 12345u, 0u, 18446744073709551615ull);
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat"
    console_report("%5z %q 100%\n");
#pragma clang diagnostic pop
    assert_string_equal(output(), "[    0.000000] kernel: [   42|000007|12345|0|18446744073709551615]\n"
                                  "[    0.000000] kernel: %5z %q 100%\n");
}

/* The prefix's seconds past 2^32 (a 1 MHz clock after 136 years). */
static void prefix_past_32_bits(void **state)
{
    (void)state;
    fake_now = 5000000000ull * 1000000ull + 123456; /* 5e9 s and 123456 us */
    console_report("x\n");
    assert_string_equal(output(), "[5000000000.123456] kernel: x\n");
}

/* Pieces make one line with one prefix; the time is the line's start. */
static void pieces_and_text(void **state)
{
    (void)state;
    fake_now = 3005000; /* 3.005 s on the fake 1 MHz board */
    struct console_line l;
    console_line_start(&l);
    console_line_add(&l, "message from %s/", "ping");
    console_line_add(&l, "%u: ", 2u);
    console_line_text(&l, "two\nlines\n\nend", 14);
    console_line_add(&l, "\n");
    console_line_write(&l);
    assert_string_equal(output(), "[    3.005000] kernel: message from ping/2: two lines  end\n");
}

/* Text past CONSOLE_LINE_MAX is cut, and the line says so and still ends. */
static void too_long_is_marked(void **state)
{
    (void)state;
    struct console_line l;
    console_line_start(&l);
    for (int i = 0; i < 30; i++)
        console_line_add(&l, "%s", "0123456789");
    console_line_add(&l, "\n");
    console_line_write(&l);
    const char *out = output();
    const char *prefix = "[    0.000000] kernel: ";
    assert_int_equal(strlen(out), strlen(prefix) + CONSOLE_LINE_MAX);
    assert_memory_equal(out + strlen(out) - 6, "67...\n", 6); /* 188 digits kept */
    assert_memory_equal(out + strlen(prefix), "0123456789", 10);

    /* A line that just fits is not marked. */
    fake_console_len = 0;
    struct console_line fit;
    console_line_start(&fit);
    for (int i = 0; i < CONSOLE_LINE_MAX - 1; i++)
        console_line_add(&fit, "x");
    console_line_add(&fit, "\n");
    console_line_write(&fit);
    assert_int_equal(fake_console_len, strlen(prefix) + CONSOLE_LINE_MAX);
    assert_memory_equal(fake_console + fake_console_len - 4, "xxx\n", 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(conversions, setup),
        cmocka_unit_test_setup(widths_and_wide, setup),
        cmocka_unit_test_setup(prefix_past_32_bits, setup),
        cmocka_unit_test_setup(pieces_and_text, setup),
        cmocka_unit_test_setup(too_long_is_marked, setup),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
