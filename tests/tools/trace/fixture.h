/*
 * fixture.h - the known small run the fenestra-trace tests export, and
 * helpers to run the tool and read what it wrote.
 *
 * The run (clock 25 MHz, so a cycle is 0.04 us and 40 ns): partitions
 * "sensors" (processes filter, irq_handler) and "control" (law, monitor);
 * one schedule with a 1000-cycle frame, window 0 = sensors [0, 400),
 * window 1 = control [500, 900); IRQ line 3 owned by sensors; two frames,
 * the run ends at cycle 2000.
 *
 *   frame 0: @0 window 0 (planned 0); sensors/main 0-100, sensors/filter
 *            100-300, idle; @150 irq 3 asserted; window ends at 400.
 *            @502 window 1 (planned 500, jitter 2); control/law 502-610,
 *            faults @600 (MEMORY_VIOLATION, HM stop_process);
 *            control/monitor 610-850; @900 control/monitor misses its
 *            deadline (found at the window's end).
 *   frame 1: @1003 window 0 (planned 1000, jitter 3); sensors/irq_handler
 *            1003-1100 (irq 3 delivered @1003, acked @1050), sensors/main
 *            1100-1502: it keeps the CPU past its window's end (1400)
 *            until the kernel switches at 1502, after @1500 window 1
 *            (jitter 0) began; control/t3 (thread 3, not a declared
 *            process) 1502-1700, control/main 1700-1900; @1900 overrun
 *            of window 1.
 *
 * Expected: sensors 797 window cycles, 697 run (87.45 %), jitter 0/3/1.50;
 * control 798 window cycles, 746 run (93.48 %: sensors/main's 2 cycles in
 * its window are not control's), jitter 0/2/1.00, one miss, one fault, one
 * overrun.  26 kernel events.
 */
#ifndef FENESTRA_TEST_TRACE_FIXTURE_H
#define FENESTRA_TEST_TRACE_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "recording.h"

#define FX_CLOCK 25000000u
#define FX_END 2000u
#define FX_SENSORS 0
#define FX_CONTROL 1
#define FX_IRQ_LINE 3

/* A scratch directory per test, removed afterwards. */
struct fx {
    char dir[256];
    char rec[320];      /* the known run, written by fx_setup */
    char out[320];      /* a scratch output path: dir/out */
    const char *tool;   /* fenestra-trace */
};

void fx_setup(struct fx *fx);
void fx_teardown(struct fx *fx);

/* The known run's header (static storage). */
const struct rec_header *fx_header(void);
/* Writes the known run to path. */
void fx_write_run(const char *path);
/* Writes a run of the known header with `frames` repetitions of the
 * known frames (long enough for several DATA chunks). */
void fx_write_long_run(const char *path, unsigned frames);
/* Writes the known header and these events. */
void fx_write_events(const char *path, const struct trace_event *ev, size_t n, uint64_t end);

/* Writes a recording of header h and these events. */
void fx_write_with_header(const char *path, const struct rec_header *h,
                          const struct trace_event *ev, size_t n, uint64_t end);

/* Runs the tool with args (NULL-terminated); returns its exit status
 * with stdout and stderr in *out and *err (malloc'ed, NUL-terminated). */
int fx_run(const struct fx *fx, char **out, char **err, ...);
/* The same for another program (vcd2fst). */
int fx_exec(const struct fx *fx, const char *prog, char **out, char **err, ...);
/* A whole file, NUL-terminated (NULL when it cannot be read). */
char *fx_read(const char *path, size_t *len);
/* Flips one byte of a file at offset (from the end when negative). */
void fx_corrupt(const char *path, long offset);
/* Cuts a file to len bytes. */
void fx_truncate(const char *path, long len);

/* The tool's path from argv[1], for the cmocka main. */
extern const char *fx_tool;

#endif
