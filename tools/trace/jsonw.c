/* jsonw.c - JSON strings and microsecond timestamps (jsonw.h). */
#include "jsonw.h"

void jsonw_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
            break;
        }
    }
    fputc('"', f);
}

void jsonw_clock_init(struct jsonw_clock *c, uint64_t hz)
{
    c->hz = hz;
    c->digits = 0;
    c->scale = 1;
    /* One cycle must be at least one unit of the last digit printed:
     * 10^(6 + digits) >= hz. */
    unsigned __int128 per_second = 1000000;
    while (per_second < hz) {
        per_second *= 10;
        c->scale *= 10;
        c->digits++;
    }
}

unsigned __int128 jsonw_units(const struct jsonw_clock *c, uint64_t cycle)
{
    /* Whole seconds and the rest apart, so the product cannot overflow
     * for any run a 64-bit cycle counter can hold. */
    unsigned __int128 per_second = (unsigned __int128)1000000 * c->scale;
    uint64_t secs = cycle / c->hz, rest = cycle % c->hz;
    return (unsigned __int128)secs * per_second + (unsigned __int128)rest * per_second / c->hz;
}

/* Decimal digits of v, which may exceed 64 bits. */
static void put_u128(FILE *f, unsigned __int128 v)
{
    char buf[48];
    int i = sizeof buf;
    buf[--i] = '\0';
    do {
        buf[--i] = (char)('0' + (unsigned)(v % 10));
        v /= 10;
    } while (v);
    fputs(&buf[i], f);
}

void jsonw_us(FILE *f, const struct jsonw_clock *c, unsigned __int128 units)
{
    put_u128(f, units / c->scale);
    if (c->digits)
        fprintf(f, ".%0*llu", (int)c->digits, (unsigned long long)(units % c->scale));
}
