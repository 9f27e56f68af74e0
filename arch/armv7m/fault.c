/*
 * fault.c - the fault handlers: a fault of a partition's thread becomes
 * the same struct kern_fault the simulator's port builds, from the same
 * registers through the same driver (fault_status.c), so the kernel's fault
 * events and health-monitor actions are the same on both.  A fault of the
 * kernel or of the idle thread is a bug: reported, and the run ends.
 */
#include "port.h"

#include <mmio.h>

#include "kernel.h"
#include "compiler.h"
#include "console.h"
#include "fault_status.h"
#include "regs/mpu.h"
#include "regs/scb.h"

enum { UFSR_UNDEFINSTR = 1u << 16, UFSR_NOCP = 1u << 19 };

/* A fault of the idle thread is the kernel's: `what` ends the run. */
static KERNEL_SHARED void panic_if_idle(const char *what)
{
    if (armv7m.running == &armv7m.idle)
        armv7m_panic(what, armv7m_frame_pc(armv7m.running));
}

/* The access: an instruction fetch, the frame being stacked (a write), or
 * the faulting instruction's own load or store.  A failed stacking leaves
 * no usable frame, so its pc is unknown (0); an SVC whose frame could not
 * be stacked is still pending and is dropped with the thread's call. */
static void memory_fault(void)
{
    struct kern_fault f = {0};
    fault_status_read(&f);
    if (f.stacking) {
        f.access = KERN_ACCESS_WRITE;
        mmio_write32(SCB_SHCSR, mmio_read32(SCB_SHCSR) & ~SCB_SHCSR_SVCALLPENDED);
    } else {
        f.pc = armv7m_frame_pc(armv7m.running);
        f.access = (f.status & SCB_MMFSR_IACCVIOL) ? KERN_ACCESS_EXEC : insn_access(f.pc);
    }
    kern_trap_fault(&f);
}

void armv7m_on_memmanage(void)
{
    panic_if_idle("MemManage in the idle thread");
    memory_fault();
}

void armv7m_on_busfault(void)
{
    panic_if_idle("BusFault in the idle thread");
    memory_fault();
}

/* Undefined and coprocessor instructions are the simulator's "undefined"
 * stop (status 0, as there); any other usage fault (invalid state, an
 * unaligned or division trap) is "other".  On a board with an FPU, a
 * thread's first FP instruction is a NOCP that is no fault: the thread is
 * given a cleared FPU and the instruction runs again (fp_lazy.c). */
void armv7m_on_usagefault(void)
{
    uint32_t pc = armv7m_frame_pc(armv7m.running);
    panic_if_idle("UsageFault in the idle thread");
    uint32_t cfsr = mmio_read32(SCB_CFSR);
    mmio_write32(SCB_CFSR, cfsr);
    if ((cfsr & UFSR_NOCP) && armv7m_fp_grant(armv7m.running))
        return;
    struct kern_fault f = {.pc = pc, .kind = KERN_FAULT_OTHER};
    if (cfsr & (UFSR_UNDEFINSTR | UFSR_NOCP))
        f.kind = KERN_FAULT_UNDEFINED;
    kern_trap_fault(&f);
}

/* A partition's HardFault (a breakpoint with no debugger, a fault while
 * its own fault was being taken): "other". */
void armv7m_on_hardfault_thread(void)
{
    uint32_t pc = armv7m_frame_pc(armv7m.running);
    panic_if_idle("HardFault in the idle thread");
    mmio_write32(SCB_HFSR, mmio_read32(SCB_HFSR));
    struct kern_fault f = {.pc = pc, .kind = KERN_FAULT_OTHER};
    kern_trap_fault(&f);
}

void armv7m_on_hardfault_kernel(uint32_t pc)
{
    armv7m_panic("HardFault in the kernel", pc);
}

/* One line on the console, then the end of the run. */
void armv7m_panic(const char *what, uint32_t pc)
{
    struct console_line l;
    console_line_start(&l);
    console_line_add(&l, "\nkernel panic: %s, pc %x, cfsr %x\n", what, pc,
                     mmio_read32(SCB_CFSR));
    console_out_sync(l.text, l.len); /* never dropped, even with the queue full */
    armv7m_finish(TRACE_END_PANIC);
}
