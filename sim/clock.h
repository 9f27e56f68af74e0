/*
 * clock.h - the simulated board's deterministic clock.
 *
 * Virtual time is a count of board-clock cycles: one per guest instruction,
 * plus a fixed cost per kernel entry.  `stop_at` is the next cycle at which
 * the guest must be stopped: the next timer interrupt, the end of the run or
 * a debugger's pause, whichever comes first.  Nothing here reads the host clock.
 */
#ifndef FENESTRA_SIM_CLOCK_H
#define FENESTRA_SIM_CLOCK_H

#include <stdint.h>

struct sim_clock {
    uint64_t now;       /* cycles since reset */
    uint64_t deadline;  /* the next timer interrupt: a SysTick step towards
                           the kernel's deadline, or that deadline */
    uint64_t limit;     /* end of the run */
    uint64_t pause;     /* a debugger's stop: the guest stops here too, but
                           unlike the limit it changes nothing else (kernel
                           charges and interrupts are not cut short), so a
                           run paused and resumed is the run not paused */
    uint64_t insns;     /* guest instructions retired */
    uint64_t kernel_entries;
};

static inline uint64_t sim_clock_stop_at(const struct sim_clock *c)
{
    uint64_t s = c->deadline < c->limit ? c->deadline : c->limit;
    return c->pause < s ? c->pause : s;
}

/* Charges a kernel entry's cost; time never passes `stop` (the kernel's
 * next deadline or the end of the run), so every deadline is met at its
 * exact cycle (docs/architecture.md, "Time"). */
static inline void sim_clock_charge(struct sim_clock *c, uint64_t cycles, uint64_t stop)
{
    if (c->limit < stop)
        stop = c->limit;
    uint64_t room = stop > c->now ? stop - c->now : 0;
    c->now += cycles < room ? cycles : room;
}

#endif
