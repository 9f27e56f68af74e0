/*
 * svc_scan.c - the calls a partition's code makes (see svc_scan.h).
 *
 * The code is walked by sim/thumb_code.c: every executable section, past
 * literal pools when mapping symbols mark them, whole when the file is
 * stripped of them (then data can only look like more svc instructions:
 * more calls, or every call, never fewer).
 *
 * Encodings (ARMv7-M ARM, A7.7): SVC T1 is 1101 1111 imm8; MOV (immediate)
 * T2 is 1111 0i00 010S 1111 / 0 imm3 Rd imm8, the value i:imm3:imm8
 * expanded, which is imm8 itself when i:imm3 is 0 (every other form is a
 * value of 256 or more: no call); MOVW T3 is 1111 0i10 0100 imm4 /
 * 0 imm3 Rd imm8.  IT (1011 1111 cond mask, mask not 0) makes the next
 * one to four instructions conditional.
 */
#include "svc_scan.h"

#include "abi.h"
#include "thumb_code.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define NOT_A_CALL 0x100u /* a value past every call number */

static bool is_svc(const struct thumb_insn *in)
{
    return in->len == 2 && (in->hw1 & 0xff00) == 0xdf00;
}

/* How many instructions an IT instruction makes conditional; 0 if IN is
 * not one (mask 0 is a hint: NOP, YIELD, ...). */
static unsigned it_length(const struct thumb_insn *in)
{
    unsigned mask = in->hw1 & 0xfu;
    if (in->len != 2 || (in->hw1 & 0xff00) != 0xbf00 || mask == 0)
        return 0;
    return 4 - (unsigned)__builtin_ctz(mask);
}

/* The value `mov r12, #imm` sets, or -1 when IN is not such a mov. */
static int64_t mov_r12_value(const struct thumb_insn *in)
{
    if (in->len != 4 || (in->hw2 & 0x8f00) != 0x0c00) /* bit 15 clear, Rd r12 */
        return -1;
    uint32_t i = (in->hw1 >> 10) & 1, imm3 = (in->hw2 >> 12) & 7, imm8 = in->hw2 & 0xff;
    if ((in->hw1 & 0xfbef) == 0xf04f) /* MOV.W / MOVS.W T2 */
        return i == 0 && imm3 == 0 ? imm8 : NOT_A_CALL;
    if ((in->hw1 & 0xfbf0) == 0xf240) /* MOVW T3 */
        return (int64_t)((in->hw1 & 0xfu) << 12 | i << 11 | imm3 << 8 | imm8);
    return -1;
}

/* The walk's state: the instruction before the current one. */
struct scan {
    struct svc_calls *out;
    struct thumb_insn prev;
    bool prev_conditional;
    unsigned it_left; /* instructions the last IT still covers */
};

static bool give_up(struct scan *s, const struct thumb_section *sec,
                    const struct thumb_insn *in, const char *why)
{
    s->out->all = true;
    s->out->at = sec->addr + in->offset;
    snprintf(s->out->section, sizeof s->out->section, "%s", sec->name);
    s->out->why = why;
    return false;
}

/* An svc: its number from the mov before it, or every call. */
static bool take_call(struct scan *s, const struct thumb_section *sec,
                      const struct thumb_insn *in)
{
    if ((in->hw1 & 0xffu) != FEN_SVC_IMM)
        return give_up(s, sec, in, "an svc with another immediate than the runtime's");
    int64_t n = in->first ? -1 : mov_r12_value(&s->prev);
    if (n < 0)
        return give_up(s, sec, in, "an svc not directly after `mov r12, #<number>`");
    if (s->prev_conditional)
        return give_up(s, sec, in, "an svc after a conditional `mov r12` (in an IT block)");
    if (n < 64)
        s->out->mask |= (uint64_t)1 << n;
    return true;
}

static bool visit(void *ctx, const struct thumb_section *sec, const struct thumb_insn *in)
{
    struct scan *s = ctx;
    if (in->first)
        s->it_left = 0;
    bool conditional = s->it_left > 0;
    if (conditional)
        s->it_left--;
    if (is_svc(in) && !take_call(s, sec, in))
        return false;
    if (it_length(in))
        s->it_left = it_length(in);
    s->prev = *in;
    s->prev_conditional = conditional;
    return true;
}

bool svc_scan_file(const char *path, struct svc_calls *out, char *err, unsigned errlen)
{
    *out = (struct svc_calls){0};
    if (elf_version(EV_CURRENT) == EV_NONE) {
        snprintf(err, errlen, "libelf: %s", elf_errmsg(-1));
        return false;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    Elf *e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
    GElf_Ehdr eh;
    bool ok = false;
    if (!e || !gelf_getehdr(e, &eh))
        snprintf(err, errlen, "%s: not an ELF file: %s", path, elf_errmsg(-1));
    else if (eh.e_machine != EM_ARM)
        snprintf(err, errlen, "%s: not an ARM ELF file (machine %u)", path, eh.e_machine);
    else {
        struct scan s = {.out = out};
        ok = thumb_walk_elf(e, path, visit, &s, err, errlen) != THUMB_WALK_ERROR;
    }
    if (e)
        elf_end(e);
    close(fd);
    return ok;
}
