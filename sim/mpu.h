/*
 * mpu.h - model of the ARMv7-M PMSAv7 MPU (ARMv7-M ARM, B3.5) and of the
 * System Control Block's MemManage/BusFault status registers, at their
 * architectural addresses.  The kernel programs it through the same driver
 * as the firmware (arch/armv7m/mpu.c); the memory layer asks it for
 * verdicts.  Region registers are kept as written; verdicts are computed
 * from them by the architecture's rules, nothing is cached here.
 */
#ifndef FENESTRA_SIM_MPU_H
#define FENESTRA_SIM_MPU_H

#include <stdbool.h>
#include <stdint.h>

#include "bus.h"
#include "armv7m/regs/mpu.h"

#define SIM_MPU_MAX_REGIONS 16
#define SIM_MPU_GRANULE 32u /* the smallest region and subregion size */

enum sim_access { SIM_READ = 0, SIM_WRITE = 1, SIM_EXEC = 2 };

enum sim_verdict {
    SIM_ALLOW = 0,
    SIM_MEMMANAGE, /* the MPU (or the default map's execute-never) refuses */
    SIM_BUSFAULT,  /* unprivileged access to the Private Peripheral Bus */
};

struct sim_mpu {
    unsigned num_regions; /* TYPE.DREGION: 8 or 16 */
    uint32_t ctrl, rnr;
    uint32_t rbar[SIM_MPU_MAX_REGIONS], rasr[SIM_MPU_MAX_REGIONS];
    uint32_t cfsr, mmfar, bfar; /* SCB fault status */
    /* called after every write that can change a verdict */
    void (*on_change)(void *user);
    void *user;
};

extern const struct sim_device_ops sim_mpu_ops; /* at MPU_BASE */
extern const struct sim_device_ops sim_scb_fault_ops; /* at SCB_CFSR */
#define SIM_SCB_FAULT_SIZE 0x14u /* CFSR .. BFAR */

void sim_mpu_reset(struct sim_mpu *m, unsigned num_regions,
                   void (*on_change)(void *), void *user);

/* What RASR.AP grants one privilege level (execute: the read right; XN
 * is the region's other half of that answer). */
bool sim_mpu_ap_allows(unsigned ap, enum sim_access a, bool privileged);

/* The verdict for one byte. */
enum sim_verdict sim_mpu_check(const struct sim_mpu *m, uint32_t addr,
                               enum sim_access a, bool privileged);

/* The verdict for [addr, addr + size): the first refused byte's, with its
 * address in *at (addr itself when its granule is refused, else the first
 * byte of the first refused granule). */
enum sim_verdict sim_mpu_check_range(const struct sim_mpu *m, uint32_t addr,
                                     uint32_t size, enum sim_access a,
                                     bool privileged, uint32_t *at);

/* Unprivileged verdicts for the 32 granules of the 1 KiB page at page:
 * bit g of allowed[a] is set when granule g allows access a. */
void sim_mpu_page(const struct sim_mpu *m, uint32_t page, uint32_t allowed[3]);

/* Records a fault in the fault status registers as the hardware does;
 * returns the CFSR bits it raised. */
uint32_t sim_mpu_record_fault(struct sim_mpu *m, enum sim_verdict v,
                              enum sim_access a, uint32_t addr, bool stacking);

#endif
