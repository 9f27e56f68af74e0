/*
 * keyboard.h - host input (stdin) into a simulated UART's receiver.
 *
 * When the machine polls it, the reader takes the bytes the host has ready
 * (poll() with no wait: the simulation never blocks on the host), stamps
 * each with the current virtual cycle and queues it in the UART's ring.
 * It reads no more than the ring has room for: when the ring is full it
 * leaves the rest in the host's buffer until there is room, so nothing is
 * dropped.  At end of file it stops polling.
 *
 * This is the one external input that depends on host timing: which cycle
 * a key gets depends on when the host delivers it.  It is stamped when it
 * enters, like every external input (docs/devices.md).
 */
#ifndef FENESTRA_SIM_KEYBOARD_H
#define FENESTRA_SIM_KEYBOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "uart_cmsdk.h"

struct sim_keyboard {
    int fd;               /* -1: none */
    bool eof;
    struct sim_uart *uart;
    uint64_t every;       /* cycles between polls (0: every call) */
    uint64_t next_poll;   /* first cycle of the next poll */
    uint64_t bytes;       /* bytes queued so far */
    /* told of every byte queued, with its stamp (a recorder); may be NULL */
    void (*on_byte)(void *user, uint64_t stamp, uint8_t byte);
    void *user;
};

/* Reads fd (stdin: 0) into u, polling at most once per `every` cycles. */
void sim_keyboard_open(struct sim_keyboard *k, int fd, struct sim_uart *u, uint64_t every);

/* Takes what the host has ready, stamped `now`; false once at end of file
 * (or never opened). */
bool sim_keyboard_poll(struct sim_keyboard *k, uint64_t now);

#endif
