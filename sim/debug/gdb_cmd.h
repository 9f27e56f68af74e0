/*
 * gdb_cmd.h - inside the GDB stub: the state of one connection and the
 * packet handlers, one file per concern:
 *
 *   gdb_stub.c     the socket, the packet loop and the dispatch table
 *   gdb_query.c    qSupported, qAttached, QStartNoAckMode, D, k
 *   gdb_target.c   the target description and the registers (g G p P)
 *   gdb_threads.c  GDB's thread ids and lists (H T qC qfThreadInfo ...)
 *   gdb_mem.c      memory (m M X)
 *   gdb_points.c   breakpoints and watchpoints (Z z)
 *   gdb_run.c      execution and stop replies (? s c vCont bs bc, Ctrl-C)
 *   gdb_monitor.c  `monitor` commands (qRcmd)
 *
 * A handler gets the packet after its name in `args` and leaves its
 * answer in st->reply (empty: "not supported").
 */
#ifndef FENESTRA_SIM_DEBUG_GDB_CMD_H
#define FENESTRA_SIM_DEBUG_GDB_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "gdb_hex.h"
#include "gdb_packet.h"
#include "gdb_reply.h"
#include "session.h"

#define GDB_MAX_THREADS 256 /* threads listed to GDB */
#define GDB_MAX_POINTS 256  /* breakpoints and watchpoints set at once */

/* A breakpoint or watchpoint the stub set on the session for a Z packet. */
struct gdb_point {
    int id;
    char kind; /* Z's type: '0' or '1' breakpoint, '2' write, '3' read, '4' access */
};

struct gdb_stub {
    struct dbg_session *s;
    FILE *log;
    bool done;             /* detached, killed or disconnected */
    bool no_reply;         /* this packet has none (k) */
    const char *end;       /* which of them, for the log */
    unsigned thread;       /* GDB's general thread (Hg): 0 the current one */
    unsigned npoints;
    struct gdb_point points[GDB_MAX_POINTS];
    struct gdb_thread_list {
        unsigned n;
        struct dbg_thread t[GDB_MAX_THREADS];
    } threads;             /* scratch for gdb_threads.c */
    struct gdb_conn conn;
    struct gdb_reply reply;
    struct gdb_reply text; /* a document qXfer reads parts of */
    char packet[GDB_PACKET_SIZE + 1];
};

typedef void gdb_handler(struct gdb_stub *st, struct gdb_scan *args);

/* Sends an O (console output) packet per piece of text: allowed while
 * GDB waits for a stop reply or a qRcmd's answer. */
bool gdb_console(struct gdb_stub *st, const char *text, size_t len);

/* gdb_query.c */
gdb_handler gdb_cmd_supported, gdb_cmd_attached, gdb_cmd_no_ack, gdb_cmd_detach,
    gdb_cmd_kill;
/* gdb_target.c */
gdb_handler gdb_cmd_xfer_features, gdb_cmd_read_regs, gdb_cmd_write_regs, gdb_cmd_read_reg,
    gdb_cmd_write_reg;
/* gdb_threads.c */
gdb_handler gdb_cmd_set_thread, gdb_cmd_thread_alive, gdb_cmd_current_thread,
    gdb_cmd_first_threads, gdb_cmd_more_threads, gdb_cmd_thread_extra, gdb_cmd_xfer_threads;
/* gdb_mem.c */
gdb_handler gdb_cmd_read_mem, gdb_cmd_write_mem, gdb_cmd_write_bin;
/* gdb_points.c */
gdb_handler gdb_cmd_insert_point, gdb_cmd_remove_point;
/* gdb_run.c */
gdb_handler gdb_cmd_why, gdb_cmd_step, gdb_cmd_continue, gdb_cmd_vcont_query, gdb_cmd_vcont,
    gdb_cmd_back_step, gdb_cmd_back_continue;
/* gdb_monitor.c */
gdb_handler gdb_cmd_monitor;

/* gdb_threads.c: the slot of the thread GDB reports as current (the one
 * on the CPU, else the first that exists), -1 when none exists; the
 * slot GDB's general thread names, -1 when it is gone; GDB's id of a
 * slot. */
int gdb_current_slot(struct gdb_stub *st);
int gdb_selected_slot(struct gdb_stub *st);
unsigned gdb_thread_id(int slot);

/* gdb_points.c: the kind GDB gave the point with this session id, 0 when
 * the stub did not set it; deleting what GDB left set. */
char gdb_point_kind(const struct gdb_stub *st, int id);
void gdb_points_drop(struct gdb_stub *st);

/* gdb_run.c: the stop reply for Ctrl-C, at the current position. */
void gdb_reply_interrupt(struct gdb_stub *st);

#endif
