/*
 * demux.h - splits the firmware's console byte stream into console text
 * and trace records (arch/armv7m/trace_out.c; docs/boards.md, "The trace
 * on the console"): a record is STX, a kind letter, hex digits, ETX;
 * every other byte is console text.
 */
#ifndef FENESTRA_QEMU_DEMUX_H
#define FENESTRA_QEMU_DEMUX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace.h"

#define DEMUX_PAYLOAD_MAX 64 /* hex digits */

struct demux_record {
    char kind;                 /* 'T' event, 'E' end of run */
    size_t len;                /* payload bytes decoded */
    uint8_t bytes[DEMUX_PAYLOAD_MAX / 2];
};

struct demux {
    bool in_record;
    bool bad;                  /* a non-hex digit in the record */
    size_t digits;
    char hex[DEMUX_PAYLOAD_MAX + 1];
    char kind;
    uint64_t malformed;        /* records dropped */
};

enum demux_out { DEMUX_NONE, DEMUX_TEXT, DEMUX_RECORD };

/* Feeds one byte: DEMUX_TEXT when it is console text (in *text),
 * DEMUX_RECORD when it completed a well-formed record (in *rec). */
enum demux_out demux_feed(struct demux *d, uint8_t byte, char *text,
                          struct demux_record *rec);

/* A 'T' record's 24 bytes as the event (docs/formats.md, little-endian);
 * false when the length is wrong. */
bool demux_event(const struct demux_record *rec, struct trace_event *e);

/* An 'E' record: the end cycle and the reason (0 frames reached, 1 the
 * module halted, 2 kernel panic). */
bool demux_end(const struct demux_record *rec, uint64_t *cycle, unsigned *reason);

#endif
