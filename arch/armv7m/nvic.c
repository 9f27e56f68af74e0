/* nvic.c - NVIC external-line driver (see nvic.h). */
#include "nvic.h"

#include <mmio.h> /* the port's accessors: volatile, or the simulator's bus */

/* The set/clear registers ignore 0 bits: one store, no read-modify-write. */
void nvic_enable(uint32_t line)
{
    mmio_write32(NVIC_ISER + NVIC_WORD(line), NVIC_BIT(line));
}

void nvic_disable(uint32_t line)
{
    mmio_write32(NVIC_ICER + NVIC_WORD(line), NVIC_BIT(line));
}

void nvic_set_pending(uint32_t line)
{
    mmio_write32(NVIC_ISPR + NVIC_WORD(line), NVIC_BIT(line));
}

void nvic_clear_pending(uint32_t line)
{
    mmio_write32(NVIC_ICPR + NVIC_WORD(line), NVIC_BIT(line));
}

bool nvic_is_pending(uint32_t line)
{
    return (mmio_read32(NVIC_ISPR + NVIC_WORD(line)) & NVIC_BIT(line)) != 0;
}

bool nvic_is_enabled(uint32_t line)
{
    return (mmio_read32(NVIC_ISER + NVIC_WORD(line)) & NVIC_BIT(line)) != 0;
}

bool nvic_is_active(uint32_t line)
{
    return (mmio_read32(NVIC_IABR + NVIC_WORD(line)) & NVIC_BIT(line)) != 0;
}

/* IPR is byte-accessible on the board, but word accesses are what the
 * accessors offer (and all the simulator's bus decodes): read, modify the
 * line's byte, write back. */
void nvic_set_priority(uint32_t line, uint8_t priority)
{
    uint32_t addr = NVIC_IPR + (line & ~3u);
    uint32_t shift = 8u * (line & 3u);
    uint32_t v = mmio_read32(addr) & ~(0xffu << shift);
    mmio_write32(addr, v | (uint32_t)priority << shift);
}

uint8_t nvic_priority(uint32_t line)
{
    return (uint8_t)(mmio_read32(NVIC_IPR + (line & ~3u)) >> (8u * (line & 3u)));
}
