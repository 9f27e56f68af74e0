/* gdb_reply.c - building a reply packet (see gdb_reply.h). */
#include "gdb_reply.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static size_t room(const struct gdb_reply *r)
{
    return GDB_PACKET_SIZE - r->len;
}

void gdb_reply_clear(struct gdb_reply *r)
{
    r->len = 0;
    r->full = false;
    r->buf[0] = '\0';
}

void gdb_reply_bytes(struct gdb_reply *r, const void *data, size_t n)
{
    if (n > room(r)) {
        n = room(r);
        r->full = true;
    }
    memcpy(r->buf + r->len, data, n);
    r->len += n;
    r->buf[r->len] = '\0';
}

void gdb_reply_str(struct gdb_reply *r, const char *s)
{
    gdb_reply_bytes(r, s, strlen(s));
}

void gdb_reply_fmt(struct gdb_reply *r, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    int n = vsnprintf(r->buf + r->len, room(r) + 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    if ((size_t)n > room(r)) {
        n = (int)room(r);
        r->full = true;
    }
    r->len += (size_t)n;
}

void gdb_reply_hex(struct gdb_reply *r, const void *data, size_t n)
{
    if (n > room(r) / 2) {
        n = room(r) / 2;
        r->full = true;
    }
    gdb_hex_encode(r->buf + r->len, data, n);
    r->len += 2 * n;
    r->buf[r->len] = '\0';
}

void gdb_reply_error(struct gdb_reply *r, unsigned code)
{
    gdb_reply_clear(r);
    gdb_reply_fmt(r, "E%02x", code & 0xff);
}

void gdb_reply_xfer(struct gdb_reply *r, const char *text, size_t text_len,
                    struct gdb_scan *args)
{
    uint64_t offset, length;

    if (!gdb_scan_hex(args, UINT64_MAX, &offset) || !gdb_scan_char(args, ',') ||
        !gdb_scan_hex(args, UINT64_MAX, &length) || !gdb_scan_at_end(args)) {
        gdb_reply_error(r, GDB_E_PACKET);
        return;
    }
    if (offset >= text_len) {
        gdb_reply_str(r, "l");
        return;
    }
    size_t n = text_len - (size_t)offset;
    size_t most = GDB_PACKET_SIZE - 1; /* after the 'm' or 'l' */
    if (length < most)
        most = (size_t)length;
    bool last = n <= most;
    gdb_reply_str(r, last ? "l" : "m");
    gdb_reply_bytes(r, text + offset, last ? n : most);
}
