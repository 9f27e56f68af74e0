/* irq.c - interrupt lines, their owners and interrupt processes (irq.h). */
#include "irq.h"

#include "abi.h"
#include "waitq.h"

static uint8_t owner_of(unsigned line)
{
    return cfg_system.irq_owner ? cfg_system.irq_owner[line] : CFG_IRQ_NO_OWNER;
}

static void emit(unsigned line, enum irq_op op, uint32_t a2)
{
    const struct irq_state *s = &kstate.irqs[line];
    uint8_t owner = owner_of(line);
    trace_emit3(TR_IRQ, owner == CFG_IRQ_NO_OWNER ? TRACE_NONE : owner, TRACE_NONE,
                (uint8_t)op, line, (uint32_t)s->asserted, a2);
}

void irq_init(void)
{
    for (unsigned i = 0; i < cfg_system.board->irq_lines && i < CFG_IRQ_LINES; i++) {
        kstate.irqs[i] = (struct irq_state){0};
        waitq_init(&kstate.irqs[i].waiter, CFG_DISCIPLINE_FIFO);
        arch_irq_mask(i);
    }
}

void irq_reset_partition(struct part *p)
{
    uint8_t part = (uint8_t)(p - kstate.parts);
    for (unsigned i = 0; i < cfg_system.board->irq_lines && i < CFG_IRQ_LINES; i++) {
        struct irq_state *s = &kstate.irqs[i];
        if (owner_of(i) != part)
            continue;
        arch_irq_mask(i);
        if (s->pending)
            emit(i, IRQ_OP_DROPPED, s->pending);
        s->pending = 0;
        s->enabled = s->in_service = s->reported = false;
        s->waiter.head = 0; /* its threads have left every queue already */
    }
}

/* The waiting interrupt process learns of the assertion: the event goes
 * to the block it passed, and its latency is measured when it runs. */
static void report(unsigned line, struct thread *w)
{
    struct irq_state *s = &kstate.irqs[line];
    s->delivered = arch_now();
    struct fen_irq_event ev = {.asserted = s->asserted, .delivered = s->delivered,
                               .count = s->pending, .line = line};
    if (w->wait_info)
        arch_copy_to_user(w->wait_info, &ev, sizeof ev);
    s->reported = true;
    w->irq_line = (uint16_t)line;
    w->irq_asserted = s->asserted;
}

static void deliver(unsigned line, struct thread *w)
{
    report(line, w);
    waitq_wake(w, 0);
}

int32_t irq_wait(struct thread *t, unsigned line, uint32_t info, uint64_t until,
                 bool may_block)
{
    struct irq_state *s = &kstate.irqs[line];
    if (waitq_first(&s->waiter))
        return -FEN_NOT_AVAILABLE; /* one interrupt process per line */
    bool due = s->pending && !s->reported;
    if (!due && !may_block)
        return -FEN_NOT_AVAILABLE;
    t->wait_info = info;
    if (due) {
        report(line, t); /* it is running: its latency ends now */
        irq_process_runs(t);
        return 0;
    }
    waitq_block(&s->waiter, t, until);
    return 0;
}

int32_t irq_ack(unsigned line)
{
    struct irq_state *s = &kstate.irqs[line];
    if (!s->in_service)
        return -FEN_NO_ACTION;
    s->pending = 0;
    s->in_service = s->reported = false;
    emit(line, IRQ_OP_ACK, 0);
    if (s->enabled)
        arch_irq_unmask(line);
    return 0;
}

void irq_enable(unsigned line, bool on)
{
    struct irq_state *s = &kstate.irqs[line];
    s->enabled = on;
    emit(line, on ? IRQ_OP_ENABLE : IRQ_OP_DISABLE, s->pending);
    if (on && !s->in_service)
        arch_irq_unmask(line);
    else if (!on)
        arch_irq_mask(line);
}

void irq_top_half(unsigned line)
{
    if (line >= CFG_IRQ_LINES || line >= cfg_system.board->irq_lines)
        return;
    struct irq_state *s = &kstate.irqs[line];
    arch_irq_mask(line);
    s->assertions++;
    if (s->pending++ == 0)
        s->asserted = arch_now();
    s->in_service = true;
    emit(line, IRQ_OP_ASSERT, s->pending);
    /* only an owner's interrupt process waits on a line */
    struct thread *w = CFG_HAS_IRQ_OWNERS ? waitq_first(&s->waiter) : 0;
    if (w)
        deliver(line, w);
}

void irq_process_runs(struct thread *t)
{
    unsigned line = t->irq_line;
    struct irq_state *s = &kstate.irqs[line];
    uint64_t latency = arch_now() - t->irq_asserted;
    t->irq_line = IRQ_LINE_NONE;
    s->deliveries++;
    s->total_latency += latency;
    if (latency > s->max_latency)
        s->max_latency = latency;
    trace_emit3(TR_IRQ, t->part, t->local_id, IRQ_OP_DELIVER, line,
                (uint32_t)t->irq_asserted, (uint32_t)latency);
}
