/* systick.c - SysTick one-shot driver (see systick.h). */
#include "systick.h"

#include <mmio.h> /* the port's accessors: volatile, or the simulator's bus */

void systick_arm(uint32_t base, uint32_t cycles)
{
    mmio_write32(base + SYSTICK_CSR, 0);
    mmio_write32(base + SYSTICK_RVR, cycles - 1);
    mmio_write32(base + SYSTICK_CVR, 0);
    mmio_write32(base + SYSTICK_CSR,
                 SYSTICK_CSR_ENABLE | SYSTICK_CSR_TICKINT | SYSTICK_CSR_CLKSOURCE);
}

void systick_stop(uint32_t base)
{
    mmio_write32(base + SYSTICK_CSR, 0);
}

void systick_start(uint32_t base, uint32_t cycles)
{
    systick_arm(base, cycles);
}

/* Clearing CVR while enabled makes the counter load RVR on the next cycle. */
void systick_restart(uint32_t base, uint32_t cycles)
{
    mmio_write32(base + SYSTICK_RVR, cycles - 1);
    mmio_write32(base + SYSTICK_CVR, 0);
}
