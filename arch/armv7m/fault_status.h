/*
 * fault_status.h - what a MemManage or BusFault handler learns from the
 * System Control Block's fault status registers (CFSR, MMFAR, BFAR),
 * written once against the register accessors: the firmware's handlers and
 * the simulator's port both build their struct kern_fault with it, so the
 * kernel sees the same fault contents on both.
 */
#ifndef FENESTRA_ARMV7M_FAULT_STATUS_H
#define FENESTRA_ARMV7M_FAULT_STATUS_H

#include "kernel.h"

/* Fills f's kind, status, address (when valid) and stacking flag from the
 * registers, and clears the bits it read (write one to clear). */
void fault_status_read(struct kern_fault *f);

#endif
