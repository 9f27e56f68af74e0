/*
 * fpgaio.h - model of the MPS2 FPGA I/O block (AN385; QEMU's mps2-fpgaio)
 * on the simulated clock: two user LEDs, two push buttons, and counters
 * derived from the board clock.
 *
 * LED changes are recorded with their cycle (last value, count) and passed
 * to a sink the machine chooses.  The buttons are inputs: the scenario
 * file sets them (sim_fpgaio_set_buttons); software only reads them.
 * CLK1HZ and CLK100HZ count whole seconds and hundredths since reset (or
 * since written); COUNTER counts up each time the prescale counter PSCNTR,
 * counting down at the board clock, passes 0 and reloads PRESCALE (with
 * PRESCALE 0, COUNTER counts cycles).  MISC is stored, not acted on.
 */
#ifndef FENESTRA_SIM_FPGAIO_H
#define FENESTRA_SIM_FPGAIO_H

#include <stdint.h>
#include <stdio.h>

#include "bus.h"

struct sim_fpgaio;

/* The LEDs changed to `leds` at `cycle`. */
typedef void (*sim_leds_fn)(void *user, const struct sim_fpgaio *f, uint64_t cycle,
                            uint32_t leds);

struct sim_fpgaio {
    const char *name;
    const uint64_t *now;
    uint32_t clock_hz;
    uint32_t leds, buttons, misc, prescale;
    uint64_t led_changes, led_changed_at;
    uint64_t button_changes;
    /* CLKxHZ read base + (now - at) * x / clock_hz */
    uint32_t clk1hz_base, clk100hz_base;
    uint64_t clk1hz_at, clk100hz_at;
    /* COUNTER and PSCNTR were these at cycle sync_at */
    uint32_t counter, pscntr;
    uint64_t sync_at;
    sim_leds_fn on_leds;
    void *leds_user;
    FILE *log;
};

extern const struct sim_device_ops sim_fpgaio_ops;

void sim_fpgaio_reset(struct sim_fpgaio *f, const char *name, const uint64_t *now,
                      uint32_t clock_hz, FILE *log);

/* The buttons (bits 0..1) change, pressed or released, now. */
void sim_fpgaio_set_buttons(struct sim_fpgaio *f, uint32_t buttons);

#endif
