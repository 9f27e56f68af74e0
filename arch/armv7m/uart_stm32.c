/* uart_stm32.c - STM32F4 USART driver (see uart_stm32.h). */
#include "uart_stm32.h"

#include <mmio.h>

uint32_t uart_stm32_brr(uint32_t bus_hz, uint32_t baud)
{
    /* BRR holds USARTDIV * 16 = bus_hz / baud: mantissa in bits 15:4,
     * fraction in 3:0. */
    uint32_t brr = (bus_hz + baud / 2) / baud;
    return brr > USART_BRR_MASK ? USART_BRR_MASK : brr;
}

void uart_stm32_init(uint32_t base, uint32_t bus_hz, uint32_t baud)
{
    mmio_write32(base + USART_CR1, 0); /* disabled while it is set up */
    mmio_write32(base + USART_CR2, 0);
    mmio_write32(base + USART_CR3, 0);
    mmio_write32(base + USART_BRR, uart_stm32_brr(bus_hz, baud));
    mmio_write32(base + USART_CR1, USART_CR1_UE | USART_CR1_TE | USART_CR1_RE);
}

bool uart_stm32_tx_ready(uint32_t base)
{
    return (mmio_read32(base + USART_SR) & USART_SR_TXE) != 0;
}

void uart_stm32_send(uint32_t base, char c)
{
    mmio_write32(base + USART_DR, (uint8_t)c);
}

uint32_t uart_stm32_write_ready(uint32_t base, const char *buf, uint32_t len)
{
    uint32_t n = 0;
    while (n < len && uart_stm32_tx_ready(base))
        uart_stm32_send(base, buf[n++]);
    return n;
}

void uart_stm32_write(uint32_t base, const char *buf, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++) {
        while (!uart_stm32_tx_ready(base))
            ;
        uart_stm32_send(base, buf[i]);
    }
}
