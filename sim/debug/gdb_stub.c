/* gdb_stub.c - the GDB server's socket, packet loop and dispatch (see
 * gdb_stub.h; the handlers are listed in gdb_cmd.h). */
#define _POSIX_C_SOURCE 200809L /* sockets */

#include "gdb_stub.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gdb_cmd.h"

/* ---- dispatch ---------------------------------------------------------- */

struct command {
    const char *name;
    bool exact; /* the whole packet, else its beginning */
    gdb_handler *fn;
};

/* GDB's packets by name; the first that matches is taken, so a name that
 * begins another comes after it. */
static const struct command commands[] = {
    {"qSupported", false, gdb_cmd_supported},
    {"qXfer:features:read:", false, gdb_cmd_xfer_features},
    {"qXfer:threads:read:", false, gdb_cmd_xfer_threads},
    {"qfThreadInfo", true, gdb_cmd_first_threads},
    {"qsThreadInfo", true, gdb_cmd_more_threads},
    {"qC", true, gdb_cmd_current_thread},
    {"qThreadExtraInfo,", false, gdb_cmd_thread_extra},
    {"qRcmd,", false, gdb_cmd_monitor},
    {"qAttached", false, gdb_cmd_attached},
    {"QStartNoAckMode", true, gdb_cmd_no_ack},
    {"vCont?", true, gdb_cmd_vcont_query},
    {"vCont;", false, gdb_cmd_vcont},
    {"vKill", false, gdb_cmd_detach},
    {"bs", true, gdb_cmd_back_step},
    {"bc", true, gdb_cmd_back_continue},
    {"?", true, gdb_cmd_why},
    {"g", true, gdb_cmd_read_regs},
    {"G", false, gdb_cmd_write_regs},
    {"p", false, gdb_cmd_read_reg},
    {"P", false, gdb_cmd_write_reg},
    {"m", false, gdb_cmd_read_mem},
    {"M", false, gdb_cmd_write_mem},
    {"X", false, gdb_cmd_write_bin},
    {"Z", false, gdb_cmd_insert_point},
    {"z", false, gdb_cmd_remove_point},
    {"s", false, gdb_cmd_step},
    {"c", false, gdb_cmd_continue},
    {"H", false, gdb_cmd_set_thread},
    {"T", false, gdb_cmd_thread_alive},
    {"D", false, gdb_cmd_detach},
    {"k", true, gdb_cmd_kill},
};

/* Runs the packet's handler; an unknown packet gets the empty reply,
 * which tells GDB it is not supported. */
static void dispatch(struct gdb_stub *st, size_t len)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        const struct command *c = &commands[i];
        size_t n = strlen(c->name);
        if (len < n || memcmp(st->packet, c->name, n) != 0 || (c->exact && len != n))
            continue;
        struct gdb_scan args = gdb_scan_of(st->packet + n, len - n);
        c->fn(st, &args);
        return;
    }
}

bool gdb_console(struct gdb_stub *st, const char *text, size_t len)
{
    enum { PIECE = 512 };
    char pkt[1 + 2 * PIECE];

    while (len > 0) {
        size_t n = len < PIECE ? len : PIECE;
        pkt[0] = 'O';
        gdb_hex_encode(pkt + 1, text, n);
        if (!gdb_packet_send(&st->conn, pkt, 1 + 2 * n))
            return false;
        text += n;
        len -= n;
    }
    return true;
}

/* ---- the packet loop --------------------------------------------------- */

/* Reads one packet (or Ctrl-C) and leaves its answer in st->reply. */
static void handle_next(struct gdb_stub *st)
{
    size_t len = 0;

    gdb_reply_clear(&st->reply);
    st->no_reply = false;
    switch (gdb_packet_read(&st->conn, st->packet, sizeof st->packet, &len)) {
    case GDB_READ_PACKET:
        dispatch(st, len);
        break;
    case GDB_READ_INTERRUPT:
        gdb_reply_interrupt(st);
        break;
    case GDB_READ_TOO_LONG:
        gdb_reply_error(&st->reply, GDB_E_TOO_LONG);
        break;
    case GDB_READ_CLOSED:
        st->done = true;
        st->end = "the client disconnected";
        st->no_reply = true;
        break;
    }
}

static void serve(struct gdb_stub *st)
{
    while (!st->done) {
        handle_next(st);
        if (st->no_reply)
            continue;
        if (!gdb_packet_send(&st->conn, st->reply.buf, st->reply.len)) {
            st->done = true;
            st->end = "the connection failed";
        }
    }
}

/* ---- the socket -------------------------------------------------------- */

static void fail(char *err, unsigned errlen, const char *what)
{
    if (err && errlen)
        snprintf(err, errlen, "gdb: %s: %s", what, strerror(errno));
}

/* A socket listening on 127.0.0.1 only (a debugger can change the run and
 * read all of memory: it is never offered to the network); -1 on error. */
static int listen_local(unsigned port, unsigned *bound, char *err, unsigned errlen)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    socklen_t alen = sizeof a;
    int one = 1;

    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        fail(err, errlen, "socket");
        return -1;
    }
    (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 1) < 0 ||
        getsockname(fd, (struct sockaddr *)&a, &alen) < 0) {
        fail(err, errlen, "cannot listen on 127.0.0.1");
        close(fd);
        return -1;
    }
    *bound = ntohs(a.sin_port);
    return fd;
}

static int accept_one(int lfd, char *err, unsigned errlen)
{
    int fd, one = 1;

    do
        fd = accept(lfd, NULL, NULL);
    while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        fail(err, errlen, "accept");
        return -1;
    }
    /* Packets are small and answered one by one: do not wait to fill. */
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static void serve_connection(struct dbg_session *s, int fd, FILE *log)
{
    struct gdb_stub *st = calloc(1, sizeof *st);

    if (!st) {
        fprintf(log, "gdb: out of memory\n");
        return;
    }
    st->s = s;
    st->log = log;
    gdb_conn_init(&st->conn, fd);
    fprintf(log, "gdb: client connected\n");
    fflush(log);
    serve(st);
    gdb_points_drop(st);
    fprintf(log, "gdb: %s\n", st->end);
    fflush(log);
    free(st);
}

bool gdb_serve(struct dbg_session *s, unsigned port, FILE *log, char *err, unsigned errlen)
{
    unsigned bound = 0;

    if (!log)
        log = stderr;
    if (port > 65535) {
        if (err && errlen)
            snprintf(err, errlen, "gdb: port %u is not a TCP port (0-65535)", port);
        return false;
    }
    int lfd = listen_local(port, &bound, err, errlen);
    if (lfd < 0)
        return false;
    fprintf(log, "gdb: listening on 127.0.0.1:%u\n", bound);
    fflush(log);
    int fd = accept_one(lfd, err, errlen);
    close(lfd);
    if (fd < 0)
        return false;
    serve_connection(s, fd, log);
    close(fd);
    return true;
}
