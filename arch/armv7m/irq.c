/*
 * irq.c - kernel/arch.h's interrupt lines on the NVIC driver, and the
 * entry of every external line: its number is IPSR - 16.  Taking the
 * exception cleared the line's pending bit; the kernel's top half masks
 * the line until its owner acknowledges (docs/interrupts.md).
 */
#include "port.h"

#include <mmio.h>

#include "kernel.h"
#include "nvic.h"
#include "regs/scb.h"

void arch_irq_mask(unsigned line)
{
    nvic_disable(line);
}

/* The pending bit latched while the line was masked (the assertion the
 * owner has just served) is cleared first; a line still asserted stays
 * pending and is taken again. */
void arch_irq_unmask(unsigned line)
{
    nvic_clear_pending(line);
    nvic_enable(line);
}

static uint32_t ipsr(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, ipsr" : "=r"(v));
    return v & 0x1ffu;
}

void armv7m_on_irq(void)
{
    kern_trap_irq(ipsr() - EXC_IRQ0);
}

/* All kernel entries at one priority: none preempts another. */
void irq_init_priorities(unsigned lines)
{
    for (unsigned i = 0; i < lines; i++) {
        nvic_disable(i);
        nvic_clear_pending(i);
        nvic_set_priority(i, ARMV7M_KERNEL_PRIO);
    }
    uint32_t p = ARMV7M_KERNEL_PRIO;
    mmio_write32(SCB_SHPR1, p | p << 8 | p << 16);
    mmio_write32(SCB_SHPR2, p << 24);
    mmio_write32(SCB_SHPR3, p << 16 | p << 24);
    mmio_write32(SCB_SHCSR, mmio_read32(SCB_SHCSR) | SCB_SHCSR_MEMFAULTENA |
                                SCB_SHCSR_BUSFAULTENA | SCB_SHCSR_USGFAULTENA);
}
