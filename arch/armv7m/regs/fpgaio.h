/* regs/fpgaio.h - register map of the MPS2 FPGA I/O block (Arm AN385
 * "FPGA system control and I/O"; QEMU's mps2-fpgaio), shared by drivers and
 * the simulator's model.  On the mps2-an385 it sits at 0x40028000. */
#ifndef FENESTRA_REGS_FPGAIO_H
#define FENESTRA_REGS_FPGAIO_H

#define FPGAIO_AN385_BASE 0x40028000u

enum {
    FPGAIO_LED0 = 0x00,     /* bits 0..1: the two user LEDs */
    FPGAIO_BUTTON = 0x08,   /* bits 0..1: the two push buttons, read-only */
    FPGAIO_CLK1HZ = 0x10,   /* counts at 1 Hz; writable */
    FPGAIO_CLK100HZ = 0x14, /* counts at 100 Hz; writable */
    FPGAIO_COUNTER = 0x18,  /* counts up each time PSCNTR reaches 0 */
    FPGAIO_PRESCALE = 0x1c, /* PSCNTR's reload value */
    FPGAIO_PSCNTR = 0x20,   /* prescale counter, down at the board clock */
    FPGAIO_MISC = 0x4c,     /* other devices' control bits: stored only */
};
#define FPGAIO_LED_MASK 0x3u
#define FPGAIO_BUTTON_MASK 0x3u

#endif
