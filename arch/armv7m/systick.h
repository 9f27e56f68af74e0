/*
 * systick.h - one-shot deadlines on the SysTick timer, written against the
 * mmio accessors: the firmware port and the simulator's port arm the
 * kernel's deadline through this same code.
 *
 * Counting from an enable with the current value cleared, SysTick loads the
 * reload value on the next cycle and interrupts when it counts down to
 * zero: RVR + 1 cycles after the enable.  One arm covers at most
 * SYSTICK_MAX_CYCLES; longer deadlines are chained by the port.
 */
#ifndef FENESTRA_SYSTICK_H
#define FENESTRA_SYSTICK_H

#include <stdint.h>

#include "regs/systick.h"

#define SYSTICK_MAX_CYCLES (SYSTICK_MAX_RELOAD + 1u)

/* Interrupts `cycles` cycles from now; 2 <= cycles <= SYSTICK_MAX_CYCLES. */
void systick_arm(uint32_t base, uint32_t cycles);

void systick_stop(uint32_t base);

/* Free-running use (the firmware's clock): starts counting down from
 * `cycles` - 1, reloading forever, interrupting at each wrap. */
void systick_start(uint32_t base, uint32_t cycles);

/* Restarts a running countdown with a new period without stopping the
 * counter (no cycle is lost to a stop): the next wrap comes `cycles`
 * cycles after the store.  Clears COUNTFLAG. */
void systick_restart(uint32_t base, uint32_t cycles);

#endif
