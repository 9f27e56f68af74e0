/*
 * gdb_hex.h - the GDB remote protocol's numbers and byte strings: hex
 * digits, and a scanner that reads a packet's fields without trusting
 * them (every read is bounded by the packet's end, every number by a
 * maximum), so a malformed packet is refused, never overrun.
 */
#ifndef FENESTRA_SIM_DEBUG_GDB_HEX_H
#define FENESTRA_SIM_DEBUG_GDB_HEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The value of one hex digit, -1 for any other character. */
int gdb_hex_digit(int c);

/* Writes 2 * n lowercase hex digits for the bytes of `in` (no NUL). */
void gdb_hex_encode(char *out, const void *in, size_t n);

/* A packet's unread part: [p, end). */
struct gdb_scan {
    const char *p, *end;
};

struct gdb_scan gdb_scan_of(const char *data, size_t len);
size_t gdb_scan_left(const struct gdb_scan *sc);
bool gdb_scan_at_end(const struct gdb_scan *sc);
/* Consumes c (or the string lit) when the input starts with it. */
bool gdb_scan_char(struct gdb_scan *sc, char c);
bool gdb_scan_lit(struct gdb_scan *sc, const char *lit);
/* A hex number of at least one digit, at most `max` (leading zeros are
 * fine: the value decides). */
bool gdb_scan_hex(struct gdb_scan *sc, uint64_t max, uint64_t *value);
/* Exactly n bytes written as 2 * n hex digits. */
bool gdb_scan_bytes(struct gdb_scan *sc, void *out, size_t n);
/* A 32-bit word in the target's order (little-endian): 8 hex digits. */
bool gdb_scan_word_le(struct gdb_scan *sc, uint32_t *value);

#endif
