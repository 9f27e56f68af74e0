/* regs/stm32_usart.h - register map of the STM32F4 USART (RM0090 and
 * RM0368, "USART registers": the same layout on the F401, F405 and F407),
 * the part the console driver uses. */
#ifndef FENESTRA_REGS_STM32_USART_H
#define FENESTRA_REGS_STM32_USART_H

enum {
    USART_SR = 0x00,   /* status */
    USART_DR = 0x04,   /* data: write to send, read the received byte */
    USART_BRR = 0x08,  /* baud rate: USARTDIV in 1/16ths (OVER8 = 0) */
    USART_CR1 = 0x0c,
    USART_CR2 = 0x10,  /* stop bits: 0 at reset, one stop bit */
    USART_CR3 = 0x14,
};
enum {
    USART_SR_RXNE = 1u << 5, /* a received byte waits in DR */
    USART_SR_TC = 1u << 6,   /* transmission complete */
    USART_SR_TXE = 1u << 7,  /* DR is empty: the next byte may be written */
};
enum {
    USART_CR1_RE = 1u << 2,
    USART_CR1_TE = 1u << 3,
    USART_CR1_M = 1u << 12,  /* 0: 8 data bits */
    USART_CR1_UE = 1u << 13, /* USART enable */
    USART_CR1_OVER8 = 1u << 15,
};
#define USART_BRR_MASK 0xffffu

#endif
