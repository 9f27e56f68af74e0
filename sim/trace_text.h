/*
 * trace_text.h - one line of text per kernel event, as `run --events`
 * prints it: "@<cycle> <kind> key=value ...".  Stable and greppable: tests
 * and tools parse it.
 */
#ifndef FENESTRA_SIM_TRACE_TEXT_H
#define FENESTRA_SIM_TRACE_TEXT_H

#include <stddef.h>

#include "config.h"
#include "trace.h"

void trace_text(const struct cfg_system *s, const struct trace_event *e,
                char *buf, size_t len);

/* A system call's name ("send_queuing_message"); NULL for no call. */
const char *trace_syscall_name(unsigned number);

#endif
