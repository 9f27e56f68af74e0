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
 * In Thumb-2 (ARMv7-M ARM, A5.3) a halfword whose top five bits are 11101,
 * 11110 or 11111 begins a 32-bit instruction; of those, 111x 11xx xxxx xxxx
 * are the coprocessor instructions, and the coprocessor number is bits
 * 11:8 of the second halfword.  Coprocessors 10 and 11 are the FPU (VLDR,
 * VMOV, VMRS, VADD, ...).  Literal pools inside code are skipped by the
 * mapping symbols ($t, $d) the compiler and lld leave in .symtab; a file
 * without them is scanned whole as Thumb code.
 */
#include "fp_scan.h"

#include "icount.h"

#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint16_t halfword(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static bool is_fp(uint16_t hw1, uint16_t hw2)
{
    return (hw1 & 0xec00) == 0xec00 && ((hw2 >> 8) & 0xe) == 0xa;
}

/* Thumb code in [start, end): one instruction after another. */
static bool scan_thumb(const uint8_t *code, uint64_t start, uint64_t end, struct sim_fp_hit *hit)
{
    uint64_t at = (start + 1) & ~(uint64_t)1;
    while (at + 2 <= end) {
        uint16_t hw1 = halfword(code + at);
        if (thumb_insn_len(hw1) == 2) {
            at += 2;
            continue;
        }
        if (at + 4 > end)
            return false; /* cut by the range's end: not an instruction */
        uint16_t hw2 = halfword(code + at + 2);
        if (is_fp(hw1, hw2)) {
            *hit = (struct sim_fp_hit){.offset = at, .hw1 = hw1, .hw2 = hw2};
            return true;
        }
        at += 4;
    }
    return false;
}

static int by_offset(const void *a, const void *b)
{
    uint64_t x = ((const struct sim_fp_mark *)a)->offset;
    uint64_t y = ((const struct sim_fp_mark *)b)->offset;
    return (x > y) - (x < y);
}

static uint64_t clip(uint64_t offset, size_t len) { return offset < len ? offset : len; }

bool sim_fp_find(const uint8_t *code, size_t len, struct sim_fp_mark *marks, size_t n,
                 struct sim_fp_hit *hit)
{
    if (n == 0)
        return scan_thumb(code, 0, len, hit);
    qsort(marks, n, sizeof *marks, by_offset);
    /* Before the first mark: a section normally starts with one, and
     * partitions are Thumb code, so anything there is scanned as code. */
    if (scan_thumb(code, 0, clip(marks[0].offset, len), hit))
        return true;
    for (size_t i = 0; i < n; i++) {
        uint64_t end = i + 1 < n ? clip(marks[i + 1].offset, len) : len;
        if (marks[i].thumb && scan_thumb(code, clip(marks[i].offset, len), end, hit))
            return true;
    }
    return false;
}

/* --- the ELF file --------------------------------------------------------- */

/* "$t", "$t.<n>" (Thumb code), "$d", "$a", ... : a mapping symbol. */
static bool mapping_symbol(const char *name, bool *thumb)
{
    if (!name || name[0] != '$' || !name[1] || (name[2] && name[2] != '.'))
        return false;
    *thumb = name[1] == 't';
    return name[1] == 't' || name[1] == 'd' || name[1] == 'a';
}

/* The mapping symbols of section SECNDX (at ADDR, SIZE bytes) into MARKS
 * (room for every symbol); their count, or -1 when the table is unreadable. */
static long section_marks(Elf *e, Elf_Scn *symtab, size_t secndx, const GElf_Shdr *sec,
                          struct sim_fp_mark *marks, size_t room)
{
    GElf_Shdr sh;
    Elf_Data *d = gelf_getshdr(symtab, &sh) ? elf_getdata(symtab, NULL) : NULL;
    if (!d || sh.sh_entsize == 0)
        return -1;
    size_t count = 0, total = d->d_size / sh.sh_entsize;
    for (size_t i = 0; i < total && count < room; i++) {
        GElf_Sym s;
        bool thumb;
        if (!gelf_getsym(d, (int)i, &s))
            return -1;
        if (s.st_shndx != secndx || s.st_value < sec->sh_addr ||
            s.st_value - sec->sh_addr > sec->sh_size ||
            !mapping_symbol(elf_strptr(e, sh.sh_link, s.st_name), &thumb))
            continue;
        marks[count++] = (struct sim_fp_mark){.offset = s.st_value - sec->sh_addr, .thumb = thumb};
    }
    return (long)count;
}

static Elf_Scn *find_symtab(Elf *e, size_t *nsyms)
{
    for (Elf_Scn *s = elf_nextscn(e, NULL); s; s = elf_nextscn(e, s)) {
        GElf_Shdr sh;
        if (gelf_getshdr(s, &sh) && sh.sh_type == SHT_SYMTAB && sh.sh_entsize) {
            *nsyms = sh.sh_size / sh.sh_entsize;
            return s;
        }
    }
    *nsyms = 0;
    return NULL;
}

static bool check_section(Elf *e, Elf_Scn *scn, Elf_Scn *symtab, struct sim_fp_mark *marks,
                          size_t room, const char *part, const char *path, char *err,
                          unsigned errlen)
{
    GElf_Shdr sh;
    size_t shstrndx;
    if (!gelf_getshdr(scn, &sh) || elf_getshdrstrndx(e, &shstrndx) != 0) {
        snprintf(err, errlen, "%s: cannot read section headers: %s", path, elf_errmsg(-1));
        return false;
    }
    if (!(sh.sh_flags & SHF_EXECINSTR) || sh.sh_type != SHT_PROGBITS || sh.sh_size == 0)
        return true;
    const char *name = elf_strptr(e, shstrndx, sh.sh_name);
    Elf_Data *d = elf_getdata(scn, NULL);
    long n = symtab ? section_marks(e, symtab, elf_ndxscn(scn), &sh, marks, room) : 0;
    if (!d || n < 0 || (d->d_size && !d->d_buf)) {
        snprintf(err, errlen, "%s: cannot read section %s or its symbols: %s", path,
                 name ? name : "?", elf_errmsg(-1));
        return false;
    }
    struct sim_fp_hit hit;
    if (!sim_fp_find(d->d_buf, d->d_size, marks, (size_t)n, &hit))
        return true;
    snprintf(err, errlen,
             "partition %s (%s) uses the FPU: instruction 0x%04x%04x (coprocessor %u) at "
             "0x%08llx in %s; the simulator has one FP register file for every thread, so "
             "floating point runs as firmware only: run it with ./fenestra qemu "
             "(docs/boards.md, \"Floating point\")",
             part, path, hit.hw1, hit.hw2, (hit.hw2 >> 8) & 0xfu,
             (unsigned long long)(sh.sh_addr + hit.offset), name ? name : "?");
    return false;
}

bool sim_fp_check(Elf *e, const char *part, const char *path, char *err, unsigned errlen)
{
    size_t room;
    Elf_Scn *symtab = find_symtab(e, &room);
    struct sim_fp_mark *marks = calloc(room ? room : 1, sizeof *marks);
    if (!marks) {
        snprintf(err, errlen, "%s: out of memory for %zu symbols", path, room);
        return false;
    }
    bool ok = true;
    for (Elf_Scn *s = elf_nextscn(e, NULL); s && ok; s = elf_nextscn(e, s))
        ok = check_section(e, s, symtab, marks, room, part, path, err, errlen);
    free(marks);
    return ok;
}
