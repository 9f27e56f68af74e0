/*
 * vectors.c - the vector table: the initial MSP and the reset handler,
 * then one entry per exception.  Every external line enters the kernel
 * through one handler, which reads its number from IPSR.  The table is
 * placed at the start of the kernel's code (firmware.ld) and VTOR points
 * at it (boot.c), so a board whose flash is aliased elsewhere works too.
 */
#include <stdint.h>

typedef void (*armv7m_vector)(void);

extern char __kernel_stack_top[];
void armv7m_reset(void);
void armv7m_spare_handler(void);
void armv7m_hardfault_handler(void);
void armv7m_memmanage_handler(void);
void armv7m_busfault_handler(void);
void armv7m_usagefault_handler(void);
void armv7m_svc_handler(void);
void armv7m_pendsv_handler(void);
void armv7m_systick_handler(void);
void armv7m_irq_handler(void);

/* FENESTRA_IRQ_LINES comes from the board's board.yaml (irq_lines). */
#define ARMV7M_VECTORS (16 + FENESTRA_IRQ_LINES)

/* NMI, debug monitor and the reserved slots: nothing enables them. */
void armv7m_spare_handler(void)
{
    for (;;)
        __asm__ volatile("wfi");
}

/* Range designators ([16 ... n]) are a GNU C extension that clang and
 * gcc both accept; they keep the table one declaration. */
__attribute__((section(".vectors"), used))
const armv7m_vector armv7m_vectors[ARMV7M_VECTORS] = {
    [0] = (armv7m_vector)(uintptr_t)__kernel_stack_top,
    [1] = armv7m_reset,
    [2] = armv7m_spare_handler,
    [3] = armv7m_hardfault_handler,
    [4] = armv7m_memmanage_handler,
    [5] = armv7m_busfault_handler,
    [6] = armv7m_usagefault_handler,
    [7 ... 10] = armv7m_spare_handler,
    [11] = armv7m_svc_handler,
    [12 ... 13] = armv7m_spare_handler,
    [14] = armv7m_pendsv_handler,
    [15] = armv7m_systick_handler,
    [16 ... ARMV7M_VECTORS - 1] = armv7m_irq_handler,
};
