/*
 * test_overflow.c - tests/sim/apps/overflow: a deliberate stack overflow
 * is caught by the guard with STACK_OVERFLOW, and the memory beyond the
 * guard is unchanged.  deep's initial thread overflows the stack at the
 * base of its data region (its guard is the top of below's data); a worker
 * thread of spawner overflows its FEN_THREAD_STACK, whose guard lies in
 * spawner's data just above a canary array.  Each faults inside its guard,
 * its partition is stopped, below keeps running, and every window of the
 * schedule starts at its planned cycle.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "abi.h"
#include "apps/overflow/layout.h"
#include "armv7m/regs/mpu.h"
#include "config.h"
#include "kernel.h"
#include "process.h"
#include "scenario.h"

#define FRAMES 6
enum { BELOW = 0, DEEP = 1, SPAWNER = 2 };
enum { WORKER_ID = 1 }; /* spawner's second thread */

static struct scenario run;
static uint32_t area; /* spawner_area */
static size_t peek_below, peek_area_canary, peek_area_guard;

static uint32_t worker_stack_base(void)
{
    return area + AREA_CANARY_BYTES + GUARD;
}

static int run_once(void **state)
{
    (void)state;
    area = scenario_symbol(OVERFLOW_ELF_DIR, "spawner", "spawner_area");
    peek_below = scenario_peek(&run, CANARY_BELOW, CANARY_BELOW_BYTES);
    peek_area_canary = scenario_peek(&run, area, AREA_CANARY_BYTES);
    peek_area_guard = scenario_peek(&run, area + AREA_CANARY_BYTES, GUARD);
    scenario_run(&run, OVERFLOW_ELF_DIR, FRAMES);
    return 0;
}

static int free_run(void **state)
{
    (void)state;
    scenario_free(&run);
    return 0;
}

static void the_layout_is_the_configured_one(void **state)
{
    (void)state;
    const struct cfg_partition *below = &cfg_system.partitions[BELOW];
    const struct cfg_partition *deep = &cfg_system.partitions[DEEP];
    const struct cfg_partition *spawner = &cfg_system.partitions[SPAWNER];
    assert_string_equal(deep->name, "deep");
    assert_int_equal(deep->stack_base, DEEP_STACK_BASE);
    assert_int_equal(deep->stack_guard, GUARD);
    assert_int_equal(spawner->stack_guard, GUARD);
    /* deep's guard and the canary below it are below's data */
    const struct cfg_region *bd = &below->regions[1];
    assert_int_equal(bd->base + bd->size, DEEP_STACK_BASE);
    assert_true(CANARY_BELOW >= bd->base);
    /* spawner_area lies in spawner's data, above its initial stack */
    const struct cfg_region *sd = &spawner->regions[1];
    assert_true(area >= sd->base + spawner->stack_size);
    assert_true(worker_stack_base() + WORKER_STACK_BYTES <= sd->base + sd->size);
    assert_int_equal(worker_stack_base() % GUARD, 0);
}

/* The one TR_FAULT of partition `part`: STACK_OVERFLOW by a write inside
 * [stack_base - GUARD, stack_base) of thread `thread`, in the window of
 * frame `frame`; then the partition stopped with STACK_OVERFLOW and the
 * console line saying so.  Returns the event's index. */
static long expect_overflow(int part, uint8_t thread, uint32_t stack_base, unsigned frame)
{
    long f = scenario_find(&run, 0, TR_FAULT, part);
    assert_true(f >= 0);
    const struct trace_event *e = &run.ev[f];
    assert_int_equal(e->thread, thread);
    assert_int_equal(e->flags >> 4, FEN_ERR_STACK_OVERFLOW);
    assert_int_equal(e->flags & TRACE_FAULT_SYSCALL, 0);
    assert_int_equal(e->flags & TRACE_FAULT_ADDR_VALID, TRACE_FAULT_ADDR_VALID);
    assert_int_equal(e->flags & 3, KERN_ACCESS_WRITE);
    assert_true(e->a0 >= stack_base - GUARD && e->a0 < stack_base);
    /* The store into the guard faults with sp already in the guard, so the
     * MemManage entry cannot stack its frame either: MSTKERR is added, as
     * on the hardware (QEMU: the same status). */
    assert_int_equal(e->a2, SCB_MMFSR_DACCVIOL | SCB_MMFSR_MSTKERR | SCB_MMFSR_MMARVALID);
    /* pc in the partition's code */
    const struct cfg_region *code = &cfg_system.partitions[part].regions[0];
    assert_true(e->a1 >= code->base && e->a1 < code->base + code->size);
    /* in its own window of that frame */
    const struct cfg_schedule *s = cfg_system.schedule;
    uint64_t frame_start = frame * s->major_frame;
    bool in_window = false;
    for (uint16_t w = 0; w < s->num_windows; w++)
        if (s->windows[w].partition == part &&
            e->cycle >= frame_start + s->windows[w].offset &&
            e->cycle < frame_start + s->windows[w].offset + s->windows[w].duration)
            in_window = true;
    assert_true(in_window);
    assert_int_equal(scenario_find(&run, (size_t)f + 1, TR_FAULT, part), -1);

    long err = scenario_find(&run, (size_t)f, TR_ERROR, -1);
    assert_int_equal(err, f + 1);
    assert_int_equal(run.ev[err].part, part);
    assert_int_equal(run.ev[err].flags, FEN_ERR_STACK_OVERFLOW);
    long stop = scenario_find_mode(&run, (size_t)f, -1, FEN_MODE_IDLE);
    assert_true(stop > err);
    assert_int_equal(run.ev[stop].part, part);
    assert_int_equal(run.ev[stop].cycle, e->cycle);

    char line[160];
    snprintf(line, sizeof line,
             "kernel: fault in %s/%d: STACK_OVERFLOW: exception stacking at 0x%08" PRIx32
             ", pc 0x%08" PRIx32,
             cfg_system.partitions[part].name, e->thread, e->a0, e->a1);
    if (!strstr(run.console, line))
        fail_msg("missing: %s", line);
    return f;
}

static void initial_thread_overflow_is_caught(void **state)
{
    (void)state;
    expect_overflow(DEEP, 0, DEEP_STACK_BASE, DEEP_OVERFLOW_FRAME);
    assert_non_null(strstr(run.console, "deep: diving\n"));
    assert_null(strstr(run.console, "deep: survived"));
}

static void worker_overflow_is_caught(void **state)
{
    (void)state;
    long f = expect_overflow(SPAWNER, WORKER_ID, worker_stack_base(), SPAWNER_OVERFLOW_FRAME);
    /* the worker it started is the one that overflowed */
    long start = scenario_find_flags(&run, 0, TR_PROCESS, SPAWNER, PROC_OP_START);
    while (start >= 0 && run.ev[start].thread != WORKER_ID)
        start = scenario_find_flags(&run, (size_t)start + 1, TR_PROCESS, SPAWNER, PROC_OP_START);
    assert_true(start >= 0 && start < f);
    assert_int_equal(run.ev[start].thread, WORKER_ID);
    char line[96];
    snprintf(line, sizeof line, "spawner: canary at 0x%08" PRIx32 ", worker stack at 0x%08" PRIx32 "\n",
             area, worker_stack_base());
    assert_non_null(strstr(run.console, line));
    assert_non_null(strstr(run.console, "spawner: starting worker 1\n"));
    assert_null(strstr(run.console, "spawner: survived"));
}

static void stopped_partitions_never_run_again(void **state)
{
    (void)state;
    const int parts[] = {DEEP, SPAWNER};
    for (size_t i = 0; i < 2; i++) {
        long stop = scenario_find_mode(&run, 0, parts[i], FEN_MODE_IDLE);
        assert_true(stop >= 0);
        assert_int_equal(scenario_find(&run, (size_t)stop + 1, TR_SYSCALL, parts[i]), -1);
        for (long s = scenario_find(&run, (size_t)stop + 1, TR_THREAD_SWITCH, -1); s >= 0;
             s = scenario_find(&run, (size_t)s + 1, TR_THREAD_SWITCH, -1))
            assert_int_not_equal(run.ev[s].part, parts[i]);
    }
    assert_int_equal(scenario_find_mode(&run, 0, BELOW, FEN_MODE_IDLE), -1);
    assert_int_equal(scenario_find(&run, 0, TR_FAULT, BELOW), -1);
}

/* Every window of every frame begins at its planned cycle, and below
 * makes system calls in each of its windows, before and after the
 * faults. */
static void windows_start_on_time(void **state)
{
    (void)state;
    const struct cfg_schedule *s = cfg_system.schedule;
    size_t seen = 0;
    for (long i = scenario_find(&run, 0, TR_WINDOW, -1); i >= 0;
         i = scenario_find(&run, (size_t)i + 1, TR_WINDOW, -1), seen++) {
        const struct trace_event *e = &run.ev[i];
        uint64_t frame = seen / s->num_windows;
        const struct cfg_window *w = &s->windows[seen % s->num_windows];
        uint64_t planned = frame * s->major_frame + w->offset;
        assert_int_equal(e->a0, seen % s->num_windows);
        assert_int_equal(e->part, w->partition);
        assert_int_equal(e->cycle, planned);
        assert_int_equal(e->a1, (uint32_t)planned);
        if (w->partition != BELOW)
            continue;
        long call = scenario_find(&run, (size_t)i, TR_SYSCALL, BELOW);
        assert_true(call >= 0);
        assert_true(run.ev[call].cycle < planned + w->duration);
    }
    assert_int_equal(seen, FRAMES * s->num_windows);
    assert_int_equal(run.cycles, FRAMES * s->major_frame);
}

static void memory_beyond_the_guards_is_unchanged(void **state)
{
    (void)state;
    /* below's canary, which ends with deep's guard */
    const struct scenario_peek *p = &run.peeks[peek_below];
    assert_non_null(p->bytes);
    for (uint32_t i = 0; i < p->len; i += 4) {
        uint32_t w;
        memcpy(&w, p->bytes + i, 4);
        assert_int_equal(w, canary_word(p->addr + i));
    }
    assert_non_null(strstr(run.console, "below: canary set at 0x2010ff00..0x2010ffff\n"));
    assert_null(strstr(run.console, "CHANGED"));
    char last[64];
    snprintf(last, sizeof last, "below: round %u canary intact\n", 3 * FRAMES - 1);
    assert_non_null(strstr(run.console, last));

    /* spawner's canary below its worker's guard; the guard never written */
    p = &run.peeks[peek_area_canary];
    assert_non_null(p->bytes);
    for (uint32_t i = 0; i < p->len; i += 4) {
        uint32_t w;
        memcpy(&w, p->bytes + i, 4);
        assert_int_equal(w, canary_word(p->addr + i));
    }
    p = &run.peeks[peek_area_guard];
    assert_non_null(p->bytes);
    for (uint32_t i = 0; i < p->len; i++)
        assert_int_equal(p->bytes[i], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_layout_is_the_configured_one),
        cmocka_unit_test(initial_thread_overflow_is_caught),
        cmocka_unit_test(worker_overflow_is_caught),
        cmocka_unit_test(stopped_partitions_never_run_again),
        cmocka_unit_test(windows_start_on_time),
        cmocka_unit_test(memory_beyond_the_guards_is_unchanged),
    };
    return cmocka_run_group_tests_name("sim.overflow", tests, run_once, free_run);
}
