/*
 * test_reverse.c - reverse execution is exact: at 100 random points of a
 * run, reached by one debugging session going backwards and forwards in a
 * shuffled order (restoring snapshots and re-executing), the kernel arena,
 * every thread's registers, the partitions' memory and the kernel events
 * so far are those of a fresh run stopped there.  Each fresh run is a
 * child process (the kernel's arena is one per process), which boots the
 * app and runs straight to its point.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kstate.h"
#include "machine.h"
#include "recording.h"
#include "session.h"
#include "session_impl.h"
#include "snapshot.h"

#define POINTS 100
#define FRAMES 8

#ifndef TEST_APP_ELF_DIR
#error TEST_APP_ELF_DIR names the app's partition ELFs
#endif

/* What must be equal at a point, each part hashed on its own so a
 * difference says which. */
struct digest {
    struct dbg_pos pos;
    uint8_t arena[REC_HASH_SIZE];
    uint8_t memory[REC_HASH_SIZE];
    uint8_t events[REC_HASH_SIZE];
    uint32_t pc;   /* the current thread's, or 0 when idle */
};

struct point {
    bool by_cycle;      /* goto CYCLE, else to an instruction count */
    uint64_t where;
    struct digest want; /* the fresh run's */
};

static struct sim_machine machine;

static void open_machine(void)
{
    char err[256];
    if (!sim_machine_init(&machine, &cfg_system, TEST_APP_ELF_DIR, stdout, stderr, err,
                          sizeof err))
        fail_msg("machine: %s", err);
#ifdef TEST_APP_STIMULUS
    if (!sim_machine_load_stimulus(&machine, TEST_APP_STIMULUS, err, sizeof err))
        fail_msg("stimulus: %s", err);
#endif
}

static struct dbg_session *open_session(uint64_t every)
{
    FILE *devnull = fopen("/dev/null", "w");
    struct dbg_options o = {.limit = FRAMES * cfg_system.schedule->major_frame,
                            .snapshot_budget = 256u << 20, .snapshot_every = every,
                            .elf_dir = TEST_APP_ELF_DIR, .out = devnull};
    char err[256];
    struct dbg_session *s = dbg_open(&machine, &o, NULL, err, sizeof err);
    if (!s)
        fail_msg("session: %s", err);
    return s;
}

static void take_digest(struct dbg_session *s, struct digest *d)
{
    struct snap_layout l;
    snap_layout_init(&l, &machine);
    memset(d, 0, sizeof *d);
    d->pos = dbg_position(s);
    rec_sha256(&kstate, sizeof kstate, d->arena);
    size_t total = 0;
    for (unsigned i = 0; i < l.num; i++)
        total += l.range[i].size;
    uint8_t *mem = malloc(total ? total : 1), *p = mem;
    for (unsigned i = 0; i < l.num; i++, p += l.range[i - 1].size)
        memcpy(p, l.range[i].host, l.range[i].size);
    rec_sha256(mem, total, d->memory);
    free(mem);
    struct trace_event *ev = malloc((d->pos.events ? d->pos.events : 1) * sizeof *ev);
    for (uint64_t k = 0; k < d->pos.events; k++)
        ev[k] = s->log[k].ev;
    rec_sha256(ev, d->pos.events * sizeof *ev, d->events);
    free(ev);
    int slot = dbg_current_thread(s);
    d->pc = slot >= 0 ? kstate.threads[slot].ctx.pc : 0;
}

static void go(struct dbg_session *s, const struct point *p)
{
    struct dbg_pos here = dbg_position(s);
    if (p->by_cycle)
        dbg_goto_cycle(s, p->where);
    else if (p->where < here.insns)
        dbg_reverse_stepi(s, here.insns - p->where);
    else if (p->where > here.insns)
        dbg_stepi(s, p->where - here.insns);
}

/* A fresh run to p, in a child: its digest comes back through a pipe. */
static void fresh_digest(struct point *p)
{
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fd[0]);
        sim_machine_free(&machine); /* a new board, booted afresh */
        open_machine();
        struct dbg_session *s = open_session(UINT64_MAX / 4); /* no snapshot but boot */
        struct digest d;
        go(s, p);
        take_digest(s, &d);
        ssize_t n = write(fd[1], &d, sizeof d);
        _exit(n == (ssize_t)sizeof d ? 0 : 1);
    }
    close(fd[1]);
    ssize_t n = read(fd[0], &p->want, sizeof p->want);
    close(fd[0]);
    int status;
    waitpid(pid, &status, 0);
    assert_int_equal(n, (ssize_t)sizeof p->want);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void compare(const struct point *p, const struct digest *got)
{
    const struct digest *w = &p->want;
    if (got->pos.cycle != w->pos.cycle || got->pos.insns != w->pos.insns ||
        got->pos.events != w->pos.events)
        fail_msg("%s %llu: reverse at cycle %llu insn %llu event %llu, fresh at %llu %llu %llu",
                 p->by_cycle ? "cycle" : "instruction", (unsigned long long)p->where,
                 (unsigned long long)got->pos.cycle, (unsigned long long)got->pos.insns,
                 (unsigned long long)got->pos.events, (unsigned long long)w->pos.cycle,
                 (unsigned long long)w->pos.insns, (unsigned long long)w->pos.events);
    assert_int_equal(got->pc, w->pc);
    assert_memory_equal(got->arena, w->arena, REC_HASH_SIZE);
    assert_memory_equal(got->memory, w->memory, REC_HASH_SIZE);
    assert_memory_equal(got->events, w->events, REC_HASH_SIZE);
}

static void reverse_is_exact(void **state)
{
    (void)state;
    static struct point pts[POINTS];
    open_machine();
    /* the run's extent, from a first session run to its end */
    struct dbg_session *s = open_session(20000);
    dbg_continue(s);
    struct dbg_pos end = dbg_position(s);
    assert_true(end.insns > 10000);
    for (unsigned i = 0; i < POINTS; i++) {
        pts[i].by_cycle = i % 4 == 3;
        pts[i].where = pts[i].by_cycle ? rnd() % end.cycle : rnd() % end.insns;
        fresh_digest(&pts[i]);
    }
    /* visit them in a shuffled order: backwards and forwards */
    unsigned order[POINTS];
    for (unsigned i = 0; i < POINTS; i++)
        order[i] = i;
    for (unsigned i = POINTS - 1; i > 0; i--) {
        unsigned j = (unsigned)(rnd() % (i + 1)), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (unsigned i = 0; i < POINTS; i++) {
        struct digest d;
        go(s, &pts[order[i]]);
        take_digest(s, &d);
        compare(&pts[order[i]], &d);
    }
    struct dbg_pos last = dbg_position(s);
    /* one instruction back and forth lands where it left */
    if (last.insns > 0) {
        dbg_reverse_stepi(s, 1);
        assert_int_equal(dbg_position(s).insns, last.insns - 1);
    }
    dbg_close(s);
    sim_machine_free(&machine);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reverse_is_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
