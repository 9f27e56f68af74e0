/*
 * systick.h - model of the ARMv7-M SysTick timer on the simulated clock.
 *
 * The counter is not stepped: its value is computed from the cycle it was
 * last loaded at, and the model keeps `fire_at`, the cycle of its next
 * interrupt (UINT64_MAX when it will not interrupt), which the machine
 * uses as the clock's deadline.  Only the processor clock source exists.
 */
#ifndef FENESTRA_SIM_SYSTICK_H
#define FENESTRA_SIM_SYSTICK_H

#include <stdint.h>
#include <stdio.h>

#include "bus.h"

struct sim_systick {
    const uint64_t *now;  /* the simulated clock */
    uint32_t csr, rvr;
    uint64_t loaded_at;   /* cycle the counter held RVR; UINT64_MAX: not yet */
    uint64_t cleared_at;  /* cycle CVR was cleared (the load follows it) */
    uint64_t fire_at;
    uint64_t fired;       /* COUNTFLAG: interrupts since the last CSR read */
    FILE *log;
};

extern const struct sim_device_ops sim_systick_ops;

void sim_systick_reset(struct sim_systick *t, const uint64_t *now, FILE *log);

/* The interrupt at fire_at happened: the counter reloads (periodic mode). */
void sim_systick_fired(struct sim_systick *t);

#endif
