/* gdb_query.c - the connection's own packets: what the stub supports,
 * acknowledgements off, detach and kill (see gdb_cmd.h). */
#include "gdb_cmd.h"

/* GDB's own list in the request (swbreak+, vContSupported+, ...) needs no
 * answer beyond ours: every feature listed here works with any GDB that
 * speaks the protocol at all, and a GDB that does not know one ignores
 * it. */
void gdb_cmd_supported(struct gdb_stub *st, struct gdb_scan *args)
{
    (void)args;
    gdb_reply_fmt(&st->reply,
                  "PacketSize=%x;qXfer:features:read+;qXfer:threads:read+;"
                  "ReverseStep+;ReverseContinue+;swbreak+;hwbreak+;"
                  "QStartNoAckMode+;vContSupported+",
                  GDB_PACKET_SIZE);
}

/* "1": GDB attached to a running system (it did not start a process), so
 * quitting GDB detaches rather than kills. */
void gdb_cmd_attached(struct gdb_stub *st, struct gdb_scan *args)
{
    (void)args;
    gdb_reply_str(&st->reply, "1");
}

/* The OK itself is still acknowledged; acks stop after it. */
void gdb_cmd_no_ack(struct gdb_stub *st, struct gdb_scan *args)
{
    (void)args;
    st->conn.no_ack_next = true;
    gdb_reply_str(&st->reply, "OK");
}

/* D, D;pid and vKill;pid: OK, then the connection ends. */
void gdb_cmd_detach(struct gdb_stub *st, struct gdb_scan *args)
{
    (void)args;
    st->done = true;
    st->end = st->packet[0] == 'D' ? "the client detached" : "the client killed the run";
    gdb_reply_str(&st->reply, "OK");
}

/* k has no reply: GDB closes the connection after it. */
void gdb_cmd_kill(struct gdb_stub *st, struct gdb_scan *args)
{
    (void)args;
    st->done = true;
    st->end = "the client killed the run";
    st->no_reply = true;
}
