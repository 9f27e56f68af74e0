/*
 * arch.h - everything the portable kernel needs from a port.  kernel/ calls
 * nothing else; arch/armv7m implements it on the Cortex-M, arch/sim on the
 * simulated board.  The context type comes from the port's arch_context.h.
 */
#ifndef FENESTRA_ARCH_H
#define FENESTRA_ARCH_H

#include <stdbool.h>
#include <stdint.h>

#include <arch_context.h> /* from the port: arch/<port>/ */
#include <arch_mpu.h>     /* struct arch_mpu_region, from the port */

#include "config.h"

/* --- thread contexts -------------------------------------------------- */

/* Prepares a context that starts unprivileged at entry (Thumb bit set) on
 * the stack whose top is sp, with r0 = arg and lr = ret. */
void arch_context_init(struct arch_context *ctx, uint32_t entry, uint32_t sp,
                       uint32_t arg, uint32_t ret);

/* The thread's stack pointer when it was trapped. */
uint32_t arch_context_sp(const struct arch_context *ctx);

/* System-call view of a context trapped by `svc`: number and arguments. */
uint32_t arch_syscall_number(const struct arch_context *ctx);
uint32_t arch_syscall_arg(const struct arch_context *ctx, unsigned n);
void arch_syscall_return(struct arch_context *ctx, uint32_t r0);
void arch_syscall_return64(struct arch_context *ctx, uint64_t v);

/* --- time ------------------------------------------------------------- */

/* Cycles of the board clock since reset. */
uint64_t arch_now(void);

/* Arms the one-shot deadline: kern_trap_deadline() is entered once the
 * clock reaches cycle (at once if it already has).  Replaces any earlier. */
void arch_deadline_set(uint64_t cycle);

/* --- memory protection ------------------------------------------------ */

/* Enables the MPU with nothing granted to unprivileged code; returns the
 * number of regions it has. */
unsigned arch_mpu_init(void);

/* Encodes a partition's region for MPU slot `slot`; false when the
 * hardware cannot express it (the config compiler should have refused). */
bool arch_mpu_encode(struct arch_mpu_region *out, unsigned slot,
                     const struct cfg_region *r);

/* A no-access region of `size` bytes (a power of two >= 32, base aligned
 * to it) for slot `slot`: the thread stack guard. */
bool arch_mpu_encode_guard(struct arch_mpu_region *out, unsigned slot,
                           uint32_t base, uint32_t size);

/* An empty slot. */
void arch_mpu_encode_off(struct arch_mpu_region *out, unsigned slot);

/* Loads n precomputed regions (each knows its slot). */
void arch_mpu_load(const struct arch_mpu_region *set, unsigned n);

/* Called before the MPU stops holding the regions of the thread that ran
 * last: the port writes what it keeps lazily in that thread's memory while
 * that thread's rights still apply (the Cortex-M's lazily stacked FP
 * registers; nothing in the simulator). */
void arch_mpu_leave(void);

/* --- user memory ------------------------------------------------------ */

/* Copy between the kernel and a partition's memory.  The kernel has already
 * checked the range against the partition's regions. */
void arch_copy_from_user(void *dst, uint32_t src, uint32_t len);
void arch_copy_to_user(uint32_t dst, const void *src, uint32_t len);

/* --- interrupts ------------------------------------------------------- */

/* NVIC external lines: masked at boot.  The kernel masks a line in its top
 * half and unmasks it when the owner acknowledges (docs/interrupts.md). */
void arch_irq_mask(unsigned line);
void arch_irq_unmask(unsigned line);

/* --- console ---------------------------------------------------------- */

void arch_console_write(const char *buf, uint32_t len);

#endif
