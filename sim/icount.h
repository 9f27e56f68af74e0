/*
 * icount.h - guest instructions per translated block.
 *
 * Unicorn's block hook gives a block's address and size in bytes, not its
 * instruction count; the clock needs the count.  Thumb-2 instructions are 2
 * or 4 bytes and the first halfword tells which, so a block is decoded once
 * and its count cached by (address, size).
 */
#ifndef FENESTRA_SIM_ICOUNT_H
#define FENESTRA_SIM_ICOUNT_H

#include <stdbool.h>
#include <stdint.h>

#define ICOUNT_SLOTS 4096 /* a power of two */

struct icount_slot {
    uint32_t addr;
    uint16_t size;  /* a block is at most 512 instructions */
    uint16_t count;
};

struct sim_icount {
    struct icount_slot slot[ICOUNT_SLOTS];
};

/* Length in bytes (2 or 4) of the Thumb instruction starting with hw. */
static inline uint32_t thumb_insn_len(uint16_t hw)
{
    return (hw & 0xf800) >= 0xe800 ? 4 : 2;
}

/* Instructions in the code at host pointer `code` of `size` bytes. */
uint32_t icount_decode(const uint8_t *code, uint32_t size);

/* The cache slot for the block at addr; a hit when slot->addr == addr and
 * slot->size == size.  Inline: it runs before every translated block. */
static inline struct icount_slot *icount_slot(struct sim_icount *ic, uint32_t addr)
{
    /* Bits 13 and up folded in: partitions usually sit at 64 KiB strides,
     * and the same offset in each must not share a slot. */
    return &ic->slot[((addr >> 1) ^ (addr >> 13)) & (ICOUNT_SLOTS - 1)];
}

/* Fills a slot after a miss: decodes the block's code (host pointer). */
uint32_t icount_fill(struct icount_slot *s, uint32_t addr, const uint8_t *code,
                     uint32_t size);

/* True when one of the first k instructions at `code` is an IT
 * instruction (which makes the following ones conditional). */
bool icount_has_it(const uint8_t *code, uint64_t k);

/* Bytes taken by the first k instructions of the code at `code`. */
uint32_t icount_advance(const uint8_t *code, uint64_t k);

#endif
