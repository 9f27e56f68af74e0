/* loader.c - partition ELF loading with libelf (see loader.h). */
#include "loader.h"

#include "fp_scan.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static bool in_partition(const struct cfg_partition *p, uint64_t addr,
                         uint64_t len)
{
    for (uint8_t i = 0; i < p->num_regions; i++) {
        const struct cfg_region *r = &p->regions[i];
        if (addr >= r->base && addr + len <= (uint64_t)r->base + r->size)
            return true;
    }
    return len == 0;
}

static bool check_header(Elf *e, const struct cfg_partition *p, const char *path,
                         char *err, unsigned errlen)
{
    GElf_Ehdr eh;
    if (elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh)) {
        snprintf(err, errlen, "%s: not an ELF file", path);
        return false;
    }
    if (eh.e_ident[EI_CLASS] != ELFCLASS32 || eh.e_ident[EI_DATA] != ELFDATA2LSB ||
        eh.e_machine != EM_ARM || eh.e_type != ET_EXEC) {
        snprintf(err, errlen, "%s: not a 32-bit little-endian ARM executable", path);
        return false;
    }
    if (eh.e_entry != p->entry) {
        snprintf(err, errlen,
                 "%s: entry point 0x%08llx, but partition %s must start at 0x%08x "
                 "(its code region's base; link with the generated script)",
                 path, (unsigned long long)eh.e_entry, p->name, p->entry);
        return false;
    }
    return true;
}

/* Copies one PT_LOAD segment to its load address (the LMA: initial data is
 * copied to its run address by the partition's crt0, as on the board). */
static bool load_segment(struct sim_mem *m, Elf *e, const GElf_Phdr *ph, int idx,
                         const struct cfg_partition *p, const char *path,
                         char *err, unsigned errlen)
{
    if (!in_partition(p, ph->p_paddr, ph->p_filesz) ||
        !in_partition(p, ph->p_vaddr, ph->p_memsz)) {
        snprintf(err, errlen,
                 "%s: segment %d (load 0x%08llx, run 0x%08llx, %llu bytes) lies "
                 "outside partition %s's memory",
                 path, idx, (unsigned long long)ph->p_paddr,
                 (unsigned long long)ph->p_vaddr, (unsigned long long)ph->p_memsz,
                 p->name);
        return false;
    }
    if (ph->p_filesz == 0)
        return true;
    size_t size = 0;
    char *image = elf_rawfile(e, &size);
    uint8_t *dst = sim_mem_host(m, (uint32_t)ph->p_paddr, (uint32_t)ph->p_filesz);
    if (!image || ph->p_offset + ph->p_filesz > size || !dst) {
        snprintf(err, errlen, "%s: segment %d is truncated or unmappable", path, idx);
        return false;
    }
    memcpy(dst, image + ph->p_offset, ph->p_filesz);
    return true;
}

static bool load_segments(struct sim_mem *m, Elf *e, const struct cfg_partition *p,
                          const char *path, char *err, unsigned errlen)
{
    size_t n;
    if (elf_getphdrnum(e, &n) != 0) {
        snprintf(err, errlen, "%s: cannot read program headers: %s", path,
                 elf_errmsg(-1));
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(e, (int)i, &ph)) {
            snprintf(err, errlen, "%s: bad program header %zu", path, i);
            return false;
        }
        if (ph.p_type == PT_LOAD &&
            !load_segment(m, e, &ph, (int)i, p, path, err, errlen))
            return false;
    }
    return true;
}

bool sim_load_partition(struct sim_mem *m, const struct cfg_partition *p,
                        const char *path, char *err, unsigned errlen)
{
    if (elf_version(EV_CURRENT) == EV_NONE) {
        snprintf(err, errlen, "libelf: %s", elf_errmsg(-1));
        return false;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errlen, "partition %s: cannot open %s: %s", p->name, path,
                 strerror(errno));
        return false;
    }
    /* Mapped: with ELF_C_READ, libelf (0.188) copies the sections that
     * sim_fp_check reads into buffers elf_end does not free (LSan). */
    Elf *e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
    bool ok = e && check_header(e, p, path, err, errlen) &&
              sim_fp_check(e, p->name, path, err, errlen) &&
              load_segments(m, e, p, path, err, errlen);
    if (!e)
        snprintf(err, errlen, "%s: %s", path, elf_errmsg(-1));
    if (e)
        elf_end(e);
    close(fd);
    return ok;
}
