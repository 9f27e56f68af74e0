/*
 * startup.c - the reset handler: gives the kernel's initialised data its
 * values (copied from the image, which may be in flash), zeroes its bss,
 * then boots (boot.c).  Partitions' memory is not touched here: each
 * partition's crt0 initialises its own data on its cold start.
 */
#include <stdint.h>

/* From firmware.ld. */
extern uint32_t __kernel_data_start[], __kernel_data_end[], __kernel_data_load[];
extern uint32_t __kernel_bss_start[], __kernel_bss_end[];

void armv7m_reset(void);
__attribute__((noreturn)) void armv7m_boot(void);

/* Word loops written out: the compiler must not turn them into calls to
 * memcpy/memset, which could themselves use data not yet initialised. */
__attribute__((noreturn, used)) void armv7m_reset(void)
{
    __asm__ volatile("cpsid i");
    volatile uint32_t *dst = __kernel_data_start;
    const volatile uint32_t *src = __kernel_data_load;
    while (dst < __kernel_data_end)
        *dst++ = *src++;
    for (dst = __kernel_bss_start; dst < __kernel_bss_end;)
        *dst++ = 0;
    armv7m_boot();
}
