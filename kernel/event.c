/* event.c - events (see object.h): value 1 up, 0 down.  Setting one
 * readies every process waiting on it, in its queue's order. */
#include "object.h"

#include "waitq.h"

void event_set(struct object_state *o)
{
    o->value = 1;
    struct thread *w;
    while ((w = waitq_first(&o->waiters)) != 0)
        waitq_wake(w, 0);
}

void event_reset(struct object_state *o)
{
    o->value = 0;
}

int32_t event_wait(struct object_state *o)
{
    return o->value ? 0 : -FEN_NOT_AVAILABLE;
}
