/* arch_context.h (armv7m) - what the Cortex-M port keeps per thread: the
 * process stack pointer (the hardware frame r0-r3, r12, lr, pc, xpsr, and
 * s0-s15 and FPSCR in an extended frame, is on that stack), the
 * callee-saved registers the hardware does not stack, and the EXC_RETURN
 * the thread was trapped with (bit 4 clear: an extended frame, the thread
 * has an FP context).  On a board with an FPU (FENESTRA_FPU, from
 * board.yaml's `fpu:`) the FP callee-saved registers s16-s31 too, written
 * only when another thread's FP context takes the FPU (fp_lazy.c). */
#ifndef FENESTRA_ARCH_CONTEXT_H
#define FENESTRA_ARCH_CONTEXT_H

#include <stdint.h>

struct arch_context {
    uint32_t psp;
    uint32_t r4_r11[8];
    uint32_t exc_return; /* after r4-r11: exception.S saves and loads them together */
#if FENESTRA_FPU
    uint32_t s16_s31[16];
    uint32_t fp_fault;   /* CFSR bits of a failed lazy FP preservation, reported when it runs next */
#endif
};

#endif
