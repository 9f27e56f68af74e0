/*
 * idle.c - the idle thread: privileged, in thread mode on its own stack,
 * it runs whenever the kernel has no thread to run.  It drains the trace
 * ring to the console one byte at a time with interrupts masked for that
 * byte only, so a kernel entry waits at most one UART store; with nothing
 * to send it sleeps (WFI wakes on a pending interrupt even while masked,
 * so no interrupt is missed between the check and the sleep).
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
        if (trace_out_next())
            trace_out_byte();
        else
            __asm__ volatile("wfi" ::: "memory");
        unmask();
    }
}
