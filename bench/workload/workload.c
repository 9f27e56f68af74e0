/*
 * workload.c - see workload.h.  Kept in its own translation unit, with the
 * seed and the buffer coming from the caller, so that no round can be
 * computed at compile time.
 */
#include "workload.h"

/* Marsaglia's xorshift32; 0 is its one fixed point, so avoid it. */
static uint32_t xorshift32(uint32_t x)
{
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
}

static void fill(uint32_t *buf, uint32_t n, uint32_t seed)
{
    uint32_t x = seed ? seed : 0x9e3779b9u;

    for (uint32_t i = 0; i < n; i++) {
        x = xorshift32(x);
        buf[i] = x;
    }
}

static void insertion_sort(uint32_t *buf, uint32_t n)
{
    for (uint32_t i = 1; i < n; i++) {
        uint32_t v = buf[i];
        uint32_t j = i;
        while (j > 0 && buf[j - 1] > v) {
            buf[j] = buf[j - 1];
            j--;
        }
        buf[j] = v;
    }
}

/* CRC-32 (polynomial 0xEDB88320 reflected, init and final xor ~0), one bit
 * at a time, over each word's bytes from least significant: the same
 * bytes on a host of either endianness. */
static uint32_t crc32_words(const uint32_t *buf, uint32_t n)
{
    uint32_t crc = 0xffffffffu;

    for (uint32_t i = 0; i < n; i++) {
        for (unsigned byte = 0; byte < 4; byte++) {
            crc ^= (buf[i] >> (8 * byte)) & 0xffu;
            for (unsigned bit = 0; bit < 8; bit++)
                crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

uint32_t workload_run(uint32_t *buf, uint32_t n, uint32_t seed)
{
    fill(buf, n, seed);
    insertion_sort(buf, n);
    return crc32_words(buf, n);
}
