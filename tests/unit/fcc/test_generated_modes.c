/*
 * test_generated_modes.c - links the cfg_gen.c that the fcc executable
 * generated at build time from data/modes/app.yaml (board
 * data/boards/testboard): two schedules, the initial one second, periods
 * of partitions in each, processes and health-monitor tables at every
 * level.  Compiled with -Werror, like test_generated.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "abi.h"
#include "config.h"
#include "cfg_gen.h"

#define MS(n) ((uint64_t)(n) * 25000u) /* at the test board's 25 MHz */

static void sizes(void **state)
{
    (void)state;
    assert_int_equal(CFG_NUM_SCHEDULES, 2);
    assert_int_equal(CFG_MAX_PROCESSES, 3);
    assert_int_equal(CFG_HAS_PROCESSES, 1);
    assert_int_equal(CFG_NUM_WINDOWS, 3); /* degraded's, the initial */
    assert_true(CFG_MAJOR_FRAME == MS(20));
    assert_int_equal(CFG_NUM_THREADS, 12);      /* 5 + 3 + 4 */
    assert_int_equal(cfg_system.num_schedules, 2);
}

static void initial_schedule(void **state)
{
    (void)state;
    assert_ptr_equal(cfg_system.schedule, &cfg_system.schedules[1]);
    assert_string_equal(cfg_system.schedules[0].name, "normal");
    assert_string_equal(cfg_system.schedule->name, "degraded");
}

static void windows_per_schedule(void **state)
{
    (void)state;
    const struct cfg_schedule *n = &cfg_system.schedules[0];
    const struct cfg_schedule *d = &cfg_system.schedules[1];
    assert_int_equal(n->num_windows, 5);
    assert_int_equal(n->windows[3].partition, 0); /* sorted by offset */
    assert_true(n->windows[3].offset == MS(10));
    assert_int_equal(n->windows[3].must_complete, 1);
    assert_int_equal(n->windows[1].must_complete, 0);
    assert_int_equal(d->num_windows, 3);
    assert_true(d->windows[0].offset == 0);  /* declared second */
    assert_true(d->windows[2].offset == MS(10));
}

static void expect_part(const struct cfg_sched_part *p, uint64_t period,
                        uint64_t first, uint64_t duration)
{
    assert_true(p->period == period);
    assert_true(p->first_offset == first);
    assert_true(p->duration == duration);
}

static void partition_periods(void **state)
{
    (void)state;
    const struct cfg_sched_part *n = cfg_system.schedules[0].parts;
    const struct cfg_sched_part *d = cfg_system.schedules[1].parts;
    expect_part(&n[0], MS(10), 0, MS(2));      /* 0-2ms and 10-12ms */
    expect_part(&n[1], MS(20), MS(2), MS(4));  /* 2-4ms and 5-7ms */
    expect_part(&n[2], MS(20), MS(12), MS(8));
    expect_part(&d[0], MS(10), 0, MS(4));
    expect_part(&d[1], MS(20), MS(4), MS(5));
    expect_part(&d[2], 0, 0, 0);               /* idle */
}

static void processes(void **state)
{
    (void)state;
    const struct cfg_partition *s = &cfg_system.partitions[0];
    assert_int_equal(s->num_processes, 3);
    assert_int_equal(s->max_threads, 5); /* default: 3 processes + 2 */
    assert_string_equal(s->processes[0].name, "sampler");
    assert_true(s->processes[0].period == MS(10));
    assert_true(s->processes[0].time_capacity == MS(2));
    assert_int_equal(s->processes[0].priority, 20);
    assert_true(s->processes[1].period == MS(20));
    assert_true(s->processes[1].time_capacity == 0); /* infinite */
    assert_true(s->processes[2].period == 0);        /* aperiodic */
    assert_int_equal(s->processes[2].hm.num_rules, 0);
    assert_null(s->processes[2].hm.rules);
    assert_int_equal(cfg_system.partitions[1].num_processes, 0);
    assert_null(cfg_system.partitions[1].processes);
    assert_int_equal(cfg_system.partitions[1].max_threads, 3);
    assert_int_equal(cfg_system.partitions[2].max_threads, 4);
}

static void expect_rule(const struct cfg_hm_rule *r, unsigned error,
                        unsigned st, unsigned action)
{
    assert_int_equal(r->error, error);
    assert_int_equal(r->state, st);
    assert_int_equal(r->action, action);
}

static void health_monitor(void **state)
{
    (void)state;
    const struct cfg_partition *sensors = &cfg_system.partitions[0];
    const struct cfg_hm_table *proc = &sensors->processes[0].hm;
    const struct cfg_hm_table *part = &cfg_system.partitions[1].hm;
    assert_int_equal(proc->num_rules, 2);
    expect_rule(&proc->rules[0], FEN_ERR_DEADLINE_MISSED, CFG_HM_ANY,
                CFG_HM_RESTART_PROCESS);
    expect_rule(&proc->rules[1], FEN_ERR_APPLICATION_ERROR, CFG_HM_HANDLER,
                CFG_HM_STOP_PROCESS);
    assert_int_equal(part->num_rules, 3); /* in file order */
    expect_rule(&part->rules[0], FEN_ERR_MEMORY_VIOLATION, CFG_HM_NORMAL,
                CFG_HM_COLD_START);
    expect_rule(&part->rules[1], FEN_ERR_MEMORY_VIOLATION, CFG_HM_ANY,
                CFG_HM_IDLE);
    expect_rule(&part->rules[2], FEN_ERR_OVERRUN, CFG_HM_ANY, CFG_HM_LOG);
    assert_int_equal(cfg_system.partitions[0].hm.num_rules, 0);
    assert_null(cfg_system.partitions[0].hm.rules);
    assert_int_equal(cfg_system.hm.num_rules, 2);
    expect_rule(&cfg_system.hm.rules[0], FEN_ERR_POWER_FAIL, CFG_HM_ANY,
                CFG_HM_RESTART_MODULE);
    expect_rule(&cfg_system.hm.rules[1], FEN_ERR_CONFIG_ERROR, CFG_HM_ANY,
                CFG_HM_STOP_MODULE);
}

static void system_partition(void **state)
{
    (void)state;
    assert_int_equal(cfg_system.partitions[0].system, 0);
    assert_int_equal(cfg_system.partitions[1].system, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sizes),
        cmocka_unit_test(initial_schedule),
        cmocka_unit_test(windows_per_schedule),
        cmocka_unit_test(partition_periods),
        cmocka_unit_test(processes),
        cmocka_unit_test(health_monitor),
        cmocka_unit_test(system_partition),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
