/* gdb_client.c - a test client for the GDB stub (see gdb_client.h). */
#define _DEFAULT_SOURCE /* usleep; poll, pread */

#include "gdb_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "gdb_stub.h"

#define TIMEOUT_MS 5000

static void *server_main(void *arg)
{
    struct gdb_server *sv = arg;

    sv->ok = gdb_serve(sv->s, 0, sv->log, sv->err, sizeof sv->err);
    return NULL;
}

/* The first line of the stub's log, once it is there (the stub flushes
 * it); the log is a file, so the stub never waits for the test to read. */
static void read_listen_line(struct gdb_server *sv)
{
    for (int tries = 0; tries < TIMEOUT_MS; tries++) {
        ssize_t n = pread(fileno(sv->log), sv->listen_line, sizeof sv->listen_line - 1, 0);
        if (n > 0) {
            sv->listen_line[n] = '\0';
            char *nl = strchr(sv->listen_line, '\n');
            if (nl) {
                nl[1] = '\0';
                return;
            }
        }
        usleep(1000);
    }
    fail_msg("no line from the stub in its log");
}

void server_start(struct gdb_server *sv, struct dbg_session *s)
{
    memset(sv, 0, sizeof *sv);
    sv->s = s;
    sv->log = tmpfile();
    assert_non_null(sv->log);
    assert_int_equal(pthread_create(&sv->thread, NULL, server_main, sv), 0);
    read_listen_line(sv);
    assert_int_equal(sscanf(sv->listen_line, "gdb: listening on 127.0.0.1:%u", &sv->port), 1);
    assert_true(sv->port > 0 && sv->port < 65536);
}

void server_join(struct gdb_server *sv)
{
    assert_int_equal(pthread_join(sv->thread, NULL), 0);
    fflush(sv->log);
    ssize_t n = pread(fileno(sv->log), sv->log_text, sizeof sv->log_text - 1, 0);
    sv->log_text[n > 0 ? n : 0] = '\0';
    fclose(sv->log);
}

void client_connect(struct gdb_client *c, unsigned port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};

    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    c->fd = socket(AF_INET, SOCK_STREAM, 0);
    c->no_ack = false;
    assert_true(c->fd >= 0);
    assert_int_equal(connect(c->fd, (struct sockaddr *)&a, sizeof a), 0);
    /* As GDB does: an ack and the next packet go out at once, not after
     * the stub's delayed ACK. */
    int one = 1;
    assert_int_equal(setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one), 0);
}

void client_close(struct gdb_client *c)
{
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
}

void client_send_raw(struct gdb_client *c, const void *data, size_t len)
{
    const char *p = data;

    while (len > 0) {
        ssize_t n = send(c->fd, p, len, MSG_NOSIGNAL);
        assert_true(n > 0);
        p += n;
        len -= (size_t)n;
    }
}

int client_byte(struct gdb_client *c, int timeout_ms)
{
    struct pollfd p = {.fd = c->fd, .events = POLLIN};
    unsigned char b;

    if (poll(&p, 1, timeout_ms) <= 0)
        return -1;
    return recv(c->fd, &b, 1, 0) == 1 ? b : -1;
}

void client_send(struct gdb_client *c, const char *data, size_t len)
{
    char *f = malloc(len + 5);
    unsigned sum = 0;

    f[0] = '$';
    for (size_t i = 0; i < len; i++)
        sum += (unsigned char)data[i];
    memcpy(f + 1, data, len);
    snprintf(f + 1 + len, 4, "#%02x", sum & 0xff);
    client_send_raw(c, f, len + 4);
    free(f);
    if (!c->no_ack)
        assert_int_equal(client_byte(c, TIMEOUT_MS), '+');
}

static int hexval(int ch)
{
    return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

const char *client_recv(struct gdb_client *c)
{
    int b;
    unsigned sum = 0;
    bool esc = false;

    do
        b = client_byte(c, TIMEOUT_MS);
    while (b >= 0 && b != '$');
    assert_int_equal(b, '$');
    c->len = 0;
    while ((b = client_byte(c, TIMEOUT_MS)) != '#') {
        assert_true(b >= 0);
        assert_true(b != '$');
        sum += (unsigned)b;
        if (!esc && b == '}') {
            esc = true;
            continue;
        }
        assert_true(c->len + 1 < sizeof c->reply);
        c->reply[c->len++] = (char)(esc ? b ^ 0x20 : b);
        esc = false;
    }
    int hi = hexval(client_byte(c, TIMEOUT_MS)), lo = hexval(client_byte(c, TIMEOUT_MS));
    assert_true(hi >= 0 && lo >= 0);
    assert_int_equal((unsigned)(hi << 4 | lo), sum & 0xff);
    c->reply[c->len] = '\0';
    if (!c->no_ack)
        client_send_raw(c, "+", 1);
    return c->reply;
}

const char *client_cmd(struct gdb_client *c, const char *packet)
{
    client_send(c, packet, strlen(packet));
    return client_recv(c);
}

void client_hex(char *out, const char *text)
{
    for (; *text; text++, out += 2)
        sprintf(out, "%02x", (unsigned char)*text);
    *out = '\0';
}

const char *client_monitor(struct gdb_client *c, const char *cmd, char *text, size_t cap)
{
    char pkt[600] = "qRcmd,";
    size_t n = 0;

    client_hex(pkt + strlen(pkt), cmd);
    client_send(c, pkt, strlen(pkt));
    for (;;) {
        const char *r = client_recv(c);
        if (r[0] != 'O' || strcmp(r, "OK") == 0)
            break;
        for (size_t i = 1; r[i] && r[i + 1] && n + 1 < cap; i += 2)
            text[n++] = (char)(hexval(r[i]) << 4 | hexval(r[i + 1]));
    }
    text[n] = '\0';
    return c->reply;
}
