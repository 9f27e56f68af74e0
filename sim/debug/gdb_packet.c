/* gdb_packet.c - packet framing, checksums, acks and escapes on a socket
 * (see gdb_packet.h). */
#define _POSIX_C_SOURCE 200809L /* poll */

#include "gdb_packet.h"

#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "gdb_hex.h"

/* A client that refuses the same reply this often is not going to take
 * it: the connection is treated as failed rather than looping. */
#define GDB_MAX_RESENDS 8

void gdb_conn_init(struct gdb_conn *c, int fd)
{
    c->fd = fd;
    c->no_ack = false;
    c->no_ack_next = false;
    c->interrupted = false;
    c->rd = c->wr = 0;
}

/* ---- input ------------------------------------------------------------- */

static bool readable(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    int n;

    do
        n = poll(&p, 1, 0);
    while (n < 0 && errno == EINTR);
    return n > 0;
}

/* Makes unread input available: 1 when there is some, 0 when none has
 * arrived (only without `wait`), -1 when the connection ended. */
static int fill(struct gdb_conn *c, bool wait)
{
    ssize_t n;

    if (c->rd < c->wr)
        return 1;
    c->rd = c->wr = 0;
    if (!wait && !readable(c->fd))
        return 0;
    do
        n = recv(c->fd, c->in, sizeof c->in, 0);
    while (n < 0 && errno == EINTR);
    if (n <= 0)
        return -1;
    c->wr = (size_t)n;
    return 1;
}

static int next_byte(struct gdb_conn *c)
{
    if (fill(c, true) < 0)
        return -1;
    return c->in[c->rd++];
}

/* ---- output ------------------------------------------------------------ */

static bool write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* Bytes GDB would take for framing, an escape or run-length encoding. */
static bool needs_escape(unsigned char b)
{
    return b == '$' || b == '#' || b == '}' || b == '*';
}

/* '$', the escaped data, '#' and the checksum of what is sent (the
 * escapes included); returns the frame's length. */
static size_t frame(struct gdb_conn *c, const char *data, size_t len)
{
    size_t n = 0;
    unsigned sum = 0;

    c->frame[n++] = '$';
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)data[i];
        if (needs_escape(b)) {
            c->frame[n++] = '}';
            sum += '}';
            b ^= 0x20;
        }
        c->frame[n++] = (char)b;
        sum += b;
    }
    unsigned char cs = (unsigned char)sum;
    c->frame[n++] = '#';
    gdb_hex_encode(c->frame + n, &cs, 1);
    return n + 2;
}

/* 1: acked, 0: refused, -1: the connection ended.  A '$' counts as an
 * ack (GDB moved on to its next packet) and is left unread; a Ctrl-C is
 * remembered for the next read. */
static int wait_ack(struct gdb_conn *c)
{
    for (;;) {
        if (fill(c, true) < 0)
            return -1;
        unsigned char b = c->in[c->rd];
        if (b == '$')
            return 1;
        c->rd++;
        if (b == '+')
            return 1;
        if (b == '-')
            return 0;
        if (b == GDB_INTERRUPT)
            c->interrupted = true;
    }
}

bool gdb_packet_send(struct gdb_conn *c, const char *data, size_t len)
{
    if (len > GDB_PACKET_SIZE)
        return false;
    size_t n = frame(c, data, len);
    for (int tries = 0; tries <= GDB_MAX_RESENDS; tries++) {
        if (!write_all(c->fd, c->frame, n))
            return false;
        if (c->no_ack)
            return true;
        int ack = wait_ack(c);
        if (ack < 0)
            return false;
        if (ack > 0) {
            c->no_ack = c->no_ack_next;
            return true;
        }
    }
    return false;
}

static void send_ack(struct gdb_conn *c, char ack)
{
    if (!c->no_ack)
        (void)write_all(c->fd, &ack, 1); /* a failure shows at the next read */
}

/* ---- packets ----------------------------------------------------------- */

enum frame_result { FRAME_GOOD, FRAME_BAD, FRAME_OVER, FRAME_CLOSED };

/* The two checksum digits after '#', against the sum of the data. */
static enum frame_result read_checksum(struct gdb_conn *c, unsigned sum)
{
    int hi = next_byte(c);
    int lo = hi < 0 ? -1 : next_byte(c);

    if (lo < 0)
        return FRAME_CLOSED;
    if (gdb_hex_digit(hi) < 0 || gdb_hex_digit(lo) < 0)
        return FRAME_BAD;
    return (unsigned)(gdb_hex_digit(hi) << 4 | gdb_hex_digit(lo)) == (sum & 0xff) ? FRAME_GOOD
                                                                                  : FRAME_BAD;
}

/* The data after '$' up to '#', unescaped into buf; a '$' inside starts
 * the packet over (the sender gave up on the first one).  Data beyond
 * cap - 1 bytes is read and checked but dropped. */
static enum frame_result read_frame(struct gdb_conn *c, char *buf, size_t cap, size_t *len)
{
    size_t n = 0;
    unsigned sum = 0;
    bool escaped = false, over = false;

    for (;;) {
        int b = next_byte(c);
        if (b < 0)
            return FRAME_CLOSED;
        if (b == '#')
            break;
        if (b == '$') {
            n = sum = 0;
            escaped = over = false;
            continue;
        }
        sum += (unsigned)b;
        if (!escaped && b == '}') {
            escaped = true;
            continue;
        }
        if (escaped)
            b ^= 0x20;
        escaped = false;
        if (n + 1 < cap)
            buf[n++] = (char)b;
        else
            over = true;
    }
    buf[n] = '\0';
    *len = n;
    enum frame_result r = read_checksum(c, sum);
    return r == FRAME_GOOD && over ? FRAME_OVER : r;
}

enum gdb_read gdb_packet_read(struct gdb_conn *c, char *buf, size_t cap, size_t *len)
{
    if (gdb_packet_take_interrupt(c))
        return GDB_READ_INTERRUPT;
    for (;;) {
        int b = next_byte(c);
        if (b < 0)
            return GDB_READ_CLOSED;
        if (b == GDB_INTERRUPT)
            return GDB_READ_INTERRUPT;
        if (b != '$')
            continue; /* stray acks, line noise */
        switch (read_frame(c, buf, cap, len)) {
        case FRAME_GOOD:
            send_ack(c, '+');
            return GDB_READ_PACKET;
        case FRAME_OVER:
            send_ack(c, '+');
            return GDB_READ_TOO_LONG;
        case FRAME_BAD:
            send_ack(c, '-');
            break;
        case FRAME_CLOSED:
            return GDB_READ_CLOSED;
        }
    }
}

bool gdb_packet_take_interrupt(struct gdb_conn *c)
{
    if (c->interrupted) {
        c->interrupted = false;
        return true;
    }
    while (fill(c, false) > 0) {
        unsigned char b = c->in[c->rd];
        if (b == GDB_INTERRUPT) {
            c->rd++;
            return true;
        }
        if (b != '+' && b != '-')
            return false;
        c->rd++; /* a late ack */
    }
    return false;
}
