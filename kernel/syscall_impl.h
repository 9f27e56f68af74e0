/*
 * syscall_impl.h - what the system-call files (syscall.c,
 * syscall_process.c, syscall_partition.c) share: argument access and the
 * calls' functions for the dispatch table.  Private to them.
 */
#ifndef FENESTRA_SYSCALL_IMPL_H
#define FENESTRA_SYSCALL_IMPL_H

#include "abi.h"
#include "kstate.h"

typedef int32_t (*syscall_fn)(struct thread *t);

static inline struct part *sys_part(const struct thread *t)
{
    return &kstate.parts[t->part];
}

static inline uint32_t sys_arg(const struct thread *t, unsigned n)
{
    return arch_syscall_arg(&t->ctx, n);
}

/* A 64-bit argument in r(n):r(n+1), low word first. */
static inline uint64_t sys_arg64(const struct thread *t, unsigned n)
{
    return (uint64_t)sys_arg(t, n + 1) << 32 | sys_arg(t, n);
}

/* "id | len << 16" in argument n: the id and the byte count. */
static inline uint32_t sys_arg_id(const struct thread *t, unsigned n)
{
    return sys_arg(t, n) & 0xffffu;
}

static inline uint32_t sys_arg_len(const struct thread *t, unsigned n)
{
    return sys_arg(t, n) >> 16;
}

/* A blocking call's timeout (r2:r3): FEN_INFINITE_TIME never expires, 0
 * does not wait.  Waiting is refused (INVALID_MODE) to a thread holding
 * the preemption lock and to the error handler, as ARINC 653 says. */
bool sys_may_wait(const struct thread *t, uint64_t timeout);

/* True when entry, stack and exit address are fit for a new thread of t's
 * partition (the stack in its writable memory, a guard's room below). */
bool sys_thread_layout_ok(const struct thread *t, uint32_t entry, uint32_t stack_base,
                          uint32_t stack_size, uint32_t exit_to);

/* Copies a name of 1..FEN_NAME_MAX-1 bytes from the caller; false (and the
 * call refused) when the buffer is not its or the length is out of range. */
bool sys_copy_name(const struct thread *t, uint32_t call, uint32_t addr, uint32_t len,
                   char out[FEN_NAME_MAX]);

bool sys_name_equal(const char *a, const char *b);

/* syscall_process.c */
int32_t sys_create_process(struct thread *t);
int32_t sys_start(struct thread *t);
int32_t sys_delayed_start(struct thread *t);
int32_t sys_stop(struct thread *t);
int32_t sys_stop_self(struct thread *t);
int32_t sys_suspend(struct thread *t);
int32_t sys_suspend_self(struct thread *t);
int32_t sys_resume(struct thread *t);
int32_t sys_lock_preemption(struct thread *t);
int32_t sys_unlock_preemption(struct thread *t);
int32_t sys_get_process_id(struct thread *t);
int32_t sys_get_process_status(struct thread *t);
int32_t sys_set_priority(struct thread *t);
int32_t sys_timed_wait(struct thread *t);
int32_t sys_sleep_until(struct thread *t);
int32_t sys_sleep_for(struct thread *t);
int32_t sys_periodic_wait(struct thread *t);
int32_t sys_replenish(struct thread *t);

/* syscall_partition.c */
int32_t sys_set_partition_mode(struct thread *t);
int32_t sys_get_partition_status(struct thread *t);
int32_t sys_set_schedule(struct thread *t);
int32_t sys_get_schedule_id(struct thread *t);
int32_t sys_get_schedule_status(struct thread *t);
int32_t sys_window_complete(struct thread *t);
int32_t sys_raise_error(struct thread *t);
int32_t sys_report_message(struct thread *t);
int32_t sys_create_error_handler(struct thread *t);
int32_t sys_get_error_status(struct thread *t);

/* syscall_port.c */
int32_t sys_create_port(struct thread *t);
int32_t sys_get_port_id(struct thread *t);
int32_t sys_write_sampling(struct thread *t);
int32_t sys_read_sampling(struct thread *t);
int32_t sys_send_queuing(struct thread *t);
int32_t sys_receive_queuing(struct thread *t);
int32_t sys_port_status(struct thread *t);

/* syscall_object.c */
int32_t sys_get_object_id(struct thread *t);
int32_t sys_sem_wait(struct thread *t);
int32_t sys_sem_signal(struct thread *t);
int32_t sys_event_set(struct thread *t);
int32_t sys_event_reset(struct thread *t);
int32_t sys_event_wait(struct thread *t);
int32_t sys_blackboard_display(struct thread *t);
int32_t sys_blackboard_read(struct thread *t);
int32_t sys_blackboard_clear(struct thread *t);
int32_t sys_buffer_send(struct thread *t);
int32_t sys_buffer_receive(struct thread *t);
int32_t sys_mutex_lock(struct thread *t);
int32_t sys_mutex_unlock(struct thread *t);
int32_t sys_object_status(struct thread *t);
int32_t sys_lock_wait(struct thread *t);
int32_t sys_lock_wake(struct thread *t);

/* syscall_irq.c */
int32_t sys_irq_enable(struct thread *t);
int32_t sys_irq_disable(struct thread *t);
int32_t sys_irq_wait(struct thread *t);
int32_t sys_irq_ack(struct thread *t);
/* Each of them when no line has an owner: the line check's answer. */
int32_t sys_irq_unowned(struct thread *t);

#endif
