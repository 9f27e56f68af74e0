/*
 * console_cmsdk.c - the console UART of the MPS2 boards (a CMSDK APB
 * UART), through the shared driver; console_out.c decides what it sends.
 */
#include "port.h"

#include "uart_cmsdk.h"

void console_hw_init(uint32_t base, uint32_t clock_hz)
{
    uart_cmsdk_init(base, clock_hz, 115200);
}

bool console_hw_ready(uint32_t base)
{
    return uart_cmsdk_tx_ready(base);
}

uint32_t console_hw_write_ready(uint32_t base, const char *buf, uint32_t len)
{
    return uart_cmsdk_write_ready(base, buf, len);
}

void console_hw_send(uint32_t base, char c)
{
    uart_cmsdk_send(base, c);
}
