/* buffer.c - buffers (see object.h): a ring of `depth` message slots
 * (cfg_object.store); value is the number held, head the oldest.
 *
 * One queue serves both directions: receivers wait only while the buffer
 * is empty and senders only while it is full, and it is never both
 * (depth >= 1).  A blocked sender's message stays in its own memory
 * (wait_buf, wait_len, checked when it blocked) until a slot frees; it is
 * stamped with the cycle of its SEND (wait_stamp).  A message sent while
 * a receiver waits goes straight from the sender's buffer to the
 * receiver's. */
#include "object.h"

#include "msg.h"
#include "waitq.h"

static struct msg_header *slot(const struct object_state *o, uint32_t i)
{
    return msg_slot(o->cfg->store, o->cfg->max_message, i % o->cfg->depth);
}

/* Partition memory to partition memory, through a small kernel buffer:
 * both ranges were checked against the partition's regions. */
static void copy_user(uint32_t to, uint32_t from, uint32_t len)
{
    uint8_t chunk[64];
    for (uint32_t done = 0; done < len;) {
        uint32_t n = len - done < sizeof chunk ? len - done : sizeof chunk;
        arch_copy_from_user(chunk, from + done, n);
        arch_copy_to_user(to + done, chunk, n);
        done += n;
    }
}

/* Buffers do not number their messages: msg_header.seq is 0. */
static void store(struct object_state *o, uint32_t msg, uint32_t len, uint64_t sent_at)
{
    msg_put(slot(o, o->head + (uint32_t)o->value), msg, len, sent_at, 0);
    o->value++;
}

int32_t buffer_send(struct object_state *o, uint32_t msg, uint32_t len)
{
    struct thread *receiver = o->value == 0 ? waitq_first(&o->waiters) : 0;
    if (receiver) {
        copy_user(receiver->wait_buf, msg, len);
        waitq_wake(receiver, (int32_t)len);
        return 0;
    }
    if ((uint32_t)o->value >= o->cfg->depth)
        return -FEN_NOT_AVAILABLE;
    store(o, msg, len, arch_now());
    return 0;
}

int32_t buffer_receive(struct object_state *o, uint32_t buf)
{
    if (o->value == 0)
        return -FEN_NOT_AVAILABLE;
    uint32_t len = msg_get(slot(o, o->head), buf);
    o->head = (uint16_t)((o->head + 1u) % o->cfg->depth);
    o->value--;
    struct thread *sender = waitq_first(&o->waiters);
    if (sender) {
        store(o, sender->wait_buf, sender->wait_len, sender->wait_stamp);
        waitq_wake(sender, 0);
    }
    return (int32_t)len;
}
