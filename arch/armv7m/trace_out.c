/*
 * trace_out.c - the kernel's event ring, drained to the console UART
 * (docs/boards.md, "The trace on the console").
 *
 * Each event goes out as one record: STX (0x02), 'T', the 24 bytes of
 * struct trace_event in the encoding of docs/formats.md (little-endian) as
 * 48 lowercase hex digits, ETX (0x03).  A gap (the ring was full) is the
 * same `lost` event the simulator's reader makes (type 12).  The run's
 * end is STX 'E', the end cycle (the run's, read before the ring's last
 * events are sent; 16 hex digits, 8 bytes little-endian),
 * the reason (2 digits), ETX.  Console text never contains STX or ETX, so
 * the host tool (tools/fwlog) splits the stream without ambiguity.
 *
 * Records are sent by the idle thread one byte at a time, and only when
 * the UART takes the byte at once (console_out.c), so draining never
 * delays a kernel entry; a record goes out whole before any text.  Events
 * that find the ring full while no thread idles are lost and counted.
 */
#include "port.h"

#include "kernel.h"
#include "trace.h"

enum { STX = 0x02, ETX = 0x03 };

static const char hex_digits[] = "0123456789abcdef";

static void put_bytes(struct armv7m_record *r, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++, v >>= 8) {
        r->buf[r->len++] = hex_digits[(v >> 4) & 0xf];
        r->buf[r->len++] = hex_digits[v & 0xf];
    }
}

static void begin(struct armv7m_record *r, char kind)
{
    r->len = 0;
    r->sent = 0;
    r->buf[r->len++] = STX;
    r->buf[r->len++] = kind;
}

static void end(struct armv7m_record *r)
{
    r->buf[r->len++] = ETX;
}

static void encode_event(struct armv7m_record *r, const struct trace_event *e)
{
    begin(r, 'T');
    put_bytes(r, e->cycle, 8);
    put_bytes(r, e->type, 1);
    put_bytes(r, e->part, 1);
    put_bytes(r, e->thread, 1);
    put_bytes(r, e->flags, 1);
    put_bytes(r, e->a0, 4);
    put_bytes(r, e->a1, 4);
    put_bytes(r, e->a2, 4);
    end(r);
}

/* The oldest event, else the gap that follows the drained ring. */
static bool take(struct trace_event *e)
{
    if (trace_take(e))
        return true;
    uint64_t since;
    uint32_t lost = trace_take_lost(&since);
    if (lost == 0)
        return false;
    armv7m.events_lost += lost;
    *e = (struct trace_event){.cycle = since, .type = TR_LOST, .part = TRACE_NONE,
                              .thread = TRACE_NONE, .a0 = lost};
    return true;
}

bool trace_out_next(void)
{
    struct armv7m_record *r = &armv7m.record;
    if (r->sent < r->len)
        return true;
    struct trace_event e;
    if (!take(&e))
        return false;
    encode_event(r, &e);
    return true;
}

bool trace_out_byte(void)
{
    struct armv7m_record *r = &armv7m.record;
    if (r->sent >= r->len)
        return false;
    console_hw_putc(armv7m.console_base, r->buf[r->sent++]);
    return true;
}

void trace_out_flush(void)
{
    while (trace_out_byte())
        ;
}

void trace_out_end(uint64_t end_cycle, uint8_t reason)
{
    struct armv7m_record *r = &armv7m.record;
    begin(r, 'E');
    put_bytes(r, end_cycle, 8);
    put_bytes(r, reason, 1);
    end(r);
    trace_out_flush();
}
