/*
 * fp_regs.S - the firmware's only floating-point instructions (boards with
 * an FPU, fp_lazy.c).  The kernel and the rest of the port are compiled
 * soft-float for the Cortex-M3, so the compiler never emits FP code, and
 * this file opts in with `.fpu`: a test checks the image's disassembly for
 * FP instructions outside these three functions (tests/fw/fpu).
 *
 * fpv4-sp-d16 (the Cortex-M4F's FPU) has the register file of fpv5-d16 (the
 * Cortex-M7's): s0-s31, FPSCR.  In handler mode, the first FP instruction
 * while a lazy frame is pending (FPCCR.LSPACT) makes the hardware write the
 * interrupted thread's s0-s15 and FPSCR into that frame first.
 */
    .syntax unified
    .thumb
    .fpu fpv4-sp-d16

/* armv7m_fp_store(uint32_t s16_s31[16]) */
    .section .text.armv7m_fp_store, "ax", %progbits
    .global armv7m_fp_store
    .type armv7m_fp_store, %function
    .thumb_func
armv7m_fp_store:
    vstmia r0, {s16-s31}
    bx lr
    .size armv7m_fp_store, . - armv7m_fp_store

/* armv7m_fp_load(const uint32_t s16_s31[16]) */
    .section .text.armv7m_fp_load, "ax", %progbits
    .global armv7m_fp_load
    .type armv7m_fp_load, %function
    .thumb_func
armv7m_fp_load:
    vldmia r0, {s16-s31}
    bx lr
    .size armv7m_fp_load, . - armv7m_fp_load

/* armv7m_fp_zero(void): s0-s31 and FPSCR to 0, so a thread given the FPU
 * reads nothing of a previous owner. */
    .section .text.armv7m_fp_zero, "ax", %progbits
    .global armv7m_fp_zero
    .type armv7m_fp_zero, %function
    .thumb_func
armv7m_fp_zero:
    movs r0, #0
    vmsr fpscr, r0
    vmov d0, r0, r0
    vmov d1, r0, r0
    vmov d2, r0, r0
    vmov d3, r0, r0
    vmov d4, r0, r0
    vmov d5, r0, r0
    vmov d6, r0, r0
    vmov d7, r0, r0
    vmov d8, r0, r0
    vmov d9, r0, r0
    vmov d10, r0, r0
    vmov d11, r0, r0
    vmov d12, r0, r0
    vmov d13, r0, r0
    vmov d14, r0, r0
    vmov d15, r0, r0
    bx lr
    .size armv7m_fp_zero, . - armv7m_fp_zero
