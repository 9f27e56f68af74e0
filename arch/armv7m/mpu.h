/*
 * mpu.h - the PMSAv7 MPU driver, written against the mmio accessors: the
 * firmware port and the simulator's port load regions through this same
 * code, so the simulator's MPU model checks exactly what the board gets.
 *
 * A region is encoded once (at boot, or when a thread is created) into its
 * RBAR/RASR pair; a partition switch then only stores precomputed words.
 */
#ifndef FENESTRA_MPU_H
#define FENESTRA_MPU_H

#include <stdbool.h>
#include <stdint.h>

#include "regs/mpu.h"

/* One region as the hardware takes it: RBAR carries VALID and the slot
 * number, so storing the pair programs that slot without touching RNR. */
struct mpu_region {
    uint32_t rbar;
    uint32_t rasr;
};

enum mpu_memory {
    MPU_MEM_NORMAL = 0, /* RAM or ROM: normal, write-back write-allocate */
    MPU_MEM_DEVICE = 1, /* MMIO: shareable device */
};

/* Unprivileged rights in, encoding out (bits as enum cfg_access: 1 read,
 * 2 write, 4 execute; execute needs read). */
enum { MPU_R = 1, MPU_W = 2, MPU_X = 4 };

/* Encodes a region for `slot` (0..15): 2^size_log2 bytes (5..32) at base
 * (aligned to the size), subregion-disable bits srd (0 when size_log2 < 8).
 * Privileged code keeps read access wherever unprivileged code has it, and
 * write access to writable regions.  access 0 makes a region unprivileged
 * code cannot touch and privileged code can (a stack guard).  Returns false, leaving *out zeroed (disabled), on any
 * argument the architecture does not allow. */
bool mpu_encode(struct mpu_region *out, unsigned slot, uint32_t base,
                unsigned size_log2, uint8_t srd, unsigned access,
                enum mpu_memory mem);

/* A disabled region for `slot`. */
struct mpu_region mpu_disabled(unsigned slot);

/* Regions the MPU implements (TYPE.DREGION). */
unsigned mpu_regions(void);

/* Disables the MPU, clears every region, then enables it with the
 * background region for privileged code only (PRIVDEFENA). */
void mpu_init(void);

/* Stores n precomputed regions (their slots are in RBAR), four per group
 * through the alias registers, with the MPU off meanwhile. */
void mpu_load(const struct mpu_region *set, unsigned n);

/* Decodes RASR for display: the fields callers print. */
struct mpu_decoded {
    bool enabled;
    uint32_t base;
    uint64_t size;   /* 2^(SIZE+1) */
    uint8_t srd;
    uint8_t ap;
    bool xn;
};
struct mpu_decoded mpu_decode(const struct mpu_region *r);

#endif
