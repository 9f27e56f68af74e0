/*
 * test_tables.c - a valid config gives the expected table values, and
 * the generated files have the expected shape and are deterministic.
 * Works on in-memory text through fcc_core.
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
#include "validate.h"

static const char BOARD[] =
    "name: tb\n"
    "cpu: cortex-m3\n"
    "clock_hz: 25000000\n"
    "kernel_entry_cycles: 64\n"
    "memory:\n"
    "  - { name: flash, base: 0x00000000, size: 4MiB, kind: rom }\n"
    "  - { name: sram, base: 0x20000000, size: 4MiB, kind: ram }\n"
    "reserved:\n"
    "  - { name: kernel_data, base: 0x20000000, size: 64KiB }\n"
    "devices:\n"
    "  - { name: timer0, type: cmsdk-timer, base: 0x40000000, size: 4KiB, irq: 8 }\n"
    "  - { name: uart0, type: cmsdk-uart, base: 0x40004000, size: 4KiB }\n"
    "console: uart0\n"
    "mpu_regions: 16\n";

/* Windows out of order, unequal thread counts, data before code. */
static const char APP[] =
    "board: tb\n"
    "partitions:\n"
    "  - name: ping\n"
    "    entry: ping_main\n"
    "    stack_size: 2KiB\n"
    "    priority: 10\n"
    "    max_threads: 3\n"
    "    memory:\n"
    "      - { name: code, kind: code, base: 0x00100000, size: 64KiB }\n"
    "      - { name: data, kind: data, base: 0x20100000, size: 64KiB }\n"
    "  - name: pong\n"
    "    stack_size: 0x400\n"
    "    priority: 20\n"
    "    memory:\n"
    "      - { name: ram, kind: data, base: 0x20110000, size: 32KiB }\n"
    "      - { name: rom, kind: code, base: 0x00110000, size: 32KiB }\n"
    "  - name: idle\n"
    "    stack_size: 256\n"
    "    priority: 1\n"
    "    max_threads: 1\n"
    "    memory:\n"
    "      - { name: code, kind: code, base: 0x00120000, size: 1KiB }\n"
    "      - { name: data, kind: data, base: 0x20120000, size: 1KiB }\n"
    "schedule:\n"
    "  major_frame: 10ms\n"
    "  windows:\n"
    "    - { partition: pong, offset: 5ms, duration: 4ms }\n"
    "    - { partition: idle, offset: 9000us, duration: 25000cycles }\n"
    "    - { partition: ping, offset: 0ms, duration: 5ms }\n";

static int setup(void **state)
{
    struct fcc_diag *d = fcc_diag_new();
    struct fcc_system *sys = fcc_system_from_texts(d, "apps/demo/app.yaml",
                                                   APP, "boards/tb/board.yaml",
                                                   BOARD);
    fcc_diag_print(d, stderr);
    fcc_diag_free(d);
    *state = sys;
    return sys ? 0 : -1;
}

static int teardown(void **state)
{
    fcc_system_free(*state);
    return 0;
}

static void times_in_cycles(void **state)
{
    const struct fcc_app *a = ((struct fcc_system *)*state)->app;
    const struct fcc_schedule *s = &a->schedules[0];
    assert_int_equal(a->num_schedules, 1);
    assert_string_equal(s->name, "default");
    assert_int_equal(s->major_frame, 250000);
    assert_int_equal(s->windows[2].offset, 0);
    assert_int_equal(s->windows[2].duration, 125000); /* 5 ms at 25 MHz */
    assert_int_equal(s->windows[0].offset, 125000);
    assert_int_equal(s->windows[0].duration, 100000);
    assert_int_equal(s->windows[1].offset, 225000);
    assert_int_equal(s->windows[1].duration, 25000);
}

static void windows_sorted_by_offset(void **state)
{
    const struct fcc_schedule *s = &((struct fcc_system *)*state)->app->
                                        schedules[0];
    size_t order[3];
    assert_true(fcc_window_order(s, order));
    assert_int_equal(order[0], 2);
    assert_int_equal(order[1], 0);
    assert_int_equal(order[2], 1);
    assert_int_equal(s->windows[order[0]].part, 0);
    assert_int_equal(s->windows[order[1]].part, 1);
    assert_int_equal(s->windows[order[2]].part, 2);
}

static void partitions_derived_values(void **state)
{
    const struct fcc_app *a = ((struct fcc_system *)*state)->app;
    assert_int_equal(a->partitions[0].first_thread, 0);
    assert_int_equal(a->partitions[1].first_thread, 3);
    assert_int_equal(a->partitions[2].first_thread, 7); /* 3 + default 4 */
    assert_int_equal(a->partitions[1].max_threads, 4);
    assert_int_equal(a->partitions[1].code, 1);
    assert_int_equal(a->partitions[1].data, 0);
    assert_string_equal(a->partitions[0].entry, "ping_main");
    assert_string_equal(a->partitions[1].entry, "main");
}

/* fcc_sched_part_of on n windows (offset, duration pairs in t[]) in a
 * frame of mf cycles equals (period, first_offset, duration). */
static void expect_part(const uint64_t *t, size_t n, uint64_t mf,
                        uint64_t period, uint64_t first, uint64_t duration)
{
    struct fcc_span w[8];
    for (size_t i = 0; i < n; i++)
        w[i] = (struct fcc_span){ t[2 * i], t[2 * i + 1] };
    struct fcc_sched_part p = fcc_sched_part_of(w, n, mf);
    assert_int_equal(p.period, period);
    assert_int_equal(p.first_offset, first);
    assert_int_equal(p.duration, duration);
}

static void partition_periods(void **state)
{
    (void)state;
    static const uint64_t halves[] = { 0, 2, 10, 2 };
    static const uint64_t bunched[] = { 0, 2, 5, 2 };
    static const uint64_t quarters[] = { 1, 1, 6, 1, 11, 1, 16, 1 };
    static const uint64_t uneven[] = { 0, 1, 5, 1, 10, 1, 15, 2 };
    static const uint64_t thirds[] = { 2, 1, 9, 1, 16, 1 };
    static const uint64_t pairs[] = { 0, 1, 2, 1, 10, 1, 12, 1 };
    expect_part(halves, 2, 20, 10, 0, 2);
    expect_part(bunched, 2, 20, 20, 0, 4);
    expect_part(quarters, 4, 20, 5, 1, 1);
    expect_part(uneven, 4, 20, 20, 0, 5);  /* durations differ */
    expect_part(thirds, 3, 21, 7, 2, 1);
    expect_part(thirds, 3, 22, 22, 2, 3); /* 22 / 3 is not whole */
    expect_part(pairs, 4, 20, 10, 0, 2);  /* two windows per period */
    expect_part(NULL, 0, 20, 0, 0, 0);    /* idle */
}

/* needle must occur in hay; prints hay otherwise. */
static void contains(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fprintf(stderr, "missing \"%s\" in:\n%s\n", needle, hay);
    assert_non_null(strstr(hay, needle));
}

static void tables_text(void **state)
{
    char *c = fcc_emit_tables(*state);
    assert_non_null(c);
    contains(c, "#include \"config.h\"\n#include \"cfg_gen.h\"\n");
    contains(c, "        .name = \"pong\",\n"
                "        .entry = 0x00110001u,\n"
                "        .stack_base = 0x20110000u,\n"
                "        .stack_size = 0x00000400u,\n"
                "        .stack_guard = 0x00000020u,\n"
                "        .priority = 20,\n"
                "        .max_threads = 4,\n"
                "        .first_thread = 3,\n");
    /* code first, though declared second */
    contains(c, "static const struct cfg_region part_pong_regions[2] = {\n"
                "    { .name = \"rom\", .base = 0x00110000u, .size = "
                "0x00008000u,\n      .mpu_base = 0x00110000u, "
                ".mpu_size_log2 = 15, .mpu_srd = 0x00,\n      .kind = "
                "CFG_REGION_CODE, .access = CFG_ACCESS_R | CFG_ACCESS_X },\n"
                "    { .name = \"ram\", .base = 0x20110000u, .size = "
                "0x00008000u,\n      .mpu_base = 0x20110000u, "
                ".mpu_size_log2 = 15, .mpu_srd = 0x00,\n      .kind = "
                "CFG_REGION_DATA, .access = CFG_ACCESS_R | CFG_ACCESS_W },\n"
                "};\n");
    contains(c, "    .mpu_regions = CFG_MPU_REGIONS,\n");
    contains(c, "static const struct cfg_window schedule0_windows[3] = {\n"
                "    { .partition = 0, .must_complete = 0, .offset = 0ULL, "
                ".duration = 125000ULL }, /* ping */\n"
                "    { .partition = 1, .must_complete = 0, .offset = "
                "125000ULL, .duration = 100000ULL }, /* pong */\n"
                "    { .partition = 2, .must_complete = 0, .offset = "
                "225000ULL, .duration = 25000ULL }, /* idle */\n");
    contains(c, "    { .period = 250000ULL, .first_offset = 125000ULL, "
                ".duration = 100000ULL }, /* pong */\n");
    contains(c, "        .name = \"default\",\n"
                "        .major_frame = 250000ULL,\n"
                "        .num_windows = 3,\n"
                "        .windows = schedule0_windows,\n"
                "        .parts = schedule0_parts,\n");
    contains(c, "        .system = 0,\n"
                "        .num_objects = 0,\n"
                "        .objects = NULL,\n"
                "        .num_processes = 0,\n"
                "        .processes = NULL,\n"
                "        .hm = { .num_rules = 0, .rules = NULL },\n");
    contains(c, "    .schedule = &schedules[0], /* default */\n"
                "    .num_schedules = CFG_NUM_SCHEDULES,\n"
                "    .schedules = schedules,\n"
                "    .hm = { .num_rules = 0, .rules = NULL },\n"
                "    .num_ports = 0,\n");
    contains(c, "    .console_base = 0x40004000u, /* uart0 */\n");
    contains(c, "static const struct cfg_irq_line board_device0_irqs[1] = "
                "{ /* timer0 */\n    { .name = \"irq\", .line = 8 },\n};\n");
    contains(c, "{ .name = \"timer0\", .type = \"cmsdk-timer\", .base = "
                "0x40000000u, .size = 0x00001000u,\n      .num_irqs = 1, "
                ".irqs = board_device0_irqs }");
    contains(c, "0x40004000u, .size = 0x00001000u,\n      .num_irqs = 0, "
                ".irqs = NULL }");
    contains(c, "    .irq_lines = CFG_IRQ_LINES,\n};\n");
    contains(c, "static const uint8_t irq_owner[CFG_IRQ_LINES] = {\n"
                "    CFG_IRQ_NO_OWNER, /* 0 */\n");
    contains(c, "    CFG_IRQ_NO_OWNER, /* 8: timer0 irq */\n");
    contains(c, "    .num_ports = 0,\n    .ports = NULL,\n"
                "    .num_channels = 0,\n    .channels = NULL,\n"
                "    .irq_owner = irq_owner,\n};\n");
    contains(c, "{ .name = \"flash\", .base = 0x00000000u, .size = "
                "0x00400000u, .kind = CFG_MEM_ROM }");
    contains(c, "{ .name = \"kernel_data\", .base = 0x20000000u, .size = "
                "0x00010000u, .kind = CFG_MEM_RAM }");
    contains(c, "const struct cfg_system cfg_system = {");
    free(c);
}

static void header_text(void **state)
{
    char *h = fcc_emit_header(*state);
    assert_non_null(h);
    contains(h, "#define CFG_APP_NAME \"demo\"\n"
                "#define CFG_NUM_PARTITIONS 3\n"
                "#define CFG_NUM_THREADS 8\n"
                "#define CFG_MAX_THREADS_PER_PARTITION 4\n"
                "#define CFG_MAX_PROCESSES 0\n"
                "#define CFG_NUM_SCHEDULES 1\n"
                "#define CFG_NUM_WINDOWS 3\n"
                "#define CFG_CLOCK_HZ 25000000u\n"
                "#define CFG_MAJOR_FRAME 250000ULL\n"
                "#define CFG_MPU_REGIONS 16\n"
                "#define CFG_MPU_MAX_PART_REGIONS 2\n"
                "#define CFG_PORT_POOL 1\n"
                "#define CFG_CHANNEL_POOL 1\n"
                "#define CFG_OBJECT_POOL 1\n"
                "#define CFG_MSG_POOL_BYTES 8\n"
                "#define CFG_IRQ_LINES 32\n");
    free(h);
}

static void linker_script_text(void **state)
{
    char *ld = fcc_emit_ld(*state, 1);
    assert_non_null(ld);
    assert_string_equal(ld,
        "/* Generated by fcc from apps/demo/app.yaml: partition pong. "
        "Do not edit. */\n"
        "MEMORY\n"
        "{\n"
        "  code (rx) : ORIGIN = 0x00110000, LENGTH = 0x00008000\n"
        "  data (rw) : ORIGIN = 0x20110000, LENGTH = 0x00008000\n"
        "}\n"
        "__part_stack_size = 0x00000400;\n"
        "__region_rom_start = 0x00110000;\n"
        "__region_rom_end = 0x00118000;\n"
        "__region_ram_start = 0x20110000;\n"
        "__region_ram_end = 0x20118000;\n"
        "PROVIDE(__part_main = main);\n"
        "INCLUDE partition.ld\n");
    free(ld);
    ld = fcc_emit_ld(*state, 0);
    contains(ld, "PROVIDE(__part_main = ping_main);\n");
    free(ld);
}

/* Same input, same bytes: nothing depends on addresses or time. */
static void output_deterministic(void **state)
{
    struct fcc_system *other = NULL;
    assert_int_equal(setup((void **)&other), 0);
    char *a = fcc_emit_tables(*state), *b = fcc_emit_tables(other);
    char *ha = fcc_emit_header(*state), *hb = fcc_emit_header(other);
    assert_string_equal(a, b);
    assert_string_equal(ha, hb);
    free(a);
    free(b);
    free(ha);
    free(hb);
    fcc_system_free(other);
}

static void app_name_from_folder(void **state)
{
    (void)state;
    char *n = fcc_app_name("apps/hello/app.yaml");
    assert_string_equal(n, "hello");
    free(n);
    n = fcc_app_name("/x/y/z.yaml");
    assert_string_equal(n, "y");
    free(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(times_in_cycles),
        cmocka_unit_test(windows_sorted_by_offset),
        cmocka_unit_test(partitions_derived_values),
        cmocka_unit_test(partition_periods),
        cmocka_unit_test(tables_text),
        cmocka_unit_test(header_text),
        cmocka_unit_test(linker_script_text),
        cmocka_unit_test(output_deterministic),
        cmocka_unit_test(app_name_from_folder),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
