/*
 * board.c - the Netduino Plus 2's set-up before the console (arch/armv7m
 * port.h, board_init): the core and buses on the 16 MHz HSI, and USART1,
 * QEMU's first serial port, on PA9 (TX) and PA10 (RX).  On QEMU the RCC
 * and GPIO writes go nowhere, harmlessly.
 */
#include "port.h"

#include "stm32f4.h"

void board_init(void)
{
    stm32f4_console_on_gpioa(RCC_APB2ENR, RCC_APB2ENR_USART1EN, 9, 10);
}
