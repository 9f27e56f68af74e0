/*
 * nvic.h - model of the ARMv7-M NVIC's external interrupt lines, at the
 * architectural addresses (armv7m/regs/nvic.h): enable, pending, active
 * and priority per line, lines 0 .. lines-1.
 *
 * Devices drive lines in two ways.  A level output (sim_irq_pin) is
 * asserted while the device's interrupt status says so; several devices
 * may share a line (their levels are ORed).  A pulse (sim_nvic_raise) only
 * pends.  The rules are the Cortex-M3's: a line becomes pending on a rising
 * edge or a pulse, or on exception return while its level is still
 * asserted; clearing the pending state of a level line that is still
 * asserted changes nothing.  Every rising edge and pulse is counted.
 *
 * The kernel takes interrupts in line-number order (sim_nvic_next); the
 * priority bytes are stored and read back, not used to choose.
 */
#ifndef FENESTRA_SIM_NVIC_H
#define FENESTRA_SIM_NVIC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bus.h"

#define SIM_NVIC_MAX_LINES 256
#define SIM_NVIC_WORDS (SIM_NVIC_MAX_LINES / 32)

struct sim_nvic {
    unsigned lines;
    uint32_t enabled[SIM_NVIC_WORDS];
    uint32_t pending[SIM_NVIC_WORDS];
    uint32_t active[SIM_NVIC_WORDS];
    uint8_t priority[SIM_NVIC_MAX_LINES];
    uint16_t level[SIM_NVIC_MAX_LINES];  /* devices asserting the line */
    uint64_t raises[SIM_NVIC_MAX_LINES]; /* rising edges and pulses */
    uint64_t taken[SIM_NVIC_MAX_LINES];  /* exception entries */
    bool fresh; /* a line became pending and enabled: the machine stops
                   the guest so the kernel can take it (cleared there) */
    FILE *log;
};

extern const struct sim_device_ops sim_nvic_ops;

/* lines: 1..SIM_NVIC_MAX_LINES. */
void sim_nvic_reset(struct sim_nvic *n, unsigned lines, FILE *log);

/* A device pulses `line`: it becomes pending (counted). */
void sim_nvic_raise(struct sim_nvic *n, unsigned line);

/* One device's level output on `line` rises or falls (shared lines: the
 * line is asserted while any of its devices asserts it). */
void sim_nvic_assert(struct sim_nvic *n, unsigned line);
void sim_nvic_deassert(struct sim_nvic *n, unsigned line);

/* The lowest-numbered line that is pending and enabled; -1 if none. */
int sim_nvic_next(const struct sim_nvic *n);

/* Exception entry for `line`: pending cleared, active set. */
void sim_nvic_take(struct sim_nvic *n, unsigned line);

/* Exception return from `line`: active cleared; a level line still
 * asserted becomes pending again. */
void sim_nvic_done(struct sim_nvic *n, unsigned line);

bool sim_nvic_pending(const struct sim_nvic *n, unsigned line);
bool sim_nvic_enabled(const struct sim_nvic *n, unsigned line);
bool sim_nvic_active(const struct sim_nvic *n, unsigned line);

/* A device's level output onto one NVIC line (line < 0: not wired).  The
 * device sets the level after every change of its interrupt status; only
 * changes reach the NVIC. */
struct sim_irq_pin {
    struct sim_nvic *nvic;
    int line;
    bool level;
};

void sim_irq_pin_wire(struct sim_irq_pin *p, struct sim_nvic *n, int line);
void sim_irq_pin_set(struct sim_irq_pin *p, bool level);

#endif
