/*
 * test_console_ring.c - the firmware console's text queue
 * (arch/armv7m/console_ring.c): order across the buffer's end, writes that
 * do not fit dropped whole and counted, the marker's text and place, and
 * a long mixed run where every byte written is either sent or counted in
 * a marker.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "console_ring.h"

static struct console_ring ring;

static int setup(void **state)
{
    (void)state;
    memset(&ring, 0, sizeof ring);
    return 0;
}

/* Takes everything waiting into out (NUL-terminated); returns its length. */
static size_t take_all(char *out, size_t cap)
{
    size_t n = 0;
    char c;
    while (console_ring_take(&ring, &c)) {
        assert_true(n + 1 < cap);
        out[n++] = c;
    }
    out[n] = 0;
    return n;
}

static void put_str(const char *s)
{
    console_ring_put(&ring, s, (uint32_t)strlen(s));
}

/* A line of `len` bytes, the last a newline, the rest `fill`. */
static void put_line(uint32_t len, char fill)
{
    char buf[CONSOLE_RING_SIZE + 64];
    memset(buf, fill, len - 1);
    buf[len - 1] = '\n';
    console_ring_put(&ring, buf, len);
}

static void test_order_across_the_end(void **state)
{
    (void)state;
    static char out[CONSOLE_RING_SIZE * 2];
    /* Move the indexes near the end, then a write that wraps. */
    put_line(CONSOLE_RING_SIZE - 10, 'a');
    assert_int_equal(take_all(out, sizeof out), CONSOLE_RING_SIZE - 10);
    put_str("0123456789abcdefghij\n");
    assert_int_equal(take_all(out, sizeof out), 21);
    assert_string_equal(out, "0123456789abcdefghij\n");
    assert_false(console_ring_pending(&ring));
}

static void test_full_ring_takes_exactly_its_size(void **state)
{
    (void)state;
    static char out[CONSOLE_RING_SIZE * 2];
    put_line(CONSOLE_RING_SIZE, 'x');
    assert_true(console_ring_pending(&ring));
    assert_int_equal(take_all(out, sizeof out), CONSOLE_RING_SIZE);
    assert_int_equal(ring.lost, 0);
}

/* A write that does not fit goes whole; so does every later one until the
 * marker is in, which comes before the next write that fits after it. */
static void test_loss_marker_in_order(void **state)
{
    (void)state;
    static char out[CONSOLE_RING_SIZE * 2];
    put_line(CONSOLE_RING_SIZE - 100, 'a');
    put_str("partial line ");     /* 13 bytes: fits, leaves the line open */
    put_line(200, 'b');           /* does not fit: dropped */
    put_line(70, 'c');            /* fits, but not with the marker: dropped */
    assert_int_equal(ring.lost, 270);
    /* Make room, then the next write brings the marker in first. */
    char c;
    for (int i = 0; i < 1000; i++)
        assert_true(console_ring_take(&ring, &c));
    put_str("after\n");
    size_t n = take_all(out, sizeof out);
    const char *want = "partial line \n[console: 270 bytes lost]\nafter\n";
    size_t tail = strlen(want);
    assert_true(n >= tail);
    assert_string_equal(out + n - tail, want);
    assert_int_equal(ring.lost, 0);
}

/* With no later write, the marker goes in once the text before it is out. */
static void test_marker_when_drained(void **state)
{
    (void)state;
    static char out[CONSOLE_RING_SIZE * 2];
    put_line(CONSOLE_RING_SIZE - 4, 'a');
    put_str("12345\n");
    assert_true(console_ring_pending(&ring));
    size_t n = take_all(out, sizeof out);
    assert_int_equal(n, CONSOLE_RING_SIZE - 4 + strlen("[console: 6 bytes lost]\n"));
    assert_string_equal(out + CONSOLE_RING_SIZE - 4, "[console: 6 bytes lost]\n");
    assert_false(console_ring_pending(&ring));
}

static void test_write_larger_than_the_ring(void **state)
{
    (void)state;
    static char out[CONSOLE_RING_SIZE * 2];
    put_line(CONSOLE_RING_SIZE + 1, 'z');
    put_str("next\n");
    assert_int_equal(take_all(out, sizeof out), strlen(out));
    assert_string_equal(out, "[console: 4097 bytes lost]\nnext\n");
}

static void test_empty_write_changes_nothing(void **state)
{
    (void)state;
    console_ring_put(&ring, "", 0);
    assert_false(console_ring_pending(&ring));
    char c;
    assert_false(console_ring_take(&ring, &c));
}

static const char marker_head[] = "[console: ";

static bool marker_at(const char *p, size_t left)
{
    return left > sizeof marker_head - 1 && memcmp(p, marker_head, sizeof marker_head - 1) == 0;
}

/* Checks that `sent` is the accepted text in order with markers between
 * (each on a line of its own: a newline before it only when the text
 * before it ended mid-line); returns the markers' counts added up. */
static uint64_t check_sent(const char *sent, size_t n, const char *accepted, size_t n_accepted)
{
    uint64_t lost = 0;
    size_t j = 0;
    for (size_t i = 0; i < n;) {
        /* A newline that the text does not have next is the marker's. */
        bool mid_line = j > 0 && accepted[j - 1] != '\n';
        if (mid_line && sent[i] == '\n' && (j == n_accepted || accepted[j] != '\n') &&
            marker_at(sent + i + 1, n - i - 1))
            i++;
        if (marker_at(sent + i, n - i)) {
            assert_true(i == 0 || sent[i - 1] == '\n'); /* on a line of its own */
            i += sizeof marker_head - 1;
            uint64_t count = 0;
            size_t digits = 0;
            for (; i < n && sent[i] >= '0' && sent[i] <= '9'; i++, digits++)
                count = count * 10 + (uint64_t)(sent[i] - '0');
            assert_true(digits > 0);
            static const char tail[] = " bytes lost]\n";
            assert_true(n - i >= sizeof tail - 1);
            assert_memory_equal(sent + i, tail, sizeof tail - 1);
            i += sizeof tail - 1;
            lost += count;
            continue;
        }
        assert_true(j < n_accepted);
        assert_int_equal(sent[i++], accepted[j++]);
    }
    assert_int_equal(j, n_accepted);
    return lost;
}

/* Writes of 2..300 bytes (none a lone newline, which check_sent could
 * take for a marker's) and takes of 0..249 bytes in a fixed pseudo-random
 * mix: what was sent, markers taken out, is exactly the accepted writes in
 * order, and accepted plus counted is everything written. */
static void test_nothing_lost_unsaid(void **state)
{
    (void)state;
    enum { WRITES = 4000 };
    static char accepted[WRITES * 300], sent[WRITES * 340];
    size_t n_written = 0, n_accepted = 0, n_sent = 0;
    uint32_t seed = 12345;
    for (int w = 0; w < WRITES; w++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t len = 2 + (seed >> 16) % 299;
        char buf[300];
        for (uint32_t i = 0; i < len; i++)
            buf[i] = (char)('a' + (w + i) % 26);
        buf[len - 1] = (seed & 1) ? '\n' : '.';
        uint32_t head = ring.head;
        console_ring_put(&ring, buf, len);
        if (ring.head != head) { /* queued (after a marker, maybe) */
            memcpy(accepted + n_accepted, buf, len);
            n_accepted += len;
        }
        n_written += len;
        uint32_t takes = (seed >> 8) % 250;
        char c;
        for (uint32_t i = 0; i < takes && console_ring_take(&ring, &c); i++)
            sent[n_sent++] = c;
    }
    char c;
    while (console_ring_take(&ring, &c))
        sent[n_sent++] = c;
    uint64_t lost = check_sent(sent, n_sent, accepted, n_accepted);
    assert_true(lost > 0);        /* the mix does overflow the ring */
    assert_true(n_accepted > n_written / 2);
    assert_int_equal(n_accepted + lost, n_written);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_order_across_the_end, setup),
        cmocka_unit_test_setup(test_full_ring_takes_exactly_its_size, setup),
        cmocka_unit_test_setup(test_loss_marker_in_order, setup),
        cmocka_unit_test_setup(test_marker_when_drained, setup),
        cmocka_unit_test_setup(test_write_larger_than_the_ring, setup),
        cmocka_unit_test_setup(test_empty_write_changes_nothing, setup),
        cmocka_unit_test_setup(test_nothing_lost_unsaid, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
