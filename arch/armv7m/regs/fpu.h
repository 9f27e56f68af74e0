/* regs/fpu.h - the floating-point extension's control registers (ARMv7-M
 * ARM, B3.2.20 and B3.2.21: CPACR, FPCCR, FPCAR) and the fault status bits
 * of lazy FP state preservation and of a denied coprocessor. */
#ifndef FENESTRA_REGS_FPU_H
#define FENESTRA_REGS_FPU_H

#define FPU_CPACR 0xE000ED88u /* coprocessor access control */
#define FPU_FPCCR 0xE000EF34u /* FP context control */
#define FPU_FPCAR 0xE000EF38u /* address of the reserved FP area of a frame */

/* CPACR: CP10 and CP11 (the FPU) take the same two-bit field value. */
enum {
    CPACR_FP_MASK = 0xfu << 20,
    CPACR_FP_PRIV = 0x5u << 20, /* privileged code only: threads get NOCP */
    CPACR_FP_FULL = 0xfu << 20, /* privileged and unprivileged code */
};

enum {
    FPCCR_LSPACT = 1u << 0, /* a lazy frame is reserved, not yet written */
    FPCCR_USER = 1u << 1,   /* ... by unprivileged code */
    FPCCR_LSPEN = 1u << 30, /* lazy state preservation */
    FPCCR_ASPEN = 1u << 31, /* CONTROL.FPCA set by FP instructions */
};

/* CFSR bits (ARMv7-M ARM, B3.2.15): lazy preservation faults and NOCP. */
enum {
    CFSR_MLSPERR = 1u << 5,  /* MemManage during lazy FP preservation */
    CFSR_LSPERR = 1u << 13,  /* BusFault during lazy FP preservation */
    CFSR_NOCP = 1u << 19,    /* UsageFault: coprocessor access denied */
};

/* SHCSR: pending bits of MemManage and BusFault. */
enum {
    SHCSR_MEMFAULTPENDED = 1u << 13,
    SHCSR_BUSFAULTPENDED = 1u << 14,
};

/* EXC_RETURN bit 4: set for a basic frame, clear for an extended frame
 * (the thread had an FP context: CONTROL.FPCA). */
enum { EXC_RETURN_BASIC_FRAME = 1u << 4 };

#endif
