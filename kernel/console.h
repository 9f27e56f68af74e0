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

/* Room for the longest kernel line: a report_message line, with two names
 * and the message, or a fault report. */
#define CONSOLE_LINE_MAX 192

/* A kernel line being put together (console_line_add). */
struct console_line {
    uint32_t len;
    bool cut; /* text did not fit: the line ends in "...\n" */
    char text[CONSOLE_LINE_MAX];
};

/* Appends fmt to l, with its conversions: %s a string, %u a decimal (32
 * bits), %x "0x" and eight hex digits, %% a percent sign (any other
 * character after a % is kept as written).  One formatter
 * called once per piece keeps the reports small on a board: helpers
 * inlined at every piece cost its kernel about 1 KB. */
void console_line_add(struct console_line *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends len bytes of s, a newline in them as a space (a message stays on
 * its line). */
void console_line_text(struct console_line *l, const char *s, uint32_t len);

/* Writes l as the kernel's text; a cut line ends in "...\n". */
void console_line_write(struct console_line *l);

/* One whole kernel line: console_line_add and console_line_write. */
void console_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
