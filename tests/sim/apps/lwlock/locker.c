/* locker.c - the lightweight lock in three phases, each between two
 * fen_yield() calls that mark it in the event log:
 *   1. uncontended: 1000 acquire/release pairs and a failed try, which
 *      must make no system call at all;
 *   2. contended: the initial thread holds the lock while threads of
 *      priority 20, 15 and 30 (started in that order) block on it; they
 *      must get it highest priority first;
 *   3. a timed acquire (1000 cycles) of the lock, held for 3000, times
 *      out. */
#include <inttypes.h>
#include <stdio.h>

#include "fenestra.h"

#define PAIRS 1000
#define TIMEOUT 1000

static fen_lock_t lock = FEN_LOCK_INITIALIZER;
static FEN_THREAD_STACK(stack_a, 1024);
static FEN_THREAD_STACK(stack_b, 1024);
static FEN_THREAD_STACK(stack_c, 1024);
static FEN_THREAD_STACK(stack_d, 1024);

static char order[8];
static uint32_t got;
static int32_t timed_rc = 1;
static uint64_t timed_cycles;

/* arg: the thread's letter. */
static void contender(void *arg)
{
    if (fen_lock_acquire(&lock, FEN_INFINITE_TIME) != 0)
        return;
    order[got++] = (char)(uintptr_t)arg;
    fen_lock_release(&lock);
}

static void timed(void *arg)
{
    (void)arg;
    uint64_t from = fen_get_time();
    timed_rc = fen_lock_acquire(&lock, TIMEOUT);
    timed_cycles = fen_get_time() - from;
}

static int32_t spawn(fen_thread_entry_t entry, char letter, void *stack, uint32_t prio)
{
    return fen_thread_create(entry, (void *)(uintptr_t)letter, stack, 1024, prio);
}

int main(void)
{
    fen_set_partition_mode(FEN_MODE_NORMAL);
    int32_t a = spawn(contender, 'A', stack_a.stack, 20);
    int32_t b = spawn(contender, 'B', stack_b.stack, 15);
    int32_t c = spawn(contender, 'C', stack_c.stack, 30);

    fen_yield(); /* phase 1 */
    uint32_t pairs = 0;
    int32_t try_held = 0;
    for (uint32_t i = 0; i < PAIRS; i++) {
        if (fen_lock_acquire(&lock, FEN_INFINITE_TIME) != 0)
            break;
        if (i == 0)
            try_held = fen_lock_try(&lock);
        if (fen_lock_release(&lock) != 0)
            break;
        pairs++;
    }
    fen_yield();
    printf("uncontended: %" PRIu32 " pairs, try on held %" PRId32 ", word %" PRIu32 "\n",
           pairs, try_held, lock.word);

    fen_yield(); /* phase 2 */
    fen_lock_acquire(&lock, 0);
    fen_thread_start(a); /* each runs at once and blocks */
    fen_thread_start(b);
    fen_thread_start(c);
    uint32_t word = lock.word;
    fen_lock_release(&lock); /* they run now, one after the other */
    fen_yield();
    printf("contended: word %" PRIu32 " while they waited, order %s, word %" PRIu32 "\n",
           word, order, lock.word);

    int32_t d = spawn(timed, 'D', stack_d.stack, 20);
    fen_yield(); /* phase 3 */
    fen_lock_acquire(&lock, 0);
    fen_thread_start(d); /* runs at once and blocks */
    fen_timed_wait(3 * TIMEOUT); /* it times out meanwhile */
    fen_lock_release(&lock);
    fen_yield();
    printf("timed: %" PRId32 " after %" PRIu64 " cycles\n", timed_rc, timed_cycles);
    return 0;
}
