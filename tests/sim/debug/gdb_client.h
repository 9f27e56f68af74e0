/*
 * gdb_client.h - the client side of the GDB remote protocol, written
 * independently of the stub for its tests: a TCP connection to
 * 127.0.0.1, packets framed and checked by hand, and a stub started in a
 * thread over a fake session.  Every wait has a timeout, so a stub that
 * hangs fails the test instead of blocking it.
 */
#ifndef FENESTRA_TESTS_GDB_CLIENT_H
#define FENESTRA_TESTS_GDB_CLIENT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct dbg_session;

struct gdb_server {
    pthread_t thread;
    struct dbg_session *s;
    FILE *log;           /* the stub's log: a temporary file */
    unsigned port;
    bool ok;             /* gdb_serve's result */
    char err[160];
    char listen_line[128];
    char log_text[4096]; /* the start of the log, read by server_join */
};

struct gdb_client {
    int fd;
    bool no_ack;
    size_t len;               /* of the last reply */
    char reply[0x10000];      /* unescaped, NUL-terminated */
};

/* Starts gdb_serve(s, 0, ...) in a thread and reads the port it prints. */
void server_start(struct gdb_server *sv, struct dbg_session *s);
/* Waits for gdb_serve to return (the client must have ended first) and
 * reads its log into log_text. */
void server_join(struct gdb_server *sv);

void client_connect(struct gdb_client *c, unsigned port);
void client_close(struct gdb_client *c);
void client_send_raw(struct gdb_client *c, const void *data, size_t len);
/* The next byte from the stub; -1 on timeout or end. */
int client_byte(struct gdb_client *c, int timeout_ms);
/* Frames data as a packet with a good checksum; in ack mode, expects '+'. */
void client_send(struct gdb_client *c, const char *data, size_t len);
/* The next packet from the stub (checksum checked, acked in ack mode). */
const char *client_recv(struct gdb_client *c);
/* client_send of a string, then client_recv. */
const char *client_cmd(struct gdb_client *c, const char *packet);
/* Hex of a string, into out. */
void client_hex(char *out, const char *text);
/* The text O packets carried, up to the final reply (returned). */
const char *client_monitor(struct gdb_client *c, const char *cmd, char *text, size_t cap);

#endif
