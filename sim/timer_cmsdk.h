/*
 * timer_cmsdk.h - model of the Arm CMSDK APB timer (Arm DDI 0479) on the
 * simulated clock, with the behaviour QEMU's cmsdk-apb-timer shows
 * software:
 *
 * - enabled, the 32-bit count goes down by one each cycle of the board
 *   clock; going from 1 to 0 it sets INTSTATUS (if CTRL.IRQEN) and raises
 *   the "timer" output; it holds 0 for one cycle, then reloads RELOAD;
 *   a RELOAD of 0 leaves it at 0 (no further interrupt);
 * - so from VALUE = V the first interrupt comes V cycles after the enable
 *   (1 + RELOAD when V = 0), then every RELOAD + 1 cycles;
 * - writing VALUE sets the count; writing RELOAD sets RELOAD and the count;
 * - INTSTATUS is cleared by writing 1 (INTCLEAR); the output is its level;
 * - the external input (CTRL bits 1 and 2) is not modelled: the bits read
 *   back, the count runs on the board clock, and the model says so once.
 *
 * The count is never stepped: it is computed from the cycle it was last
 * loaded at.  Only an underflow that changes INTSTATUS is an event (while
 * INTSTATUS is set, later underflows change nothing software can see).
 */
#ifndef FENESTRA_SIM_TIMER_CMSDK_H
#define FENESTRA_SIM_TIMER_CMSDK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bus.h"
#include "nvic.h"

struct sim_timer {
    const char *name;
    const uint64_t *now;  /* the simulated clock */
    uint32_t ctrl, reload, intstatus;
    uint32_t held;        /* the count while stopped */
    uint32_t loaded;      /* running: the count was `loaded` ... */
    uint64_t loaded_at;   /* ... at this cycle */
    uint64_t fire_at;     /* next underflow that sets INTSTATUS; UINT64_MAX: none */
    uint64_t interrupts;  /* times INTSTATUS was set */
    struct sim_irq_pin pin;
    bool extin_logged;
    FILE *log;
};

extern const struct sim_device_ops sim_timer_ops;

void sim_timer_reset(struct sim_timer *t, const char *name, const uint64_t *now,
                     FILE *log);
void sim_timer_wire(struct sim_timer *t, struct sim_nvic *n, int line);

/* The count at the current cycle. */
uint32_t sim_timer_value(const struct sim_timer *t);

/* The first underflow (1 -> 0) strictly after cycle `after`, if the timer
 * keeps running as it is; UINT64_MAX if none. */
uint64_t sim_timer_underflow_after(const struct sim_timer *t, uint64_t after);

static inline uint64_t sim_timer_next_event(const struct sim_timer *t)
{
    return t->fire_at;
}

/* Fires the underflow at fire_at if it is due at or before now. */
bool sim_timer_fire(struct sim_timer *t);

#endif
