/*
 * lock.c - the lightweight lock of fenestra.h: a word in the partition's
 * memory, taken with LDREX/STREX, with the kernel's LOCK_WAIT/LOCK_WAKE
 * as the slow path only (docs/communication.md, "The lightweight lock").
 *
 * The word (Drepper's "Futexes are tricky", mutex 2):
 *   0  free;
 *   1  held, nobody waits: release is one STREX;
 *   2  held, threads may wait: release wakes the first of them.
 * A thread that finds the lock held marks it 2 and sleeps in LOCK_WAIT
 * for as long as it stays 2 (the kernel checks the word before parking
 * it, so a release in between is never missed: the call returns
 * NO_ACTION and the thread tries again).  A woken thread takes the lock
 * as 2, since others may still wait; the worst this costs is one wake
 * that finds nobody.
 *
 * The kernel wakes the highest-priority waiter first.  A thread running
 * in between may take the lock before the woken one runs (no hand-over),
 * which keeps the uncontended path free of system calls.
 */
#include <stdint.h>

#include "fenestra.h"
#include "svc.h"

#define FREE 0u
#define HELD 1u
#define CONTENDED 2u

static inline uint32_t load_exclusive(volatile uint32_t *w)
{
    uint32_t v;
    __asm__ volatile("ldrex %0, [%1]" : "=r"(v) : "r"(w) : "memory");
    return v;
}

/* 0 when the store happened. */
static inline uint32_t store_exclusive(volatile uint32_t *w, uint32_t v)
{
    uint32_t failed;
    __asm__ volatile("strex %0, %2, [%1]" : "=&r"(failed) : "r"(w), "r"(v) : "memory");
    return failed;
}

static inline void clear_exclusive(void)
{
    __asm__ volatile("clrex" ::: "memory");
}

/* Orders the critical section's accesses after the acquire and before
 * the release (other bus masters; one Cortex-M core needs no more). */
static inline void barrier(void)
{
    __asm__ volatile("dmb" ::: "memory");
}

/* Stores `desired` if the word holds `expected`; returns what it held. */
static uint32_t compare_swap(volatile uint32_t *w, uint32_t expected, uint32_t desired)
{
    uint32_t old;
    do {
        old = load_exclusive(w);
        if (old != expected) {
            clear_exclusive();
            return old;
        }
    } while (store_exclusive(w, desired));
    return old;
}

static uint32_t swap(volatile uint32_t *w, uint32_t v)
{
    uint32_t old;
    do {
        old = load_exclusive(w);
    } while (store_exclusive(w, v));
    return old;
}

static uint32_t word_addr(fen_lock_t *lock)
{
    return (uint32_t)(uintptr_t)&lock->word;
}

void fen_lock_init(fen_lock_t *lock)
{
    lock->word = FREE;
}

int32_t fen_lock_try(fen_lock_t *lock)
{
    if (compare_swap(&lock->word, FREE, HELD) != FREE)
        return -FEN_NOT_AVAILABLE;
    barrier();
    return 0;
}

/* The cycles left until `deadline` (FEN_INFINITE_TIME: for ever), 0 when
 * it has passed. */
static uint64_t time_left(uint64_t deadline)
{
    if (deadline == FEN_INFINITE_TIME)
        return FEN_INFINITE_TIME;
    uint64_t now = fen_get_time();
    return now < deadline ? deadline - now : 0;
}

/* The slow path: marks the lock contended and sleeps while it stays so.
 * A finite timeout counts from the first attempt, across wake-ups that
 * lost the lock to another thread (a sum past the end of time is for
 * ever). */
static __attribute__((noinline)) int32_t acquire_contended(fen_lock_t *lock,
                                                           uint64_t timeout)
{
    uint64_t deadline = FEN_INFINITE_TIME;
    if (timeout != FEN_INFINITE_TIME) {
        uint64_t now = fen_get_time();
        deadline = now + timeout < now ? FEN_INFINITE_TIME : now + timeout;
    }
    while (swap(&lock->word, CONTENDED) != FREE) {
        uint64_t left = time_left(deadline);
        if (left == 0)
            return -FEN_TIMED_OUT;
        int32_t rc = (int32_t)fen_svc(FEN_SYS_LOCK_WAIT, word_addr(lock), CONTENDED,
                                      (uint32_t)left, (uint32_t)(left >> 32)).r0;
        if (rc < 0 && rc != -FEN_NO_ACTION)
            return rc; /* TIMED_OUT, INVALID_MODE, INVALID_PARAM */
    }
    barrier();
    return 0;
}

int32_t fen_lock_acquire(fen_lock_t *lock, uint64_t timeout)
{
    if (compare_swap(&lock->word, FREE, HELD) == FREE) {
        barrier();
        return 0;
    }
    if (timeout == 0)
        return -FEN_NOT_AVAILABLE;
    return acquire_contended(lock, timeout);
}

int32_t fen_lock_release(fen_lock_t *lock)
{
    barrier();
    uint32_t old = swap(&lock->word, FREE);
    if (old == FREE)
        return -FEN_NO_ACTION;
    if (old == CONTENDED) {
        int32_t woken = fen_svc32(FEN_SYS_LOCK_WAKE, word_addr(lock), 1);
        if (woken < 0)
            return woken;
    }
    return 0;
}
