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

/* One line for the console, e.g. "partition ping stopped: write fault at
 * 0x00000004, pc 0x00100042". */
static void report_fault(const struct part *p, const struct kern_fault *f)
{
    char line[160];
    uint32_t o = 0;
    static const char stopped[] = " stopped: ";
    const char *what = f->kind == KERN_FAULT_MEMORY ? access_names[f->access % 3]
                       : f->kind == KERN_FAULT_UNDEFINED ? "undefined instruction"
                                                         : "fault";
    for (const char *s = "partition "; *s; s++) line[o++] = *s;
    for (const char *s = p->cfg->name; *s && o < 60; s++) line[o++] = *s;
    for (const char *s = stopped; *s; s++) line[o++] = *s;
    for (const char *s = what; *s; s++) line[o++] = *s;
    if (f->kind == KERN_FAULT_MEMORY && f->addr_granule <= 1) {
        for (const char *s = " fault at "; *s; s++) line[o++] = *s;
        o += console_fmt_hex32(line + o, f->addr);
    } else if (f->kind == KERN_FAULT_MEMORY) {
        for (const char *s = " fault in page "; *s; s++) line[o++] = *s;
        o += console_fmt_hex32(line + o, f->addr);
        line[o++] = '-';
        o += console_fmt_hex32(line + o, f->addr + f->addr_granule - 1);
    }
    for (const char *s = ", pc "; *s; s++) line[o++] = *s;
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
