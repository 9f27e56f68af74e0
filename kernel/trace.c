/* trace.c - the kernel's event ring (see trace.h). */
#include "kstate.h"

void trace_emit(uint8_t type, uint8_t part, uint8_t thread, uint8_t flags,
                uint32_t a0, uint32_t a1)
{
    struct trace_ring *r = &kstate.trace;
    if (r->head - r->tail >= TRACE_RING_SIZE) {
        r->lost++;
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
    e->reserved = 0;
    r->head++;
}

int trace_take(struct trace_event *out, uint32_t *lost)
{
    struct trace_ring *r = &kstate.trace;
    *lost = r->lost;
    r->lost = 0;
    if (r->head == r->tail)
        return 0;
    *out = r->ev[r->tail % TRACE_RING_SIZE];
    r->tail++;
    return 1;
}
