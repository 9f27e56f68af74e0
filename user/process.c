/*
 * process.c - the fen_ stubs of the ARINC 653 services in fenestra.h:
 * processes, time, partition modes, schedules and the health monitor.
 * Each stub only moves its arguments into registers; every check is the
 * kernel's.
 */
#include <stdint.h>
#include <string.h>

#include "fenestra.h"
#include "runtime.h"
#include "svc.h"

/* Where a process whose entry function returns lands: it stops. */
static __attribute__((noreturn, noinline)) void fen_process_return(void)
{
    fen_stop_self();
}

int32_t fen_create_process(const char *name, fen_thread_entry_t entry, void *stack,
                           uint32_t stack_size)
{
    struct fen_process_create a = {
        .entry = fen_ptr((const void *)entry),
        .stack_base = fen_ptr(stack),
        .stack_size = stack_size,
        .exit_to = fen_ptr((const void *)fen_process_return),
    };
    uint32_t n = fen_name_len(name);
    if (n >= FEN_NAME_MAX)
        return -FEN_INVALID_CONFIG; /* no declared process has such a name */
    memcpy(a.name, name, n);
    int32_t id = fen_svc32(FEN_SYS_CREATE_PROCESS, fen_ptr(&a), 0);
    if (id >= 0)
        fen_stdio_attach((uintptr_t)stack, (uintptr_t)stack + stack_size);
    return id;
}

int32_t fen_start(int32_t id)
{
    return fen_svc32(FEN_SYS_START, (uint32_t)id, 0);
}

int32_t fen_delayed_start(int32_t id, uint64_t delay)
{
    return (int32_t)fen_svc(FEN_SYS_DELAYED_START, (uint32_t)id, 0, (uint32_t)delay,
                            (uint32_t)(delay >> 32)).r0;
}

int32_t fen_stop(int32_t id)
{
    return fen_svc32(FEN_SYS_STOP, (uint32_t)id, 0);
}

void fen_stop_self(void)
{
    fen_stdio_detach_self();
    fen_svc32(FEN_SYS_STOP_SELF, 0, 0);
    __builtin_trap(); /* the kernel never returns from STOP_SELF */
}

int32_t fen_suspend(int32_t id)
{
    return fen_svc32(FEN_SYS_SUSPEND, (uint32_t)id, 0);
}

int32_t fen_suspend_self(uint64_t timeout)
{
    return fen_svc_arg64(FEN_SYS_SUSPEND_SELF, timeout);
}

int32_t fen_resume(int32_t id)
{
    return fen_svc32(FEN_SYS_RESUME, (uint32_t)id, 0);
}

int32_t fen_set_priority(int32_t id, uint32_t priority)
{
    return fen_thread_set_priority(id, priority);
}

int32_t fen_lock_preemption(void)
{
    return fen_svc32(FEN_SYS_LOCK_PREEMPTION, 0, 0);
}

int32_t fen_unlock_preemption(void)
{
    return fen_svc32(FEN_SYS_UNLOCK_PREEMPTION, 0, 0);
}

int32_t fen_get_process_id(const char *name)
{
    return fen_svc32(FEN_SYS_GET_PROCESS_ID, fen_ptr(name), fen_name_len(name));
}

int32_t fen_get_my_id(void)
{
    return fen_thread_self();
}

int32_t fen_get_process_status(int32_t id, struct fen_process_status *status)
{
    return fen_svc32(FEN_SYS_GET_PROCESS_STATUS, (uint32_t)id, fen_ptr(status));
}

/* ---- time ---------------------------------------------------------------- */

int32_t fen_timed_wait(uint64_t delay)
{
    return fen_svc_arg64(FEN_SYS_TIMED_WAIT, delay);
}

int32_t fen_periodic_wait(void)
{
    return fen_svc32(FEN_SYS_PERIODIC_WAIT, 0, 0);
}

int32_t fen_replenish(uint64_t budget)
{
    return fen_svc_arg64(FEN_SYS_REPLENISH, budget);
}

/* ---- partition, schedules, windows --------------------------------------- */

int32_t fen_set_partition_mode(enum fen_mode mode)
{
    return fen_svc32(FEN_SYS_SET_PARTITION_MODE, (uint32_t)mode, 0);
}

int32_t fen_get_partition_status(struct fen_partition_status *status)
{
    return fen_svc32(FEN_SYS_GET_PARTITION_STATUS, fen_ptr(status), 0);
}

int32_t fen_set_schedule(int32_t id)
{
    return fen_svc32(FEN_SYS_SET_SCHEDULE, (uint32_t)id, 0);
}

int32_t fen_get_schedule_id(const char *name)
{
    return fen_svc32(FEN_SYS_GET_SCHEDULE_ID, fen_ptr(name), fen_name_len(name));
}

int32_t fen_get_schedule_status(struct fen_schedule_status *status)
{
    return fen_svc32(FEN_SYS_GET_SCHEDULE_STATUS, fen_ptr(status), 0);
}

int32_t fen_window_complete(void)
{
    return fen_svc32(FEN_SYS_WINDOW_COMPLETE, 0, 0);
}

/* ---- health monitor -------------------------------------------------------- */

int32_t fen_raise_application_error(const char *message, uint32_t length)
{
    return fen_svc32(FEN_SYS_RAISE_ERROR, fen_ptr(message), length);
}

int32_t fen_report_application_message(const char *message, uint32_t length)
{
    return fen_svc32(FEN_SYS_REPORT_MESSAGE, fen_ptr(message), length);
}

int32_t fen_create_error_handler(void (*entry)(void), void *stack, uint32_t stack_size)
{
    int32_t id = (int32_t)fen_svc(FEN_SYS_CREATE_ERROR_HANDLER, fen_ptr((const void *)entry),
                                  fen_ptr(stack), stack_size,
                                  fen_ptr((const void *)fen_process_return)).r0;
    if (id >= 0)
        fen_stdio_attach((uintptr_t)stack, (uintptr_t)stack + stack_size);
    return id;
}

int32_t fen_get_error_status(struct fen_error_status *status)
{
    return fen_svc32(FEN_SYS_GET_ERROR_STATUS, fen_ptr(status), 0);
}
