/* regs/cmsdk_timer.h - register map of the Arm CMSDK APB timer (Arm DDI
 * 0479, "APB timer"), shared by drivers and the simulator's model.  A 32-bit
 * down-counter on the peripheral clock: it interrupts as it goes from 1 to
 * 0, holds 0 for one cycle, then reloads from RELOAD. */
#ifndef FENESTRA_REGS_CMSDK_TIMER_H
#define FENESTRA_REGS_CMSDK_TIMER_H

enum {
    CMSDK_TIMER_CTRL = 0x00,
    CMSDK_TIMER_VALUE = 0x04,     /* current count; a write sets it */
    CMSDK_TIMER_RELOAD = 0x08,    /* a write also sets the current count */
    CMSDK_TIMER_INTSTATUS = 0x0c, /* read: bit 0 the interrupt */
    CMSDK_TIMER_INTCLEAR = 0x0c,  /* write: 1 clears it (same offset) */
};
enum {
    CMSDK_TIMER_CTRL_EN = 1u << 0,
    CMSDK_TIMER_CTRL_EXTIN_ENABLE = 1u << 1, /* EXTIN gates the count */
    CMSDK_TIMER_CTRL_EXTIN_CLOCK = 1u << 2,  /* EXTIN is the clock */
    CMSDK_TIMER_CTRL_IRQ_EN = 1u << 3,
    CMSDK_TIMER_CTRL_MASK = 0xfu,
};
#define CMSDK_TIMER_INT 1u

#endif
