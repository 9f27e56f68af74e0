/* ports.c - sampling and queuing channels (see ports.h). */
#include "ports.h"
#include "compiler.h"

#include "msg.h"
#include "thread.h"
#include "waitq.h"

static struct channel_state *chan_of(const struct cfg_port *c)
{
    return &kstate.channels[c->channel];
}

static const struct cfg_channel *chan_cfg(const struct cfg_port *c)
{
    return &cfg_system.channels[c->channel];
}

void ports_init(void)
{
    for (uint16_t i = 0; i < cfg_system.num_channels; i++) {
        struct channel_state *s = &kstate.channels[i];
        uint8_t d = cfg_system.channels[i].discipline;
        *s = (struct channel_state){0};
        waitq_init(&s->senders, d);
        waitq_init(&s->receivers, d);
    }
}

void ports_reset_partition(struct part *p)
{
    uint8_t part = (uint8_t)(p - kstate.parts);
    for (uint16_t i = 0; i < cfg_system.num_ports; i++) {
        if (cfg_system.ports[i].partition == part)
            kstate.ports[i].created = false;
    }
}

const struct cfg_port *ports_of(uint8_t part, uint32_t id)
{
    if (id >= cfg_system.num_ports)
        return 0;
    const struct cfg_port *c = &cfg_system.ports[id];
    return c->partition == part && kstate.ports[id].created ? c : 0;
}

static void emit(const struct thread *t, enum port_op op, uint32_t port, uint32_t seq,
                 uint32_t a2)
{
    trace_emit3(TR_PORT, t->part, t->local_id, (uint8_t)op, port, seq, a2);
}

static KERNEL_SHARED void note_latency(struct port_state *ps, uint64_t latency)
{
    ps->messages++;
    ps->total_latency += latency;
    if (latency > ps->max_latency)
        ps->max_latency = latency;
}

/* --- sampling ------------------------------------------------------------ */

int32_t ports_write_sampling(struct thread *t, uint32_t id, uint32_t msg, uint32_t len)
{
    const struct cfg_port *c = &cfg_system.ports[id];
    const struct cfg_channel *cc = chan_cfg(c);
    struct channel_state *s = chan_of(c);
    struct msg_header *h = msg_slot(cc->store, cc->max_message, 0);
    msg_put(h, msg, len, arch_now(), s->seq++);
    s->count = 1;
    kstate.ports[id].messages++;
    emit(t, PORT_OP_WRITE, id, h->seq, len);
    return 0;
}

int32_t ports_read_sampling(struct thread *t, uint32_t id, uint32_t buf, uint32_t info)
{
    const struct cfg_port *c = &cfg_system.ports[id];
    const struct cfg_channel *cc = chan_cfg(c);
    struct fen_sampling_info si = {0};
    int32_t rc = -FEN_NO_ACTION; /* nothing written yet */
    if (chan_of(c)->count) {
        struct msg_header *h = msg_slot(cc->store, cc->max_message, 0);
        uint64_t now = arch_now();
        si.written_at = h->sent_at;
        si.age = now - h->sent_at;
        si.valid = si.age <= cc->refresh; /* at the cycle of this very call */
        si.length = msg_get(h, buf);
        note_latency(&kstate.ports[id], si.age);
        emit(t, PORT_OP_READ, id, h->seq, (uint32_t)si.age);
        rc = (int32_t)si.length;
    }
    if (info)
        arch_copy_to_user(info, &si, sizeof si);
    return rc;
}

/* --- queuing ------------------------------------------------------------- */

static struct msg_header *queue_slot(const struct cfg_channel *cc,
                                     const struct channel_state *s, uint32_t nth)
{
    return msg_slot(cc->store, cc->max_message, (s->head + nth) % cc->depth);
}

/* The receive result: its length, and the flag when senders were refused
 * since the previous receive. */
static int32_t receive_result(struct channel_state *s, uint32_t len)
{
    int32_t rc = (int32_t)len | (s->overflowed ? (int32_t)FEN_MSG_OVERFLOWED : 0);
    s->overflowed = false;
    return rc;
}

/* Takes the oldest message into `to` (a receiver's checked buffer). */
static struct msg_header *dequeue(const struct cfg_channel *cc, struct channel_state *s,
                                  uint32_t to)
{
    struct msg_header *h = queue_slot(cc, s, 0);
    msg_get(h, to);
    s->head = (uint16_t)((s->head + 1) % cc->depth);
    s->count--;
    return h;
}

static void enqueue(const struct cfg_channel *cc, struct channel_state *s, uint32_t from,
                    uint32_t len, uint64_t sent_at)
{
    msg_put(queue_slot(cc, s, s->count), from, len, sent_at, s->seq++);
    s->count++;
}

/* A message has just been queued: hands the oldest one to the first
 * waiting receiver, who gets its latency when it runs. */
static void serve_receiver(const struct cfg_port *src, struct channel_state *s)
{
    const struct cfg_channel *cc = chan_cfg(src);
    struct thread *r = waitq_first(&s->receivers);
    if (!r || !s->count)
        return;
    struct msg_header *h = dequeue(cc, s, r->wait_buf);
    r->wait_stamp = h->sent_at;
    r->wait_len = h->seq;
    r->port_delivered = cc->destinations[0];
    waitq_wake(r, receive_result(s, h->length));
}

/* Room has just been made: the first waiting sender's message goes in,
 * stamped with the cycle of its call. */
static void serve_sender(const struct cfg_channel *cc, struct channel_state *s)
{
    struct thread *w = waitq_first(&s->senders);
    if (!w || s->count >= cc->depth)
        return;
    enqueue(cc, s, w->wait_buf, w->wait_len, w->wait_stamp);
    kstate.ports[cc->source].messages++;
    emit(w, PORT_OP_SEND, cc->source, s->seq - 1, w->wait_len);
    waitq_wake(w, 0);
}

/* A send refused for want of room: counted at the source, flagged to and
 * counted at the destination. */
static KERNEL_SHARED void refuse(const struct thread *t, const struct cfg_channel *cc,
                   struct channel_state *s)
{
    s->overflowed = true;
    kstate.ports[cc->source].overflows++;
    kstate.ports[cc->destinations[0]].overflows++;
    emit(t, PORT_OP_REFUSED, cc->source, s->seq, 0);
}

int32_t ports_send(struct thread *t, uint32_t id, uint32_t msg, uint32_t len,
                   uint64_t timeout)
{
    const struct cfg_port *c = &cfg_system.ports[id];
    const struct cfg_channel *cc = chan_cfg(c);
    struct channel_state *s = chan_of(c);
    if (s->count < cc->depth && !waitq_first(&s->senders)) {
        enqueue(cc, s, msg, len, arch_now());
        kstate.ports[id].messages++;
        emit(t, PORT_OP_SEND, id, s->seq - 1, len);
        serve_receiver(c, s);
        return 0;
    }
    if (timeout == 0) {
        refuse(t, cc, s);
        return -FEN_NOT_AVAILABLE;
    }
    t->wait_buf = msg;
    t->wait_len = len;
    t->wait_stamp = arch_now();
    emit(t, PORT_OP_BLOCKED, id, s->seq, len);
    waitq_block(&s->senders, t, thread_wait_end(timeout));
    return 0;
}

int32_t ports_receive(struct thread *t, uint32_t id, uint32_t buf, uint64_t timeout)
{
    const struct cfg_port *c = &cfg_system.ports[id];
    const struct cfg_channel *cc = chan_cfg(c);
    struct channel_state *s = chan_of(c);
    if (s->count) {
        struct msg_header *h = dequeue(cc, s, buf);
        uint64_t latency = arch_now() - h->sent_at;
        note_latency(&kstate.ports[id], latency);
        emit(t, PORT_OP_RECEIVE, id, h->seq, (uint32_t)latency);
        int32_t rc = receive_result(s, h->length);
        serve_sender(cc, s);
        return rc;
    }
    if (timeout == 0)
        return -FEN_NOT_AVAILABLE;
    t->wait_buf = buf;
    emit(t, PORT_OP_BLOCKED, id, s->seq, 0);
    waitq_block(&s->receivers, t, thread_wait_end(timeout));
    return 0;
}

void ports_wait_timed_out(struct thread *t)
{
    for (uint16_t i = 0; i < cfg_system.num_channels; i++) {
        struct channel_state *s = &kstate.channels[i];
        if (t->waitq == &s->senders) {
            refuse(t, &cfg_system.channels[i], s);
            return;
        }
    }
}

void ports_receiver_runs(struct thread *t)
{
    uint32_t id = t->port_delivered;
    t->port_delivered = PORT_NONE;
    uint64_t latency = arch_now() - t->wait_stamp;
    note_latency(&kstate.ports[id], latency);
    emit(t, PORT_OP_RECEIVE, id, t->wait_len, (uint32_t)latency);
}

void ports_status(uint32_t id, struct fen_port_status *out)
{
    const struct cfg_port *c = &cfg_system.ports[id];
    const struct cfg_channel *cc = chan_cfg(c);
    const struct channel_state *s = chan_of(c);
    const struct port_state *ps = &kstate.ports[id];
    *out = (struct fen_port_status){
        .refresh = cc->refresh,
        .messages = ps->messages,
        .overflows = ps->overflows,
        .max_latency = ps->max_latency,
        .kind = cc->kind,
        .direction = c->direction,
        .max_message = cc->max_message,
        .depth = cc->depth,
        .count = s->count,
        .waiting = waitq_count(c->direction == CFG_PORT_SOURCE ? &s->senders
                                                               : &s->receivers),
    };
    if (cc->kind == CFG_PORT_SAMPLING && s->count)
        out->last_write = msg_slot(cc->store, cc->max_message, 0)->sent_at;
}
