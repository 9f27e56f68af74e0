/* console_ring.c - the console's text queue (see console_ring.h). */
#include "console_ring.h"

/* "\n[console: 4294967295 bytes lost]\n" */
#define MARKER_MAX 40u

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

static uint32_t append(char *out, uint32_t o, const char *s)
{
    while (*s)
        out[o++] = *s++;
    return o;
}

/* The marker's text for the pending loss, on a line of its own. */
static uint32_t marker(const struct console_ring *r, char out[MARKER_MAX])
{
    char digits[10];
    uint32_t n = 0, v = r->lost, o = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (r->mid_line)
        out[o++] = '\n';
    o = append(out, o, "[console: ");
    while (n > 0)
        out[o++] = digits[--n];
    return append(out, o, " bytes lost]\n");
}

/* Queues the marker if it fits with `then` more bytes after it. */
static bool put_marker(struct console_ring *r, uint32_t then)
{
    char text[MARKER_MAX];
    uint32_t n = marker(r, text);
    if (CONSOLE_RING_SIZE - used(r) < n || CONSOLE_RING_SIZE - used(r) - n < then)
        return false;
    push(r, text, n);
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
