/*
 * boot.c - from reset to the first thread, the choice of the thread to
 * resume after each kernel entry, and the end of a run.
 *
 * The boot code sets up the console, the exception priorities and the
 * clock, boots the kernel (kern_init) at cycle 0, then becomes the idle
 * thread (exception.S: armv7m_start_idle), and a PendSV switches to the
 * first thread the kernel chose.
 */
#include "port.h"

#include <mmio.h>

#include "kernel.h"
#include "ktime.h"
#include "regs/scb.h"

struct armv7m_port armv7m;

/* The idle thread's stack: its own frames and one exception frame. */
#define IDLE_STACK_WORDS 128
static uint64_t idle_stack[IDLE_STACK_WORDS / 2];

/* Poked by QEMU's generic loader before reset (./fenestra qemu): the last
 * bytes of the kernel's RAM, outside every section (firmware.ld), so
 * neither the image nor startup writes them. */
extern volatile struct armv7m_host_params __host_params;

extern const uint32_t armv7m_vectors[];
extern char __kernel_stack_top[];
__attribute__((noreturn)) void armv7m_boot(void);
__attribute__((noreturn)) void armv7m_start_idle(uint32_t psp, uint32_t msp);

/* The run's end in cycles: the host's frame count, else never. */
static uint64_t run_limit(void)
{
    if (__host_params.magic != ARMV7M_HOST_MAGIC)
        return KTIME_NEVER;
    armv7m.host_run = true;
    uint32_t frames = __host_params.frames;
    return frames ? frames * cfg_system.schedule->major_frame : KTIME_NEVER;
}

void armv7m_boot(void)
{
    const struct cfg_board *b = cfg_system.board;
    mmio_write32(SCB_VTOR, (uint32_t)(uintptr_t)armv7m_vectors);
    mmio_write32(SCB_CCR, mmio_read32(SCB_CCR) | SCB_CCR_STKALIGN);
    board_init();
    armv7m.console_base = b->console_base;
    console_hw_init(b->console_base, b->clock_hz);
    irq_init_priorities(b->irq_lines);
    armv7m_fp_init();
    clock_init(run_limit());
    kern_init();
    clock_start();
    armv7m.running = &armv7m.idle;
    armv7m_start_idle((uint32_t)(uintptr_t)&idle_stack[IDLE_STACK_WORDS / 2],
                      (uint32_t)(uintptr_t)__kernel_stack_top);
}

/* CONTROL.nPRIV for thread mode: the idle thread is privileged (it masks
 * interrupts and reads the kernel's ring), partitions are not. */
static void thread_privilege(bool privileged)
{
    uint32_t ctrl;
    __asm__ volatile("mrs %0, control" : "=r"(ctrl));
    ctrl = privileged ? ctrl & ~1u : ctrl | 1u;
    __asm__ volatile("msr control, %0\n\tisb" : : "r"(ctrl) : "memory");
}

/* A thread whose lazily stacked FP state could not be written has that
 * fault reported before it runs (fp_lazy.c), and the kernel chooses again. */
static struct arch_context *choose(void)
{
    for (;;) {
        if (kern_halted())
            armv7m_finish(TRACE_END_HALTED);
        struct arch_context *next = kern_current();
        if (!next)
            return &armv7m.idle;
        if (!armv7m_fp_report_lost(next))
            return next;
    }
}

struct arch_context *armv7m_resume(void)
{
    struct arch_context *next = choose();
    armv7m_fp_switch(next);
    thread_privilege(next == &armv7m.idle);
    armv7m.running = next;
    if (console_ring_pending(&armv7m.text))
        console_out_pump();
    return next;
}

void armv7m_on_svc(void)
{
    kern_trap_syscall();
}

/* Only the first switch, from the boot code: armv7m_resume does it. */
void armv7m_on_pendsv(void)
{
}

void armv7m_finish(uint8_t reason)
{
    __asm__ volatile("cpsid i" ::: "memory");
    console_out_final(reason);
    if (armv7m.host_run)
        semihost_exit(reason == TRACE_END_PANIC);
    for (;;)
        __asm__ volatile("wfi");
}
