/* syscall.c - system calls (see syscall.h and kernel/abi.h). */
#include "syscall.h"

#include "abi.h"
#include "console.h"
#include "ktime.h"
#include "part.h"
#include "space.h"
#include "thread.h"

typedef int32_t (*syscall_fn)(struct thread *t);

static struct part *part_of(struct thread *t)
{
    return &kstate.parts[t->part];
}

static uint32_t arg(struct thread *t, unsigned n)
{
    return arch_syscall_arg(&t->ctx, n);
}

static uint64_t arg64(struct thread *t)
{
    return (uint64_t)arg(t, 1) << 32 | arg(t, 0);
}

/* Console output is copied through a small kernel buffer so a partition
 * can write any length its memory holds; nothing is truncated. */
static int32_t sys_console_write(struct thread *t)
{
    uint32_t buf = arg(t, 0), len = arg(t, 1);
    if (!space_user_buffer(t, FEN_SYS_CONSOLE_WRITE, buf, len, SPACE_READ))
        return -FEN_INVALID_PARAM; /* wrapping lengths included: reported */
    if (len > INT32_MAX)
        return -FEN_INVALID_PARAM; /* its memory, but the count would not fit r0 */
    char chunk[128];
    for (uint32_t done = 0; done < len;) {
        uint32_t n = len - done < sizeof chunk ? len - done : sizeof chunk;
        arch_copy_from_user(chunk, buf + done, n);
        console_write(part_of(t), chunk, n);
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

static void sleep_until(struct thread *t, uint64_t until)
{
    arch_syscall_return(&t->ctx, 0);
    if (until > arch_now())
        thread_sleep(t, until);
}

static int32_t sys_sleep_until(struct thread *t)
{
    sleep_until(t, arg64(t));
    return 0;
}

static int32_t sys_sleep_for(struct thread *t)
{
    sleep_until(t, ktime_add_sat(arch_now(), arg64(t)));
    return 0;
}

/* The new thread's stack must be the caller's writable memory, with room
 * for its guard below (aligned to the guard's size). */
static bool attr_valid(const struct thread *t, const struct fen_thread_attr *a)
{
    uint32_t guard = kstate.parts[t->part].cfg->stack_guard;
    return space_range_ok(t, a->entry & ~1u, 2, SPACE_EXEC) && (a->entry & 1) &&
           a->stack_size >= FEN_MIN_STACK && a->stack_size % 8 == 0 &&
           a->stack_base % guard == 0 && a->stack_base >= guard &&
           space_range_ok(t, a->stack_base, a->stack_size, SPACE_READ | SPACE_WRITE) &&
           a->priority >= FEN_PRIORITY_MIN && a->priority <= FEN_PRIORITY_MAX &&
           (a->exit_to == 0 || space_range_ok(t, a->exit_to & ~1u, 2, SPACE_EXEC));
}

static int32_t sys_thread_create(struct thread *t)
{
    struct part *p = part_of(t);
    uint32_t uattr = arg(t, 0);
    struct fen_thread_attr a;
    if (!space_user_buffer(t, FEN_SYS_THREAD_CREATE, uattr, sizeof a, SPACE_READ))
        return -FEN_INVALID_PARAM;
    arch_copy_from_user(&a, uattr, sizeof a);
    if (!attr_valid(t, &a))
        return -FEN_INVALID_PARAM;
    struct thread *n = thread_alloc(p);
    if (!n)
        return -FEN_NOT_AVAILABLE;
    n->entry = a.entry;
    n->arg = a.arg;
    n->exit_to = a.exit_to;
    n->stack_base = a.stack_base;
    n->stack_size = a.stack_size;
    n->priority = (uint8_t)a.priority;
    return n->local_id;
}

static int32_t sys_thread_start(struct thread *t)
{
    struct thread *n = thread_of(part_of(t), arg(t, 0));
    if (!n)
        return -FEN_INVALID_PARAM;
    if (n->state != THREAD_DORMANT)
        return -FEN_NO_ACTION;
    thread_start(n);
    trace_emit(TR_THREAD_START, n->part, n->local_id, 0, n->entry, 0);
    return 0;
}

static int32_t sys_thread_exit(struct thread *t)
{
    thread_retire(t, THREAD_DORMANT);
    trace_emit(TR_THREAD_EXIT, t->part, t->local_id, 0, 0, 0);
    return 0;
}

static int32_t sys_thread_set_priority(struct thread *t)
{
    struct thread *n = thread_of(part_of(t), arg(t, 0));
    uint32_t prio = arg(t, 1);
    if (!n || prio < FEN_PRIORITY_MIN || prio > FEN_PRIORITY_MAX)
        return -FEN_INVALID_PARAM;
    if (n->state == THREAD_DORMANT || n->state == THREAD_STOPPED)
        return -FEN_INVALID_MODE;
    thread_set_priority(n, (uint8_t)prio);
    return 0;
}

static int32_t sys_thread_self(struct thread *t)
{
    return t->local_id;
}

static int32_t sys_partition_info(struct thread *t)
{
    struct part *p = part_of(t);
    uint32_t uinfo = arg(t, 0);
    struct fen_partition_info info = {0};
    if (!space_user_buffer(t, FEN_SYS_PARTITION_INFO, uinfo, sizeof info, SPACE_WRITE))
        return -FEN_INVALID_PARAM;
    info.id = part_index(p);
    info.clock_hz = cfg_system.board->clock_hz;
    info.major_frame = cfg_system.schedule->major_frame;
    info.max_threads = p->cfg->max_threads;
    info.num_threads = p->num_threads;
    for (uint32_t i = 0; i < sizeof info.name - 1 && p->cfg->name[i]; i++)
        info.name[i] = p->cfg->name[i];
    arch_copy_to_user(uinfo, &info, sizeof info);
    return 0;
}

static const syscall_fn syscalls[FEN_SYS_COUNT] = {
    [FEN_SYS_CONSOLE_WRITE] = sys_console_write,
    [FEN_SYS_YIELD] = sys_yield,
    [FEN_SYS_GET_TIME] = sys_get_time,
    [FEN_SYS_SLEEP_UNTIL] = sys_sleep_until,
    [FEN_SYS_SLEEP_FOR] = sys_sleep_for,
    [FEN_SYS_THREAD_CREATE] = sys_thread_create,
    [FEN_SYS_THREAD_START] = sys_thread_start,
    [FEN_SYS_THREAD_EXIT] = sys_thread_exit,
    [FEN_SYS_THREAD_SET_PRIORITY] = sys_thread_set_priority,
    [FEN_SYS_THREAD_SELF] = sys_thread_self,
    [FEN_SYS_PARTITION_INFO] = sys_partition_info,
};

/* Calls that set their own results (64-bit, or none because the caller
 * is gone or asleep) return 0 and write the context themselves. */
static bool sets_own_result(uint32_t n)
{
    return n == FEN_SYS_GET_TIME || n == FEN_SYS_THREAD_EXIT ||
           n == FEN_SYS_SLEEP_UNTIL || n == FEN_SYS_SLEEP_FOR;
}

void syscall_dispatch(struct thread *t)
{
    uint32_t n = arch_syscall_number(&t->ctx);
    int32_t rc = n < FEN_SYS_COUNT ? syscalls[n](t) : -FEN_INVALID_CALL;
    if (n >= FEN_SYS_COUNT || !sets_own_result(n))
        arch_syscall_return(&t->ctx, (uint32_t)rc);
    trace_emit(TR_SYSCALL, t->part, t->local_id, 0, n, (uint32_t)rc);
}
