/* arch_context.h (armv7m) - what the Cortex-M port keeps per thread: the
 * process stack pointer (the hardware frame r0-r3, r12, lr, pc, xpsr is on
 * that stack) and the callee-saved registers the hardware does not stack. */
#ifndef FENESTRA_ARCH_CONTEXT_H
#define FENESTRA_ARCH_CONTEXT_H

#include <stdint.h>

struct arch_context {
    uint32_t psp;
    uint32_t r4_r11[8];
};

#endif
