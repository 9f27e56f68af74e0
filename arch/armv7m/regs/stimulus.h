/*
 * regs/stimulus.h - register map of the simulator's stimulus device: a FIFO
 * of records (up to eight 32-bit words each) that arrive at the cycles a
 * scenario file stamps them with (docs/devices.md).  Simulator only: no
 * board has it; firmware built for a board never touches it.
 *
 * Software reads the head record (LEN, SEQ, TIME_LO/HI, WORD0..7), then
 * writes POP.  SEQ numbers the device's records from 0 in file order; a
 * record that finds the FIFO full is not delivered: OVERFLOW is set,
 * OVERFLOWS counts it, and its SEQ is skipped, so software sees the gap.
 */
#ifndef FENESTRA_REGS_STIMULUS_H
#define FENESTRA_REGS_STIMULUS_H

#define STIMULUS_SIM_BASE 0x40030000u /* where the simulator's boards put it */

enum {
    STIMULUS_STATUS = 0x00,    /* RO bit 0; bit 1 write-1-to-clear */
    STIMULUS_CTRL = 0x04,      /* bit 0: interrupt enable */
    STIMULUS_INTSTATUS = 0x08, /* read: pending interrupt causes */
    STIMULUS_INTCLEAR = 0x08,  /* write: 1 clears a cause (same offset) */
    STIMULUS_COUNT = 0x0c,     /* records waiting, 0..STIMULUS_DEPTH */
    STIMULUS_LEN = 0x10,       /* words in the head record (0: none) */
    STIMULUS_SEQ = 0x14,       /* the head's sequence number; empty: the next */
    STIMULUS_TIME_LO = 0x18,   /* cycle the head arrived at, low word */
    STIMULUS_TIME_HI = 0x1c,   /* ... high word */
    STIMULUS_POP = 0x20,       /* write (any value): discard the head */
    STIMULUS_OVERFLOWS = 0x24, /* records lost to a full FIFO since reset */
    STIMULUS_CONFIG = 0x28,    /* RO: depth (7:0), words per record (15:8) */
    STIMULUS_WORD0 = 0x40,     /* WORD0..WORD7 at 0x40..0x5c; beyond LEN: 0 */
    STIMULUS_REGS_SIZE = 0x60,
};
enum {
    STIMULUS_STATUS_AVAIL = 1u << 0,    /* a record is waiting */
    STIMULUS_STATUS_OVERFLOW = 1u << 1, /* a record was lost; write 1 clears */
};
enum { STIMULUS_CTRL_INT_EN = 1u << 0 };
enum {
    STIMULUS_INT_ARRIVAL = 1u << 0,  /* a record arrived */
    STIMULUS_INT_OVERFLOW = 1u << 1, /* a record was lost */
};
#define STIMULUS_DEPTH 16u
#define STIMULUS_MAX_WORDS 8u
#define STIMULUS_WORD(i) (STIMULUS_WORD0 + 4u * (i))

#endif
