/*
 * test_irq.c - interrupt lines, their owners and interrupt processes on the
 * fake port, to the cycle.  System: arinc/test_config.c (ctl [0,40) and
 * [100,140), pay [40,80) and [140,180), gaps [80,100) and [180,200)); of
 * the board's 8 lines, 3 is ctl's, 4 pay's, the others nobody's.  An
 * assertion is kern_trap_irq(line) at the current cycle, as the port
 * calls it when the line is taken.
 */
#include <stdio.h>
#include <string.h>

#include "arinc/harness.h"
#include "irq.h"

#define NEVER FEN_INFINITE_TIME
#define CTL_LINE 3u
#define PAY_LINE 4u
#define LINES 8u

static uint32_t event_at(int who) /* its fen_irq_event */
{
    return data_base(PART_OF(who)) + 0xf00 + (uint32_t)ID_OF(who) * 0x20;
}

static bool masked(unsigned line)
{
    return fake_irq_masked >> line & 1;
}

/* The line asserted now; the kernel's events drained. */
static void assert_line(unsigned line)
{
    kern_trap_irq(line);
    ev_drain();
}

static int32_t line_call(int who, uint32_t n, uint32_t line)
{
    return sys(who, n, line, 0);
}

/* IRQ_WAIT with the event going to event_at(who), filled with 0xa5 first. */
static int32_t line_wait(int who, uint32_t line, uint64_t timeout)
{
    memset(fake_memory + event_at(who), 0xa5, sizeof(struct fen_irq_event));
    return sys4(who, FEN_SYS_IRQ_WAIT, line, event_at(who), (uint32_t)timeout,
                (uint32_t)(timeout >> 32));
}

static struct fen_irq_event event_of(int who)
{
    struct fen_irq_event ev;
    memcpy(&ev, fake_memory + event_at(who), sizeof ev);
    return ev;
}

static void expect_irq_event(const struct fen_irq_event *ev, uint64_t asserted,
                             uint64_t delivered, uint32_t count, uint32_t line)
{
    assert_int_equal(ev->asserted, asserted);
    assert_int_equal(ev->delivered, delivered);
    assert_int_equal(ev->count, count);
    assert_int_equal(ev->line, line);
}

/* The one TR_IRQ event of op (by `who`: the owner with no thread, or the
 * interrupt process for DELIVER) at `cycle`, with a0 the line, a1 the
 * assertion cycle (ANY: not checked) and a2. */
static void expect_irq(int op, int who, uint64_t cycle, unsigned line, int64_t asserted,
                       uint32_t a2)
{
    const struct trace_event *e = 0;
    int n = 0;
    for (int i = 0; (e = ev_nth(TR_IRQ, op, who, i)) != 0; i++) {
        if (e->cycle != cycle || e->a0 != line)
            continue;
        n++;
        if (asserted != ANY)
            assert_int_equal(e->a1, asserted);
        assert_int_equal(e->a2, a2);
    }
    if (n != 1)
        fail_msg("%d TR_IRQ events op %d on line %u at %llu, expected 1", n, op, line,
                 (unsigned long long)cycle);
}

static int32_t raise_app_error(int who)
{
    uint32_t at = scratch(PART_OF(who)) + 0x200;
    memcpy(fake_memory + at, "x", 1);
    return sys(who, FEN_SYS_RAISE_ERROR, at, 1);
}

/* --- masks and rights -------------------------------------------------------- */

static void lines_start_masked_and_enable_unmasks(void **state)
{
    (void)state;
    /* boot once more with every line unmasked: the kernel masks them */
    ev_clear();
    fake_reset();
    fake_irq_masked = 0;
    kern_init();
    ev_drain();
    assert_int_equal(fake_irq_masked & 0xff, 0xff);
    run_to(5);
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ENABLE, CTL_LINE), 0);
    assert_int_equal(fake_irq_masked & 0xff, 0xff & ~(1u << CTL_LINE));
    expect_irq(IRQ_OP_ENABLE, WHO(CTL, NO_THREAD), 5, CTL_LINE, ANY, 0);
    assert_true(kstate.irqs[CTL_LINE].enabled);
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ENABLE, CTL_LINE), 0);
    assert_false(masked(CTL_LINE));
    run_to(6);
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_DISABLE, CTL_LINE), 0);
    assert_true(masked(CTL_LINE));
    expect_irq(IRQ_OP_DISABLE, WHO(CTL, NO_THREAD), 6, CTL_LINE, ANY, 0);
    assert_false(kstate.irqs[CTL_LINE].enabled);
    run_to(45);
    assert_int_equal(line_call(B0, FEN_SYS_IRQ_ENABLE, PAY_LINE), 0);
    assert_int_equal(fake_irq_masked & 0xff, 0xff & ~(1u << PAY_LINE));
    expect_irq(IRQ_OP_ENABLE, WHO(PAY, NO_THREAD), 45, PAY_LINE, ANY, 0);
    const struct misuse m[] = {
        REFUSE("ACK with nothing in service", IRQ_ACK, PAY_LINE, 0, 0, 0, NO_ACTION),
    };
    expect_refusals_untouched(B0, m, COUNT(m), false);
    assert_false(masked(PAY_LINE));
}

/* Only the owner touches its line: another partition's or nobody's is
 * INVALID_CONFIG, a line past the board's INVALID_PARAM, an event block
 * outside the caller's memory INVALID_PARAM with a TR_FAULT.  Nothing
 * changes, pending assertions and masks included. */
static void calls_on_lines_not_the_callers_are_refused(void **state)
{
    (void)state;
    run_to(5);
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ENABLE, CTL_LINE), 0);
    assert_line(CTL_LINE); /* in service, pending, not reported */
    assert_line(PAY_LINE); /* pay's, masked, pending */
    assert_line(0);        /* nobody's */
    uint32_t ev = event_at(A0);
    static const uint32_t calls[] = {FEN_SYS_IRQ_ENABLE, FEN_SYS_IRQ_DISABLE,
                                     FEN_SYS_IRQ_WAIT, FEN_SYS_IRQ_ACK};
    static const struct {
        uint32_t line;
        int32_t rc;
    } lines[] = {
        {PAY_LINE, -FEN_INVALID_CONFIG}, {0, -FEN_INVALID_CONFIG},
        {7, -FEN_INVALID_CONFIG},        {LINES, -FEN_INVALID_PARAM},
        {31, -FEN_INVALID_PARAM},        {32, -FEN_INVALID_PARAM},
        {0x103, -FEN_INVALID_PARAM},     {0xffffffff, -FEN_INVALID_PARAM},
    };
    static char names[COUNT(calls) * COUNT(lines) * 2][48];
    struct misuse m[COUNT(names)];
    size_t n = 0;
    for (size_t c = 0; c < COUNT(calls); c++) {
        for (size_t l = 0; l < COUNT(lines); l++) {
            snprintf(names[n], sizeof names[n], "call %u on line %#x", calls[c], lines[l].line);
            m[n] = (struct misuse){names[n], calls[c], lines[l].line, ev, 0, 0, lines[l].rc};
            n++;
            if (calls[c] != FEN_SYS_IRQ_WAIT)
                continue;
            snprintf(names[n], sizeof names[n], "wait for ever on line %#x", lines[l].line);
            m[n] = (struct misuse){names[n], calls[c], lines[l].line, ev, 0xffffffff,
                                   0xffffffff, lines[l].rc};
            n++;
        }
    }
    expect_refusals_untouched(A0, m, n, false);
    const struct misuse faults[] = {
        REFUSE("event block in pay's data", IRQ_WAIT, CTL_LINE, 0x9000, 0, 0, INVALID_PARAM),
        REFUSE("event block in ctl's code", IRQ_WAIT, CTL_LINE, 0x1800, 0, 0, INVALID_PARAM),
        REFUSE("event block past ctl's data", IRQ_WAIT, CTL_LINE, 0x8ff0, 0, 0, INVALID_PARAM),
        REFUSE("event block wrapping", IRQ_WAIT, CTL_LINE, 0xfffffff0, 0, 0, INVALID_PARAM),
    };
    expect_refusals_untouched(A0, faults, COUNT(faults), true);
    run_to(45);
    const struct misuse pay[] = {
        REFUSE("pay enables ctl's line", IRQ_ENABLE, CTL_LINE, 0, 0, 0, INVALID_CONFIG),
        REFUSE("pay disables ctl's line", IRQ_DISABLE, CTL_LINE, 0, 0, 0, INVALID_CONFIG),
        REFUSE("pay waits on ctl's line", IRQ_WAIT, CTL_LINE, event_at(B0), 0, 0, INVALID_CONFIG),
        REFUSE("pay acknowledges ctl's line", IRQ_ACK, CTL_LINE, 0, 0, 0, INVALID_CONFIG),
        REFUSE("pay acknowledges nobody's line", IRQ_ACK, 0, 0, 0, 0, INVALID_CONFIG),
    };
    expect_refusals_untouched(B0, pay, COUNT(pay), false);
    /* pay's own line was left alone: its assertion is there */
    assert_int_equal(line_wait(B0, PAY_LINE, 0), 0);
    struct fen_irq_event e = event_of(B0);
    expect_irq_event(&e, 5, 45, 1, PAY_LINE);
    assert_int_equal(line_call(B0, FEN_SYS_IRQ_ACK, PAY_LINE), 0);
    assert_true(masked(PAY_LINE)); /* not enabled */
    run_to(100);
    assert_int_equal(line_wait(A0, CTL_LINE, 0), 0);
    e = event_of(A0);
    expect_irq_event(&e, 5, 100, 1, CTL_LINE);
}

/* --- delivery and latency ------------------------------------------------------ */

/* Asserted in ctl's window, the waiting process of the highest priority
 * runs at once: latency 0. */
static void assertion_in_the_owners_window_runs_its_process_at_once(void **state)
{
    (void)state;
    run_to(5);
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ENABLE, CTL_LINE), 0);
    assert_int_equal(line_wait(A0, CTL_LINE, NEVER), 0);
    expect_idle();
    assert_int_equal(th(A0)->state, THREAD_WAITING);
    assert_false(masked(CTL_LINE));
    run_to(10);
    assert_line(CTL_LINE);
    assert_true(masked(CTL_LINE));
    expect_irq(IRQ_OP_ASSERT, WHO(CTL, NO_THREAD), 10, CTL_LINE, 10, 1);
    expect_running(A0);
    assert_int_equal(th(A0)->ctx.r[0], 0);
    expect_irq(IRQ_OP_DELIVER, A0, 10, CTL_LINE, 10, 0);
    struct fen_irq_event e = event_of(A0);
    expect_irq_event(&e, 10, 10, 1, CTL_LINE);
    assert_int_equal(kstate.irqs[CTL_LINE].max_latency, 0);
    assert_int_equal(kstate.irqs[CTL_LINE].deliveries, 1);
    run_to(12);
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ACK, CTL_LINE), 0);
    assert_false(masked(CTL_LINE));
    expect_irq(IRQ_OP_ACK, WHO(CTL, NO_THREAD), 12, CTL_LINE, ANY, 0);
    const struct misuse m[] = {
        REFUSE("ACK twice", IRQ_ACK, CTL_LINE, 0, 0, 0, NO_ACTION),
    };
    expect_refusals_untouched(A0, m, COUNT(m), false);
    /* the next assertion is new */
    assert_int_equal(line_wait(A0, CTL_LINE, NEVER), 0);
    run_to(20);
    assert_line(CTL_LINE);
    expect_running(A0);
    e = event_of(A0);
    expect_irq_event(&e, 20, 20, 1, CTL_LINE);
    expect_irq(IRQ_OP_DELIVER, A0, 20, CTL_LINE, 20, 0);
}

/* A ready process of a higher priority goes first: the interrupt process
 * runs, and its latency ends, when aper waits. */
static void a_higher_priority_process_delays_the_interrupt_process(void **state)
{
    (void)state;
    run_to(5);
    assert_int_equal(create(A_APER), ID_OF(A_APER));
    assert_int_equal(create(A_HMP), ID_OF(A_HMP));
    set_normal(CTL);
    start(A0, A_HMP);
    expect_running(A_HMP);
    assert_int_equal(line_call(A_HMP, FEN_SYS_IRQ_ENABLE, CTL_LINE), 0);
    assert_int_equal(line_wait(A_HMP, CTL_LINE, NEVER), 0);
    expect_running(A0);
    start(A0, A_APER);
    expect_running(A_APER);
    run_to(10);
    assert_line(CTL_LINE);
    expect_running(A_APER);
    assert_int_equal(th(A_HMP)->state, THREAD_READY);
    assert_int_equal(ev_count(TR_IRQ, IRQ_OP_DELIVER, ANY), 0);
    struct fen_irq_event e = event_of(A_HMP);
    expect_irq_event(&e, 10, 10, 1, CTL_LINE); /* made ready at 10 */
    run_to(15);
    assert_int_equal(sys64(A_APER, FEN_SYS_TIMED_WAIT, 10), 0);
    expect_running(A_HMP);
    expect_irq(IRQ_OP_DELIVER, A_HMP, 15, CTL_LINE, 10, 5);
    assert_int_equal(kstate.irqs[CTL_LINE].max_latency, 5);
}

struct elsewhere_case {
    const char *name;
    uint64_t at, span_end; /* in pay's window or the gap, which ends then */
};

static struct elsewhere_case elsewhere_cases[] = {
    {"asserted in pay's window", 50, 80},
    {"asserted at pay's window's last cycle", 79, 80},
    {"asserted in the gap", 90, 100},
};

/* Asserted outside ctl's window: the top half only; what runs there (pay's
 * thread, or nothing in the gap) runs on without a switch and the span
 * keeps its end; ctl's process runs when ctl's window begins, with that
 * latency. */
static void assertion_elsewhere_waits_for_the_owners_window(void **state)
{
    const struct elsewhere_case *c = *state;
    run_to(5);
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ENABLE, CTL_LINE), 0);
    assert_int_equal(line_wait(A0, CTL_LINE, NEVER), 0);
    run_to(c->at);
    bool in_pay = c->at < 80;
    if (in_pay)
        expect_running(B0);
    else
        expect_idle();
    int switches = ev_count(TR_THREAD_SWITCH, ANY, ANY);
    assert_int_equal(fake_deadline, c->span_end);
    assert_line(CTL_LINE);
    expect_irq(IRQ_OP_ASSERT, WHO(CTL, NO_THREAD), c->at, CTL_LINE, (int64_t)c->at, 1);
    assert_int_equal(ev_count(TR_THREAD_SWITCH, ANY, ANY), switches);
    if (in_pay)
        expect_running(B0);
    else
        expect_idle();
    assert_int_equal(fake_deadline, c->span_end);
    assert_true(masked(CTL_LINE));
    assert_int_equal(th(A0)->state, THREAD_READY);
    struct fen_irq_event e = event_of(A0);
    expect_irq_event(&e, c->at, c->at, 1, CTL_LINE);
    if (in_pay)
        assert_int_equal(sys(B0, FEN_SYS_THREAD_SELF, 0, 0), 0); /* pay goes on */
    run_to(99);
    assert_int_equal(ev_count(TR_IRQ, IRQ_OP_DELIVER, ANY), 0);
    run_to(100);
    expect_running(A0);
    assert_int_equal(th(A0)->ctx.r[0], 0);
    expect_irq(IRQ_OP_DELIVER, A0, 100, CTL_LINE, (int64_t)c->at, (uint32_t)(100 - c->at));
    assert_int_equal(kstate.irqs[CTL_LINE].max_latency, 100 - c->at);
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ACK, CTL_LINE), 0);
    assert_false(masked(CTL_LINE));
}

/* Assertions before the wait are reported by it at once: the first one's
 * cycle and their count, once until acknowledged. */
static void pending_assertions_are_reported_at_once(void **state)
{
    (void)state;
    run_to(5);
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ENABLE, CTL_LINE), 0);
    run_to(10);
    assert_line(CTL_LINE);
    expect_running(A0);
    run_to(12);
    assert_line(CTL_LINE);
    expect_irq(IRQ_OP_ASSERT, WHO(CTL, NO_THREAD), 12, CTL_LINE, 10, 2);
    run_to(20);
    assert_int_equal(line_wait(A0, CTL_LINE, NEVER), 0);
    expect_running(A0);
    struct fen_irq_event e = event_of(A0);
    expect_irq_event(&e, 10, 20, 2, CTL_LINE);
    expect_irq(IRQ_OP_DELIVER, A0, 20, CTL_LINE, 10, 10);
    /* reported: not again.  (The event block is the one the first wait
     * passed: irq_wait keeps the block of a wait that does not block.) */
    const struct misuse m[] = {
        REFUSE("a second wait without ACK", IRQ_WAIT, CTL_LINE, event_at(A0), 0, 0, NOT_AVAILABLE),
    };
    expect_refusals_untouched(A0, m, COUNT(m), false);
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ACK, CTL_LINE), 0);
    assert_false(masked(CTL_LINE));
    expect_refusals_untouched(A0, m, COUNT(m), false); /* nothing pending */
    /* with no event block */
    run_to(25);
    assert_line(CTL_LINE);
    assert_int_equal(sys4(A0, FEN_SYS_IRQ_WAIT, CTL_LINE, 0, 0, 0), 0);
    expect_irq(IRQ_OP_DELIVER, A0, 25, CTL_LINE, 25, 0);
}

static void a_second_waiter_is_refused(void **state)
{
    (void)state;
    run_to(5);
    assert_int_equal(create(A_HMP), ID_OF(A_HMP));
    set_normal(CTL);
    start(A0, A_HMP);
    assert_int_equal(line_wait(A_HMP, CTL_LINE, NEVER), 0);
    expect_running(A0);
    uint32_t ev = event_at(A0);
    const struct misuse m[] = {
        REFUSE("a second waiter", IRQ_WAIT, CTL_LINE, ev, 0xffffffff, 0xffffffff, NOT_AVAILABLE),
        REFUSE("a second waiter, timeout 5", IRQ_WAIT, CTL_LINE, ev, 5, 0, NOT_AVAILABLE),
        REFUSE("a second waiter, timeout 0", IRQ_WAIT, CTL_LINE, ev, 0, 0, NOT_AVAILABLE),
    };
    expect_refusals_untouched(A0, m, COUNT(m), false);
    run_to(10);
    assert_line(CTL_LINE);
    expect_running(A_HMP);
    expect_irq(IRQ_OP_DELIVER, A_HMP, 10, CTL_LINE, 10, 0);
}

struct wait_case {
    const char *name;
    uint64_t at, timeout, due, woken;
};

static struct wait_case wait_cases[] = {
    {"wait times out within the window", 5, 10, 15, 15},
    {"wait times out at the window's last cycle", 5, 34, 39, 39},
    {"wait times out at the window's end", 5, 35, 40, 100},
    {"wait times out in pay's window", 5, 50, 55, 100},
    {"wait times out in the next window", 30, 80, 110, 110},
};

/* Nothing pending: a wait of timeout 0 is NOT_AVAILABLE; a finite one ends
 * TIMED_OUT at its cycle in ctl's window, else when it begins again, and
 * leaves no waiter behind. */
static void wait_times_out_at_exact_cycle(void **state)
{
    const struct wait_case *c = *state;
    run_to(c->at);
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ENABLE, CTL_LINE), 0);
    assert_int_equal(line_wait(A0, CTL_LINE, 0), -FEN_NOT_AVAILABLE);
    expect_running(A0);
    assert_int_equal(line_wait(A0, CTL_LINE, c->timeout), 0);
    expect_idle();
    expect_event(TR_SLEEP, WAIT_OBJECT, A0, c->at, (int64_t)c->due, 0);
    run_to(c->woken - 1);
    assert_int_equal(th(A0)->state, THREAD_WAITING);
    run_to(c->woken);
    expect_event(TR_WAKE, 1, A0, c->woken, (int64_t)c->due, 0);
    expect_running(A0);
    assert_int_equal((int32_t)th(A0)->ctx.r[0], -FEN_TIMED_OUT);
    assert_null(kstate.irqs[CTL_LINE].waiter.head);
    assert_false(masked(CTL_LINE));
    /* an assertion now has nobody to deliver to: it stays pending */
    assert_line(CTL_LINE);
    assert_int_equal(ev_count(TR_IRQ, IRQ_OP_DELIVER, ANY), 0);
    assert_int_equal(line_wait(A0, CTL_LINE, 0), 0);
    struct fen_irq_event e = event_of(A0);
    expect_irq_event(&e, c->woken, c->woken, 1, CTL_LINE);
}

/* --- enable, disable, acknowledge ------------------------------------------------- */

static void disable_in_service_keeps_the_line_masked(void **state)
{
    (void)state;
    run_to(5);
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ENABLE, CTL_LINE), 0);
    assert_int_equal(line_wait(A0, CTL_LINE, NEVER), 0);
    run_to(10);
    assert_line(CTL_LINE);
    expect_running(A0);
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_DISABLE, CTL_LINE), 0);
    assert_true(masked(CTL_LINE));
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ACK, CTL_LINE), 0);
    assert_true(masked(CTL_LINE));
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ENABLE, CTL_LINE), 0);
    assert_false(masked(CTL_LINE));
    /* enabled again in service: still masked until the ACK */
    run_to(15);
    assert_line(CTL_LINE);
    assert_true(masked(CTL_LINE));
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_DISABLE, CTL_LINE), 0);
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ENABLE, CTL_LINE), 0);
    assert_true(masked(CTL_LINE));
    expect_irq(IRQ_OP_ENABLE, WHO(CTL, NO_THREAD), 15, CTL_LINE, 15, 1);
    assert_int_equal(line_wait(A0, CTL_LINE, 0), 0);
    assert_true(masked(CTL_LINE));
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ACK, CTL_LINE), 0);
    assert_false(masked(CTL_LINE));
    /* an ACK of a disabled line never in service: NO_ACTION */
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_DISABLE, CTL_LINE), 0);
    const struct misuse m[] = {
        REFUSE("ACK of a line not in service", IRQ_ACK, CTL_LINE, 0, 0, 0, NO_ACTION),
    };
    expect_refusals_untouched(A0, m, COUNT(m), false);
    assert_true(masked(CTL_LINE));
}

/* A restart (or IDLE) masks the partition's lines and drops what was
 * pending, with an event when there was something; the other partition's
 * lines stay as they are. */
static void restart_masks_the_lines_and_drops_assertions(void **state)
{
    (void)state;
    run_to(5);
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ENABLE, CTL_LINE), 0);
    run_to(10);
    assert_line(CTL_LINE);
    assert_line(CTL_LINE);
    run_to(20);
    sys(A0, FEN_SYS_SET_PARTITION_MODE, FEN_MODE_COLD_START, 0);
    check_restarted(CTL, FEN_MODE_COLD_START, FEN_START_PARTITION_RESTART, 1);
    assert_true(masked(CTL_LINE));
    expect_irq(IRQ_OP_DROPPED, WHO(CTL, NO_THREAD), 20, CTL_LINE, 10, 2);
    assert_false(kstate.irqs[CTL_LINE].enabled);
    const struct misuse m[] = {
        REFUSE("ACK after the restart", IRQ_ACK, CTL_LINE, 0, 0, 0, NO_ACTION),
        REFUSE("WAIT after the restart", IRQ_WAIT, CTL_LINE, 0, 0, 0, NOT_AVAILABLE),
    };
    expect_refusals_untouched(A0, m, COUNT(m), false);
    /* nothing pending: no event */
    run_to(25);
    sys(A0, FEN_SYS_SET_PARTITION_MODE, FEN_MODE_COLD_START, 0);
    check_restarted(CTL, FEN_MODE_COLD_START, FEN_START_PARTITION_RESTART, 2);
    assert_int_equal(ev_count(TR_IRQ, IRQ_OP_DROPPED, ANY), 1);

    /* a waiting interrupt process is gone with the restart */
    assert_int_equal(create(A_HMP), ID_OF(A_HMP));
    set_normal(CTL);
    start(A0, A_HMP);
    assert_int_equal(line_call(A_HMP, FEN_SYS_IRQ_ENABLE, CTL_LINE), 0);
    assert_int_equal(line_wait(A_HMP, CTL_LINE, NEVER), 0);
    expect_running(A0);
    run_to(45);
    assert_int_equal(line_call(B0, FEN_SYS_IRQ_ENABLE, PAY_LINE), 0);
    run_to(100);
    sys(A0, FEN_SYS_SET_PARTITION_MODE, FEN_MODE_COLD_START, 0);
    check_restarted(CTL, FEN_MODE_COLD_START, FEN_START_PARTITION_RESTART, 3);
    assert_null(kstate.irqs[CTL_LINE].waiter.head);
    assert_true(masked(CTL_LINE));
    assert_false(masked(PAY_LINE));
    assert_true(kstate.irqs[PAY_LINE].enabled);
    assert_int_equal(ev_count(TR_IRQ, IRQ_OP_DROPPED, ANY), 1);
    run_to(105);
    assert_line(CTL_LINE);
    assert_int_equal(ev_count(TR_IRQ, IRQ_OP_DELIVER, ANY), 0);
    expect_running(A0);

    /* IDLE too */
    run_to(110);
    sys(A0, FEN_SYS_SET_PARTITION_MODE, FEN_MODE_IDLE, 0);
    expect_irq(IRQ_OP_DROPPED, WHO(CTL, NO_THREAD), 110, CTL_LINE, 105, 1);
    assert_true(masked(CTL_LINE));
    assert_int_equal(kstate.irqs[CTL_LINE].pending, 0);
    assert_false(masked(PAY_LINE));
}

/* Waiting with the preemption lock or as the error handler is refused;
 * a wait of timeout 0 is not a wait. */
static void waits_are_refused_with_the_lock_and_to_the_error_handler(void **state)
{
    (void)state;
    run_to(5);
    set_normal(CTL);
    assert_int_equal(line_call(A0, FEN_SYS_IRQ_ENABLE, CTL_LINE), 0);
    assert_int_equal(sys(A0, FEN_SYS_LOCK_PREEMPTION, 0, 0), 1);
    uint32_t ev = event_at(A0);
    const struct misuse locked[] = {
        REFUSE("wait with the lock", IRQ_WAIT, CTL_LINE, ev, 5, 0, INVALID_MODE),
        REFUSE("wait for ever with the lock", IRQ_WAIT, CTL_LINE, ev, 0xffffffff, 0xffffffff, INVALID_MODE),
    };
    expect_refusals_untouched(A0, locked, COUNT(locked), false);
    assert_int_equal(line_wait(A0, CTL_LINE, 0), -FEN_NOT_AVAILABLE);
    run_to(10);
    assert_line(CTL_LINE);
    expect_refusals_untouched(A0, locked, COUNT(locked), false); /* even with one pending */
    assert_int_equal(line_wait(A0, CTL_LINE, 0), 0);
    struct fen_irq_event e = event_of(A0);
    expect_irq_event(&e, 10, 10, 1, CTL_LINE);
    assert_int_equal(sys(A0, FEN_SYS_UNLOCK_PREEMPTION, 0, 0), 0);

    run_to(45);
    assert_int_equal(create_handler(PAY), ID_OF(B_HANDLER));
    set_normal(PAY);
    raise_app_error(B0);
    expect_running(B_HANDLER);
    assert_int_equal(line_call(B_HANDLER, FEN_SYS_IRQ_ENABLE, PAY_LINE), 0);
    const struct misuse handler[] = {
        REFUSE("handler's wait", IRQ_WAIT, PAY_LINE, event_at(B_HANDLER), 5, 0, INVALID_MODE),
        REFUSE("handler's wait for ever", IRQ_WAIT, PAY_LINE, event_at(B_HANDLER), 0xffffffff, 0xffffffff, INVALID_MODE),
    };
    expect_refusals_untouched(B_HANDLER, handler, COUNT(handler), false);
    assert_line(PAY_LINE);
    assert_int_equal(line_wait(B_HANDLER, PAY_LINE, 0), 0);
    e = event_of(B_HANDLER);
    expect_irq_event(&e, 45, 45, 1, PAY_LINE);
    assert_int_equal(line_call(B_HANDLER, FEN_SYS_IRQ_ACK, PAY_LINE), 0);
    assert_false(masked(PAY_LINE));
    int32_t rc;
    error_status(B_HANDLER, &rc); /* the error read: the handler is done */
    assert_int_equal(rc, 0);
    sys(B_HANDLER, FEN_SYS_STOP_SELF, 0, 0);
    expect_running(B0);
}

/* --- the test list ----------------------------------------------------------- */

int main(void)
{
    add_test(TEST(lines_start_masked_and_enable_unmasks));
    add_test(TEST(calls_on_lines_not_the_callers_are_refused));
    add_test(TEST(assertion_in_the_owners_window_runs_its_process_at_once));
    add_test(TEST(a_higher_priority_process_delays_the_interrupt_process));
    ADD_CASES(assertion_elsewhere_waits_for_the_owners_window, elsewhere_cases);
    add_test(TEST(pending_assertions_are_reported_at_once));
    add_test(TEST(a_second_waiter_is_refused));
    ADD_CASES(wait_times_out_at_exact_cycle, wait_cases);
    add_test(TEST(disable_in_service_keeps_the_line_masked));
    add_test(TEST(restart_masks_the_lines_and_drops_assertions));
    add_test(TEST(waits_are_refused_with_the_lock_and_to_the_error_handler));
    return run_arinc_tests("kernel.irq");
}
