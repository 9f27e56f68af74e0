/*
 * mpu_rig.h - what the CPU-level tests share: a two-RAM test board, and an
 * MPU model the driver (arch/armv7m/mpu.c) programs through this file's
 * register accessors, as the kernel would.
 */
#ifndef MPU_RIG_H
#define MPU_RIG_H

#include <stdint.h>

#include "config.h"
#include "mem.h"
#include "mpu.h"

/* RAM at 0x00000000 and 0x20000000, 4 MiB each; a Cortex-M3 at 25 MHz. */
extern const struct cfg_board rig_board;

/* One region granted to the guest: 2^log2 bytes at base, rights MPU_R/W/X. */
struct grant {
    uint32_t base;
    unsigned log2;
    uint8_t srd;
    unsigned access;
};

/* Resets mpu (8 regions) with mem's TLBs following its changes, and makes
 * it the model the accessors reach. */
void rig_mpu_attach(struct sim_mpu *mpu, struct sim_mem *mem);

/* Programs the MPU through the driver: n regions from slot 0, the rest
 * disabled (n 0: nothing granted to the guest). */
void grant(const struct grant *g, unsigned n);

#endif
