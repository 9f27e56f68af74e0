/*
 * semihost.c - the one semihosting call the port makes: SYS_EXIT, so that
 * a run started by the host tool under QEMU (-semihosting) ends QEMU with
 * the run.  Only called when the host said it is there (boot.c): on a
 * board without a debugger the BKPT would be a HardFault.
 */
#include "port.h"

enum { SYS_EXIT = 0x18, ADP_STOPPED_APPLICATION_EXIT = 0x20026 };

void semihost_exit(uint32_t code)
{
    /* On ARMv7-M, SYS_EXIT takes the reason in r1 (no parameter block);
     * QEMU exits with status 0 for ApplicationExit, else 1. */
    register uint32_t op __asm__("r0") = SYS_EXIT;
    register uint32_t arg __asm__("r1") = code ? 0x20024u : ADP_STOPPED_APPLICATION_EXIT;
    __asm__ volatile("bkpt 0xab" : : "r"(op), "r"(arg) : "memory");
    for (;;)
        __asm__ volatile("wfi");
}
