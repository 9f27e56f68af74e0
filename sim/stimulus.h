/*
 * stimulus.h - the simulator's stimulus device (armv7m/regs/stimulus.h):
 * a FIFO of STIMULUS_DEPTH records of up to STIMULUS_MAX_WORDS words that
 * arrive at the cycles the scenario file stamps them with.
 *
 * Records are numbered from 0 in file order (SEQ).  A record that finds
 * the FIFO full is not delivered: STATUS.OVERFLOW is set, OVERFLOWS
 * counts it, its number is skipped (software sees the gap in SEQ), the
 * overflow interrupt is raised, and the log says so once per episode
 * (until software clears STATUS.OVERFLOW).  With CTRL.INT_EN an arrival
 * sets INTSTATUS.ARRIVAL; the "data" output is the level of INTSTATUS.
 */
#ifndef FENESTRA_SIM_STIMULUS_H
#define FENESTRA_SIM_STIMULUS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "armv7m/regs/stimulus.h"
#include "bus.h"
#include "nvic.h"

struct sim_stim_entry {
    uint64_t cycle;
    uint32_t seq;
    uint32_t len;
    uint32_t word[STIMULUS_MAX_WORDS];
};

struct sim_stimulus {
    const char *name;
    const uint64_t *now;
    struct sim_stim_entry fifo[STIMULUS_DEPTH];
    unsigned head, count;
    uint32_t ctrl, intstatus;
    bool overflow;         /* STATUS.OVERFLOW */
    uint32_t next_seq;     /* the number the next record gets */
    uint64_t arrivals;     /* records delivered into the FIFO */
    uint64_t overflows;    /* records lost to a full FIFO */
    bool overflow_logged;
    struct sim_irq_pin pin;
    FILE *log;
};

extern const struct sim_device_ops sim_stimulus_ops;

void sim_stimulus_reset(struct sim_stimulus *s, const char *name, const uint64_t *now,
                        FILE *log);
void sim_stimulus_wire(struct sim_stimulus *s, struct sim_nvic *n, int line);

/* The next record (n <= STIMULUS_MAX_WORDS words) arrives at `cycle`.
 * Returns its sequence number; *queued tells whether it was delivered or
 * lost to a full FIFO. */
uint32_t sim_stimulus_arrive(struct sim_stimulus *s, uint64_t cycle,
                             const uint32_t *words, unsigned n, bool *queued);

#endif
