/* regs/scb.h - the System Control Block registers the firmware port uses
 * (ARMv7-M ARM, B3.2).  The fault status and address registers are in
 * regs/mpu.h, beside the MPU they report on. */
#ifndef FENESTRA_REGS_SCB_H
#define FENESTRA_REGS_SCB_H

#define SCB_ICSR 0xE000ED04u  /* interrupt control and state */
#define SCB_VTOR 0xE000ED08u  /* vector table offset */
#define SCB_CCR 0xE000ED14u   /* configuration and control */
#define SCB_SHPR1 0xE000ED18u /* priorities of MemManage, BusFault, UsageFault */
#define SCB_SHPR2 0xE000ED1Cu /* SVCall (byte 3) */
#define SCB_SHPR3 0xE000ED20u /* PendSV (byte 2), SysTick (byte 3) */
#define SCB_SHCSR 0xE000ED24u /* system handler control and state */
#define SCB_HFSR 0xE000ED2Cu  /* HardFault status */

#define SYSTICK_BASE 0xE000E010u

enum {
    SCB_ICSR_PENDSTCLR = 1u << 25,
    SCB_ICSR_PENDSTSET = 1u << 26,
    SCB_ICSR_PENDSVSET = 1u << 28,
};
enum {
    SCB_CCR_DIV_0_TRP = 1u << 4,
    SCB_CCR_STKALIGN = 1u << 9,
};
enum {
    SCB_SHCSR_SVCALLPENDED = 1u << 15,
    SCB_SHCSR_MEMFAULTENA = 1u << 16,
    SCB_SHCSR_BUSFAULTENA = 1u << 17,
    SCB_SHCSR_USGFAULTENA = 1u << 18,
};
enum { SCB_HFSR_FORCED = 1u << 30 };

/* Exception numbers (IPSR). */
enum {
    EXC_HARDFAULT = 3,
    EXC_MEMMANAGE = 4,
    EXC_BUSFAULT = 5,
    EXC_USAGEFAULT = 6,
    EXC_SVCALL = 11,
    EXC_PENDSV = 14,
    EXC_SYSTICK = 15,
    EXC_IRQ0 = 16,
};

/* xPSR bits of a stacked frame. */
enum {
    XPSR_THUMB = 1u << 24,
    XPSR_STACK_ALIGN = 1u << 9, /* the frame was padded by 4 bytes */
};

/* EXC_RETURN: back to thread mode on the process stack, basic frame. */
#define EXC_RETURN_THREAD_PSP 0xFFFFFFFDu

#endif
