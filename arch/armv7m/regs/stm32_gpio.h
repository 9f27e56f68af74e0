/* regs/stm32_gpio.h - STM32F4 GPIO port registers (RM0090 and RM0368,
 * "GPIO registers"), the part the pin set-up uses. */
#ifndef FENESTRA_REGS_STM32_GPIO_H
#define FENESTRA_REGS_STM32_GPIO_H

#define GPIOA_BASE 0x40020000u

enum {
    GPIO_MODER = 0x00,   /* 2 bits per pin: 0 input, 1 output, 2 AF, 3 analog */
    GPIO_OSPEEDR = 0x08, /* 2 bits per pin */
    GPIO_PUPDR = 0x0c,   /* 2 bits per pin: 0 none, 1 pull-up, 2 pull-down */
    GPIO_AFRL = 0x20,    /* 4 bits per pin, pins 0-7 */
    GPIO_AFRH = 0x24,    /* pins 8-15 */
};
enum {
    GPIO_MODE_AF = 2u,
    GPIO_SPEED_MEDIUM = 1u,
    GPIO_PULL_UP = 1u,
};

/* The alternate function of the USART1, USART2 and USART3 pins. */
#define GPIO_AF7_USART 7u

#endif
