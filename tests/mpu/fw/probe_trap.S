/*
 * probe_trap.S - the exception entries of the isolation matrix's firmware
 * runner (probe_fw.c), in place of the port's exception.S.
 *
 * The runner runs privileged in thread mode on the MSP.  It enters a probe
 * with `svc`: from the MSP, the SVC entry switches thread mode to
 * unprivileged and returns on the PSP, where the runner has built the
 * probe's frame.  The probe's one instruction then ends in an SVC (allowed)
 * or a fault (refused); that entry calls probe_trap(kind) and returns to
 * the runner: thread mode privileged again, on the MSP, after its `svc`,
 * whose frame has stayed on the MSP all along.
 */
    .syntax unified
    .thumb

    .section .text.probe_back, "ax", %progbits
    .type probe_back, %function
    .thumb_func
/* r0 = the kind of entry (probe_fw.c, enum probe_kind) */
probe_back:
    bl probe_trap
    mrs r0, control
    bic r0, r0, #1           /* thread mode privileged */
    msr control, r0
    isb
    ldr lr, =0xfffffff9      /* EXC_RETURN: thread mode, MSP */
    bx lr
    .size probe_back, . - probe_back
    .ltorg

/* SVC: from the runner (MSP), enter the probe; from the probe, it ran. */
    .section .text.armv7m_svc_handler, "ax", %progbits
    .global armv7m_svc_handler
    .type armv7m_svc_handler, %function
    .thumb_func
armv7m_svc_handler:
    tst lr, #4
    bne 1f
    ldr r0, =probe_psp
    ldr r0, [r0]
    msr psp, r0
    mrs r0, control
    orr r0, r0, #1           /* thread mode unprivileged */
    msr control, r0
    isb
    ldr lr, =0xfffffffd      /* EXC_RETURN: thread mode, PSP */
    bx lr
1:  movs r0, #0
    b probe_back
    .size armv7m_svc_handler, . - armv7m_svc_handler
    .ltorg

.macro PROBE_ENTRY name, kind
    .section .text.\name, "ax", %progbits
    .global \name
    .type \name, %function
    .thumb_func
\name:
    movs r0, #\kind
    b probe_back
    .size \name, . - \name
.endm

    PROBE_ENTRY armv7m_memmanage_handler, 1
    PROBE_ENTRY armv7m_busfault_handler, 2
    PROBE_ENTRY armv7m_usagefault_handler, 3
    PROBE_ENTRY armv7m_hardfault_handler, 4
    PROBE_ENTRY armv7m_systick_handler, 5
    PROBE_ENTRY armv7m_pendsv_handler, 6
    PROBE_ENTRY armv7m_irq_handler, 6
