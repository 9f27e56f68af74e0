/* regs/mpu.h - register map of the ARMv7-M PMSAv7 MPU and of the System
 * Control Block's fault status registers (ARMv7-M ARM, B3.5 and B3.2),
 * shared by the driver and the simulator's model. */
#ifndef FENESTRA_REGS_MPU_H
#define FENESTRA_REGS_MPU_H

#define MPU_BASE 0xE000ED90u
enum {
    MPU_TYPE = 0x00,    /* DREGION (15:8): number of regions */
    MPU_CTRL = 0x04,
    MPU_RNR = 0x08,     /* region number for RBAR/RASR */
    MPU_RBAR = 0x0c,
    MPU_RASR = 0x10,
    MPU_RBAR_A1 = 0x14, /* aliases of RBAR/RASR, for loading four regions */
    MPU_RASR_A1 = 0x18, /* with consecutive stores */
    MPU_RBAR_A2 = 0x1c,
    MPU_RASR_A2 = 0x20,
    MPU_RBAR_A3 = 0x24,
    MPU_RASR_A3 = 0x28,
    MPU_REGS_SIZE = 0x2c,
};

enum {
    MPU_CTRL_ENABLE = 1u << 0,
    MPU_CTRL_HFNMIENA = 1u << 1,
    MPU_CTRL_PRIVDEFENA = 1u << 2, /* privileged code uses the default map */
};

enum {
    MPU_RBAR_REGION_MASK = 0xfu,
    MPU_RBAR_VALID = 1u << 4, /* a write also sets RNR from REGION */
    MPU_RBAR_ADDR_MASK = 0xffffffe0u,
};

enum {
    MPU_RASR_ENABLE = 1u << 0,
    MPU_RASR_SIZE_SHIFT = 1,  /* region size 2^(SIZE+1), SIZE >= 4 */
    MPU_RASR_SIZE_MASK = 0x1fu << 1,
    MPU_RASR_SRD_SHIFT = 8,
    MPU_RASR_SRD_MASK = 0xffu << 8,
    MPU_RASR_B = 1u << 16,
    MPU_RASR_C = 1u << 17,
    MPU_RASR_S = 1u << 18,
    MPU_RASR_TEX_SHIFT = 19,
    MPU_RASR_AP_SHIFT = 24,
    MPU_RASR_AP_MASK = 7u << 24,
    MPU_RASR_XN = 1u << 28,
};

/* Access permissions (RASR.AP): privileged / unprivileged. */
enum {
    MPU_AP_NONE = 0,      /* none / none */
    MPU_AP_PRIV_RW = 1,   /* RW / none */
    MPU_AP_PRIV_RW_UNPRIV_RO = 2,
    MPU_AP_FULL = 3,      /* RW / RW */
    MPU_AP_PRIV_RO = 5,   /* RO / none */
    MPU_AP_RO = 6,        /* RO / RO (7 is the same) */
};

/* System Control Block fault registers. */
#define SCB_CFSR 0xE000ED28u   /* MMFSR is its low byte, BFSR the next */
#define SCB_MMFAR 0xE000ED34u
#define SCB_BFAR 0xE000ED38u
enum {
    SCB_MMFSR_IACCVIOL = 1u << 0,
    SCB_MMFSR_DACCVIOL = 1u << 1,
    SCB_MMFSR_MUNSTKERR = 1u << 3,
    SCB_MMFSR_MSTKERR = 1u << 4,
    SCB_MMFSR_MMARVALID = 1u << 7,
    SCB_BFSR_PRECISERR = 1u << 9,   /* as bits of CFSR */
    SCB_BFSR_STKERR = 1u << 12,
    SCB_BFSR_BFARVALID = 1u << 15,
};

/* The Private Peripheral Bus: never checked by the MPU, privileged only. */
#define ARMV7M_PPB_BASE 0xE0000000u
#define ARMV7M_PPB_END 0xE0100000u

#endif
