/*
 * console_line.h - one line of kernel text put together piece by piece
 * with a small printf-like formatter.  Plain data: the kernel's reports
 * (console.h), the console prefix and the firmware console's loss marker
 * (arch/armv7m/console_ring.c) share it, and host tests run it alone.
 */
#ifndef FENESTRA_CONSOLE_LINE_H
#define FENESTRA_CONSOLE_LINE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

/* Room for the longest kernel line: a report_message line, with two names
 * and the message, or a fault report. */
#define CONSOLE_LINE_MAX 192

/* A kernel line being put together (console_line_start, then
 * console_line_add). */
struct console_line {
    uint32_t len;
    bool cut; /* text did not fit: the line ends in "...\n" */
    char text[CONSOLE_LINE_MAX];
};

/* Starts l empty.  Its text is not cleared, since only the first len
 * bytes count: clearing it cost a board 192 byte stores a line. */
static inline void console_line_start(struct console_line *l)
{
    l->len = 0;
    l->cut = false;
}

/* Appends fmt to l, with its conversions: %s a string, %u a decimal (32
 * bits; %llu 64 bits), %x "0x" and eight hex digits, %% a percent sign.
 * A decimal may have a width, right-aligned with spaces ("%5u") or zeros
 * ("%06u").  Any other character after a % is kept as written.  One
 * formatter called once per piece keeps the reports small on a board:
 * helpers inlined at every piece cost its kernel about 1 KB. */
void console_line_add(struct console_line *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* console_line_add with the arguments in a va_list. */
void console_line_vadd(struct console_line *l, const char *fmt, va_list ap);

/* Appends len bytes of s, a newline in them as a space (a message stays on
 * its line). */
void console_line_text(struct console_line *l, const char *s, uint32_t len);

#endif
