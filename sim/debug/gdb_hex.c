/* gdb_hex.c - hex digits and the bounded packet scanner (see gdb_hex.h). */
#include "gdb_hex.h"

#include <string.h>

int gdb_hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void gdb_hex_encode(char *out, const void *in, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    const unsigned char *b = in;

    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 0xf];
    }
}

struct gdb_scan gdb_scan_of(const char *data, size_t len)
{
    return (struct gdb_scan){.p = data, .end = data + len};
}

size_t gdb_scan_left(const struct gdb_scan *sc)
{
    return (size_t)(sc->end - sc->p);
}

bool gdb_scan_at_end(const struct gdb_scan *sc)
{
    return sc->p == sc->end;
}

bool gdb_scan_char(struct gdb_scan *sc, char c)
{
    if (sc->p == sc->end || *sc->p != c)
        return false;
    sc->p++;
    return true;
}

bool gdb_scan_lit(struct gdb_scan *sc, const char *lit)
{
    size_t n = strlen(lit);

    if (gdb_scan_left(sc) < n || memcmp(sc->p, lit, n) != 0)
        return false;
    sc->p += n;
    return true;
}

/* Digits are consumed only when the whole number is acceptable, so a
 * caller may try another reading after a refusal. */
bool gdb_scan_hex(struct gdb_scan *sc, uint64_t max, uint64_t *value)
{
    const char *q = sc->p;
    uint64_t v = 0;
    int d;

    if (q == sc->end || gdb_hex_digit(*q) < 0)
        return false;
    for (; q < sc->end && (d = gdb_hex_digit(*q)) >= 0; q++) {
        if ((uint64_t)d > max || v > (max - (uint64_t)d) / 16)
            return false; /* v * 16 + d would pass max */
        v = v * 16 + (uint64_t)d;
    }
    sc->p = q;
    *value = v;
    return true;
}

bool gdb_scan_bytes(struct gdb_scan *sc, void *out, size_t n)
{
    unsigned char *b = out;

    if (gdb_scan_left(sc) / 2 < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        int hi = gdb_hex_digit(sc->p[2 * i]), lo = gdb_hex_digit(sc->p[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        b[i] = (unsigned char)(hi << 4 | lo);
    }
    sc->p += 2 * n;
    return true;
}

bool gdb_scan_word_le(struct gdb_scan *sc, uint32_t *value)
{
    unsigned char b[4];

    if (!gdb_scan_bytes(sc, b, sizeof b))
        return false;
    *value = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return true;
}
