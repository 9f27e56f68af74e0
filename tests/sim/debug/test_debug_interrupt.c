/*
 * test_debug_interrupt.c - the session's interrupt hook (dbg_set_interrupt)
 * on apps/avionics: a hook that says yes at its ASK_YES-th ask stops a
 * continue before the end, no earlier than ASK_YES * DBG_INTERRUPT_EVERY
 * cycles (the asks are spaced); the stop is an ordinary position (stepi
 * and reverse-stepi work from it, a fresh run passes it in the same
 * state); going on from it reaches the same end, with the same events, as
 * a run never interrupted; re-executing across it later matches the first
 * run (no divergence); seeks (goto) never ask.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kstate.h"
#include "machine.h"
#include "session.h"
#include "session_impl.h"

#ifndef TEST_APP_ELF_DIR
#error TEST_APP_ELF_DIR names the app's partition ELFs
#endif

#define FRAMES 20
#define ASK_YES 4

static struct sim_machine machine;
static FILE *devnull;

struct asker {
    unsigned asks, yes_at;
};

static bool ask(void *user)
{
    struct asker *a = user;
    return ++a->asks == a->yes_at;
}

static struct dbg_session *open_session(void)
{
    char err[256];
    if (!sim_machine_init(&machine, &cfg_system, TEST_APP_ELF_DIR, devnull, devnull, err,
                          sizeof err))
        fail_msg("machine: %s", err);
    uint64_t frame = cfg_system.schedule->major_frame;
    struct dbg_options o = {.limit = FRAMES * frame, .snapshot_budget = 64u << 20,
                            .snapshot_every = FRAMES * frame, .elf_dir = TEST_APP_ELF_DIR,
                            .out = devnull};
    struct dbg_session *s = dbg_open(&machine, &o, NULL, err, sizeof err);
    if (!s)
        fail_msg("session: %s", err);
    return s;
}

static void close_session(struct dbg_session *s)
{
    dbg_close(s);
    sim_machine_free(&machine);
}

static bool same_pos(struct dbg_pos a, struct dbg_pos b)
{
    return a.cycle == b.cycle && a.insns == b.insns && a.events == b.events;
}

/* The position and the current thread's registers. */
struct state {
    struct dbg_pos pos;
    int slot;
    uint32_t regs[DBG_NUM_REGS];
};

static struct state state_of(const struct dbg_session *s)
{
    struct state st = {.pos = dbg_position(s), .slot = dbg_current_thread(s)};
    if (st.slot >= 0)
        assert_true(dbg_read_regs(s, (unsigned)st.slot, st.regs));
    return st;
}

static void assert_same_state(struct state a, struct state b)
{
    assert_true(same_pos(a.pos, b.pos));
    assert_int_equal(a.slot, b.slot);
    assert_memory_equal(a.regs, b.regs, sizeof a.regs);
}

/* The events of the run so far. */
static struct trace_event *events_of(const struct dbg_session *s, size_t *n)
{
    *n = s->log_len;
    struct trace_event *ev = malloc((*n ? *n : 1) * sizeof *ev);
    for (size_t i = 0; i < *n; i++)
        ev[i] = s->log[i].ev;
    return ev;
}

static void assert_same_events(const struct dbg_session *s, const struct trace_event *ev,
                               size_t n)
{
    assert_int_equal(s->log_len, n);
    for (size_t i = 0; i < n; i++)
        if (memcmp(&s->log[i].ev, &ev[i], sizeof ev[i]) != 0)
            fail_msg("event %zu differs", i);
}

static void interrupt_is_an_ordinary_stop(void **state)
{
    (void)state;
    struct dbg_session *s = open_session();
    struct asker a = {.yes_at = ASK_YES};
    dbg_set_interrupt(s, ask, &a);
    struct dbg_stop_info st = dbg_continue(s);
    struct state at = state_of(s);
    printf("   interrupted at cycle %llu after %u asks: %s\n",
           (unsigned long long)at.pos.cycle, a.asks, st.message);
    assert_int_equal(st.why, DBG_STOP_INTERRUPT);
    assert_int_equal(a.asks, ASK_YES);
    assert_true(at.pos.cycle >= ASK_YES * DBG_INTERRUPT_EVERY);
    assert_true(at.pos.cycle < FRAMES * cfg_system.schedule->major_frame);
    assert_non_null(strstr(st.message, "interrupted at cycle"));

    /* Going on from the live stop: one instruction, then to the end. */
    st = dbg_stepi(s, 1);
    assert_int_equal(st.why, DBG_STOP_STEP);
    assert_int_equal(dbg_position(s).insns, at.pos.insns + 1);
    st = dbg_continue(s); /* the hook is asked again, never says yes again */
    assert_int_equal(st.why, DBG_STOP_END);
    assert_true(a.asks > ASK_YES);
    struct dbg_pos end = dbg_position(s);
    size_t n;
    struct trace_event *ev = events_of(s, &n);

    /* Back before the stop and over it again: the re-execution is
     * checked against the first run's events (a difference would be a
     * DBG_STOP_DIVERGED). */
    dbg_set_interrupt(s, NULL, NULL);
    st = dbg_goto_cycle(s, at.pos.cycle - 1000);
    assert_int_equal(st.why, DBG_STOP_STEP);
    st = dbg_continue(s);
    assert_int_equal(st.why, DBG_STOP_END);
    assert_true(same_pos(dbg_position(s), end));
    assert_same_events(s, ev, n);

    /* The stop again, backwards; a step on and one back from there.
     * (The stop came after the CPU idled: the position right after its
     * last instruction is earlier.) */
    st = dbg_goto_cycle(s, at.pos.cycle);
    assert_int_equal(st.why, DBG_STOP_STEP);
    assert_same_state(state_of(s), at);
    dbg_stepi(s, 1);
    assert_int_equal(dbg_position(s).insns, at.pos.insns + 1);
    st = dbg_reverse_stepi(s, 1);
    assert_int_equal(st.why, DBG_STOP_STEP);
    assert_int_equal(dbg_position(s).insns, at.pos.insns);
    assert_true(dbg_position(s).cycle <= at.pos.cycle);

    /* Only forward runs ask: a goto from the start (one snapshot: it
     * runs all the way) never does. */
    dbg_goto_cycle(s, 0);
    dbg_set_interrupt(s, ask, &a);
    unsigned asks = a.asks;
    dbg_goto_cycle(s, at.pos.cycle + 3 * DBG_INTERRUPT_EVERY);
    assert_int_equal(a.asks, asks);
    assert_true(dbg_position(s).cycle >= at.pos.cycle + 3 * DBG_INTERRUPT_EVERY);
    close_session(s);

    /* A run never interrupted: the same end, the same events, and the
     * stop's position is one it passes, in the same state. */
    s = open_session();
    st = dbg_continue(s);
    assert_int_equal(st.why, DBG_STOP_END);
    assert_true(same_pos(dbg_position(s), end));
    assert_same_events(s, ev, n);
    printf("   uninterrupted: end at cycle %llu, %zu events, as the interrupted one\n",
           (unsigned long long)end.cycle, n);
    dbg_goto_cycle(s, at.pos.cycle);
    assert_same_state(state_of(s), at);
    close_session(s);
    free(ev);
}

int main(void)
{
    devnull = fopen("/dev/null", "w");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(interrupt_is_an_ordinary_stop),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fclose(devnull);
    return rc;
}
