/* regs/stm32_rcc.h - the STM32F4 reset and clock control registers the
 * boards' set-up uses (RM0090 and RM0368, "RCC registers"; the same
 * offsets and bits on the F401, F405 and F407). */
#ifndef FENESTRA_REGS_STM32_RCC_H
#define FENESTRA_REGS_STM32_RCC_H

#define RCC_BASE 0x40023800u

enum {
    RCC_CR = RCC_BASE + 0x00,
    RCC_CFGR = RCC_BASE + 0x08,
    RCC_AHB1ENR = RCC_BASE + 0x30,
    RCC_APB1ENR = RCC_BASE + 0x40,
    RCC_APB2ENR = RCC_BASE + 0x44,
};
enum {
    RCC_CR_HSION = 1u << 0,
};
/* CFGR: SW (bits 1:0) selects SYSCLK, SWS (3:2) reports it; 0 is HSI in
 * both.  HPRE (7:4), PPRE1 (12:10), PPRE2 (15:13): AHB, APB1, APB2
 * prescalers, 0 is divide by 1. */
enum {
    RCC_CFGR_SWS_MASK = 3u << 2,
    RCC_CFGR_SWS_HSI = 0u << 2,
};
enum {
    RCC_AHB1ENR_GPIOAEN = 1u << 0,
    RCC_APB1ENR_USART2EN = 1u << 17,
    RCC_APB2ENR_USART1EN = 1u << 4,
};

/* The internal RC oscillator every STM32F4 starts on. */
#define STM32_HSI_HZ 16000000u

#endif
