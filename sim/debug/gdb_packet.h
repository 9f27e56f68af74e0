/*
 * gdb_packet.h - the GDB remote protocol's framing on one connection:
 * `$data#cs` packets with a two-digit modulo-256 checksum, `+`/`-`
 * acknowledgements (until QStartNoAckMode turns them off), `}` escapes
 * (the byte XOR 0x20) in both directions, and the out-of-band Ctrl-C
 * byte 0x03 between packets.  GDB never sends run-length encoding, and
 * replies are sent without it.
 */
#ifndef FENESTRA_SIM_DEBUG_GDB_PACKET_H
#define FENESTRA_SIM_DEBUG_GDB_PACKET_H

#include <stdbool.h>
#include <stddef.h>

/* The largest packet either side sends, unescaped (qSupported's
 * PacketSize): GDB sizes its m/M/X/G and qXfer requests by it. */
#define GDB_PACKET_SIZE 0x4000

#define GDB_INTERRUPT 0x03 /* Ctrl-C: stop the target */

struct gdb_conn {
    int fd;
    bool no_ack;         /* acknowledgements off (QStartNoAckMode) */
    bool no_ack_next;    /* turn them off once the next reply is acked */
    bool interrupted;    /* a Ctrl-C arrived while a reply awaited its ack */
    size_t rd, wr;       /* unread input: in[rd..wr) */
    unsigned char in[4096];
    char frame[2 * GDB_PACKET_SIZE + 4]; /* '$', escaped data, '#', checksum */
};

enum gdb_read {
    GDB_READ_PACKET,    /* a packet with a good checksum (acked) */
    GDB_READ_INTERRUPT, /* Ctrl-C */
    GDB_READ_TOO_LONG,  /* a good packet longer than the buffer (acked) */
    GDB_READ_CLOSED,    /* the connection ended or failed */
};

void gdb_conn_init(struct gdb_conn *c, int fd);

/* Waits for the next packet; writes its unescaped data and a NUL into
 * buf (cap bytes, the NUL included) and its length into *len.  Packets
 * with a bad checksum are refused with `-` and skipped. */
enum gdb_read gdb_packet_read(struct gdb_conn *c, char *buf, size_t cap, size_t *len);

/* Sends one packet (at most GDB_PACKET_SIZE bytes of data) and, unless
 * acknowledgements are off, waits for its `+`, resending on `-`.  False
 * when the connection failed. */
bool gdb_packet_send(struct gdb_conn *c, const char *data, size_t len);

/* Without waiting: true (once) when a Ctrl-C has arrived since the last
 * packet, and consumes it. */
bool gdb_packet_take_interrupt(struct gdb_conn *c);

#endif
