/*
 * exception.S - exception entry and exit of the firmware port (see port.h).
 *
 * Every kernel entry comes from thread mode (the kernel's exceptions share
 * one priority, so none interrupts another; a fault inside the kernel is a
 * HardFault from handler mode, caught below).  The hardware has stacked
 * r0-r3, r12, lr, pc and xPSR on the running thread's PSP (and reserved
 * room for s0-s15 and FPSCR when the thread has an FP context: an extended
 * frame, EXC_RETURN bit 4 clear); the entry saves that PSP, r4-r11 and the
 * EXC_RETURN into the running context, calls the C entry (whose address
 * each vector puts in r12, which the frame already holds), asks
 * armv7m_resume() for the context to run (which also switches the FP
 * registers, fp_lazy.c), loads its r4-r11, PSP and EXC_RETURN, and returns
 * to thread mode on the PSP with the frame kind the thread was trapped
 * with.  The kernel runs on the MSP and has no FP instructions of its own.
 */
    .syntax unified
    .thumb

/* The common path; r12 = the C entry. */
    .section .text.armv7m_trap, "ax", %progbits
    .type armv7m_trap, %function
    .thumb_func
armv7m_trap:
    ldr r0, =armv7m          /* armv7m.running is the struct's first field */
    ldr r0, [r0]
    mrs r1, psp
    stmia r0, {r1, r4-r11, lr} /* struct arch_context: psp, r4-r11, exc_return */
    blx r12
    bl armv7m_resume         /* r0: the context to run */
    ldmia r0, {r1, r4-r11, lr} /* lr: thread mode, PSP, its frame kind */
    msr psp, r1
    bx lr
    .size armv7m_trap, . - armv7m_trap
    .ltorg

.macro KERNEL_ENTRY name, entry
    .section .text.\name, "ax", %progbits
    .global \name
    .type \name, %function
    .thumb_func
\name:
    ldr r12, =\entry
    b armv7m_trap
    .size \name, . - \name
    .ltorg
.endm

    KERNEL_ENTRY armv7m_svc_handler, armv7m_on_svc
    KERNEL_ENTRY armv7m_pendsv_handler, armv7m_on_pendsv
    KERNEL_ENTRY armv7m_systick_handler, armv7m_on_systick
    KERNEL_ENTRY armv7m_irq_handler, armv7m_on_irq
    KERNEL_ENTRY armv7m_memmanage_handler, armv7m_on_memmanage
    KERNEL_ENTRY armv7m_busfault_handler, armv7m_on_busfault
    KERNEL_ENTRY armv7m_usagefault_handler, armv7m_on_usagefault

/* HardFault: from thread mode (a partition's escalated fault, a bkpt
 * without a debugger) it is a kernel entry like the others; from handler
 * mode it is a fault in the kernel: panic with the stacked pc. */
    .section .text.armv7m_hardfault_handler, "ax", %progbits
    .global armv7m_hardfault_handler
    .type armv7m_hardfault_handler, %function
    .thumb_func
armv7m_hardfault_handler:
    tst lr, #8               /* EXC_RETURN bit 3: back to thread mode */
    beq 1f
    ldr r12, =armv7m_on_hardfault_thread
    b armv7m_trap
1:  ldr r0, [sp, #24]        /* the kernel's stacked pc */
    bl armv7m_on_hardfault_kernel
    .size armv7m_hardfault_handler, . - armv7m_hardfault_handler
    .ltorg

/* armv7m_start_idle(psp_top, msp_top): the boot code becomes the idle
 * thread: thread mode on the PSP (privileged), the MSP reset to the top of
 * the kernel stack for the handlers, then PendSV switches to the first
 * thread the kernel chose.  The idle thread resumes after `cpsie i`. */
    .section .text.armv7m_start_idle, "ax", %progbits
    .global armv7m_start_idle
    .type armv7m_start_idle, %function
    .thumb_func
armv7m_start_idle:
    msr psp, r0
    movs r0, #2              /* CONTROL.SPSEL = 1, nPRIV = 0 */
    msr control, r0
    isb
    msr msp, r1
    ldr r0, =0xE000ED04      /* ICSR */
    ldr r1, =0x10000000      /* PENDSVSET */
    str r1, [r0]
    dsb
    cpsie i
    isb
    b armv7m_idle_thread
    .size armv7m_start_idle, . - armv7m_start_idle
    .ltorg
