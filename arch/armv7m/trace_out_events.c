/*
 * trace_out_events.c - the kernel's event ring as records on the console
 * UART (docs/boards.md, "The trace on the console"); left out of a
 * firmware built without the trace (FENESTRA_TRACE=0, cmake/Firmware.cmake),
 * where only the end record goes out.
 *
 * Each event is one 'T' record (trace_out.c): the 24 bytes of struct
 * trace_event in the encoding of docs/formats.md (little-endian) as 48
 * lowercase hex digits.  A gap (the ring was full) is the same `lost`
 * event the simulator's reader makes (type 12).  Events that find the ring
 * full while no thread idles are lost and counted.
 */
#include "port.h"

static void encode_event(const struct trace_event *e)
{
    trace_out_begin('T');
    trace_out_put(e->cycle, 8);
    trace_out_put(e->type, 1);
    trace_out_put(e->part, 1);
    trace_out_put(e->thread, 1);
    trace_out_put(e->flags, 1);
    trace_out_put(e->a0, 4);
    trace_out_put(e->a1, 4);
    trace_out_put(e->a2, 4);
    trace_out_close();
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
    if (trace_out_busy())
        return true;
    struct trace_event e;
    if (!take(&e))
        return false;
    encode_event(&e);
    return true;
}
