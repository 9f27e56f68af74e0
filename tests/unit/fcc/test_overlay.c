/*
 * test_overlay.c - board overlays (tools/fcc/overlay.c): the overlay
 * naming the target board replaces the memory of the partitions it lists
 * and the shared regions it lists, the others are left alone, and every
 * error in an overlay names the overlay's file, line and column.
 *
 * Each test writes an app, a board and an overlay folder into a fresh
 * temporary directory and loads them as fcc's command line does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "fcc.h"

/* Flash at 0x08000000, SRAM at 0x20000000, as on an STM32; the kernel's
 * first 64 KiB of flash and 16 KiB of SRAM. */
static const char BOARD[] =
    "name: chip\n"
    "cpu: cortex-m4\n"
    "clock_hz: 16000000\n"
    "kernel_entry_cycles: 0\n"
    "mpu_regions: 8\n"
    "memory:\n"
    "  - { name: flash, base: 0x08000000, size: 256KiB, kind: rom }\n"
    "  - { name: sram, base: 0x20000000, size: 64KiB, kind: ram }\n"
    "reserved:\n"
    "  - { name: kernel_code, base: 0x08000000, size: 64KiB }\n"
    "  - { name: kernel_data, base: 0x20000000, size: 16KiB }\n"
    "devices:\n"
    "  - { name: usart1, type: stm32-usart, base: 0x40011000, size: 1KiB }\n"
    "console: usart1\n";

/* Its own board's memory map: none of it exists on `chip`. */
static const char APP[] =
    "board: big\n"
    "partitions:\n"
    "  - name: ping\n"
    "    stack_size: 1KiB\n"
    "    priority: 10\n"
    "    memory:\n"
    "      - { name: code, kind: code, base: 0x00100000, size: 64KiB }\n"
    "      - { name: data, kind: data, base: 0x20100000, size: 64KiB }\n"
    "  - name: pong\n"
    "    stack_size: 1KiB\n"
    "    priority: 10\n"
    "    memory:\n"
    "      - { name: code, kind: code, base: 0x00110000, size: 64KiB }\n"
    "      - { name: data, kind: data, base: 0x20110000, size: 64KiB }\n"
    "shared:\n"
    "  - { name: box, base: 0x20200000, size: 1KiB, access: { ping: rw, pong: r } }\n"
    "schedule:\n"
    "  major_frame: 10ms\n"
    "  windows:\n"
    "    - { partition: ping, offset: 0ms, duration: 5ms }\n"
    "    - { partition: pong, offset: 5ms, duration: 5ms }\n";

/* APP with ping's memory already on `chip` (lines 7 and 8). */
static const char APP_PING_ON_CHIP[] =
    "board: big\n"
    "partitions:\n"
    "  - name: ping\n"
    "    stack_size: 1KiB\n"
    "    priority: 10\n"
    "    memory:\n"
    "      - { name: code, kind: code, base: 0x08010000, size: 16KiB }\n"
    "      - { name: data, kind: data, base: 0x20004000, size: 16KiB }\n"
    "  - name: pong\n"
    "    stack_size: 1KiB\n"
    "    priority: 10\n"
    "    memory:\n"
    "      - { name: code, kind: code, base: 0x00110000, size: 64KiB }\n"
    "      - { name: data, kind: data, base: 0x20110000, size: 64KiB }\n"
    "schedule:\n"
    "  major_frame: 10ms\n"
    "  windows:\n"
    "    - { partition: ping, offset: 0ms, duration: 5ms }\n"
    "    - { partition: pong, offset: 5ms, duration: 5ms }\n";

/* Both partitions' memory placed by fcc: code after the kernel's in
 * flash (16 KiB aligned: 0x08010000, 0x08014000), data after the
 * kernel's in SRAM (0x20004000, 0x20008000), then the shared box. */
static const char OVERLAY[] =
    "boards: [other, chip]\n"
    "partitions:\n"
    "  - name: ping\n"
    "    memory:\n"
    "      - { name: code, kind: code, size: 16KiB }\n"
    "      - { name: data, kind: data, size: 16KiB }\n"
    "  - name: pong\n"
    "    memory:\n"
    "      - { name: code, kind: code, size: 16KiB }\n"
    "      - { name: data, kind: data, size: 16KiB }\n"
    "shared:\n"
    "  - { name: box, size: 1KiB, access: { ping: rw, pong: r } }\n";

struct fixture {
    char dir[64];
    char path[5][128]; /* app, boards/, boards/chip/board.yaml, overlays/, big */
};

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void paths(struct fixture *x)
{
    snprintf(x->path[0], sizeof x->path[0], "%s/app.yaml", x->dir);
    snprintf(x->path[1], sizeof x->path[1], "%s/boards", x->dir);
    snprintf(x->path[2], sizeof x->path[2], "%s/boards/chip", x->dir);
    snprintf(x->path[3], sizeof x->path[3], "%s/overlays", x->dir);
    snprintf(x->path[4], sizeof x->path[4], "%s/boards/chip/board.yaml",
             x->dir);
}

static int setup(void **state)
{
    struct fixture *x = calloc(1, sizeof(*x));
    snprintf(x->dir, sizeof x->dir, "/tmp/fcc_overlay_XXXXXX");
    assert_non_null(mkdtemp(x->dir));
    paths(x);
    assert_int_equal(mkdir(x->path[1], 0700), 0);
    assert_int_equal(mkdir(x->path[2], 0700), 0);
    assert_int_equal(mkdir(x->path[3], 0700), 0);
    put(x->path[0], APP);
    put(x->path[4], BOARD);
    *state = x;
    return 0;
}

static void remove_file(const char *dir, const char *name)
{
    char p[160];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    unlink(p);
}

static int teardown(void **state)
{
    struct fixture *x = *state;
    remove_file(x->path[3], "a.yaml");
    remove_file(x->path[3], "b.yaml");
    unlink(x->path[4]);
    rmdir(x->path[2]);
    rmdir(x->path[1]);
    rmdir(x->path[3]);
    unlink(x->path[0]);
    rmdir(x->dir);
    free(x);
    return 0;
}

static void overlay(const struct fixture *x, const char *name,
                    const char *text)
{
    char p[160];
    snprintf(p, sizeof p, "%s/%s", x->path[3], name);
    put(p, text);
}

static struct fcc_system *load(const struct fixture *x, struct fcc_diag *d)
{
    const struct fcc_target t = { "chip", x->path[3] };
    return fcc_system_load_on(d, x->path[0], x->path[1], &t);
}

static const struct fcc_region *region(const struct fcc_system *sys,
                                       size_t part, int which)
{
    return &sys->app->partitions[part].regions[which];
}

/* The error with msg is in `file` (NULL: the overlay a.yaml) at
 * line:col. */
static void expect_error(const struct fixture *x, struct fcc_diag *d,
                         const char *file, int line, int col,
                         const char *msg)
{
    char a[160];
    snprintf(a, sizeof a, "%s/a.yaml", x->path[3]);
    const struct fcc_diag_entry *e = NULL;
    for (size_t i = 0; !e && i < fcc_diag_count(d); i++)
        if (strstr(fcc_diag_get(d, i)->msg, msg))
            e = fcc_diag_get(d, i);
    if (!e)
        fcc_diag_print(d, stderr);
    assert_non_null(e);
    assert_string_equal(e->file, file ? file : a);
    assert_int_equal(e->line, line);
    assert_int_equal(e->col, col);
}

static void places_memory_on_the_board(void **state)
{
    struct fixture *x = *state;
    overlay(x, "a.yaml", OVERLAY);
    struct fcc_diag *d = fcc_diag_new();
    struct fcc_system *sys = load(x, d);
    fcc_diag_print(d, stderr);
    assert_non_null(sys);
    assert_int_equal(region(sys, 0, 0)->enc.base, 0x08010000);
    assert_int_equal(region(sys, 1, 0)->enc.base, 0x08014000);
    assert_int_equal(region(sys, 0, 1)->enc.base, 0x20004000);
    assert_int_equal(region(sys, 1, 1)->enc.base, 0x20008000);
    assert_int_equal(sys->app->shared[0].r.enc.base, 0x2000C000);
    assert_non_null(strstr(sys->overlay_file, "a.yaml"));
    fcc_system_free(sys);
    fcc_diag_free(d);
}

/* The overlay a.yaml (with text) makes loading fail with msg in `file`
 * (NULL: a.yaml) at line:col. */
static void refused(const struct fixture *x, const char *text,
                    const char *file, int line, int col, const char *msg)
{
    overlay(x, "a.yaml", text);
    struct fcc_diag *d = fcc_diag_new();
    assert_null(load(x, d));
    expect_error(x, d, file, line, col, msg);
    fcc_diag_free(d);
}

/* Without an overlay for the board, the app's own bases are refused
 * where they belong: on the app's lines. */
static void no_overlay_keeps_the_app(void **state)
{
    struct fixture *x = *state;
    refused(x, "boards: [other]\n", x->path[0], 7, 9,
            "does not lie within one board memory block");
}

static void unknown_partition(void **state)
{
    refused(*state, "boards: [chip]\n"
                    "partitions:\n"
                    "  - name: pnig\n"
                    "    memory: []\n",
            NULL, 3, 11, "the overlay names unknown partition 'pnig'");
}

/* An error in the memory an overlay gives is reported in the overlay. */
static void region_error_in_the_overlay(void **state)
{
    refused(*state, "boards: [chip]\n"
                    "partitions:\n"
                    "  - name: ping\n"
                    "    memory:\n"
                    "      - { name: code, kind: code, size: 16KiB }\n"
                    "      - { name: data, kind: data, size: 1MiB }\n",
            NULL, 6, 9, "cannot place region 'data' of partition 'ping'");
}

/* An overlay for `chip` giving partition part a 16 KiB code region, then
 * the region `second` (line 6, its mapping at column 9). */
static void one_partition(char *buf, size_t size, const char *part,
                          const char *second)
{
    snprintf(buf, size, "boards: [chip]\n"
                        "partitions:\n"
                        "  - name: %s\n"
                        "    memory:\n"
                        "      - { name: code, kind: code, size: 16KiB }\n"
                        "      - %s\n", part, second);
}

/* A second place an error points at names its file: here the overlay's
 * region overlaps one the app itself places on the board. */
static void overlap_names_the_other_file(void **state)
{
    struct fixture *x = *state;
    char text[256], msg[320];
    put(x->path[0], APP_PING_ON_CHIP);
    one_partition(text, sizeof text, "pong", "{ name: data, kind: data, "
                  "base: 0x20004000, size: 16KiB }");
    snprintf(msg, sizeof msg, "overlaps region 'data' of partition 'ping' "
             "[0x20004000..0x20007FFF] (declared at %s:8:9)", x->path[0]);
    refused(x, text, NULL, 6, 9, msg);
}

/* Both places in the overlay: the reference names the overlay. */
static void duplicate_in_the_overlay(void **state)
{
    struct fixture *x = *state;
    char text[256], msg[320];
    one_partition(text, sizeof text, "ping", "{ name: code, kind: data, "
                  "size: 16KiB }");
    snprintf(msg, sizeof msg, "duplicate region name 'code' in partition "
             "'ping' (first declared at %s/a.yaml:5:17)", x->path[3]);
    refused(x, text, NULL, 6, 17, msg);
}

static void two_overlays_for_a_board(void **state)
{
    struct fixture *x = *state;
    char b[160];
    snprintf(b, sizeof b, "%s/b.yaml", x->path[3]);
    overlay(x, "b.yaml", "boards: [chip]\n");
    refused(x, OVERLAY, b, 1, 10, "board 'chip' already has an overlay");
}

static void bad_overlay_keys(void **state)
{
    refused(*state, "boards: [chip]\nschedule: {}\n", NULL, 2, 1,
            "unknown key 'schedule' in the overlay");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(places_memory_on_the_board, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(no_overlay_keeps_the_app, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(unknown_partition, setup, teardown),
        cmocka_unit_test_setup_teardown(region_error_in_the_overlay, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(overlap_names_the_other_file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(duplicate_in_the_overlay, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(two_overlays_for_a_board, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(bad_overlay_keys, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
