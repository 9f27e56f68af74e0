/*
 * fp_none.c - the floating-point hooks on a board without an FPU (no
 * `fpu:` in board.yaml, the Cortex-M3): there is no FP context to keep.
 * Every frame is a basic one, and an FP instruction is a NOCP UsageFault
 * that fault.c reports as an undefined instruction.  fp_lazy.c is the
 * other implementation.
 */
#include "port.h"

void armv7m_fp_init(void)
{
}

void armv7m_fp_switch(struct arch_context *next)
{
    (void)next;
}

bool armv7m_fp_grant(struct arch_context *ctx)
{
    (void)ctx;
    return false;
}

void armv7m_fp_forget(struct arch_context *ctx)
{
    (void)ctx;
}

bool armv7m_fp_report_lost(struct arch_context *ctx)
{
    (void)ctx;
    return false;
}

void arch_mpu_leave(void)
{
}
