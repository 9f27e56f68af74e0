/* scenario.c - in-process app runs for tests (see scenario.h). */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include "scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    memset(s, 0, sizeof *s);
    s->peek_addr = peek;
    FILE *console = open_memstream(&s->console, &s->console_len);
    if (!console || !sim_machine_init(&m, &cfg_system, elf_dir, console, stderr, err,
                                      sizeof err)) {
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
    sim_machine_free(&m);
    fclose(console);
}

void scenario_free(struct scenario *s)
{
    free(s->console);
    free(s->ev);
}

long scenario_find(const struct scenario *s, size_t from, uint8_t type, int part)
{
    for (size_t i = from; i < s->num_ev; i++) {
        if (s->ev[i].type == type && (part < 0 || s->ev[i].part == part))
            return (long)i;
    }
    return -1;
}
