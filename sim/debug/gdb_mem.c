/* gdb_mem.c - guest memory for GDB: m, M and X (see gdb_cmd.h).  The
 * session shows board RAM only; an access it cannot make at all is E01,
 * a read it can make in part returns that part (GDB asks again for the
 * rest and then gets E01). */
#include "gdb_cmd.h"

/* The most bytes one packet moves: an m reply is two hex digits a byte. */
#define GDB_MEM_MAX (GDB_PACKET_SIZE / 2)

/* "addr,length" with length at most `max`; false: malformed.  An address
 * past 32 bits is well formed but refers to no memory. */
static bool scan_range(struct gdb_scan *args, uint64_t max, uint64_t *addr, uint64_t *len)
{
    return gdb_scan_hex(args, UINT64_MAX, addr) && gdb_scan_char(args, ',') &&
           gdb_scan_hex(args, max, len);
}

static bool in_32_bits(uint64_t addr, uint64_t len)
{
    return addr <= UINT32_MAX && len <= (uint64_t)UINT32_MAX + 1 - addr;
}

/* m addr,length */
void gdb_cmd_read_mem(struct gdb_stub *st, struct gdb_scan *args)
{
    unsigned char buf[GDB_MEM_MAX];
    uint64_t addr, len;

    if (!scan_range(args, GDB_MEM_MAX, &addr, &len) || !gdb_scan_at_end(args)) {
        gdb_reply_error(&st->reply, GDB_E_PACKET);
        return;
    }
    if (addr > UINT32_MAX) {
        gdb_reply_error(&st->reply, GDB_E_TARGET);
        return;
    }
    if (!in_32_bits(addr, len))
        len = (uint64_t)UINT32_MAX + 1 - addr; /* up to the top of the space */
    size_t n = len ? dbg_read_mem(st->s, (uint32_t)addr, buf, (size_t)len) : 0;
    if (len && n == 0) {
        gdb_reply_error(&st->reply, GDB_E_TARGET);
        return;
    }
    gdb_reply_hex(&st->reply, buf, n > len ? (size_t)len : n);
}

static void write_mem(struct gdb_stub *st, uint64_t addr, const void *data, size_t len)
{
    if (!in_32_bits(addr, len)) {
        gdb_reply_error(&st->reply, GDB_E_TARGET);
        return;
    }
    if (len && dbg_write_mem(st->s, (uint32_t)addr, data, len) != len) {
        gdb_reply_error(&st->reply, GDB_E_TARGET);
        return;
    }
    gdb_reply_str(&st->reply, "OK");
}

/* M addr,length:hex bytes */
void gdb_cmd_write_mem(struct gdb_stub *st, struct gdb_scan *args)
{
    unsigned char buf[GDB_MEM_MAX];
    uint64_t addr, len;

    if (!scan_range(args, GDB_MEM_MAX, &addr, &len) || !gdb_scan_char(args, ':') ||
        !gdb_scan_bytes(args, buf, (size_t)len) || !gdb_scan_at_end(args)) {
        gdb_reply_error(&st->reply, GDB_E_PACKET);
        return;
    }
    write_mem(st, addr, buf, (size_t)len);
}

/* X addr,length:binary bytes (already unescaped by gdb_packet.c: one
 * byte each, so up to a packet's worth).  GDB sends a zero length once
 * to see whether X is supported. */
void gdb_cmd_write_bin(struct gdb_stub *st, struct gdb_scan *args)
{
    uint64_t addr, len;

    if (!scan_range(args, GDB_PACKET_SIZE, &addr, &len) || !gdb_scan_char(args, ':') ||
        gdb_scan_left(args) != len) {
        gdb_reply_error(&st->reply, GDB_E_PACKET);
        return;
    }
    write_mem(st, addr, args->p, (size_t)len);
}
