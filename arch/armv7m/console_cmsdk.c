/*
 * console_cmsdk.c - kernel/arch.h's console on a CMSDK APB UART (the MPS2
 * boards), through the shared driver.  A trace record in flight is
 * finished first (trace_out.c), so text and records never interleave.
 */
#include "port.h"

#include "uart_cmsdk.h"

void console_hw_init(uint32_t base, uint32_t clock_hz)
{
    uart_cmsdk_init(base, clock_hz, 115200);
}

void console_hw_putc(uint32_t base, char c)
{
    uart_cmsdk_write(base, &c, 1);
}

void arch_console_write(const char *buf, uint32_t len)
{
    trace_out_flush();
    uart_cmsdk_write(armv7m.console_base, buf, len);
}
