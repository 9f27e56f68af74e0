/* scenario.c - in-process app runs for tests (see scenario.h). */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include "scenario.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "machine.h"
#include "port.h"

static void keep_event(void *user, const struct trace_event *ev)
{
    struct scenario *s = user;
    if ((s->num_ev & (s->num_ev - 1)) == 0 || s->num_ev == 0) {
        size_t cap = s->num_ev ? s->num_ev * 2 : 64;
        s->ev = realloc(s->ev, cap * sizeof *s->ev);
        if (!s->ev)
            abort();
    }
    s->ev[s->num_ev++] = *ev;
}

void scenario_run(struct scenario *s, const char *elf_dir, uint64_t frames)
{
    static struct sim_machine m;
    char err[512];
    uint32_t peek = s->peek_addr;
    struct scenario_peek peeks[SCENARIO_MAX_PEEKS];
    size_t num_peeks = s->num_peeks;
    const char *stimulus = s->stimulus;
    memcpy(peeks, s->peeks, sizeof peeks);
    memset(s, 0, sizeof *s);
    s->peek_addr = peek;
    s->num_peeks = num_peeks;
    s->stimulus = stimulus;
    for (size_t i = 0; i < num_peeks; i++)
        s->peeks[i] = (struct scenario_peek){peeks[i].addr, peeks[i].len, NULL};
    FILE *console = open_memstream(&s->console, &s->console_len);
    if (!console || !sim_machine_init(&m, &cfg_system, elf_dir, console, stderr, err,
                                      sizeof err)) {
        fprintf(stderr, "scenario: %s\n", err);
        abort();
    }
    if (stimulus && !sim_machine_load_stimulus(&m, stimulus, err, sizeof err)) {
        fprintf(stderr, "scenario: %s\n", err);
        abort();
    }
    m.on_event = keep_event;
    m.event_user = s;
    port_run(&m, frames * cfg_system.schedule->major_frame);
    s->insns = m.clock.insns;
    s->cycles = m.clock.now;
    s->kernel_entries = m.clock.kernel_entries;
    const uint8_t *word = peek ? sim_mem_host(&m.mem, peek, 4) : NULL;
    if (word)
        memcpy(&s->peek_value, word, 4);
    for (size_t i = 0; i < s->num_peeks; i++) {
        struct scenario_peek *p = &s->peeks[i];
        const uint8_t *host = p->len ? sim_mem_host(&m.mem, p->addr, p->len) : NULL;
        if (!host)
            continue;
        p->bytes = malloc(p->len);
        if (!p->bytes)
            abort();
        memcpy(p->bytes, host, p->len);
    }
    sim_machine_free(&m);
    fclose(console);
}

void scenario_free(struct scenario *s)
{
    free(s->console);
    free(s->ev);
    for (size_t i = 0; i < s->num_peeks; i++)
        free(s->peeks[i].bytes);
}

size_t scenario_peek(struct scenario *s, uint32_t addr, uint32_t len)
{
    if (s->num_peeks == SCENARIO_MAX_PEEKS)
        abort();
    s->peeks[s->num_peeks] = (struct scenario_peek){addr, len, NULL};
    return s->num_peeks++;
}

/* The value of `symbol` in the symbol table of an open ELF, if there. */
static int find_symbol(Elf *e, const char *symbol, uint32_t *value)
{
    for (Elf_Scn *scn = elf_nextscn(e, NULL); scn; scn = elf_nextscn(e, scn)) {
        GElf_Shdr sh;
        Elf_Data *d = gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB
                          ? elf_getdata(scn, NULL)
                          : NULL;
        for (size_t i = 0; d && sh.sh_entsize && i < sh.sh_size / sh.sh_entsize; i++) {
            GElf_Sym sym;
            const char *name = gelf_getsym(d, (int)i, &sym)
                                   ? elf_strptr(e, sh.sh_link, sym.st_name)
                                   : NULL;
            if (name && strcmp(name, symbol) == 0) {
                *value = (uint32_t)sym.st_value;
                return 1;
            }
        }
    }
    return 0;
}

uint32_t scenario_symbol(const char *elf_dir, const char *part, const char *symbol)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.elf", elf_dir, part);
    int fd = open(path, O_RDONLY);
    Elf *e = fd >= 0 && elf_version(EV_CURRENT) != EV_NONE
                 ? elf_begin(fd, ELF_C_READ, NULL)
                 : NULL;
    uint32_t value = 0;
    int found = e && find_symbol(e, symbol, &value);
    if (e)
        elf_end(e);
    if (fd >= 0)
        close(fd);
    if (!found) {
        fprintf(stderr, "scenario: no symbol %s in %s\n", symbol, path);
        abort();
    }
    return value;
}

long scenario_find(const struct scenario *s, size_t from, uint8_t type, int part)
{
    for (size_t i = from; i < s->num_ev; i++) {
        if (s->ev[i].type == type && (part < 0 || s->ev[i].part == part))
            return (long)i;
    }
    return -1;
}

long scenario_find_flags(const struct scenario *s, size_t from, uint8_t type, int part,
                         uint8_t flags)
{
    for (long i = scenario_find(s, from, type, part); i >= 0;
         i = scenario_find(s, (size_t)i + 1, type, part))
        if (s->ev[i].flags == flags)
            return i;
    return -1;
}

long scenario_find_mode(const struct scenario *s, size_t from, int part, uint32_t mode)
{
    for (long i = scenario_find(s, from, TR_MODE, part); i >= 0;
         i = scenario_find(s, (size_t)i + 1, TR_MODE, part))
        if (s->ev[i].a0 == mode)
            return i;
    return -1;
}

void scenario_expect_console(const struct scenario *s, const char *text)
{
    if (!strstr(s->console, text))
        fail_msg("missing console line: %s\n--- console:\n%s", text, s->console);
}
