/* run_header.c - the identity of a run, as a recording's header states it
 * (see run_header.h). */
#define _GNU_SOURCE /* strdup */
#include "run_header.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_or_empty(const char *s)
{
    return strdup(s ? s : "");
}

static bool hex_digest(const char *hex, uint8_t out[REC_HASH_SIZE])
{
    memset(out, 0, REC_HASH_SIZE);
    if (!hex || strlen(hex) != 2 * REC_HASH_SIZE)
        return false;
    for (unsigned i = 0; i < REC_HASH_SIZE; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1)
            return false;
        out[i] = (uint8_t)v;
    }
    return true;
}

static bool add_partitions(struct rec_header *h, const struct cfg_system *sys,
                           const char *elf_dir, char *err, unsigned errlen)
{
    h->num_partitions = sys->num_partitions;
    h->partitions = calloc(sys->num_partitions ? sys->num_partitions : 1, sizeof *h->partitions);
    if (!h->partitions)
        return false;
    for (uint32_t i = 0; i < sys->num_partitions; i++) {
        const struct cfg_partition *p = &sys->partitions[i];
        struct rec_partition *r = &h->partitions[i];
        char path[4096];
        r->name = dup_or_empty(p->name);
        snprintf(path, sizeof path, "%s.elf", p->name);
        r->elf = strdup(path);
        snprintf(path, sizeof path, "%s/%s.elf", elf_dir, p->name);
        if (!rec_sha256_file(path, r->elf_sha256)) {
            snprintf(err, errlen, "cannot read partition %s's binary %s", p->name, path);
            return false;
        }
        r->num_processes = p->num_processes;
        r->processes = calloc(p->num_processes ? p->num_processes : 1, sizeof *r->processes);
        if (!r->processes)
            return false;
        for (uint32_t k = 0; k < p->num_processes; k++)
            r->processes[k].name = dup_or_empty(p->processes[k].name);
    }
    return true;
}

static bool add_schedules(struct rec_header *h, const struct cfg_system *sys)
{
    h->num_schedules = sys->num_schedules;
    h->major_frames = calloc(sys->num_schedules ? sys->num_schedules : 1, sizeof *h->major_frames);
    uint32_t n = 0;
    for (uint32_t s = 0; s < sys->num_schedules; s++)
        n += sys->schedules[s].num_windows;
    h->windows = calloc(n ? n : 1, sizeof *h->windows);
    if (!h->major_frames || !h->windows)
        return false;
    h->initial_schedule = (uint32_t)(sys->schedule - sys->schedules);
    for (uint32_t s = 0; s < sys->num_schedules; s++) {
        const struct cfg_schedule *sc = &sys->schedules[s];
        h->major_frames[s] = sc->major_frame;
        for (uint16_t w = 0; w < sc->num_windows; w++)
            h->windows[h->num_windows++] = (struct rec_window){
                (uint8_t)s, sc->windows[w].partition, sc->windows[w].offset,
                sc->windows[w].duration};
    }
    return true;
}

static bool add_names(struct rec_header *h, const struct cfg_system *sys)
{
    h->ports = calloc(sys->num_ports ? sys->num_ports : 1, sizeof *h->ports);
    h->irqs = calloc(sys->board->irq_lines ? sys->board->irq_lines : 1, sizeof *h->irqs);
    if (!h->ports || !h->irqs)
        return false;
    for (uint16_t i = 0; i < sys->num_ports; i++) {
        char name[128];
        snprintf(name, sizeof name, "%s.%s", sys->partitions[sys->ports[i].partition].name,
                 sys->ports[i].name);
        h->ports[h->num_ports++] = (struct rec_named){strdup(name), i};
    }
    for (uint32_t l = 0; sys->irq_owner && l < sys->board->irq_lines; l++)
        if (sys->irq_owner[l] != CFG_IRQ_NO_OWNER)
            h->irqs[h->num_irqs++] = (struct rec_named){
                strdup(sys->partitions[sys->irq_owner[l]].name), l};
    return true;
}

bool run_header_build(struct rec_header *h, const struct run_identity *id, char *err,
                      unsigned errlen)
{
    const struct cfg_system *sys = id->sys;
    memset(h, 0, sizeof *h);
    snprintf(err, errlen, "out of memory for the recording's header");
    h->version = REC_FORMAT_VERSION;
    h->trace_version = TRACE_FORMAT_VERSION;
    h->app = dup_or_empty(sys->app_name);
    h->board = dup_or_empty(sys->board->name);
    h->cpu = dup_or_empty(sys->board->cpu);
    h->clock_hz = sys->board->clock_hz;
    h->kernel_entry_cycles = sys->board->kernel_entry_cycles;
    h->limit = id->limit;
    hex_digest(id->config_sha256, h->config_sha256);
    if (!rec_sha256_file("/proc/self/exe", h->sim_sha256))
        memset(h->sim_sha256, 0, sizeof h->sim_sha256);
    if (id->scenario_name) {
        h->scenario_name = strdup(id->scenario_name);
        h->scenario_text = malloc(id->scenario_len + 1);
        if (!h->scenario_name || !h->scenario_text)
            return false;
        memcpy(h->scenario_text, id->scenario_text, id->scenario_len);
        h->scenario_text[id->scenario_len] = '\0';
        h->scenario_len = id->scenario_len;
    }
    return add_partitions(h, sys, id->elf_dir, err, errlen) && add_schedules(h, sys) &&
           add_names(h, sys);
}

/* --- comparing ---------------------------------------------------------- */

static void hex(const uint8_t *d, char out[2 * REC_HASH_SIZE + 1])
{
    rec_hash_hex(d, out);
}

bool run_header_compatible(const struct rec_header *rec, const struct rec_header *now,
                           char *err, unsigned errlen, char *warn, unsigned warnlen)
{
    char a[2 * REC_HASH_SIZE + 1], b[2 * REC_HASH_SIZE + 1];
    warn[0] = '\0';
    if (strcmp(rec->app, now->app) || strcmp(rec->board, now->board)) {
        snprintf(err, errlen, "the recording is of app %s on %s; this is %s on %s", rec->app,
                 rec->board, now->app, now->board);
        return false;
    }
    if (memcmp(rec->config_sha256, now->config_sha256, REC_HASH_SIZE)) {
        hex(rec->config_sha256, a), hex(now->config_sha256, b);
        snprintf(err, errlen, "the config changed since the recording (app.yaml and its "
                 "board's board.yaml: SHA-256 %.16s... then, %.16s... now)", a, b);
        return false;
    }
    for (uint32_t i = 0; i < rec->num_partitions; i++) {
        const struct rec_partition *p = &rec->partitions[i];
        const struct rec_partition *q = i < now->num_partitions ? &now->partitions[i] : NULL;
        if (!q || strcmp(p->name, q->name)) {
            snprintf(err, errlen, "partition %s of the recording is not in this build", p->name);
            return false;
        }
        if (memcmp(p->elf_sha256, q->elf_sha256, REC_HASH_SIZE)) {
            hex(p->elf_sha256, a), hex(q->elf_sha256, b);
            snprintf(err, errlen, "partition %s's binary %s changed since the recording "
                     "(SHA-256 %.16s... then, %.16s... now)", p->name, p->elf, a, b);
            return false;
        }
    }
    if (memcmp(rec->sim_sha256, now->sim_sha256, REC_HASH_SIZE))
        snprintf(warn, warnlen, "the simulator executable differs from the one that "
                 "recorded (another build of the kernel or simulator): replaying anyway, "
                 "any difference will show as a divergence");
    return true;
}
