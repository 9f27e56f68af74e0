/*
 * uart_cmsdk.h - driver for the Arm CMSDK APB UART, written against the
 * mmio accessors so the same code runs on the board and in the simulator.
 */
#ifndef FENESTRA_UART_CMSDK_H
#define FENESTRA_UART_CMSDK_H

#include <stdint.h>

#include "regs/uart_cmsdk.h"

void uart_cmsdk_init(uint32_t base, uint32_t clock_hz, uint32_t baud);
void uart_cmsdk_write(uint32_t base, const char *buf, uint32_t len);

#endif
