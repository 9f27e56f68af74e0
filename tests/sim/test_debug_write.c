/*
 * test_debug_write.c - code the debugger writes is the code that runs, and
 * writing the old bytes back, after going back, runs the old code again.
 * The simulator's engines keep translations from run to run, so both
 * halves fail if a write (dbg_write_mem) leaves them in place.
 * On apps/avionics: control's fen_periodic_wait runs every frame, so its
 * translation is cached by the time it is overwritten.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "kstate.h"
#include "machine.h"
#include "session.h"
#include "session_impl.h"

#ifndef TEST_APP_ELF_DIR
#error TEST_APP_ELF_DIR names the app's partition ELFs
#endif

#define FRAMES 6

static struct sim_machine machine;

/* Faults whose pc is `pc` among the events logged so far. */
static unsigned faults_at(const struct dbg_session *s, uint32_t pc)
{
    unsigned n = 0;
    for (size_t i = 0; i < s->log_len; i++) {
        const struct trace_event *e = &s->log[i].ev;
        if (e->type == TR_FAULT && e->a1 == pc)
            n++;
    }
    return n;
}

static void written_code_is_the_code_that_runs(void **state)
{
    (void)state;
    char err[256];
    if (!sim_machine_init(&machine, &cfg_system, TEST_APP_ELF_DIR, stdout, stderr, err,
                          sizeof err))
        fail_msg("machine: %s", err);
    FILE *devnull = fopen("/dev/null", "w");
    uint64_t frame = cfg_system.schedule->major_frame;
    struct dbg_options o = {.limit = FRAMES * frame, .snapshot_budget = 64u << 20,
                            .snapshot_every = frame / 2, .elf_dir = TEST_APP_ELF_DIR,
                            .out = devnull};
    struct dbg_session *s = dbg_open(&machine, &o, NULL, err, sizeof err);
    if (!s)
        fail_msg("session: %s", err);
    uint32_t fn;
    assert_true(dbg_symbol(s, "control:fen_periodic_wait", &fn));
    fn &= ~1u;

    dbg_goto_cycle(s, 2 * frame);
    static const uint8_t udf[2] = {0x00, 0xde};
    uint8_t old[2];
    assert_int_equal(dbg_read_mem(s, fn, old, 2), 2);
    assert_int_equal(dbg_write_mem(s, fn, udf, 2), 2);
    dbg_continue(s);
    printf("   after the write: %u fault(s) at 0x%08x\n", faults_at(s, fn), fn);
    assert_true(faults_at(s, fn) >= 1);

    /* Back before the write: code is not part of the snapshots (only
     * memory a partition can write is), so the written code stays; writing
     * the old bytes back there makes the old code run from then on. */
    dbg_goto_cycle(s, frame);
    uint8_t now[2];
    assert_int_equal(dbg_read_mem(s, fn, now, 2), 2);
    assert_memory_equal(now, udf, 2);
    assert_int_equal(dbg_write_mem(s, fn, old, 2), 2);
    dbg_continue(s);
    printf("   the old bytes written back one frame earlier: %u fault(s) at 0x%08x\n",
           faults_at(s, fn), fn);
    assert_int_equal(faults_at(s, fn), 0);
    dbg_close(s);
    fclose(devnull);
    sim_machine_free(&machine);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(written_code_is_the_code_that_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
