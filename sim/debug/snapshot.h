/*
 * snapshot.h - the whole simulated state at one position, for reverse
 * execution: the kernel arena (kstate), the machine (clock, CPU registers
 * as saved, MPU, NVIC, devices, the port's timer) and the guest memory the
 * partitions can change (every writable region of the config, and the
 * memory layer's page tables).  Code regions are written only by the
 * loader, so they are not copied.
 *
 * Restoring copies everything back into the same objects: the arena and
 * the machine never move, so pointers inside them stay valid.  What is
 * host wiring rather than state (output files, callbacks, Unicorn
 * engines, the debugger's own traps) is kept as it is.
 */
#ifndef FENESTRA_SIM_DEBUG_SNAPSHOT_H
#define FENESTRA_SIM_DEBUG_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "machine.h"

/* The guest ranges a snapshot copies: computed once per machine. */
struct snap_layout {
    unsigned num;
    struct { uint8_t *host; uint32_t addr, size; } range[64];
    size_t guest_bytes;
};

struct snapshot {
    uint64_t cycle, insns, events; /* the position it was taken at */
    uint8_t *data;                 /* arena, machine, then guest ranges */
    size_t bytes;
};

/* The writable ranges of every partition, merged where they overlap. */
void snap_layout_init(struct snap_layout *l, const struct sim_machine *m);

/* Bytes one snapshot takes. */
size_t snap_size(const struct snap_layout *l);

/* false when memory runs out (nothing is taken then). */
bool snap_take(struct snapshot *s, const struct snap_layout *l, const struct sim_machine *m);
void snap_restore(const struct snapshot *s, const struct snap_layout *l,
                  struct sim_machine *m);
void snap_free(struct snapshot *s);

#endif
