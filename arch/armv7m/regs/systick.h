/* regs/systick.h - register map of the ARMv7-M SysTick timer (ARMv7-M ARM,
 * B3.3), shared by the driver and the simulator's model. */
#ifndef FENESTRA_REGS_SYSTICK_H
#define FENESTRA_REGS_SYSTICK_H

enum {
    SYSTICK_CSR = 0x0,   /* control and status */
    SYSTICK_RVR = 0x4,   /* reload value, 24 bits */
    SYSTICK_CVR = 0x8,   /* current value; any write clears it */
    SYSTICK_CALIB = 0xc, /* calibration, read-only */
};
enum {
    SYSTICK_CSR_ENABLE = 1u << 0,
    SYSTICK_CSR_TICKINT = 1u << 1,
    SYSTICK_CSR_CLKSOURCE = 1u << 2, /* 1: the processor clock */
    SYSTICK_CSR_COUNTFLAG = 1u << 16,
};
#define SYSTICK_MAX_RELOAD 0x00ffffffu

#endif
