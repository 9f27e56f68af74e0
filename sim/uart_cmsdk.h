/*
 * uart_cmsdk.h - model of the Arm CMSDK APB UART (TX side for now).
 * Transmitted bytes go to a host sink; the transmitter is never full, so
 * console output costs no simulated time beyond the driver's instructions.
 */
#ifndef FENESTRA_SIM_UART_CMSDK_H
#define FENESTRA_SIM_UART_CMSDK_H

#include <stdint.h>
#include <stdio.h>

#include "bus.h"

struct sim_uart {
    const char *name;
    uint32_t ctrl, bauddiv;
    FILE *out;               /* host sink of transmitted bytes */
    uint64_t tx_bytes;
    uint64_t tx_while_disabled; /* bytes written with TX disabled: logged */
    FILE *log;
};

extern const struct sim_device_ops sim_uart_ops;

void sim_uart_reset(struct sim_uart *u, const char *name, FILE *out, FILE *log);

#endif
