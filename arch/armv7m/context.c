/*
 * context.c - kernel/arch.h's thread contexts on the Cortex-M: a thread is
 * its PSP, r4-r11 and EXC_RETURN (arch_context.h); r0-r3, r12, lr, pc and
 * xPSR are in the exception frame on its stack, where the system-call view
 * reads the arguments and writes the results.  An extended frame (a thread
 * with an FP context) has the same first eight words, then s0-s15, FPSCR
 * and a reserved word: only its size differs.  The kernel reaches that frame with
 * privileged accesses, so it does not matter whose MPU set is loaded.
 */
#include "arch.h"

#include "port.h"
#include "regs/fpu.h"
#include "regs/scb.h"

enum { F_R0, F_R1, F_R2, F_R3, F_R12, F_LR, F_PC, F_XPSR, FRAME_WORDS };
enum { EXTENDED_FRAME_WORDS = FRAME_WORDS + 18 }; /* s0-s15, FPSCR, reserved */

static uint32_t *frame(const struct arch_context *ctx)
{
    return (uint32_t *)(uintptr_t)ctx->psp;
}

/* The thread starts by an exception return that pops this frame: a basic
 * one, so a started or restarted thread has no FP context (its old one,
 * if any, is dropped first: fp_lazy.c). */
void arch_context_init(struct arch_context *ctx, uint32_t entry, uint32_t sp,
                       uint32_t arg, uint32_t ret)
{
    armv7m_fp_forget(ctx);
    *ctx = (struct arch_context){.psp = sp - 4 * FRAME_WORDS,
                                 .exc_return = EXC_RETURN_THREAD_PSP};
    uint32_t *f = frame(ctx);
    f[F_R0] = arg;
    f[F_R1] = f[F_R2] = f[F_R3] = f[F_R12] = 0;
    f[F_LR] = ret;
    f[F_PC] = entry & ~1u;
    f[F_XPSR] = XPSR_THUMB;
}

/* The SP the thread had before the frame was stacked (and padded to eight
 * bytes when xPSR bit 9 says so). */
uint32_t arch_context_sp(const struct arch_context *ctx)
{
    uint32_t pad = (frame(ctx)[F_XPSR] & XPSR_STACK_ALIGN) ? 4 : 0;
    uint32_t words = (ctx->exc_return & EXC_RETURN_BASIC_FRAME) ? FRAME_WORDS
                                                                : EXTENDED_FRAME_WORDS;
    return ctx->psp + 4 * words + pad;
}

uint32_t arch_syscall_number(const struct arch_context *ctx)
{
    return frame(ctx)[F_R12];
}

uint32_t arch_syscall_arg(const struct arch_context *ctx, unsigned n)
{
    return n < 4 ? frame(ctx)[F_R0 + n] : 0;
}

void arch_syscall_return(struct arch_context *ctx, uint32_t r0)
{
    frame(ctx)[F_R0] = r0;
}

void arch_syscall_return64(struct arch_context *ctx, uint64_t v)
{
    frame(ctx)[F_R0] = (uint32_t)v;
    frame(ctx)[F_R1] = (uint32_t)(v >> 32);
}

uint32_t armv7m_frame_pc(const struct arch_context *ctx)
{
    return frame(ctx)[F_PC];
}
