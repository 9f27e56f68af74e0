/*
 * jsonw.h - the two pieces of JSON writing perfetto.c needs: strings with
 * proper escaping, and cycles as exact decimal microseconds.
 */
#ifndef FENESTRA_TRACE_JSONW_H
#define FENESTRA_TRACE_JSONW_H

#include <stdint.h>
#include <stdio.h>

/* Writes s as a JSON string, quotes included: '"', '\\' and control
 * characters escaped; other bytes (UTF-8 from the config) as they are. */
void jsonw_string(FILE *f, const char *s);

/* Cycles to microseconds at a clock rate, printed with just enough
 * fraction digits that every cycle gets its own value: 25 MHz gives two
 * (1 cycle = 0.04 us), so cycle order is kept exactly. */
struct jsonw_clock {
    uint64_t hz;
    unsigned digits;    /* fraction digits */
    uint64_t scale;     /* 10^digits */
};

void jsonw_clock_init(struct jsonw_clock *c, uint64_t hz);
/* The time of `cycle` in units of 10^-digits us, exact (rounded down). */
unsigned __int128 jsonw_units(const struct jsonw_clock *c, uint64_t cycle);
/* Writes a value from jsonw_units (or a difference of two) as a decimal. */
void jsonw_us(FILE *f, const struct jsonw_clock *c, unsigned __int128 units);

#endif
