/*
 * test_objects.c - intra-partition objects (semaphores, events,
 * blackboards, buffers, mutexes) and the lightweight lock's kernel side on
 * the fake port, to the cycle.  System: objects/test_config.c (ctl owns
 * [0,100) of a 200-cycle frame, pay [100,200); ctl's initial thread has
 * priority 5, its processes low 10, mid 20 and high 30).
 *
 * The processes are driven by hand: a call is made as the thread that must
 * be running (the harness checks), and a blocked call's result is read
 * from the thread's r0 when it has been served.
 */
#include <stdio.h>
#include <string.h>

#include "arinc/harness.h"
#include "msg.h"

#define NEVER FEN_INFINITE_TIME
#define MUTEX_MAX_LOCKS 16 /* docs/communication.md */
#define LOW WHO(CTL, 1)
#define MID WHO(CTL, 2)
#define HIGH WHO(CTL, 3)
#define P1 WHO(PAY, 1)
#define P2 WHO(PAY, 2)
#define ALL (BIT(LOW) | BIT(MID) | BIT(HIGH))

/* ctl's object ids, and pay's */
enum { SEM_FIFO, SEM_PRIO, EV, BB, BUF_FIFO, BUF_PRIO, M_INH, M_INH2, M_CEIL, NUM_CTL };
enum { PAY_SEM, PAY_M, PAY_BB, NUM_PAY };

#define IDLEN(id, len) ((uint32_t)(id) | (uint32_t)(len) << 16)
#define TO(t) (uint32_t)(uint64_t)(t), (uint32_t)((uint64_t)(t) >> 32)
/* REFUSE with a timeout in r2:r3 */
#define REFUSE_T(what, n, a0, a1, t, rc)                                            \
    {what, FEN_SYS_##n, a0, a1, (uint32_t)(uint64_t)(t), (uint32_t)((uint64_t)(t) >> 32), \
     -FEN_##rc}

/* --- helpers ----------------------------------------------------------------- */

/* A call with a timeout in r2:r3. */
static int32_t call(int who, uint32_t n, uint32_t a0, uint32_t a1, uint64_t timeout)
{
    return sys4(who, n, a0, a1, TO(timeout));
}

static int32_t sem_wait(int who, uint32_t id, uint64_t timeout)
{
    return call(who, FEN_SYS_SEM_WAIT, id, 0, timeout);
}

static int32_t sem_signal(int who, uint32_t id)
{
    return sys(who, FEN_SYS_SEM_SIGNAL, id, 0);
}

static int32_t lock(int who, uint32_t id, uint64_t timeout)
{
    return call(who, FEN_SYS_MUTEX_LOCK, id, 0, timeout);
}

static int32_t unlock(int who, uint32_t id)
{
    return sys(who, FEN_SYS_MUTEX_UNLOCK, id, 0);
}

static void stop_self(int who)
{
    sys(who, FEN_SYS_STOP_SELF, 0, 0);
}

static void timed_wait(int who, uint64_t delay)
{
    assert_int_equal(sys64(who, FEN_SYS_TIMED_WAIT, delay), 0);
}

/* What a blocked thread's call returned, once it is served. */
static int32_t r0(int who)
{
    return (int32_t)th(who)->ctx.r[0];
}

static bool waiting(int who)
{
    return th(who)->state == THREAD_WAITING && th(who)->wait == WAIT_OBJECT;
}

/* A buffer of 64 bytes per thread in its partition's data region. */
static uint32_t buf_of(int who)
{
    return data_base(PART_OF(who)) + 0xd00 + (uint32_t)ID_OF(who) * 0x40;
}

static void put(uint32_t at, const char *s)
{
    memcpy(fake_memory + at, s, strlen(s));
}

static void expect_bytes(uint32_t at, const char *s)
{
    if (memcmp(fake_memory + at, s, strlen(s)) != 0)
        fail_msg("at 0x%x: expected \"%s\"", at, s);
}

static struct fen_object_status status(int who, uint32_t id)
{
    uint32_t at = scratch(PART_OF(who)) + 0x200;
    struct fen_object_status st;
    memset(fake_memory + at, 0xa5, sizeof st);
    assert_int_equal(sys(who, FEN_SYS_OBJECT_STATUS, id, at), 0);
    memcpy(&st, fake_memory + at, sizeof st);
    return st;
}

static void expect_status(int who, uint32_t id, int32_t value, uint32_t waiting_n,
                          uint32_t owner)
{
    struct fen_object_status st = status(who, id);
    assert_int_equal(st.value, value);
    assert_int_equal(st.waiting, waiting_n);
    assert_int_equal(st.owner, owner);
}

/* ctl in NORMAL at cycle `at` with its processes created, none started:
 * its initial thread runs. */
static void ctl_up(uint64_t at)
{
    bring_up(CTL, at, ALL, 0, true);
    expect_running(A0);
}

/* The nth TR_PRIORITY event of `who`: new and old priority, the mutex,
 * and (ANY: not checked) its cycle. */
static void expect_priority(int who, int nth, uint32_t now, uint32_t old, uint32_t mutex,
                            int64_t cycle)
{
    const struct trace_event *e = ev_nth(TR_PRIORITY, ANY, who, nth);
    if (!e)
        fail_msg("no TR_PRIORITY #%d of %d/%d", nth, PART_OF(who), ID_OF(who));
    assert_int_equal(e->a0, now);
    assert_int_equal(e->a1, old);
    assert_int_equal(e->a2, mutex);
    if (cycle != ANY)
        assert_int_equal(e->cycle, cycle);
}

/* --- object ids ----------------------------------------------------------------- */

static int32_t object_id(int who, const char *name, uint32_t kind)
{
    uint32_t at = scratch(PART_OF(who)) + 0x300;
    put(at, name);
    return sys4(who, FEN_SYS_GET_OBJECT_ID, at, (uint32_t)strlen(name), kind, 0);
}

static void get_object_id_names_the_partitions_objects(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        uint32_t kind;
    } ctl[NUM_CTL] = {
        {"sem_fifo", CFG_OBJ_SEMAPHORE}, {"sem_prio", CFG_OBJ_SEMAPHORE},
        {"ev", CFG_OBJ_EVENT},           {"bb", CFG_OBJ_BLACKBOARD},
        {"buf_fifo", CFG_OBJ_BUFFER},    {"buf_prio", CFG_OBJ_BUFFER},
        {"m_inh", CFG_OBJ_MUTEX},        {"m_inh2", CFG_OBJ_MUTEX},
        {"m_ceil", CFG_OBJ_MUTEX},
    };
    for (int i = 0; i < NUM_CTL; i++)
        assert_int_equal(object_id(A0, ctl[i].name, ctl[i].kind), i);
    run_to(100); /* pay's window: its own table, whatever ctl declares */
    assert_int_equal(object_id(B0, "sem", CFG_OBJ_SEMAPHORE), PAY_SEM);
    assert_int_equal(object_id(B0, "m", CFG_OBJ_MUTEX), PAY_M);
    assert_int_equal(object_id(B0, "bb", CFG_OBJ_BLACKBOARD), PAY_BB);
    assert_int_equal(object_id(B0, "sem_fifo", CFG_OBJ_SEMAPHORE), -FEN_INVALID_CONFIG);
}

static void get_object_id_refusals(void **state)
{
    (void)state;
    uint32_t at = scratch(CTL) + 0x300;
    put(at, "sem_fifoXXXXXXXXXXXX");
    put(at + 0x40, "nope");
    put(data_base(PAY) + 0x300, "ev");
    const struct misuse m[] = {
        REFUSE("unknown name", GET_OBJECT_ID, at + 0x40, 4, CFG_OBJ_EVENT, 0, INVALID_CONFIG),
        REFUSE("declared as another kind", GET_OBJECT_ID, at, 8, CFG_OBJ_EVENT, 0,
               INVALID_CONFIG),
        REFUSE("a prefix of a name", GET_OBJECT_ID, at, 7, CFG_OBJ_SEMAPHORE, 0, INVALID_CONFIG),
        REFUSE("no kind", GET_OBJECT_ID, at, 8, CFG_OBJ_KIND_COUNT, 0, INVALID_PARAM),
        REFUSE("length 0", GET_OBJECT_ID, at, 0, CFG_OBJ_SEMAPHORE, 0, INVALID_PARAM),
        REFUSE("length 16", GET_OBJECT_ID, at, 16, CFG_OBJ_SEMAPHORE, 0, INVALID_PARAM),
        REFUSE("name outside its memory", GET_OBJECT_ID, 0xf000, 2, CFG_OBJ_EVENT, 0,
               INVALID_PARAM),
        REFUSE("name in pay's memory", GET_OBJECT_ID, data_base(PAY) + 0x300, 2, CFG_OBJ_EVENT,
               0, INVALID_PARAM),
        REFUSE("name past its data region", GET_OBJECT_ID, data_base(CTL) + 0xffe, 4,
               CFG_OBJ_EVENT, 0, INVALID_PARAM),
    };
    run_to(1);
    expect_refusals(A0, m, COUNT(m));
}

/* --- every misuse is refused and changes nothing ---------------------------------- */

static void misuse_is_refused(void **state)
{
    (void)state;
    ctl_up(1);
    assert_int_equal(sem_signal(A0, SEM_FIFO), 0); /* at its maximum, 2 */
    uint32_t b = buf_of(A0), code = code_base(CTL), word = data_base(CTL) + 0xe00;
    uint32_t end = data_base(CTL) + 0x1000;
    fake_memory[word] = 1;
    const struct misuse m[] = {
        /* ids */
        REFUSE("wait: unknown id", SEM_WAIT, NUM_CTL, 0, 0, 0, INVALID_PARAM),
        REFUSE_T("wait: id 0xffff", SEM_WAIT, 0xffff, 0, NEVER, INVALID_PARAM),
        REFUSE("wait: a length beside the id", SEM_WAIT, IDLEN(SEM_FIFO, 1), 0, 0, 0,
               INVALID_PARAM),
        REFUSE_T("wait: an event", SEM_WAIT, EV, 0, NEVER, INVALID_PARAM),
        REFUSE("signal: unknown id", SEM_SIGNAL, NUM_CTL, 0, 0, 0, INVALID_PARAM),
        REFUSE("signal: a mutex", SEM_SIGNAL, M_INH, 0, 0, 0, INVALID_PARAM),
        REFUSE("set: unknown id", EVENT_SET, 200, 0, 0, 0, INVALID_PARAM),
        REFUSE("set: a semaphore", EVENT_SET, SEM_FIFO, 0, 0, 0, INVALID_PARAM),
        REFUSE("reset: a blackboard", EVENT_RESET, BB, 0, 0, 0, INVALID_PARAM),
        REFUSE("event wait: a buffer", EVENT_WAIT, BUF_FIFO, 0, 0, 0, INVALID_PARAM),
        REFUSE("display: unknown id", BLACKBOARD_DISPLAY, IDLEN(NUM_CTL, 4), b, 0, 0,
               INVALID_PARAM),
        REFUSE("display: a buffer", BLACKBOARD_DISPLAY, IDLEN(BUF_FIFO, 4), b, 0, 0,
               INVALID_PARAM),
        REFUSE("read: an event", BLACKBOARD_READ, IDLEN(EV, 16), b, 0, 0, INVALID_PARAM),
        REFUSE("clear: a semaphore", BLACKBOARD_CLEAR, SEM_PRIO, 0, 0, 0, INVALID_PARAM),
        REFUSE("clear: a length beside the id", BLACKBOARD_CLEAR, IDLEN(BB, 4), 0, 0, 0,
               INVALID_PARAM),
        REFUSE("send: a blackboard", BUFFER_SEND, IDLEN(BB, 4), b, 0, 0, INVALID_PARAM),
        REFUSE("receive: unknown id", BUFFER_RECEIVE, IDLEN(NUM_CTL, 8), b, 0, 0,
               INVALID_PARAM),
        REFUSE("lock: a semaphore", MUTEX_LOCK, SEM_FIFO, 0, 0, 0, INVALID_PARAM),
        REFUSE_T("lock: unknown id", MUTEX_LOCK, NUM_CTL, 0, NEVER, INVALID_PARAM),
        REFUSE("unlock: an event", MUTEX_UNLOCK, EV, 0, 0, 0, INVALID_PARAM),
        REFUSE("status: unknown id", OBJECT_STATUS, NUM_CTL, b, 0, 0, INVALID_PARAM),
        REFUSE("status: id with a length", OBJECT_STATUS, IDLEN(EV, 1), b, 0, 0,
               INVALID_PARAM),
        /* messages and buffers */
        REFUSE("display: length 0", BLACKBOARD_DISPLAY, IDLEN(BB, 0), b, 0, 0, INVALID_PARAM),
        REFUSE("display: 17 bytes", BLACKBOARD_DISPLAY, IDLEN(BB, 17), b, 0, 0, INVALID_PARAM),
        REFUSE("display: outside its memory", BLACKBOARD_DISPLAY, IDLEN(BB, 4), 0xf000, 0, 0,
               INVALID_PARAM),
        REFUSE("display: in pay's memory", BLACKBOARD_DISPLAY, IDLEN(BB, 4), data_base(PAY),
               0, 0, INVALID_PARAM),
        REFUSE("display: past its data region", BLACKBOARD_DISPLAY, IDLEN(BB, 16), end - 8, 0,
               0, INVALID_PARAM),
        REFUSE("read: size 15", BLACKBOARD_READ, IDLEN(BB, 15), b, 0, 0, INVALID_PARAM),
        REFUSE_T("read: size 0", BLACKBOARD_READ, IDLEN(BB, 0), b, NEVER, INVALID_PARAM),
        REFUSE("read: into its code", BLACKBOARD_READ, IDLEN(BB, 16), code, 0, 0,
               INVALID_PARAM),
        REFUSE("read: past its data region", BLACKBOARD_READ, IDLEN(BB, 16), end - 8, 0, 0,
               INVALID_PARAM),
        REFUSE("send: length 0", BUFFER_SEND, IDLEN(BUF_FIFO, 0), b, 0, 0, INVALID_PARAM),
        REFUSE_T("send: 9 bytes", BUFFER_SEND, IDLEN(BUF_FIFO, 9), b, NEVER, INVALID_PARAM),
        REFUSE("send: outside its memory", BUFFER_SEND, IDLEN(BUF_FIFO, 8), 0xfff8, 0, 0,
               INVALID_PARAM),
        REFUSE("receive: size 7", BUFFER_RECEIVE, IDLEN(BUF_FIFO, 7), b, 0, 0, INVALID_PARAM),
        REFUSE_T("receive: into its code", BUFFER_RECEIVE, IDLEN(BUF_FIFO, 8), code, NEVER,
               INVALID_PARAM),
        REFUSE("status: into its code", OBJECT_STATUS, EV, code, 0, 0, INVALID_PARAM),
        REFUSE("status: outside its memory", OBJECT_STATUS, EV, 0xfff0, 0, 0, INVALID_PARAM),
        /* lock words */
        REFUSE_T("lock wait: word not aligned", LOCK_WAIT, word + 2, 1, NEVER, INVALID_PARAM),
        REFUSE_T("lock wait: word in its code", LOCK_WAIT, code + 0x100, 0, NEVER,
               INVALID_PARAM),
        REFUSE_T("lock wait: word outside its memory", LOCK_WAIT, 0xf000, 0, NEVER,
               INVALID_PARAM),
        REFUSE_T("lock wait: word in pay's memory", LOCK_WAIT, data_base(PAY), 0, NEVER,
               INVALID_PARAM),
        REFUSE_T("lock wait: word changed", LOCK_WAIT, word, 2, NEVER, NO_ACTION),
        REFUSE("lock wait: timeout 0", LOCK_WAIT, word, 1, 0, 0, NOT_AVAILABLE),
        REFUSE("lock wake: word not aligned", LOCK_WAKE, word + 1, 1, 0, 0, INVALID_PARAM),
        REFUSE("lock wake: word in its code", LOCK_WAKE, code, 1, 0, 0, INVALID_PARAM),
        REFUSE("lock wake: word outside its memory", LOCK_WAKE, 0xfffc, 1, 0, 0, INVALID_PARAM),
        /* states: nothing to take with a timeout of 0 */
        REFUSE("wait: count 0", SEM_WAIT, SEM_PRIO, 0, 0, 0, NOT_AVAILABLE),
        REFUSE("signal: at its maximum", SEM_SIGNAL, SEM_FIFO, 0, 0, 0, NO_ACTION),
        REFUSE("event wait: down", EVENT_WAIT, EV, 0, 0, 0, NOT_AVAILABLE),
        REFUSE("read: empty", BLACKBOARD_READ, IDLEN(BB, 16), b, 0, 0, NOT_AVAILABLE),
        REFUSE("receive: empty", BUFFER_RECEIVE, IDLEN(BUF_FIFO, 8), b, 0, 0, NOT_AVAILABLE),
        REFUSE("unlock: free", MUTEX_UNLOCK, M_INH, 0, 0, 0, INVALID_MODE),
        REFUSE("lock wake: nobody waits", LOCK_WAKE, word, 5, 0, 0, NO_ERROR),
    };
    expect_refusals(A0, m, COUNT(m));
}

/* Every call on an object, with an id that is none of ctl's objects and
 * with each of ctl's objects of another kind. */
static void every_call_refuses_other_ids(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        uint32_t n, kind, len; /* len: packed with the id */
    } calls[] = {
        {"sem_wait", FEN_SYS_SEM_WAIT, CFG_OBJ_SEMAPHORE, 0},
        {"sem_signal", FEN_SYS_SEM_SIGNAL, CFG_OBJ_SEMAPHORE, 0},
        {"event_set", FEN_SYS_EVENT_SET, CFG_OBJ_EVENT, 0},
        {"event_reset", FEN_SYS_EVENT_RESET, CFG_OBJ_EVENT, 0},
        {"event_wait", FEN_SYS_EVENT_WAIT, CFG_OBJ_EVENT, 0},
        {"display", FEN_SYS_BLACKBOARD_DISPLAY, CFG_OBJ_BLACKBOARD, 4},
        {"read", FEN_SYS_BLACKBOARD_READ, CFG_OBJ_BLACKBOARD, 16},
        {"clear", FEN_SYS_BLACKBOARD_CLEAR, CFG_OBJ_BLACKBOARD, 0},
        {"send", FEN_SYS_BUFFER_SEND, CFG_OBJ_BUFFER, 4},
        {"receive", FEN_SYS_BUFFER_RECEIVE, CFG_OBJ_BUFFER, 8},
        {"lock", FEN_SYS_MUTEX_LOCK, CFG_OBJ_MUTEX, 0},
        {"unlock", FEN_SYS_MUTEX_UNLOCK, CFG_OBJ_MUTEX, 0},
    };
    static struct misuse m[COUNT(calls) * (NUM_CTL + 3)];
    static char names[COUNT(m)][48];
    const struct cfg_object *objects = cfg_system.partitions[CTL].objects;
    const uint32_t unknown[3] = {NUM_CTL, 0xff, 0xffff};
    size_t k = 0;
    ctl_up(1);
    for (size_t c = 0; c < COUNT(calls); c++) {
        for (uint32_t id = 0; id < NUM_CTL + 3; id++) {
            uint32_t which = id < NUM_CTL ? id : unknown[id - NUM_CTL];
            if (which < NUM_CTL && objects[which].kind == calls[c].kind)
                continue;
            snprintf(names[k], sizeof names[k], "%s on id %u", calls[c].name, which);
            m[k] = (struct misuse){names[k], calls[c].n, IDLEN(which, calls[c].len),
                                   buf_of(A0), TO(NEVER), -FEN_INVALID_PARAM};
            k++;
        }
    }
    expect_refusals(A0, m, k);
    assert_true(k > 5 * COUNT(calls));
}

/* A caller holding the preemption lock may not wait, even for an object
 * that is available: only a timeout of 0 is accepted. */
static void waits_with_the_preemption_lock_are_refused(void **state)
{
    (void)state;
    ctl_up(1);
    uint32_t b = buf_of(A0), word = data_base(CTL) + 0xe00;
    put(b, "message");
    assert_int_equal(sys(A0, FEN_SYS_BLACKBOARD_DISPLAY, IDLEN(BB, 4), b), 0);
    assert_int_equal(sys(A0, FEN_SYS_EVENT_SET, EV, 0), 0);
    assert_int_equal(sys(A0, FEN_SYS_LOCK_PREEMPTION, 0, 0), 1);
    const struct misuse m[] = {
        REFUSE("sem wait", SEM_WAIT, SEM_FIFO, 0, 5, 0, INVALID_MODE),
        REFUSE_T("event wait", EVENT_WAIT, EV, 0, NEVER, INVALID_MODE),
        REFUSE("read", BLACKBOARD_READ, IDLEN(BB, 16), b, 1, 0, INVALID_MODE),
        REFUSE("send", BUFFER_SEND, IDLEN(BUF_FIFO, 4), b, 0, 1, INVALID_MODE),
        REFUSE_T("receive", BUFFER_RECEIVE, IDLEN(BUF_FIFO, 8), b, NEVER, INVALID_MODE),
        REFUSE_T("lock", MUTEX_LOCK, M_INH, 0, NEVER, INVALID_MODE),
        REFUSE_T("lock wait", LOCK_WAIT, word, 0, NEVER, INVALID_MODE),
    };
    expect_refusals(A0, m, COUNT(m));
    assert_int_equal(sem_wait(A0, SEM_FIFO, 0), 0);
    assert_int_equal(lock(A0, M_INH, 0), 0);
}

/* pay's error handler may look but not wait. */
static void the_error_handler_may_not_wait(void **state)
{
    (void)state;
    bring_up(PAY, 100, BIT(P1) | BIT(P2), 0, false);
    assert_int_equal(create_handler(PAY), 3);
    set_normal(PAY);
    uint32_t msg = scratch(PAY) + 0x300;
    put(msg, "stuck");
    sys(B0, FEN_SYS_RAISE_ERROR, msg, 5);
    expect_running(B_HANDLER);
    uint32_t b = buf_of(B_HANDLER);
    const struct misuse m[] = {
        REFUSE("sem wait", SEM_WAIT, PAY_SEM, 0, 5, 0, INVALID_MODE),
        REFUSE_T("read", BLACKBOARD_READ, IDLEN(PAY_BB, 4), b, NEVER, INVALID_MODE),
        REFUSE("lock", MUTEX_LOCK, PAY_M, 0, 7, 0, INVALID_MODE),
        REFUSE("sem wait, not waiting", SEM_WAIT, PAY_SEM, 0, 0, 0, NOT_AVAILABLE),
        REFUSE("ctl's semaphore id 5", SEM_WAIT, 5, 0, 0, 0, INVALID_PARAM),
    };
    expect_refusals(B_HANDLER, m, COUNT(m));
    assert_int_equal(lock(B_HANDLER, PAY_M, 0), 0);
    assert_int_equal(unlock(B_HANDLER, PAY_M), 0);
}

/* --- waiting: every kind of timeout, for every call that waits ----------------------- */

/* What low passes beside the id: nothing, its buffer (holding "wxyz"),
 * or the lock word and the value it expects there. */
enum wait_arg { NO_ARG, LOW_BUF, LOCK_WORD };

struct wait_case {
    const char *name;
    uint32_t n, a0;      /* the call low makes (timeout apart) */
    enum wait_arg arg;
    int32_t served;      /* its result when served */
    void (*setup)(void); /* by ctl's initial thread: nothing to take */
    void (*serve)(void); /* by ctl's initial thread */
    const char *got;     /* served: what low's buffer holds, or NULL */
};

#define WORD (data_base(CTL) + 0xe00)

static void no_setup(void) {}
static void signal_sem(void) { assert_int_equal(sem_signal(A0, SEM_PRIO), 0); }
static void set_event(void) { assert_int_equal(sys(A0, FEN_SYS_EVENT_SET, EV, 0), 0); }
static void display(void)
{
    put(buf_of(A0), "hello");
    assert_int_equal(sys(A0, FEN_SYS_BLACKBOARD_DISPLAY, IDLEN(BB, 5), buf_of(A0)), 0);
}
static void send_abc(void)
{
    put(buf_of(A0), "abc");
    assert_int_equal(call(A0, FEN_SYS_BUFFER_SEND, IDLEN(BUF_FIFO, 3), buf_of(A0), 0), 0);
}
static void fill_buf_prio(void)
{
    put(buf_of(A0), "full");
    assert_int_equal(call(A0, FEN_SYS_BUFFER_SEND, IDLEN(BUF_PRIO, 4), buf_of(A0), 0), 0);
}
static void receive_buf_prio(void)
{
    assert_int_equal(call(A0, FEN_SYS_BUFFER_RECEIVE, IDLEN(BUF_PRIO, 8), buf_of(A0), 0), 4);
    expect_bytes(buf_of(A0), "full");
}
static void lock_m_inh(void) { assert_int_equal(lock(A0, M_INH, 0), 0); }
static void unlock_m_inh(void) { assert_int_equal(unlock(A0, M_INH), 0); }
static void word_taken(void) { fake_memory[WORD] = 2; }
static void wake_word(void)
{
    assert_int_equal(sys(A0, FEN_SYS_LOCK_WAKE, WORD, 1), 1);
}

static struct wait_case wait_cases[] = {
    {"semaphore", FEN_SYS_SEM_WAIT, SEM_PRIO, NO_ARG, 0, no_setup, signal_sem, NULL},
    {"event", FEN_SYS_EVENT_WAIT, EV, NO_ARG, 0, no_setup, set_event, NULL},
    {"blackboard", FEN_SYS_BLACKBOARD_READ, IDLEN(BB, 16), LOW_BUF, 5, no_setup, display,
     "hello"},
    {"buffer_receive", FEN_SYS_BUFFER_RECEIVE, IDLEN(BUF_FIFO, 8), LOW_BUF, 3, no_setup,
     send_abc, "abc"},
    {"buffer_send", FEN_SYS_BUFFER_SEND, IDLEN(BUF_PRIO, 4), LOW_BUF, 0, fill_buf_prio,
     receive_buf_prio, NULL},
    {"mutex", FEN_SYS_MUTEX_LOCK, M_INH, NO_ARG, 0, lock_m_inh, unlock_m_inh, NULL},
    {"lock_word", FEN_SYS_LOCK_WAIT, 0, LOCK_WORD, 0, word_taken, wake_word, NULL},
};

static int32_t low_waits(const struct wait_case *c, uint64_t timeout)
{
    switch (c->arg) {
    case LOW_BUF:
        put(buf_of(LOW), "wxyz");
        return call(LOW, c->n, c->a0, buf_of(LOW), timeout);
    case LOCK_WORD:
        return call(LOW, c->n, WORD, 2, timeout);
    default:
        return call(LOW, c->n, c->a0, 0, timeout);
    }
}

/* ctl up, the object made unavailable, low started (it runs). */
static const struct wait_case *wait_setup(void **state)
{
    const struct wait_case *c = *state;
    ctl_up(1);
    c->setup();
    start(A0, LOW);
    expect_running(LOW);
    return c;
}

static void wait_zero_does_not_wait(void **state)
{
    const struct wait_case *c = wait_setup(state);
    assert_int_equal(low_waits(c, 0), -FEN_NOT_AVAILABLE);
    expect_running(LOW);
    assert_false(th(LOW)->sleeping);
}

static void wait_times_out_at_its_exact_cycle(void **state)
{
    const struct wait_case *c = wait_setup(state);
    run_to(10);
    assert_int_equal(low_waits(c, 25), 0);
    assert_true(waiting(LOW));
    expect_running(A0);
    run_to(34);
    assert_true(waiting(LOW));
    run_to(35);
    expect_running(LOW);
    assert_int_equal(r0(LOW), -FEN_TIMED_OUT);
    expect_event(TR_WAKE, 1, LOW, 35, 35, ANY);
    assert_null(th(LOW)->waitq);
    /* and a wait across a window it is not in ends at its next one */
    assert_int_equal(low_waits(c, 100), 0);
    run_to(199);
    assert_true(waiting(LOW));
    run_to(200);
    expect_running(LOW);
    assert_int_equal(r0(LOW), -FEN_TIMED_OUT);
    assert_int_equal(ev_last(TR_WAKE, 1, LOW)->a0, 135);
}

static void wait_served_before_its_timeout(void **state)
{
    const struct wait_case *c = wait_setup(state);
    run_to(10);
    assert_int_equal(low_waits(c, 25), 0);
    run_to(34);
    c->serve();
    expect_running(LOW);
    assert_int_equal(r0(LOW), c->served);
    assert_false(th(LOW)->sleeping);
    assert_null(th(LOW)->waitq);
    if (c->got)
        expect_bytes(buf_of(LOW), c->got);
    run_to(60);
    assert_int_equal(ev_count(TR_WAKE, ANY, LOW), 0);
}

static void wait_forever(void **state)
{
    const struct wait_case *c = wait_setup(state);
    assert_int_equal(low_waits(c, NEVER), 0);
    assert_true(waiting(LOW));
    assert_false(th(LOW)->sleeping);
    run_to(1099); /* five frames later, in ctl's window */
    assert_true(waiting(LOW));
    expect_running(A0);
    c->serve();
    expect_running(LOW);
    assert_int_equal(r0(LOW), c->served);
    if (c->got)
        expect_bytes(buf_of(LOW), c->got);
}

static void add_wait_tests(void)
{
    static const struct {
        const char *suffix;
        CMUnitTestFunction f;
    } kinds[] = {
        {"timeout_0_does_not_wait", wait_zero_does_not_wait},
        {"times_out_at_its_exact_cycle", wait_times_out_at_its_exact_cycle},
        {"served_before_its_timeout", wait_served_before_its_timeout},
        {"waits_forever", wait_forever},
    };
    static char names[COUNT(kinds) * COUNT(wait_cases)][64];
    size_t n = 0;
    for (size_t c = 0; c < COUNT(wait_cases); c++) {
        for (size_t k = 0; k < COUNT(kinds); k++, n++) {
            snprintf(names[n], sizeof names[n], "%s_%s", wait_cases[c].name, kinds[k].suffix);
            add_test((struct CMUnitTest){names[n], kinds[k].f, arinc_setup, arinc_teardown,
                                         &wait_cases[c]});
        }
    }
}

/* --- semaphores ------------------------------------------------------------------------ */

/* low, mid and high block in that order (each is started by the initial
 * thread and blocks at once). */
static void block_in_order(uint32_t n, uint32_t a0, const uint32_t a1[3])
{
    const int who[3] = {LOW, MID, HIGH};
    for (int i = 0; i < 3; i++) {
        if (th(who[i])->state == THREAD_DORMANT)
            start(A0, who[i]);
        expect_running(who[i]);
        assert_int_equal(call(who[i], n, a0, a1 ? a1[i] : 0, NEVER), 0);
        assert_true(waiting(who[i]));
    }
    expect_running(A0);
}

static void semaphores_serve_fifo_or_by_priority(void **state)
{
    (void)state;
    ctl_up(1);
    expect_status(A0, SEM_FIFO, 1, 0, 0xff);
    assert_int_equal(sem_wait(A0, SEM_FIFO, 0), 0);
    expect_status(A0, SEM_FIFO, 0, 0, 0xff);
    block_in_order(FEN_SYS_SEM_WAIT, SEM_FIFO, NULL);
    expect_status(A0, SEM_FIFO, 0, 3, 0xff);
    /* FIFO: low first, although it has the lowest priority; each then
     * waits on the priority semaphore */
    const int fifo[3] = {LOW, MID, HIGH};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(sem_signal(A0, SEM_FIFO), 0);
        expect_running(fifo[i]);
        assert_int_equal(r0(fifo[i]), 0);
        assert_int_equal(sem_wait(fifo[i], SEM_PRIO, NEVER), 0);
        expect_running(A0);
    }
    expect_status(A0, SEM_FIFO, 0, 0, 0xff); /* every unit went to a waiter */
    expect_status(A0, SEM_PRIO, 0, 3, 0xff);
    const int prio[3] = {HIGH, MID, LOW};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(sem_signal(A0, SEM_PRIO), 0);
        expect_running(prio[i]);
        stop_self(prio[i]);
    }
    expect_status(A0, SEM_PRIO, 0, 0, 0xff);
    assert_int_equal(sem_signal(A0, SEM_PRIO), 0);
    assert_int_equal(sem_signal(A0, SEM_PRIO), -FEN_NO_ACTION);
    expect_status(A0, SEM_PRIO, 1, 0, 0xff);
}

/* pay's semaphore serves by priority, FIFO among equals; a waiter whose
 * priority is raised moves ahead. */
static void equal_priorities_are_served_in_arrival_order(void **state)
{
    (void)state;
    bring_up(PAY, 100, BIT(P1) | BIT(P2), 0, true);
    start(B0, P1);
    assert_int_equal(sem_wait(P1, PAY_SEM, NEVER), 0);
    start(B0, P2);
    assert_int_equal(sem_wait(P2, PAY_SEM, NEVER), 0);
    assert_int_equal(sem_signal(B0, PAY_SEM), 0);
    expect_running(P1);
    assert_int_equal(sem_wait(P1, PAY_SEM, NEVER), 0); /* behind p2 now */
    assert_int_equal(sys(B0, FEN_SYS_THREAD_SET_PRIORITY, ID_OF(P1), 12), 0);
    assert_int_equal(sem_signal(B0, PAY_SEM), 0);
    expect_running(P1);
    stop_self(P1);
    assert_int_equal(sem_signal(B0, PAY_SEM), 0);
    expect_running(P2);
}

/* --- events -------------------------------------------------------------------------------- */

static void set_readies_every_waiter_and_reset_puts_it_down(void **state)
{
    (void)state;
    ctl_up(1);
    block_in_order(FEN_SYS_EVENT_WAIT, EV, NULL);
    expect_status(A0, EV, 0, 3, 0xff);
    assert_int_equal(sys(A0, FEN_SYS_EVENT_SET, EV, 0), 0);
    expect_running(HIGH);
    for (int i = 1; i <= 3; i++) {
        assert_int_equal(th(WHO(CTL, i))->state, THREAD_READY);
        assert_int_equal(r0(WHO(CTL, i)), 0);
    }
    expect_status(HIGH, EV, 1, 0, 0xff);
    assert_int_equal(call(HIGH, FEN_SYS_EVENT_WAIT, EV, 0, NEVER), 0); /* up: at once */
    expect_running(HIGH);
    assert_int_equal(sys(HIGH, FEN_SYS_EVENT_RESET, EV, 0), 0);
    expect_status(HIGH, EV, 0, 0, 0xff);
    assert_int_equal(call(HIGH, FEN_SYS_EVENT_WAIT, EV, 0, 0), -FEN_NOT_AVAILABLE);
    assert_int_equal(call(HIGH, FEN_SYS_EVENT_WAIT, EV, 0, NEVER), 0);
    expect_running(MID);
}

/* --- blackboards ---------------------------------------------------------------------------- */

static void display_gives_every_waiting_reader_a_copy(void **state)
{
    (void)state;
    ctl_up(1);
    const uint32_t bufs[3] = {buf_of(LOW), buf_of(MID), buf_of(HIGH)};
    /* readers with buffers of 16 (the maximum) and more bytes */
    block_in_order(FEN_SYS_BLACKBOARD_READ, IDLEN(BB, 16), bufs);
    assert_int_equal(call(A0, FEN_SYS_BLACKBOARD_READ, IDLEN(BB, 64), buf_of(A0), 0),
                     -FEN_NOT_AVAILABLE);
    put(buf_of(A0), "0123456789abcdef");
    assert_int_equal(sys(A0, FEN_SYS_BLACKBOARD_DISPLAY, IDLEN(BB, 10), buf_of(A0)), 0);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(r0(WHO(CTL, i + 1)), 10);
        expect_bytes(bufs[i], "0123456789");
        assert_int_equal(fake_memory[bufs[i] + 10], 0); /* no more than the message */
    }
    expect_running(HIGH);
    stop_self(HIGH);
    stop_self(MID);
    stop_self(LOW);
    struct fen_object_status st = status(A0, BB);
    assert_int_equal(st.kind, CFG_OBJ_BLACKBOARD);
    assert_int_equal(st.value, 1);
    assert_int_equal(st.max_message, 16);
    /* a read takes nothing away; a display replaces the message */
    memset(fake_memory + buf_of(A0) + 0x20, 0, 16);
    assert_int_equal(call(A0, FEN_SYS_BLACKBOARD_READ, IDLEN(BB, 16), buf_of(A0) + 0x20, 0),
                     10);
    assert_int_equal(call(A0, FEN_SYS_BLACKBOARD_READ, IDLEN(BB, 16), buf_of(A0) + 0x20, 0),
                     10);
    assert_int_equal(sys(A0, FEN_SYS_BLACKBOARD_DISPLAY, IDLEN(BB, 16), buf_of(A0)), 0);
    assert_int_equal(call(A0, FEN_SYS_BLACKBOARD_READ, IDLEN(BB, 16), buf_of(A0) + 0x20, 0),
                     16);
    expect_bytes(buf_of(A0) + 0x20, "0123456789abcdef");
    assert_int_equal(sys(A0, FEN_SYS_BLACKBOARD_CLEAR, BB, 0), 0);
    expect_status(A0, BB, 0, 0, 0xff);
    assert_int_equal(call(A0, FEN_SYS_BLACKBOARD_READ, IDLEN(BB, 16), buf_of(A0), 0),
                     -FEN_NOT_AVAILABLE);
}

/* --- buffers -------------------------------------------------------------------------------- */

static int32_t send(int who, uint32_t id, const char *msg, uint64_t timeout)
{
    put(buf_of(who), msg);
    return call(who, FEN_SYS_BUFFER_SEND, IDLEN(id, strlen(msg)), buf_of(who), timeout);
}

static void receive(int who, uint32_t id, const char *want)
{
    uint32_t at = buf_of(who) + 0x20;
    memset(fake_memory + at, 0, 8);
    assert_int_equal(call(who, FEN_SYS_BUFFER_RECEIVE, IDLEN(id, 8), at, 0),
                     (int32_t)strlen(want));
    expect_bytes(at, want);
}

/* The slot of ctl's buf_fifo holding `msg`, which must be there. */
static const struct msg_header *slot_with(const char *msg)
{
    const struct cfg_object *c = &cfg_system.partitions[CTL].objects[BUF_FIFO];
    for (uint32_t i = 0; i < c->depth; i++) {
        struct msg_header *h = msg_slot(c->store, c->max_message, i);
        if (h->length == strlen(msg) && memcmp(msg_data(h), msg, h->length) == 0)
            return h;
    }
    fail_msg("no slot holds %s", msg);
    return 0;
}

static void buffers_keep_order_and_blocked_senders_messages(void **state)
{
    (void)state;
    ctl_up(1);
    assert_int_equal(send(A0, BUF_FIFO, "one", 0), 0);
    run_to(2);
    assert_int_equal(send(A0, BUF_FIFO, "two2", 0), 0);
    assert_int_equal(send(A0, BUF_FIFO, "x", 0), -FEN_NOT_AVAILABLE);
    struct fen_object_status st = status(A0, BUF_FIFO);
    assert_int_equal(st.kind, CFG_OBJ_BUFFER);
    assert_int_equal(st.value, 2);
    assert_int_equal(st.maximum, 2);
    assert_int_equal(st.max_message, 8);
    assert_int_equal(slot_with("two2")->sent_at, 2);
    /* full: low and mid block, their messages stay with them */
    run_to(5);
    start(A0, LOW);
    assert_int_equal(send(LOW, BUF_FIFO, "three", NEVER), 0);
    run_to(6);
    start(A0, MID);
    assert_int_equal(send(MID, BUF_FIFO, "four", 20), 0);
    expect_status(A0, BUF_FIFO, 2, 2, 0xff);
    run_to(9);
    receive(A0, BUF_FIFO, "one"); /* low's message takes the slot (FIFO) */
    expect_running(LOW);
    assert_int_equal(r0(LOW), 0);
    assert_int_equal(slot_with("three")->sent_at, 5); /* stamped at its send */
    stop_self(LOW);
    receive(A0, BUF_FIFO, "two2");
    expect_running(MID);
    assert_false(th(MID)->sleeping);
    assert_int_equal(slot_with("four")->sent_at, 6);
    stop_self(MID);
    receive(A0, BUF_FIFO, "three");
    receive(A0, BUF_FIFO, "four");
    expect_status(A0, BUF_FIFO, 0, 0, 0xff);
    /* a message for a waiting receiver goes straight to it */
    start(A0, LOW);
    assert_int_equal(call(LOW, FEN_SYS_BUFFER_RECEIVE, IDLEN(BUF_FIFO, 32), buf_of(LOW) + 0x20,
                          NEVER),
                     0);
    assert_int_equal(send(A0, BUF_FIFO, "direct", 0), 0);
    expect_running(LOW);
    assert_int_equal(r0(LOW), 6);
    expect_bytes(buf_of(LOW) + 0x20, "direct");
    expect_status(LOW, BUF_FIFO, 0, 0, 0xff);
}

static void buffers_serve_receivers_fifo_or_by_priority(void **state)
{
    (void)state;
    ctl_up(1);
    const uint32_t bufs[3] = {buf_of(LOW), buf_of(MID), buf_of(HIGH)};
    block_in_order(FEN_SYS_BUFFER_RECEIVE, IDLEN(BUF_FIFO, 8), bufs);
    const int fifo[3] = {LOW, MID, HIGH};
    const char *msgs[3] = {"m1", "m2", "m3"};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(send(A0, BUF_FIFO, msgs[i], 0), 0);
        expect_running(fifo[i]);
        assert_int_equal(r0(fifo[i]), 2);
        expect_bytes(bufs[i], msgs[i]);
        /* then each waits on the priority buffer */
        assert_int_equal(call(fifo[i], FEN_SYS_BUFFER_RECEIVE, IDLEN(BUF_PRIO, 8), bufs[i],
                              NEVER),
                         0);
    }
    const int prio[3] = {HIGH, MID, LOW};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(send(A0, BUF_PRIO, msgs[i], 0), 0);
        expect_running(prio[i]);
        expect_bytes(bufs[prio[i] - LOW], msgs[i]);
        stop_self(prio[i]);
    }
    expect_status(A0, BUF_PRIO, 0, 0, 0xff);
}

/* --- mutexes -------------------------------------------------------------------------------- */

static void mutex_lock_nests_and_only_its_owner_unlocks(void **state)
{
    (void)state;
    ctl_up(1);
    for (int i = 1; i <= MUTEX_MAX_LOCKS; i++) {
        assert_int_equal(lock(A0, M_INH, i % 2 ? 0 : NEVER), 0);
        expect_status(A0, M_INH, i, 0, 0);
    }
    const struct misuse m[] = {
        REFUSE("nested too deep", MUTEX_LOCK, M_INH, 0, 0, 0, INVALID_CONFIG),
    };
    expect_refusals(A0, m, COUNT(m));
    struct fen_object_status st = status(A0, M_INH);
    assert_int_equal(st.kind, CFG_OBJ_MUTEX);
    assert_int_equal(st.max_message, 0);
    /* low (higher priority) may neither unlock it nor take it */
    start(A0, LOW);
    const struct misuse n[] = {
        REFUSE("unlock by another", MUTEX_UNLOCK, M_INH, 0, 0, 0, INVALID_MODE),
        REFUSE("lock without waiting", MUTEX_LOCK, M_INH, 0, 0, 0, NOT_AVAILABLE),
    };
    expect_refusals(LOW, n, COUNT(n));
    timed_wait(LOW, 50);
    for (int i = MUTEX_MAX_LOCKS - 1; i >= 0; i--) {
        assert_int_equal(unlock(A0, M_INH), 0);
        expect_status(A0, M_INH, i, 0, i ? 0 : 0xff);
    }
    assert_int_equal(unlock(A0, M_INH), -FEN_INVALID_MODE);
    assert_int_equal(ev_count(TR_PRIORITY, ANY, ANY), 0);
}

/* Low holds the mutex, high waits for it, mid is ready: low runs at
 * high's priority until it lets go, so mid cannot hold high up. */
static void inheritance_lends_the_waiters_priority(void **state)
{
    (void)state;
    ctl_up(1);
    start(A0, HIGH);
    timed_wait(HIGH, 19); /* until 20 */
    start(A0, MID);
    timed_wait(MID, 24); /* until 25 */
    start(A0, LOW);
    assert_int_equal(lock(LOW, M_INH, 0), 0);
    assert_int_equal(ev_count(TR_PRIORITY, ANY, ANY), 0);
    run_to(20);
    expect_running(HIGH);
    assert_int_equal(lock(HIGH, M_INH, NEVER), 0);
    expect_running(LOW);
    expect_priority(LOW, 0, 30, 10, M_INH, 20);
    struct fen_process_status ps = process_status(LOW, LOW);
    assert_int_equal(ps.current_priority, 30);
    assert_int_equal(ps.base_priority, 10);
    expect_status(LOW, M_INH, 1, 1, ID_OF(LOW));
    run_to(25);
    assert_int_equal(th(MID)->state, THREAD_READY);
    expect_running(LOW); /* mid (20) waits behind the boosted owner */
    run_to(27);
    assert_int_equal(unlock(LOW, M_INH), 0);
    expect_priority(LOW, 1, 10, 30, M_INH, 27);
    expect_running(HIGH);
    assert_int_equal(r0(HIGH), 0);
    expect_status(HIGH, M_INH, 1, 0, ID_OF(HIGH));
    assert_int_equal(ev_count(TR_PRIORITY, ANY, HIGH), 0);
    assert_int_equal(unlock(HIGH, M_INH), 0);
    stop_self(HIGH);
    expect_running(MID);
    stop_self(MID);
    expect_running(LOW);
    assert_int_equal(ev_count(TR_PRIORITY, ANY, ANY), 2);
}

/* Low holds m_inh; mid holds m_inh2 and waits for m_inh; high waits for
 * m_inh2: low runs at high's priority, through mid. */
static void inheritance_follows_a_chain_of_owners(void **state)
{
    (void)state;
    ctl_up(1);
    start(A0, HIGH);
    timed_wait(HIGH, 29);
    start(A0, MID);
    timed_wait(MID, 19);
    start(A0, LOW);
    assert_int_equal(lock(LOW, M_INH, 0), 0);
    run_to(20);
    assert_int_equal(lock(MID, M_INH2, 0), 0);
    assert_int_equal(lock(MID, M_INH, NEVER), 0);
    expect_running(LOW);
    expect_priority(LOW, 0, 20, 10, M_INH, 20);
    run_to(30);
    assert_int_equal(lock(HIGH, M_INH2, NEVER), 0);
    expect_priority(MID, 0, 30, 20, M_INH2, 30);
    expect_priority(LOW, 1, 30, 20, M_INH, 30);
    assert_int_equal(th(LOW)->priority, 30);
    expect_running(LOW);
    run_to(33);
    assert_int_equal(unlock(LOW, M_INH), 0);
    expect_priority(LOW, 2, 10, 30, M_INH, 33);
    expect_running(MID); /* owns m_inh now, still at high's priority */
    assert_int_equal(r0(MID), 0);
    assert_int_equal(th(MID)->priority, 30);
    assert_int_equal(ev_count(TR_PRIORITY, ANY, MID), 1);
    assert_int_equal(unlock(MID, M_INH2), 0);
    expect_priority(MID, 1, 20, 30, M_INH2, 33);
    expect_running(HIGH);
    stop_self(HIGH); /* releases m_inh2 */
    expect_status(MID, M_INH2, 0, 0, 0xff);
    assert_int_equal(unlock(MID, M_INH), 0);
    stop_self(MID);
    expect_running(LOW);
    assert_int_equal(ev_count(TR_PRIORITY, ANY, ANY), 5);
}

/* A waiter that leaves without the mutex (timeout, stop) takes back what
 * it lent, along the chain too. */
static void a_leaving_waiter_takes_its_priority_back(void **state)
{
    (void)state;
    ctl_up(1);
    start(A0, HIGH);
    timed_wait(HIGH, 19);
    start(A0, MID);
    timed_wait(MID, 9);
    start(A0, LOW);
    assert_int_equal(lock(LOW, M_INH, 0), 0);
    run_to(10);
    assert_int_equal(lock(MID, M_INH2, 0), 0);
    assert_int_equal(lock(MID, M_INH, NEVER), 0); /* low -> 20 */
    run_to(20);
    assert_int_equal(lock(HIGH, M_INH2, 10), 0); /* mid, low -> 30 */
    assert_int_equal(th(LOW)->priority, 30);
    run_to(30); /* high gives up */
    expect_running(HIGH);
    assert_int_equal(r0(HIGH), -FEN_TIMED_OUT);
    expect_priority(MID, 1, 20, 30, M_INH2, 30);
    expect_priority(LOW, 2, 20, 30, M_INH, 30);
    /* high stops mid, which waits for m_inh: low is back at 10 */
    assert_int_equal(sys(HIGH, FEN_SYS_STOP, ID_OF(MID), 0), 0);
    expect_priority(LOW, 3, 10, 20, M_INH, 30);
    expect_status(HIGH, M_INH, 1, 0, ID_OF(LOW));
    expect_status(HIGH, M_INH2, 0, 0, 0xff); /* mid's, let go when it stopped */
    assert_int_equal(th(MID)->priority, 20);
}

/* A stopped owner's mutexes go to their waiters; started again, it holds
 * nothing and has its own priority. */
static void a_stopped_owner_releases_its_mutexes(void **state)
{
    (void)state;
    ctl_up(1);
    start(A0, HIGH);
    timed_wait(HIGH, 29);
    start(A0, MID);
    timed_wait(MID, 9);
    start(A0, LOW);
    assert_int_equal(lock(LOW, M_INH, 0), 0);
    assert_int_equal(lock(LOW, M_INH, 0), 0);
    assert_int_equal(lock(LOW, M_INH2, 0), 0);
    run_to(10);
    assert_int_equal(lock(MID, M_INH, NEVER), 0);
    assert_int_equal(th(LOW)->priority, 20);
    run_to(30);
    assert_int_equal(sys(HIGH, FEN_SYS_STOP, ID_OF(LOW), 0), 0);
    assert_int_equal(th(LOW)->state, THREAD_DORMANT);
    assert_null(th(LOW)->held);
    assert_int_equal(th(LOW)->priority, 10);
    expect_priority(LOW, 1, 10, 20, M_INH, 30);
    expect_status(HIGH, M_INH, 1, 0, ID_OF(MID));
    expect_status(HIGH, M_INH2, 0, 0, 0xff);
    assert_int_equal(th(MID)->state, THREAD_READY);
    assert_int_equal(r0(MID), 0);
    start(HIGH, LOW);
    assert_int_equal(th(LOW)->priority, 10);
    stop_self(HIGH);
    expect_running(MID);
    assert_int_equal(unlock(MID, M_INH), 0);
    stop_self(MID);
    expect_running(LOW);
    assert_int_equal(lock(LOW, M_INH2, 0), 0);
}

/* Holding a ceiling mutex runs its owner at the ceiling; a process above
 * the ceiling may not take it. */
static void ceiling_raises_the_owner_and_refuses_higher_callers(void **state)
{
    (void)state;
    ctl_up(1);
    start(A0, HIGH);
    const struct misuse m[] = {
        REFUSE("above the ceiling", MUTEX_LOCK, M_CEIL, 0, 0, 0, INVALID_CONFIG),
        REFUSE_T("above the ceiling, waiting", MUTEX_LOCK, M_CEIL, 0, NEVER, INVALID_CONFIG),
    };
    expect_refusals(HIGH, m, COUNT(m));
    /* at the ceiling exactly, it may */
    assert_int_equal(sys(HIGH, FEN_SYS_THREAD_SET_PRIORITY, ID_OF(HIGH), 25), 0);
    assert_int_equal(lock(HIGH, M_CEIL, 0), 0);
    assert_int_equal(unlock(HIGH, M_CEIL), 0);
    assert_int_equal(sys(HIGH, FEN_SYS_THREAD_SET_PRIORITY, ID_OF(HIGH), 30), 0);
    assert_int_equal(ev_count(TR_PRIORITY, ANY, ANY), 0);
    timed_wait(HIGH, 19);
    start(A0, MID);
    timed_wait(MID, 9);
    start(A0, LOW);
    assert_int_equal(lock(LOW, M_CEIL, 0), 0);
    expect_priority(LOW, 0, 25, 10, M_CEIL, 1);
    assert_int_equal(lock(LOW, M_CEIL, 0), 0); /* nested: nothing changes */
    assert_int_equal(ev_count(TR_PRIORITY, ANY, ANY), 1);
    run_to(10);
    expect_running(LOW); /* mid (20) is below the ceiling */
    timed_wait(LOW, 5);
    expect_running(MID);
    assert_int_equal(lock(MID, M_CEIL, NEVER), 0);
    assert_int_equal(ev_count(TR_PRIORITY, ANY, ANY), 1); /* the ceiling is all */
    run_to(15);
    expect_running(LOW);
    run_to(20);
    expect_running(HIGH);
    stop_self(HIGH);
    expect_running(LOW);
    assert_int_equal(unlock(LOW, M_CEIL), 0);
    assert_int_equal(th(LOW)->priority, 25);
    assert_int_equal(unlock(LOW, M_CEIL), 0);
    expect_priority(LOW, 1, 10, 25, M_CEIL, 20);
    expect_running(MID);
    expect_priority(MID, 0, 25, 20, M_CEIL, 20);
    expect_status(MID, M_CEIL, 1, 0, ID_OF(MID));
}

/* An owner that gives its boost back goes in front of the ready
 * processes of its own priority: mid, lowered to low's priority and
 * ready behind it, does not overtake it. */
static void a_lowered_owner_keeps_its_turn(void **state)
{
    (void)state;
    ctl_up(1);
    start(A0, HIGH);
    timed_wait(HIGH, 19);
    start(A0, MID);
    assert_int_equal(sys(MID, FEN_SYS_THREAD_SET_PRIORITY, ID_OF(MID), 10), 0);
    timed_wait(MID, 9);
    start(A0, LOW);
    assert_int_equal(lock(LOW, M_INH, 0), 0);
    run_to(10);
    expect_running(LOW); /* mid, ready, waits for its turn */
    run_to(20);
    assert_int_equal(lock(HIGH, M_INH, NEVER), 0);
    expect_running(LOW);
    assert_int_equal(unlock(LOW, M_INH), 0);
    expect_running(HIGH);
    stop_self(HIGH);
    expect_running(LOW);
}

/* SET_PRIORITY changes the nominal priority: a boost stays above it,
 * and the owner of a mutex its target waits for follows. */
static void set_priority_keeps_the_boost(void **state)
{
    (void)state;
    ctl_up(1);
    start(A0, HIGH);
    timed_wait(HIGH, 19);
    start(A0, MID);
    timed_wait(MID, 9);
    start(A0, LOW);
    assert_int_equal(lock(LOW, M_INH, 0), 0);
    run_to(10);
    assert_int_equal(lock(MID, M_INH, NEVER), 0);
    assert_int_equal(th(LOW)->priority, 20);
    /* the waiter's priority moves the owner's */
    assert_int_equal(sys(LOW, FEN_SYS_THREAD_SET_PRIORITY, ID_OF(MID), 28), 0);
    expect_priority(LOW, 1, 28, 20, M_INH, 10);
    assert_int_equal(sys(LOW, FEN_SYS_THREAD_SET_PRIORITY, ID_OF(MID), 12), 0);
    expect_priority(LOW, 2, 12, 28, M_INH, 10);
    /* the owner's own: below its boost, it keeps the boost */
    assert_int_equal(sys(LOW, FEN_SYS_THREAD_SET_PRIORITY, ID_OF(LOW), 11), 0);
    assert_int_equal(th(LOW)->priority, 12);
    assert_int_equal(th(LOW)->nominal_priority, 11);
    assert_int_equal(sys(LOW, FEN_SYS_THREAD_SET_PRIORITY, ID_OF(LOW), 40), 0);
    assert_int_equal(th(LOW)->priority, 40);
    assert_int_equal(sys(LOW, FEN_SYS_THREAD_SET_PRIORITY, ID_OF(LOW), 11), 0);
    assert_int_equal(th(LOW)->priority, 12);
    assert_int_equal(ev_count(TR_PRIORITY, ANY, LOW), 3); /* SET_PRIORITY's are not */
    run_to(20);
    assert_int_equal(lock(HIGH, M_INH, NEVER), 0);
    expect_priority(LOW, 3, 30, 12, M_INH, 20);
    struct fen_process_status ps = process_status(LOW, LOW);
    assert_int_equal(ps.current_priority, 30);
    assert_int_equal(ps.base_priority, 10);
    assert_int_equal(unlock(LOW, M_INH), 0);
    expect_priority(LOW, 4, 11, 30, M_INH, 20); /* its new nominal priority */
    expect_running(HIGH);
    assert_int_equal(th(HIGH)->priority, 30);
    assert_int_equal(unlock(HIGH, M_INH), 0);
    expect_status(HIGH, M_INH, 1, 0, ID_OF(MID));
    assert_int_equal(th(MID)->priority, 12);
    assert_int_equal(ev_count(TR_PRIORITY, ANY, HIGH), 0);
    assert_int_equal(ev_count(TR_PRIORITY, ANY, MID), 0);
}

/* --- the lightweight lock's kernel side -------------------------------------------------- */

/* Low and high wait on one word, mid on another: a wake takes the
 * word's waiters highest first, up to the count asked for. */
static void lock_wake_readies_the_words_waiters_by_priority(void **state)
{
    (void)state;
    ctl_up(1);
    uint32_t word = data_base(CTL) + 0xe00, other = word + 4;
    fake_memory[word] = 2;
    fake_memory[other] = 2;
    start(A0, LOW);
    assert_int_equal(call(LOW, FEN_SYS_LOCK_WAIT, word, 2, NEVER), 0);
    start(A0, MID);
    assert_int_equal(call(MID, FEN_SYS_LOCK_WAIT, other, 2, NEVER), 0);
    start(A0, HIGH);
    assert_int_equal(call(HIGH, FEN_SYS_LOCK_WAIT, word, 2, NEVER), 0);
    expect_running(A0);
    assert_int_equal(sys(A0, FEN_SYS_LOCK_WAKE, word, 0), 0);
    assert_int_equal(sys(A0, FEN_SYS_LOCK_WAKE, word, 1), 1);
    expect_running(HIGH);
    assert_int_equal(r0(HIGH), 0);
    assert_true(waiting(LOW));
    assert_true(waiting(MID));
    assert_int_equal(call(HIGH, FEN_SYS_LOCK_WAIT, word, 2, NEVER), 0); /* ahead of low */
    assert_int_equal(sys(A0, FEN_SYS_LOCK_WAKE, word, 5), 2);
    expect_running(HIGH);
    assert_int_equal(th(LOW)->state, THREAD_READY);
    assert_true(waiting(MID));
    stop_self(HIGH);
    expect_running(LOW);
    assert_int_equal(r0(LOW), 0);
    stop_self(LOW);
    assert_int_equal(sys(A0, FEN_SYS_LOCK_WAKE, word, 5), 0);
    assert_int_equal(sys(A0, FEN_SYS_LOCK_WAKE, other, 5), 1);
    expect_running(MID);
}

/* A stopped waiter leaves the word's queue. */
static void a_stopped_lock_waiter_is_forgotten(void **state)
{
    (void)state;
    ctl_up(1);
    uint32_t word = data_base(CTL) + 0xe00;
    fake_memory[word] = 2;
    start(A0, LOW);
    assert_int_equal(call(LOW, FEN_SYS_LOCK_WAIT, word, 2, 50), 0);
    assert_int_equal(sys(A0, FEN_SYS_STOP, ID_OF(LOW), 0), 0);
    assert_null(kstate.parts[CTL].lock_waiters.head);
    assert_int_equal(sys(A0, FEN_SYS_LOCK_WAKE, word, 5), 0);
    run_to(60);
    assert_int_equal(th(LOW)->state, THREAD_DORMANT);
}

/* --- partition restart ------------------------------------------------------------------- */

static void a_restart_puts_every_object_back(void **state)
{
    (void)state;
    run_to(100);
    put(buf_of(B0), "pay!");
    assert_int_equal(sys(B0, FEN_SYS_BLACKBOARD_DISPLAY, IDLEN(PAY_BB, 4), buf_of(B0)), 0);
    ctl_up(200);
    uint32_t word = data_base(CTL) + 0xe00;
    fake_memory[word] = 2;
    assert_int_equal(sem_wait(A0, SEM_FIFO, 0), 0);
    assert_int_equal(sys(A0, FEN_SYS_EVENT_SET, EV, 0), 0);
    put(buf_of(A0), "msg");
    assert_int_equal(sys(A0, FEN_SYS_BLACKBOARD_DISPLAY, IDLEN(BB, 3), buf_of(A0)), 0);
    assert_int_equal(send(A0, BUF_FIFO, "msg", 0), 0);
    assert_int_equal(lock(A0, M_INH, 0), 0);
    start(A0, LOW);
    assert_int_equal(lock(LOW, M_INH, NEVER), 0); /* A0 -> 10 */
    start(A0, MID);
    assert_int_equal(call(MID, FEN_SYS_LOCK_WAIT, word, 2, NEVER), 0);
    start(A0, HIGH);
    assert_int_equal(sem_wait(HIGH, SEM_FIFO, 50), 0);
    expect_running(A0);
    assert_int_equal(th(A0)->priority, 10);
    sys(A0, FEN_SYS_SET_PARTITION_MODE, FEN_MODE_COLD_START, 0);
    check_restarted(CTL, FEN_MODE_COLD_START, FEN_START_PARTITION_RESTART, 1);
    assert_int_equal(th(A0)->priority, 5);
    expect_status(A0, SEM_FIFO, 1, 0, 0xff);
    expect_status(A0, SEM_PRIO, 0, 0, 0xff);
    expect_status(A0, EV, 0, 0, 0xff);
    expect_status(A0, BB, 0, 0, 0xff);
    expect_status(A0, BUF_FIFO, 0, 0, 0xff);
    expect_status(A0, M_INH, 0, 0, 0xff);
    assert_null(kstate.parts[CTL].lock_waiters.head);
    assert_int_equal(call(A0, FEN_SYS_BUFFER_RECEIVE, IDLEN(BUF_FIFO, 8), buf_of(A0), 0),
                     -FEN_NOT_AVAILABLE);
    assert_int_equal(sys(A0, FEN_SYS_LOCK_WAKE, word, 9), 0);
    run_to(250); /* high's old timeout passes unnoticed */
    expect_running(A0);
    run_to(300);
    expect_status(B0, PAY_BB, 1, 0, 0xff); /* pay's objects kept theirs */
}

/* --- the test list ------------------------------------------------------------------------ */

int main(void)
{
    add_test(TEST(get_object_id_names_the_partitions_objects));
    add_test(TEST(get_object_id_refusals));
    add_test(TEST(misuse_is_refused));
    add_test(TEST(every_call_refuses_other_ids));
    add_test(TEST(waits_with_the_preemption_lock_are_refused));
    add_test(TEST(the_error_handler_may_not_wait));
    add_wait_tests();
    add_test(TEST(semaphores_serve_fifo_or_by_priority));
    add_test(TEST(equal_priorities_are_served_in_arrival_order));
    add_test(TEST(set_readies_every_waiter_and_reset_puts_it_down));
    add_test(TEST(display_gives_every_waiting_reader_a_copy));
    add_test(TEST(buffers_keep_order_and_blocked_senders_messages));
    add_test(TEST(buffers_serve_receivers_fifo_or_by_priority));
    add_test(TEST(mutex_lock_nests_and_only_its_owner_unlocks));
    add_test(TEST(inheritance_lends_the_waiters_priority));
    add_test(TEST(inheritance_follows_a_chain_of_owners));
    add_test(TEST(a_leaving_waiter_takes_its_priority_back));
    add_test(TEST(a_stopped_owner_releases_its_mutexes));
    add_test(TEST(ceiling_raises_the_owner_and_refuses_higher_callers));
    add_test(TEST(a_lowered_owner_keeps_its_turn));
    add_test(TEST(set_priority_keeps_the_boost));
    add_test(TEST(lock_wake_readies_the_words_waiters_by_priority));
    add_test(TEST(a_stopped_lock_waiter_is_forgotten));
    add_test(TEST(a_restart_puts_every_object_back));
    return run_arinc_tests("kernel.objects");
}
