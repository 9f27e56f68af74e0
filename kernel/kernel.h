/*
 * kernel.h - the kernel's entry points, called by the port.
 *
 * The port calls kern_init() once, then kern_trap_*() for every trap.  After
 * each, kern_current() tells which thread's context to resume (NULL: idle
 * until the deadline the kernel armed).
 */
#ifndef FENESTRA_KERNEL_H
#define FENESTRA_KERNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "arch.h"

struct thread;

/* What a port reports about a fault in user mode: what the ARMv7-M fault
 * status registers say, on the board and in the simulator alike. */
enum kern_access { KERN_ACCESS_READ = 0, KERN_ACCESS_WRITE = 1, KERN_ACCESS_EXEC = 2 };

enum kern_fault_kind {
    KERN_FAULT_MEMORY = 1,    /* MemManage: the MPU refused an access */
    KERN_FAULT_BUS = 2,       /* BusFault: e.g. unprivileged access to the PPB */
    KERN_FAULT_UNDEFINED = 3, /* undefined or unsupported instruction */
    KERN_FAULT_OTHER = 4,
};

struct kern_fault {
    uint32_t kind;       /* enum kern_fault_kind */
    uint32_t access;     /* enum kern_access, for memory and bus faults */
    uint32_t addr;       /* faulting data address, when addr_valid */
    bool addr_valid;     /* MMFSR.MMARVALID or BFSR.BFARVALID */
    bool stacking;       /* raised while stacking an exception frame */
    uint32_t pc;         /* address of the faulting instruction */
    uint32_t status;     /* CFSR bits the fault raised */
};

void kern_init(void);
void kern_trap_syscall(void);
void kern_trap_fault(const struct kern_fault *f);
void kern_trap_deadline(void);

/* An NVIC line was taken (the port has cleared its pending bit): the
 * kernel's top half. */
void kern_trap_irq(unsigned line);

/* True once the health monitor stopped the module: nothing runs again. */
bool kern_halted(void);

/* Context of the thread to run next, or NULL to idle. */
struct arch_context *kern_current(void);

/* Partition index of the running thread, -1 when idle. */
int kern_current_partition(void);

#endif
