/*
 * console_out.c - what goes out on the console UART, and when
 * (docs/boards.md, "Console text on a board").
 *
 * Two streams share the wire: kernel text (console_ring.h) and trace
 * records (trace_out.c).  A record, once started, goes out whole before
 * anything else, so text never lands inside one.  Nothing here waits for
 * the UART while the kernel runs: a byte is written only when the UART
 * takes it at once.  Text is pushed when it is written and at every
 * kernel exit; the idle thread sends the rest, and the trace records,
 * one byte per step.  Only the end of the run (and a panic) waits for the
 * wire, since nothing runs after them.
 */
#include "port.h"

void console_hw_putc(uint32_t base, char c)
{
    while (!console_hw_ready(base))
        ;
    console_hw_send(base, c);
}

/* One byte the UART is ready for: the record in flight first, else text. */
static bool send_one(void)
{
    if (trace_out_byte())
        return true;
    char c;
    if (!console_ring_take(&armv7m.text, &c))
        return false;
    console_hw_send(armv7m.console_base, c);
    return true;
}

void console_out_pump(void)
{
    /* Only while text waits: records are the idle thread's, so the
     * kernel's cost stays what it was without text. */
    while (console_ring_pending(&armv7m.text) && console_hw_ready(armv7m.console_base))
        send_one();
}

void arch_console_write(const char *buf, uint32_t len)
{
    /* Straight to the UART while nothing waits before it and it keeps up
     * (QEMU's always does): the cost of a plain polled write, only never
     * waiting. */
    uint32_t base = armv7m.console_base, sent = 0;
    while (trace_out_busy() && console_hw_ready(base))
        trace_out_byte(); /* the record in flight goes first */
    if (!trace_out_busy() && !console_ring_pending(&armv7m.text)) {
        sent = console_hw_write_ready(base, buf, len);
        if (sent > 0)
            console_ring_passed(&armv7m.text, buf[sent - 1]);
        if (sent == len)
            return;
    }
    console_ring_put(&armv7m.text, buf + sent, len - sent);
    console_out_pump();
}

bool console_out_idle_step(void)
{
    if (!trace_out_busy() && !console_ring_pending(&armv7m.text) && !trace_out_next())
        return false;
    if (console_hw_ready(armv7m.console_base))
        send_one();
    return true;
}

/* Everything queued, waiting for the wire. */
static void drain_text(void)
{
    trace_out_flush();
    char c;
    while (console_ring_take(&armv7m.text, &c))
        console_hw_putc(armv7m.console_base, c);
}

void console_out_sync(const char *buf, uint32_t len)
{
    drain_text();
    for (uint32_t i = 0; i < len; i++)
        console_hw_putc(armv7m.console_base, buf[i]);
}

void console_out_final(uint8_t reason)
{
    /* The run ends now: draining below costs cycles (a whole frame's
     * worth when the rings are full), which are not part of the run. */
    uint64_t end_cycle = clock_now();
    drain_text();
    while (trace_out_next())
        trace_out_flush();
    trace_out_end(end_cycle, reason);
}
