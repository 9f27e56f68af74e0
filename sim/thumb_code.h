/*
 * thumb_code.h - walks the Thumb code of an ELF file one instruction at a
 * time.  Two readers share it: the simulator's refusal of FP code
 * (fp_scan.c) and the build's list of the system calls a partition makes
 * (tools/svcscan).
 *
 * Literal pools inside code are skipped by the mapping symbols ($t code,
 * $d data, $a ARM code) the compiler and lld leave in .symtab; a file
 * without them (stripped) is read whole as Thumb code.
 */
#ifndef FENESTRA_SIM_THUMB_CODE_H
#define FENESTRA_SIM_THUMB_CODE_H

#include <libelf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where a mapping symbol says Thumb code ($t) or anything else ($d data,
 * $a ARM code, which an M-profile CPU cannot run) begins, as an offset in
 * its section. */
struct thumb_mark {
    uint64_t offset;
    bool thumb;
};

/* One instruction: its offset in its section, its halfwords (hw2 is 0 for
 * a 16-bit one), and whether it opens a range of code (after data, or at a
 * section's start): no instruction of the walk runs straight into it. */
struct thumb_insn {
    uint64_t offset;
    uint16_t hw1, hw2;
    uint8_t len;
    bool first;
};

/* The section being walked, for messages. */
struct thumb_section {
    const char *name;
    uint64_t addr;
};

/* Called for each instruction in address order; false stops the walk. */
typedef bool (*thumb_visit_fn)(void *ctx, const struct thumb_section *sec,
                               const struct thumb_insn *in);

/* Walks a section's LEN bytes: the Thumb ranges that MARKS give (sorted
 * here, in place), or the whole of it with no marks.  An instruction cut
 * by its range's end is not one.  False when VISIT stopped the walk. */
bool thumb_walk(const uint8_t *code, size_t len, struct thumb_mark *marks, size_t n,
                const struct thumb_section *sec, thumb_visit_fn visit, void *ctx);

enum thumb_walk_rc {
    THUMB_WALK_DONE,    /* every executable section walked */
    THUMB_WALK_STOPPED, /* the visitor stopped it */
    THUMB_WALK_ERROR,   /* unreadable: ERR names PATH and what */
};

/* Walks every executable section of E (file PATH, for messages). */
enum thumb_walk_rc thumb_walk_elf(Elf *e, const char *path, thumb_visit_fn visit, void *ctx,
                                  char *err, unsigned errlen);

#endif
