/*
 * console.h - the system console.  Each line is prefixed with the virtual
 * time and the name of the partition that wrote it (or "kernel"), so output
 * of the simulator, QEMU and a board can be compared line by line.
 */
#ifndef FENESTRA_CONSOLE_H
#define FENESTRA_CONSOLE_H

#include "kstate.h"

/* Writes text on behalf of p (NULL: the kernel). */
void console_write(struct part *p, const char *buf, uint32_t len);

/* Appends the decimal form of v to buf; returns the length (<= 20). */
uint32_t console_fmt_u64(char *buf, uint64_t v);

/* Appends "0x" and 8 hex digits. */
uint32_t console_fmt_hex32(char *buf, uint32_t v);

/* Appends the NUL-terminated s; returns its length. */
uint32_t console_fmt_str(char *buf, const char *s);

#endif
