/*
 * test_console_out.c - what the firmware sends on its console UART, and
 * when (arch/armv7m/console_out.c), against a fake UART and fake trace
 * records.
 *
 * The fake UART takes `free` bytes at once and is busy after that, like a
 * real one at 115200 baud between two kernel entries.  Polling it while
 * busy is waiting: the kernel's writes, its exits and the idle thread's
 * steps must never loop on it (a thousand busy polls in a row fail the
 * test) nor write to it busy; only the end of the run and a panic wait,
 * which the fake lets through a byte per busy poll (`drains`).  Records are "<R" + letters + ">" here (the real encoding is
 * trace_out.c's); a record must go out whole, with no text inside.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "port.h"

struct armv7m_port armv7m;

static struct {
    char wire[16384];
    size_t len;
    uint32_t free;       /* bytes taken at once from now */
    bool drains;         /* a busy poll frees a byte (time passes) */
    uint32_t waits;      /* busy polls that freed one */
    uint32_t busy_polls; /* in a row, since the last byte */
} uart;

static struct {
    char queue[8][16]; /* records not started, oldest first; the one in
                          flight is in armv7m.record, as trace_out.c has it */
    int queued, next;
    uint64_t end_cycle;
    int end_reason;
} rec;

bool console_hw_ready(uint32_t base)
{
    (void)base;
    if (uart.free > 0)
        return true;
    if (uart.drains) {
        uart.waits++;
        uart.free = 1;
    } else if (++uart.busy_polls > 1000) {
        fail_msg("polled a busy UART 1000 times in a row: waiting for it");
    }
    return false;
}

void console_hw_send(uint32_t base, char c);

uint32_t console_hw_write_ready(uint32_t base, const char *buf, uint32_t len)
{
    uint32_t n = 0;
    while (n < len && console_hw_ready(base))
        console_hw_send(base, buf[n++]);
    return n;
}

void console_hw_send(uint32_t base, char c)
{
    (void)base;
    if (uart.free == 0)
        fail_msg("wrote '%c' to a busy UART", c);
    uart.free--;
    uart.busy_polls = 0;
    assert_true(uart.len < sizeof uart.wire);
    uart.wire[uart.len++] = c;
}

bool trace_out_next(void)
{
    struct armv7m_record *r = &armv7m.record;
    if (r->sent < r->len)
        return true;
    if (rec.next == rec.queued)
        return false;
    strcpy(r->buf, rec.queue[rec.next++]);
    r->len = (uint8_t)strlen(r->buf);
    r->sent = 0;
    return true;
}

bool trace_out_byte(void)
{
    struct armv7m_record *r = &armv7m.record;
    if (r->sent >= r->len)
        return false;
    console_hw_putc(0, r->buf[r->sent++]);
    return true;
}

void trace_out_flush(void)
{
    while (trace_out_byte())
        ;
}

void trace_out_end(uint64_t end_cycle, uint8_t reason)
{
    rec.end_cycle = end_cycle;
    rec.end_reason = reason;
    for (const char *s = "<E>"; *s; s++)
        console_hw_putc(0, *s);
}

uint64_t clock_now(void)
{
    return 777;
}

static void queue_record(const char *r)
{
    strcpy(rec.queue[rec.queued++], r);
}

static int setup(void **state)
{
    (void)state;
    memset(&armv7m, 0, sizeof armv7m);
    memset(&uart, 0, sizeof uart);
    memset(&rec, 0, sizeof rec);
    rec.end_reason = -1;
    return 0;
}

static void wire_is(const char *want)
{
    uart.wire[uart.len] = 0;
    assert_string_equal(uart.wire, want);
}

/* An idle UART takes a kernel write whole, at once. */
static void test_write_goes_out_at_once(void **state)
{
    (void)state;
    uart.free = 1000;
    arch_console_write("hello\n", 6);
    wire_is("hello\n");
    assert_false(console_ring_pending(&armv7m.text));
}

/* A busy UART: the write is queued and nothing waits; later kernel exits
 * send what the UART takes then; the idle thread the rest. */
static void test_busy_uart_never_waits(void **state)
{
    (void)state;
    uart.free = 2;
    arch_console_write("abcdefgh\n", 9);
    wire_is("ab");
    console_out_pump(); /* a kernel exit with the UART still busy */
    wire_is("ab");
    uart.free = 3;
    console_out_pump();
    wire_is("abcde");
    while (console_out_idle_step())
        uart.free = 1; /* one byte per step, then busy again */
    wire_is("abcdefgh\n");
}

/* While the UART is busy the idle step polls (true), without writing. */
static void test_idle_step_polls_a_busy_uart(void **state)
{
    (void)state;
    arch_console_write("x", 1);
    for (int i = 0; i < 5; i++)
        assert_true(console_out_idle_step());
    wire_is("");
    uart.free = 1;
    assert_true(console_out_idle_step());
    wire_is("x");
    assert_false(console_out_idle_step()); /* nothing left: it may sleep */
}

/* Text that went straight out still ends its line before a marker. */
static void test_marker_after_direct_text(void **state)
{
    (void)state;
    static char big[CONSOLE_RING_SIZE + 1];
    memset(big, 'b', sizeof big);
    uart.free = 3;
    arch_console_write("abc", 3); /* straight out, mid-line */
    arch_console_write(big, sizeof big); /* busy, and too big: dropped */
    uart.free = 100;
    while (console_out_idle_step())
        ;
    wire_is("abc\n[console: 4097 bytes lost]\n");
}

/* A record in flight goes out whole before any text; the idle thread
 * starts records only when no text waits. */
static void test_record_never_split_by_text(void **state)
{
    (void)state;
    queue_record("<Rab>");
    queue_record("<Rcd>");
    uart.free = 3;
    for (int i = 0; i < 3; i++)
        assert_true(console_out_idle_step());
    wire_is("<Ra");
    arch_console_write("text\n", 5); /* the UART is busy: queued */
    uart.free = 100;
    console_out_pump(); /* the record's end first, then the text */
    wire_is("<Rab>text\n");
    while (console_out_idle_step())
        ;
    wire_is("<Rab>text\n<Rcd>");
}

/* A kernel exit with no text waiting leaves records to the idle thread. */
static void test_pump_leaves_records_to_idle(void **state)
{
    (void)state;
    queue_record("<Rab>");
    uart.free = 100;
    assert_true(trace_out_next());
    console_out_pump();
    wire_is("");
}

/* A panic's line goes out after everything queued, even with the queue
 * full, waiting for the UART as it must. */
static void test_panic_line_after_queued_text(void **state)
{
    (void)state;
    char fill[CONSOLE_RING_SIZE];
    memset(fill, 'q', sizeof fill);
    fill[sizeof fill - 1] = '\n';
    arch_console_write(fill, sizeof fill); /* busy UART: queued, ring full */
    arch_console_write("dropped\n", 8);
    uart.drains = true;
    console_out_sync("PANIC\n", 6);
    assert_int_equal(uart.len, CONSOLE_RING_SIZE + strlen("[console: 8 bytes lost]\n") + 6);
    uart.wire[uart.len] = 0;
    assert_string_equal(uart.wire + CONSOLE_RING_SIZE, "[console: 8 bytes lost]\nPANIC\n");
    assert_true(uart.waits > 0);
}

/* The end: the record in flight, text, the records left, the end record
 * with the cycle read before any of it was sent. */
static void test_final_order(void **state)
{
    (void)state;
    queue_record("<Rab>");
    queue_record("<Rcd>");
    uart.free = 2;
    assert_true(console_out_idle_step());
    assert_true(console_out_idle_step());
    arch_console_write("late\n", 5);
    uart.drains = true;
    console_out_final(1);
    wire_is("<Rab>late\n<Rcd><E>");
    assert_int_equal(rec.end_cycle, 777);
    assert_int_equal(rec.end_reason, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_write_goes_out_at_once, setup),
        cmocka_unit_test_setup(test_busy_uart_never_waits, setup),
        cmocka_unit_test_setup(test_idle_step_polls_a_busy_uart, setup),
        cmocka_unit_test_setup(test_marker_after_direct_text, setup),
        cmocka_unit_test_setup(test_record_never_split_by_text, setup),
        cmocka_unit_test_setup(test_pump_leaves_records_to_idle, setup),
        cmocka_unit_test_setup(test_panic_line_after_queued_text, setup),
        cmocka_unit_test_setup(test_final_order, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
