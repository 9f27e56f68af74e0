/*
 * console_ring.h - the firmware console's text queue (docs/boards.md,
 * "Console text on a board").
 *
 * Kernel text is queued here and sent as the UART accepts it, never
 * waited for: at 115200 baud a 60-character line takes 5 ms on a real
 * UART, which a blocking write would take out of the running window.
 * Text that finds the queue full is dropped whole, write by write, and
 * counted; every later write is dropped too until the count has gone in as
 * one line, "[console: N bytes lost]", so the text keeps its order and no
 * loss goes unsaid.  Plain data, no hardware: tests/unit/console runs it
 * on the host.
 */
#ifndef FENESTRA_CONSOLE_RING_H
#define FENESTRA_CONSOLE_RING_H

#include <stdbool.h>
#include <stdint.h>

/* A power of two.  Sized for a burst of kernel reports (badptr's 47 at
 * about 80 bytes each) between two chances to send. */
#define CONSOLE_RING_SIZE 4096u

struct console_ring {
    uint32_t head;   /* bytes ever queued (wraps) */
    uint32_t tail;   /* bytes ever taken (wraps) */
    uint32_t lost;   /* bytes dropped that no marker has reported yet */
    bool mid_line;   /* the last byte queued was not a newline */
    char buf[CONSOLE_RING_SIZE]; /* last: the fields above are in reach of
                                    short load offsets */
};

/* Queues len bytes, or drops them all (and counts them) when they do not
 * fit with the pending marker, if any, before them. */
void console_ring_put(struct console_ring *r, const char *buf, uint32_t len);

/* The oldest byte; the pending marker goes in once the text before it has
 * been taken.  False when there is nothing to send. */
bool console_ring_take(struct console_ring *r, char *c);

/* Text went out without the queue (nothing was waiting): its last byte,
 * which says whether a later marker starts a line of its own. */
static inline void console_ring_passed(struct console_ring *r, char last)
{
    r->mid_line = last != '\n';
}

/* True when a byte or a marker is waiting.  Inline: every kernel exit
 * asks. */
static inline bool console_ring_pending(const struct console_ring *r)
{
    return r->head != r->tail || r->lost > 0;
}

#endif
