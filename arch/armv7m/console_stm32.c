/*
 * console_stm32.c - kernel/arch.h's console on an STM32F4 USART (board.yaml
 * console of type stm32-usart), through uart_stm32.c.  The boards run
 * every bus at the core clock (boards/<board>/board.c), so the USART's
 * bus clock is the board's clock_hz.  A trace record in flight is
 * finished first (trace_out.c), so text and records never interleave.
 */
#include "port.h"

#include "uart_stm32.h"

void console_hw_init(uint32_t base, uint32_t clock_hz)
{
    uart_stm32_init(base, clock_hz, 115200);
}

void console_hw_putc(uint32_t base, char c)
{
    uart_stm32_write(base, &c, 1);
}

void arch_console_write(const char *buf, uint32_t len)
{
    trace_out_flush();
    uart_stm32_write(armv7m.console_base, buf, len);
}
