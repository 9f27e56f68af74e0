/*
 * lost.S - the victim's FP instruction and its stack pointer move
 * (app.yaml).  fplazy_lose(sp) never returns: its vmov gives the thread an
 * FP context (it is the thread's first FP instruction), then the stack
 * pointer becomes `sp` and the thread spins at fplazy_spin without a
 * memory access, until a preemption stacks its frame below `sp`.  The
 * partition is compiled soft-float; `.fpu` opts this file in.
 */
    .syntax unified
    .thumb
    .fpu fpv4-sp-d16

    .section .text.fplazy_lose, "ax", %progbits
    .global fplazy_lose
    .global fplazy_spin
    .type fplazy_lose, %function
    .thumb_func
fplazy_lose:
    vmov s0, r0
    mov sp, r0
fplazy_spin:
    b fplazy_spin
    .size fplazy_lose, . - fplazy_lose
