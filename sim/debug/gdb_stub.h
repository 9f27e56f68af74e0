/*
 * gdb_stub.h - a GDB remote serial protocol server for one debugging
 * session (docs/gdb.md): `target remote :PORT` in gdb-multiarch reads
 * registers, threads and memory, sets breakpoints and watchpoints, and
 * steps and continues forwards and backwards (reverse-stepi,
 * reverse-continue) through the session of session.h.
 */
#ifndef FENESTRA_SIM_DEBUG_GDB_STUB_H
#define FENESTRA_SIM_DEBUG_GDB_STUB_H

#include <stdbool.h>
#include <stdio.h>

#include "session.h"

/* Listens on 127.0.0.1:port only (port 0: a free one), writes
 * "gdb: listening on 127.0.0.1:NNNN" to log (stderr when NULL), accepts
 * one connection and serves it until the client detaches, kills or
 * disconnects; the session is left where GDB left it.  False, with the
 * reason in err, when no connection could be served (the port is taken,
 * accepting failed). */
bool gdb_serve(struct dbg_session *s, unsigned port, FILE *log, char *err, unsigned errlen);

#endif
