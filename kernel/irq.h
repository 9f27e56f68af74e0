/*
 * irq.h - the interrupt model (docs/interrupts.md).
 *
 * Every NVIC line is owned by at most one partition (with the device that
 * drives it; config.h: cfg_system.irq_owner).  The kernel's top half masks
 * the line, records the assertion with its cycle and makes the owner's
 * interrupt process (the thread waiting in IRQ_WAIT) ready; that process
 * runs in its partition's windows and acknowledges, which unmasks the
 * line.  An interrupt in another partition's window costs that window the
 * top half only.
 */
#ifndef FENESTRA_IRQ_H
#define FENESTRA_IRQ_H

#include "kstate.h"

/* TR_IRQ flags. */
enum irq_op {
    IRQ_OP_ASSERT = 0,  /* top half: masked, recorded */
    IRQ_OP_DELIVER = 1, /* the interrupt process runs for it: a2 latency */
    IRQ_OP_ACK = 2,
    IRQ_OP_ENABLE = 3,
    IRQ_OP_DISABLE = 4,
    IRQ_OP_DROPPED = 5, /* pending assertions cleared by the owner's restart */
};

/* At boot: every line masked. */
void irq_init(void);

/* p (re)starts or goes idle: its lines masked, nothing pending, no waiter. */
void irq_reset_partition(struct part *p);

/* The top half of line `line`. */
void irq_top_half(unsigned line);

/* IRQ_WAIT by t for its line: returns at once with a pending assertion
 * not yet reported, else blocks until `until` (unless !may_block:
 * NOT_AVAILABLE); the event goes to `info` (checked; 0: none). */
int32_t irq_wait(struct thread *t, unsigned line, uint32_t info, uint64_t until,
                 bool may_block);

/* The owner handled the assertions: the line is unmasked if enabled. */
int32_t irq_ack(unsigned line);

/* The owner enables or masks its line. */
void irq_enable(unsigned line, bool on);

/* The interrupt process woken for an assertion runs now: its latency
 * is recorded. */
void irq_process_runs(struct thread *t);

#endif
