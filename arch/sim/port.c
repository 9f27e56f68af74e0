/* port.c - the kernel's arch interface on the simulator (see port.h). */
#include "port.h"

#include <stdio.h>
#include <string.h>

#include "kernel.h"
#include "mmio.h"
#include "armv7m/fault_status.h"
#include "armv7m/nvic.h"
#include "armv7m/systick.h"
#include "armv7m/uart_cmsdk.h"

/* The machine the kernel runs on: set by port_boot.  The port's timer
 * state lives in the machine (deadline_target, pended_at), so a snapshot
 * of the machine holds it; the kernel's own state stays in its arena. */
static struct sim_machine *M;

/* --- arch.h: contexts ------------------------------------------------ */

enum { XPSR_THUMB = 1u << 24 };

void arch_context_init(struct arch_context *ctx, uint32_t entry, uint32_t sp,
                       uint32_t arg, uint32_t ret)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->r[0] = arg;
    ctx->sp = sp;
    ctx->lr = ret;
    ctx->pc = entry & ~1u;
    ctx->xpsr = XPSR_THUMB;
}

uint32_t arch_context_sp(const struct arch_context *ctx)
{
    return ctx->sp;
}

uint32_t arch_syscall_number(const struct arch_context *ctx)
{
    return ctx->r[12];
}

uint32_t arch_syscall_arg(const struct arch_context *ctx, unsigned n)
{
    return n < 4 ? ctx->r[n] : 0;
}

void arch_syscall_return(struct arch_context *ctx, uint32_t r0)
{
    ctx->r[0] = r0;
}

void arch_syscall_return64(struct arch_context *ctx, uint64_t v)
{
    ctx->r[0] = (uint32_t)v;
    ctx->r[1] = (uint32_t)(v >> 32);
}

/* --- arch.h: time, memory, console ----------------------------------- */

/* The simulator keeps nothing lazily in a thread's memory (no FP context:
 * docs/boards.md, "Floating point"). */
void arch_mpu_leave(void)
{
}

uint64_t arch_now(void)
{
    return M->clock.now;
}

/* A kernel entry's cost stops at the kernel's own deadline, not at an
 * intermediate SysTick step (which re-arms late, unobserved). */
static void charge_entry(void)
{
    uint64_t stop = M->deadline_target < M->pended_at ? M->deadline_target : M->pended_at;
    sim_clock_charge(&M->clock, M->sys->board->kernel_entry_cycles, stop);
}

/* The clock stops the guest at the next timer interrupt or device event. */
static void sync_deadline(void)
{
    uint64_t t = M->systick.fire_at, d = sim_machine_next_event(M);
    t = M->pended_at < t ? M->pended_at : t;
    M->clock.deadline = d < t ? d : t;
}

static bool timer_due(void)
{
    return M->clock.now >= M->systick.fire_at || M->clock.now >= M->pended_at;
}

/* Device events due by now happen (raising their lines); true when an
 * exception is to be taken: the timer's or an enabled, pending line's. */
static bool service_devices(void)
{
    sim_machine_fire_due(M);
    sync_deadline();
    return timer_due() || sim_nvic_next(&M->nvic) >= 0;
}

/* Programs SysTick (through the same driver as the firmware) for the
 * kernel's deadline, or for the longest step towards it.  A deadline one
 * cycle away or already due cannot be counted (RVR would be 0): it is
 * pended instead, as firmware pends SysTick by software. */
static void arm_timer(void)
{
    uint32_t base = M->systick_base;
    uint64_t now = M->clock.now;
    M->pended_at = UINT64_MAX;
    if (M->deadline_target == UINT64_MAX) {
        systick_stop(base);
    } else if (M->deadline_target <= now + 1) {
        systick_stop(base);
        M->pended_at = M->deadline_target;
    } else {
        uint64_t d = M->deadline_target - now;
        systick_arm(base, d < SYSTICK_MAX_CYCLES ? (uint32_t)d : SYSTICK_MAX_CYCLES);
    }
    sync_deadline();
}

/* The kernel re-arms after every entry, mostly with the same deadline: the
 * timer is then already counting towards it. */
void arch_deadline_set(uint64_t cycle)
{
    if (cycle == M->deadline_target && cycle > M->clock.now)
        return;
    M->deadline_target = cycle;
    arm_timer();
}

/* The kernel only copies ranges it has checked to be a partition's RAM;
 * anything else is a kernel bug, reported and never followed. */
static uint8_t *user_memory(uint32_t addr, uint32_t len)
{
    uint8_t *p = sim_mem_host(&M->mem, addr, len);
    if (!p && len)
        fprintf(M->log, "sim: kernel bug: copy of %u bytes at 0x%08x, not RAM; "
                "not done\n", len, addr);
    return p;
}

void arch_copy_from_user(void *dst, uint32_t src, uint32_t len)
{
    uint8_t *p = user_memory(src, len);
    if (!p) {
        memset(dst, 0, len);
        return;
    }
    memcpy(dst, p, len);
    sim_traps_kernel_access(M->cpu.traps, src, len, false, M->clock.insns, M->clock.now);
}

void arch_copy_to_user(uint32_t dst, const void *src, uint32_t len)
{
    uint8_t *p = user_memory(dst, len);
    if (!p)
        return;
    memcpy(p, src, len);
    sim_traps_kernel_access(M->cpu.traps, dst, len, true, M->clock.insns, M->clock.now);
}

/* The same NVIC driver as the firmware, on the board twin's NVIC. */
void arch_irq_mask(unsigned line)
{
    nvic_disable(line);
}

/* The pending bit latched while the line was masked (the level of the
 * assertion the owner has just served) is cleared first; a line still
 * asserted stays pending and is taken again, as on the board. */
void arch_irq_unmask(unsigned line)
{
    nvic_clear_pending(line);
    nvic_enable(line);
}

void arch_console_write(const char *buf, uint32_t len)
{
    uart_cmsdk_write(M->sys->board->console_base, buf, len);
}

/* --- mmio.h: the drivers' register accessors -------------------------- */

uint32_t mmio_read32(uint32_t addr)
{
    return sim_bus_read(&M->bus, addr);
}

void mmio_write32(uint32_t addr, uint32_t value)
{
    sim_bus_write(&M->bus, addr, value);
}

/* --- the trap loop ---------------------------------------------------- */

/* Passes the kernel's events on; a gap (a full ring) follows the events
 * still in the ring and is reported as a `lost` event stamped with the
 * cycle of the first drop, never skipped silently. */
static void drain_events(void)
{
    struct trace_event ev;
    while (trace_take(&ev)) {
        if (M->on_event)
            M->on_event(M->event_user, &ev);
    }
    uint64_t since;
    uint32_t lost = trace_take_lost(&since);
    if (lost == 0)
        return;
    M->events_lost += lost;
    struct trace_event gap = {.cycle = since, .type = TR_LOST, .part = TRACE_NONE,
                              .thread = TRACE_NONE, .a0 = lost};
    if (M->on_event)
        M->on_event(M->event_user, &gap);
}

static const uint32_t fault_access[] = {KERN_ACCESS_READ, KERN_ACCESS_WRITE,
                                        KERN_ACCESS_EXEC};

static void trap_fault(const struct sim_exit *x)
{
    struct kern_fault f = {.pc = x->pc};
    switch (x->why) {
    case SIM_STOP_MEMORY:
        f.access = fault_access[x->access % 3];
        fault_status_read(&f); /* as the firmware's handler does */
        break;
    case SIM_STOP_UNDEFINED: f.kind = KERN_FAULT_UNDEFINED; break;
    default: f.kind = KERN_FAULT_OTHER; break;
    }
    kern_trap_fault(&f);
}

/* Runs the current thread until it traps, then enters the kernel.  The
 * exception entry that follows a supervisor call or a timer interrupt
 * stacks a frame on the thread's stack: where the MPU refuses that, the
 * thread faults (MSTKERR) instead. */
static void run_guest(struct arch_context *ctx)
{
    struct sim_exit x = sim_cpu_run(&M->cpu, ctx);
    bool interrupted = x.why == SIM_STOP_CLOCK && M->clock.now < M->clock.limit &&
                       service_devices();
    if (x.why == SIM_STOP_SVC || interrupted) {
        sim_cpu_stacking_ok(&M->cpu, ctx->sp, x.pc, &x);
    } else if (x.why == SIM_STOP_MEMORY) {
        /* The fault's own MemManage/BusFault entry stacks on the same
         * stack: where that is refused too (a store into a stack guard
         * with sp already in it), the architecture adds MSTKERR (STKERR)
         * to the fault's status; the fault itself, its address and pc
         * stand (ARMv7-M ARM B1.5.6, derived exceptions on entry). */
        struct sim_exit derived;
        sim_cpu_stacking_ok(&M->cpu, ctx->sp, x.pc, &derived);
    }
    if (x.why == SIM_STOP_CLOCK)
        return;
    M->clock.kernel_entries++;
    if (x.why == SIM_STOP_SVC)
        kern_trap_syscall();
    else
        trap_fault(&x);
    charge_entry();
}

/* Nothing to run: the CPU sleeps until the next stop cycle. */
static void idle(void)
{
    M->clock.now = sim_clock_stop_at(&M->clock);
}

/* The highest-priority (lowest-numbered) enabled, pending line enters the
 * kernel's top half, one kernel entry per line. */
static bool take_irq(void)
{
    int line = sim_nvic_next(&M->nvic);
    if (line < 0)
        return false;
    sim_nvic_take(&M->nvic, (unsigned)line);
    M->clock.kernel_entries++;
    kern_trap_irq((unsigned)line);
    sim_nvic_done(&M->nvic, (unsigned)line);
    sync_deadline();
    charge_entry();
    return true;
}

/* The timer interrupt: a step of a long deadline re-arms SysTick without
 * entering the kernel; the deadline itself enters it. */
static void timer_interrupt(void)
{
    if (M->clock.now >= M->systick.fire_at)
        sim_systick_fired(&M->systick);
    if (M->clock.now < M->deadline_target) {
        arm_timer();
        return;
    }
    M->clock.kernel_entries++;
    kern_trap_deadline();
    sync_deadline(); /* whatever the kernel re-armed, the model moved on */
    charge_entry();
}

void port_boot(struct sim_machine *m, uint64_t limit)
{
    M = m;
    m->deadline_target = UINT64_MAX;
    m->pended_at = UINT64_MAX;
    m->clock.limit = limit;
    uart_cmsdk_init(m->sys->board->console_base, m->sys->board->clock_hz, 115200);
    kern_init();
    if (m->on_boot)
        m->on_boot(m->event_user);
    drain_events();
}

/* A resumable point: the guest is at an instruction boundary and every
 * kernel entry due so far is done.  Pausing here and resuming later runs
 * exactly what not pausing runs. */
static bool pause_here(struct sim_machine *m)
{
    if (m->at_top && m->at_top(m->top_user))
        return true;
    return m->clock.now >= m->clock.pause;
}

enum port_status port_advance(struct sim_machine *m)
{
    M = m;
    while (m->clock.now < m->clock.limit && !kern_halted()) {
        if (pause_here(m))
            return PORT_PAUSED;
        sim_machine_poll_input(m);
        service_devices();
        if (take_irq()) {
            drain_events();
            continue;
        }
        struct arch_context *ctx = kern_current();
        if (ctx)
            run_guest(ctx);
        else
            idle();
        if (m->clock.now < m->clock.limit && timer_due())
            timer_interrupt();
        drain_events();
    }
    return kern_halted() ? PORT_HALTED : PORT_LIMIT;
}

void port_run(struct sim_machine *m, uint64_t limit)
{
    port_boot(m, limit);
    port_advance(m);
}

void port_attach(struct sim_machine *m)
{
    M = m;
}
