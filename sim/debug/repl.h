/* repl.h - the debugger's command line (commands: `help`, docs/debugging.md). */
#ifndef FENESTRA_SIM_DEBUG_REPL_H
#define FENESTRA_SIM_DEBUG_REPL_H

#include <stdbool.h>
#include <stdio.h>

#include "config.h"
#include "session.h"

/* Reads commands from `in` until quit or its end, answering on `out`
 * (prompt: show a prompt; else echo each command, for a transcript).
 * Returns 0, or 1 when any command failed or the replay diverged. */
int repl_run(struct dbg_session *s, const struct cfg_system *sys, FILE *in, FILE *out,
             bool prompt);

#endif
