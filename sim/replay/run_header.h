/*
 * run_header.h - what identifies a run: the app, board and clock, the
 * config's digest, every partition binary's SHA-256, the simulator's own,
 * the scenario it was fed, and the names tools show.  The recorder writes
 * it; the replayer builds it again and refuses to replay a run whose
 * config or binaries differ, naming what changed.
 */
#ifndef FENESTRA_SIM_RUN_HEADER_H
#define FENESTRA_SIM_RUN_HEADER_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "recording.h"

struct run_identity {
    const struct cfg_system *sys;
    const char *elf_dir;
    const char *config_sha256;   /* 64 hex digits (FENESTRA_CONFIG_SHA256) */
    uint64_t limit;
    const char *scenario_name;   /* NULL: none */
    const char *scenario_text;
    size_t scenario_len;
};

/* Fills h (rec_header_free frees it); false with a message. */
bool run_header_build(struct rec_header *h, const struct run_identity *id, char *err,
                      unsigned errlen);

/* False with a message naming what differs (app, board, config, a
 * partition binary); a different simulator build is only a warning. */
bool run_header_compatible(const struct rec_header *rec, const struct rec_header *now,
                           char *err, unsigned errlen, char *warn, unsigned warnlen);

#endif
