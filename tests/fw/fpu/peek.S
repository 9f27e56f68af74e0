/*
 * peek.S - the probe partition's only FP instructions (it is compiled
 * soft-float; `.fpu` opts this file in).  fp_peek(uint32_t out[33]) stores
 * s0-s31 and FPSCR.  Run by a thread with no FP context, its first
 * instruction is that thread's first FP instruction: the kernel gives it a
 * cleared FPU, so it must read zeros, whatever other partitions left.
 */
    .syntax unified
    .thumb
    .fpu fpv4-sp-d16

    .section .text.fp_peek, "ax", %progbits
    .global fp_peek
    .type fp_peek, %function
    .thumb_func
fp_peek:
    vstmia r0!, {s0-s31}
    vmrs r1, fpscr
    str r1, [r0]
    bx lr
    .size fp_peek, . - fp_peek
