/*
 * idle.c - the idle thread: privileged, in thread mode on its own stack,
 * it runs whenever the kernel has no thread to run.  It sends the queued
 * console text and the trace ring to the UART one byte per step
 * (console_out.c), with interrupts masked for that step only and never
 * waiting for the UART, so a kernel entry waits at most one UART store;
 * while the UART is busy it polls, and with nothing to send it sleeps (WFI
 * wakes on a pending interrupt even while masked, so no interrupt is
 * missed between the check and the sleep).
 */
#include "port.h"

static void mask(void)
{
    __asm__ volatile("cpsid i" ::: "memory");
}

static void unmask(void)
{
    __asm__ volatile("cpsie i" ::: "memory");
}

void armv7m_idle_thread(void)
{
    for (;;) {
        mask();
        if (!console_out_idle_step())
            __asm__ volatile("wfi" ::: "memory");
        unmask();
    }
}
