/*
 * scenario.h - runs the app this test is linked with in the simulator, in
 * process, and keeps its console output and kernel events for assertions.
 */
#ifndef FENESTRA_TEST_SCENARIO_H
#define FENESTRA_TEST_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "trace.h"

struct scenario {
    char *console;  /* NUL-terminated console output */
    size_t console_len;
    struct trace_event *ev;
    size_t num_ev;
    uint64_t insns, cycles, kernel_entries;
    uint32_t peek_addr;  /* set before the run: a guest word read at its end */
    uint32_t peek_value;
};

/* Runs for `frames` major frames; partitions from `elf_dir`.  Keeps
 * s->peek_addr (0: none) and fills s->peek_value. */
void scenario_run(struct scenario *s, const char *elf_dir, uint64_t frames);
void scenario_free(struct scenario *s);

/* Index of the next event at or after `from` of `type` (and partition
 * `part`, unless part < 0), or -1. */
long scenario_find(const struct scenario *s, size_t from, uint8_t type, int part);

#endif
