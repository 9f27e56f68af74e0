/*
 * stm32f4.h - the clock and pin set-up the STM32F4 boards share
 * (boards/<board>/board.c): the core on its internal 16 MHz oscillator,
 * peripheral clocks on, a pin given to a peripheral.
 *
 * Why HSI and no PLL: the kernel needs a known, steady clock rather than
 * a fast one; 16 MHz needs no flash wait states and no waiting for a PLL
 * to lock.  That also keeps the set-up harmless on QEMU, whose STM32
 * RCC and GPIO are unimplemented (writes ignored, reads 0): nothing here
 * waits for a bit that only real hardware would set.
 */
#ifndef FENESTRA_STM32F4_H
#define FENESTRA_STM32F4_H

#include <stdint.h>

#include <mmio.h>

#include "regs/stm32_gpio.h"
#include "regs/stm32_rcc.h"

/* SYSCLK from HSI, AHB, APB1 and APB2 undivided: every bus at 16 MHz
 * (the reset state, restored in case a boot loader left a PLL on). */
static inline void stm32f4_clock_hsi(void)
{
    mmio_write32(RCC_CR, mmio_read32(RCC_CR) | RCC_CR_HSION);
    mmio_write32(RCC_CFGR, 0);
    while ((mmio_read32(RCC_CFGR) & RCC_CFGR_SWS_MASK) != RCC_CFGR_SWS_HSI)
        ;
}

/* Sets `bit` of the RCC enable register `reg`; the read back gives the
 * two bus cycles the reference manual asks for before the peripheral's
 * registers are touched. */
static inline void stm32f4_clock_enable(uint32_t reg, uint32_t bit)
{
    mmio_write32(reg, mmio_read32(reg) | bit);
    (void)mmio_read32(reg);
}

static inline void stm32f4_field(uint32_t reg, unsigned shift, unsigned width,
                                 uint32_t value)
{
    uint32_t mask = ((1u << width) - 1u) << shift;
    mmio_write32(reg, (mmio_read32(reg) & ~mask) | (value << shift));
}

/* Gives pin `pin` of the GPIO port at `port` to alternate function af,
 * pulled up (an idle UART line is high). */
static inline void stm32f4_pin_af(uint32_t port, unsigned pin, uint32_t af)
{
    uint32_t afr = port + (pin < 8 ? GPIO_AFRL : GPIO_AFRH);
    stm32f4_field(afr, (pin % 8) * 4, 4, af);
    stm32f4_field(port + GPIO_OSPEEDR, pin * 2, 2, GPIO_SPEED_MEDIUM);
    stm32f4_field(port + GPIO_PUPDR, pin * 2, 2, GPIO_PULL_UP);
    stm32f4_field(port + GPIO_MODER, pin * 2, 2, GPIO_MODE_AF);
}

/* The whole set-up of a board whose console is a USART on two GPIOA pins
 * (AF7): clocks from HSI, GPIOA's and the USART's clock (`bit` of RCC
 * enable register `enr`) on, TX and RX given to the USART. */
static inline void stm32f4_console_on_gpioa(uint32_t enr, uint32_t bit,
                                            unsigned tx, unsigned rx)
{
    stm32f4_clock_hsi();
    stm32f4_clock_enable(RCC_AHB1ENR, RCC_AHB1ENR_GPIOAEN);
    stm32f4_clock_enable(enr, bit);
    stm32f4_pin_af(GPIOA_BASE, tx, GPIO_AF7_USART);
    stm32f4_pin_af(GPIOA_BASE, rx, GPIO_AF7_USART);
}

#endif
