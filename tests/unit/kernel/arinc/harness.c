/* harness.c - the ARINC tests' helpers (see harness.h). */
#include "harness.h"

#include <stdio.h>
#include <string.h>



/* --- the system's layout ---------------------------------------------- */

uint32_t code_base(int part)
{
    return cfg_system.partitions[part].regions[0].base;
}

uint32_t data_base(int part)
{
    return cfg_system.partitions[part].regions[1].base;
}

uint32_t scratch(int part)
{
    return data_base(part) + 0xc00;
}

uint32_t entry_of(int who)
{
    if (ID_OF(who) == 0)
        return cfg_system.partitions[PART_OF(who)].entry;
    return code_base(PART_OF(who)) + 0x100 + (uint32_t)ID_OF(who) * 0x40 + 1;
}

uint32_t stack_of(int who)
{
    if (ID_OF(who) == 0)
        return cfg_system.partitions[PART_OF(who)].stack_base;
    return data_base(PART_OF(who)) + 0x400 + (uint32_t)ID_OF(who) * 0x200;
}

uint32_t exit_stub(int part)
{
    return code_base(part) + 0x801;
}

struct thread *th(int who)
{
    if (who == MODULE || ID_OF(who) == NO_THREAD)
        return 0;
    return &kstate.threads[cfg_system.partitions[PART_OF(who)].first_thread + ID_OF(who)];
}

struct part *part_of_who(int who)
{
    return who == MODULE ? 0 : &kstate.parts[PART_OF(who)];
}

/* --- the event log ----------------------------------------------------- */

static struct trace_event events[8192];
static int num_events;

void ev_drain(void)
{
    struct trace_event e;
    while (trace_take(&e)) {
        assert_true(num_events < (int)(sizeof events / sizeof events[0]));
        events[num_events++] = e;
    }
    uint64_t since;
    assert_int_equal(trace_take_lost(&since), 0);
}

void ev_clear(void)
{
    ev_drain();
    num_events = 0;
}

static bool who_matches(const struct trace_event *e, int who)
{
    if (who == ANY)
        return true;
    if (who == MODULE)
        return e->part == TRACE_NONE;
    uint8_t id = ID_OF(who) == NO_THREAD ? TRACE_NONE : (uint8_t)ID_OF(who);
    return e->part == PART_OF(who) && e->thread == id;
}

static bool matches(const struct trace_event *e, uint8_t type, int flags, int who)
{
    return e->type == type && (flags == ANY || e->flags == flags) && who_matches(e, who);
}

int ev_count(uint8_t type, int flags, int who)
{
    int n = 0;
    for (int i = 0; i < num_events; i++)
        n += matches(&events[i], type, flags, who);
    return n;
}

const struct trace_event *ev_nth(uint8_t type, int flags, int who, int nth)
{
    for (int i = 0; i < num_events; i++)
        if (matches(&events[i], type, flags, who) && nth-- == 0)
            return &events[i];
    return 0;
}

const struct trace_event *ev_last(uint8_t type, int flags, int who)
{
    int n = ev_count(type, flags, who);
    assert_true(n > 0);
    return ev_nth(type, flags, who, n - 1);
}

const struct trace_event *ev_one(uint8_t type, int flags, int who)
{
    assert_int_equal(ev_count(type, flags, who), 1);
    return ev_nth(type, flags, who, 0);
}

void expect_event(uint8_t type, int flags, int who, uint64_t cycle, int64_t a0, int64_t a1)
{
    const struct trace_event *e = ev_one(type, flags, who);
    assert_int_equal(e->cycle, cycle);
    if (a0 != ANY)
        assert_int_equal(e->a0, a0);
    if (a1 != ANY)
        assert_int_equal(e->a1, a1);
}

bool console_has(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i + n <= fake_console_len; i++)
        if (memcmp(fake_console + i, s, n) == 0)
            return true;
    return false;
}

/* --- running ------------------------------------------------------------ */

void arinc_boot(void)
{
    fake_reset();
    num_events = 0;
    kern_init();
    ev_drain();
}

int arinc_setup(void **state)
{
    (void)state;
    arinc_boot();
    return 0;
}

int arinc_teardown(void **state)
{
    (void)state;
    ev_drain();
    for (int i = 0; i < num_events; i++)
        if (events[i].type == TR_WINDOW)
            assert_int_equal(events[i].cycle, (uint64_t)events[i].a2 << 32 | events[i].a1);
    return 0;
}

/* "ctl/2", "idle" */
static const char *thread_name(const struct thread *t)
{
    static char buf[16];
    if (!t)
        return "idle";
    snprintf(buf, sizeof buf, "%s/%u", kstate.parts[t->part].cfg->name, t->local_id);
    return buf;
}

static void expect_running_for(int who, const char *why)
{
    const struct thread *cur = kstate.sched.current;
    if (!th(who) || cur != th(who))
        fail_msg("%s: thread %d/%d should run at cycle %llu, not %s", why, PART_OF(who),
                 ID_OF(who), (unsigned long long)fake_now, thread_name(cur));
}

void expect_running(int who)
{
    expect_running_for(who, "expect_running");
}

void expect_idle(void)
{
    assert_null(kstate.sched.current);
}

void step(void)
{
    if (fake_deadline < fake_now)
        fake_deadline = fake_now; /* a port enters at once */
    fake_run_to_deadline();
    ev_drain();
}

void run_to(uint64_t cycle)
{
    assert_true(cycle >= fake_now);
    for (int guard = 0; fake_deadline <= cycle; guard++) {
        assert_true(guard < 10000);
        step();
    }
    fake_now = cycle;
}

int32_t sys4(int who, uint32_t n, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    char why[32];
    snprintf(why, sizeof why, "system call %u", n);
    expect_running_for(who, why);
    int32_t rc = fake_syscall(n, a0, a1, a2, a3);
    ev_drain();
    return rc;
}

int32_t sys(int who, uint32_t n, uint32_t a0, uint32_t a1)
{
    return sys4(who, n, a0, a1, 0, 0);
}

int32_t sys64(int who, uint32_t n, uint64_t v)
{
    return sys4(who, n, (uint32_t)v, (uint32_t)(v >> 32), 0, 0);
}

int32_t delayed_start(int who, int target, uint64_t delay)
{
    return sys4(who, FEN_SYS_DELAYED_START, (uint32_t)ID_OF(target), 0, (uint32_t)delay,
                (uint32_t)(delay >> 32));
}

int32_t create_with(int caller, const struct fen_process_create *a)
{
    uint32_t at = scratch(PART_OF(caller)) + 0x100;
    memcpy(fake_memory + at, a, sizeof *a);
    return sys(caller, FEN_SYS_CREATE_PROCESS, at, 0);
}

int32_t create(int target)
{
    int part = PART_OF(target);
    struct fen_process_create a = {.entry = entry_of(target), .stack_base = stack_of(target),
                                   .stack_size = STACK_SIZE, .exit_to = exit_stub(part)};
    strcpy(a.name, cfg_system.partitions[part].processes[ID_OF(target) - 1].name);
    return create_with(WHO(part, 0), &a);
}

int32_t create_handler(int part)
{
    int h = WHO(part, 3);
    return sys4(WHO(part, 0), FEN_SYS_CREATE_ERROR_HANDLER, entry_of(h), stack_of(h),
                STACK_SIZE, exit_stub(part));
}

void start(int caller, int target)
{
    assert_int_equal(sys(caller, FEN_SYS_START, (uint32_t)ID_OF(target), 0), 0);
}

void set_normal(int part)
{
    assert_int_equal(sys(WHO(part, 0), FEN_SYS_SET_PARTITION_MODE, FEN_MODE_NORMAL, 0), 0);
}

/* A GET_*_STATUS call into the caller's scratch memory, read back. */
static void get_status(int who, uint32_t n, uint32_t a0, bool id_first, void *out,
                       size_t size)
{
    uint32_t at = scratch(PART_OF(who));
    memset(fake_memory + at, 0xa5, size);
    int32_t rc = id_first ? sys(who, n, a0, at) : sys(who, n, at, 0);
    assert_int_equal(rc, 0);
    memcpy(out, fake_memory + at, size);
}

struct fen_process_status process_status(int who, int target)
{
    struct fen_process_status s;
    get_status(who, FEN_SYS_GET_PROCESS_STATUS, (uint32_t)ID_OF(target), true, &s, sizeof s);
    return s;
}

struct fen_partition_status partition_status(int who)
{
    struct fen_partition_status s;
    get_status(who, FEN_SYS_GET_PARTITION_STATUS, 0, false, &s, sizeof s);
    return s;
}

struct fen_schedule_status schedule_status(int who)
{
    struct fen_schedule_status s;
    get_status(who, FEN_SYS_GET_SCHEDULE_STATUS, 0, false, &s, sizeof s);
    return s;
}

struct fen_error_status error_status(int who, int32_t *rc)
{
    struct fen_error_status s;
    uint32_t at = scratch(PART_OF(who));
    memset(fake_memory + at, 0, sizeof s);
    *rc = sys(who, FEN_SYS_GET_ERROR_STATUS, at, 0);
    memcpy(&s, fake_memory + at, sizeof s);
    return s;
}

/* --- errors ------------------------------------------------------------- */

void fault(int who, uint8_t error)
{
    expect_running(who);
    struct kern_fault f = {.kind = KERN_FAULT_MEMORY, .access = KERN_ACCESS_WRITE,
                           .addr_valid = true, .pc = (entry_of(who) & ~1u) + 0x10};
    switch (error) {
    case FEN_ERR_MEMORY_VIOLATION: f.addr = 0x4; break;
    case FEN_ERR_STACK_OVERFLOW: f.addr = stack_of(who) - 4; break;
    case FEN_ERR_ILLEGAL_REQUEST: f = (struct kern_fault){KERN_FAULT_UNDEFINED, .pc = f.pc}; break;
    case FEN_ERR_HARDWARE_FAULT: f = (struct kern_fault){KERN_FAULT_OTHER, .pc = f.pc}; break;
    default: fail_msg("no fault is error %u", error);
    }
    kern_trap_fault(&f);
    ev_drain();
}

void raise_direct(int who, uint8_t error)
{
    struct hm_detail d = {0};
    hm_raise(part_of_who(who), th(who), error, &d);
    kern_trap_deadline(); /* the end of the kernel entry that raised it */
    ev_drain();
}

/* --- refusals ------------------------------------------------------------ */

static struct kstate before;

void expect_refusals(int who, const struct misuse *m, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        ev_drain();
        memcpy(&before, &kstate, sizeof kstate);
        int32_t rc = sys4(who, m[i].n, m[i].a0, m[i].a1, m[i].a2, m[i].a3);
        if (rc != m[i].rc)
            fail_msg("%s: %d, expected %d", m[i].what, rc, m[i].rc);
        before.threads[th(who)->index].ctx = th(who)->ctx;
        before.trace = kstate.trace;
        before.kernel_console_at_line_start = kstate.kernel_console_at_line_start;
        if (memcmp(&before, &kstate, sizeof kstate) != 0)
            fail_msg("%s changed the kernel's state", m[i].what);
    }
}

static uint8_t memory_before[sizeof fake_memory];

void expect_refusals_untouched(int who, const struct misuse *m, size_t count, bool fault)
{
    for (size_t i = 0; i < count; i++) {
        ev_drain();
        int first = num_events;
        uint32_t masked = fake_irq_masked;
        memcpy(memory_before, fake_memory, sizeof fake_memory);
        expect_refusals(who, &m[i], 1);
        if (fake_irq_masked != masked)
            fail_msg("%s changed the NVIC mask: %#x, was %#x", m[i].what, fake_irq_masked,
                     masked);
        if (memcmp(memory_before, fake_memory, sizeof fake_memory) != 0)
            fail_msg("%s wrote guest memory", m[i].what);
        int syscalls = 0, faults = 0;
        for (int e = first; e < num_events; e++) {
            const struct trace_event *ev = &events[e];
            if (ev->type == TR_SYSCALL && ev->a0 == m[i].n) {
                syscalls++;
            } else if (ev->type == TR_FAULT && who_matches(ev, who) &&
                       ev->flags >> 4 == FEN_ERR_MEMORY_VIOLATION &&
                       (ev->flags & TRACE_FAULT_SYSCALL) && ev->a1 == m[i].n) {
                faults++;
            } else {
                fail_msg("%s emitted an event of type %u", m[i].what, ev->type);
            }
        }
        if (syscalls != 1 || faults != (fault ? 1 : 0))
            fail_msg("%s: %d TR_SYSCALL and %d TR_FAULT events, expected 1 and %d",
                     m[i].what, syscalls, faults, fault ? 1 : 0);
    }
}

/* --- outcomes ------------------------------------------------------------ */

void check_restarted(int part, uint8_t mode, uint8_t condition, uint32_t restarts)
{
    const struct part *p = &kstate.parts[part];
    assert_int_equal(p->mode, mode);
    assert_int_equal(p->start_condition, condition);
    assert_int_equal(p->restarts, restarts);
    struct thread *main = th(WHO(part, 0));
    assert_int_equal(main->state, THREAD_READY);
    assert_int_equal(main->ctx.pc, entry_of(WHO(part, 0)));
    assert_int_equal(main->ctx.sp, stack_of(WHO(part, 0)) + p->cfg->stack_size);
    assert_int_equal(main->ctx.r[0], mode);
    for (int id = 1; id < p->cfg->max_threads; id++)
        assert_int_equal(th(WHO(part, id))->state, THREAD_UNUSED);
    const struct trace_event *e = ev_last(TR_MODE, ANY, WHO(part, NO_THREAD));
    assert_int_equal(e->cycle, fake_now);
    assert_int_equal(e->a0, mode);
    assert_int_equal(e->a1, condition);
    assert_int_equal(e->a2, restarts);
    if (kstate.sched.active != part)
        return;
    expect_running(WHO(part, 0));
    struct fen_partition_status ps = partition_status(WHO(part, 0));
    assert_int_equal(ps.mode, mode);
    assert_int_equal(ps.start_condition, condition);
    assert_int_equal(ps.restarts, restarts);
    assert_int_equal(ps.module_restarts, kstate.module_restarts);
}

void check_idle(int part)
{
    const struct part *p = &kstate.parts[part];
    assert_int_equal(p->mode, FEN_MODE_IDLE);
    for (int id = 0; id < p->cfg->max_threads; id++) {
        uint8_t s = th(WHO(part, id))->state;
        assert_true(s == THREAD_UNUSED || s == THREAD_DORMANT);
    }
    uint64_t from = fake_now;
    for (int guard = 0; !(kstate.sched.active == part && fake_now > from); guard++) {
        assert_true(guard < 100);
        step();
    }
    expect_idle();
}

void bring_up(int part, uint64_t at, unsigned created, unsigned started, bool normal)
{
    run_to(at);
    for (int id = 1; id < NO_THREAD; id++)
        if (created & 1u << id)
            assert_int_equal(create(WHO(part, id)), id);
    for (int id = 1; id < NO_THREAD; id++)
        if (started & 1u << id)
            start(WHO(part, 0), WHO(part, id));
    if (normal)
        set_normal(part);
}

/* --- the test list --------------------------------------------------------- */

static struct CMUnitTest tests[128];
static size_t num_tests;

void add_test(struct CMUnitTest t)
{
    assert_true(num_tests < COUNT(tests));
    tests[num_tests++] = t;
}

int run_arinc_tests(const char *group)
{
    return _cmocka_run_group_tests(group, tests, num_tests, NULL, NULL);
}
