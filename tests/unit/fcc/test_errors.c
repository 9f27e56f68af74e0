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

#include "app.h"

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
    "console: uart0\n"                                                  /* 15 */
    "mpu_regions: 8\n";                                                 /* 16 */

/* s (owned) with each (from, to) pair of ap replaced once. */
static char *vedit(char *s, va_list ap)
{
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
    return s;
}

/* base with each (from, to) pair replaced once; the list ends with NULL. */
static char *edit(const char *base, ...)
{
    va_list ap;
    va_start(ap, base);
    char *s = vedit(strdup(base), ap);
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
              APP_FILE ":3:11)");
}

static void duplicate_region_name(void **state)
{
    (void)state;
    check_app(edit(HELLO, "name: data", "name: code", NULL), 8, 17,
              "duplicate region name 'code' in partition 'ping' (first "
              "declared at " APP_FILE ":7:17)");
}

static void duplicate_key(void **state)
{
    (void)state;
    check_app(edit(HELLO, "size: 64KiB }", "size: 64KiB, size: 32KiB }",
                   NULL),
              7, 66, "duplicate key 'size' in memory region 'code' of "
              "partition 'ping' (first at " APP_FILE ":7:53)");
}

static void overlapping_windows(void **state)
{
    (void)state;
    check_app(edit(HELLO, "offset: 5ms", "offset: 4ms", NULL), 19, 7,
              "window [pong 4ms..9ms] of schedule 'default' overlaps window "
              "[ping 0ms..5ms] (declared at " APP_FILE ":18:7)");
}

static void window_past_major_frame(void **state)
{
    (void)state;
    check_app(edit(HELLO, "offset: 5ms, duration: 5ms",
                   "offset: 5ms, duration: 6ms", NULL),
              19, 7, "window [pong 5ms..11ms] of schedule 'default' ends "
              "after its major frame of 10ms");
}

static void zero_duration(void **state)
{
    (void)state;
    check_app(edit(HELLO, "duration: 5ms", "duration: 0us", NULL), 18, 49,
              "window duration must be > 0 in schedule 'default', found 0us");
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
              "[0x20100000..0x2010FFFF] (declared at " APP_FILE ":8:9)");
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
    check_app(edit(HELLO, "partition: pong", "partition: ping", NULL), 16, 3,
              "partition 'pong' has no time in schedule 'default' and is not "
              "declared idle there");
}

static void region_outside_board_memory(void **state)
{
    (void)state;
    /* between ssram1 (ends at 4 MiB) and ssram23 */
    check_app(edit(HELLO, "0x00110000", "0x00500000", NULL), 13, 9,
              "region 'code' of partition 'pong' [0x00500000..0x0050FFFF] "
              "does not lie within one board memory block");
}

static void region_base_not_multiple_of_32(void **state)
{
    (void)state;
    check_app(edit(HELLO, "base: 0x20110000, size: 64KiB",
                   "base: 0x20110010, size: 64KiB", NULL), 14, 41,
              "'base' 0x20110010 is not a multiple of 32 (the smallest "
              "PMSAv7 MPU region is 32 bytes)");
}

static void region_size_not_multiple_of_32(void **state)
{
    (void)state;
    check_app(edit(HELLO, "base: 0x20110000, size: 64KiB",
                   "base: 0x20110000, size: 0x8010", NULL), 14, 59,
              "'size' 0x00008010 is not a multiple of 32");
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
          "the console must be a cmsdk-uart or stm32-usart device");
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

/* ------------------------------------------------------------------------
 * The memory model: PMSAv7 regions, devices, shared regions
 * --------------------------------------------------------------------- */

/* Insertion points that add one line after line 5 (ping) or line 11
 * (pong), so later lines move down by one. */
#define PING_MEMORY "    priority: 10\n    memory:\n      - { name: code, " \
                    "kind: code, base: 0x0010"
#define PONG_MEMORY "    priority: 10\n    memory:\n      - { name: code, " \
                    "kind: code, base: 0x0011"
#define PING_DEVICES(list) "    priority: 10\n    devices: " list "\n" \
                           "    memory:\n      - { name: code, kind: " \
                           "code, base: 0x0010"
#define PONG_DEVICES(list) "    priority: 10\n    devices: " list "\n" \
                           "    memory:\n      - { name: code, kind: " \
                           "code, base: 0x0011"
#define SYSTICK "  - { name: systick"
#define UART1 "  - { name: uart1, type: cmsdk-uart, base: 0x40005000, " \
              "size: 4KiB, irq: 2 }\n"

/* hello with `extra` appended (from line 20 on: "shared:" on line 20
 * puts its first entry on line 21). */
static char *hello_plus(const char *extra)
{
    size_t n = strlen(HELLO) + strlen(extra) + 1;
    char *s = malloc(n);
    snprintf(s, n, "%s%s", HELLO, extra);
    return s;
}

/* app with `extra` appended; frees app. */
static char *plus(char *app, const char *extra)
{
    size_t n = strlen(app) + strlen(extra) + 1;
    char *s = malloc(n);
    snprintf(s, n, "%s%s", app, extra);
    free(app);
    return s;
}

static void board_mpu_regions_not_8_or_16(void **state)
{
    (void)state;
    check(strdup(HELLO), edit(BOARD, "mpu_regions: 8", "mpu_regions: 12",
                              NULL),
          1, BOARD_FILE, 16, 14, "'mpu_regions' must be 8 or 16 (the "
          "regions of an ARMv7-M MPU), found 12");
}

/* An FPU the board's CPU cannot have (the Cortex-M3 has none). */
static void board_fpu_does_not_fit_cpu(void **state)
{
    (void)state;
    check(strdup(HELLO), edit(BOARD, "cpu: cortex-m3\n",
                              "cpu: cortex-m3\nfpu: fpv4-sp-d16\n", NULL),
          1, BOARD_FILE, 3, 6, "'fpu: fpv4-sp-d16' does not fit cpu 'cortex-m3' "
          "(cortex-m4: fpv4-sp-d16; cortex-m7: fpv5-d16 or fpv5-sp-d16; other "
          "CPUs have no FPU: leave 'fpu' out)");
}

static void stack_guard_not_power_of_two(void **state)
{
    (void)state;
    const char *from = "  - name: ping\n    stack_size: 2KiB\n";
    check_app(edit(HELLO, from, "  - name: ping\n    stack_size: 2KiB\n"
                   "    stack_guard: 48\n", NULL), 5, 18,
              "'stack_guard' 48 must be a power of two of at least 32 bytes");
    check_app(edit(HELLO, from, "  - name: ping\n    stack_size: 2KiB\n"
                   "    stack_guard: 16\n", NULL), 5, 18,
              "'stack_guard' 16 must be a power of two of at least 32 bytes");
}

static void device_unknown(void **state)
{
    (void)state;
    check_app(edit(HELLO, PING_MEMORY, PING_DEVICES("[uart9]"), NULL), 6, 15,
              "unknown device 'uart9' (board devices: uart0, systick)");
}

static void device_is_console(void **state)
{
    (void)state;
    check_app(edit(HELLO, PING_MEMORY, PING_DEVICES("[uart0]"), NULL), 6, 15,
              "device 'uart0' is the board's console, which the kernel "
              "owns; it cannot be given to partition 'ping'");
}

static void device_in_ppb(void **state)
{
    (void)state;
    check_app(edit(HELLO, PING_MEMORY, PING_DEVICES("[systick]"), NULL), 6,
              15, "device 'systick' [0xE000E010..0xE000E01F] is on the "
              "Private Peripheral Bus (0xE0000000..0xE00FFFFF), which "
              "unprivileged code cannot reach; it cannot be given to "
              "partition 'ping'");
}

static void device_owned_twice(void **state)
{
    (void)state;
    check(edit(HELLO, PING_MEMORY, PING_DEVICES("[uart1]"), PONG_MEMORY,
               PONG_DEVICES("[uart1]"), NULL),
          edit(BOARD, SYSTICK, UART1 SYSTICK, NULL), 1, APP_FILE, 13, 15,
          "device 'uart1' is already owned by partition 'ping' (listed at "
          APP_FILE ":6:15); a device has one owner");
}

/* 5 KiB at 0x40005000: an 8 KiB region at 0x40004000 ends too early; a
 * 16 KiB one has 2 KiB subregions, 2..4 grant 6 KiB. */
static void device_waste_exceeds_max(void **state)
{
    (void)state;
    check(plus(edit(HELLO, PING_MEMORY, PING_DEVICES("[uart1]"), NULL),
               "mpu:\n  max_waste: 512\n"),
          edit(BOARD, SYSTICK, "  - { name: uart1, type: cmsdk-uart, base: "
               "0x40005000, size: 5KiB }\n" SYSTICK, NULL),
          1, APP_FILE, 6, 15, "device 'uart1' of partition 'ping' needs "
          "5KiB at 0x40005000; the closest PMSAv7 encoding grants 6KiB (a "
          "16KiB region at 0x40004000, subregions 2-4), wasting 1KiB > "
          "max_waste 512B");
}

static void device_covers_other_device(void **state)
{
    (void)state;
    check(edit(HELLO, PING_MEMORY, PING_DEVICES("[gpio]"), NULL),
          edit(BOARD, SYSTICK, "  - { name: gpio, type: gpio, base: "
               "0x40010010, size: 16 }\n  - { name: gpio2, type: gpio, base: "
               "0x40010000, size: 16 }\n" SYSTICK, NULL),
          1, APP_FILE, 6, 15, "device 'gpio' of partition 'ping' "
          "[0x40010000..0x4001001F granted for 0x40010010..0x4001001F] (a "
          "32B region at 0x40010000) also covers board device 'gpio2' "
          "[0x40010000..0x4001000F], which partition 'ping' does not own");
}

/* 36 KiB: a 64 KiB region, five 8 KiB subregions, 40 KiB. */
static void region_waste_exceeds_max(void **state)
{
    (void)state;
    check_app(plus(edit(HELLO, "base: 0x20100000, size: 64KiB",
                        "base: 0x20100000, size: 36KiB", NULL),
                   "mpu:\n  max_waste: 2KiB\n"),
              8, 9, "region 'data' of partition 'ping' needs 36KiB at "
              "0x20100000; the closest PMSAv7 encoding grants 40KiB (a "
              "64KiB region at 0x20100000, subregions 0-4), wasting 4KiB > "
              "max_waste 2KiB");
    /* placed: the lowest free 64 KiB multiple, above kernel_data */
    check_app(plus(edit(HELLO, "base: 0x20100000, size: 64KiB",
                        "size: 36KiB", NULL), "mpu:\n  max_waste: 2KiB\n"),
              8, 9, "region 'data' of partition 'ping' needs 36KiB; the "
              "closest PMSAv7 encoding grants 40KiB (a 64KiB region at "
              "0x20100000, subregions 0-4), wasting 4KiB > max_waste 2KiB");
}

/* Declared, ping's data [0x20100000..0x201083FF] and pong's
 * [0x20109000..0x2010FFFF] are apart; ping's is granted up to 0x20109FFF
 * (five 8 KiB subregions). */
static void overlap_uses_granted_extents(void **state)
{
    (void)state;
    check_app(plus(edit(HELLO, "base: 0x20100000, size: 64KiB",
                        "base: 0x20100000, size: 33KiB",
                        "base: 0x20110000, size: 64KiB",
                        "base: 0x20109000, size: 28KiB", NULL),
                   "mpu:\n  max_waste: 8KiB\n"),
              14, 9, "region 'data' of partition 'pong' "
              "[0x20109000..0x2010FFFF] overlaps region 'data' of partition "
              "'ping' [0x20100000..0x20109FFF granted for "
              "0x20100000..0x201083FF] (declared at " APP_FILE ":8:9)");
}

static void region_no_room(void **state)
{
    (void)state;
    check_app(edit(HELLO, "{ name: code, kind: code, base: 0x00100000, "
                   "size: 64KiB }", "{ name: code, kind: code, size: 4MiB }",
                   NULL),
              7, 9, "cannot place region 'code' of partition 'ping': no "
              "free 4MiB at a multiple of 4MiB in board memory ssram1 (it is "
              "a 4MiB region, subregions 0-7)");
}

static void shared_region_in_rom(void **state)
{
    (void)state;
    check(hello_plus("shared:\n  - { name: tele, base: 0x21000000, size: "
                     "1KiB, access: { ping: r } }\n"),
          edit(BOARD, "size: 16MiB, kind: ram", "size: 16MiB, kind: rom",
               NULL),
          1, APP_FILE, 21, 5, "shared region 'tele' [0x21000000..0x210003FF] "
          "lies in ROM block 'psram'; shared regions must be in RAM");
}

static void shared_name_not_identifier(void **state)
{
    (void)state;
    check_app(hello_plus("shared:\n  - { name: Tele, size: 1KiB, access: "
                         "{ ping: r } }\n"),
              21, 13, "shared region name 'Tele' must match [a-z][a-z0-9_]* "
              "and be at most 31 characters");
    check_app(hello_plus("shared:\n  - { name: abcdefghijklmnopqrstuvwxyz"
                         "012345, size: 1KiB, access: { ping: r } }\n"),
              21, 13, "shared region name 'abcdefghijklmnopqrstuvwxyz012345' "
              "must match");
}

static void duplicate_shared_name(void **state)
{
    (void)state;
    check_app(hello_plus("shared:\n"
                         "  - { name: tele, size: 1KiB, access: { ping: r } }\n"
                         "  - { name: tele, size: 1KiB, access: { pong: r } }\n"),
              22, 13, "duplicate shared region name 'tele' (first declared "
              "at " APP_FILE ":21:13)");
}

static void shared_access_invalid(void **state)
{
    (void)state;
    check_app(hello_plus("shared:\n"
                         "  - { name: tele, size: 1KiB, access: { ping: w } }\n"),
              21, 47, "access of partition 'ping' to shared region 'tele' "
              "must be none, r, rw, rx or rwx, found 'w'");
}

static void shared_access_unknown_partition(void **state)
{
    (void)state;
    check_app(hello_plus("shared:\n"
                         "  - { name: tele, size: 1KiB, access: { pnig: r } }\n"),
              21, 41, "unknown key 'pnig' in 'access' of shared region "
              "'tele' (allowed: ping, pong)");
}

static void too_many_mpu_regions(void **state)
{
    (void)state;
    char *app = hello_plus("shared:\n");
    for (int i = 0; i < 6; i++) {
        char line[80];
        snprintf(line, sizeof(line), "  - { name: s%d, size: 32, access: { "
                 "ping: r } }\n", i);
        app = plus(app, line);
    }
    check_app(app, 3, 5, "partition 'ping' needs 8 MPU regions (code, data, "
              "0 device(s), 6 shared), more than the 7 the board's MPU "
              "leaves to a partition (mpu_regions 8, 1 kept by the kernel)");
}

static void stack_not_aligned_to_guard(void **state)
{
    (void)state;
    check_app(edit(HELLO, "  - name: pong\n    stack_size: 2KiB\n",
                   "  - name: pong\n    stack_size: 2KiB\n"
                   "    stack_guard: 128KiB\n", NULL),
              15, 9, "data region 'data' of partition 'pong' is granted from "
              "0x20110000, where the initial stack starts; that is not a "
              "multiple of stack_guard 128KiB");
}

static void stack_guard_overlaps_region(void **state)
{
    (void)state;
    check_app(plus(edit(HELLO, "base: 0x20100000, size: 64KiB",
                        "base: 0x20100000, size: 32KiB", NULL),
                   "shared:\n  - { name: tele, base: 0x2010FC00, size: 1KiB, "
                   "access: { pong: r } }\n"),
              14, 9, "the stack guard [0x2010FFE0..0x2010FFFF] (32B) below "
              "data region 'data' of partition 'pong' overlaps shared region "
              "'tele' [0x2010FC00..0x2010FFFF], which the partition may "
              "access, so a stack overflow would not fault");
}

static void region_symbol_clash(void **state)
{
    (void)state;
    check(edit(HELLO, PING_MEMORY, PING_DEVICES("[uart-1]"),
               "name: data, kind: data, base: 0x2010",
               "name: uart_1, kind: data, base: 0x2010", NULL),
          edit(BOARD, SYSTICK, "  - { name: uart-1, type: cmsdk-uart, base: "
               "0x40005000, size: 4KiB }\n" SYSTICK, NULL),
          1, APP_FILE, 6, 15, "device 'uart-1' and region 'uart_1' of "
          "partition 'ping' would both define the symbols "
          "__region_uart_1_start and __region_uart_1_end");
}

/* ------------------------------------------------------------------------
 * Schedules, processes and health-monitor tables
 *
 * MODES is a valid app with two schedules, processes and a table at each
 * level; each case below is one edit of it that keeps the line numbers.
 * --------------------------------------------------------------------- */

static const char MODES[] =
    "board: mps2-an385\n"                                               /* 1 */
    "partitions:\n"                                                     /* 2 */
    "  - name: ping\n"                                                  /* 3 */
    "    stack_size: 2KiB\n"                                            /* 4 */
    "    priority: 10\n"                                                /* 5 */
    "    system: true\n"                                                /* 6 */
    "    memory:\n"                                                     /* 7 */
    "      - { name: code, kind: code, base: 0x00100000, size: 64KiB }\n" /* 8 */
    "      - { name: data, kind: data, base: 0x20100000, size: 64KiB }\n" /* 9 */
    "    health_monitor:\n"                                             /* 10 */
    "      - { error: MEMORY_VIOLATION, state: normal, action: cold_start }\n"
    "    processes:\n"                                                  /* 12 */
    "      - name: worker\n"                                            /* 13 */
    "        priority: 20\n"                                            /* 14 */
    "        period: 10ms\n"                                            /* 15 */
    "        time_capacity: 4ms\n"                                      /* 16 */
    "        health_monitor:\n"                                         /* 17 */
    "          - { error: DEADLINE_MISSED, action: restart_process }\n" /* 18 */
    "      - { name: logger, priority: 5 }\n"                           /* 19 */
    "  - name: pong\n"                                                  /* 20 */
    "    stack_size: 2KiB\n"                                            /* 21 */
    "    priority: 10\n"                                                /* 22 */
    "    memory:\n"                                                     /* 23 */
    "      - { name: code, kind: code, base: 0x00110000, size: 64KiB }\n" /* 24 */
    "      - { name: data, kind: data, base: 0x20110000, size: 64KiB }\n" /* 25 */
    "schedules:\n"                                                      /* 26 */
    "  - name: normal\n"                                                /* 27 */
    "    major_frame: 20ms\n"                                           /* 28 */
    "    windows:\n"                                                    /* 29 */
    "      - { partition: ping, offset: 0ms, duration: 2ms, must_complete: true }\n"
    "      - { partition: pong, offset: 2ms, duration: 8ms }\n"         /* 31 */
    "      - { partition: ping, offset: 10ms, duration: 2ms }\n"        /* 32 */
    "      - { partition: pong, offset: 12ms, duration: 8ms }\n"        /* 33 */
    "  - name: degraded\n"                                              /* 34 */
    "    major_frame: 20ms\n"                                           /* 35 */
    "    idle: [pong]\n"                                                /* 36 */
    "    windows:\n"                                                    /* 37 */
    "      - { partition: ping, offset: 0ms, duration: 5ms }\n"         /* 38 */
    "      - { partition: ping, offset: 10ms, duration: 5ms }\n"        /* 39 */
    "initial_schedule: normal\n"                                        /* 40 */
    "health_monitor:\n"                                                 /* 41 */
    "  - { error: POWER_FAIL, action: restart_module }\n";              /* 42 */

/* The whole of HELLO's schedule, lines 15-19. */
#define HELLO_SCHEDULE "schedule:\n  major_frame: 10ms\n  windows:\n" \
    "    - { partition: ping, offset: 0ms, duration: 5ms }\n" \
    "    - { partition: pong, offset: 5ms, duration: 5ms }\n"

/* ping's partition-level rule, line 11. */
#define PING_RULE "    health_monitor:\n      - { error: MEMORY_VIOLATION, " \
                  "state: normal, action: cold_start }\n"

static void valid_modes(void **state)
{
    (void)state;
    struct fcc_diag *d = fcc_diag_new();
    struct fcc_system *sys = fcc_system_from_texts(d, APP_FILE, MODES,
                                                   BOARD_FILE, BOARD);
    expect(d, 0, "", 0, 0, "");
    assert_non_null(sys);
    assert_int_equal(sys->app->num_schedules, 2);
    fcc_system_free(sys);
    fcc_diag_free(d);
}

static void schedules_missing(void **state)
{
    (void)state;
    check_app(edit(HELLO, HELLO_SCHEDULE, "", NULL), 1, 1,
              "the app is missing required key 'schedules' (or a single "
              "'schedule')");
}

static void schedule_and_schedules(void **state)
{
    (void)state;
    check_app(plus(strdup(MODES), HELLO_SCHEDULE), 27, 3,
              "the app has both 'schedules' and a single 'schedule' (at "
              APP_FILE ":44:3); give one of them");
}

static void duplicate_schedule_name(void **state)
{
    (void)state;
    check_app(edit(MODES, "name: degraded", "name: normal", NULL), 34, 11,
              "duplicate schedule name 'normal' (first declared at " APP_FILE ":27:11)");
}

static void schedule_name_too_long(void **state)
{
    (void)state;
    check_app(edit(MODES, "name: degraded", "name: degraded_sixteen", NULL),
              34, 11, "schedule name 'degraded_sixteen' is 16 characters "
              "long, more than 15");
}

static void initial_schedule_unknown(void **state)
{
    (void)state;
    check_app(edit(MODES, "initial_schedule: normal",
                   "initial_schedule: nromal", NULL), 40, 19,
              "'initial_schedule' names unknown schedule 'nromal' "
              "(schedules: normal, degraded)");
}

static void initial_schedule_with_single_schedule(void **state)
{
    (void)state;
    check_app(hello_plus("initial_schedule: default\n"), 20, 19,
              "'initial_schedule' needs a 'schedules' list; with a single "
              "'schedule' that one is the initial schedule");
}

static void overlapping_windows_in_second_schedule(void **state)
{
    (void)state;
    check_app(edit(MODES, "offset: 10ms, duration: 5ms",
                   "offset: 4ms, duration: 5ms", NULL), 39, 9,
              "window [ping 4ms..9ms] of schedule 'degraded' overlaps "
              "window [ping 0ms..5ms] (declared at " APP_FILE ":38:9)");
}

static void window_past_frame_in_second_schedule(void **state)
{
    (void)state;
    check_app(edit(MODES, "offset: 10ms, duration: 5ms",
                   "offset: 10ms, duration: 15ms", NULL), 39, 9,
              "window [ping 10ms..25ms] of schedule 'degraded' ends after "
              "its major frame of 20ms");
}

static void zero_duration_in_second_schedule(void **state)
{
    (void)state;
    check_app(edit(MODES, "offset: 0ms, duration: 5ms",
                   "offset: 0ms, duration: 0ms", NULL), 38, 51,
              "window duration must be > 0 in schedule 'degraded', found "
              "0ms");
}

static void partition_without_time_not_idle(void **state)
{
    (void)state;
    check_app(edit(MODES, "idle: [pong]", "idle: []", NULL), 34, 5,
              "partition 'pong' has no time in schedule 'degraded' and is "
              "not declared idle there");
}

static void idle_partition_with_window(void **state)
{
    (void)state;
    check_app(edit(MODES, "idle: [pong]", "idle: [pong, ping]", NULL), 36,
              18, "partition 'ping' is declared idle in schedule "
              "'degraded' but has a window there (at " APP_FILE ":38:9)");
}

static void idle_unknown_partition(void **state)
{
    (void)state;
    check_app(edit(MODES, "idle: [pong]", "idle: [pong, pnog]", NULL), 36,
              18, "'idle' of schedule 'degraded' names unknown partition "
              "'pnog' (partitions: ping, pong)");
}

/* In degraded, ping's windows 0-5ms and 12-17ms repeat only every 20ms. */
static void process_period_not_multiple(void **state)
{
    (void)state;
    check_app(edit(MODES, "offset: 10ms, duration: 5ms",
                   "offset: 12ms, duration: 5ms", NULL), 15, 17,
              "period 10ms of process 'worker' of partition 'ping' is not "
              "a multiple of the partition's period 20ms in schedule "
              "'degraded'");
}

/* Once per schedule where the partition has time. */
static void process_period_in_file_unit(void **state)
{
    (void)state;
    check(edit(MODES, "period: 10ms", "period: 15000us", NULL), strdup(BOARD),
          2, APP_FILE, 15, 17, "period 15000us of process 'worker' of "
          "partition 'ping' is not a multiple of the partition's period "
          "10000us in schedule 'normal'");
}

static void process_period_not_whole_cycles(void **state)
{
    (void)state;
    check_app(edit(MODES, "period: 10ms", "period: 1ns", NULL), 15, 17,
              "'period' 1ns is not a whole number of cycles at clock_hz "
              "25000000 (use a multiple of 40ns)");
}

static void process_period_zero(void **state)
{
    (void)state;
    check_app(edit(MODES, "period: 10ms", "period: 0ms", NULL), 15, 17,
              "'period' must be > 0, found 0ms");
}

static void time_capacity_exceeds_period(void **state)
{
    (void)state;
    check_app(edit(MODES, "time_capacity: 4ms", "time_capacity: 12ms",
                   NULL), 16, 24,
              "time_capacity 12ms of process 'worker' of partition 'ping' "
              "is more than its period 10ms");
}

static void max_threads_below_processes(void **state)
{
    (void)state;
    check_app(edit(MODES, "system: true", "max_threads: 2", NULL), 6, 18,
              "max_threads 2 of partition 'ping' leaves no slot for some "
              "of its 2 processes: it needs at least 3 (the initial thread "
              "and one per process)");
}

static void too_many_processes(void **state)
{
    (void)state;
    char more[FCC_MAX_PROCESSES * 40] = "", msg[96];
    for (int i = 0; i < FCC_MAX_PROCESSES; i++) {
        size_t used = strlen(more);
        snprintf(more + used, sizeof(more) - used, "      - { name: p%d, "
                 "priority: 5 }\n", i);
    }
    snprintf(msg, sizeof msg, "%d processes in partition 'ping', more than "
             "the %d a partition can have", FCC_MAX_PROCESSES + 1, FCC_MAX_PROCESSES);
    check_app(edit(MODES, "      - { name: logger, priority: 5 }\n", more,
                   NULL), 13, 7, msg);
}

static void duplicate_process_name(void **state)
{
    (void)state;
    check_app(edit(MODES, "name: logger", "name: worker", NULL), 19, 17,
              "duplicate process name 'worker' in partition 'ping' (first "
              "declared at " APP_FILE ":13:15)");
}

static void process_name_too_long(void **state)
{
    (void)state;
    check_app(edit(MODES, "name: worker", "name: worker_abcdefghi", NULL),
              13, 15, "process name 'worker_abcdefghi' is 16 characters "
              "long, more than 15");
}

static void system_not_bool(void **state)
{
    (void)state;
    check_app(edit(MODES, "system: true", "system: yes", NULL), 6, 13,
              "'system' must be true or false, found 'yes'");
}

static void hm_unknown_error(void **state)
{
    (void)state;
    check_app(edit(MODES, "error: POWER_FAIL", "error: POWER_LOSS", NULL),
              42, 14, "unknown error 'POWER_LOSS' (errors: DEADLINE_MISSED, "
              "APPLICATION_ERROR, NUMERIC_ERROR, ILLEGAL_REQUEST, "
              "STACK_OVERFLOW, MEMORY_VIOLATION, HARDWARE_FAULT, "
              "POWER_FAIL, OVERRUN, CONFIG_ERROR)");
}

static void hm_unknown_action(void **state)
{
    (void)state;
    check_app(edit(MODES, "action: restart_process", "action: restart",
                   NULL), 18, 47, "unknown action 'restart' (actions: "
              "ignore, log, stop_process, restart_process, warm_start, "
              "cold_start, idle, stop_module, restart_module)");
}

static void hm_unknown_state(void **state)
{
    (void)state;
    check_app(edit(MODES, "state: normal", "state: running", NULL), 11, 43,
              "unknown state 'running' (states: any, init, normal, "
              "error_handler)");
}

static void hm_module_action(void **state)
{
    (void)state;
    check_app(edit(MODES, "action: restart_module", "action: cold_start",
                   NULL), 42, 34, "action 'cold_start' cannot be in the "
              "module's health_monitor (a module-level rule may only "
              "ignore, log, stop_module or restart_module)");
}

static void hm_module_error_in_partition(void **state)
{
    (void)state;
    check_app(edit(MODES, "error: MEMORY_VIOLATION", "error: POWER_FAIL",
                   NULL), 11, 18, "error POWER_FAIL is raised at module "
              "level only; it cannot be in the health_monitor of partition "
              "'ping'");
    check_app(edit(MODES, "error: DEADLINE_MISSED", "error: CONFIG_ERROR",
                   NULL), 18, 22, "error CONFIG_ERROR is raised at module "
              "level only; it cannot be in the health_monitor of process "
              "'worker' of partition 'ping'");
}

static void hm_overrun_with_process_action(void **state)
{
    (void)state;
    check_app(edit(MODES, "error: MEMORY_VIOLATION, state: normal, action: cold_start",
                   "error: OVERRUN, state: normal, action: stop_process", NULL),
              11, 50, "action 'stop_process' needs a process in error, and "
              "OVERRUN is raised for the partition as a whole");
}

static void hm_overrun_in_process(void **state)
{
    (void)state;
    check_app(edit(MODES, "error: DEADLINE_MISSED", "error: OVERRUN", NULL),
              18, 22, "error OVERRUN is a partition-level error; it cannot "
              "be in the health_monitor of process 'worker' of partition "
              "'ping'");
}

static void hm_rule_duplicate(void **state)
{
    (void)state;
    check_app(edit(MODES, PING_RULE, "    health_monitor: [ { error: "
                   "MEMORY_VIOLATION, state: normal, action: cold_start },\n"
                   "      { error: MEMORY_VIOLATION, state: normal, action: "
                   "warm_start } ]\n", NULL), 11, 7,
              "health-monitor rule (MEMORY_VIOLATION, normal) can never "
              "match: the rule (MEMORY_VIOLATION, normal) at " APP_FILE ":10:23 comes "
              "first and matches the same errors");
}

static void hm_rule_shadowed_by_any(void **state)
{
    (void)state;
    check_app(edit(MODES, PING_RULE, "    health_monitor: [ { error: "
                   "MEMORY_VIOLATION, action: cold_start },\n"
                   "      { error: MEMORY_VIOLATION, state: init, action: "
                   "warm_start } ]\n", NULL), 11, 7,
              "health-monitor rule (MEMORY_VIOLATION, init) can never "
              "match: the rule (MEMORY_VIOLATION, any) at " APP_FILE ":10:23 comes "
              "first and matches the same errors");
}

/* ------------------------------------------------------------------------
 * Exact messages: board IRQ lines, channels and ports, partition objects,
 * the message pool
 * --------------------------------------------------------------------- */

/* Prints line `line` of text with a caret under column col. */
static void show_position(const char *text, int line, int col)
{
    const char *p = text;
    for (int i = 1; i < line && p; i++) {
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    if (!p || col < 1)
        return;
    fprintf(stderr, "  %.*s\n  %*s^\n", (int)strcspn(p, "\n"), p, col - 1,
            "");
}

/* Compiles app and board (owned, freed here): exactly one error, at
 * file:line:col, whose message is exactly msg. */
static void check_exact(char *app, char *board, const char *file, int line,
                        int col, const char *msg)
{
    struct fcc_diag *d = fcc_diag_new();
    struct fcc_system *sys = fcc_system_from_texts(d, APP_FILE, app,
                                                   BOARD_FILE, board);
    const struct fcc_diag_entry *e = fcc_diag_get(d, 0);
    bool ok = !sys && fcc_diag_count(d) == 1 && strcmp(e->file, file) == 0 &&
              e->line == line && e->col == col && strcmp(e->msg, msg) == 0;
    if (!ok) {
        fprintf(stderr, "expected one error at %s:%d:%d: %s\ngot:\n", file,
                line, col, msg);
        fcc_diag_print(d, stderr);
        if (e)
            show_position(strcmp(e->file, APP_FILE) ? board : app, e->line,
                          e->col);
    }
    assert_true(ok);
    fcc_system_free(sys);
    fcc_diag_free(d);
    free(app);
    free(board);
}

static void app_error(char *app, int line, int col, const char *msg)
{
    check_exact(app, strdup(BOARD), APP_FILE, line, col, msg);
}

static void board_error(char *board, int line, int col, const char *msg)
{
    check_exact(strdup(HELLO), board, BOARD_FILE, line, col, msg);
}

/* s (owned) edited like edit(). */
static char *edited(char *s, ...)
{
    va_list ap;
    va_start(ap, s);
    s = vedit(s, ap);
    va_end(ap);
    return s;
}

static void expect_valid(char *app, char *board)
{
    struct fcc_diag *d = fcc_diag_new();
    struct fcc_system *sys = fcc_system_from_texts(d, APP_FILE, app,
                                                   BOARD_FILE, board);
    expect(d, 0, "", 0, 0, "");
    assert_non_null(sys);
    fcc_system_free(sys);
    fcc_diag_free(d);
    free(app);
    free(board);
}

/* --- board: IRQ lines ---------------------------------------------------- */

#define UART0 "  - { name: uart0, type: cmsdk-uart, base: 0x40004000, " \
              "size: 4KiB, irq: 0 }\n"
/* Line 13 of BOARD with named lines; `rx` at 13:73, `tx` at 13:80, their
 * lines at 13:77 and 13:84. */
#define UART0_IRQS(lines) "  - { name: uart0, type: cmsdk-uart, base: " \
                          "0x40004000, size: 4KiB, irqs: " lines " }\n"

static void irqs_valid(void **state)
{
    (void)state;
    expect_valid(strdup(HELLO),
                 edit(BOARD, UART0, UART0_IRQS("{ rx: 0, tx: 1 }")
                      "  - { name: timer0, type: cmsdk-timer, base: "
                      "0x40000000, size: 4KiB, irq: 8 }\n", "mpu_regions: 8",
                      "mpu_regions: 8\nirq_lines: 240", NULL));
}

static void irq_line_not_below_irq_lines(void **state)
{
    (void)state;
    board_error(edit(BOARD, UART0, UART0_IRQS("{ rx: 0, tx: 32 }"), NULL),
                13, 87, "IRQ line 32 ('tx' of device 'uart0') is out of "
                "range 0..31 (the board's irq_lines is 32)");
    board_error(edit(BOARD, "irq: 0", "irq: 16", "mpu_regions: 8",
                     "mpu_regions: 8\nirq_lines: 16", NULL),
                13, 73, "IRQ line 16 ('irq' of device 'uart0') is out of "
                "range 0..15 (the board's irq_lines is 16)");
    board_error(edit(BOARD, UART0, UART0_IRQS("{ rx: -1 }"), NULL), 13, 80,
                "IRQ line -1 ('rx' of device 'uart0') is out of range 0..31 "
                "(the board's irq_lines is 32)");
}

static void irq_line_of_two_devices(void **state)
{
    (void)state;
    board_error(edit(BOARD, SYSTICK, "  - { name: timer0, type: cmsdk-timer, "
                     "base: 0x40000000, size: 4KiB, irqs: { timer: 0 } }\n"
                     SYSTICK, NULL),
                14, 85, "IRQ line 0 ('timer' of device 'timer0') is already "
                "line 'irq' of device 'uart0' (at " BOARD_FILE ":13:73); a line has one name "
                "and one device");
}

static void irq_line_with_two_names(void **state)
{
    (void)state;
    board_error(edit(BOARD, UART0, UART0_IRQS("{ rx: 0, tx: 0 }"), NULL),
                13, 87, "IRQ line 0 ('tx' of device 'uart0') is already line "
                "'rx' of device 'uart0' (at " BOARD_FILE ":13:80); a line has one name and "
                "one device");
}

static void irq_and_irqs(void **state)
{
    (void)state;
    board_error(edit(BOARD, "irq: 0 }", "irq: 0, irqs: { rx: 0 } }", NULL),
                13, 82, "device 'uart0' has both 'irq' and 'irqs' (irq at "
                BOARD_FILE ":13:73); give one of them");
}

static void irq_name_invalid(void **state)
{
    (void)state;
    board_error(edit(BOARD, UART0, UART0_IRQS("{ Rx: 0 }"), NULL), 13, 76,
                "IRQ name 'Rx' of device 'uart0' must match [a-z][a-z0-9_]* "
                "and be at most 15 characters");
    board_error(edit(BOARD, UART0, UART0_IRQS("{ receive_complete: 0 }"),
                     NULL), 13, 76,
                "IRQ name 'receive_complete' of device 'uart0' must match "
                "[a-z][a-z0-9_]* and be at most 15 characters");
}

static void irq_name_duplicate(void **state)
{
    (void)state;
    board_error(edit(BOARD, UART0, UART0_IRQS("{ rx: 0, rx: 1 }"), NULL),
                13, 83, "duplicate key 'rx' in 'irqs' of device 'uart0' "
                "(first at " BOARD_FILE ":13:76)");
}

static void irqs_not_a_mapping(void **state)
{
    (void)state;
    board_error(edit(BOARD, UART0, UART0_IRQS("[0, 1]"), NULL), 13, 74,
                "'irqs' of device 'uart0' must be a mapping, found a "
                "sequence");
}

static void irq_lines_out_of_range(void **state)
{
    (void)state;
    board_error(edit(BOARD, "mpu_regions: 8", "mpu_regions: 8\nirq_lines: 241",
                     NULL), 17, 12, "'irq_lines' is 241, out of range 1..240");
    board_error(edit(BOARD, "mpu_regions: 8", "mpu_regions: 8\nirq_lines: 0",
                     NULL), 17, 12, "'irq_lines' is 0, out of range 1..240");
}

/* --- channels and ports -------------------------------------------------- */

/* Appended to HELLO: "channels:" on line 20, `samples` on 21 (source at
 * 21:74, destination at 21:97), `attitude` on 22. */
#define CHANNELS \
    "channels:\n" \
    "  - { name: samples, kind: queuing, message_size: 32, depth: 8, " \
    "source: ping.out, destination: pong.in }\n" \
    "  - { name: attitude, kind: sampling, message_size: 16, refresh: " \
    "20ms, source: pong.att, destinations: [ping.att] }\n"

static void channels_valid(void **state)
{
    (void)state;
    expect_valid(hello_plus(CHANNELS), strdup(BOARD));
    /* within one partition, sizes with units, two readers */
    expect_valid(edited(hello_plus(CHANNELS), "destination: pong.in",
                        "destination: ping.in", "message_size: 16",
                        "message_size: 8KiB", "[ping.att]",
                        "[ping.att, pong.att2]", NULL), strdup(BOARD));
}

static void channel_unknown_partition(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "source: ping.out",
                     "source: pnig.out", NULL),
              21, 73, "source 'pnig.out' of channel 'samples' names unknown "
              "partition 'pnig' (partitions: ping, pong)");
}

static void endpoint_without_dot(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "destination: pong.in",
                     "destination: pong", NULL),
              21, 96, "destination 'pong' of channel 'samples' is not "
              "<partition>.<port>: it has no '.'");
}

static void endpoint_empty_part(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "source: ping.out",
                     "source: .out", NULL),
              21, 73, "source '.out' of channel 'samples' is not "
              "<partition>.<port>: the partition name is empty");
    app_error(edited(hello_plus(CHANNELS), "source: ping.out",
                     "source: ping.", NULL),
              21, 73, "source 'ping.' of channel 'samples' is not "
              "<partition>.<port>: the port name is empty");
    app_error(edited(hello_plus(CHANNELS), "source: ping.out",
                     "source: ping.a.b", NULL),
              21, 73, "source 'ping.a.b' of channel 'samples' is not "
              "<partition>.<port>: a port name has only letters, digits, "
              "'_' and '-'");
}

static void endpoint_port_too_long(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "source: ping.out",
                     "source: ping.out_of_sixteen_x", NULL),
              21, 73, "port name 'out_of_sixteen_x' of source "
              "'ping.out_of_sixteen_x' of channel 'samples' is 16 characters "
              "long, more than 15");
}

static void endpoint_not_a_scalar(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "source: ping.out",
                     "source: [ping.out]", NULL),
              21, 73, "the source of channel 'samples' must be a scalar, "
              "found a sequence");
}

/* Port names are unique within a partition, across channels. */
static void duplicate_port_name(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "[ping.att]", "[ping.out]", NULL),
              22, 105, "duplicate port name 'out' in partition 'ping' (first "
              "declared at " APP_FILE ":21:73)");
    app_error(edited(hello_plus(CHANNELS), "[ping.att]",
                     "[ping.att, ping.att]", NULL),
              22, 115, "duplicate port name 'att' in partition 'ping' (first "
              "declared at " APP_FILE ":22:105)");
}

static void duplicate_channel_name(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "name: attitude",
                     "name: samples", NULL),
              22, 13, "duplicate channel name 'samples' (first declared at "
              APP_FILE ":21:13)");
}

static void channel_name_too_long(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "name: attitude",
                     "name: attitude_sixteen", NULL),
              22, 13, "channel name 'attitude_sixteen' is 16 characters "
              "long, more than 15");
}

static void channel_kind_missing(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "kind: queuing, ", "", NULL),
              21, 5, "channel 'samples' is missing required key 'kind'");
}

static void channel_kind_invalid(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "kind: queuing", "kind: queued",
                     NULL),
              21, 28, "'kind' must be queuing or sampling, found 'queued'");
}

static void message_size_out_of_range(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "message_size: 32",
                     "message_size: 0", NULL),
              21, 51, "'message_size' is 0, out of range 1..8192 bytes");
    app_error(edited(hello_plus(CHANNELS), "message_size: 32",
                     "message_size: 9KiB", NULL),
              21, 51, "'message_size' is 9KiB, out of range 1..8192 bytes");
}

static void queuing_depth_missing(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "depth: 8, ", "", NULL),
              21, 5, "queuing channel 'samples' is missing required key "
              "'depth'");
}

static void queuing_depth_out_of_range(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "depth: 8", "depth: 65536", NULL),
              21, 62, "'depth' is 65536, out of range 1..65535");
    app_error(edited(hello_plus(CHANNELS), "depth: 8", "depth: 0", NULL),
              21, 62, "'depth' is 0, out of range 1..65535");
}

static void sampling_depth(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "refresh: 20ms",
                     "refresh: 20ms, depth: 2", NULL),
              22, 79, "sampling channel 'attitude' cannot have 'depth' (it "
              "holds one message, the latest)");
}

static void sampling_refresh_missing(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "refresh: 20ms, ", "", NULL),
              22, 5, "sampling channel 'attitude' is missing required key "
              "'refresh'");
}

static void sampling_refresh_not_positive(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "refresh: 20ms", "refresh: 0ms",
                     NULL),
              22, 66, "'refresh' must be > 0, found 0ms");
    app_error(edited(hello_plus(CHANNELS), "refresh: 20ms", "refresh: 20",
                     NULL),
              22, 66, "'refresh' is 20: time needs a unit (ns, us, ms, s or "
              "cycles)");
}

static void sampling_refresh_not_whole_cycles(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "refresh: 20ms", "refresh: 1ns",
                     NULL),
              22, 66, "'refresh' 1ns is not a whole number of cycles at "
              "clock_hz 25000000 (use a multiple of 40ns)");
}

static void queuing_refresh(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "depth: 8", "depth: 8, refresh: "
                     "5ms", NULL),
              21, 74, "queuing channel 'samples' cannot have 'refresh' (only "
              "sampling messages expire)");
}

static void sampling_discipline(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "refresh: 20ms",
                     "refresh: 20ms, discipline: fifo", NULL),
              22, 84, "sampling channel 'attitude' cannot have 'discipline' "
              "(no process waits on a sampling port)");
}

static void discipline_unknown(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "depth: 8", "depth: 8, "
                     "discipline: lifo", NULL),
              21, 77, "'discipline' must be fifo or priority, found 'lifo'");
}

static void queuing_several_destinations(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "destination: pong.in",
                     "destinations: [pong.in, pong.in2]", NULL),
              21, 97, "queuing channel 'samples' has 2 destinations; a "
              "queuing channel has exactly one");
}

static void destination_and_destinations(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "destination: pong.in",
                     "destination: pong.in, destinations: [pong.in2]", NULL),
              21, 119, "channel 'samples' has both 'destination' and "
              "'destinations' (destination at " APP_FILE ":21:96); give one of them");
}

static void no_destination(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), ", destination: pong.in", "",
                     NULL),
              21, 5, "channel 'samples' is missing required key "
              "'destination' (or 'destinations')");
    app_error(edited(hello_plus(CHANNELS), "[ping.att]", "[]", NULL),
              22, 104, "'destinations' must not be empty");
}

static void sampling_too_many_destinations(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "[ping.att]",
                     "[ping.a1, ping.a2, ping.a3, ping.a4, ping.a5, ping.a6, "
                     "ping.a7, ping.a8, ping.a9]", NULL),
              22, 104, "sampling channel 'attitude' has 9 destinations, more "
              "than 8");
}

static void source_is_destination(void **state)
{
    (void)state;
    app_error(edited(hello_plus(CHANNELS), "destination: pong.in",
                     "destination: ping.out", NULL),
              21, 96, "destination 'ping.out' of channel 'samples' is its "
              "source (at " APP_FILE ":21:73)");
}

/* 7282 sampling channels with 8 readers each: 65538 ports. */
static void too_many_ports(void **state)
{
    (void)state;
    size_t n = 7282, size = strlen(HELLO) + 16 + n * 400;
    char *app = malloc(size);
    size_t used = (size_t)snprintf(app, size, "%schannels:\n", HELLO);
    for (size_t i = 0; i < n; i++) {
        used += (size_t)snprintf(app + used, size - used, "  - { name: c%zu, "
                                 "kind: sampling, message_size: 4, refresh: "
                                 "1ms, source: ping.s%zu, destinations: [",
                                 i, i);
        for (int k = 0; k < 8; k++)
            used += (size_t)snprintf(app + used, size - used, "%spong.d%zu_%d",
                                     k ? ", " : "", i, k);
        used += (size_t)snprintf(app + used, size - used, "] }\n");
    }
    app_error(app, 21, 3, "the channels have 65538 ports, more than the "
              "65535 the tables can hold");
}

/* --- partition objects --------------------------------------------------- */

/* Inserted in ping after line 5, on lines 6-10; its code region moves to
 * line 12. */
#define OBJECTS \
    "    semaphores: [{ name: s, initial: 0, maximum: 4, discipline: " \
    "priority }]\n" \
    "    events: [{ name: ready }]\n" \
    "    blackboards: [{ name: latest, message_size: 32 }]\n" \
    "    buffers: [{ name: cmds, message_size: 16, depth: 8, discipline: " \
    "fifo }]\n" \
    "    mutexes: [{ name: m, protocol: inherit }, { name: c, protocol: " \
    "ceiling, ceiling: 40 }]\n"

static char *with_objects(void)
{
    return edit(HELLO, PING_MEMORY, "    priority: 10\n" OBJECTS "    memory:\n"
                "      - { name: code, kind: code, base: 0x0010", NULL);
}

static void objects_valid(void **state)
{
    (void)state;
    expect_valid(with_objects(), strdup(BOARD));
    /* defaults: initial 0, fifo, inherit; the same names in two
     * partitions */
    expect_valid(edited(with_objects(), "initial: 0, ", "", ", discipline: "
                        "priority", "", ", protocol: inherit", "",
                        PONG_MEMORY, "    priority: 10\n    events: [{ name: "
                        "ready }]\n    memory:\n      - { name: code, kind: "
                        "code, base: 0x0011", NULL), strdup(BOARD));
}

static void object_duplicate_name(void **state)
{
    (void)state;
    /* reported at the later in the file, whatever the kinds */
    app_error(edited(with_objects(), "name: cmds", "name: ready", NULL),
              9, 23, "duplicate object name 'ready' in partition 'ping' "
              "(first declared at " APP_FILE ":7:22)");
    app_error(edited(with_objects(), "name: s,", "name: c,", NULL),
              10, 55, "duplicate object name 'c' in partition 'ping' (first "
              "declared at " APP_FILE ":6:26)");
}

static void object_name_too_long(void **state)
{
    (void)state;
    app_error(edited(with_objects(), "name: ready", "name: ready_for_takeoff",
                     NULL),
              7, 22, "event name 'ready_for_takeoff' is 17 characters long, "
              "more than 15");
}

static void semaphore_maximum_missing(void **state)
{
    (void)state;
    app_error(edited(with_objects(), "maximum: 4, ", "", NULL),
              6, 18, "semaphore 's' of partition 'ping' is missing required "
              "key 'maximum'");
}

static void semaphore_maximum_out_of_range(void **state)
{
    (void)state;
    app_error(edited(with_objects(), "initial: 0, maximum: 4",
                     "initial: 0, maximum: 0", NULL),
              6, 50, "'maximum' is 0, out of range 1..65535");
    app_error(edited(with_objects(), "maximum: 4", "maximum: 65536", NULL),
              6, 50, "'maximum' is 65536, out of range 1..65535");
}

static void semaphore_initial_out_of_range(void **state)
{
    (void)state;
    app_error(edited(with_objects(), "initial: 0", "initial: -1", NULL),
              6, 38, "'initial' is -1, out of range 0..65535");
}

static void semaphore_initial_above_maximum(void **state)
{
    (void)state;
    app_error(edited(with_objects(), "initial: 0", "initial: 5", NULL),
              6, 38, "initial 5 of semaphore 's' of partition 'ping' is more "
              "than its maximum 4");
}

static void object_discipline_unknown(void **state)
{
    (void)state;
    app_error(edited(with_objects(), "discipline: priority",
                     "discipline: random", NULL),
              6, 65, "'discipline' must be fifo or priority, found 'random'");
    app_error(edited(with_objects(), "discipline: fifo", "discipline: lifo",
                     NULL),
              9, 69, "'discipline' must be fifo or priority, found 'lifo'");
}

static void blackboard_message_size(void **state)
{
    (void)state;
    app_error(edited(with_objects(), "message_size: 32", "message_size: 8193",
                     NULL),
              8, 49, "'message_size' is 8193, out of range 1..8192 bytes");
    app_error(edited(with_objects(), ", message_size: 32", "", NULL),
              8, 19, "blackboard 'latest' of partition 'ping' is missing "
              "required key 'message_size'");
}

static void buffer_depth(void **state)
{
    (void)state;
    app_error(edited(with_objects(), "depth: 8, ", "", NULL),
              9, 15, "buffer 'cmds' of partition 'ping' is missing required "
              "key 'depth'");
    app_error(edited(with_objects(), "depth: 8", "depth: 0", NULL),
              9, 54, "'depth' is 0, out of range 1..65535");
}

static void mutex_protocol_unknown(void **state)
{
    (void)state;
    app_error(edited(with_objects(), "protocol: inherit",
                     "protocol: priority", NULL),
              10, 36, "'protocol' must be inherit or ceiling, found "
              "'priority'");
}

static void mutex_ceiling_missing(void **state)
{
    (void)state;
    app_error(edited(with_objects(), ", ceiling: 40", "", NULL),
              10, 47, "mutex 'c' of partition 'ping' is missing required key "
              "'ceiling' (its protocol is ceiling)");
}

static void mutex_ceiling_without_protocol(void **state)
{
    (void)state;
    app_error(edited(with_objects(), "protocol: inherit",
                     "protocol: inherit, ceiling: 9", NULL),
              10, 54, "mutex 'm' of partition 'ping' cannot have 'ceiling': "
              "its protocol is inherit (give 'protocol: ceiling')");
    app_error(edited(with_objects(), "protocol: inherit", "ceiling: 9",
                     NULL),
              10, 35, "mutex 'm' of partition 'ping' cannot have 'ceiling': "
              "its protocol is inherit (give 'protocol: ceiling')");
}

static void mutex_ceiling_out_of_range(void **state)
{
    (void)state;
    app_error(edited(with_objects(), "ceiling: 40", "ceiling: 256", NULL),
              10, 86, "'ceiling' is 256, out of range 1..255");
    app_error(edited(with_objects(), "ceiling: 40", "ceiling: 0", NULL),
              10, 86, "'ceiling' is 0, out of range 1..255");
}

static void mutex_discipline(void **state)
{
    (void)state;
    app_error(edited(with_objects(), "protocol: inherit",
                     "discipline: fifo", NULL),
              10, 26, "unknown key 'discipline' in mutex 'm' of partition "
              "'ping' (allowed: name, protocol, ceiling)");
}

/* A semaphore, 255 events and 4 objects more: the 256th object in table
 * order is the last event. */
static void too_many_objects(void **state)
{
    (void)state;
    char events[255 * 16 + 64] = "    events: [";
    for (int i = 0; i < 255; i++) {
        size_t used = strlen(events);
        snprintf(events + used, sizeof(events) - used, "%s{ name: e%d }",
                 i ? ", " : "", i);
    }
    strcat(events, "]\n");
    char *app = edited(with_objects(), "    events: [{ name: ready }]\n",
                       events, NULL);
    size_t col = strstr(app, "{ name: e254 }") -
                 strstr(app, "    events: [") + 1;
    app_error(app, 7, (int)col, "260 objects in partition 'ping', more than "
              "the 255 a partition can have");
}

/* --- the message pool ---------------------------------------------------- */

/* samples: 256 slots of 16 + 8192 bytes (2101248); cmds, after every
 * channel: 256 more, past 4 MiB. */
static void message_pool_too_large(void **state)
{
    (void)state;
    char *app = edited(with_objects(), "message_size: 16, depth: 8",
                       "message_size: 8KiB, depth: 256", NULL);
    app = edited(plus(app, CHANNELS), "message_size: 32, depth: 8",
                 "message_size: 8KiB, depth: 256", NULL);
    app_error(app, 9, 15, "the message pool needs 4202576 bytes, more than "
              "the 4194304 (4MiB) the kernel allows; buffer 'cmds' of "
              "partition 'ping' (256 slot(s) of 8208 bytes) takes it past "
              "the limit");
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
        cmocka_unit_test(region_base_not_multiple_of_32),
        cmocka_unit_test(region_size_not_multiple_of_32),
        cmocka_unit_test(board_memory_not_on_page_boundaries),
        cmocka_unit_test(nul_character_in_a_value),
        cmocka_unit_test(unknown_board),
        cmocka_unit_test(console_not_uart),
        cmocka_unit_test(stack_larger_than_data_region),
        cmocka_unit_test(time_without_unit),
        cmocka_unit_test(time_not_whole_cycles),
        cmocka_unit_test(board_mpu_regions_not_8_or_16),
        cmocka_unit_test(board_fpu_does_not_fit_cpu),
        cmocka_unit_test(stack_guard_not_power_of_two),
        cmocka_unit_test(device_unknown),
        cmocka_unit_test(device_is_console),
        cmocka_unit_test(device_in_ppb),
        cmocka_unit_test(device_owned_twice),
        cmocka_unit_test(device_waste_exceeds_max),
        cmocka_unit_test(device_covers_other_device),
        cmocka_unit_test(region_waste_exceeds_max),
        cmocka_unit_test(overlap_uses_granted_extents),
        cmocka_unit_test(region_no_room),
        cmocka_unit_test(shared_region_in_rom),
        cmocka_unit_test(shared_name_not_identifier),
        cmocka_unit_test(duplicate_shared_name),
        cmocka_unit_test(shared_access_invalid),
        cmocka_unit_test(shared_access_unknown_partition),
        cmocka_unit_test(too_many_mpu_regions),
        cmocka_unit_test(stack_not_aligned_to_guard),
        cmocka_unit_test(stack_guard_overlaps_region),
        cmocka_unit_test(region_symbol_clash),
        cmocka_unit_test(valid_modes),
        cmocka_unit_test(schedules_missing),
        cmocka_unit_test(schedule_and_schedules),
        cmocka_unit_test(duplicate_schedule_name),
        cmocka_unit_test(schedule_name_too_long),
        cmocka_unit_test(initial_schedule_unknown),
        cmocka_unit_test(initial_schedule_with_single_schedule),
        cmocka_unit_test(overlapping_windows_in_second_schedule),
        cmocka_unit_test(window_past_frame_in_second_schedule),
        cmocka_unit_test(zero_duration_in_second_schedule),
        cmocka_unit_test(partition_without_time_not_idle),
        cmocka_unit_test(idle_partition_with_window),
        cmocka_unit_test(idle_unknown_partition),
        cmocka_unit_test(process_period_not_multiple),
        cmocka_unit_test(process_period_in_file_unit),
        cmocka_unit_test(process_period_not_whole_cycles),
        cmocka_unit_test(process_period_zero),
        cmocka_unit_test(time_capacity_exceeds_period),
        cmocka_unit_test(max_threads_below_processes),
        cmocka_unit_test(too_many_processes),
        cmocka_unit_test(duplicate_process_name),
        cmocka_unit_test(process_name_too_long),
        cmocka_unit_test(system_not_bool),
        cmocka_unit_test(hm_unknown_error),
        cmocka_unit_test(hm_unknown_action),
        cmocka_unit_test(hm_unknown_state),
        cmocka_unit_test(hm_module_action),
        cmocka_unit_test(hm_module_error_in_partition),
        cmocka_unit_test(hm_overrun_in_process),
        cmocka_unit_test(hm_overrun_with_process_action),
        cmocka_unit_test(hm_rule_duplicate),
        cmocka_unit_test(hm_rule_shadowed_by_any),
        cmocka_unit_test(irqs_valid),
        cmocka_unit_test(irq_line_not_below_irq_lines),
        cmocka_unit_test(irq_line_of_two_devices),
        cmocka_unit_test(irq_line_with_two_names),
        cmocka_unit_test(irq_and_irqs),
        cmocka_unit_test(irq_name_invalid),
        cmocka_unit_test(irq_name_duplicate),
        cmocka_unit_test(irqs_not_a_mapping),
        cmocka_unit_test(irq_lines_out_of_range),
        cmocka_unit_test(channels_valid),
        cmocka_unit_test(channel_unknown_partition),
        cmocka_unit_test(endpoint_without_dot),
        cmocka_unit_test(endpoint_empty_part),
        cmocka_unit_test(endpoint_port_too_long),
        cmocka_unit_test(endpoint_not_a_scalar),
        cmocka_unit_test(duplicate_port_name),
        cmocka_unit_test(duplicate_channel_name),
        cmocka_unit_test(channel_name_too_long),
        cmocka_unit_test(channel_kind_missing),
        cmocka_unit_test(channel_kind_invalid),
        cmocka_unit_test(message_size_out_of_range),
        cmocka_unit_test(queuing_depth_missing),
        cmocka_unit_test(queuing_depth_out_of_range),
        cmocka_unit_test(sampling_depth),
        cmocka_unit_test(sampling_refresh_missing),
        cmocka_unit_test(sampling_refresh_not_positive),
        cmocka_unit_test(sampling_refresh_not_whole_cycles),
        cmocka_unit_test(queuing_refresh),
        cmocka_unit_test(sampling_discipline),
        cmocka_unit_test(discipline_unknown),
        cmocka_unit_test(queuing_several_destinations),
        cmocka_unit_test(destination_and_destinations),
        cmocka_unit_test(no_destination),
        cmocka_unit_test(sampling_too_many_destinations),
        cmocka_unit_test(source_is_destination),
        cmocka_unit_test(too_many_ports),
        cmocka_unit_test(objects_valid),
        cmocka_unit_test(object_duplicate_name),
        cmocka_unit_test(object_name_too_long),
        cmocka_unit_test(semaphore_maximum_missing),
        cmocka_unit_test(semaphore_maximum_out_of_range),
        cmocka_unit_test(semaphore_initial_out_of_range),
        cmocka_unit_test(semaphore_initial_above_maximum),
        cmocka_unit_test(object_discipline_unknown),
        cmocka_unit_test(blackboard_message_size),
        cmocka_unit_test(buffer_depth),
        cmocka_unit_test(mutex_protocol_unknown),
        cmocka_unit_test(mutex_ceiling_missing),
        cmocka_unit_test(mutex_ceiling_without_protocol),
        cmocka_unit_test(mutex_ceiling_out_of_range),
        cmocka_unit_test(mutex_discipline),
        cmocka_unit_test(too_many_objects),
        cmocka_unit_test(message_pool_too_large),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
