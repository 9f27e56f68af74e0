/*
 * fp_lazy.c - the floating-point context on a board with an FPU (board.yaml
 * `fpu:`, Cortex-M4F and M7; fp_none.c elsewhere).  Threads that never use
 * FP cost nothing; a thread has an FP context from its first FP
 * instruction until it is restarted, and CONTROL.FPCA, saved per thread as
 * bit 4 of its EXC_RETURN (arch_context.h), says so.
 *
 * - Lazy stacking (FPCCR.ASPEN, LSPEN): an exception from a thread with an
 *   FP context reserves room for s0-s15 and FPSCR in its frame and writes
 *   them only if FP code runs before the return.  A kernel entry that
 *   returns to the same thread writes nothing.
 * - s16-s31 stay in the FPU while threads without FP run; they are saved
 *   into the owner's context, and the next owner's loaded, only when a
 *   thread with an FP context runs after another (armv7m_fp_switch).
 * - The reserved room is written with the thread's own rights (FPCCR.USER)
 *   against the MPU: that must happen while the MPU still holds the
 *   thread's regions, so the kernel calls arch_mpu_leave() before loading
 *   another set.  A refusal (MLSPERR, LSPERR: the thread's stack pointer
 *   was bad) is kept and reported to the kernel as the thread's memory
 *   fault when it would run next.
 * - Isolation (one partition never sees another's FP registers): a thread
 *   without an FP context is denied the FPU by CPACR (privileged access
 *   only), and its first FP instruction (NOCP UsageFault) clears s0-s31
 *   and FPSCR before the FPU is granted and the instruction runs again.
 *   Clearing on every switch would cost every switch from an FP thread;
 *   this way a thread that never touches FP pays nothing, and only a
 *   thread's first FP instruction pays for the clearing.  The grant lasts
 *   while no other thread takes the FPU: one that did is cleared again on
 *   the thread's next FP instruction.
 */
#include "port.h"

#include <mmio.h>

#include "kernel.h"
#include "regs/fpu.h"
#include "regs/mpu.h"
#include "regs/scb.h"

static bool has_fp(const struct arch_context *c)
{
    return !(c->exc_return & EXC_RETURN_BASIC_FRAME);
}

/* CPACR is written only when it changes (a store and two barriers). */
static void fpu_access(uint32_t access)
{
    uint32_t cpacr = mmio_read32(FPU_CPACR);
    if ((cpacr & CPACR_FP_MASK) == access)
        return;
    mmio_write32(FPU_CPACR, (cpacr & ~CPACR_FP_MASK) | access);
    mmio_barrier();
}

void armv7m_fp_init(void)
{
    mmio_write32(FPU_FPCCR, FPCCR_ASPEN | FPCCR_LSPEN);
    fpu_access(CPACR_FP_PRIV);
}

/* s16-s31 of the owner into its context, when it has an FP context. */
static void save_owner(void)
{
    struct arch_context *o = armv7m.fp_owner;
    if (o && has_fp(o))
        armv7m_fp_store(o->s16_s31);
}

/* The owner keeps the FPU: nobody else used it since it had it (a thread
 * granted the FPU that has not yet run its FP instruction included). */
void armv7m_fp_switch(struct arch_context *next)
{
    if (has_fp(next) && next != armv7m.fp_owner) {
        save_owner();
        armv7m_fp_load(next->s16_s31);
        armv7m.fp_owner = next;
    }
    fpu_access(next == armv7m.fp_owner ? CPACR_FP_FULL : CPACR_FP_PRIV);
}

bool armv7m_fp_grant(struct arch_context *ctx)
{
    if (has_fp(ctx))
        return false; /* it had the FPU: not a first use */
    save_owner();
    armv7m_fp_zero();
    armv7m.fp_owner = ctx;
    fpu_access(CPACR_FP_FULL);
    return true;
}

/* A pending lazy frame on the owner's stack is dropped with its stack. */
void armv7m_fp_forget(struct arch_context *ctx)
{
    if (ctx != armv7m.fp_owner)
        return;
    uint32_t fpccr = mmio_read32(FPU_FPCCR);
    if (fpccr & FPCCR_LSPACT)
        mmio_write32(FPU_FPCCR, fpccr & ~FPCCR_LSPACT);
    armv7m.fp_owner = 0;
}

/* Called by the kernel before it loads another MPU set (space.c).  A
 * pending lazy frame is the owner's (the thread whose regions the MPU
 * holds: it ran last); the first FP instruction, the save of s16-s31,
 * makes the hardware write it.  The hardware checks CPACR for the owner's
 * privilege then (a denial is a NOCP UsageFault), so the owner's access
 * is restored first: the idle thread may have run since, with privileged
 * access only.  A refusal by the MPU pends MemManage or BusFault, which
 * would be taken by whichever thread runs next: it is withdrawn here and
 * kept for the owner. */
void arch_mpu_leave(void)
{
    if (!(mmio_read32(FPU_FPCCR) & FPCCR_LSPACT))
        return;
    struct arch_context *o = armv7m.fp_owner;
    fpu_access(CPACR_FP_FULL);
    armv7m_fp_store(o->s16_s31);
    uint32_t cfsr = mmio_read32(SCB_CFSR) & (CFSR_MLSPERR | CFSR_LSPERR);
    if (!cfsr)
        return;
    mmio_write32(SCB_CFSR, cfsr);
    mmio_write32(SCB_SHCSR, mmio_read32(SCB_SHCSR) &
                                ~(SHCSR_MEMFAULTPENDED | SHCSR_BUSFAULTPENDED));
    mmio_write32(FPU_FPCCR, mmio_read32(FPU_FPCCR) & ~FPCCR_LSPACT);
    o->fp_fault = cfsr;
}

/* A memory fault (MLSPERR) or bus fault (LSPERR) while stacking: the
 * thread's frame is whole but for its FP part; its pc is known. */
bool armv7m_fp_report_lost(struct arch_context *ctx)
{
    if (!ctx->fp_fault)
        return false;
    struct kern_fault f = {
        .kind = (ctx->fp_fault & CFSR_MLSPERR) ? KERN_FAULT_MEMORY : KERN_FAULT_BUS,
        .access = KERN_ACCESS_WRITE,
        .stacking = true,
        .pc = armv7m_frame_pc(ctx),
        .status = ctx->fp_fault,
    };
    ctx->fp_fault = 0;
    kern_trap_fault(&f);
    return true;
}
