/*
 * board.c - the nucleo-f401re's set-up before the console (arch/armv7m
 * port.h, board_init): the core and buses on the 16 MHz HSI, and USART2
 * on PA2 (TX) and PA3 (RX), to the ST-LINK/V2-1's virtual COM port.
 */
#include "port.h"

#include "stm32f4.h"

void board_init(void)
{
    stm32f4_console_on_gpioa(RCC_APB1ENR, RCC_APB1ENR_USART2EN, 2, 3);
}
