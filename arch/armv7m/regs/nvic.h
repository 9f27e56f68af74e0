/* regs/nvic.h - register map of the ARMv7-M Nested Vectored Interrupt
 * Controller's external lines (ARMv7-M ARM, B3.4), shared by the driver and
 * the simulator's model.  Line n's bit is bit n % 32 of word n / 32 of the
 * ISER/ICER/ISPR/ICPR/IABR arrays; its priority is byte n of the IPR array. */
#ifndef FENESTRA_REGS_NVIC_H
#define FENESTRA_REGS_NVIC_H

#define NVIC_ISER 0xE000E100u /* set-enable: reads enabled, 1 enables */
#define NVIC_ICER 0xE000E180u /* clear-enable: reads enabled, 1 disables */
#define NVIC_ISPR 0xE000E200u /* set-pending: reads pending, 1 pends */
#define NVIC_ICPR 0xE000E280u /* clear-pending: reads pending, 1 clears */
#define NVIC_IABR 0xE000E300u /* active bits, read-only */
#define NVIC_IPR 0xE000E400u  /* priority, one byte per line */

#define NVIC_BASE NVIC_ISER
#define NVIC_REGS_SIZE 0x400u   /* 0xE000E100 .. 0xE000E4FF */
#define NVIC_MAX_LINES 256u     /* eight words of each bit array */

/* Offset of the word holding line n in a bit array, and its bit. */
#define NVIC_WORD(n) (4u * ((n) / 32u))
#define NVIC_BIT(n) (1u << ((n) % 32u))

#endif
