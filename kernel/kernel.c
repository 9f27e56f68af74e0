/* kernel.c - initialisation and trap entry (see kernel.h). */
#include "kernel.h"

#include "console.h"
#include "kstate.h"
#include "part.h"
#include "sched.h"
#include "syscall.h"

/* Starts from a zeroed arena, so a port (or a test) can boot again. */
void kern_init(void)
{
    kstate = (struct kstate){0};
    kstate.kernel_console_at_line_start = true;
    part_init_all();
    trace_emit(TR_BOOT, TRACE_NONE, TRACE_NONE, 0, cfg_system.num_partitions,
               cfg_system.schedule->num_windows);
    sched_start();
}

void kern_trap_syscall(void)
{
    syscall_dispatch(kstate.sched.current);
    sched_reschedule();
}

static const char *const access_names[] = {"read", "write", "execute"};

/* One console line, e.g. "partition ping stopped: write fault at
 * 0x00000004, pc 0x00100042" (or "in page A-B" when only the page of the
 * address is known).  Partition names are at most 63 characters (fcc). */
static void report_fault(const struct part *p, const struct kern_fault *f)
{
    char line[192];
    uint32_t o = console_fmt_str(line, "partition ");
    o += console_fmt_str(line + o, p->cfg->name);
    o += console_fmt_str(line + o, " stopped: ");
    if (f->kind == KERN_FAULT_MEMORY) {
        o += console_fmt_str(line + o, access_names[f->access % 3]);
        o += console_fmt_str(line + o, f->addr_granule <= 1 ? " fault at " : " fault in page ");
        o += console_fmt_hex32(line + o, f->addr);
        if (f->addr_granule > 1) {
            line[o++] = '-';
            o += console_fmt_hex32(line + o, f->addr + f->addr_granule - 1);
        }
    } else {
        o += console_fmt_str(line + o, f->kind == KERN_FAULT_UNDEFINED
                                           ? "undefined instruction" : "fault");
    }
    o += console_fmt_str(line + o, ", pc ");
    o += console_fmt_hex32(line + o, f->pc);
    line[o++] = '\n';
    console_write(0, line, o);
}

void kern_trap_fault(const struct kern_fault *f)
{
    struct thread *t = kstate.sched.current;
    struct part *p = &kstate.parts[t->part];
    uint8_t flags = (uint8_t)(f->kind << 4 | f->access);
    if (f->addr_granule > 1)
        flags |= TRACE_FAULT_PAGE;
    trace_emit(TR_FAULT, t->part, t->local_id, flags, f->addr, f->pc);
    report_fault(p, f);
    part_stop(p, f->kind);
    sched_reschedule();
}

void kern_trap_deadline(void)
{
    sched_reschedule();
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
