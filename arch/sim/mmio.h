/* mmio.h (sim) - register accessors for the drivers in arch/armv7m: in the
 * host build they reach the simulator's device models at the same
 * architectural addresses. */
#ifndef FENESTRA_MMIO_H
#define FENESTRA_MMIO_H

#include <stdint.h>

uint32_t mmio_read32(uint32_t addr);
void mmio_write32(uint32_t addr, uint32_t value);

/* The simulator applies every register store at once: no barrier needed. */
static inline void mmio_barrier(void) {}

#endif
