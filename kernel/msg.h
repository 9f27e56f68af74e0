/*
 * msg.h - message slots in the kernel's message pool (kstate.msg_pool).
 *
 * Queuing and sampling channels, blackboards and buffers all keep their
 * messages as slots the config compiler laid out (config.h: CFG_MSG_SLOT):
 * a header, then max_message bytes.  Messages enter and leave only through
 * the kernel's checked copies from and to the caller's memory.
 */
#ifndef FENESTRA_MSG_H
#define FENESTRA_MSG_H

#include "compiler.h"
#include "kstate.h"

struct msg_header {
    uint64_t sent_at; /* cycle of the send or write call */
    uint32_t length;  /* bytes */
    uint32_t seq;     /* sequence number in its channel or object */
};

_Static_assert(sizeof(struct msg_header) == CFG_MSG_HEADER, "msg header size");

/* Slot i of the store at byte offset `store` whose messages hold up to
 * max_message bytes. */
static inline KERNEL_SHARED struct msg_header *msg_slot(uint32_t store, uint32_t max_message, uint32_t i)
{
    uint8_t *pool = (uint8_t *)kstate.msg_pool;
    return (struct msg_header *)(pool + store + i * CFG_MSG_SLOT(max_message));
}

static inline uint8_t *msg_data(struct msg_header *h)
{
    return (uint8_t *)(h + 1);
}

/* Fills a slot from the caller's (already checked) buffer. */
static inline void msg_put(struct msg_header *h, uint32_t from, uint32_t len,
                           uint64_t sent_at, uint32_t seq)
{
    h->sent_at = sent_at;
    h->length = len;
    h->seq = seq;
    arch_copy_from_user(msg_data(h), from, len);
}

/* Copies a slot's message to a (checked) buffer; returns its length. */
static inline uint32_t msg_get(struct msg_header *h, uint32_t to)
{
    arch_copy_to_user(to, msg_data(h), h->length);
    return h->length;
}

#endif
