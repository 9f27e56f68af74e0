/*
 * fenestra.h - the partition runtime's API: one C function per system call
 * of kernel/abi.h, plus time helpers.  Include this (not abi.h) from
 * partition code; the ABI types and constants come with it.
 *
 * Return values: a call that can fail returns a non-negative result on
 * success and -FEN_xxx (enum fen_rc, negated) on failure, exactly as the
 * kernel left it in r0.
 *
 * Threads: a partition starts with one thread running crt0's _start, which
 * calls the configured entry function.  More threads come from
 * fen_thread_create() + fen_thread_start(); when a thread's entry function
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

#ifdef __cplusplus
}
#endif

#endif
