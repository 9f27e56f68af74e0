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

/* ---- ports between partitions (docs/communication.md) -------------------- */

/* Creates (in an init mode) a port the config declares for this partition,
 * with its configured attributes; returns its id.  Sampling: depth is
 * ignored; queuing: refresh is ignored. */
int32_t fen_create_sampling_port(const char *name, uint32_t max_message,
                                 enum fen_port_direction direction, uint64_t refresh);
int32_t fen_create_queuing_port(const char *name, uint32_t max_message, uint32_t depth,
                                enum fen_port_direction direction);
int32_t fen_get_port_id(const char *name);
int32_t fen_write_sampling_message(int32_t id, const void *msg, uint32_t length);
/* Returns the length of the latest message (-FEN_NO_ACTION: none yet);
 * info (may be NULL) says whether it is valid at this very cycle.  size
 * must hold the port's largest message. */
int32_t fen_read_sampling_message(int32_t id, void *buf, uint32_t size,
                                  struct fen_sampling_info *info);
/* Timeouts in cycles: 0 does not wait, FEN_INFINITE_TIME waits forever.
 * A full queue refuses with -FEN_NOT_AVAILABLE (timeout 0) or
 * -FEN_TIMED_OUT; the refusal is counted and flagged to the receiver. */
int32_t fen_send_queuing_message(int32_t id, const void *msg, uint32_t length,
                                 uint64_t timeout);
/* Returns the message's length, with FEN_MSG_OVERFLOWED set when senders
 * were refused since the previous receive (FEN_MSG_LEN(rc) is the length). */
int32_t fen_receive_queuing_message(int32_t id, void *buf, uint32_t size, uint64_t timeout);
int32_t fen_get_port_status(int32_t id, struct fen_port_status *status);

/* ---- interrupts (docs/interrupts.md) ------------------------------------- */

/* Lines of devices this partition owns (the config's `devices:`). */
int32_t fen_irq_enable(uint32_t line);
int32_t fen_irq_disable(uint32_t line);
/* The interrupt process waits for the line's next assertion (the top half
 * has masked it); event (may be NULL) gets its cycles. */
int32_t fen_irq_wait(uint32_t line, struct fen_irq_event *event, uint64_t timeout);
/* The device is served: the line is unmasked again. */
int32_t fen_irq_ack(uint32_t line);

/* ---- intra-partition objects (docs/communication.md) --------------------
 * Semaphores, events, blackboards, buffers and mutexes are declared per
 * partition in the config and found by name and kind; their ids are the
 * partition's own.  They come back to their configured state whenever the
 * partition (re)starts.  Timeouts are in cycles: 0 does not wait (an
 * object not available is -FEN_NOT_AVAILABLE), FEN_INFINITE_TIME waits for
 * ever, any other value at most that long (then -FEN_TIMED_OUT).  Waiting
 * is refused (-FEN_INVALID_MODE) with the preemption lock held and in the
 * error handler.  Waiters are served in the object's discipline (FIFO, or
 * by priority and FIFO among equals); mutexes always by priority. */

/* The kinds, as fen_object_status.kind gives them. */
enum fen_object_kind {
    FEN_OBJ_SEMAPHORE = 0,
    FEN_OBJ_EVENT = 1,
    FEN_OBJ_BLACKBOARD = 2,
    FEN_OBJ_BUFFER = 3,
    FEN_OBJ_MUTEX = 4,
};

/* -FEN_INVALID_CONFIG: no object of that name and kind. */
int32_t fen_get_object_id(const char *name, enum fen_object_kind kind);
int32_t fen_object_status(int32_t id, struct fen_object_status *status);

/* Takes a unit; a signal with processes waiting hands its unit to the
 * first of them; -FEN_NO_ACTION at the semaphore's maximum. */
int32_t fen_sem_wait(int32_t id, uint64_t timeout);
int32_t fen_sem_signal(int32_t id);

/* Set makes the event up and readies every process waiting on it; reset
 * puts it down; a wait returns at once while it is up. */
int32_t fen_event_set(int32_t id);
int32_t fen_event_reset(int32_t id);
int32_t fen_event_wait(int32_t id, uint64_t timeout);

/* A display (1..max_message bytes) replaces the message shown and gives
 * every waiting reader a copy; a read returns the length of the message
 * shown, copied to buf, which must hold the blackboard's max_message. */
int32_t fen_blackboard_display(int32_t id, const void *msg, uint32_t length);
int32_t fen_blackboard_read(int32_t id, void *buf, uint32_t size, uint64_t timeout);
int32_t fen_blackboard_clear(int32_t id);

/* A FIFO of messages: a send to a full buffer waits (the message stays
 * in msg, which must not change until the call returns); a receive
 * returns the oldest message's length, buf holding max_message bytes. */
int32_t fen_buffer_send(int32_t id, const void *msg, uint32_t length, uint64_t timeout);
int32_t fen_buffer_receive(int32_t id, void *buf, uint32_t size, uint64_t timeout);

/* Recursive, up to 16 levels; only the owner unlocks (-FEN_INVALID_MODE).
 * Priority inheritance or ceiling, as configured: a process above a
 * ceiling mutex's ceiling may not lock it (-FEN_INVALID_CONFIG).  A
 * process that stops or restarts lets go of its mutexes. */
int32_t fen_mutex_lock(int32_t id, uint64_t timeout);
int32_t fen_mutex_unlock(int32_t id);

/* ---- the lightweight lock (docs/communication.md) -------------------------
 * A lock in the partition's own memory for the threads of one partition:
 * taken and given back with LDREX/STREX and no system call when nobody
 * else wants it; a thread that finds it taken waits in the kernel, which
 * wakes the waiters highest priority first.  No priority inheritance (use
 * a mutex for that), not recursive.  The word: 0 free, 1 held, 2 held with
 * threads (perhaps) waiting. */
typedef struct {
    volatile uint32_t word;
} fen_lock_t;

#define FEN_LOCK_INITIALIZER {0}

void fen_lock_init(fen_lock_t *lock);
/* 0: the caller holds it; -FEN_NOT_AVAILABLE (timeout 0), -FEN_TIMED_OUT,
 * -FEN_INVALID_MODE (waiting refused), -FEN_INVALID_PARAM (not a word of
 * the partition's writable memory). */
int32_t fen_lock_acquire(fen_lock_t *lock, uint64_t timeout);
/* fen_lock_acquire(lock, 0), which never makes a system call. */
int32_t fen_lock_try(fen_lock_t *lock);
/* -FEN_NO_ACTION when it was free. */
int32_t fen_lock_release(fen_lock_t *lock);

#ifdef __cplusplus
}
#endif

#endif
