/*
 * uart_stm32.h - driver for the STM32F4 USART (8 data bits, no parity,
 * one stop bit; polled transmit), written against the mmio accessors
 * like uart_cmsdk.h.
 */
#ifndef FENESTRA_UART_STM32_H
#define FENESTRA_UART_STM32_H

#include <stdbool.h>
#include <stdint.h>

#include "regs/stm32_usart.h"

/* The BRR value for baud from the USART's bus clock (OVER8 = 0): USARTDIV
 * = bus_hz / (16 * baud) in 1/16ths, rounded to the nearest. */
uint32_t uart_stm32_brr(uint32_t bus_hz, uint32_t baud);

/* Enables the USART for transmit and receive.  Its bus clock and pins
 * are the board's set-up (boards/<board>/board.c). */
void uart_stm32_init(uint32_t base, uint32_t bus_hz, uint32_t baud);
void uart_stm32_write(uint32_t base, const char *buf, uint32_t len);

/* True when a byte written now is taken without waiting. */
bool uart_stm32_tx_ready(uint32_t base);
/* Writes a byte the UART is ready for (uart_stm32_tx_ready). */
void uart_stm32_send(uint32_t base, char c);
/* Writes bytes while the UART takes them at once; returns how many. */
uint32_t uart_stm32_write_ready(uint32_t base, const char *buf, uint32_t len);

#endif
