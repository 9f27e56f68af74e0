/*
 * trace_out.c - records on the console UART (docs/boards.md, "The trace
 * on the console"): the one in flight, and the end-of-run record.
 *
 * A record is STX (0x02), a kind letter, hex digits, ETX (0x03).  Each
 * event of the kernel's ring is a 'T' record (trace_out_events.c, only in
 * a firmware built with the trace: FENESTRA_TRACE).  The run's
 * end is STX 'E', the end cycle (the run's, read before the ring's last
 * events are sent; 16 hex digits, 8 bytes little-endian),
 * the reason (2 digits), ETX.  Console text never contains STX or ETX, so
 * the host tool (tools/fwlog) splits the stream without ambiguity.
 *
 * Records are sent by the idle thread one byte at a time, and only when
 * the UART takes the byte at once (console_out.c), so draining never
 * delays a kernel entry; a record goes out whole before any text.
 */
#include "port.h"
#include "compiler.h"

enum { STX = 0x02, ETX = 0x03 };

static const char hex_digits[] = "0123456789abcdef";

void trace_out_put(uint64_t v, unsigned n)
{
    struct armv7m_record *r = &armv7m.record;
    for (unsigned i = 0; i < n; i++, v >>= 8) {
        r->buf[r->len++] = hex_digits[(v >> 4) & 0xf];
        r->buf[r->len++] = hex_digits[v & 0xf];
    }
}

void trace_out_begin(char kind)
{
    struct armv7m_record *r = &armv7m.record;
    r->len = 0;
    r->sent = 0;
    r->buf[r->len++] = STX;
    r->buf[r->len++] = kind;
}

void trace_out_close(void)
{
    struct armv7m_record *r = &armv7m.record;
    r->buf[r->len++] = ETX;
}

KERNEL_SHARED bool trace_out_byte(void)
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
    trace_out_begin('E');
    trace_out_put(end_cycle, 8);
    trace_out_put(reason, 1);
    trace_out_close();
    trace_out_flush();
}
