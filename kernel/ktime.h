/*
 * ktime.h - time arithmetic in cycles of the board clock.  Pure functions,
 * shared by the kernel, the simulator and the config compiler.  All of them
 * are exact and cannot overflow for any uint64_t input.
 */
#ifndef FENESTRA_KTIME_H
#define FENESTRA_KTIME_H

#include <stdint.h>

#define KTIME_NEVER UINT64_MAX

/* a + b, saturating at KTIME_NEVER (a deadline that never comes). */
static inline uint64_t ktime_add_sat(uint64_t a, uint64_t b)
{
    return a > KTIME_NEVER - b ? KTIME_NEVER : a + b;
}

/* n / d and, in *rem, n % d (d > 0), without the C library's 64-bit
 * division (700 bytes on a Cortex-M).  ktime.c. */
uint64_t ktime_udiv(uint64_t n, uint32_t d, uint32_t *rem);

/* Splits cycles into whole seconds and the remaining nanoseconds, rounding
 * down.  ktime.c. */
void ktime_to_sec_ns(uint64_t cycles, uint32_t hz, uint64_t *sec, uint32_t *ns);

#endif
