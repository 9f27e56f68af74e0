/*
 * thumb_code.c - the Thumb code of an ELF file (see thumb_code.h).
 *
 * In Thumb-2 (ARMv7-M ARM, A5.1) the first halfword of an instruction says
 * whether it is 16 or 32 bits long (icount.h's thumb_insn_len), so code is
 * read from the start of each range, one instruction after another.
 */
#include "thumb_code.h"

#include "icount.h"

#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>

static uint16_t halfword(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

/* Thumb code in [start, end); false when the visitor stopped. */
static bool walk_range(const uint8_t *code, uint64_t start, uint64_t end,
                       const struct thumb_section *sec, thumb_visit_fn visit, void *ctx)
{
    struct thumb_insn in = {.offset = (start + 1) & ~(uint64_t)1, .first = true};
    for (; in.offset + 2 <= end; in.offset += in.len, in.first = false) {
        in.hw1 = halfword(code + in.offset);
        in.len = (uint8_t)thumb_insn_len(in.hw1);
        if (in.offset + in.len > end)
            return true; /* cut by the range's end: not an instruction */
        in.hw2 = in.len == 4 ? halfword(code + in.offset + 2) : 0;
        if (!visit(ctx, sec, &in))
            return false;
    }
    return true;
}

static int by_offset(const void *a, const void *b)
{
    uint64_t x = ((const struct thumb_mark *)a)->offset;
    uint64_t y = ((const struct thumb_mark *)b)->offset;
    return (x > y) - (x < y);
}

static uint64_t clip(uint64_t offset, size_t len) { return offset < len ? offset : len; }

bool thumb_walk(const uint8_t *code, size_t len, struct thumb_mark *marks, size_t n,
                const struct thumb_section *sec, thumb_visit_fn visit, void *ctx)
{
    if (n == 0)
        return walk_range(code, 0, len, sec, visit, ctx);
    qsort(marks, n, sizeof *marks, by_offset);
    /* Before the first mark: a section normally starts with one, and
     * partitions are Thumb code, so anything there is read as code. */
    if (!walk_range(code, 0, clip(marks[0].offset, len), sec, visit, ctx))
        return false;
    for (size_t i = 0; i < n; i++) {
        uint64_t end = i + 1 < n ? clip(marks[i + 1].offset, len) : len;
        if (marks[i].thumb &&
            !walk_range(code, clip(marks[i].offset, len), end, sec, visit, ctx))
            return false;
    }
    return true;
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
                          struct thumb_mark *marks, size_t room)
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
        marks[count++] = (struct thumb_mark){.offset = s.st_value - sec->sh_addr, .thumb = thumb};
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

/* The walk as far as one section goes. */
struct elf_walk {
    Elf *e;
    Elf_Scn *symtab;
    struct thumb_mark *marks;
    size_t room;
    const char *path;
    thumb_visit_fn visit;
    void *ctx;
    char *err;
    unsigned errlen;
};

static enum thumb_walk_rc walk_section(const struct elf_walk *w, Elf_Scn *scn)
{
    GElf_Shdr sh;
    size_t shstrndx;
    if (!gelf_getshdr(scn, &sh) || elf_getshdrstrndx(w->e, &shstrndx) != 0) {
        snprintf(w->err, w->errlen, "%s: cannot read section headers: %s", w->path,
                 elf_errmsg(-1));
        return THUMB_WALK_ERROR;
    }
    if (!(sh.sh_flags & SHF_EXECINSTR) || sh.sh_type != SHT_PROGBITS || sh.sh_size == 0)
        return THUMB_WALK_DONE;
    const char *name = elf_strptr(w->e, shstrndx, sh.sh_name);
    Elf_Data *d = elf_getdata(scn, NULL);
    long n = w->symtab
                 ? section_marks(w->e, w->symtab, elf_ndxscn(scn), &sh, w->marks, w->room)
                 : 0;
    if (!d || n < 0 || (d->d_size && !d->d_buf)) {
        snprintf(w->err, w->errlen, "%s: cannot read section %s or its symbols: %s", w->path,
                 name ? name : "?", elf_errmsg(-1));
        return THUMB_WALK_ERROR;
    }
    struct thumb_section sec = {.name = name ? name : "?", .addr = sh.sh_addr};
    return thumb_walk(d->d_buf, d->d_size, w->marks, (size_t)n, &sec, w->visit, w->ctx)
               ? THUMB_WALK_DONE
               : THUMB_WALK_STOPPED;
}

enum thumb_walk_rc thumb_walk_elf(Elf *e, const char *path, thumb_visit_fn visit, void *ctx,
                                  char *err, unsigned errlen)
{
    struct elf_walk w = {.e = e, .path = path, .visit = visit, .ctx = ctx,
                         .err = err, .errlen = errlen};
    w.symtab = find_symtab(e, &w.room);
    w.marks = calloc(w.room ? w.room : 1, sizeof *w.marks);
    if (!w.marks) {
        snprintf(err, errlen, "%s: out of memory for %zu symbols", path, w.room);
        return THUMB_WALK_ERROR;
    }
    enum thumb_walk_rc rc = THUMB_WALK_DONE;
    for (Elf_Scn *s = elf_nextscn(e, NULL); s && rc == THUMB_WALK_DONE; s = elf_nextscn(e, s))
        rc = walk_section(&w, s);
    free(w.marks);
    return rc;
}
