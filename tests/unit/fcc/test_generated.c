/*
 * test_generated.c - links the cfg_gen.c that the fcc executable generated
 * at build time from data/trio/app.yaml (board data/boards/testboard) and
 * checks the tables the kernel would see.  The generated file is compiled
 * with -Werror, so it must also be warning-free.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"
#include "cfg_gen.h"

static void sizes(void **state)
{
    (void)state;
    assert_string_equal(CFG_APP_NAME, "trio");
    assert_int_equal(CFG_NUM_PARTITIONS, 3);
    assert_int_equal(CFG_NUM_THREADS, 14);
    assert_int_equal(CFG_MAX_THREADS_PER_PARTITION, 8);
    assert_int_equal(CFG_NUM_WINDOWS, 3);
    assert_int_equal(CFG_CLOCK_HZ, 25000000);
    assert_true(CFG_MAJOR_FRAME == 500000ull);
    assert_int_equal(CFG_MPU_REGIONS, 8);
    assert_int_equal(CFG_MPU_MAX_PART_REGIONS, 4);
    assert_string_equal(cfg_system.app_name, "trio");
    assert_int_equal(cfg_system.num_partitions, 3);
}

static void board(void **state)
{
    (void)state;
    const struct cfg_board *b = cfg_system.board;
    assert_string_equal(b->name, "testboard");
    assert_string_equal(b->cpu, "cortex-m3");
    assert_int_equal(b->clock_hz, 25000000);
    assert_int_equal(b->kernel_entry_cycles, 0);
    assert_int_equal(b->num_mem, 2);
    assert_int_equal(b->mem[0].kind, CFG_MEM_ROM);
    assert_int_equal(b->mem[1].base, 0x20000000);
    assert_int_equal(b->mem[1].size, 1 << 20);
    assert_int_equal(b->num_reserved, 0);
    assert_null(b->reserved);
    assert_int_equal(b->num_devices, 3);
    assert_string_equal(b->devices[0].type, "cmsdk-uart");
    assert_int_equal(b->devices[0].num_irqs, 2);
    assert_string_equal(b->devices[0].irqs[0].name, "rx");
    assert_int_equal(b->devices[0].irqs[0].line, 2);
    assert_string_equal(b->devices[0].irqs[1].name, "tx");
    assert_int_equal(b->devices[0].irqs[1].line, 3);
    assert_int_equal(b->devices[1].num_irqs, 1); /* irq: 8 */
    assert_string_equal(b->devices[1].irqs[0].name, "irq");
    assert_int_equal(b->devices[1].irqs[0].line, 8);
    assert_int_equal(b->irq_lines, 32); /* the default */
    assert_int_equal(CFG_IRQ_LINES, 32);
    /* services: no process, object or port is declared; timer0's line is
     * owned */
    assert_int_equal(CFG_HAS_PROCESSES, 0);
    assert_int_equal(CFG_HAS_OBJECTS, 0);
    assert_int_equal(CFG_HAS_PORTS, 0);
    assert_int_equal(CFG_HAS_IRQ_OWNERS, 1);
    assert_int_equal(b->console_base, 0x40005000);
    assert_int_equal(b->mpu_regions, 8);
}

static void partitions(void **state)
{
    (void)state;
    const struct cfg_partition *p = cfg_system.partitions;
    assert_string_equal(p[0].name, "alpha");
    assert_int_equal(p[0].entry, 0x00010001);
    assert_int_equal(p[0].stack_base, 0x20010000);
    assert_int_equal(p[0].stack_size, 1024);
    assert_int_equal(p[0].priority, 5);
    assert_int_equal(p[0].max_threads, 2);
    assert_int_equal(p[0].first_thread, 0);
    assert_int_equal(p[1].entry, 0x00020001); /* code region listed second */
    assert_int_equal(p[1].stack_base, 0x20020000);
    assert_int_equal(p[1].first_thread, 2);
    assert_int_equal(p[1].priority, 200);
    assert_int_equal(p[2].max_threads, 4); /* default */
    assert_int_equal(p[2].first_thread, 10);
    assert_int_equal(p[2].stack_size, 256);
    assert_int_equal(p[2].stack_base, 0x20000000); /* placed */
    assert_int_equal(p[0].stack_guard, 32); /* default */
    assert_int_equal(p[1].stack_guard, 1024);
}

static void regions(void **state)
{
    (void)state;
    /* beta declares its data region first; the table lists code first */
    const struct cfg_partition *p = &cfg_system.partitions[1];
    assert_int_equal(p->num_regions, 2);
    assert_string_equal(p->regions[0].name, "text");
    assert_int_equal(p->regions[0].kind, CFG_REGION_CODE);
    assert_int_equal(p->regions[0].access, CFG_ACCESS_R | CFG_ACCESS_X);
    assert_int_equal(p->regions[0].base, 0x00020000);
    assert_int_equal(p->regions[0].size, 0x4000);
    assert_int_equal(p->regions[0].mpu_base, 0x00020000);
    assert_int_equal(p->regions[0].mpu_size_log2, 14);
    assert_int_equal(p->regions[0].mpu_srd, 0);
    assert_string_equal(p->regions[1].name, "ram");
    assert_int_equal(p->regions[1].kind, CFG_REGION_DATA);
    assert_int_equal(p->regions[1].access, CFG_ACCESS_R | CFG_ACCESS_W);
    assert_int_equal(p->regions[1].size, 0x1000);
    assert_int_equal(p->regions[1].mpu_size_log2, 12);
}

/* gamma: its code, its data placed at the bottom of sram, the timer,
 * the mailbox placed above the data region; alpha shares the mailbox. */
static void placed_device_and_shared(void **state)
{
    (void)state;
    const struct cfg_partition *g = &cfg_system.partitions[2];
    const struct cfg_region *r = g->regions;
    assert_int_equal(g->num_regions, 4);
    assert_int_equal(r[1].base, 0x20000000);
    assert_int_equal(r[1].size, 0x1000);
    assert_int_equal(r[1].mpu_base, 0x20000000);
    assert_int_equal(r[1].mpu_size_log2, 12);
    assert_string_equal(r[2].name, "timer0");
    assert_int_equal(r[2].kind, CFG_REGION_DEVICE);
    assert_int_equal(r[2].access, CFG_ACCESS_R | CFG_ACCESS_W);
    assert_int_equal(r[2].base, 0x40000000);
    assert_int_equal(r[2].mpu_size_log2, 12);
    assert_string_equal(r[3].name, "mailbox");
    assert_int_equal(r[3].kind, CFG_REGION_SHARED);
    assert_int_equal(r[3].access, CFG_ACCESS_R);
    assert_int_equal(r[3].base, 0x20001000);
    assert_int_equal(r[3].size, 256);
    assert_int_equal(r[3].mpu_size_log2, 8);
    assert_int_equal(r[3].mpu_srd, 0);
    const struct cfg_partition *a = &cfg_system.partitions[0];
    assert_int_equal(a->num_regions, 3);
    assert_string_equal(a->regions[2].name, "mailbox");
    assert_int_equal(a->regions[2].access, CFG_ACCESS_R | CFG_ACCESS_W);
    assert_int_equal(a->regions[2].base, 0x20001000);
    assert_int_equal(cfg_system.partitions[1].num_regions, 2);
}

static void schedule(void **state)
{
    (void)state;
    const struct cfg_schedule *s = cfg_system.schedule;
    assert_string_equal(s->name, "default");
    assert_true(s->major_frame == 500000);
    assert_int_equal(s->num_windows, 3);
    /* declared gamma, alpha, beta; sorted by offset */
    assert_int_equal(s->windows[0].partition, 0);
    assert_true(s->windows[0].offset == 0);
    assert_true(s->windows[0].duration == 125000); /* 5 ms at 25 MHz */
    assert_int_equal(s->windows[1].partition, 1);
    assert_true(s->windows[1].offset == 125000);   /* 5000 us */
    assert_true(s->windows[1].duration == 250000); /* 250000 cycles */
    assert_int_equal(s->windows[2].partition, 2);
    assert_true(s->windows[2].offset == 375000);
    assert_true(s->windows[2].duration == 125000);
    assert_int_equal(s->windows[0].must_complete, 0);
}

/* The single `schedule:` form: one schedule, every partition's period the
 * frame; no processes, no health-monitor rules. */
static void single_schedule_form(void **state)
{
    (void)state;
    assert_int_equal(CFG_NUM_SCHEDULES, 1);
    assert_int_equal(CFG_MAX_PROCESSES, 0);
    assert_int_equal(cfg_system.num_schedules, 1);
    assert_ptr_equal(cfg_system.schedule, &cfg_system.schedules[0]);
    const struct cfg_sched_part *beta = &cfg_system.schedule->parts[1];
    assert_true(beta->period == 500000);
    assert_true(beta->first_offset == 125000);
    assert_true(beta->duration == 250000);
    assert_int_equal(cfg_system.hm.num_rules, 0);
    assert_null(cfg_system.hm.rules);
    assert_int_equal(cfg_system.num_ports, 0);
    assert_null(cfg_system.ports);
    assert_int_equal(cfg_system.num_channels, 0);
    assert_null(cfg_system.channels);
    for (unsigned i = 0; i < CFG_NUM_PARTITIONS; i++) {
        const struct cfg_partition *p = &cfg_system.partitions[i];
        assert_int_equal(p->system, 0);
        assert_int_equal(p->num_processes, 0);
        assert_null(p->processes);
        assert_int_equal(p->hm.num_rules, 0);
        assert_int_equal(p->num_objects, 0);
        assert_null(p->objects);
    }
}

/* Nothing to communicate: the pools still have one element each, so the
 * kernel's arrays are never empty. */
static void empty_pools(void **state)
{
    (void)state;
    assert_int_equal(CFG_PORT_POOL, 1);
    assert_int_equal(CFG_CHANNEL_POOL, 1);
    assert_int_equal(CFG_OBJECT_POOL, 1);
    assert_int_equal(CFG_MSG_POOL_BYTES, 8);
}

/* gamma owns timer0, so its line 8; uart1 is the console (the kernel's). */
static void irq_owner(void **state)
{
    (void)state;
    assert_non_null(cfg_system.irq_owner);
    for (unsigned i = 0; i < CFG_IRQ_LINES; i++)
        assert_int_equal(cfg_system.irq_owner[i],
                         i == 8 ? 2 : CFG_IRQ_NO_OWNER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sizes),
        cmocka_unit_test(board),
        cmocka_unit_test(partitions),
        cmocka_unit_test(regions),
        cmocka_unit_test(placed_device_and_shared),
        cmocka_unit_test(schedule),
        cmocka_unit_test(single_schedule_form),
        cmocka_unit_test(empty_pools),
        cmocka_unit_test(irq_owner),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
