/*
 * reverse.c - reverse execution in a long recording (./fenestra bench).
 *
 *   bench-reverse RECORDING [POINTS]
 *
 * Opens RECORDING (of the app this executable is linked with) as a replay
 * session, runs it to its end (checking it and taking snapshots within the
 * default budget), then goes to POINTS random positions and times one
 * `reverse-stepi` at each: restore the nearest earlier snapshot and
 * re-execute.  Host time is only measured, never used by the run.
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "config_digest.h"
#include "machine.h"
#include "replayer.h"
#include "session.h"
#include "session_impl.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s RECORDING [POINTS]\n", argv[0]);
        return 2;
    }
    unsigned points = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 20;
    static struct sim_machine m;
    static struct replayer rp;
    char err[1024];
    FILE *devnull = fopen("/dev/null", "w");
    if (!devnull || !sim_machine_init(&m, &cfg_system, BENCH_ELF_DIR, devnull, stderr, err,
                                      sizeof err)) {
        fprintf(stderr, "error: %s\n", err);
        return 1;
    }
    struct run_identity id = {.sys = &cfg_system, .elf_dir = BENCH_ELF_DIR,
                              .config_sha256 = FENESTRA_CONFIG_SHA256};
    if (!replayer_open(&rp, argv[1], &m, &id, err, sizeof err)) {
        fprintf(stderr, "error: %s\n", err);
        return 1;
    }
    struct dbg_replay_hooks hooks = replayer_hooks(&rp);
    struct dbg_options o = {.limit = rp.h.limit, .snapshot_budget = 512u << 20,
                            .snapshot_every = 5000000, .elf_dir = BENCH_ELF_DIR,
                            .out = devnull};
    struct dbg_session *s = dbg_open(&m, &o, &hooks, err, sizeof err);
    if (!s) {
        fprintf(stderr, "error: %s\n", err);
        return 1;
    }
    double t0 = now_s();
    struct dbg_stop_info st = dbg_continue(s);
    double forward = now_s() - t0;
    struct dbg_pos end = dbg_position(s);
    if (st.why != DBG_STOP_END) {
        fprintf(stderr, "error: the replay stopped early: %s\n", st.message);
        return 1;
    }
    double *t = calloc(points ? points : 1, sizeof *t);
    uint64_t x = 0x2545f4914f6cdd1du;
    for (unsigned i = 0; i < points; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint64_t at = 1 + x % end.insns;
        struct dbg_pos p = dbg_position(s);
        if (at > p.insns)
            dbg_stepi(s, at - p.insns);
        else if (at < p.insns)
            dbg_reverse_stepi(s, p.insns - at);
        double a = now_s();
        dbg_reverse_stepi(s, 1);
        t[i] = now_s() - a;
        if (dbg_position(s).insns != at - 1) {
            fprintf(stderr, "error: reverse-stepi from %" PRIu64 " landed at %" PRIu64 "\n",
                    at, dbg_position(s).insns);
            return 1;
        }
    }
    qsort(t, points, sizeof *t, cmp_double);
    printf("reverse: insns=%" PRIu64 " cycles=%" PRIu64 " events=%" PRIu64
           " forward_s=%.3f snapshots=%zu snapshot_bytes=%zu budget=%zu every=%" PRIu64
           " points=%u stepi_median_ms=%.1f stepi_max_ms=%.1f\n",
           end.insns, end.cycle, end.events, forward, s->num_snaps, s->snap_bytes,
           o.snapshot_budget, s->every, points, points ? t[points / 2] * 1e3 : 0,
           points ? t[points - 1] * 1e3 : 0);
    free(t);
    dbg_close(s);
    replayer_close(&rp);
    sim_machine_free(&m);
    return 0;
}
