/*
 * fp_scan.h - finds floating-point instructions in a partition's ELF file.
 * The simulator keeps no per-thread FP state (Unicorn runs VFP code on one
 * register file that every thread shares), so it refuses a partition whose
 * code contains one (docs/boards.md, "Floating point").
 */
#ifndef FENESTRA_SIM_FP_SCAN_H
#define FENESTRA_SIM_FP_SCAN_H

#include "thumb_code.h"

/* The first FP instruction found: its offset and its two halfwords. */
struct sim_fp_hit {
    uint64_t offset;
    uint16_t hw1, hw2;
};

/* Scans a section's LEN bytes for a 32-bit Thumb instruction of coprocessor
 * 10 or 11 (VFP), in the Thumb ranges that MARKS give (sorted here, in
 * place); with no marks the whole section is Thumb code.  True, with HIT
 * set, when one is found. */
bool sim_fp_find(const uint8_t *code, size_t len, struct thumb_mark *marks, size_t n,
                 struct sim_fp_hit *hit);

/* True when no executable section of E has an FP instruction.  Otherwise
 * false, with ERR naming partition PART, PATH, the instruction and where
 * it is; also false, with ERR naming PATH, when the sections or symbols
 * cannot be read. */
bool sim_fp_check(Elf *e, const char *part, const char *path, char *err, unsigned errlen);

#endif
