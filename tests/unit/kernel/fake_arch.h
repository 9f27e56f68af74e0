/*
 * fake_arch.h - a port for unit tests: a clock the test moves by hand,
 * partition memory in a host array, console output in a buffer.
 */
#ifndef FAKE_ARCH_H
#define FAKE_ARCH_H

#include <stdint.h>

#include "kernel.h"
#include "trace.h"

extern uint64_t fake_now;
extern uint64_t fake_deadline;
extern char fake_console[8192];
extern uint32_t fake_console_len;
extern uint8_t fake_memory[0x10000]; /* guest addresses 0x0000-0xffff */

/* The MPU as the kernel last loaded it, slot by slot, and the number of
 * region stores so far. */
extern struct arch_mpu_region fake_mpu[];
extern uint32_t fake_mpu_loads;

/* NVIC lines 0..31 as the kernel left them: bit set = masked. */
extern uint32_t fake_irq_masked;

void fake_reset(void);

/* Moves the clock to the deadline and enters the kernel, as a port would. */
void fake_run_to_deadline(void);

/* The running thread makes system call n with arguments a0..a3. */
int32_t fake_syscall(uint32_t n, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);

/* Drains the kernel's events and returns how many of `type` there were;
 * the last one is copied to *last if non-NULL. */
int fake_count_events(uint8_t type, struct trace_event *last);

#endif
