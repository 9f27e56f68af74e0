/*
 * fenestra.h - the partition runtime's API: one C function per system call
 * of kernel/abi.h, plus time helpers.  Include this (not abi.h) from
 * partition code; the ABI types and constants come with it.
 *
 * Return values: a call that can fail returns a non-negative result on
 * success and -FEN_xxx (enum fen_rc, negated) on failure, exactly as the
 * kernel left it in r0.
 *
 * Threads: a partition starts (in COLD_START mode) with one thread running
 * crt0's _start, which calls the configured entry function.  More threads
 * come from fen_thread_create() + fen_thread_start() (or, for processes the
 * config declares, fen_create_process() + fen_start()); threads started
 * before the partition enters NORMAL (fen_set_partition_mode) begin to run
 * then (docs/scheduling.md).  When a thread's entry function
 * returns, the runtime flushes its stdout line and ends it.  Returning from
 * the entry function of the initial thread (or calling exit()) ends only
 * that thread: the other threads of the partition keep running.
 */
#ifndef FENESTRA_H
#define FENESTRA_H

#include <stdint.h>

#include "abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- console and scheduling ------------------------------------------ */

/* Writes len bytes to the partition's console; returns bytes written.
 * Bypasses stdio: a pending printf line of this thread is not flushed
 * first (call fflush(stdout) for that). */
int32_t fen_console_write(const char *buf, uint32_t len);

/* Gives way to ready threads of the same priority in this partition. */
int32_t fen_yield(void);

/* ---- time --------------------------------------------------------------
 * Time is counted in cycles of the board clock since reset.  The helpers
 * converting to and from ms/us ask the kernel for the clock rate once and
 * cache it. */

uint64_t fen_get_time(void);
int32_t fen_sleep_until(uint64_t cycle);
int32_t fen_sleep_for(uint64_t cycles);
int32_t fen_sleep_ms(uint32_t ms);
int32_t fen_sleep_us(uint32_t us);

uint32_t fen_clock_hz(void);
uint64_t fen_ms_to_cycles(uint32_t ms);
uint64_t fen_us_to_cycles(uint32_t us);
uint64_t fen_cycles_to_us(uint64_t cycles);

/* ---- threads ----------------------------------------------------------- */

typedef void (*fen_thread_entry_t)(void *arg);

/* Bytes below every thread stack that the MPU makes inaccessible while
 * the thread runs, so an overflow faults (STACK_OVERFLOW) before it
 * corrupts anything: the partition's `stack_guard` (default 32).  A
 * partition configured with a larger guard defines this to match before
 * including this header. */
#ifndef FEN_THREAD_GUARD
#define FEN_THREAD_GUARD 32u
#endif

/* Declares a thread stack and the guard below it, aligned as the kernel
 * requires, e.g. `static FEN_THREAD_STACK(worker, 1024);`, then pass
 * worker.stack and sizeof worker.stack to fen_thread_create().  Nothing
 * else may live in the guard: the thread cannot touch it. */
#define FEN_THREAD_STACK(name, bytes)                                  \
    struct {                                                           \
        uint8_t guard[FEN_THREAD_GUARD];                               \
        uint8_t stack[((bytes) + 7u) & ~7u];                           \
    } name __attribute__((aligned(FEN_THREAD_GUARD)))

/* Creates a thread (not yet running) that will call entry(arg) on the stack
 * [stack, stack + stack_size) at the given priority (higher runs first).
 * stack must lie in the partition's writable memory, at a multiple of its
 * stack guard, with the guard's bytes below it unused (FEN_THREAD_STACK
 * does all this); stack_size is a multiple of 8 and at least
 * FEN_MIN_STACK.  Returns the thread id. */
int32_t fen_thread_create(fen_thread_entry_t entry, void *arg, void *stack,
                          uint32_t stack_size, uint32_t priority);
int32_t fen_thread_start(int32_t thread);

/* Ends the calling thread after flushing its pending stdout line. */
__attribute__((noreturn)) void fen_thread_exit(void);

int32_t fen_thread_set_priority(int32_t thread, uint32_t priority);
int32_t fen_thread_self(void);

/* ---- partition ----------------------------------------------------------- */

int32_t fen_partition_info(struct fen_partition_info *info);

/* ---- ARINC 653 processes (docs/scheduling.md) ---------------------------
 * A partition starts in COLD_START (or WARM_START after a warm restart)
 * with only its initial thread running.  It creates the processes its
 * config declares, by name, with their entry and stack, starts them, and
 * sets NORMAL: the processes started so far are released then.  The
 * initial thread goes on as an ordinary aperiodic thread (it may stop
 * itself).  Process ids are the thread ids of fen_thread_create. */

/* Binds the declared process `name` to entry and stack (as
 * fen_thread_create's); only in an init mode.  Returns its id. */
int32_t fen_create_process(const char *name, fen_thread_entry_t entry, void *stack,
                           uint32_t stack_size);
int32_t fen_start(int32_t id);
/* Starts after `delay` cycles (periodic: after its first release point;
 * delay < period). */
int32_t fen_delayed_start(int32_t id, uint64_t delay);
int32_t fen_stop(int32_t id);
__attribute__((noreturn)) void fen_stop_self(void);
int32_t fen_suspend(int32_t id);
/* Suspends the caller until fen_resume or `timeout` cycles
 * (FEN_INFINITE_TIME: none); -FEN_TIMED_OUT when it expired. */
int32_t fen_suspend_self(uint64_t timeout);
int32_t fen_resume(int32_t id);
int32_t fen_set_priority(int32_t id, uint32_t priority);
/* Preemption lock of the caller's partition; returns the new level. */
int32_t fen_lock_preemption(void);
int32_t fen_unlock_preemption(void);
int32_t fen_get_process_id(const char *name);
int32_t fen_get_my_id(void);
int32_t fen_get_process_status(int32_t id, struct fen_process_status *status);

/* ---- time services ------------------------------------------------------- */

/* Waits `delay` cycles; 0 gives way to the ready processes of the same
 * priority. */
int32_t fen_timed_wait(uint64_t delay);
/* The periodic process's activation is complete: waits for its next
 * release point. */
int32_t fen_periodic_wait(void);
/* Moves the caller's deadline to `budget` cycles from now. */
int32_t fen_replenish(uint64_t budget);

/* ---- partition modes, schedules, windows --------------------------------- */

int32_t fen_set_partition_mode(enum fen_mode mode);
int32_t fen_get_partition_status(struct fen_partition_status *status);
/* System partitions only: switch to schedule `id` at the next major frame. */
int32_t fen_set_schedule(int32_t id);
int32_t fen_get_schedule_id(const char *name);
int32_t fen_get_schedule_status(struct fen_schedule_status *status);
/* This window's work is done (windows with must_complete: else OVERRUN). */
int32_t fen_window_complete(void);

/* ---- health monitor (docs/health-monitor.md) ----------------------------- */

/* Raises APPLICATION_ERROR with a message of at most FEN_MAX_ERROR_MESSAGE
 * bytes (longer ones are refused, not cut). */
int32_t fen_raise_application_error(const char *message, uint32_t length);
/* Writes the message to the console log with the sender's name. */
int32_t fen_report_application_message(const char *message, uint32_t length);
/* The partition's error handler (only in an init mode): runs before every
 * other process when an error is raised in one of them; read the errors
 * with fen_get_error_status until it returns -FEN_NO_ACTION, act, return. */
int32_t fen_create_error_handler(void (*entry)(void), void *stack, uint32_t stack_size);
int32_t fen_get_error_status(struct fen_error_status *status);

#ifdef __cplusplus
}
#endif

#endif
