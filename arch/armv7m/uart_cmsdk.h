/*
 * uart_cmsdk.h - driver for the Arm CMSDK APB UART, written against the
 * mmio accessors so the same code runs on the board and in the simulator.
 */
#ifndef FENESTRA_UART_CMSDK_H
#define FENESTRA_UART_CMSDK_H

#include <stdbool.h>
#include <stdint.h>

#include "regs/uart_cmsdk.h"

void uart_cmsdk_init(uint32_t base, uint32_t clock_hz, uint32_t baud);
void uart_cmsdk_write(uint32_t base, const char *buf, uint32_t len);

/* True when a byte written now is taken without waiting. */
bool uart_cmsdk_tx_ready(uint32_t base);
/* Writes a byte the UART is ready for (uart_cmsdk_tx_ready). */
void uart_cmsdk_send(uint32_t base, char c);
/* Writes bytes while the UART takes them at once; returns how many. */
uint32_t uart_cmsdk_write_ready(uint32_t base, const char *buf, uint32_t len);

#endif
