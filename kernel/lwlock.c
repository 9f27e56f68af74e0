/* lwlock.c - the lightweight lock's slow path (see object.h and
 * user/lock.c).  The lock word lives in the partition's memory and is
 * taken and given back there with LDREX/STREX; the kernel only parks the
 * threads that found it taken and wakes them when the holder says there
 * are waiters.  All of a partition's parked threads share one queue by
 * priority (part.lock_waiters), each keyed by its word's address
 * (wait_key): a wake takes the first ones of that key, so the
 * highest-priority waiter of a word always comes first. */
#include "object.h"

#include "waitq.h"

void lwlock_block(struct thread *t, uint32_t word, uint64_t until)
{
    t->wait_key = word;
    waitq_block(&kstate.parts[t->part].lock_waiters, t, until);
}

uint32_t lwlock_wake(struct part *p, uint32_t word, uint32_t max)
{
    uint32_t n = 0;
    struct thread *w = waitq_first(&p->lock_waiters);
    while (w && n < max) {
        struct thread *next = w->wq_next;
        if (w->wait_key == word) {
            waitq_wake(w, 0);
            n++;
        }
        w = next;
    }
    return n;
}
