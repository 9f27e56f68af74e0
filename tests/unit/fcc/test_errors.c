/*
 * test_errors.c - one test per class of invalid input: each checks the
 * exact FILE:LINE:COLUMN of the error and a key phrase of its message.
 *
 * Every case is the hello app (and the mps2-an385 board) with one edit
 * that keeps the line numbers, so the positions below can be read off
 * HELLO and BOARD directly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fcc.h"

#define APP_FILE "apps/t/app.yaml"
#define BOARD_FILE "boards/b/board.yaml"

static const char HELLO[] =
    "board: mps2-an385\n"                                               /* 1 */
    "partitions:\n"                                                     /* 2 */
    "  - name: ping\n"                                                  /* 3 */
    "    stack_size: 2KiB\n"                                            /* 4 */
    "    priority: 10\n"                                                /* 5 */
    "    memory:\n"                                                     /* 6 */
    "      - { name: code, kind: code, base: 0x00100000, size: 64KiB }\n" /* 7 */
    "      - { name: data, kind: data, base: 0x20100000, size: 64KiB }\n" /* 8 */
    "  - name: pong\n"                                                  /* 9 */
    "    stack_size: 2KiB\n"                                            /* 10 */
    "    priority: 10\n"                                                /* 11 */
    "    memory:\n"                                                     /* 12 */
    "      - { name: code, kind: code, base: 0x00110000, size: 64KiB }\n" /* 13 */
    "      - { name: data, kind: data, base: 0x20110000, size: 64KiB }\n" /* 14 */
    "schedule:\n"                                                       /* 15 */
    "  major_frame: 10ms\n"                                             /* 16 */
    "  windows:\n"                                                      /* 17 */
    "    - { partition: ping, offset: 0ms, duration: 5ms }\n"           /* 18 */
    "    - { partition: pong, offset: 5ms, duration: 5ms }\n";          /* 19 */

static const char BOARD[] =
    "name: mps2-an385\n"                                                /* 1 */
    "cpu: cortex-m3\n"                                                  /* 2 */
    "clock_hz: 25000000\n"                                              /* 3 */
    "kernel_entry_cycles: 64\n"                                         /* 4 */
    "memory:\n"                                                         /* 5 */
    "  - { name: ssram1, base: 0x00000000, size: 4MiB, kind: ram }\n"   /* 6 */
    "  - { name: ssram23, base: 0x20000000, size: 4MiB, kind: ram }\n"  /* 7 */
    "  - { name: psram, base: 0x21000000, size: 16MiB, kind: ram }\n"   /* 8 */
    "reserved:\n"                                                       /* 9 */
    "  - { name: kernel_code, base: 0x00000000, size: 1MiB }\n"         /* 10 */
    "  - { name: kernel_data, base: 0x20000000, size: 1MiB }\n"         /* 11 */
    "devices:\n"                                                        /* 12 */
    "  - { name: uart0, type: cmsdk-uart, base: 0x40004000, size: 4KiB, irq: 0 }\n"
    "  - { name: systick, type: systick, base: 0xE000E010, size: 16 }\n" /* 14 */
    "console: uart0\n";                                                 /* 15 */

/* base with each (from, to) pair replaced once; the list ends with NULL. */
static char *edit(const char *base, ...)
{
    char *s = strdup(base);
    va_list ap;
    va_start(ap, base);
    for (const char *from; (from = va_arg(ap, const char *)) != NULL;) {
        const char *to = va_arg(ap, const char *);
        char *at = strstr(s, from);
        assert_non_null(at);
        size_t n = strlen(s) - strlen(from) + strlen(to) + 1;
        char *t = malloc(n);
        snprintf(t, n, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
        free(s);
        s = t;
    }
    va_end(ap);
    return s;
}

/* Asserts that d holds `count` errors, the first at file:line:col with a
 * message containing phrase; prints them all otherwise. */
static void expect(struct fcc_diag *d, size_t count, const char *file,
                   int line, int col, const char *phrase)
{
    const struct fcc_diag_entry *e = fcc_diag_get(d, 0);
    bool ok = fcc_diag_count(d) == count &&
              (count == 0 || (strcmp(e->file, file) == 0 && e->line == line &&
                              e->col == col && strstr(e->msg, phrase)));
    if (!ok) {
        fprintf(stderr, "expected %zu error(s), the first at %s:%d:%d "
                "containing \"%s\"; got:\n", count, file, line, col, phrase);
        fcc_diag_print(d, stderr);
    }
    assert_true(ok);
}

/* Compiles app and board texts (owned, freed here) and checks the errors. */
static void check(char *app, char *board, size_t count, const char *file,
                  int line, int col, const char *phrase)
{
    struct fcc_diag *d = fcc_diag_new();
    struct fcc_system *sys = fcc_system_from_texts(d, APP_FILE, app,
                                                   BOARD_FILE, board);
    assert_null(sys);
    expect(d, count, file, line, col, phrase);
    fcc_diag_free(d);
    free(app);
    free(board);
}

static void check_app(char *app, int line, int col, const char *phrase)
{
    check(app, strdup(BOARD), 1, APP_FILE, line, col, phrase);
}

/* ------------------------------------------------------------------------ */

static void valid_baseline(void **state)
{
    (void)state;
    struct fcc_diag *d = fcc_diag_new();
    struct fcc_system *sys = fcc_system_from_texts(d, APP_FILE, HELLO,
                                                   BOARD_FILE, BOARD);
    expect(d, 0, "", 0, 0, "");
    assert_non_null(sys);
    fcc_system_free(sys);
    fcc_diag_free(d);
}

static void yaml_syntax_error(void **state)
{
    (void)state;
    check_app(edit(HELLO, "priority: 10", "priority: 10: 11", NULL), 5, 17,
              "YAML syntax error: mapping values are not allowed");
}

static void unknown_key(void **state)
{
    (void)state;
    check_app(edit(HELLO, "size: 64KiB }", "size: 64KiB, cache: on }", NULL),
              7, 66, "unknown key 'cache' in memory region 'code' of "
              "partition 'ping' (allowed: name, kind, base, size)");
}

static void missing_required_field(void **state)
{
    (void)state;
    check_app(edit(HELLO, "priority: 10\n    memory:\n      - { name: code, "
                   "kind: code, base: 0x0011", "max_threads: 2\n    memory:\n"
                   "      - { name: code, kind: code, base: 0x0011", NULL),
              9, 5, "partition 'pong' is missing required key 'priority'");
}

static void wrong_type_sequence_for_scalar(void **state)
{
    (void)state;
    check_app(edit(HELLO, "stack_size: 2KiB", "stack_size: [2KiB]", NULL), 4,
              17, "'stack_size' must be a scalar, found a sequence");
}

static void wrong_type_not_a_number(void **state)
{
    (void)state;
    check_app(edit(HELLO, "priority: 10", "priority: high", NULL), 5, 15,
              "'priority' must be an integer");
}

static void wrong_type_out_of_range(void **state)
{
    (void)state;
    check_app(edit(HELLO, "priority: 10", "priority: 256", NULL), 5, 15,
              "'priority' is 256, out of range 1..255");
}

static void duplicate_partition_name(void **state)
{
    (void)state;
    check_app(edit(HELLO, "name: pong", "name: ping", "partition: pong",
                   "partition: ping", NULL),
              9, 11, "duplicate partition name 'ping' (first declared at "
              "3:11)");
}

static void duplicate_region_name(void **state)
{
    (void)state;
    check_app(edit(HELLO, "name: data", "name: code", NULL), 8, 17,
              "duplicate region name 'code' in partition 'ping' (first "
              "declared at 7:17)");
}

static void duplicate_key(void **state)
{
    (void)state;
    check_app(edit(HELLO, "size: 64KiB }", "size: 64KiB, size: 32KiB }",
                   NULL),
              7, 66, "duplicate key 'size' in memory region 'code' of "
              "partition 'ping' (first at 7:53)");
}

static void overlapping_windows(void **state)
{
    (void)state;
    check_app(edit(HELLO, "offset: 5ms", "offset: 4ms", NULL), 19, 7,
              "window [pong 4ms..9ms] overlaps window [ping 0ms..5ms] "
              "(declared at 18:7)");
}

static void window_past_major_frame(void **state)
{
    (void)state;
    check_app(edit(HELLO, "offset: 5ms, duration: 5ms",
                   "offset: 5ms, duration: 6ms", NULL),
              19, 7, "window [pong 5ms..11ms] ends after the major frame of "
              "10ms");
}

static void zero_duration(void **state)
{
    (void)state;
    check_app(edit(HELLO, "duration: 5ms", "duration: 0us", NULL), 18, 49,
              "window duration must be > 0, found 0us");
}

static void window_unknown_partition(void **state)
{
    (void)state;
    /* pong then has no window: that is reported too, second */
    check(edit(HELLO, "partition: pong", "partition: pnog", NULL),
          strdup(BOARD), 2, APP_FILE, 19, 20,
          "window names unknown partition 'pnog' (partitions: ping, pong)");
}

static void overlapping_regions(void **state)
{
    (void)state;
    check_app(edit(HELLO, "0x20110000", "0x20108000", NULL), 14, 9,
              "region 'data' of partition 'pong' [0x20108000..0x20117FFF] "
              "overlaps region 'data' of partition 'ping' "
              "[0x20100000..0x2010FFFF] (declared at 8:9)");
}

static void region_overlaps_reserved(void **state)
{
    (void)state;
    check_app(edit(HELLO, "0x00100000", "0x000F0000", NULL), 7, 9,
              "region 'code' of partition 'ping' [0x000F0000..0x000FFFFF] "
              "overlaps board reserved region 'kernel_code' "
              "[0x00000000..0x000FFFFF] (boards/b/board.yaml:10:5)");
}

static void partition_without_window(void **state)
{
    (void)state;
    check_app(edit(HELLO, "partition: pong", "partition: ping", NULL), 9, 5,
              "partition 'pong' has no window in the schedule");
}

static void region_outside_board_memory(void **state)
{
    (void)state;
    /* starts in ssram1, ends 32 KiB past it */
    check_app(edit(HELLO, "0x00110000", "0x003F8000", NULL), 13, 9,
              "region 'code' of partition 'pong' [0x003F8000..0x00407FFF] "
              "does not lie within one board memory block");
}

static void region_not_on_page_boundaries(void **state)
{
    (void)state;
    check_app(edit(HELLO, "base: 0x20110000, size: 64KiB", "base: 0x20110020, size: 64KiB",
                   NULL), 14, 41,
              "'base' 0x20110020 is not a multiple of 1024 (memory is protected "
              "in pages of 1024 bytes)");
    check_app(edit(HELLO, "base: 0x20110000, size: 64KiB", "base: 0x20110000, size: 0x8020",
                   NULL), 14, 59, "'size' 0x00008020 is not a multiple of 1024");
}

static void board_memory_not_on_page_boundaries(void **state)
{
    (void)state;
    check(strdup(HELLO), edit(BOARD, "size: 16MiB", "size: 0x500", NULL), 1,
          BOARD_FILE, 8, 44, "'size' 0x00000500 is not a multiple of 1024");
}

static void nul_character_in_a_value(void **state)
{
    (void)state;
    check_app(edit(HELLO, "board: mps2-an385", "board: \"mps\\0-an385\"", NULL), 1, 8,
              "a NUL character (\\0) is not allowed in a value");
}

static void unknown_board(void **state)
{
    (void)state;
    char *app = edit(HELLO, "board: mps2-an385", "board: nosuch", NULL);
    struct fcc_diag *d = fcc_diag_new();
    assert_null(fcc_system_from_text(d, APP_FILE, app, FCC_TEST_BOARDS));
    expect(d, 1, APP_FILE, 1, 8, "unknown board 'nosuch' (boards found in '"
           FCC_TEST_BOARDS "': testboard)");
    fcc_diag_free(d);
    free(app);
}

static void console_not_uart(void **state)
{
    (void)state;
    check(strdup(HELLO), edit(BOARD, "console: uart0", "console: systick",
                              NULL),
          1, BOARD_FILE, 15, 10, "console 'systick' is a systick device; "
          "the console must be a cmsdk-uart device");
}

static void stack_larger_than_data_region(void **state)
{
    (void)state;
    check_app(edit(HELLO, "stack_size: 2KiB", "stack_size: 128KiB", NULL), 4,
              17, "stack_size 128KiB is larger than data region 'data' "
              "(64KiB)");
}

static void time_without_unit(void **state)
{
    (void)state;
    check_app(edit(HELLO, "major_frame: 10ms", "major_frame: 10", NULL), 16,
              16, "time needs a unit");
}

static void time_not_whole_cycles(void **state)
{
    (void)state;
    check_app(edit(HELLO, "offset: 0ms", "offset: 1ns", NULL), 18, 34,
              "'offset' 1ns is not a whole number of cycles at clock_hz "
              "25000000 (use a multiple of 40ns)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_baseline),
        cmocka_unit_test(yaml_syntax_error),
        cmocka_unit_test(unknown_key),
        cmocka_unit_test(missing_required_field),
        cmocka_unit_test(wrong_type_sequence_for_scalar),
        cmocka_unit_test(wrong_type_not_a_number),
        cmocka_unit_test(wrong_type_out_of_range),
        cmocka_unit_test(duplicate_partition_name),
        cmocka_unit_test(duplicate_region_name),
        cmocka_unit_test(duplicate_key),
        cmocka_unit_test(overlapping_windows),
        cmocka_unit_test(window_past_major_frame),
        cmocka_unit_test(zero_duration),
        cmocka_unit_test(window_unknown_partition),
        cmocka_unit_test(overlapping_regions),
        cmocka_unit_test(region_overlaps_reserved),
        cmocka_unit_test(partition_without_window),
        cmocka_unit_test(region_outside_board_memory),
        cmocka_unit_test(region_not_on_page_boundaries),
        cmocka_unit_test(board_memory_not_on_page_boundaries),
        cmocka_unit_test(nul_character_in_a_value),
        cmocka_unit_test(unknown_board),
        cmocka_unit_test(console_not_uart),
        cmocka_unit_test(stack_larger_than_data_region),
        cmocka_unit_test(time_without_unit),
        cmocka_unit_test(time_not_whole_cycles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
