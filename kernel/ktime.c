/* ktime.c - time arithmetic that needs more than an inline (ktime.h). */
#include "ktime.h"

/* A dividend below 2^32 takes the CPU's divide; a larger one is divided
 * one quotient bit at a time, the divisor shifted up under the dividend's
 * top bit (at most 64 steps; the console's timestamps take about 30). */
uint64_t ktime_udiv(uint64_t n, uint32_t d, uint32_t *rem)
{
    if (n >> 32 == 0) {
        *rem = (uint32_t)n % d;
        return (uint32_t)n / d;
    }
    int shift = __builtin_clzll(d) - __builtin_clzll(n); /* > 0: n > d */
    uint64_t q = 0, dd = (uint64_t)d << shift;
    for (; shift >= 0; shift--, dd >>= 1) {
        q <<= 1;
        if (n >= dd) {
            n -= dd;
            q |= 1;
        }
    }
    *rem = (uint32_t)n;
    return q;
}

/* Dividing first keeps every intermediate below 2^64. */
void ktime_to_sec_ns(uint64_t cycles, uint32_t hz, uint64_t *sec, uint32_t *ns)
{
    uint32_t rem;
    *sec = ktime_udiv(cycles, hz, &rem);
    *ns = (uint32_t)ktime_udiv((uint64_t)rem * 1000000000u, hz, &rem);
}
