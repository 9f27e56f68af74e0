/* console_ring.c - the console's text queue (see console_ring.h). */
#include "console_ring.h"

#include "console_line.h"

static uint32_t used(const struct console_ring *r)
{
    return r->head - r->tail;
}

static void push(struct console_ring *r, const char *buf, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        r->buf[(r->head + i) & (CONSOLE_RING_SIZE - 1)] = buf[i];
    r->head += len;
    if (len > 0)
        r->mid_line = buf[len - 1] != '\n';
}

/* Queues the marker for the pending loss, on a line of its own, if it
 * fits with `then` more bytes after it. */
static bool put_marker(struct console_ring *r, uint32_t then)
{
    struct console_line l;
    console_line_start(&l);
    console_line_add(&l, "%s[console: %u bytes lost]\n", r->mid_line ? "\n" : "", r->lost);
    if (CONSOLE_RING_SIZE - used(r) < l.len || CONSOLE_RING_SIZE - used(r) - l.len < then)
        return false;
    push(r, l.text, l.len);
    r->lost = 0;
    return true;
}

static void drop(struct console_ring *r, uint32_t len)
{
    /* Saturates: a count past 4 GiB still says that much was lost. */
    r->lost = len > UINT32_MAX - r->lost ? UINT32_MAX : r->lost + len;
}

void console_ring_put(struct console_ring *r, const char *buf, uint32_t len)
{
    if (len == 0)
        return;
    if (r->lost > 0 && !put_marker(r, len)) {
        drop(r, len);
        return;
    }
    if (CONSOLE_RING_SIZE - used(r) < len) {
        drop(r, len);
        return;
    }
    push(r, buf, len);
}

bool console_ring_take(struct console_ring *r, char *c)
{
    if (used(r) == 0 && (r->lost == 0 || !put_marker(r, 0)))
        return false;
    *c = r->buf[r->tail & (CONSOLE_RING_SIZE - 1)];
    r->tail++;
    return true;
}
