/* trace.c - the kernel's event ring (see trace.h); nothing in a firmware
 * built without the trace (FENESTRA_TRACE=0). */
#include "kstate.h"

#if FENESTRA_TRACE

void trace_emit(uint8_t type, uint8_t part, uint8_t thread, uint8_t flags,
                uint32_t a0, uint32_t a1)
{
    trace_emit3(type, part, thread, flags, a0, a1, 0);
}

void trace_emit3(uint8_t type, uint8_t part, uint8_t thread, uint8_t flags,
                 uint32_t a0, uint32_t a1, uint32_t a2)
{
    struct trace_ring *r = &kstate.trace;
    if (r->head - r->tail >= TRACE_RING_SIZE) {
        if (r->lost++ == 0)
            r->lost_since = arch_now();
        return;
    }
    struct trace_event *e = &r->ev[r->head % TRACE_RING_SIZE];
    e->cycle = arch_now();
    e->type = type;
    e->part = part;
    e->thread = thread;
    e->flags = flags;
    e->a0 = a0;
    e->a1 = a1;
    e->a2 = a2;
    r->head++;
}

int trace_take(struct trace_event *out)
{
    struct trace_ring *r = &kstate.trace;
    if (r->head == r->tail)
        return 0;
    *out = r->ev[r->tail % TRACE_RING_SIZE];
    r->tail++;
    return 1;
}

uint32_t trace_take_lost(uint64_t *since)
{
    struct trace_ring *r = &kstate.trace;
    uint32_t n = r->lost;
    *since = r->lost_since;
    r->lost = 0;
    return n;
}

#endif
