/*
 * units.c - parsing of integers, sizes and times; exact time conversion.
 */
#include "units.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

struct unit {
    const char *name;
    uint64_t factor; /* bytes per unit, or units per second for times */
};

static const struct unit size_units[] = {
    { "B", 1 }, { "KiB", 1024 }, { "MiB", 1024 * 1024 },
};

static const struct unit time_units[] = {
    [FCC_TIME_NS] = { "ns", 1000000000 },
    [FCC_TIME_US] = { "us", 1000000 },
    [FCC_TIME_MS] = { "ms", 1000 },
    [FCC_TIME_S] = { "s", 1 },
    [FCC_TIME_CYCLES] = { "cycles", 0 },
};

#define NUM_TIME_UNITS (sizeof(time_units) / sizeof(time_units[0]))

/* ------------------------------------------------------------------------
 * Numbers
 * --------------------------------------------------------------------- */

static int digit_value(char c, unsigned base)
{
    int v = -1;
    if (c >= '0' && c <= '9')
        v = c - '0';
    else if (c >= 'a' && c <= 'f')
        v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
        v = c - 'A' + 10;
    return v >= 0 && (unsigned)v < base ? v : -1;
}

/* Reads the run of digits at *s in `base`, advancing *s.  At least one
 * digit is needed; overflow of 64 bits is reported, not wrapped. */
static enum fcc_units_rc scan_digits(const char **s, unsigned base,
                                     uint64_t *out)
{
    const char *p = *s;
    uint64_t v = 0;
    int d;
    while ((d = digit_value(*p, base)) >= 0) {
        if (v > (UINT64_MAX - (uint64_t)d) / base)
            return FCC_UNITS_OVERFLOW;
        v = v * base + (uint64_t)d;
        p++;
    }
    if (p == *s)
        return FCC_UNITS_SYNTAX;
    *s = p;
    *out = v;
    return FCC_UNITS_OK;
}

static int has_hex_prefix(const char *s)
{
    return s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

/* A decimal or 0x-prefixed hex number at *s, advancing *s. */
static enum fcc_units_rc scan_number(const char **s, uint64_t *out)
{
    if (has_hex_prefix(*s)) {
        const char *p = *s + 2;
        enum fcc_units_rc rc = scan_digits(&p, 16, out);
        if (rc == FCC_UNITS_OK)
            *s = p;
        return rc;
    }
    return scan_digits(s, 10, out);
}

enum fcc_units_rc fcc_parse_uint(const char *s, uint64_t *out)
{
    uint64_t v;
    enum fcc_units_rc rc = scan_number(&s, &v);
    if (rc != FCC_UNITS_OK)
        return rc;
    if (*s != '\0')
        return FCC_UNITS_SYNTAX;
    *out = v;
    return FCC_UNITS_OK;
}

enum fcc_units_rc fcc_parse_int(const char *s, int64_t *out)
{
    int neg = (*s == '-');
    uint64_t v;
    enum fcc_units_rc rc = fcc_parse_uint(s + neg, &v);
    if (rc != FCC_UNITS_OK)
        return rc;
    if (v > (uint64_t)INT64_MAX + (uint64_t)neg)
        return FCC_UNITS_OVERFLOW;
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return FCC_UNITS_OK;
}

/* ------------------------------------------------------------------------
 * Units after a number
 * --------------------------------------------------------------------- */

static const char *skip_spaces(const char *s)
{
    while (*s == ' ')
        s++;
    return s;
}

static const struct unit *find_unit(const struct unit *units, size_t n,
                                    const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(units[i].name, name) == 0)
            return &units[i];
    return NULL;
}

/* Hex sizes take no unit: "0x100B" would be ambiguous. */
enum fcc_units_rc fcc_parse_size(const char *s, uint64_t *out)
{
    if (has_hex_prefix(s))
        return fcc_parse_uint(s, out);
    uint64_t v;
    enum fcc_units_rc rc = scan_digits(&s, 10, &v);
    if (rc != FCC_UNITS_OK)
        return rc;
    s = skip_spaces(s);
    if (*s == '\0') {
        *out = v;
        return FCC_UNITS_OK;
    }
    const struct unit *u = find_unit(size_units, 3, s);
    if (!u)
        return FCC_UNITS_BAD_UNIT;
    if (v > UINT64_MAX / u->factor)
        return FCC_UNITS_OVERFLOW;
    *out = v * u->factor;
    return FCC_UNITS_OK;
}

/* Times are decimal only: a hex digit run would swallow the 'c' of
 * "cycles". */
enum fcc_units_rc fcc_parse_time(const char *s, struct fcc_time *out)
{
    uint64_t v;
    enum fcc_units_rc rc = scan_digits(&s, 10, &v);
    if (rc != FCC_UNITS_OK)
        return rc;
    s = skip_spaces(s);
    if (*s == '\0')
        return FCC_UNITS_NO_UNIT;
    const struct unit *u = find_unit(time_units, NUM_TIME_UNITS, s);
    if (!u)
        return FCC_UNITS_BAD_UNIT;
    out->value = v;
    out->unit = (enum fcc_time_unit)(u - time_units);
    return FCC_UNITS_OK;
}

/* ------------------------------------------------------------------------
 * Exact conversion
 *
 * cycles = value * hz / per_second.  With g = gcd(hz, per_second) the
 * fraction reduces to value * (hz/g) / (per_second/g), whose denominator
 * is coprime to hz/g: the result is whole exactly when per_second/g
 * divides value, and then no intermediate product can overflow except the
 * final one, which is checked.
 * --------------------------------------------------------------------- */

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* value * num / den, exactly, with num/den already reduced. */
static enum fcc_units_rc scale_exact(uint64_t value, uint64_t num,
                                     uint64_t den, uint64_t *out)
{
    if (value % den != 0)
        return FCC_UNITS_INEXACT;
    uint64_t q = value / den;
    if (num != 0 && q > UINT64_MAX / num)
        return FCC_UNITS_OVERFLOW;
    *out = q * num;
    return FCC_UNITS_OK;
}

static int valid_unit(enum fcc_time_unit u)
{
    return (unsigned)u < NUM_TIME_UNITS;
}

enum fcc_units_rc fcc_time_to_cycles(struct fcc_time t, uint64_t hz,
                                     uint64_t *cycles)
{
    if (!valid_unit(t.unit) || hz == 0)
        return FCC_UNITS_SYNTAX;
    if (t.unit == FCC_TIME_CYCLES) {
        *cycles = t.value;
        return FCC_UNITS_OK;
    }
    uint64_t per_s = time_units[t.unit].factor;
    uint64_t g = gcd(hz, per_s);
    return scale_exact(t.value, hz / g, per_s / g, cycles);
}

uint64_t fcc_time_granule(enum fcc_time_unit unit, uint64_t hz)
{
    if (!valid_unit(unit) || unit == FCC_TIME_CYCLES || hz == 0)
        return 1;
    uint64_t per_s = time_units[unit].factor;
    return per_s / gcd(hz, per_s);
}

enum fcc_units_rc fcc_cycles_to_unit(uint64_t cycles, uint64_t hz,
                                     enum fcc_time_unit unit, uint64_t *value)
{
    if (!valid_unit(unit) || hz == 0)
        return FCC_UNITS_SYNTAX;
    if (unit == FCC_TIME_CYCLES) {
        *value = cycles;
        return FCC_UNITS_OK;
    }
    uint64_t per_s = time_units[unit].factor;
    uint64_t g = gcd(hz, per_s);
    return scale_exact(cycles, per_s / g, hz / g, value);
}

enum fcc_time_unit fcc_common_unit(const uint64_t *cycles, size_t n,
                                   uint64_t hz)
{
    static const enum fcc_time_unit order[] = {
        FCC_TIME_S, FCC_TIME_MS, FCC_TIME_US, FCC_TIME_NS,
    };
    for (size_t u = 0; u < 4; u++) {
        size_t i = 0;
        uint64_t v;
        while (i < n && fcc_cycles_to_unit(cycles[i], hz, order[u], &v) ==
                            FCC_UNITS_OK)
            i++;
        if (i == n)
            return order[u];
    }
    return FCC_TIME_CYCLES;
}

void fcc_format_time(uint64_t cycles, enum fcc_time_unit unit, uint64_t hz,
                     char *buf, size_t size)
{
    uint64_t v;
    if (fcc_cycles_to_unit(cycles, hz, unit, &v) != FCC_UNITS_OK) {
        v = cycles;
        unit = FCC_TIME_CYCLES;
    }
    snprintf(buf, size, "%" PRIu64 "%s", v, time_units[unit].name);
}

void fcc_format_size(uint64_t bytes, char *buf, size_t size)
{
    const struct unit *u = &size_units[0];
    for (size_t i = 1; i < 3; i++)
        if (bytes != 0 && bytes % size_units[i].factor == 0)
            u = &size_units[i];
    snprintf(buf, size, "%" PRIu64 "%s", bytes / u->factor, u->name);
}

const char *fcc_time_unit_name(enum fcc_time_unit unit)
{
    return valid_unit(unit) ? time_units[unit].name : "?";
}
