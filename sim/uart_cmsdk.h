/*
 * uart_cmsdk.h - model of the Arm CMSDK APB UART (Arm DDI 0479) on the
 * simulated clock.
 *
 * Transmit: every byte written goes to a host sink at once and STATE never
 * shows TX full, so a driver that polls TX full (the kernel's console)
 * never waits.  When TX and its interrupt are enabled, each byte also
 * completes one byte time after the previous completion (or after its
 * write), and the completion sets INTSTATUS.TX.
 *
 * Receive: a one-byte buffer fed from two sources of stamped bytes: a
 * script (the scenario file's bytes for this UART, read lazily through a
 * feed) and a bounded ring the host keyboard fills.  The earlier-stamped
 * head is delivered at max(its stamp, previous delivery + one byte time).
 * A byte that finds the buffer full replaces the unread one and sets RX
 * overrun; a byte that arrives with RX disabled is dropped.  Both are
 * counted and logged once per episode.
 *
 * One byte time is 10 bits (start, 8 data, stop) of BAUDDIV cycles each;
 * a BAUDDIV below the hardware's minimum of 16 (0 after reset) times as 16.
 * In high-speed test mode (CTRL bit 6) TX sends one bit per cycle.
 *
 * Nothing is stepped: the model keeps the cycle of its next event
 * (sim_uart_next_event), which the machine fires when the clock reaches
 * it (sim_uart_fire).  Interrupt outputs are levels of INTSTATUS bits.
 */
#ifndef FENESTRA_SIM_UART_CMSDK_H
#define FENESTRA_SIM_UART_CMSDK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bus.h"
#include "nvic.h"

/* The interrupt outputs, by the names a board's device lists them with. */
enum sim_uart_line {
    SIM_UART_TX,         /* "tx": INTSTATUS.TX */
    SIM_UART_RX,         /* "rx": INTSTATUS.RX */
    SIM_UART_TX_OVERRUN, /* "tx-overrun" */
    SIM_UART_RX_OVERRUN, /* "rx-overrun" */
    SIM_UART_OVERRUN,    /* "overrun": either overrun (the AN385 ORs them) */
    SIM_UART_COMBINED,   /* "combined": any INTSTATUS bit (UARTINT) */
    SIM_UART_LINES
};
extern const char *const sim_uart_line_names[SIM_UART_LINES];

#define SIM_UART_RING 256 /* keyboard bytes waiting to be delivered */

/* A source of stamped bytes, read in order; peek is false at its end. */
struct sim_uart_feed {
    bool (*peek)(const void *user, uint64_t *stamp, uint8_t *byte);
    void (*take)(void *user);
    void *user;
};

struct sim_uart;

/* Every byte the receiver takes from a source, as it takes it: its stamp,
 * the cycle it was delivered at, and whether it came from the ring. */
typedef void (*sim_uart_rx_fn)(void *user, const struct sim_uart *u, uint64_t stamp,
                               uint64_t cycle, uint8_t byte, bool from_ring);

struct sim_uart {
    const char *name;
    const uint64_t *now;  /* the simulated clock */
    uint32_t ctrl, bauddiv, state, intstatus;
    uint8_t rxbuf;
    FILE *out;            /* host sink of transmitted bytes */
    FILE *log;
    struct sim_irq_pin pin[SIM_UART_LINES];
    /* receive */
    struct sim_uart_feed script;
    uint64_t ring_stamp[SIM_UART_RING];
    uint8_t ring_byte[SIM_UART_RING];
    unsigned ring_head, ring_count;
    uint64_t rx_last;     /* cycle of the last delivery (rx_bytes > 0) */
    sim_uart_rx_fn on_rx;
    void *rx_user;
    /* transmit: tx_pending bytes still on the line, the oldest done at tx_done */
    uint64_t tx_done;
    uint32_t tx_pending;
    /* statistics */
    uint64_t tx_bytes, tx_while_disabled, tx_interrupts;
    uint64_t rx_bytes;            /* taken from a source */
    uint64_t rx_overruns;         /* bytes that replaced an unread one */
    uint64_t rx_dropped_disabled; /* bytes that arrived with RX disabled */
    bool overrun_logged, dropped_logged, bauddiv_logged;
};

extern const struct sim_device_ops sim_uart_ops;

void sim_uart_reset(struct sim_uart *u, const char *name, const uint64_t *now,
                    FILE *out, FILE *log);

/* Wires output `which` to NVIC line `line`. */
void sim_uart_wire(struct sim_uart *u, enum sim_uart_line which, struct sim_nvic *n,
                   int line);

/* Index of a line name ("rx", "tx", ...), -1 if the model has none. */
int sim_uart_line_by_name(const char *name);

/* Queues a keyboard byte stamped `stamp` in the ring; false when full. */
bool sim_uart_input(struct sim_uart *u, uint64_t stamp, uint8_t byte);
unsigned sim_uart_input_room(const struct sim_uart *u);

/* Cycles one byte takes on the line: receive, or transmit. */
uint64_t sim_uart_byte_cycles(const struct sim_uart *u, bool tx);

/* The cycle of the next receive delivery or transmit completion;
 * UINT64_MAX when none. */
uint64_t sim_uart_next_event(const struct sim_uart *u);

/* Fires the model's earliest event (receive first on a tie) if it is due
 * at or before now; true if one fired. */
bool sim_uart_fire(struct sim_uart *u);

#endif
