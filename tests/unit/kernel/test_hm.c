/*
 * test_hm.c - the health monitor on the fake port: every action at every
 * level (process, partition and module tables, the defaults) with its
 * outcome, the error handler, and the table lookup.  System:
 * arinc/test_config.c (whose header lists the tables).
 */
#include <stdio.h>
#include <string.h>

#include "arinc/harness.h"

/* --- one error, its action and the outcome ------------------------------- */

enum trigger {
    RAISE,  /* RAISE_APPLICATION_ERROR by the thread */
    FAULT,  /* a fault of the thread (kern_trap_fault) */
    DIRECT, /* raised by the kernel outside a system call */
    TIME,   /* a deadline or window end passes */
};

struct hm_case {
    const char *name;
    int who;          /* who errs: a thread, WHO(part, NO_THREAD) or MODULE */
    uint8_t state;    /* CFG_HM_INIT, _NORMAL or _HANDLER: the state it errs in */
    uint8_t trigger;
    uint8_t error, action, level;
    const char *line; /* the health monitor's console line; NULL: none */
};

#define CASE(name, who, state, trigger, error, action, level, line)                 \
    {name, who, CFG_HM_##state, trigger, FEN_ERR_##error, CFG_HM_##action,           \
     HM_LEVEL_##level, line}

static struct hm_case hm_cases[] = {
    /* hmp's process table, state normal */
    CASE("process: ignore", A_HMP, NORMAL, RAISE, APPLICATION_ERROR, IGNORE, PROCESS, 0),
    CASE("process: log", A_HMP, NORMAL, TIME, DEADLINE_MISSED, LOG, PROCESS,
         "hm: ctl/hmp: DEADLINE_MISSED in normal -> log (process table)\n"),
    CASE("process: stop_process", A_HMP, NORMAL, FAULT, ILLEGAL_REQUEST, STOP_PROCESS, PROCESS,
         "hm: ctl/hmp: ILLEGAL_REQUEST in normal -> stop_process (process table)\n"),
    CASE("process: restart_process", A_HMP, NORMAL, FAULT, MEMORY_VIOLATION, RESTART_PROCESS,
         PROCESS, "hm: ctl/hmp: MEMORY_VIOLATION in normal -> restart_process (process table)\n"),
    CASE("process: warm_start", A_HMP, NORMAL, FAULT, STACK_OVERFLOW, WARM_START, PROCESS,
         "hm: ctl/hmp: STACK_OVERFLOW in normal -> warm_start (process table)\n"),
    CASE("process: cold_start", A_HMP, NORMAL, FAULT, HARDWARE_FAULT, COLD_START, PROCESS,
         "hm: ctl/hmp: HARDWARE_FAULT in normal -> cold_start (process table)\n"),
    CASE("process: idle", A_HMP, NORMAL, DIRECT, NUMERIC_ERROR, IDLE, PROCESS,
         "hm: ctl/hmp: NUMERIC_ERROR in normal -> idle (process table)\n"),
    CASE("process: stop_module", A_HMP, NORMAL, DIRECT, CONFIG_ERROR, STOP_MODULE, PROCESS,
         "hm: ctl/hmp: CONFIG_ERROR in normal -> stop_module (process table)\n"),
    CASE("process: restart_module", A_HMP, NORMAL, DIRECT, POWER_FAIL, RESTART_MODULE, PROCESS,
         "hm: ctl/hmp: POWER_FAIL in normal -> restart_module (process table)\n"),
    /* ctl's partition table; a fault with ignore still stops the thread */
    CASE("partition: ignore", A0, NORMAL, FAULT, MEMORY_VIOLATION, IGNORE, PARTITION, 0),
    CASE("partition: log", A0, NORMAL, RAISE, APPLICATION_ERROR, LOG, PARTITION,
         "hm: ctl/0: APPLICATION_ERROR in normal -> log (partition table)\n"),
    CASE("partition: stop_process", A_APER, NORMAL, FAULT, ILLEGAL_REQUEST, STOP_PROCESS,
         PARTITION, "hm: ctl/aper: ILLEGAL_REQUEST in normal -> stop_process (partition table)\n"),
    CASE("partition: restart_process", A_APER, NORMAL, FAULT, STACK_OVERFLOW, RESTART_PROCESS,
         PARTITION,
         "hm: ctl/aper: STACK_OVERFLOW in normal -> restart_process (partition table)\n"),
    CASE("partition: restart_process stops an initial thread", A0, NORMAL, FAULT,
         STACK_OVERFLOW, RESTART_PROCESS, PARTITION,
         "hm: ctl/0: STACK_OVERFLOW in normal -> restart_process (partition table)\n"),
    CASE("partition: warm_start", A0, NORMAL, FAULT, HARDWARE_FAULT, WARM_START, PARTITION,
         "hm: ctl/0: HARDWARE_FAULT in normal -> warm_start (partition table)\n"),
    CASE("partition: cold_start", A0, INIT, RAISE, APPLICATION_ERROR, COLD_START, PARTITION,
         "hm: ctl/0: APPLICATION_ERROR in init -> cold_start (partition table)\n"),
    CASE("partition: idle", A0, NORMAL, DIRECT, NUMERIC_ERROR, IDLE, PARTITION,
         "hm: ctl/0: NUMERIC_ERROR in normal -> idle (partition table)\n"),
    CASE("partition: stop_module", A0, NORMAL, DIRECT, POWER_FAIL, STOP_MODULE, PARTITION,
         "hm: ctl/0: POWER_FAIL in normal -> stop_module (partition table)\n"),
    CASE("partition: restart_module", A0, NORMAL, DIRECT, CONFIG_ERROR, RESTART_MODULE,
         PARTITION, "hm: ctl/0: CONFIG_ERROR in normal -> restart_module (partition table)\n"),
    /* pay's partition table: rule order, state any, the handler's state */
    CASE("partition: first rule wins", B0, INIT, DIRECT, NUMERIC_ERROR, COLD_START, PARTITION,
         "hm: pay/0: NUMERIC_ERROR in init -> cold_start (partition table)\n"),
    CASE("partition: state any", B0, NORMAL, DIRECT, NUMERIC_ERROR, WARM_START, PARTITION,
         "hm: pay/0: NUMERIC_ERROR in normal -> warm_start (partition table)\n"),
    CASE("partition: handler state", B_HANDLER, HANDLER, RAISE, APPLICATION_ERROR, STOP_PROCESS,
         PARTITION, "hm: pay/error_handler: APPLICATION_ERROR in error_handler -> "
                    "stop_process (partition table)\n"),
    /* the module table, state init */
    CASE("module: ignore", B0, INIT, RAISE, APPLICATION_ERROR, IGNORE, MODULE, 0),
    CASE("module: log", B0, INIT, FAULT, MEMORY_VIOLATION, LOG, MODULE,
         "hm: pay/0: MEMORY_VIOLATION in init -> log (module table)\n"),
    CASE("module: stop_process", B0, INIT, FAULT, ILLEGAL_REQUEST, STOP_PROCESS, MODULE,
         "hm: pay/0: ILLEGAL_REQUEST in init -> stop_process (module table)\n"),
    CASE("module: restart_process", B_HANDLER, HANDLER, FAULT, STACK_OVERFLOW, RESTART_PROCESS,
         MODULE, "hm: pay/error_handler: STACK_OVERFLOW in error_handler -> restart_process "
                 "(module table)\n"),
    CASE("module: warm_start", A0, INIT, DIRECT, NUMERIC_ERROR, WARM_START, MODULE,
         "hm: ctl/0: NUMERIC_ERROR in init -> warm_start (module table)\n"),
    CASE("module: cold_start", B0, INIT, DIRECT, DEADLINE_MISSED, COLD_START, MODULE,
         "hm: pay/0: DEADLINE_MISSED in init -> cold_start (module table)\n"),
    CASE("module: idle", B0, INIT, DIRECT, CONFIG_ERROR, IDLE, MODULE,
         "hm: pay/0: CONFIG_ERROR in init -> idle (module table)\n"),
    CASE("module: stop_module", B0, INIT, DIRECT, POWER_FAIL, STOP_MODULE, MODULE,
         "hm: pay/0: POWER_FAIL in init -> stop_module (module table)\n"),
    CASE("module: restart_module", B0, INIT, FAULT, HARDWARE_FAULT, RESTART_MODULE, MODULE,
         "hm: pay/0: HARDWARE_FAULT in init -> restart_module (module table)\n"),
    /* no rule: the defaults */
    CASE("default: deadline logged", B_WRK, NORMAL, TIME, DEADLINE_MISSED, LOG, DEFAULT,
         "hm: pay/wrk: DEADLINE_MISSED in normal -> log (default)\n"),
    CASE("default: application error logged", B0, NORMAL, RAISE, APPLICATION_ERROR, LOG,
         DEFAULT, "hm: pay/0: APPLICATION_ERROR in normal -> log (default)\n"),
    CASE("default: overrun logged", B_NONE, NORMAL, TIME, OVERRUN, LOG, DEFAULT,
         "hm: pay: OVERRUN in normal -> log (default)\n"),
    CASE("default: fault idles", B0, NORMAL, FAULT, MEMORY_VIOLATION, IDLE, DEFAULT,
         "hm: pay/0: MEMORY_VIOLATION in normal -> idle (default)\n"),
    CASE("default: stack overflow idles", B0, NORMAL, FAULT, STACK_OVERFLOW, IDLE, DEFAULT,
         "hm: pay/0: STACK_OVERFLOW in normal -> idle (default)\n"),
    CASE("default: power failure restarts the module", B0, NORMAL, DIRECT, POWER_FAIL,
         RESTART_MODULE, DEFAULT, "hm: pay/0: POWER_FAIL in normal -> restart_module (default)\n"),
    CASE("default: partition config error idles", B_NONE, NORMAL, DIRECT, CONFIG_ERROR, IDLE,
         DEFAULT, "hm: pay: CONFIG_ERROR in normal -> idle (default)\n"),
    CASE("default: module config error stops it", MODULE, NORMAL, DIRECT, CONFIG_ERROR,
         STOP_MODULE, DEFAULT, "hm: module: CONFIG_ERROR in normal -> stop_module (default)\n"),
};

static bool is_process(int who)
{
    return who != MODULE && ID_OF(who) != 0 && ID_OF(who) != NO_THREAD;
}

static int32_t raise_app_error(int who, const char *msg, uint32_t len)
{
    uint32_t at = scratch(PART_OF(who)) + 0x200;
    memcpy(fake_memory + at, msg, len);
    return sys(who, FEN_SYS_RAISE_ERROR, at, len);
}

/* pay in NORMAL with an error handler and the processes in `created`. */
static void pay_with_handler(unsigned created, unsigned started)
{
    bring_up(PAY, 45, created, started, false);
    assert_int_equal(create_handler(PAY), ID_OF(B_HANDLER));
    set_normal(PAY);
}

/* The one who errs is on the CPU (or its partition is, at least) in the
 * state the case names: ctl at 5, pay at 45. */
static void prepare(const struct hm_case *c)
{
    int part = c->who == MODULE ? CTL : PART_OF(c->who);
    run_to(part == CTL ? 5 : 45);
    if (c->state == CFG_HM_HANDLER) {
        pay_with_handler(0, 0);
        raise_app_error(B0, "x", 1); /* the handler runs */
    } else if (c->state == CFG_HM_NORMAL && c->who != MODULE) {
        bool process = is_process(c->who);
        bring_up(part, fake_now, process ? BIT(c->who) : 0, process ? BIT(c->who) : 0, true);
    }
    if (th(c->who))
        expect_running(c->who);
}

static void trigger(const struct hm_case *c)
{
    switch (c->trigger) {
    case RAISE: raise_app_error(c->who, "oops", 4); break;
    case FAULT: fault(c->who, c->error); break;
    case DIRECT: raise_direct(c->who, c->error); break;
    default:
        for (int guard = 0; ev_count(TR_HM_ACTION, ANY, ANY) == 0; guard++) {
            assert_true(guard < 100);
            step();
        }
    }
}

struct before {
    uint8_t mode[2];
    uint32_t restarts[2], starts;
};

static void modes_unchanged(const struct before *b)
{
    assert_int_equal(kstate.parts[CTL].mode, b->mode[CTL]);
    assert_int_equal(kstate.parts[PAY].mode, b->mode[PAY]);
}

static uint32_t stack_top(int who)
{
    return stack_of(who) + (ID_OF(who) ? STACK_SIZE : th(who)->stack_size);
}

static void check_module_restarted(const struct before *b)
{
    assert_int_equal(kstate.module_restarts, 1);
    expect_event(TR_MODULE, CFG_HM_RESTART_MODULE, MODULE, fake_now, 1, ANY);
    for (int part = CTL; part <= PAY; part++)
        check_restarted(part, FEN_MODE_COLD_START, FEN_START_HM_MODULE_RESTART,
                        b->restarts[part]);
    assert_int_equal(kstate.sched.frame_start, fake_now); /* a new frame, now */
    const struct trace_event *frame = ev_last(TR_FRAME, 0, MODULE);
    assert_int_equal(frame->cycle, fake_now);
    assert_int_equal(frame->a0, 0);
    assert_int_equal(fake_deadline, fake_now + 40);
    expect_running(A0);
}

static void check_outcome(const struct hm_case *c, const struct before *b)
{
    struct thread *t = th(c->who);
    int part = PART_OF(c->who), other = part == CTL ? PAY : CTL;
    switch (c->action) {
    case CFG_HM_IGNORE:
    case CFG_HM_LOG: /* a thread that faulted cannot go on */
        modes_unchanged(b);
        if (t && c->trigger == FAULT)
            assert_int_equal(t->state, THREAD_DORMANT);
        else if (t)
            expect_running(c->who);
        break;
    case CFG_HM_STOP_PROCESS:
        modes_unchanged(b);
        assert_int_equal(t->state, THREAD_DORMANT);
        break;
    case CFG_HM_RESTART_PROCESS: /* the initial thread would begin crt0 again */
        modes_unchanged(b);
        if (ID_OF(c->who) == 0) {
            assert_int_equal(t->state, THREAD_DORMANT);
            break;
        }
        assert_int_equal(t->starts, b->starts + 1);
        assert_int_equal(t->ctx.pc, entry_of(c->who));
        assert_int_equal(t->ctx.sp, stack_top(c->who));
        expect_running(c->who);
        break;
    case CFG_HM_WARM_START:
    case CFG_HM_COLD_START:
        check_restarted(part, c->action == CFG_HM_WARM_START ? FEN_MODE_WARM_START
                                                             : FEN_MODE_COLD_START,
                        FEN_START_HM_PARTITION_RESTART, b->restarts[part] + 1);
        assert_int_equal(kstate.parts[other].mode, b->mode[other]);
        break;
    case CFG_HM_IDLE:
        assert_int_equal(kstate.parts[other].mode, b->mode[other]);
        check_idle(part);
        break;
    case CFG_HM_STOP_MODULE:
        assert_true(kern_halted());
        assert_int_equal(kstate.parts[CTL].mode, FEN_MODE_IDLE);
        assert_int_equal(kstate.parts[PAY].mode, FEN_MODE_IDLE);
        expect_event(TR_MODULE, CFG_HM_STOP_MODULE, MODULE, fake_now, 0, ANY);
        expect_idle();
        break;
    default:
        check_module_restarted(b);
    }
    if (c->action != CFG_HM_STOP_MODULE)
        assert_false(kern_halted());
}

static void hm_action_and_outcome(void **state)
{
    const struct hm_case *c = *state;
    prepare(c);
    ev_clear();
    fake_console_len = 0;
    struct before b = {{kstate.parts[CTL].mode, kstate.parts[PAY].mode},
                       {kstate.parts[CTL].restarts, kstate.parts[PAY].restarts},
                       th(c->who) ? th(c->who)->starts : 0};
    trigger(c);
    assert_int_equal(ev_one(TR_ERROR, c->error, c->who)->a2, c->state);
    const struct trace_event *e = ev_one(TR_HM_ACTION, ANY, ANY);
    assert_int_equal(e->flags, c->action);
    assert_int_equal(e->a0, c->error);
    assert_int_equal(e->a1, c->level);
    assert_true(e == ev_nth(TR_HM_ACTION, ANY, c->who, 0));
    if (c->line)
        assert_true(console_has(c->line));
    else
        assert_false(console_has("kernel: hm: "));
    if (c->trigger == FAULT && c->line) { /* the fault's line names the thread alike */
        const char *name = c->line + strlen("hm: ");
        char want[64];
        snprintf(want, sizeof want, "fault in %.*s: ", (int)(strchr(name, ':') - name), name);
        assert_true(console_has(want));
    }
    check_outcome(c, &b);
}

/* --- the table lookup ------------------------------------------------------ */

struct lookup_case {
    int who;
    uint8_t error, state, action, level;
};

#define LOOKUP(who, error, state, action, level)                                     \
    {who, FEN_ERR_##error, CFG_HM_##state, CFG_HM_##action, HM_LEVEL_##level}

/* A process's table, then its partition's, then the module's, then the
 * default; within a table the first rule matching error and state. */
static void lookup_goes_process_partition_module_default(void **state)
{
    (void)state;
    bring_up(CTL, 5, BIT(A_APER) | BIT(A_HMP), 0, false);
    bring_up(PAY, 45, BIT(B_WRK), 0, false);
    static const struct lookup_case cases[] = {
        LOOKUP(A_HMP, APPLICATION_ERROR, NORMAL, IGNORE, PROCESS),
        LOOKUP(A_HMP, DEADLINE_MISSED, INIT, COLD_START, MODULE), /* hmp's rule is normal */
        LOOKUP(A_HMP, OVERRUN, NORMAL, LOG, DEFAULT),
        LOOKUP(A_APER, APPLICATION_ERROR, NORMAL, LOG, PARTITION),
        LOOKUP(A0, APPLICATION_ERROR, INIT, COLD_START, PARTITION),
        LOOKUP(A0, HARDWARE_FAULT, INIT, RESTART_MODULE, MODULE),
        LOOKUP(A0, APPLICATION_ERROR, HANDLER, LOG, DEFAULT),
        LOOKUP(B0, APPLICATION_ERROR, INIT, IGNORE, MODULE),
        LOOKUP(B0, NUMERIC_ERROR, INIT, COLD_START, PARTITION),
        LOOKUP(B0, NUMERIC_ERROR, HANDLER, WARM_START, PARTITION),
        LOOKUP(B_WRK, APPLICATION_ERROR, HANDLER, STOP_PROCESS, PARTITION),
        LOOKUP(B_NONE, CONFIG_ERROR, NORMAL, IDLE, DEFAULT),
        LOOKUP(MODULE, CONFIG_ERROR, INIT, IDLE, MODULE),
        LOOKUP(MODULE, CONFIG_ERROR, NORMAL, STOP_MODULE, DEFAULT),
        LOOKUP(MODULE, POWER_FAIL, NORMAL, RESTART_MODULE, DEFAULT),
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        const struct lookup_case *c = &cases[i];
        uint8_t level = 0xff;
        uint8_t action = hm_lookup(part_of_who(c->who), th(c->who), c->error, c->state, &level);
        if (action != c->action || level != c->level)
            fail_msg("case %zu: action %u level %u, expected %u %u", i, action, level,
                     c->action, c->level);
    }
}

/* --- the error handler ------------------------------------------------------ */

static void expect_error(int32_t rc, const struct fen_error_status *st, uint32_t error,
                         int who, uint32_t addr)
{
    assert_int_equal(rc, 0);
    assert_int_equal(st->error, error);
    assert_int_equal(st->process, ID_OF(who));
    assert_int_equal(st->addr, addr);
}

static void expect_no_error(void)
{
    int32_t rc;
    error_status(B_HANDLER, &rc);
    assert_int_equal(rc, -FEN_NO_ACTION);
}

static void handler_gets_process_errors_first(void **state)
{
    (void)state;
    pay_with_handler(0, 0);
    assert_int_equal(ev_one(TR_PROCESS, PROC_OP_CREATE, B_HANDLER)->a1, 1);
    assert_int_equal(th(B_HANDLER)->state, THREAD_DORMANT);
    char msg[FEN_MAX_ERROR_MESSAGE];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (char)('A' + i % 26);
    assert_int_equal(raise_app_error(B0, msg, sizeof msg), 0);
    expect_event(TR_HM_ACTION, CFG_HM_IGNORE, B0, 45, FEN_ERR_APPLICATION_ERROR,
                 HM_LEVEL_HANDLER);
    assert_true(console_has("kernel: hm: pay/0: APPLICATION_ERROR in normal -> error handler\n"));
    expect_running(B_HANDLER);
    assert_int_equal(th(B_HANDLER)->ctx.pc, entry_of(B_HANDLER));
    assert_int_equal(th(B_HANDLER)->ctx.sp, stack_of(B_HANDLER) + STACK_SIZE);
    int32_t rc;
    struct fen_error_status st = error_status(B_HANDLER, &rc);
    expect_error(rc, &st, FEN_ERR_APPLICATION_ERROR, B0, 0);
    assert_int_equal(st.length, sizeof msg);
    assert_memory_equal(st.message, msg, sizeof msg);
    expect_no_error();
    sys(B_HANDLER, FEN_SYS_STOP_SELF, 0, 0);
    expect_running(B0);
    assert_int_equal(th(B0)->ctx.r[0], 0);
}

/* Two deadlines pass in ctl's time (wrk's 95, then peer's 105): both are
 * raised when pay's window begins, and the handler reads them in that
 * order.  Stopping with one left, it begins again at once. */
static void handler_reads_errors_oldest_first(void **state)
{
    (void)state;
    pay_with_handler(BIT(B_WRK) | BIT(B_PEER), BIT(B_PEER) | BIT(B_WRK));
    run_to(140);
    assert_int_equal(ev_count(TR_HM_ACTION, CFG_HM_IGNORE, ANY), 2);
    assert_int_equal(ev_nth(TR_HM_ACTION, ANY, ANY, 1)->a1, HM_LEVEL_HANDLER);
    expect_running(B_HANDLER);
    int32_t rc;
    struct fen_error_status st = error_status(B_HANDLER, &rc);
    expect_error(rc, &st, FEN_ERR_DEADLINE_MISSED, B_WRK, 95);
    uint32_t starts = th(B_HANDLER)->starts;
    sys(B_HANDLER, FEN_SYS_STOP_SELF, 0, 0);
    expect_running(B_HANDLER);
    assert_int_equal(th(B_HANDLER)->starts, starts + 1);
    assert_int_equal(th(B_HANDLER)->ctx.pc, entry_of(B_HANDLER));
    st = error_status(B_HANDLER, &rc);
    expect_error(rc, &st, FEN_ERR_DEADLINE_MISSED, B_PEER, 105);
    expect_no_error();
    sys(B_HANDLER, FEN_SYS_STOP_SELF, 0, 0);
    expect_running(B_WRK);
}

static void handler_runs_before_the_lock_holder(void **state)
{
    (void)state;
    pay_with_handler(BIT(B_WRK), 0);
    assert_int_equal(sys(B0, FEN_SYS_LOCK_PREEMPTION, 0, 0), 1);
    start(B0, B_WRK);
    expect_running(B0);
    raise_app_error(B0, "x", 1);
    expect_running(B_HANDLER);
    assert_int_equal(sys(B_HANDLER, FEN_SYS_UNLOCK_PREEMPTION, 0, 0), -FEN_NO_ACTION);
    assert_int_equal(partition_status(B_HANDLER).lock_level, 1);
    int32_t rc;
    error_status(B_HANDLER, &rc);
    sys(B_HANDLER, FEN_SYS_STOP_SELF, 0, 0);
    expect_running(B0); /* the holder, before wrk */
}

/* Ready at the front: before a process of the handler's own priority. */
static void handler_goes_before_its_priority(void **state)
{
    (void)state;
    pay_with_handler(BIT(B_WRK), BIT(B_WRK));
    assert_int_equal(sys(B_WRK, FEN_SYS_THREAD_SET_PRIORITY, ID_OF(B_WRK), FEN_PRIORITY_MAX), 0);
    raise_app_error(B_WRK, "x", 1);
    expect_running(B_HANDLER);
    int32_t rc;
    error_status(B_HANDLER, &rc);
    sys(B_HANDLER, FEN_SYS_STOP_SELF, 0, 0);
    expect_running(B_WRK);
}

static void fault_given_to_the_handler_stops_the_process(void **state)
{
    (void)state;
    pay_with_handler(BIT(B_WRK), BIT(B_WRK));
    fault(B_WRK, FEN_ERR_MEMORY_VIOLATION);
    assert_int_equal(th(B_WRK)->state, THREAD_DORMANT);
    assert_int_equal(ev_one(TR_HM_ACTION, ANY, B_WRK)->a1, HM_LEVEL_HANDLER);
    expect_running(B_HANDLER);
    int32_t rc;
    struct fen_error_status st = error_status(B_HANDLER, &rc);
    expect_error(rc, &st, FEN_ERR_MEMORY_VIOLATION, B_WRK, 0x4);
    assert_int_equal(st.pc, (entry_of(B_WRK) & ~1u) + 0x10);
}

/* In init and for the partition's own errors the tables decide. */
static void errors_in_init_skip_the_handler(void **state)
{
    (void)state;
    bring_up(PAY, 45, 0, 0, false);
    assert_int_equal(create_handler(PAY), ID_OF(B_HANDLER));
    raise_app_error(B0, "x", 1);
    expect_event(TR_HM_ACTION, CFG_HM_IGNORE, B0, 45, FEN_ERR_APPLICATION_ERROR, HM_LEVEL_MODULE);
    assert_int_equal(th(B_HANDLER)->state, THREAD_DORMANT);
    expect_running(B0);
}

static void overrun_skips_the_handler(void **state)
{
    (void)state;
    pay_with_handler(0, 0);
    run_to(180);
    expect_event(TR_HM_ACTION, CFG_HM_LOG, B_NONE, 180, FEN_ERR_OVERRUN, HM_LEVEL_DEFAULT);
    assert_int_equal(th(B_HANDLER)->state, THREAD_DORMANT);
}

/* Errors beyond what the handler's queue holds go to the tables. */
static void a_full_queue_goes_to_the_tables(void **state)
{
    (void)state;
    pay_with_handler(0, 0);
    for (int i = 0; i <= HM_QUEUE; i++)
        raise_direct(B0, FEN_ERR_APPLICATION_ERROR);
    for (int i = 0; i < HM_QUEUE; i++)
        assert_int_equal(ev_nth(TR_HM_ACTION, ANY, B0, i)->a1, HM_LEVEL_HANDLER);
    const struct trace_event *e = ev_nth(TR_HM_ACTION, ANY, B0, HM_QUEUE);
    assert_int_equal(e->a1, HM_LEVEL_DEFAULT);
    assert_int_equal(e->flags, CFG_HM_LOG);
    for (int i = 0; i < HM_QUEUE; i++) {
        int32_t rc;
        error_status(B_HANDLER, &rc);
        assert_int_equal(rc, 0);
    }
    expect_no_error();
}

static void handler_misuse_is_refused(void **state)
{
    (void)state;
    bring_up(PAY, 45, 0, 0, false);
    assert_int_equal(create_handler(PAY), ID_OF(B_HANDLER));
    assert_int_equal(create_handler(PAY), -FEN_NO_ACTION);
    set_normal(PAY);
    raise_app_error(B0, "x", 1);
    const struct misuse by_handler[] = {
        REFUSE("LOCK_PREEMPTION", LOCK_PREEMPTION, 0, 0, 0, 0, NO_ACTION),
        REFUSE("SUSPEND_SELF", SUSPEND_SELF, 10, 0, 0, 0, INVALID_MODE),
        REFUSE("GET_ERROR_STATUS into code", GET_ERROR_STATUS, code_base(PAY), 0, 0, 0,
               INVALID_PARAM),
    };
    expect_refusals(B_HANDLER, by_handler, COUNT(by_handler));
    sys64(B_HANDLER, FEN_SYS_TIMED_WAIT, 10);
    const struct misuse by_others[] = {
        REFUSE("SUSPEND of the handler", SUSPEND, 3, 0, 0, 0, INVALID_MODE),
        REFUSE("START of the handler", START, 3, 0, 0, 0, INVALID_PARAM),
        REFUSE("GET_ERROR_STATUS", GET_ERROR_STATUS, scratch(PAY), 0, 0, 0, INVALID_CONFIG),
        REFUSE("CREATE_ERROR_HANDLER in normal", CREATE_ERROR_HANDLER, entry_of(B_HANDLER),
               stack_of(B_HANDLER), 256, exit_stub(PAY), INVALID_MODE),
    };
    expect_refusals(B0, by_others, COUNT(by_others));
}

int main(void)
{
    ADD_CASES(hm_action_and_outcome, hm_cases);
    add_test(TEST(lookup_goes_process_partition_module_default));
    add_test(TEST(handler_gets_process_errors_first));
    add_test(TEST(handler_reads_errors_oldest_first));
    add_test(TEST(handler_runs_before_the_lock_holder));
    add_test(TEST(handler_goes_before_its_priority));
    add_test(TEST(fault_given_to_the_handler_stops_the_process));
    add_test(TEST(errors_in_init_skip_the_handler));
    add_test(TEST(overrun_skips_the_handler));
    add_test(TEST(a_full_queue_goes_to_the_tables));
    add_test(TEST(handler_misuse_is_refused));
    return run_arinc_tests("kernel.hm");
}
