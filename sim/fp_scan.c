/*
 * fp_scan.c - FP instructions in a partition's ELF (see fp_scan.h).
 *
 * Why the code and not the build attributes: a partition compiled with
 * -mfpu=... records Tag_FP_arch in its objects' .ARM.attributes, but lld
 * does not merge attribute sections, it keeps the first input's: a linked
 * partition carries user/crt0's Cortex-M3 attributes, without Tag_FP_arch,
 * whatever its other objects were built for (checked on tests/fw/fpu's
 * alpha.elf).  And what matters here is whether the code touches the FPU,
 * which also covers assembly (tests/fw/fpu/peek.S) and FP flags that
 * produced no FP instruction.
 *
 * In Thumb-2 (ARMv7-M ARM, A5.3) the 32-bit instructions whose first
 * halfword is 111x 11xx xxxx xxxx are the coprocessor instructions, and the
 * coprocessor number is bits 11:8 of the second halfword.  Coprocessors 10
 * and 11 are the FPU (VLDR, VMOV, VMRS, VADD, ...).  thumb_code.c walks the
 * code, past literal pools.
 */
#include "fp_scan.h"

#include <stdio.h>

static bool is_fp(uint16_t hw1, uint16_t hw2)
{
    return (hw1 & 0xec00) == 0xec00 && ((hw2 >> 8) & 0xe) == 0xa;
}

/* Stops the walk at the first FP instruction, kept in ctx. */
static bool visit(void *ctx, const struct thumb_section *sec, const struct thumb_insn *in)
{
    (void)sec;
    if (in->len != 4 || !is_fp(in->hw1, in->hw2))
        return true;
    *(struct sim_fp_hit *)ctx = (struct sim_fp_hit){.offset = in->offset, .hw1 = in->hw1,
                                                    .hw2 = in->hw2};
    return false;
}

bool sim_fp_find(const uint8_t *code, size_t len, struct thumb_mark *marks, size_t n,
                 struct sim_fp_hit *hit)
{
    struct thumb_section sec = {.name = "", .addr = 0};
    return !thumb_walk(code, len, marks, n, &sec, visit, hit);
}

/* Where the ELF walk stopped: the instruction and its section. */
struct found {
    struct sim_fp_hit hit;
    struct thumb_section sec;
};

static bool visit_elf(void *ctx, const struct thumb_section *sec, const struct thumb_insn *in)
{
    struct found *f = ctx;
    f->sec = *sec;
    return visit(&f->hit, sec, in);
}

bool sim_fp_check(Elf *e, const char *part, const char *path, char *err, unsigned errlen)
{
    struct found f;
    enum thumb_walk_rc rc = thumb_walk_elf(e, path, visit_elf, &f, err, errlen);
    if (rc != THUMB_WALK_STOPPED)
        return rc == THUMB_WALK_DONE;
    snprintf(err, errlen,
             "partition %s (%s) uses the FPU: instruction 0x%04x%04x (coprocessor %u) at "
             "0x%08llx in %s; the simulator has one FP register file for every thread, so "
             "floating point runs as firmware only: run it with ./fenestra qemu "
             "(docs/boards.md, \"Floating point\")",
             part, path, f.hit.hw1, f.hit.hw2, (f.hit.hw2 >> 8) & 0xfu,
             (unsigned long long)(f.sec.addr + f.hit.offset), f.sec.name);
    return false;
}
