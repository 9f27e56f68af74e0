/*
 * console.h - the system console.  Each line is prefixed with the virtual
 * time and the name of the partition that wrote it (or "kernel"), so output
 * of the simulator, QEMU and a board can be compared line by line.
 */
#ifndef FENESTRA_CONSOLE_H
#define FENESTRA_CONSOLE_H

#include "console_line.h"
#include "kstate.h"

/* Writes text on behalf of p (NULL: the kernel). */
void console_write(struct part *p, const char *buf, uint32_t len);

/* Writes l as the kernel's text; a cut line ends in "...\n". */
void console_line_write(struct console_line *l);

/* One whole kernel line: console_line_add and console_line_write. */
void console_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
