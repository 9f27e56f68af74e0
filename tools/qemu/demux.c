/* demux.c - console text and trace records apart (see demux.h). */
#include "demux.h"

enum { STX = 0x02, ETX = 0x03 };

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

static void start(struct demux *d)
{
    d->in_record = true;
    d->bad = false;
    d->digits = 0;
    d->kind = 0;
}

/* ETX: the digits in pairs become bytes. */
static bool finish(struct demux *d, struct demux_record *rec)
{
    d->in_record = false;
    if (d->bad || d->kind == 0 || d->digits % 2) {
        d->malformed++;
        return false;
    }
    rec->kind = d->kind;
    rec->len = d->digits / 2;
    for (size_t i = 0; i < rec->len; i++)
        rec->bytes[i] = (uint8_t)(hex_value(d->hex[2 * i]) << 4 | hex_value(d->hex[2 * i + 1]));
    return true;
}

static void record_byte(struct demux *d, uint8_t byte)
{
    if (d->kind == 0) {
        d->kind = (char)byte;
        return;
    }
    if (d->digits >= DEMUX_PAYLOAD_MAX || hex_value((char)byte) < 0) {
        d->bad = true;
        return;
    }
    d->hex[d->digits++] = (char)byte;
}

enum demux_out demux_feed(struct demux *d, uint8_t byte, char *text,
                          struct demux_record *rec)
{
    if (byte == STX) {
        if (d->in_record)
            d->malformed++;
        start(d);
        return DEMUX_NONE;
    }
    if (d->in_record) {
        if (byte == ETX)
            return finish(d, rec) ? DEMUX_RECORD : DEMUX_NONE;
        record_byte(d, byte);
        return DEMUX_NONE;
    }
    *text = (char)byte;
    return DEMUX_TEXT;
}

static uint64_t le(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = n; i-- > 0;)
        v = v << 8 | p[i];
    return v;
}

bool demux_event(const struct demux_record *rec, struct trace_event *e)
{
    if (rec->kind != 'T' || rec->len != 24)
        return false;
    const uint8_t *b = rec->bytes;
    *e = (struct trace_event){.cycle = le(b, 8), .type = b[8], .part = b[9],
                              .thread = b[10], .flags = b[11],
                              .a0 = (uint32_t)le(b + 12, 4),
                              .a1 = (uint32_t)le(b + 16, 4),
                              .a2 = (uint32_t)le(b + 20, 4)};
    return true;
}

bool demux_end(const struct demux_record *rec, uint64_t *cycle, unsigned *reason)
{
    if (rec->kind != 'E' || rec->len != 9)
        return false;
    *cycle = le(rec->bytes, 8);
    *reason = rec->bytes[8];
    return true;
}
