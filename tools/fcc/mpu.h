/*
 * mpu.h - the ARMv7-M MPU's (PMSAv7) region encodings, as pure functions.
 *
 * A PMSAv7 region is 2^k bytes (k = 5..32) at a base aligned to its size.
 * A region of 256 bytes or more has 8 equal subregions, each of which can
 * be disabled (SRD bit i disables the i-th eighth, lowest address = bit
 * 0).  fcc only uses contiguous runs of enabled subregions, so an encoding
 * grants one contiguous extent: the whole region (k < 8) or its enabled
 * subregions (k >= 8).  Addresses and sizes are uint64_t so that k = 32
 * (a region ending at 4 GiB) needs no special case.
 */
#ifndef FCC_MPU_H
#define FCC_MPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FCC_MPU_MIN_LOG2 5      /* 32 bytes */
#define FCC_MPU_MAX_LOG2 32     /* 4 GiB */
#define FCC_MPU_SUBREGION_LOG2 8 /* regions of 256 bytes and up have them */
#define FCC_MPU_GRANULE 32      /* app memory bases and sizes: multiples */

struct fcc_mpu_enc {
    uint64_t mpu_base; /* the region's base, aligned to 2^log2 */
    unsigned log2;     /* FCC_MPU_MIN_LOG2..FCC_MPU_MAX_LOG2 */
    unsigned first;    /* first enabled subregion (0 when log2 < 8) */
    unsigned count;    /* enabled subregions, 1..8 (8 when log2 < 8) */
    uint8_t srd;       /* subregion disable bits (0 when log2 < 8) */
    uint64_t base;     /* the granted extent: first byte */
    uint64_t size;     /* the granted extent: bytes */
};

/* The encoding of least waste (granted bytes beyond size) that grants all
 * of [base, base + size), ties to the smaller region.  For each k the
 * region is the one holding base (mpu_base = base rounded down to 2^k);
 * with subregions, those that intersect the range are enabled.  Needs
 * size > 0 and base + size <= 2^32; there is always an encoding (k = 32
 * covers everything). */
void fcc_mpu_encode_at(uint64_t base, uint64_t size, struct fcc_mpu_enc *e);

/* The encoding of least waste for `size` bytes anywhere: for k < 8 the
 * whole region (2^k >= size), for k >= 8 the first ceil(size / (2^k/8))
 * subregions (at most 8); ties to the smaller region.  The encoding is at
 * mpu_base 0; fcc_mpu_move() puts it elsewhere.  Needs
 * 0 < size <= 2^32. */
void fcc_mpu_encode_size(uint64_t size, struct fcc_mpu_enc *e);

/* Moves e to the region base mb (a multiple of 2^e->log2). */
void fcc_mpu_move(struct fcc_mpu_enc *e, uint64_t mb);

/* Describes e for messages: "a 128B region at 0x20000000" or "a 64KiB
 * region at 0x20100000, subregions 0-4"; without " at ..." when
 * with_base is false. */
void fcc_mpu_describe(const struct fcc_mpu_enc *e, bool with_base, char *buf,
                      size_t size);

#endif
