/*
 * nvic.h - driver for the NVIC's external interrupt lines, written against
 * the mmio accessors: the firmware and the simulator's port mask, unmask
 * and pend lines through this same code (the simulator's model sits at the
 * same addresses, sim/nvic.c).
 *
 * Lines are level-sensitive or pulsed as their device drives them.  For a
 * level line still asserted, clearing its pending state does nothing
 * (Cortex-M3 rule), so an acknowledge that clears pending and then enables
 * loses nothing and takes no stale interrupt.
 */
#ifndef FENESTRA_NVIC_H
#define FENESTRA_NVIC_H

#include <stdbool.h>
#include <stdint.h>

#include "regs/nvic.h"

void nvic_enable(uint32_t line);
void nvic_disable(uint32_t line);
void nvic_set_pending(uint32_t line);
void nvic_clear_pending(uint32_t line);
bool nvic_is_pending(uint32_t line);
bool nvic_is_enabled(uint32_t line);
bool nvic_is_active(uint32_t line);

/* Priority byte of the line (0 highest); the model keeps all eight bits. */
void nvic_set_priority(uint32_t line, uint8_t priority);
uint8_t nvic_priority(uint32_t line);

#endif
