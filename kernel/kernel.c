/* kernel.c - initialisation and trap entry (see kernel.h). */
#include "kernel.h"

#include "abi.h"
#include "console.h"
#include "hm.h"
#include "irq.h"
#include "kstate.h"
#include "part.h"
#include "ports.h"
#include "sched.h"
#include "space.h"
#include "syscall.h"
#include "thread.h"

/* Starts from a zeroed arena, so a port (or a test) can boot again. */
void kern_init(void)
{
    kstate = (struct kstate){0};
    kstate.kernel_console_at_line_start = true;
    if (CFG_HAS_PORTS)
        ports_init();
    irq_init();
    part_init_all();
    space_init();
    trace_emit(TR_BOOT, TRACE_NONE, TRACE_NONE, 0, cfg_system.num_partitions,
               cfg_system.schedule->num_windows);
    sched_start();
    sched_reschedule();
}

void kern_trap_syscall(void)
{
    syscall_dispatch(kstate.sched.current);
    sched_reschedule();
}

/* The health-monitor error a fault is: an access in the running thread's
 * stack guard (or a frame stacked into it) is its stack overflowing. */
static uint32_t error_of(const struct thread *t, const struct kern_fault *f)
{
    switch (f->kind) {
    case KERN_FAULT_MEMORY:
        if (f->stacking) {
            uint32_t sp = arch_context_sp(&t->ctx), frame = (sp - 32) & ~7u;
            if (space_overlaps_guard(t, frame, sp - frame))
                return FEN_ERR_STACK_OVERFLOW;
        } else if (f->addr_valid && space_overlaps_guard(t, f->addr, 1)) {
            return FEN_ERR_STACK_OVERFLOW;
        }
        return FEN_ERR_MEMORY_VIOLATION;
    case KERN_FAULT_BUS: return FEN_ERR_MEMORY_VIOLATION;
    case KERN_FAULT_UNDEFINED: return FEN_ERR_ILLEGAL_REQUEST;
    default: return FEN_ERR_HARDWARE_FAULT;
    }
}

static const char *const access_names[] = {"read", "write", "execute"};

static const char *const right_names[8] = {"---", "r--", "-w-", "rw-",
                                           "--x", "r-x", "-wx", "rwx"};

/* The partition's region map, one line per region: "  code
 * 0x00100000..0x0010FFFF r-x". */
static void report_regions(const struct part *p)
{
    for (uint8_t i = 0; i < p->cfg->num_regions; i++) {
        const struct cfg_region *r = &p->cfg->regions[i];
        console_report("  region %s %x..%x %s\n", r->name, r->base, r->base + (r->size - 1),
                       right_names[r->access & 7]);
    }
}

/* "fault in ping/0: MEMORY_VIOLATION: write at 0x00000004, pc
 * 0x00100042, status 0x00000082", then its region map; the health
 * monitor's line follows.  Partition names are at most 15 characters. */
static void report_fault(const struct part *p, const struct thread *t,
                         const struct kern_fault *f, uint32_t error)
{
    struct console_line l;
    console_line_start(&l);
    console_line_add(&l, "fault in ");
    thread_add_name(&l, t);
    console_line_add(&l, ": %s", fen_error_name(error));
    if (f->kind == KERN_FAULT_MEMORY || f->kind == KERN_FAULT_BUS) {
        console_line_add(&l, ": %s", f->stacking ? "exception stacking"
                                                 : access_names[f->access % 3]);
        if (f->addr_valid)
            console_line_add(&l, " at %x", f->addr);
    }
    console_line_add(&l, ", pc %x", f->pc);
    if (f->status)
        console_line_add(&l, ", status %x", f->status);
    console_line_add(&l, "\n");
    console_line_write(&l);
    if (f->kind == KERN_FAULT_MEMORY || f->kind == KERN_FAULT_BUS)
        report_regions(p);
}

void kern_trap_fault(const struct kern_fault *f)
{
    struct thread *t = kstate.sched.current;
    struct part *p = &kstate.parts[t->part];
    uint32_t error = error_of(t, f);
    uint8_t flags = (uint8_t)(error << 4 | (f->access & 3));
    if (f->addr_valid)
        flags |= TRACE_FAULT_ADDR_VALID;
    trace_emit3(TR_FAULT, t->part, t->local_id, flags, f->addr, f->pc, f->status);
    report_fault(p, t, f, error);
    struct hm_detail d = {.addr = f->addr, .pc = f->pc, .fatal = true};
    hm_raise(p, t, (uint8_t)error, &d);
    sched_reschedule();
}

void kern_trap_deadline(void)
{
    sched_reschedule();
}

void kern_trap_irq(unsigned line)
{
    irq_top_half(line);
    sched_reschedule();
}

bool kern_halted(void)
{
    return kstate.halted;
}

struct arch_context *kern_current(void)
{
    struct thread *t = kstate.sched.current;
    return t ? &t->ctx : 0;
}

int kern_current_partition(void)
{
    struct thread *t = kstate.sched.current;
    return t ? t->part : -1;
}
