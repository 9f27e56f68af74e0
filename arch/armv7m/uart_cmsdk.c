/* uart_cmsdk.c - CMSDK APB UART driver (see uart_cmsdk.h). */
#include "uart_cmsdk.h"

#include <mmio.h> /* the port's accessors: volatile, or the simulator's bus */

void uart_cmsdk_init(uint32_t base, uint32_t clock_hz, uint32_t baud)
{
    /* The divider must be at least 16; the model accepts any value. */
    uint32_t div = clock_hz / baud;
    mmio_write32(base + UART_BAUDDIV, div < 16 ? 16 : div);
    mmio_write32(base + UART_CTRL, UART_CTRL_TX_EN);
}

bool uart_cmsdk_tx_ready(uint32_t base)
{
    return !(mmio_read32(base + UART_STATE) & UART_STATE_TX_FULL);
}

void uart_cmsdk_send(uint32_t base, char c)
{
    mmio_write32(base + UART_DATA, (uint8_t)c);
}

uint32_t uart_cmsdk_write_ready(uint32_t base, const char *buf, uint32_t len)
{
    uint32_t n = 0;
    while (n < len && uart_cmsdk_tx_ready(base))
        uart_cmsdk_send(base, buf[n++]);
    return n;
}

void uart_cmsdk_write(uint32_t base, const char *buf, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++) {
        while (!uart_cmsdk_tx_ready(base))
            ;
        uart_cmsdk_send(base, buf[i]);
    }
}
