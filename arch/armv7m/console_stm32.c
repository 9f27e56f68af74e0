/*
 * console_stm32.c - the console of the STM32F4 boards (board.yaml console
 * of type stm32-usart), through uart_stm32.c; console_out.c decides what
 * it sends.  The boards run every bus at the core clock
 * (boards/<board>/board.c), so the USART's bus clock is the board's
 * clock_hz.
 */
#include "port.h"

#include "uart_stm32.h"

void console_hw_init(uint32_t base, uint32_t clock_hz)
{
    uart_stm32_init(base, clock_hz, 115200);
}

bool console_hw_ready(uint32_t base)
{
    return uart_stm32_tx_ready(base);
}

uint32_t console_hw_write_ready(uint32_t base, const char *buf, uint32_t len)
{
    return uart_stm32_write_ready(base, buf, len);
}

void console_hw_send(uint32_t base, char c)
{
    uart_stm32_send(base, c);
}
