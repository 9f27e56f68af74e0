/*
 * event_codec.h - a kernel event as a DATA record encodes it (format
 * version 2, docs/formats.md "Event record").
 *
 * An event storm records about a million events per host second, so the
 * record is small and cheap to make: a sizes byte, the four byte fields
 * as they are, then the cycle (as the difference to the previous event of
 * the same chunk) and the three arguments (zigzag, so small negative
 * return codes stay small) in as few whole bytes as their values need,
 * 1/2/4/8 for the cycle and 0/1/2/4 for an argument.  The sizes byte
 * holds those widths, two bits each, so encoding and decoding take no
 * data-dependent branch (a LEB128 number mispredicts once per value).
 * Typical events take 10 to 12 bytes where a fixed layout takes 25.
 *
 * The difference restarts from cycle 0 in every chunk, so a chunk decodes
 * on its own.  The sizes byte says the record's length before any field is
 * read, and every value of it is valid.
 */
#ifndef FENESTRA_SIM_EVENT_CODEC_H
#define FENESTRA_SIM_EVENT_CODEC_H

#include <stdint.h>
#include <string.h>

#include "trace.h"

/* The largest event after its kind byte: sizes, four bytes, 8 + 3 * 4. */
#define REC_EVENT_MAX (1 + 4 + 8 + 3 * 4)
/* Bytes a reader's buffer must hold past a chunk's end: a field is loaded
 * as eight bytes and masked to its width. */
#define REC_EVENT_SLACK 8

/* Width code (two bits) -> bytes, and bytes a value needs -> width code. */
static const uint8_t rec_cycle_width[4] = {1, 2, 4, 8};
static const uint8_t rec_arg_width[4] = {0, 1, 2, 4};
static const uint8_t rec_cycle_code[9] = {0, 0, 1, 2, 2, 3, 3, 3, 3};
static const uint8_t rec_arg_code[5] = {0, 1, 2, 3, 3};

/* Zigzag: 0, -1, 1, -2 ... as 0, 1, 2, 3 ..., on the two's complement. */
static inline uint32_t rec_zigzag32(uint32_t v)
{
    return (v << 1) ^ (0u - (v >> 31));
}

static inline uint32_t rec_unzigzag32(uint32_t z)
{
    return (z >> 1) ^ (0u - (z & 1));
}

static inline uint64_t rec_zigzag64(uint64_t v)
{
    return (v << 1) ^ (0ull - (v >> 63));
}

static inline uint64_t rec_unzigzag64(uint64_t z)
{
    return (z >> 1) ^ (0ull - (z & 1));
}

/* Bytes needed for v: 0 for 0. */
static inline unsigned rec_bytes_of(uint64_t v)
{
    unsigned bits = v ? 64u - (unsigned)__builtin_clzll(v) : 0u;
    return (bits + 7) / 8;
}

/* Writes the low `width` bytes of v, little-endian; may write up to 8
 * (the caller's room covers REC_EVENT_MAX + 8). */
static inline uint8_t *rec_put_le(uint8_t *p, uint64_t v, unsigned width)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(p, &v, 8);
#else
    for (unsigned i = 0; i < width; i++)
        p[i] = (uint8_t)(v >> (8 * i));
#endif
    return p + width;
}

/* The `width` bytes at p, little-endian; reads 8 (REC_EVENT_SLACK). */
static inline uint64_t rec_get_le(const uint8_t *p, unsigned width)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    memcpy(&v, p, 8);
    return width == 8 ? v : v & ((1ull << (8 * width)) - 1);
#else
    uint64_t v = 0;
    for (unsigned i = 0; i < width; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
#endif
}

/* Encodes ev after the kind byte; *last is the previous event's cycle in
 * this chunk (0 at its start) and becomes ev's.  Needs REC_EVENT_MAX + 8
 * bytes of room at p. */
static inline uint8_t *rec_event_encode(uint8_t *p, const struct trace_event *ev,
                                        uint64_t *last)
{
    uint64_t d = rec_zigzag64(ev->cycle - *last);
    uint32_t a[3] = {rec_zigzag32(ev->a0), rec_zigzag32(ev->a1), rec_zigzag32(ev->a2)};
    unsigned cd = rec_cycle_code[rec_bytes_of(d)];
    unsigned c0 = rec_arg_code[rec_bytes_of(a[0])];
    unsigned c1 = rec_arg_code[rec_bytes_of(a[1])];
    unsigned c2 = rec_arg_code[rec_bytes_of(a[2])];
    *last = ev->cycle;
    p[0] = (uint8_t)(cd | c0 << 2 | c1 << 4 | c2 << 6);
    p[1] = ev->type;
    p[2] = ev->part;
    p[3] = ev->thread;
    p[4] = ev->flags;
    p = rec_put_le(p + 5, d, rec_cycle_width[cd]);
    p = rec_put_le(p, a[0], rec_arg_width[c0]);
    p = rec_put_le(p, a[1], rec_arg_width[c1]);
    return rec_put_le(p, a[2], rec_arg_width[c2]);
}

/* The encoded length of the event whose sizes byte is s (kind byte not
 * included). */
static inline unsigned rec_event_length(uint8_t s)
{
    return 5u + rec_cycle_width[s & 3] + rec_arg_width[s >> 2 & 3] +
           rec_arg_width[s >> 4 & 3] + rec_arg_width[s >> 6 & 3];
}

/* Decodes an event of rec_event_length(p[0]) bytes that starts after its
 * kind byte (the caller checked that it fits its chunk). */
static inline void rec_event_decode(const uint8_t *p, struct trace_event *ev,
                                    uint64_t *last)
{
    uint8_t s = p[0];
    unsigned wd = rec_cycle_width[s & 3];
    unsigned w0 = rec_arg_width[s >> 2 & 3];
    unsigned w1 = rec_arg_width[s >> 4 & 3];
    unsigned w2 = rec_arg_width[s >> 6 & 3];
    ev->type = p[1];
    ev->part = p[2];
    ev->thread = p[3];
    ev->flags = p[4];
    p += 5;
    ev->cycle = *last + rec_unzigzag64(rec_get_le(p, wd));
    *last = ev->cycle;
    p += wd;
    ev->a0 = rec_unzigzag32((uint32_t)rec_get_le(p, w0));
    p += w0;
    ev->a1 = rec_unzigzag32((uint32_t)rec_get_le(p, w1));
    p += w1;
    ev->a2 = rec_unzigzag32((uint32_t)rec_get_le(p, w2));
}

#endif
