/* symbols.c - partition symbols for the debugger (`break main`,
 * `x/4xw counter`), read from the partitions' ELF files with libelf. */
#include "session_impl.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The value of `name` in the symbol table of one ELF file. */
static bool elf_lookup(const char *path, const char *name, uint32_t *addr)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return false;
    if (elf_version(EV_CURRENT) == EV_NONE) {
        close(fd);
        return false;
    }
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    bool found = false;
    for (Elf_Scn *scn = NULL; e && !found && (scn = elf_nextscn(e, scn));) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        for (size_t i = 0; d && i < sh.sh_size / sh.sh_entsize; i++) {
            GElf_Sym sym;
            const char *n = gelf_getsym(d, (int)i, &sym)
                                ? elf_strptr(e, sh.sh_link, sym.st_name) : NULL;
            if (n && !strcmp(n, name) && sym.st_shndx != SHN_UNDEF) {
                *addr = (uint32_t)sym.st_value;
                if (GELF_ST_TYPE(sym.st_info) == STT_FUNC)
                    *addr &= ~1u; /* the Thumb bit is not part of the address */
                found = true;
                break;
            }
        }
    }
    if (e)
        elf_end(e);
    close(fd);
    return found;
}

bool dbg_symbol(const struct dbg_session *s, const char *name, uint32_t *addr)
{
    const char *colon = strchr(name, ':');
    const struct cfg_system *sys = s->m->sys;
    char path[4096];
    for (uint8_t i = 0; i < sys->num_partitions; i++) {
        const char *part = sys->partitions[i].name;
        if (colon && (strlen(part) != (size_t)(colon - name) || strncmp(part, name, (size_t)(colon - name))))
            continue;
        snprintf(path, sizeof path, "%s/%s.elf", s->opt.elf_dir, part);
        if (elf_lookup(path, colon ? colon + 1 : name, addr))
            return true;
    }
    return false;
}
