/*
 * ports.h - inter-partition channels: sampling and queuing ports
 * (docs/communication.md).
 *
 * The config declares every channel and its ports (config.h); a partition
 * reaches only its own ports, after creating them in an init mode.  The
 * kernel keeps the messages (msg.h) and copies every one in from the
 * sender's memory and out to the receiver's through its checked copies, so
 * no partition ever touches another's memory.
 */
#ifndef FENESTRA_PORTS_H
#define FENESTRA_PORTS_H

#include "abi.h"
#include "kstate.h"

/* TR_PORT flags. */
enum port_op {
    PORT_OP_SEND = 0,    /* queued (or handed to a waiting receiver) */
    PORT_OP_RECEIVE = 1, /* the receiver holds it: a2 latency */
    PORT_OP_WRITE = 2,   /* sampling */
    PORT_OP_READ = 3,    /* sampling: a2 age */
    PORT_OP_REFUSED = 4, /* queue full: the sender got an error (overflow) */
    PORT_OP_BLOCKED = 5, /* a sender waits for room, a receiver for a message */
};

#define PORT_NONE 0xffffu

/* At boot: every channel empty, its queues in their discipline. */
void ports_init(void);

/* p (re)starts: its ports must be created again; messages in channels
 * stay. */
void ports_reset_partition(struct part *p);

/* The port's configuration and state, NULL when `id` is not a port of
 * `part` or not created yet. */
const struct cfg_port *ports_of(uint8_t part, uint32_t id);

/* Operations of syscall_port.c, after their argument checks: each returns
 * what the caller's r0 gets (a negative rc, or 0 when it blocked). */
int32_t ports_write_sampling(struct thread *t, uint32_t id, uint32_t msg, uint32_t len);
int32_t ports_read_sampling(struct thread *t, uint32_t id, uint32_t buf, uint32_t info);
int32_t ports_send(struct thread *t, uint32_t id, uint32_t msg, uint32_t len,
                   uint64_t timeout);
int32_t ports_receive(struct thread *t, uint32_t id, uint32_t buf, uint64_t timeout);

/* A thread blocked on a port timed out (process.c): a sender's refused
 * message is an overflow, counted and flagged to the receiver. */
void ports_wait_timed_out(struct thread *t);

/* A receiver that got its message while blocked runs now: its latency
 * (from the send) is known at last. */
void ports_receiver_runs(struct thread *t);

/* The --ports statistics of port `id`. */
void ports_status(uint32_t id, struct fen_port_status *out);

#endif
