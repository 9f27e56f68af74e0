/*
 * test_arinc.c - ARINC 653 processes, partition modes, schedules and
 * must-complete windows on the fake port, to the cycle.  System:
 * arinc/test_config.c (ctl [0,40) and [100,140), pay [40,80) and
 * [140,180) must_complete, gaps [80,100) and [180,200), in a 200-cycle
 * frame; a second schedule "alt").  test_hm.c has the health monitor.
 */
#include <string.h>

#include "arinc/harness.h"

#define NEVER FEN_INFINITE_TIME

/* --- power-on and creation ---------------------------------------------- */

static void power_on_cold_starts_every_partition(void **state)
{
    (void)state;
    check_restarted(CTL, FEN_MODE_COLD_START, FEN_START_NORMAL, 0);
    check_restarted(PAY, FEN_MODE_COLD_START, FEN_START_NORMAL, 0);
    struct fen_partition_status ps = partition_status(A0);
    assert_int_equal(ps.mode, FEN_MODE_COLD_START);
    assert_int_equal(ps.start_condition, FEN_START_NORMAL);
    assert_int_equal(ps.restarts, 0);
    assert_int_equal(ps.period, 100);
    assert_int_equal(ps.duration, 40);
    assert_int_equal(ps.id, CTL);
    struct fen_process_status st = process_status(A0, A0);
    assert_int_equal(st.state, FEN_PROCESS_RUNNING);
    assert_int_equal(st.period, 0);
    assert_true(st.deadline == NEVER);
    run_to(40);
    expect_running(B0);
    assert_int_equal(th(B0)->ctx.r[0], FEN_MODE_COLD_START);
}

static void create_process_binds_a_declared_process(void **state)
{
    (void)state;
    bring_up(CTL, 5, BIT(A_PER) | BIT(A_APER) | BIT(A_HMP), 0, false);
    assert_int_equal(ev_count(TR_PROCESS, PROC_OP_CREATE, ANY), 3);
    assert_int_equal(ev_one(TR_PROCESS, PROC_OP_CREATE, A_APER)->a0, entry_of(A_APER));
    struct fen_process_status st = process_status(A0, A_PER);
    assert_int_equal(st.state, FEN_PROCESS_DORMANT);
    assert_int_equal(st.period, 100);
    assert_int_equal(st.time_capacity, 30);
    assert_int_equal(st.base_priority, 20);
    assert_int_equal(st.current_priority, 20);
    assert_int_equal(st.entry, entry_of(A_PER));
    assert_int_equal(st.stack_size, STACK_SIZE);
    assert_true(st.deadline == NEVER);
    assert_string_equal(st.name, "per");
    st = process_status(A0, A_APER);
    assert_int_equal(st.period, 0);
    assert_int_equal(st.time_capacity, 50);
    memcpy(fake_memory + scratch(CTL) + 0x300, "hmp", 3);
    assert_int_equal(sys(A0, FEN_SYS_GET_PROCESS_ID, scratch(CTL) + 0x300, 3), 3);
    assert_int_equal(create(A_PER), -FEN_NO_ACTION);
    assert_int_equal(kstate.parts[CTL].num_threads, 4);
}

/* Each block differs from a valid one for "per" (entry 0x1141, stack
 * 0x8600, 256 bytes, exit 0x1801) in one field; each is refused and
 * changes nothing. */
static void create_process_refuses_bad_blocks(void **state)
{
    (void)state;
    static const struct {
        const char *what;
        struct fen_process_create a;
        int32_t rc;
    } bad[] = {
        {"unknown name", {"nope", 0x1141, 0x8600, 256, 0x1801}, -FEN_INVALID_CONFIG},
        {"another partition's process", {"wrk", 0x1141, 0x8600, 256, 0x1801}, -FEN_INVALID_CONFIG},
        {"entry without the Thumb bit", {"per", 0x1140, 0x8600, 256, 0x1801}, -FEN_INVALID_PARAM},
        {"entry in data", {"per", 0x8001, 0x8600, 256, 0x1801}, -FEN_INVALID_PARAM},
        {"stack not guard-aligned", {"per", 0x1141, 0x8610, 256, 0x1801}, -FEN_INVALID_PARAM},
        {"stack below the minimum", {"per", 0x1141, 0x8600, 248, 0x1801}, -FEN_INVALID_PARAM},
        {"stack not a multiple of 8", {"per", 0x1141, 0x8600, 260, 0x1801}, -FEN_INVALID_PARAM},
        {"stack in code", {"per", 0x1141, 0x1800, 256, 0x1801}, -FEN_INVALID_PARAM},
        {"stack past the data region", {"per", 0x1141, 0x8f80, 256, 0x1801}, -FEN_INVALID_PARAM},
        {"stack in pay's data", {"per", 0x1141, 0x9600, 256, 0x1801}, -FEN_INVALID_PARAM},
        {"exit_to in data", {"per", 0x1141, 0x8600, 256, 0x8801}, -FEN_INVALID_PARAM},
    };
    struct misuse m[COUNT(bad) + 1];
    for (size_t i = 0; i < COUNT(bad); i++) {
        uint32_t at = data_base(CTL) + 0xd00 + (uint32_t)(i * sizeof bad[i].a);
        memcpy(fake_memory + at, &bad[i].a, sizeof bad[i].a);
        m[i] = (struct misuse){bad[i].what, FEN_SYS_CREATE_PROCESS, at, 0, 0, 0, bad[i].rc};
    }
    m[COUNT(bad)] = (struct misuse)REFUSE("block outside its memory", CREATE_PROCESS, 0xf000,
                                          0, 0, 0, INVALID_PARAM);
    run_to(5);
    expect_refusals(A0, m, COUNT(m));
    assert_int_equal(th(A_PER)->state, THREAD_UNUSED);
}

/* Only the initial thread runs before NORMAL; processes started meanwhile
 * wait for it, and the initial thread goes on as an aperiodic thread. */
static void processes_started_in_init_wait_for_normal(void **state)
{
    (void)state;
    bring_up(CTL, 5, BIT(A_PER) | BIT(A_APER), BIT(A_APER) | BIT(A_PER), false);
    expect_running(A0);
    assert_int_equal(process_status(A0, A_APER).state, FEN_PROCESS_WAITING);
    assert_int_equal(ev_count(TR_PROCESS, PROC_OP_START, A_APER), 1);
    assert_int_equal(ev_count(TR_PROCESS, PROC_OP_START, A_PER), 1);
    assert_int_equal(ev_count(TR_RELEASE, ANY, A_APER), 0);
    run_to(10);
    set_normal(CTL);
    const struct trace_event *mode = ev_last(TR_MODE, 0, A_NONE);
    assert_int_equal(mode->cycle, 10);
    assert_int_equal(mode->a0, FEN_MODE_NORMAL);
    expect_event(TR_RELEASE, 0, A_APER, 10, 10, 0);
    assert_int_equal(ev_one(TR_RELEASE, 0, A_APER)->a2, 60);
    expect_running(A_APER);
    sys(A_APER, FEN_SYS_STOP_SELF, 0, 0);
    expect_running(A0);
    assert_int_equal(process_status(A0, A0).period, 0);
    run_to(100);
    expect_event(TR_RELEASE, 0, A_PER, 100, 100, 0);
    expect_running(A_PER);
}

/* --- releases ------------------------------------------------------------- */

struct release_case {
    const char *name;
    int who;
    uint64_t started_at;      /* 0: in init, NORMAL follows at 10 */
    uint64_t delay, planned, released;
};

static struct release_case release_cases[] = {
    {"periodic, in init", A_PER, 0, 0, 100, 100},
    {"periodic, in init, delayed within its window", A_PER, 0, 20, 120, 120},
    {"periodic, in init, delayed into pay's window", A_PER, 0, 50, 150, 200},
    {"periodic, in init, delayed into the gap", A_PER, 0, 85, 185, 200},
    {"periodic, in normal, delayed", A_PER, 20, 20, 120, 120},
    {"periodic, started at a period start", A_PER, 100, 0, 200, 200},
    {"aperiodic, in init", A_APER, 0, 0, 10, 10},
    {"aperiodic, in init, delayed", A_APER, 0, 15, 25, 25},
    {"aperiodic, in normal, delayed", A_APER, 20, 15, 35, 35},
    {"aperiodic, in normal, delayed into pay's window", A_APER, 20, 30, 50, 100},
};

/* A periodic process is first released at its partition's next period
 * start strictly after NORMAL or START, plus the delay; an aperiodic one
 * after the delay.  A release due outside the partition's windows happens
 * when its next window begins, the event still naming the planned point;
 * the deadline counts from the planned point. */
static void release_at_planned_cycle(void **state)
{
    const struct release_case *c = *state;
    uint64_t capacity = th(c->who)->cfg->time_capacity;
    bring_up(CTL, 5, BIT(A_PER) | BIT(A_APER), 0, false);
    if (!c->started_at)
        assert_int_equal(delayed_start(A0, c->who, c->delay), 0);
    run_to(10);
    set_normal(CTL);
    if (c->started_at) {
        run_to(c->started_at);
        assert_int_equal(delayed_start(A0, c->who, c->delay), 0);
    }
    expect_event(TR_PROCESS, PROC_OP_START, c->who, c->started_at ? c->started_at : 5,
                 (int64_t)c->delay, 0);
    if (c->released > fake_now) {
        assert_int_equal(process_status(A0, c->who).state, FEN_PROCESS_WAITING);
        run_to(c->released - 1);
        assert_int_equal(ev_count(TR_RELEASE, ANY, c->who), 0);
    }
    run_to(c->released);
    expect_event(TR_RELEASE, 0, c->who, c->released, (int64_t)c->planned, 0);
    assert_int_equal(ev_one(TR_RELEASE, 0, c->who)->a2, c->planned + capacity);
    assert_int_equal(th(c->who)->deadline, c->planned + capacity);
    expect_running(c->who);
}

/* Waiting for its first release, a periodic process's status names that
 * release point (abi.h: "the current or next release point"). */
static void status_names_the_next_release_point(void **state)
{
    (void)state;
    bring_up(CTL, 5, BIT(A_PER), BIT(A_PER), true);
    struct fen_process_status st = process_status(A0, A_PER);
    assert_int_equal(st.state, FEN_PROCESS_WAITING);
    assert_int_equal(st.release, 100);
}

static void periodic_wait_ends_the_activation_until_the_next_release(void **state)
{
    (void)state;
    bring_up(CTL, 5, BIT(A_PER), BIT(A_PER), true);
    run_to(100);
    struct fen_process_status st = process_status(A_PER, A_PER);
    assert_int_equal(st.release, 100);
    assert_int_equal(st.deadline, 130);
    run_to(110);
    assert_int_equal(sys(A_PER, FEN_SYS_PERIODIC_WAIT, 0, 0), 0);
    expect_event(TR_PROCESS, PROC_OP_COMPLETE, A_PER, 110, 200, 0);
    expect_running(A0);
    st = process_status(A0, A_PER);
    assert_int_equal(st.state, FEN_PROCESS_WAITING);
    assert_true(st.deadline == NEVER);
    assert_int_equal(st.release, 200);
    run_to(200);
    const struct trace_event *e = ev_nth(TR_RELEASE, 0, A_PER, 1);
    assert_non_null(e);
    assert_int_equal(e->cycle, 200);
    assert_int_equal(e->a0, 200);
    assert_int_equal(e->a2, 230);
    expect_running(A_PER);
    assert_int_equal(ev_count(TR_ERROR, ANY, ANY), 0);
}

/* --- deadlines ------------------------------------------------------------ */

struct miss_case {
    const char *name;
    uint64_t replenish_at, budget; /* budget 0: none, the capacity's 130 */
    uint64_t deadline, raised;
};

static struct miss_case miss_cases[] = {
    {"deadline inside the window", 0, 0, 130, 130},
    {"replenished inside the window", 105, 25, 130, 130},
    {"deadline at the window's end", 105, 35, 140, 140},
    {"deadline in pay's window", 105, 50, 155, 200},
    {"deadline in the gap", 105, 90, 195, 200},
};

/* per, released at 100, never completes: its deadline is raised at its
 * cycle while ctl's window lasts (its end included), else when ctl's next
 * window begins; the default action logs it and per goes on. */
static void deadline_missed_at_exact_cycle(void **state)
{
    const struct miss_case *c = *state;
    bring_up(CTL, 5, BIT(A_PER), BIT(A_PER), true);
    if (c->budget) {
        run_to(c->replenish_at);
        assert_int_equal(sys64(A_PER, FEN_SYS_REPLENISH, c->budget), 0);
        expect_event(TR_PROCESS, PROC_OP_REPLENISH, A_PER, c->replenish_at,
                     (int64_t)c->deadline, 0);
    }
    run_to(c->raised - 1);
    assert_int_equal(ev_count(TR_ERROR, ANY, ANY), 0);
    assert_int_equal(th(A_PER)->deadline, c->deadline);
    run_to(c->raised);
    expect_event(TR_ERROR, FEN_ERR_DEADLINE_MISSED, A_PER, c->raised, (int64_t)c->deadline, 0);
    assert_int_equal(ev_one(TR_ERROR, ANY, A_PER)->a2, CFG_HM_NORMAL);
    expect_event(TR_HM_ACTION, CFG_HM_LOG, A_PER, c->raised, FEN_ERR_DEADLINE_MISSED,
                 HM_LEVEL_DEFAULT);
    assert_true(console_has("kernel: hm: ctl/per: DEADLINE_MISSED in normal -> log (default)\n"));
    assert_int_equal(th(A_PER)->state, THREAD_READY);
}

/* An aperiodic process's deadline counts from START; passing in pay's
 * window, it is raised when ctl's window begins again. */
static void aperiodic_deadline_counts_from_start(void **state)
{
    (void)state;
    bring_up(CTL, 5, BIT(A_APER), 0, true);
    run_to(20);
    start(A0, A_APER);
    expect_event(TR_RELEASE, 0, A_APER, 20, 20, 0);
    expect_running(A_APER);
    assert_int_equal(process_status(A_APER, A_APER).deadline, 70);
    run_to(99);
    assert_int_equal(ev_count(TR_ERROR, ANY, ANY), 0);
    run_to(100);
    expect_event(TR_ERROR, FEN_ERR_DEADLINE_MISSED, A_APER, 100, 70, 0);
}

static void replenish_moves_the_deadline(void **state)
{
    (void)state;
    bring_up(CTL, 5, BIT(A_APER) | BIT(A_PER), BIT(A_PER), true);
    run_to(20);
    start(A0, A_APER);
    assert_int_equal(sys64(A_APER, FEN_SYS_REPLENISH, 100), 0);
    assert_int_equal(process_status(A_APER, A_APER).deadline, 120);
    run_to(119); /* not at 70 any more */
    assert_int_equal(ev_count(TR_ERROR, ANY, A_APER), 0);
    run_to(120);
    expect_event(TR_ERROR, FEN_ERR_DEADLINE_MISSED, A_APER, 120, 120, 0);
    assert_int_equal(sys64(A_APER, FEN_SYS_REPLENISH, NEVER), 0);
    assert_true(process_status(A_APER, A_APER).deadline == NEVER);
    sys(A_APER, FEN_SYS_STOP_SELF, 0, 0);
    /* per, released at 100: not past its next release point, 200 */
    expect_running(A_PER);
    assert_int_equal(sys64(A_PER, FEN_SYS_REPLENISH, 200 - fake_now + 1), -FEN_INVALID_MODE);
    assert_int_equal(th(A_PER)->deadline, 130);
    assert_int_equal(sys64(A_PER, FEN_SYS_REPLENISH, 200 - fake_now), 0);
    assert_int_equal(th(A_PER)->deadline, 200);
}

/* --- waits ------------------------------------------------------------------ */

struct wait_case {
    const char *name;
    uint32_t call;           /* TIMED_WAIT or SUSPEND_SELF, by A0 at 20 */
    uint64_t delay, due, woken;
};

static struct wait_case wait_cases[] = {
    {"timed wait within the window", FEN_SYS_TIMED_WAIT, 7, 27, 27},
    {"timed wait to the window's end", FEN_SYS_TIMED_WAIT, 20, 40, 100},
    {"timed wait into pay's window", FEN_SYS_TIMED_WAIT, 40, 60, 100},
    {"timed wait into the gap", FEN_SYS_TIMED_WAIT, 170, 190, 200},
    {"timed wait into the next window", FEN_SYS_TIMED_WAIT, 90, 110, 110},
    {"suspension timing out within the window", FEN_SYS_SUSPEND_SELF, 10, 30, 30},
    {"suspension timing out in pay's window", FEN_SYS_SUSPEND_SELF, 40, 60, 100},
};

/* A wait ends at its cycle while the partition's window lasts, else when
 * its next window begins; a suspension that times out returns TIMED_OUT. */
static void wait_ends_at_exact_cycle(void **state)
{
    const struct wait_case *c = *state;
    bool timed = c->call == FEN_SYS_TIMED_WAIT;
    uint8_t type = timed ? TR_WAKE : TR_PROCESS;
    int flags = timed ? 0 : PROC_OP_TIMEOUT;
    bring_up(CTL, 20, 0, 0, true);
    assert_int_equal(sys64(A0, c->call, c->delay), 0);
    expect_idle();
    run_to(c->woken - 1);
    assert_int_equal(ev_count(type, flags, A0), 0);
    run_to(c->woken);
    expect_event(type, flags, A0, c->woken, timed ? (int64_t)c->due : 0, 0);
    expect_running(A0);
    assert_int_equal((int32_t)th(A0)->ctx.r[0], timed ? 0 : -FEN_TIMED_OUT);
}

static void timed_wait_zero_yields_to_equal_priority(void **state)
{
    (void)state;
    bring_up(CTL, 5, 0, 0, true);
    assert_int_equal(sys64(A0, FEN_SYS_TIMED_WAIT, 0), 0); /* nobody to yield to */
    expect_running(A0);
    bring_up(PAY, 45, BIT(B_PEER), BIT(B_PEER), true);
    expect_running(B0); /* equal priority: no preemption */
    assert_int_equal(sys64(B0, FEN_SYS_TIMED_WAIT, 0), 0);
    expect_running(B_PEER);
    assert_int_equal(sys64(B_PEER, FEN_SYS_TIMED_WAIT, 0), 0);
    expect_running(B0);
    assert_int_equal(ev_count(TR_WAKE, ANY, ANY), 0);
}

static void suspend_self_resumed_returns_zero(void **state)
{
    (void)state;
    bring_up(CTL, 20, BIT(A_APER), 0, true);
    start(A0, A_APER);
    assert_int_equal(sys64(A_APER, FEN_SYS_SUSPEND_SELF, 0), 0); /* no wait */
    expect_running(A_APER);
    sys64(A_APER, FEN_SYS_SUSPEND_SELF, 100);
    expect_running(A0);
    struct fen_process_status st = process_status(A0, A_APER);
    assert_int_equal(st.state, FEN_PROCESS_WAITING);
    assert_int_equal(st.suspended, 1);
    run_to(25);
    assert_int_equal(sys(A0, FEN_SYS_RESUME, ID_OF(A_APER), 0), 0);
    expect_event(TR_PROCESS, PROC_OP_RESUME, A_APER, 25, ANY, ANY);
    expect_running(A_APER);
    assert_int_equal(th(A_APER)->ctx.r[0], 0);
    assert_int_equal(process_status(A_APER, A_APER).suspended, 0);
    run_to(130);
    assert_int_equal(ev_count(TR_PROCESS, PROC_OP_TIMEOUT, ANY), 0);
}

/* A process suspended by another stays out of the ready queue, also when
 * a wait it was in ends meanwhile, until it is resumed. */
static void suspend_and_resume_another(void **state)
{
    (void)state;
    bring_up(CTL, 20, BIT(A_APER), 0, true);
    start(A0, A_APER);
    sys64(A_APER, FEN_SYS_TIMED_WAIT, 10);
    run_to(22);
    assert_int_equal(sys(A0, FEN_SYS_SUSPEND, ID_OF(A_APER), 0), 0);
    assert_int_equal(sys(A0, FEN_SYS_SUSPEND, ID_OF(A_APER), 0), -FEN_NO_ACTION);
    run_to(30);
    expect_event(TR_WAKE, 0, A_APER, 30, 30, 0);
    expect_running(A0);
    struct fen_process_status st = process_status(A0, A_APER);
    assert_int_equal(st.state, FEN_PROCESS_WAITING);
    assert_int_equal(st.suspended, 1);
    run_to(35);
    assert_int_equal(sys(A0, FEN_SYS_RESUME, ID_OF(A_APER), 0), 0);
    expect_running(A_APER);
    /* a ready process of the caller's priority */
    bring_up(PAY, 45, BIT(B_PEER), BIT(B_PEER), true);
    assert_int_equal(sys(B0, FEN_SYS_SUSPEND, ID_OF(B_PEER), 0), 0);
    sys64(B0, FEN_SYS_TIMED_WAIT, 0);
    expect_running(B0);
    assert_int_equal(sys(B0, FEN_SYS_RESUME, ID_OF(B_PEER), 0), 0);
    assert_int_equal(sys(B0, FEN_SYS_RESUME, ID_OF(B_PEER), 0), -FEN_NO_ACTION);
    sys64(B0, FEN_SYS_TIMED_WAIT, 0);
    expect_running(B_PEER);
}

static void stop_cancels_the_release_and_start_plans_a_new_one(void **state)
{
    (void)state;
    bring_up(CTL, 5, BIT(A_PER), BIT(A_PER), true);
    run_to(20);
    assert_int_equal(sys(A0, FEN_SYS_STOP, ID_OF(A_PER), 0), 0);
    expect_event(TR_PROCESS, PROC_OP_STOP, A_PER, 20, ANY, ANY);
    assert_int_equal(process_status(A0, A_PER).state, FEN_PROCESS_DORMANT);
    run_to(120);
    assert_int_equal(ev_count(TR_RELEASE, ANY, A_PER), 0);
    start(A0, A_PER);
    run_to(200);
    expect_event(TR_RELEASE, 0, A_PER, 200, 200, 0);
    assert_int_equal(sys(A_PER, FEN_SYS_STOP_SELF, 0, 0), 0);
    expect_running(A0);
    assert_int_equal(th(A_PER)->state, THREAD_DORMANT);
}

/* --- preemption lock and priorities --------------------------------------- */

static void preemption_lock_holds_off_higher_priorities(void **state)
{
    (void)state;
    bring_up(CTL, 5, BIT(A_APER), 0, true);
    assert_int_equal(sys(A0, FEN_SYS_LOCK_PREEMPTION, 0, 0), 1);
    start(A0, A_APER);
    expect_running(A0);
    assert_int_equal(sys(A0, FEN_SYS_LOCK_PREEMPTION, 0, 0), 2);
    assert_int_equal(sys(A0, FEN_SYS_UNLOCK_PREEMPTION, 0, 0), 1);
    expect_running(A0);
    run_to(100); /* the lock holds across pay's window */
    expect_running(A0);
    assert_int_equal(partition_status(A0).lock_level, 1);
    assert_int_equal(sys(A0, FEN_SYS_UNLOCK_PREEMPTION, 0, 0), 0);
    expect_running(A_APER);
}

static void waits_with_the_lock_held_are_refused(void **state)
{
    (void)state;
    bring_up(CTL, 5, BIT(A_PER), BIT(A_PER), true);
    assert_int_equal(sys(A0, FEN_SYS_LOCK_PREEMPTION, 0, 0), 1);
    assert_int_equal(sys64(A0, FEN_SYS_TIMED_WAIT, 5), -FEN_INVALID_MODE);
    assert_int_equal(sys64(A0, FEN_SYS_TIMED_WAIT, 0), -FEN_INVALID_MODE);
    assert_int_equal(sys64(A0, FEN_SYS_SUSPEND_SELF, 5), -FEN_INVALID_MODE);
    for (int32_t level = 2; level <= 16; level++)
        assert_int_equal(sys(A0, FEN_SYS_LOCK_PREEMPTION, 0, 0), level);
    assert_int_equal(sys(A0, FEN_SYS_LOCK_PREEMPTION, 0, 0), -FEN_INVALID_CONFIG);
    for (int32_t level = 15; level >= 0; level--)
        assert_int_equal(sys(A0, FEN_SYS_UNLOCK_PREEMPTION, 0, 0), level);
    run_to(100);
    assert_int_equal(sys(A_PER, FEN_SYS_LOCK_PREEMPTION, 0, 0), 1);
    assert_int_equal(sys(A_PER, FEN_SYS_PERIODIC_WAIT, 0, 0), -FEN_INVALID_MODE);
    sys(A_PER, FEN_SYS_STOP_SELF, 0, 0); /* a stopped holder leaves no lock */
    expect_running(A0);
    assert_int_equal(partition_status(A0).lock_level, 0);
}

static void set_priority_reorders_and_start_restores_it(void **state)
{
    (void)state;
    bring_up(CTL, 5, BIT(A_HMP), BIT(A_HMP), true);
    expect_running(A_HMP); /* 12 over the initial thread's 10 */
    assert_int_equal(sys(A_HMP, FEN_SYS_THREAD_SET_PRIORITY, ID_OF(A_HMP), 5), 0);
    expect_running(A0);
    struct fen_process_status st = process_status(A0, A_HMP);
    assert_int_equal(st.current_priority, 5);
    assert_int_equal(st.base_priority, 12);
    assert_int_equal(sys(A0, FEN_SYS_THREAD_SET_PRIORITY, ID_OF(A_HMP), 11), 0);
    expect_running(A_HMP);
    sys(A_HMP, FEN_SYS_STOP_SELF, 0, 0);
    start(A0, A_HMP);
    expect_running(A_HMP);
    assert_int_equal(th(A_HMP)->priority, 12);
}

/* --- partition modes ------------------------------------------------------ */

struct mode_case {
    const char *name;
    uint8_t mode;
};

static struct mode_case mode_cases[] = {
    {"cold start from normal", FEN_MODE_COLD_START},
    {"warm start from normal", FEN_MODE_WARM_START},
};

/* A restart the partition asks for: its processes are gone, its initial
 * thread begins at its entry with r0 = the mode, and the count grows. */
static void set_partition_mode_restarts(void **state)
{
    const struct mode_case *c = *state;
    bring_up(CTL, 5, BIT(A_PER), BIT(A_PER), true);
    run_to(10);
    sys(A0, FEN_SYS_SET_PARTITION_MODE, c->mode, 0);
    check_restarted(CTL, c->mode, FEN_START_PARTITION_RESTART, 1);
    run_to(120);
    assert_int_equal(ev_count(TR_RELEASE, ANY, A_PER), 0);
    assert_int_equal(partition_status(A0).restarts, 1);
}

static void set_partition_mode_idle_keeps_the_windows(void **state)
{
    (void)state;
    bring_up(CTL, 5, BIT(A_PER), BIT(A_PER), true);
    run_to(10);
    sys(A0, FEN_SYS_SET_PARTITION_MODE, FEN_MODE_IDLE, 0);
    expect_idle();
    assert_int_equal(fake_deadline, 40);
    check_idle(CTL);
    assert_int_equal(fake_now, 100);
    assert_int_equal(ev_count(TR_RELEASE, ANY, A_PER), 0);
    assert_int_equal(kstate.parts[PAY].mode, FEN_MODE_COLD_START);
}

static void report_message_names_the_sender(void **state)
{
    (void)state;
    memcpy(fake_memory + scratch(CTL) + 0x300, "hello\nworld", 11);
    assert_int_equal(sys(A0, FEN_SYS_REPORT_MESSAGE, scratch(CTL) + 0x300, 11), 0);
    expect_event(TR_MESSAGE, 0, A0, 0, 11, ANY);
    assert_true(console_has("kernel: message from ctl/0: hello world\n"));
}

/* --- schedules -------------------------------------------------------------- */

static void expect_window(uint64_t at, int part, uint32_t window, uint32_t schedule)
{
    const struct trace_event *e = 0;
    for (int i = 0; (e = ev_nth(TR_WINDOW, ANY, WHO(part, NO_THREAD), i)) != 0; i++)
        if (e->cycle == at)
            break;
    assert_non_null(e);
    assert_int_equal(e->a0, window | schedule << 16);
    assert_int_equal(e->a1, at);
}

static void set_schedule_takes_effect_at_the_next_frame(void **state)
{
    (void)state;
    run_to(10);
    assert_int_equal(sys(A0, FEN_SYS_SET_SCHEDULE, 1, 0), 0);
    expect_event(TR_SCHEDULE, 0, MODULE, 10, 1, 0);
    struct fen_schedule_status ss = schedule_status(A0);
    assert_int_equal(ss.current, 0);
    assert_int_equal(ss.next, 1);
    assert_int_equal(ss.last_switch, 0);
    run_to(199);
    expect_window(140, PAY, 3, 0);
    assert_int_equal(ev_count(TR_SCHEDULE, 1, ANY), 0);
    run_to(200);
    expect_event(TR_SCHEDULE, 1, MODULE, 200, 1, 0);
    const struct trace_event *frame = ev_nth(TR_FRAME, 0, MODULE, 1);
    assert_int_equal(frame->cycle, 200);
    assert_int_equal(frame->a0, 1);
    assert_int_equal(frame->a1, 1);
    expect_window(200, PAY, 0, 1);
    expect_running(B0);
    assert_int_equal(fake_deadline, 300);
    run_to(300);
    expect_window(300, CTL, 1, 1);
    assert_int_equal(fake_deadline, 450);
    ss = schedule_status(A0);
    assert_int_equal(ss.current, 1);
    assert_int_equal(ss.next, 1);
    assert_int_equal(ss.last_switch, 200);
    struct fen_partition_status ps = partition_status(A0);
    assert_int_equal(ps.period, 300);
    assert_int_equal(ps.duration, 150);
    run_to(500);
    assert_int_equal(ev_nth(TR_FRAME, 0, MODULE, 2)->a0, 2);
    expect_window(500, PAY, 0, 1);
}

static void a_later_request_replaces_the_pending_one(void **state)
{
    (void)state;
    run_to(10);
    sys(A0, FEN_SYS_SET_SCHEDULE, 1, 0);
    sys(A0, FEN_SYS_SET_SCHEDULE, 0, 0);
    assert_int_equal(schedule_status(A0).next, 0);
    run_to(200);
    assert_int_equal(ev_count(TR_SCHEDULE, 1, ANY), 0);
    expect_window(200, CTL, 0, 0);
}

static void schedule_ids_and_rights(void **state)
{
    (void)state;
    memcpy(fake_memory + scratch(CTL) + 0x300, "alt", 3);
    memcpy(fake_memory + scratch(CTL) + 0x310, "nominal", 7);
    assert_int_equal(sys(A0, FEN_SYS_GET_SCHEDULE_ID, scratch(CTL) + 0x300, 3), 1);
    assert_int_equal(sys(A0, FEN_SYS_GET_SCHEDULE_ID, scratch(CTL) + 0x310, 7), 0);
    run_to(45);
    assert_int_equal(sys(B0, FEN_SYS_SET_SCHEDULE, 1, 0), -FEN_INVALID_CONFIG);
    assert_int_equal(ev_count(TR_SCHEDULE, ANY, ANY), 0);
}

/* Periods after a switch are the new schedule's: ctl's is 300 from 100. */
static void periodic_release_follows_the_new_schedule(void **state)
{
    (void)state;
    bring_up(CTL, 5, BIT(A_PER), 0, true);
    sys(A0, FEN_SYS_SET_SCHEDULE, 1, 0);
    run_to(310);
    start(A0, A_PER);
    run_to(599);
    assert_int_equal(ev_count(TR_RELEASE, ANY, A_PER), 0);
    run_to(600);
    expect_event(TR_RELEASE, 0, A_PER, 600, 600, 0);
}

/* A release planned across a switch moves to the new schedule's period
 * start: per, waiting for 200, is released at 300 as planned there, with
 * its deadline from 300. */
static void pending_release_follows_a_switch(void **state)
{
    (void)state;
    bring_up(CTL, 5, BIT(A_PER), BIT(A_PER), true);
    sys(A0, FEN_SYS_SET_SCHEDULE, 1, 0);
    run_to(110);
    sys(A_PER, FEN_SYS_PERIODIC_WAIT, 0, 0);
    run_to(299);
    assert_int_equal(ev_count(TR_RELEASE, ANY, A_PER), 1);
    run_to(300);
    const struct trace_event *e = ev_nth(TR_RELEASE, 0, A_PER, 1);
    assert_int_equal(e->cycle, 300);
    assert_int_equal(e->a0, 300);
    assert_int_equal(e->a2, 330);
    assert_int_equal(ev_count(TR_ERROR, ANY, ANY), 0);
}

/* --- must-complete windows ------------------------------------------------ */

static void overrun_is_raised_at_the_window_end(void **state)
{
    (void)state;
    bring_up(PAY, 45, 0, 0, true);
    run_to(179);
    assert_int_equal(ev_count(TR_ERROR, ANY, ANY), 0); /* [40,80) need not complete */
    run_to(180);
    expect_event(TR_ERROR, FEN_ERR_OVERRUN, B_NONE, 180, 3, ANY);
    expect_event(TR_HM_ACTION, CFG_HM_LOG, B_NONE, 180, FEN_ERR_OVERRUN, HM_LEVEL_DEFAULT);
    assert_true(console_has("kernel: hm: pay: OVERRUN in normal -> log (default)\n"));
}

static void window_complete_declares_the_work_done(void **state)
{
    (void)state;
    bring_up(PAY, 45, 0, 0, true);
    assert_int_equal(sys(B0, FEN_SYS_WINDOW_COMPLETE, 0, 0), -FEN_NO_ACTION);
    run_to(150);
    assert_int_equal(sys(B0, FEN_SYS_WINDOW_COMPLETE, 0, 0), 0);
    expect_event(TR_WINDOW_DONE, 0, B0, 150, ANY, ANY);
    assert_int_equal(sys(B0, FEN_SYS_WINDOW_COMPLETE, 0, 0), -FEN_NO_ACTION);
    run_to(379);
    assert_int_equal(ev_count(TR_ERROR, ANY, ANY), 0);
    run_to(380); /* every window's work anew */
    expect_event(TR_ERROR, FEN_ERR_OVERRUN, B_NONE, 380, 3, ANY);
}

/* Only a partition in NORMAL owes its window's work: in init, after a
 * restart within the window, or idle, the window passes without OVERRUN. */
static void overrun_only_in_normal(void **state)
{
    (void)state;
    run_to(180);
    bring_up(PAY, 245, 0, 0, true);
    run_to(345);
    sys(B0, FEN_SYS_SET_PARTITION_MODE, FEN_MODE_COLD_START, 0);
    run_to(445);
    set_normal(PAY);
    sys(B0, FEN_SYS_SET_PARTITION_MODE, FEN_MODE_IDLE, 0);
    run_to(600);
    assert_int_equal(ev_count(TR_ERROR, ANY, ANY), 0);
}

/* --- misuse: refused, and nothing changed --------------------------------- */


static void misuse_in_init_is_refused(void **state)
{
    (void)state;
    bring_up(CTL, 5, BIT(A_PER) | BIT(A_APER) | BIT(A_HMP), 0, false);
    uint32_t buf = scratch(CTL), name = buf + 0x300, msg = buf + 0x400;
    uint32_t code = code_base(CTL), theirs = data_base(PAY);
    uint32_t h_entry = code + 0x501, h_stack = data_base(CTL) + 0xe00, h_exit = exit_stub(CTL);
    memcpy(fake_memory + name, "nope", 4);
    const struct misuse m[] = {
        REFUSE("START of no process", START, 9, 0, 0, 0, INVALID_PARAM),
        REFUSE("START of the initial thread", START, 0, 0, 0, 0, INVALID_PARAM),
        REFUSE("DELAYED_START by a whole period", DELAYED_START, 1, 0, 100, 0, INVALID_PARAM),
        REFUSE("DELAYED_START forever", DELAYED_START, 2, 0, ~0u, ~0u, INVALID_PARAM),
        REFUSE("STOP of the caller", STOP, 0, 0, 0, 0, INVALID_PARAM),
        REFUSE("STOP of no process", STOP, 9, 0, 0, 0, INVALID_PARAM),
        REFUSE("STOP of a dormant process", STOP, 1, 0, 0, 0, NO_ACTION),
        REFUSE("SUSPEND of the caller", SUSPEND, 0, 0, 0, 0, INVALID_PARAM),
        REFUSE("SUSPEND of a dormant process", SUSPEND, 2, 0, 0, 0, INVALID_MODE),
        REFUSE("RESUME of the caller", RESUME, 0, 0, 0, 0, INVALID_PARAM),
        REFUSE("RESUME of a dormant process", RESUME, 2, 0, 0, 0, INVALID_MODE),
        REFUSE("LOCK_PREEMPTION in init", LOCK_PREEMPTION, 0, 0, 0, 0, NO_ACTION),
        REFUSE("UNLOCK_PREEMPTION unlocked", UNLOCK_PREEMPTION, 0, 0, 0, 0, NO_ACTION),
        REFUSE("GET_PROCESS_ID of an unknown name", GET_PROCESS_ID, name, 4, 0, 0, INVALID_CONFIG),
        REFUSE("GET_PROCESS_ID of an empty name", GET_PROCESS_ID, name, 0, 0, 0, INVALID_PARAM),
        REFUSE("GET_PROCESS_ID of 16 bytes", GET_PROCESS_ID, name, 16, 0, 0, INVALID_PARAM),
        REFUSE("GET_PROCESS_ID from pay's memory", GET_PROCESS_ID, theirs, 4, 0, 0, INVALID_PARAM),
        REFUSE("GET_PROCESS_STATUS of no process", GET_PROCESS_STATUS, 9, buf, 0, 0, INVALID_PARAM),
        REFUSE("GET_PROCESS_STATUS into code", GET_PROCESS_STATUS, 1, code, 0, 0, INVALID_PARAM),
        REFUSE("SET_PRIORITY of a dormant process", THREAD_SET_PRIORITY, 1, 20, 0, 0, INVALID_MODE),
        REFUSE("SET_PRIORITY 0", THREAD_SET_PRIORITY, 0, 0, 0, 0, INVALID_PARAM),
        REFUSE("SET_PRIORITY 256", THREAD_SET_PRIORITY, 0, 256, 0, 0, INVALID_PARAM),
        REFUSE("TIMED_WAIT forever", TIMED_WAIT, ~0u, ~0u, 0, 0, INVALID_PARAM),
        REFUSE("PERIODIC_WAIT of an aperiodic thread", PERIODIC_WAIT, 0, 0, 0, 0, INVALID_MODE),
        REFUSE("REPLENISH in init", REPLENISH, 10, 0, 0, 0, NO_ACTION),
        REFUSE("WARM_START from COLD_START", SET_PARTITION_MODE, 2, 0, 0, 0, INVALID_MODE),
        REFUSE("mode 4", SET_PARTITION_MODE, 4, 0, 0, 0, INVALID_PARAM),
        REFUSE("GET_PARTITION_STATUS to code", GET_PARTITION_STATUS, code, 0, 0, 0, INVALID_PARAM),
        REFUSE("SET_SCHEDULE of no schedule", SET_SCHEDULE, 2, 0, 0, 0, INVALID_PARAM),
        REFUSE("GET_SCHEDULE_ID, unknown name", GET_SCHEDULE_ID, name, 4, 0, 0, INVALID_CONFIG),
        REFUSE("GET_SCHEDULE_ID of an empty name", GET_SCHEDULE_ID, name, 0, 0, 0, INVALID_PARAM),
        REFUSE("GET_SCHEDULE_STATUS into code", GET_SCHEDULE_STATUS, code, 0, 0, 0, INVALID_PARAM),
        REFUSE("WINDOW_COMPLETE in an ordinary window", WINDOW_COMPLETE, 0, 0, 0, 0, NO_ACTION),
        REFUSE("RAISE_ERROR of 65 bytes", RAISE_ERROR, msg, 65, 0, 0, INVALID_PARAM),
        REFUSE("RAISE_ERROR from pay's memory", RAISE_ERROR, theirs, 4, 0, 0, INVALID_PARAM),
        REFUSE("REPORT_MESSAGE of 65 bytes", REPORT_MESSAGE, msg, 65, 0, 0, INVALID_PARAM),
        REFUSE("REPORT_MESSAGE from pay's memory", REPORT_MESSAGE, theirs, 4, 0, 0, INVALID_PARAM),
        REFUSE("CREATE_ERROR_HANDLER, no slot left", CREATE_ERROR_HANDLER, h_entry, h_stack,
               256, h_exit, NOT_AVAILABLE),
        REFUSE("CREATE_ERROR_HANDLER, stack too small", CREATE_ERROR_HANDLER, h_entry, h_stack,
               128, h_exit, INVALID_PARAM),
        REFUSE("GET_ERROR_STATUS, no handler", GET_ERROR_STATUS, buf, 0, 0, 0, INVALID_CONFIG),
        REFUSE("call 36", COUNT, 0, 0, 0, 0, INVALID_CALL),
    };
    expect_refusals(A0, m, COUNT(m));
}

static void misuse_in_normal_is_refused(void **state)
{
    (void)state;
    bring_up(CTL, 5, BIT(A_PER) | BIT(A_APER), BIT(A_PER), false);
    struct fen_process_create hmp = {"hmp", entry_of(A_HMP), stack_of(A_HMP), 256, exit_stub(CTL)};
    uint32_t block = scratch(CTL) + 0x100;
    memcpy(fake_memory + block, &hmp, sizeof hmp);
    set_normal(CTL);
    const struct misuse m[] = {
        REFUSE("CREATE_PROCESS in normal", CREATE_PROCESS, block, 0, 0, 0, INVALID_MODE),
        REFUSE("CREATE_ERROR_HANDLER in normal", CREATE_ERROR_HANDLER, entry_of(A_HMP),
               stack_of(A_HMP), 256, exit_stub(CTL), INVALID_MODE),
        REFUSE("NORMAL again", SET_PARTITION_MODE, 3, 0, 0, 0, NO_ACTION),
        REFUSE("START of a waiting process", START, 1, 0, 0, 0, NO_ACTION),
        REFUSE("START of a process not created", START, 3, 0, 0, 0, INVALID_PARAM),
        REFUSE("SUSPEND of a periodic process", SUSPEND, 1, 0, 0, 0, INVALID_MODE),
        REFUSE("RESUME of a process not suspended", RESUME, 1, 0, 0, 0, NO_ACTION),
        REFUSE("UNLOCK_PREEMPTION unlocked", UNLOCK_PREEMPTION, 0, 0, 0, 0, NO_ACTION),
        REFUSE("PERIODIC_WAIT of an aperiodic thread", PERIODIC_WAIT, 0, 0, 0, 0, INVALID_MODE),
        REFUSE("REPLENISH without a capacity", REPLENISH, 10, 0, 0, 0, NO_ACTION),
    };
    expect_refusals(A0, m, COUNT(m));
    run_to(100);
    const struct misuse periodic[] = {
        REFUSE("SUSPEND_SELF of a periodic process", SUSPEND_SELF, 10, 0, 0, 0, INVALID_MODE),
        REFUSE("STOP of the caller", STOP, 1, 0, 0, 0, INVALID_PARAM),
        REFUSE("REPLENISH past the next release", REPLENISH, 101, 0, 0, 0, INVALID_MODE),
    };
    expect_refusals(A_PER, periodic, COUNT(periodic));
}

static void misuse_by_a_partition_not_system_is_refused(void **state)
{
    (void)state;
    run_to(45);
    struct fen_process_create per = {"per", entry_of(B_WRK), stack_of(B_WRK), 256, exit_stub(PAY)};
    uint32_t block = scratch(PAY) + 0x100;
    memcpy(fake_memory + block, &per, sizeof per);
    const struct misuse m[] = {
        REFUSE("SET_SCHEDULE", SET_SCHEDULE, 1, 0, 0, 0, INVALID_CONFIG),
        REFUSE("CREATE_PROCESS of ctl's process", CREATE_PROCESS, block, 0, 0, 0, INVALID_CONFIG),
    };
    expect_refusals(B0, m, COUNT(m));
}

/* --- the test list ----------------------------------------------------------- */

int main(void)
{
    add_test(TEST(power_on_cold_starts_every_partition));
    add_test(TEST(create_process_binds_a_declared_process));
    add_test(TEST(create_process_refuses_bad_blocks));
    add_test(TEST(processes_started_in_init_wait_for_normal));
    ADD_CASES(release_at_planned_cycle, release_cases);
    add_test(TEST(status_names_the_next_release_point));
    add_test(TEST(periodic_wait_ends_the_activation_until_the_next_release));
    ADD_CASES(deadline_missed_at_exact_cycle, miss_cases);
    add_test(TEST(aperiodic_deadline_counts_from_start));
    add_test(TEST(replenish_moves_the_deadline));
    ADD_CASES(wait_ends_at_exact_cycle, wait_cases);
    add_test(TEST(timed_wait_zero_yields_to_equal_priority));
    add_test(TEST(suspend_self_resumed_returns_zero));
    add_test(TEST(suspend_and_resume_another));
    add_test(TEST(stop_cancels_the_release_and_start_plans_a_new_one));
    add_test(TEST(preemption_lock_holds_off_higher_priorities));
    add_test(TEST(waits_with_the_lock_held_are_refused));
    add_test(TEST(set_priority_reorders_and_start_restores_it));
    ADD_CASES(set_partition_mode_restarts, mode_cases);
    add_test(TEST(set_partition_mode_idle_keeps_the_windows));
    add_test(TEST(report_message_names_the_sender));
    add_test(TEST(set_schedule_takes_effect_at_the_next_frame));
    add_test(TEST(a_later_request_replaces_the_pending_one));
    add_test(TEST(schedule_ids_and_rights));
    add_test(TEST(periodic_release_follows_the_new_schedule));
    add_test(TEST(pending_release_follows_a_switch));
    add_test(TEST(overrun_is_raised_at_the_window_end));
    add_test(TEST(window_complete_declares_the_work_done));
    add_test(TEST(overrun_only_in_normal));
    add_test(TEST(misuse_in_init_is_refused));
    add_test(TEST(misuse_in_normal_is_refused));
    add_test(TEST(misuse_by_a_partition_not_system_is_refused));
    return run_arinc_tests("kernel.sched_arinc");
}
