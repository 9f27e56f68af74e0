/*
 * test_place.c - the memory model end to end (tools/fcc/memory.c):
 * regions without a base placed where docs/config.md says, devices and
 * shared regions in each partition's table, the generated linker symbols.
 * Every address below is worked out by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "emit_c.h"
#include "emit_ld.h"
#include "fcc.h"
#include "memory.h"

static const char BOARD[] =
    "name: pb\n"
    "cpu: cortex-m3\n"
    "clock_hz: 1000000\n"
    "kernel_entry_cycles: 0\n"
    "mpu_regions: 8\n"
    "memory:\n"
    "  - { name: flash, base: 0x00000000, size: 1MiB, kind: rom }\n"
    "  - { name: sram, base: 0x20000000, size: 256KiB, kind: ram }\n"
    "  - { name: ext, base: 0x60000000, size: 1MiB, kind: ram }\n"
    "reserved:\n"
    "  - { name: kernel_code, base: 0x00000000, size: 64KiB }\n"
    "  - { name: kernel_data, base: 0x20000000, size: 16KiB }\n"
    "devices:\n"
    "  - { name: uart0, type: cmsdk-uart, base: 0x40004000, size: 4KiB }\n"
    "  - { name: uart-1, type: cmsdk-uart, base: 0x40005000, size: 4KiB }\n"
    "console: uart0\n";

/*
 * Fixed first: control's text (96 bytes at 0x00010000: three 32-byte
 * subregions of a 256-byte region), the log (5 KiB at 0x20020000: five
 * 1 KiB subregions of an 8 KiB region), sensor's uart-1.
 * Then by alignment: sensor's code (16 KiB, a 16 KiB region) in flash
 * above kernel_code and control's text: 0x00014000.  Sensor's data
 * (5 KiB: 8 KiB region, 5 subregions, aligned 8 KiB) above kernel_data:
 * 0x20004000..0x200053FF.  Control's ram (384 bytes: 512-byte region, 6
 * subregions, aligned to its 1 KiB stack guard): next 1 KiB multiple after
 * sensor's data, 0x20005400.  Telemetry (1 KiB, aligned 1 KiB): after
 * control's ram, 0x20005800.
 */
static const char APP[] =
    "board: pb\n"
    "partitions:\n"
    "  - name: sensor\n"
    "    stack_size: 1KiB\n"
    "    priority: 10\n"
    "    memory:\n"
    "      - { name: code, kind: code, size: 16KiB }\n"
    "      - { name: data, kind: data, size: 5KiB }\n"
    "    devices: [ uart-1 ]\n"
    "  - name: control\n"
    "    stack_size: 256\n"
    "    stack_guard: 1KiB\n"
    "    priority: 10\n"
    "    memory:\n"
    "      - { name: text, kind: code, base: 0x00010000, size: 96 }\n"
    "      - { name: ram, kind: data, size: 0x180 }\n"
    "shared:\n"
    "  - { name: telemetry, size: 1KiB, access: { sensor: rw, control: r } }\n"
    "  - name: log\n"
    "    base: 0x20020000\n"
    "    size: 0x1400\n"
    "    access: { control: rwx, sensor: none }\n"
    "schedule:\n"
    "  major_frame: 10ms\n"
    "  windows:\n"
    "    - { partition: sensor, offset: 0ms, duration: 5ms }\n"
    "    - { partition: control, offset: 5ms, duration: 5ms }\n";

static struct fcc_system *load(const char *app, const char *board)
{
    struct fcc_diag *d = fcc_diag_new();
    struct fcc_system *sys = fcc_system_from_texts(d, "apps/demo/app.yaml",
                                                   app, "boards/pb/board.yaml",
                                                   board);
    fcc_diag_print(d, stderr);
    fcc_diag_free(d);
    return sys;
}

static int setup(void **state)
{
    *state = load(APP, BOARD);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    fcc_system_free(*state);
    return 0;
}

static void expect_region(const struct fcc_region *r, uint64_t base,
                          uint64_t size, uint64_t mpu_base, unsigned log2,
                          unsigned srd)
{
    const struct fcc_mpu_enc *e = &r->enc;
    if (e->base != base || e->size != size || e->mpu_base != mpu_base ||
        e->log2 != log2 || e->srd != srd)
        fprintf(stderr, "%s: got 0x%llx+0x%llx mpu_base 0x%llx log2 %u srd "
                "0x%02x\n", r->name, (unsigned long long)e->base,
                (unsigned long long)e->size, (unsigned long long)e->mpu_base,
                e->log2, e->srd);
    assert_true(r->granted);
    assert_true(e->base == base);
    assert_true(e->size == size);
    assert_true(e->mpu_base == mpu_base);
    assert_int_equal(e->log2, log2);
    assert_int_equal(e->srd, srd);
}

static void placed_addresses(void **state)
{
    const struct fcc_app *a = ((struct fcc_system *)*state)->app;
    const struct fcc_partition *sensor = &a->partitions[0];
    const struct fcc_partition *control = &a->partitions[1];
    expect_region(&sensor->regions[0], 0x00014000, 0x4000, 0x00014000, 14,
                  0x00);
    expect_region(&sensor->regions[1], 0x20004000, 0x1400, 0x20004000, 13,
                  0xE0);
    expect_region(&sensor->devices[0], 0x40005000, 0x1000, 0x40005000, 12,
                  0x00);
    expect_region(&control->regions[0], 0x00010000, 0x60, 0x00010000, 8,
                  0xF8);
    expect_region(&control->regions[1], 0x20005400, 0x180, 0x20005400, 9,
                  0xC0);
    expect_region(&a->shared[0].r, 0x20005800, 0x400, 0x20005800, 10, 0x00);
    expect_region(&a->shared[1].r, 0x20020000, 0x1400, 0x20020000, 13, 0xE0);
}

static void partition_region_lists(void **state)
{
    const struct fcc_app *a = ((struct fcc_system *)*state)->app;
    const struct fcc_region *rs[8];
    unsigned access[8];
    assert_int_equal(fcc_partition_region_count(a, 0), 4);
    fcc_partition_regions(a, 0, rs, access);
    assert_string_equal(rs[0]->name, "code");
    assert_int_equal(access[0], FCC_ACCESS_R | FCC_ACCESS_X);
    assert_string_equal(rs[1]->name, "data");
    assert_int_equal(access[1], FCC_ACCESS_R | FCC_ACCESS_W);
    assert_string_equal(rs[2]->name, "uart-1");
    assert_int_equal(rs[2]->kind, FCC_REGION_DEVICE);
    assert_int_equal(access[2], FCC_ACCESS_R | FCC_ACCESS_W);
    assert_string_equal(rs[3]->name, "telemetry");
    assert_int_equal(access[3], FCC_ACCESS_R | FCC_ACCESS_W);
    /* control: log (rwx) after telemetry (r), in file order */
    assert_int_equal(fcc_partition_region_count(a, 1), 4);
    fcc_partition_regions(a, 1, rs, access);
    assert_string_equal(rs[2]->name, "telemetry");
    assert_int_equal(access[2], FCC_ACCESS_R);
    assert_string_equal(rs[3]->name, "log");
    assert_int_equal(access[3], FCC_ACCESS_R | FCC_ACCESS_W | FCC_ACCESS_X);
}

static void contains(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fprintf(stderr, "missing \"%s\" in:\n%s\n", needle, hay);
    assert_non_null(strstr(hay, needle));
}

static void tables(void **state)
{
    char *c = fcc_emit_tables(*state), *h = fcc_emit_header(*state);
    assert_non_null(c);
    assert_non_null(h);
    contains(h, "#define CFG_MPU_REGIONS 8\n"
                "#define CFG_MPU_MAX_PART_REGIONS 4\n");
    contains(c, "        .name = \"sensor\",\n"
                "        .entry = 0x00014001u,\n"
                "        .stack_base = 0x20004000u,\n");
    contains(c, "        .stack_guard = 0x00000400u,\n");
    contains(c, "    { .name = \"uart-1\", .base = 0x40005000u, .size = "
                "0x00001000u,\n      .mpu_base = 0x40005000u, "
                ".mpu_size_log2 = 12, .mpu_srd = 0x00,\n      .kind = "
                "CFG_REGION_DEVICE, .access = CFG_ACCESS_R | CFG_ACCESS_W "
                "},\n");
    contains(c, "    { .name = \"log\", .base = 0x20020000u, .size = "
                "0x00001400u,\n      .mpu_base = 0x20020000u, "
                ".mpu_size_log2 = 13, .mpu_srd = 0xE0,\n      .kind = "
                "CFG_REGION_SHARED, .access = CFG_ACCESS_R | CFG_ACCESS_W | "
                "CFG_ACCESS_X },\n");
    free(c);
    free(h);
}

static void linker_symbols(void **state)
{
    char *ld = fcc_emit_ld(*state, 0);
    assert_non_null(ld);
    contains(ld, "  code (rx) : ORIGIN = 0x00014000, LENGTH = 0x00004000\n"
                 "  data (rw) : ORIGIN = 0x20004000, LENGTH = 0x00001400\n");
    contains(ld, "__region_code_start = 0x00014000;\n"
                 "__region_code_end = 0x00018000;\n"
                 "__region_data_start = 0x20004000;\n"
                 "__region_data_end = 0x20005400;\n"
                 "__region_uart_1_start = 0x40005000;\n"
                 "__region_uart_1_end = 0x40006000;\n"
                 "__region_telemetry_start = 0x20005800;\n"
                 "__region_telemetry_end = 0x20005C00;\n"
                 "PROVIDE(__part_main = main);\n");
    free(ld);
    ld = fcc_emit_ld(*state, 1);
    contains(ld, "__region_log_start = 0x20020000;\n"
                 "__region_log_end = 0x20021400;\n");
    free(ld);
}

/* text with `from` (which must occur) replaced by `to`; caller frees. */
static char *replace(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    assert_non_null(at);
    size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
    char *s = malloc(n);
    snprintf(s, n, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    return s;
}

/* Data larger than what sram has left (256 KiB - 16 KiB reserved) goes
 * to the next RAM block, ext: 0x60000000. */
static void placed_in_next_ram_block(void **state)
{
    (void)state;
    char *app = replace(APP, "{ name: data, kind: data, size: 5KiB }",
                        "{ name: data, kind: data, size: 256KiB }");
    struct fcc_system *sys = load(app, BOARD);
    assert_non_null(sys);
    expect_region(&sys->app->partitions[0].regions[1], 0x60000000, 0x40000,
                  0x60000000, 18, 0x00);
    fcc_system_free(sys);
    free(app);
}

/* A placed data region keeps its stack guard clear of its partition's
 * other ranges.  With telemetry fixed at 0x20005400..0x200057FF, control's
 * ram (aligned 1 KiB) cannot go at 0x20005800: its 1 KiB guard
 * [0x20005400..0x200057FF] would be telemetry, which control may read.
 * The next place is the guard's width above telemetry: 0x20005C00. */
static void placed_data_keeps_guard_clear(void **state)
{
    (void)state;
    char *app = replace(APP, "{ name: telemetry, size: 1KiB,",
                        "{ name: telemetry, base: 0x20005400, size: 1KiB,");
    struct fcc_system *sys = load(app, BOARD);
    assert_non_null(sys);
    expect_region(&sys->app->partitions[0].regions[1], 0x20004000, 0x1400,
                  0x20004000, 13, 0xE0);
    expect_region(&sys->app->partitions[1].regions[1], 0x20005C00, 0x180,
                  0x20005C00, 9, 0xC0);
    fcc_system_free(sys);
    free(app);
}

/* With no block below 0x20000000, code without a base has nowhere to go. */
static void no_block_for_code(void **state)
{
    (void)state;
    char *b1 = replace(BOARD, "  - { name: flash, base: 0x00000000, size: "
                       "1MiB, kind: rom }\n", "");
    char *board = replace(b1, "  - { name: kernel_code, base: 0x00000000, "
                          "size: 64KiB }\n", "");
    char *app = replace(APP, "base: 0x00010000, size: 96",
                        "base: 0x20030000, size: 96");
    struct fcc_diag *d = fcc_diag_new();
    assert_null(fcc_system_from_texts(d, "apps/demo/app.yaml", app,
                                      "boards/pb/board.yaml", board));
    fcc_diag_print(d, stderr);
    assert_int_equal(fcc_diag_count(d), 1);
    assert_int_equal(fcc_diag_get(d, 0)->line, 7);
    assert_non_null(strstr(fcc_diag_get(d, 0)->msg, "cannot place region "
                           "'code' of partition 'sensor': the board has no "
                           "memory block for it"));
    fcc_diag_free(d);
    free(b1);
    free(board);
    free(app);
}

/* Same input, same placement and bytes. */
static void deterministic(void **state)
{
    struct fcc_system *other = load(APP, BOARD);
    char *x = fcc_emit_tables(*state), *y = fcc_emit_tables(other);
    assert_string_equal(x, y);
    free(x);
    free(y);
    fcc_system_free(other);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(placed_addresses),
        cmocka_unit_test(partition_region_lists),
        cmocka_unit_test(tables),
        cmocka_unit_test(linker_symbols),
        cmocka_unit_test(placed_in_next_ram_block),
        cmocka_unit_test(placed_data_keeps_guard_clear),
        cmocka_unit_test(no_block_for_code),
        cmocka_unit_test(deterministic),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
