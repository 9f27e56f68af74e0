/*
 * gdb_reply.h - building one reply packet.  Appends that would pass the
 * packet size are cut and flagged; a handler that cannot bound its reply
 * in advance checks `full` and answers with an error instead.
 */
#ifndef FENESTRA_SIM_DEBUG_GDB_REPLY_H
#define FENESTRA_SIM_DEBUG_GDB_REPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "gdb_hex.h"
#include "gdb_packet.h"

struct gdb_reply {
    size_t len;
    bool full; /* something did not fit */
    char buf[GDB_PACKET_SIZE + 1];
};

void gdb_reply_clear(struct gdb_reply *r);
void gdb_reply_bytes(struct gdb_reply *r, const void *data, size_t n);
void gdb_reply_str(struct gdb_reply *r, const char *s);
void gdb_reply_fmt(struct gdb_reply *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void gdb_reply_hex(struct gdb_reply *r, const void *data, size_t n);
/* Error replies: E01 the target refused (memory outside RAM, no such
 * thread, a breakpoint not set), E02 a malformed packet, E03 a packet
 * longer than PacketSize. */
void gdb_reply_error(struct gdb_reply *r, unsigned code);
#define GDB_E_TARGET 1
#define GDB_E_PACKET 2
#define GDB_E_TOO_LONG 3

/* Answers a qXfer read of `text` from the `offset,length` in args: 'm'
 * and a part when more follows, 'l' and the rest when it ends there. */
void gdb_reply_xfer(struct gdb_reply *r, const char *text, size_t text_len,
                    struct gdb_scan *args);

#endif
