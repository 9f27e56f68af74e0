/* mmio.h (armv7m) - register accessors: volatile loads and stores. */
#ifndef FENESTRA_MMIO_H
#define FENESTRA_MMIO_H

#include <stdint.h>

static inline uint32_t mmio_read32(uint32_t addr)
{
    return *(volatile uint32_t *)(uintptr_t)addr;
}

static inline void mmio_write32(uint32_t addr, uint32_t value)
{
    *(volatile uint32_t *)(uintptr_t)addr = value;
}

/* Makes the stores before it (to the MPU, say) take effect before any
 * instruction after it is fetched. */
static inline void mmio_barrier(void)
{
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

#endif
