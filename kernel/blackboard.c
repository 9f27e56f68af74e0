/* blackboard.c - blackboards (see object.h): one message slot
 * (cfg_object.store); value 1 while a message is shown.  Readers that
 * waited for a display get their copy from the display itself: their
 * buffers (of max_message bytes at least) were checked when they
 * blocked. */
#include "object.h"

#include "msg.h"
#include "waitq.h"

static struct msg_header *slot(const struct object_state *o)
{
    return msg_slot(o->cfg->store, o->cfg->max_message, 0);
}

/* Each display numbers its message (msg_header.seq) after the last. */
void blackboard_display(struct object_state *o, uint32_t msg, uint32_t len)
{
    struct msg_header *h = slot(o);
    msg_put(h, msg, len, arch_now(), h->seq + 1);
    o->value = 1;
    struct thread *w;
    while ((w = waitq_first(&o->waiters)) != 0)
        waitq_wake(w, (int32_t)msg_get(h, w->wait_buf));
}

int32_t blackboard_read(struct object_state *o, uint32_t buf)
{
    if (!o->value)
        return -FEN_NOT_AVAILABLE;
    return (int32_t)msg_get(slot(o), buf);
}

void blackboard_clear(struct object_state *o)
{
    o->value = 0;
}
