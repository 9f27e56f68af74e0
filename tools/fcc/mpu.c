/*
 * mpu.c - choosing PMSAv7 encodings for memory ranges.
 *
 * Both encoders try every region size and keep the one of least waste,
 * so the choice is easy to predict by hand: docs/config.md walks through
 * examples, and tests/unit/fcc/test_mpu.c checks them.
 */
#include "mpu.h"

#include <inttypes.h>
#include <stdio.h>

#include "units.h"

/* Enabled subregions first..first+count-1 of a region with subregions:
 * the SRD bits that disable all the others. */
static uint8_t srd_of(unsigned first, unsigned count)
{
    unsigned enabled = ((1u << count) - 1u) << first;
    return (uint8_t)(~enabled & 0xFFu);
}

/* The encoding of [base, base + size) in the 2^k region holding base;
 * false when that region does not reach base + size. */
static bool encode_in(uint64_t base, uint64_t size, unsigned k,
                     struct fcc_mpu_enc *e)
{
    uint64_t len = (uint64_t)1 << k;
    uint64_t mb = base & ~(len - 1);
    if (base + size > mb + len)
        return false;
    if (k < FCC_MPU_SUBREGION_LOG2) {
        *e = (struct fcc_mpu_enc){ mb, k, 0, 8, 0, mb, len };
        return true;
    }
    uint64_t sub = len / 8;
    unsigned first = (unsigned)((base - mb) / sub);
    unsigned last = (unsigned)((base + size - 1 - mb) / sub);
    *e = (struct fcc_mpu_enc){ mb, k, first, last - first + 1,
                               srd_of(first, last - first + 1),
                               mb + first * sub, (last - first + 1) * sub };
    return true;
}

void fcc_mpu_encode_at(uint64_t base, uint64_t size, struct fcc_mpu_enc *e)
{
    bool found = false;
    for (unsigned k = FCC_MPU_MIN_LOG2; k <= FCC_MPU_MAX_LOG2; k++) {
        struct fcc_mpu_enc c;
        if (encode_in(base, size, k, &c) && (!found || c.size < e->size)) {
            *e = c;
            found = true;
        }
    }
}

/* The encoding of size bytes in a 2^k region at 0, first subregions
 * enabled; false when it does not fit. */
static bool encode_size_in(uint64_t size, unsigned k,
                           struct fcc_mpu_enc *e)
{
    uint64_t len = (uint64_t)1 << k;
    if (k < FCC_MPU_SUBREGION_LOG2) {
        *e = (struct fcc_mpu_enc){ 0, k, 0, 8, 0, 0, len };
        return size <= len;
    }
    uint64_t sub = len / 8;
    uint64_t n = (size + sub - 1) / sub;
    if (n > 8)
        return false;
    *e = (struct fcc_mpu_enc){ 0, k, 0, (unsigned)n, srd_of(0, (unsigned)n),
                               0, n * sub };
    return true;
}

void fcc_mpu_encode_size(uint64_t size, struct fcc_mpu_enc *e)
{
    bool found = false;
    for (unsigned k = FCC_MPU_MIN_LOG2; k <= FCC_MPU_MAX_LOG2; k++) {
        struct fcc_mpu_enc c;
        if (encode_size_in(size, k, &c) && (!found || c.size < e->size)) {
            *e = c;
            found = true;
        }
    }
}

void fcc_mpu_move(struct fcc_mpu_enc *e, uint64_t mb)
{
    e->base = e->base - e->mpu_base + mb;
    e->mpu_base = mb;
}

void fcc_mpu_describe(const struct fcc_mpu_enc *e, bool with_base,
                      char *buf, size_t size)
{
    char len[32], at[32] = "", subs[40] = "";
    fcc_format_size((uint64_t)1 << e->log2, len, sizeof(len));
    if (with_base)
        snprintf(at, sizeof(at), " at 0x%08" PRIX64, e->mpu_base);
    if (e->log2 >= FCC_MPU_SUBREGION_LOG2 && e->count == 1)
        snprintf(subs, sizeof(subs), ", subregion %u", e->first);
    else if (e->log2 >= FCC_MPU_SUBREGION_LOG2)
        snprintf(subs, sizeof(subs), ", subregions %u-%u", e->first,
                 e->first + e->count - 1);
    snprintf(buf, size, "%s %s region%s%s", len[0] == '8' ? "an" : "a", len,
             at, subs);
}
