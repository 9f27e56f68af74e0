/* sem.c - counting semaphores (see object.h): value is the count,
 * 0..maximum.  A unit signalled while processes wait goes straight to the
 * first of them (in the semaphore's discipline), so the count stays 0. */
#include "object.h"

#include "waitq.h"

int32_t sem_wait(struct object_state *o)
{
    if (o->value == 0)
        return -FEN_NOT_AVAILABLE;
    o->value--;
    return 0;
}

int32_t sem_signal(struct object_state *o)
{
    struct thread *w = waitq_first(&o->waiters);
    if (w) {
        waitq_wake(w, 0);
        return 0;
    }
    if (o->value >= o->cfg->maximum)
        return -FEN_NO_ACTION;
    o->value++;
    return 0;
}
