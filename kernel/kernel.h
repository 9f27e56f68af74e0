/*
 * kernel.h - the kernel's entry points, called by the port.
 *
 * The port calls kern_init() once, then kern_trap_*() for every trap.  After
 * each, kern_current() tells which thread's context to resume (NULL: idle
 * until the deadline the kernel armed).
 */
#ifndef FENESTRA_KERNEL_H
#define FENESTRA_KERNEL_H

#include <stdint.h>

#include "arch.h"

struct thread;

/* What a port reports about a fault in user mode. */
enum kern_access { KERN_ACCESS_READ = 0, KERN_ACCESS_WRITE = 1, KERN_ACCESS_EXEC = 2 };

enum kern_fault_kind {
    KERN_FAULT_MEMORY = 1,    /* access outside what the partition may touch */
    KERN_FAULT_UNDEFINED = 2, /* undefined or unsupported instruction */
    KERN_FAULT_OTHER = 3,
};

struct kern_fault {
    uint32_t kind;   /* enum kern_fault_kind */
    uint32_t access; /* enum kern_access, for memory faults */
    uint32_t addr;   /* faulting data address, for memory faults */
    uint32_t pc;     /* address of the faulting instruction */
    uint32_t addr_granule; /* 1: addr is exact; else addr is the start of
                              the naturally aligned block of this size that
                              holds the faulting address */
};

void kern_init(void);
void kern_trap_syscall(void);
void kern_trap_fault(const struct kern_fault *f);
void kern_trap_deadline(void);

/* Context of the thread to run next, or NULL to idle. */
struct arch_context *kern_current(void);

/* Partition index of the running thread, -1 when idle. */
int kern_current_partition(void);

#endif
