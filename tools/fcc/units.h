/*
 * units.h - numbers, sizes and times as written in config files, and the
 * exact conversion of times to cycles of the board clock.
 *
 * Pure functions (no I/O, no allocation) so they can be tested alone.
 *   integer: decimal ("42", "-1") or hex ("0x2A"); fits in 64 bits.
 *   size:    decimal with an optional unit B, KiB or MiB ("64KiB", "512",
 *            "2 MiB"), or hex bytes without a unit ("0x10000").
 *   time:    decimal with a unit ns, us, ms, s or cycles ("10ms",
 *            "125000cycles"); a bare number is an error.
 */
#ifndef FCC_UNITS_H
#define FCC_UNITS_H

#include <stddef.h>
#include <stdint.h>

enum fcc_units_rc {
    FCC_UNITS_OK = 0,
    FCC_UNITS_SYNTAX,   /* not a number of the expected form */
    FCC_UNITS_NO_UNIT,  /* a time without a unit */
    FCC_UNITS_BAD_UNIT, /* a unit that is not allowed here */
    FCC_UNITS_OVERFLOW, /* does not fit in 64 bits */
    FCC_UNITS_INEXACT,  /* not a whole number of cycles */
};

enum fcc_time_unit {
    FCC_TIME_NS,
    FCC_TIME_US,
    FCC_TIME_MS,
    FCC_TIME_S,
    FCC_TIME_CYCLES,
};

struct fcc_time {
    uint64_t value;
    enum fcc_time_unit unit;
};

enum fcc_units_rc fcc_parse_uint(const char *s, uint64_t *out);
enum fcc_units_rc fcc_parse_int(const char *s, int64_t *out);
enum fcc_units_rc fcc_parse_size(const char *s, uint64_t *out);
enum fcc_units_rc fcc_parse_time(const char *s, struct fcc_time *out);

/* t in cycles of a hz clock (hz > 0): OK, INEXACT or OVERFLOW. */
enum fcc_units_rc fcc_time_to_cycles(struct fcc_time t, uint64_t hz,
                                     uint64_t *cycles);

/* The smallest count of `unit` that is a whole number of cycles at hz. */
uint64_t fcc_time_granule(enum fcc_time_unit unit, uint64_t hz);

/* cycles expressed in `unit` at hz: OK, INEXACT or OVERFLOW. */
enum fcc_units_rc fcc_cycles_to_unit(uint64_t cycles, uint64_t hz,
                                     enum fcc_time_unit unit, uint64_t *value);

/* The largest of s, ms, us, ns in which all n cycle counts are whole;
 * FCC_TIME_CYCLES when there is none. */
enum fcc_time_unit fcc_common_unit(const uint64_t *cycles, size_t n,
                                   uint64_t hz);

/* "5ms" (cycles in `unit`), or "125000cycles" when not whole in `unit`. */
void fcc_format_time(uint64_t cycles, enum fcc_time_unit unit, uint64_t hz,
                     char *buf, size_t size);

/* "64KiB", "4MiB" or "100B": the largest unit that divides bytes. */
void fcc_format_size(uint64_t bytes, char *buf, size_t size);

const char *fcc_time_unit_name(enum fcc_time_unit unit);

#endif
