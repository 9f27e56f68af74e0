/*
 * test_badptr.c - tests/sim/apps/badptr: every pointer a partition passes
 * to the kernel is checked against the caller's own regions and rights.
 * attacker passes pointers into another partition, the kernel, a device it
 * does not own (the console's, victim's, the PPB), a hole, a range that
 * wraps, ranges straddling the end of its data region and its stack
 * guards (below its data for the initial thread, inside it for a worker),
 * and a read-only shared region to write into, to console_write,
 * thread_create and partition_info (the list is apps/badptr/cases.h).
 * Each call returns -FEN_INVALID_PARAM with one MEMORY_VIOLATION event and
 * console line; attacker is not stopped; nothing was read or written:
 * victim's canaries are unchanged.  Positive controls on attacker's own
 * memory, to its exact edges, and a read of the shared region it may read,
 * succeed.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "abi.h"
#include "apps/badptr/cases.h"
#include "config.h"
#include "process.h"
#include "scenario.h"

#define FRAMES 8
enum { ATTACKER = 0, VICTIM = 1 };
enum { WORKER_ID = 1 }; /* attacker's second thread */

static struct scenario run;
static size_t peek_area[NUM_CANARY_AREAS], peek_mailbox, peek_kernel, peek_guard;

static int run_once(void **state)
{
    (void)state;
    for (unsigned a = 0; a < NUM_CANARY_AREAS; a++)
        peek_area[a] = scenario_peek(&run, canary_area(a), CANARY_BYTES);
    peek_mailbox = scenario_peek(&run, MAILBOX, MAILBOX_SIZE);
    peek_kernel = scenario_peek(&run, KERNEL_DATA, 64);
    peek_guard = scenario_peek(&run, ATTACKER_DATA - GUARD, GUARD);
    scenario_run(&run, BADPTR_ELF_DIR, FRAMES);
    return 0;
}

static int free_run(void **state)
{
    (void)state;
    scenario_free(&run);
    return 0;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Where the worker's stack starts, as attacker printed it. */
static uint32_t worker_stack(void)
{
    const char *at = strstr(run.console, "attacker: worker stack 0x");
    unsigned base = 0;
    assert_non_null(at);
    assert_int_equal(sscanf(at, "attacker: worker stack 0x%x", &base), 1);
    /* in attacker's data, aligned for its guard, above the initial stack */
    assert_true(base % GUARD == 0);
    assert_true(base >= ATTACKER_DATA + 2048 + GUARD && base < ATTACKER_DATA_END);
    return base;
}

static uint32_t case_addr(const struct badptr_case *c)
{
    return c->thread == ON_WORKER ? worker_stack() + c->addr : c->addr;
}

static void expect_region(const struct cfg_region *r, uint32_t base, uint32_t size,
                          unsigned access)
{
    assert_int_equal(r->base, base);
    assert_int_equal(r->size, size);
    assert_int_equal(r->access, access);
}

/* cases.h names the addresses of app.yaml; they must agree. */
static void the_map_is_the_configured_one(void **state)
{
    (void)state;
    const struct cfg_partition *a = &cfg_system.partitions[ATTACKER];
    const struct cfg_partition *v = &cfg_system.partitions[VICTIM];
    assert_string_equal(a->name, "attacker");
    assert_string_equal(v->name, "victim");
    assert_int_equal(a->num_regions, 3); /* code, data, mailbox */
    expect_region(&a->regions[0], ATTACKER_CODE, 0x10000, CFG_ACCESS_R | CFG_ACCESS_X);
    expect_region(&a->regions[1], ATTACKER_DATA, ATTACKER_DATA_END - ATTACKER_DATA,
                  CFG_ACCESS_R | CFG_ACCESS_W);
    expect_region(&a->regions[2], MAILBOX, MAILBOX_SIZE, CFG_ACCESS_R);
    assert_int_equal(a->stack_base, ATTACKER_DATA);
    assert_int_equal(a->stack_guard, GUARD);
    assert_int_equal(v->num_regions, 4); /* code, data, uart1, mailbox */
    expect_region(&v->regions[0], VICTIM_CODE, 0x10000, CFG_ACCESS_R | CFG_ACCESS_X);
    expect_region(&v->regions[1], VICTIM_DATA, VICTIM_DATA_END - VICTIM_DATA,
                  CFG_ACCESS_R | CFG_ACCESS_W);
    expect_region(&v->regions[2], UART1, 0x1000, CFG_ACCESS_R | CFG_ACCESS_W);
    expect_region(&v->regions[3], MAILBOX, MAILBOX_SIZE, CFG_ACCESS_R | CFG_ACCESS_W);
    assert_int_equal(ATTR_LEN, 24);
    assert_int_equal(INFO_LEN, 40);
}

static void every_call_returns_invalid_param(void **state)
{
    (void)state;
    size_t n;
    const struct badptr_case *cases = badptr_cases(&n);
    assert_int_equal(n, 3 * 13 + 2 + 6);
    for (size_t i = 0; i < n; i++) {
        char line[160];
        snprintf(line, sizeof line,
                 "attacker: case %zu %s call %" PRIu32 " addr 0x%08" PRIx32 " len %" PRIu32
                 " rc -3\n",
                 i, cases[i].name, cases[i].call, case_addr(&cases[i]), cases[i].len);
        if (!strstr(run.console, line))
            fail_msg("missing: %s", line);
    }
    assert_int_equal(count(run.console, "attacker: case "), n);
}

/* Each refusal is one TR_FAULT (MEMORY_VIOLATION, a system call's buffer,
 * address valid; the access), naming the address, the call and the
 * length, immediately followed by that call's TR_SYSCALL returning -3. */
static void one_event_per_refused_call(void **state)
{
    (void)state;
    size_t n;
    const struct badptr_case *cases = badptr_cases(&n);
    long f = -1;
    for (size_t i = 0; i < n; i++) {
        const struct badptr_case *c = &cases[i];
        f = scenario_find(&run, (size_t)(f + 1), TR_FAULT, -1);
        if (f < 0)
            fail_msg("no event for case %zu (%s)", i, c->name);
        const struct trace_event *e = &run.ev[f];
        unsigned write = c->call == FEN_SYS_PARTITION_INFO;
        assert_int_equal(e->part, ATTACKER);
        assert_int_equal(e->thread, c->thread == ON_WORKER ? WORKER_ID : 0);
        assert_int_equal(e->flags, FEN_ERR_MEMORY_VIOLATION << 4 | TRACE_FAULT_SYSCALL |
                                       TRACE_FAULT_ADDR_VALID | write);
        assert_int_equal(e->a0, case_addr(c));
        assert_int_equal(e->a1, c->call);
        assert_int_equal(e->a2, c->len);
        long s = scenario_find(&run, (size_t)f + 1, TR_SYSCALL, ATTACKER);
        assert_true(s > f);
        assert_int_equal(run.ev[s].cycle, e->cycle);
        assert_int_equal(run.ev[s].thread, e->thread);
        assert_int_equal(run.ev[s].a0, c->call);
        assert_int_equal(run.ev[s].a1, (uint32_t)-FEN_INVALID_PARAM);
    }
    /* none for the positive controls, nor any other */
    assert_int_equal(scenario_find(&run, (size_t)(f + 1), TR_FAULT, -1), -1);
}

/* "kernel: partition attacker: MEMORY_VIOLATION in system call 0: buffer
 * 0x00110000 (32 bytes, read) is not its memory; refused" */
static void one_report_per_refused_call(void **state)
{
    (void)state;
    size_t n;
    const struct badptr_case *cases = badptr_cases(&n);
    for (size_t i = 0; i < n; i++) {
        const struct badptr_case *c = &cases[i];
        char line[192];
        snprintf(line, sizeof line,
                 "kernel: partition attacker: MEMORY_VIOLATION in system call %" PRIu32
                 ": buffer 0x%08" PRIx32 " (%" PRIu32 " bytes, %s) is not its memory; "
                 "refused\n",
                 c->call, case_addr(c), c->len,
                 c->call == FEN_SYS_PARTITION_INFO ? "write" : "read");
        if (count(run.console, line) != 1)
            fail_msg("not once: %s", line);
    }
    assert_int_equal(count(run.console, "MEMORY_VIOLATION"), n);
    assert_null(strstr(run.console, "stopped"));
}

static void own_memory_to_its_edges_is_accepted(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "attacker: own stack buffer\n",
        "attacker: control own_stack rc 17\n",
        "attacker: ABCDEFGHIJKLMNOP\n", /* read from the mailbox */
        "attacker: control mailbox_read rc 16\n",
        "attacker: control own_info rc 0\n",
        "attacker: control data_end_info rc 0\n",
        "attacker: last 16 bytes ok\n",
        "attacker: control data_end_read rc 16\n",
        "attacker: control thread_create_own rc 1\n",
        "attacker: control worker_stack_base rc 0\n",
        "attacker: control thread_start rc 0\n",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        if (!strstr(run.console, lines[i]))
            fail_msg("missing: %s", lines[i]);
}

static void the_caller_is_not_stopped(void **state)
{
    (void)state;
    assert_int_equal(scenario_find_mode(&run, 0, -1, FEN_MODE_IDLE), -1);
    assert_non_null(strstr(run.console, "attacker: done\n"));
    char line[32];
    snprintf(line, sizeof line, "attacker: alive %d\n", FRAMES - 2);
    assert_non_null(strstr(run.console, line));
    /* its worker ended by returning, not by a fault */
    assert_true(scenario_find_flags(&run, 0, TR_PROCESS, ATTACKER, PROC_OP_STOP) >= 0);
}

static void nothing_was_read_or_written(void **state)
{
    (void)state;
    /* victim's canaries were in place before the first attack */
    long set = scenario_find(&run, 0, TR_SYSCALL, VICTIM);
    long attack = scenario_find(&run, 0, TR_FAULT, ATTACKER);
    assert_true(set >= 0 && attack > set);
    assert_non_null(strstr(run.console, "victim: canaries set\n"));

    for (unsigned a = 0; a < NUM_CANARY_AREAS; a++) {
        const struct scenario_peek *p = &run.peeks[peek_area[a]];
        assert_non_null(p->bytes);
        for (uint32_t i = 0; i < CANARY_BYTES; i += 4) {
            uint32_t w;
            memcpy(&w, p->bytes + i, 4);
            assert_int_equal(w, canary_word(p->addr + i));
        }
    }
    const struct scenario_peek *m = &run.peeks[peek_mailbox];
    assert_non_null(m->bytes);
    for (uint32_t i = 0; i < MAILBOX_SIZE; i++)
        assert_int_equal(m->bytes[i], mailbox_byte(i));
    /* kernel-reserved RAM the guest never owns stays as the board reset it */
    const struct scenario_peek *k = &run.peeks[peek_kernel];
    const struct scenario_peek *g = &run.peeks[peek_guard];
    assert_non_null(k->bytes);
    assert_non_null(g->bytes);
    for (uint32_t i = 0; i < k->len; i++)
        assert_int_equal(k->bytes[i], 0);
    for (uint32_t i = 0; i < g->len; i++)
        assert_int_equal(g->bytes[i], 0);
    /* attacker checked what it can see itself */
    assert_non_null(strstr(run.console, "attacker: own data end intact\n"));
    assert_non_null(strstr(run.console, "attacker: mailbox intact\n"));
    assert_non_null(strstr(run.console, "attacker: worker guard intact\n"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_map_is_the_configured_one),
        cmocka_unit_test(every_call_returns_invalid_param),
        cmocka_unit_test(one_event_per_refused_call),
        cmocka_unit_test(one_report_per_refused_call),
        cmocka_unit_test(own_memory_to_its_edges_is_accepted),
        cmocka_unit_test(the_caller_is_not_stopped),
        cmocka_unit_test(nothing_was_read_or_written),
    };
    return cmocka_run_group_tests_name("sim.badptr", tests, run_once, free_run);
}
