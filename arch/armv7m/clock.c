/*
 * clock.c - kernel/arch.h's time on SysTick, tickless (docs/boards.md).
 *
 * arch_now() is a 64-bit cycle count: `base` (the cycle at which SysTick
 * last started a countdown of `period` cycles) plus what it has counted
 * since.  A wrap (COUNTFLAG, which a read of CSR clears) moves base on by
 * one period; the countdown then goes on with the same period.  The
 * clock is read at least once per period (the wrap's interrupt reads it),
 * and periods are never shorter than CLOCK_MIN_ARM, so no wrap is missed.
 *
 * arch_deadline_set() restarts the countdown so that it ends exactly at
 * the deadline (or after the longest period, a step that re-arms without
 * entering the kernel); a deadline nearer than CLOCK_MIN_ARM is reached by
 * pending SysTick and waiting out the last cycles in its handler.
 *
 * During kern_init the clock reads 0, as the simulator's does: the kernel
 * boots at cycle 0 and the first window begins at 0 whatever the boot cost.
 */
#include "port.h"
#include "compiler.h"

#include <mmio.h>

#include "kernel.h"
#include "ktime.h"
#include "regs/scb.h"
#include "systick.h"

/* Below this many cycles a countdown is not started: the kernel's own
 * exit path could outlast it and its wrap would be missed. */
#define CLOCK_MIN_ARM 256u

/* Cycles between the read of the count and the restart's store in
 * clock_restart (two stores after the read, at about one cycle each). */
#define CLOCK_RESTART_CYCLES 2u

static uint32_t read_cvr(void)
{
    return mmio_read32(SYSTICK_BASE + SYSTICK_CVR);
}

KERNEL_SHARED uint64_t clock_now(void)
{
    struct armv7m_clock *c = &armv7m.clock;
    if (!c->running)
        return 0;
    /* The count first: a wrap between the two reads shows in COUNTFLAG,
     * and the count is then read again, after the wrap. */
    uint32_t cvr = read_cvr();
    if (mmio_read32(SYSTICK_BASE + SYSTICK_CSR) & SYSTICK_CSR_COUNTFLAG) {
        c->base += c->period;
        cvr = read_cvr();
    }
    /* 0 before the first reload of a countdown, or at its very end, which
     * COUNTFLAG has just folded into base. */
    return c->base + (cvr ? c->period - cvr : 0);
}

uint64_t arch_now(void)
{
    return clock_now();
}

void clock_init(uint64_t limit)
{
    armv7m.clock = (struct armv7m_clock){.target = KTIME_NEVER, .limit = limit,
                                         .period = SYSTICK_MAX_CYCLES};
}

/* The deadline the timer works towards: the kernel's, or the run's end. */
static KERNEL_SHARED uint64_t due(void)
{
    const struct armv7m_clock *c = &armv7m.clock;
    return c->target < c->limit ? c->target : c->limit;
}

static void pend_systick(void)
{
    mmio_write32(SCB_ICSR, SCB_ICSR_PENDSTSET);
}

/* A new countdown that ends at `at` (or after the longest period); a wrap
 * of the old one that came after the read is dropped with it. */
static void clock_restart(uint64_t at)
{
    struct armv7m_clock *c = &armv7m.clock;
    uint64_t now = clock_now() + CLOCK_RESTART_CYCLES;
    uint64_t d = at > now ? at - now : 0;
    if (d < CLOCK_MIN_ARM) {
        pend_systick();
        return;
    }
    uint32_t period = d < SYSTICK_MAX_CYCLES ? (uint32_t)d : SYSTICK_MAX_CYCLES;
    systick_restart(SYSTICK_BASE, period);
    mmio_write32(SCB_ICSR, SCB_ICSR_PENDSTCLR);
    c->base = now;
    c->period = period;
}

void clock_start(void)
{
    struct armv7m_clock *c = &armv7m.clock;
    c->base = 0;
    c->running = true;
    systick_start(SYSTICK_BASE, SYSTICK_MAX_CYCLES);
    clock_restart(due());
}

/* The kernel re-arms after every entry, mostly with the deadline the
 * countdown already ends at: then nothing is touched. */
void arch_deadline_set(uint64_t cycle)
{
    struct armv7m_clock *c = &armv7m.clock;
    c->target = cycle;
    if (!c->running)
        return;
    uint64_t at = due();
    if (at == c->base + c->period)
        return;
    if (at > c->base + c->period && c->period == SYSTICK_MAX_CYCLES)
        return; /* a step ends first and re-arms */
    clock_restart(at);
}

/* A wrap or a pend: the deadline (or the run's end) has come, or a step
 * of a long wait re-arms, or the last cycles are waited out here. */
void armv7m_on_systick(void)
{
    uint64_t at = due();
    uint64_t now = clock_now();
    if (now < at && at - now >= CLOCK_MIN_ARM) {
        clock_restart(at);
        return;
    }
    while (clock_now() < at)
        ;
    if (at >= armv7m.clock.limit)
        armv7m_finish(TRACE_END_LIMIT);
    kern_trap_deadline();
}
