/*
 * scenario.h - runs the app this test is linked with in the simulator, in
 * process, and keeps its console output and kernel events for assertions.
 */
#ifndef FENESTRA_TEST_SCENARIO_H
#define FENESTRA_TEST_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "trace.h"

/* A guest range read at the end of a run. */
struct scenario_peek {
    uint32_t addr, len; /* set before the run */
    uint8_t *bytes;     /* after it: len bytes, or NULL when the range is
                           not in board RAM */
};

#define SCENARIO_MAX_PEEKS 16

struct scenario {
    char *console;  /* NUL-terminated console output */
    size_t console_len;
    struct trace_event *ev;
    size_t num_ev;
    uint64_t insns, cycles, kernel_entries;
    uint32_t peek_addr;  /* set before the run: a guest word read at its end */
    uint32_t peek_value;
    struct scenario_peek peeks[SCENARIO_MAX_PEEKS]; /* set before the run: */
    size_t num_peeks;                               /* ranges read at its end */
    const char *stimulus; /* set before the run: a scenario file, or NULL */
};

/* Runs for `frames` major frames; partitions from `elf_dir`.  Keeps
 * s->peek_addr (0: none) and s->peeks[0..num_peeks) and fills
 * s->peek_value and each peek's bytes. */
void scenario_run(struct scenario *s, const char *elf_dir, uint64_t frames);
void scenario_free(struct scenario *s);

/* Adds a range to read at the end of the run; returns its index. */
size_t scenario_peek(struct scenario *s, uint32_t addr, uint32_t len);

/* The address of `symbol` in partition `part`'s ELF under `elf_dir`
 * (aborts when it is not there): where a partition's static lies. */
uint32_t scenario_symbol(const char *elf_dir, const char *part, const char *symbol);

/* Fails the calling cmocka test, showing the console, unless the run's
 * console output contains `text`. */
void scenario_expect_console(const struct scenario *s, const char *text);

/* Index of the next event at or after `from` of `type` (and partition
 * `part`, unless part < 0), or -1. */
long scenario_find(const struct scenario *s, size_t from, uint8_t type, int part);

/* scenario_find for an event whose flags are `flags` (a TR_PROCESS op, a
 * TR_ERROR code, a TR_HM_ACTION action). */
long scenario_find_flags(const struct scenario *s, size_t from, uint8_t type, int part,
                         uint8_t flags);

/* The next TR_MODE event entering `mode` (enum fen_mode). */
long scenario_find_mode(const struct scenario *s, size_t from, int part, uint32_t mode);

#endif
