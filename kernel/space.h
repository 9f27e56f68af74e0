/*
 * space.h - spatial partitioning: each partition's MPU region set, encoded
 * once at boot and loaded when its threads run; each thread's stack guard;
 * and the checks of every pointer a partition passes to the kernel.
 */
#ifndef FENESTRA_SPACE_H
#define FENESTRA_SPACE_H

#include "kstate.h"

/* The regions' own rights bits (enum cfg_access). */
enum space_access {
    SPACE_READ = CFG_ACCESS_R,
    SPACE_WRITE = CFG_ACCESS_W,
    SPACE_EXEC = CFG_ACCESS_X,
};

/* Enables the MPU and encodes every partition's set.  A region the MPU
 * cannot express (the config compiler refuses those) stops its partition
 * with a configuration error. */
void space_init(void);

/* Encodes t's stack guard: stack_guard bytes below its stack. */
bool space_set_guard(struct thread *t);

/* Makes the MPU hold what t may touch: its partition's set and its guard.
 * Only what differs from the MPU's contents is loaded. */
void space_switch(const struct thread *t);

/* Loads partition p's set (and no thread's guard): for tools and tests. */
void space_load_partition(uint8_t p);

/* True when [addr, addr+len) lies inside one memory region (code, data or
 * shared: never a device, whose registers the kernel must not read or
 * write on a partition's behalf) of t's partition granting every `access`
 * bit, and outside t's stack guard.  len 0 is accepted. */
bool space_range_ok(const struct thread *t, uint32_t addr, uint32_t len,
                    unsigned access);

/* space_range_ok for a buffer system call `call` is about to read or
 * write; a refusal is reported as a MEMORY_VIOLATION of the caller (event
 * and console line), and nothing is read or written. */
bool space_user_buffer(const struct thread *t, uint32_t call, uint32_t addr,
                       uint32_t len, unsigned access);

/* True when [addr, addr+len) meets t's stack guard (len >= 1). */
bool space_overlaps_guard(const struct thread *t, uint32_t addr, uint32_t len);

#endif
