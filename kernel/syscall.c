/* syscall.c - dispatch, and the console, thread and information calls
 * (see syscall.h and kernel/abi.h). */
#include "syscall.h"
#include "compiler.h"

#include "calls_gen.h"
#include "console.h"
#include "ktime.h"
#include "part.h"
#include "process.h"
#include "space.h"
#include "syscall_impl.h"
#include "thread.h"

/* Console output is copied through a small kernel buffer so a partition
 * can write any length its memory holds; nothing is truncated. */
static int32_t sys_console_write(struct thread *t)
{
    uint32_t buf = sys_arg(t, 0), len = sys_arg(t, 1);
    if (!space_user_buffer(t, FEN_SYS_CONSOLE_WRITE, buf, len, SPACE_READ))
        return -FEN_INVALID_PARAM; /* wrapping lengths included: reported */
    if (len > INT32_MAX)
        return -FEN_INVALID_PARAM; /* its memory, but the count would not fit r0 */
    char chunk[128];
    for (uint32_t done = 0; done < len;) {
        uint32_t n = len - done < sizeof chunk ? len - done : sizeof chunk;
        arch_copy_from_user(chunk, buf + done, n);
        console_write(sys_part(t), chunk, n);
        done += n;
    }
    return (int32_t)len;
}

static int32_t sys_yield(struct thread *t)
{
    thread_yield(t);
    return 0;
}

static int32_t sys_get_time(struct thread *t)
{
    arch_syscall_return64(&t->ctx, arch_now());
    return 0;
}

bool sys_thread_layout_ok(const struct thread *t, uint32_t entry, uint32_t stack_base,
                          uint32_t stack_size, uint32_t exit_to)
{
    uint32_t guard = sys_part(t)->cfg->stack_guard;
    return space_range_ok(t, entry & ~1u, 2, SPACE_EXEC) && (entry & 1) &&
           stack_size >= FEN_MIN_STACK && stack_size % 8 == 0 &&
           stack_base % guard == 0 && stack_base >= guard &&
           space_range_ok(t, stack_base, stack_size, SPACE_READ | SPACE_WRITE) &&
           (exit_to == 0 || space_range_ok(t, exit_to & ~1u, 2, SPACE_EXEC));
}

bool sys_copy_name(const struct thread *t, uint32_t call, uint32_t addr, uint32_t len,
                   char out[FEN_NAME_MAX])
{
    if (len == 0 || len >= FEN_NAME_MAX)
        return false;
    if (!space_user_buffer(t, call, addr, len, SPACE_READ))
        return false;
    arch_copy_from_user(out, addr, len);
    out[len] = 0;
    return true;
}

bool sys_name_equal(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

/* An aperiodic thread with a stack of the caller's choosing (the
 * pre-ARINC interface; processes the config declares come from
 * CREATE_PROCESS). */
static int32_t sys_thread_create(struct thread *t)
{
    uint32_t uattr = sys_arg(t, 0);
    struct fen_thread_attr a;
    if (!space_user_buffer(t, FEN_SYS_THREAD_CREATE, uattr, sizeof a, SPACE_READ))
        return -FEN_INVALID_PARAM;
    arch_copy_from_user(&a, uattr, sizeof a);
    if (!sys_thread_layout_ok(t, a.entry, a.stack_base, a.stack_size, a.exit_to) ||
        a.priority < FEN_PRIORITY_MIN || a.priority > FEN_PRIORITY_MAX)
        return -FEN_INVALID_PARAM;
    struct thread *n = thread_alloc(sys_part(t));
    if (!n)
        return -FEN_NOT_AVAILABLE;
    n->entry = a.entry;
    n->arg = a.arg;
    n->exit_to = a.exit_to;
    n->stack_base = a.stack_base;
    n->stack_size = a.stack_size;
    n->base_priority = n->priority = (uint8_t)a.priority;
    n->period = 0;
    n->capacity = KTIME_NEVER;
    return n->local_id;
}

static int32_t sys_thread_self(struct thread *t)
{
    return t->local_id;
}

static int32_t sys_partition_info(struct thread *t)
{
    struct part *p = sys_part(t);
    uint32_t uinfo = sys_arg(t, 0);
    struct fen_partition_info info = {0};
    if (!space_user_buffer(t, FEN_SYS_PARTITION_INFO, uinfo, sizeof info, SPACE_WRITE))
        return -FEN_INVALID_PARAM;
    info.id = part_index(p);
    info.clock_hz = cfg_system.board->clock_hz;
    info.major_frame = kstate.sched.schedule->major_frame;
    info.max_threads = p->cfg->max_threads;
    info.num_threads = p->num_threads;
    for (uint32_t i = 0; i < sizeof info.name - 1 && p->cfg->name[i]; i++)
        info.name[i] = p->cfg->name[i];
    arch_copy_to_user(uinfo, &info, sizeof info);
    return 0;
}

/* A call on an object, port or line when the config declares none: its
 * id names nothing, which is what the full service answers then too. */
static int32_t sys_no_such_id(struct thread *t)
{
    (void)t;
    return -FEN_INVALID_PARAM;
}

/* A service the config does not use is not linked (kstate.h, CFG_HAS_*). */
#define OBJECTS(f) (CFG_HAS_OBJECTS ? (f) : sys_no_such_id)
#define PORTS(f) (CFG_HAS_PORTS ? (f) : sys_no_such_id)
#define IRQS(f) (CFG_HAS_IRQ_OWNERS ? (f) : sys_irq_unowned)

/* Nor is a call no partition's code can make (calls_gen.h: tools/svcscan
 * read every svc of the partitions; docs/config.md, "Calls compiled in"),
 * unless a partition may execute a shared region, whose code the build
 * never saw.  Such a number is answered as an unknown one. */
#ifndef CFG_SYSCALLS
#error "calls_gen.h has no CFG_SYSCALLS: regenerate it with tools/svcscan"
#endif
#define MADE(n) (CFG_HAS_SHARED_CODE || ((CFG_SYSCALLS >> (n)) & 1))
#define CALL(n, f) [n] = MADE(n) ? (f) : sys_not_made

static int32_t sys_not_made(struct thread *t)
{
    (void)t;
    return -FEN_INVALID_CALL;
}

static const syscall_fn syscalls[FEN_SYS_COUNT] = {
    CALL(FEN_SYS_CONSOLE_WRITE, sys_console_write),
    CALL(FEN_SYS_YIELD, sys_yield),
    CALL(FEN_SYS_GET_TIME, sys_get_time),
    CALL(FEN_SYS_SLEEP_UNTIL, sys_sleep_until),
    CALL(FEN_SYS_SLEEP_FOR, sys_sleep_for),
    CALL(FEN_SYS_THREAD_CREATE, sys_thread_create),
    CALL(FEN_SYS_THREAD_START, sys_start),
    CALL(FEN_SYS_THREAD_EXIT, sys_stop_self),
    CALL(FEN_SYS_THREAD_SET_PRIORITY, sys_set_priority),
    CALL(FEN_SYS_THREAD_SELF, sys_thread_self),
    CALL(FEN_SYS_PARTITION_INFO, sys_partition_info),
    CALL(FEN_SYS_CREATE_PROCESS, sys_create_process),
    CALL(FEN_SYS_START, sys_start),
    CALL(FEN_SYS_DELAYED_START, sys_delayed_start),
    CALL(FEN_SYS_STOP, sys_stop),
    CALL(FEN_SYS_STOP_SELF, sys_stop_self),
    CALL(FEN_SYS_SUSPEND, sys_suspend),
    CALL(FEN_SYS_SUSPEND_SELF, sys_suspend_self),
    CALL(FEN_SYS_RESUME, sys_resume),
    CALL(FEN_SYS_LOCK_PREEMPTION, sys_lock_preemption),
    CALL(FEN_SYS_UNLOCK_PREEMPTION, sys_unlock_preemption),
    CALL(FEN_SYS_GET_PROCESS_ID, sys_get_process_id),
    CALL(FEN_SYS_GET_PROCESS_STATUS, sys_get_process_status),
    CALL(FEN_SYS_TIMED_WAIT, sys_timed_wait),
    CALL(FEN_SYS_PERIODIC_WAIT, sys_periodic_wait),
    CALL(FEN_SYS_REPLENISH, sys_replenish),
    CALL(FEN_SYS_SET_PARTITION_MODE, sys_set_partition_mode),
    CALL(FEN_SYS_GET_PARTITION_STATUS, sys_get_partition_status),
    CALL(FEN_SYS_SET_SCHEDULE, sys_set_schedule),
    CALL(FEN_SYS_GET_SCHEDULE_ID, sys_get_schedule_id),
    CALL(FEN_SYS_GET_SCHEDULE_STATUS, sys_get_schedule_status),
    CALL(FEN_SYS_WINDOW_COMPLETE, sys_window_complete),
    CALL(FEN_SYS_RAISE_ERROR, sys_raise_error),
    CALL(FEN_SYS_REPORT_MESSAGE, sys_report_message),
    CALL(FEN_SYS_CREATE_ERROR_HANDLER, sys_create_error_handler),
    CALL(FEN_SYS_GET_ERROR_STATUS, sys_get_error_status),
    CALL(FEN_SYS_CREATE_PORT, sys_create_port),
    CALL(FEN_SYS_GET_PORT_ID, sys_get_port_id),
    CALL(FEN_SYS_WRITE_SAMPLING, PORTS(sys_write_sampling)),
    CALL(FEN_SYS_READ_SAMPLING, PORTS(sys_read_sampling)),
    CALL(FEN_SYS_SEND_QUEUING, PORTS(sys_send_queuing)),
    CALL(FEN_SYS_RECEIVE_QUEUING, PORTS(sys_receive_queuing)),
    CALL(FEN_SYS_PORT_STATUS, PORTS(sys_port_status)),
    CALL(FEN_SYS_GET_OBJECT_ID, sys_get_object_id),
    CALL(FEN_SYS_SEM_WAIT, OBJECTS(sys_sem_wait)),
    CALL(FEN_SYS_SEM_SIGNAL, OBJECTS(sys_sem_signal)),
    CALL(FEN_SYS_EVENT_SET, OBJECTS(sys_event_set)),
    CALL(FEN_SYS_EVENT_RESET, OBJECTS(sys_event_reset)),
    CALL(FEN_SYS_EVENT_WAIT, OBJECTS(sys_event_wait)),
    CALL(FEN_SYS_BLACKBOARD_DISPLAY, OBJECTS(sys_blackboard_display)),
    CALL(FEN_SYS_BLACKBOARD_READ, OBJECTS(sys_blackboard_read)),
    CALL(FEN_SYS_BLACKBOARD_CLEAR, OBJECTS(sys_blackboard_clear)),
    CALL(FEN_SYS_BUFFER_SEND, OBJECTS(sys_buffer_send)),
    CALL(FEN_SYS_BUFFER_RECEIVE, OBJECTS(sys_buffer_receive)),
    CALL(FEN_SYS_MUTEX_LOCK, OBJECTS(sys_mutex_lock)),
    CALL(FEN_SYS_MUTEX_UNLOCK, OBJECTS(sys_mutex_unlock)),
    CALL(FEN_SYS_OBJECT_STATUS, OBJECTS(sys_object_status)),
    CALL(FEN_SYS_LOCK_WAIT, sys_lock_wait),
    CALL(FEN_SYS_LOCK_WAKE, sys_lock_wake),
    CALL(FEN_SYS_IRQ_ENABLE, IRQS(sys_irq_enable)),
    CALL(FEN_SYS_IRQ_DISABLE, IRQS(sys_irq_disable)),
    CALL(FEN_SYS_IRQ_WAIT, IRQS(sys_irq_wait)),
    CALL(FEN_SYS_IRQ_ACK, IRQS(sys_irq_ack)),
};

KERNEL_SHARED bool sys_may_wait(const struct thread *t, uint64_t timeout)
{
    const struct part *p = sys_part(t);
    return timeout == 0 || (p->lock_owner != t && p->handler != t);
}


/* The result goes to r0 unless the call wrote its own (64-bit) or the
 * caller's context was begun anew meanwhile (a restart by the health
 * monitor or a mode change): its r0 then belongs to the new start. */
void syscall_dispatch(struct thread *t)
{
    uint32_t n = arch_syscall_number(&t->ctx);
    uint32_t starts = t->starts;
    int32_t rc = n < FEN_SYS_COUNT ? syscalls[n](t) : -FEN_INVALID_CALL;
    bool wrote64 = n == FEN_SYS_GET_TIME && MADE(FEN_SYS_GET_TIME);
    if (!wrote64 && t->starts == starts && t->state != THREAD_UNUSED)
        arch_syscall_return(&t->ctx, (uint32_t)rc);
    trace_emit(TR_SYSCALL, t->part, t->local_id, 0, n, (uint32_t)rc);
}
