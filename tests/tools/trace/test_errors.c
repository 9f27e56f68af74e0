/*
 * test_errors.c - fenestra-trace on bad command lines and bad recordings:
 * every error is a clear message (naming the file and offset) and a
 * non-zero exit, never a crash; a recording that fails part-way gives
 * exports marked incomplete and says how many events they hold.  Also a
 * long run (several DATA chunks) exported whole.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "fixture.h"

#define LONG_COPIES (400 * (REC_DATA_CHUNK >> 16)) /* four DATA chunks or more */

static int setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    fx_setup(fx);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fx_teardown(*state);
    free(*state);
    return 0;
}

/* Runs the tool; checks the exit status and that stderr holds `want`. */
#define EXPECT_FAIL(fx, status, want, ...)                                          \
    do {                                                                            \
        char *out_, *err_;                                                          \
        int rc_ = fx_run((fx), &out_, &err_, __VA_ARGS__, NULL);                    \
        if (rc_ != (status) || !strstr(err_, (want)))                               \
            fail_msg("exit %d (want %d), stderr:\n%s(want '%s')", rc_, (status),    \
                     err_, (want));                                                 \
        free(out_);                                                                 \
        free(err_);                                                                 \
    } while (0)

static void bad_command_lines(void **state)
{
    struct fx *fx = *state;
    char *out, *err;
    assert_int_equal(fx_run(fx, &out, &err, NULL), 2);
    assert_non_null(strstr(err, "missing command"));
    free(out);
    free(err);
    EXPECT_FAIL(fx, 2, "unknown command 'frobnicate'", "frobnicate", fx->rec);
    EXPECT_FAIL(fx, 2, "unknown option '--bogus'", "export", fx->rec, "--bogus");
    EXPECT_FAIL(fx, 2, "missing file name after '--perfetto'", "export", fx->rec,
                "--perfetto");
    EXPECT_FAIL(fx, 2, "export needs --perfetto", "export", fx->rec);
    EXPECT_FAIL(fx, 2, "unknown option for stats '--vcd'", "stats", fx->rec, "--vcd", "x");
    EXPECT_FAIL(fx, 2, "missing recording FILE", "stats");
    EXPECT_FAIL(fx, 2, "unexpected argument 'more'", "stats", fx->rec, "more");
    assert_int_equal(fx_run(fx, &out, &err, "--help", NULL), 0);
    assert_non_null(strstr(out, "usage: fenestra-trace export"));
    free(out);
    free(err);
}

static void missing_and_foreign_files(void **state)
{
    struct fx *fx = *state;
    EXPECT_FAIL(fx, 1, "/nonexistent/run.rec: No such file", "stats", "/nonexistent/run.rec");
    char text[340];
    snprintf(text, sizeof text, "%s/notes.txt", fx->dir);
    FILE *f = fopen(text, "w");
    fputs("just some text, not a recording\n", f);
    fclose(f);
    EXPECT_FAIL(fx, 1, "notes.txt: offset 0: not a recording", "stats", text);
}

static void unwritable_outputs(void **state)
{
    struct fx *fx = *state;
    EXPECT_FAIL(fx, 1, "/nonexistent/dir/x.json: cannot create", "export", fx->rec,
                "--perfetto", "/nonexistent/dir/x.json");
    /* The first export is removed when the second cannot be created. */
    EXPECT_FAIL(fx, 1, "/nonexistent/dir/x.vcd: cannot create", "export", fx->rec,
                "--perfetto", fx->out, "--vcd", "/nonexistent/dir/x.vcd");
    assert_int_not_equal(access(fx->out, F_OK), 0);
    /* An export over the recording itself is refused, the recording kept. */
    size_t before = 0, after = 0;
    free(fx_read(fx->rec, &before));
    EXPECT_FAIL(fx, 1, "run.rec: is the recording itself", "export", fx->rec, "--vcd", fx->rec);
    free(fx_read(fx->rec, &after));
    assert_int_equal(before, after);
}

/* The number after `key` in text, or -1. */
static long number_after(const char *text, const char *key)
{
    const char *p = strstr(text, key);
    return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

/* A byte flipped in the last DATA chunk: the chunks before it are
 * exported, then the error; the files say they are incomplete. */
static void corrupted_midway(void **state)
{
    struct fx *fx = *state;
    fx_write_long_run(fx->rec, LONG_COPIES);
    size_t size = 0;
    free(fx_read(fx->rec, &size));
    fx_corrupt(fx->rec, -200);
    char vcd[340], *out, *err;
    snprintf(vcd, sizeof vcd, "%s/out.vcd", fx->dir);
    int rc = fx_run(fx, &out, &err, "export", fx->rec, "--perfetto", fx->out, "--vcd", vcd,
                    NULL);
    assert_int_equal(rc, 1);
    long offset = number_after(err, "run.rec: offset ");
    if (offset <= 0 || (size_t)offset >= size || !strstr(err, "checksum"))
        fail_msg("no offset of the bad chunk in:\n%s", err);
    long events = number_after(err, "out is incomplete: ");
    if (events <= 0 || events >= 25 * LONG_COPIES)
        fail_msg("no count of exported events in:\n%s", err);
    assert_int_equal(number_after(err, "out.vcd is incomplete: "), events);
    assert_non_null(strstr(err, "kernel events exported before the error"));
    free(out);
    free(err);

    char *text = fx_read(fx->out, NULL);
    json_object *root = json_tokener_parse(text), *tail;
    assert_non_null(root);
    assert_true(json_object_object_get_ex(root, "fenestra", &tail));
    assert_false(json_object_get_boolean(json_object_object_get(tail, "complete")));
    assert_int_equal(json_object_get_int64(json_object_object_get(tail, "kernel_events")),
                     events);
    assert_non_null(strstr(json_object_get_string(json_object_object_get(tail, "error")),
                           "checksum"));
    json_object_put(root);
    free(text);
    text = fx_read(vcd, NULL);
    assert_non_null(strstr(text, "$comment\n  incomplete: "));
    free(text);

    rc = fx_run(fx, &out, &err, "stats", fx->rec, NULL);
    assert_int_equal(rc, 1);
    assert_string_equal(out, "");
    assert_non_null(strstr(err, "no statistics: the recording failed after "));
    free(out);
    free(err);
}

static void truncated(void **state)
{
    struct fx *fx = *state;
    fx_write_long_run(fx->rec, LONG_COPIES);
    fx_truncate(fx->rec, 100000);
    EXPECT_FAIL(fx, 1, "run.rec: offset ", "export", fx->rec, "--perfetto", fx->out);
    EXPECT_FAIL(fx, 1, "truncated", "stats", fx->rec);
}

/* Events the header contradicts: the offset of the record is named. */
static void events_that_contradict_the_header(void **state)
{
    struct fx *fx = *state;
    struct trace_event bad_part[] = {{10, TR_THREAD_SWITCH, 7, 0, 0, 0xffff, 0, 0}};
    fx_write_events(fx->rec, bad_part, 1, 100);
    EXPECT_FAIL(fx, 1, "event type 3 names partition 7, but the header has 2", "stats",
                fx->rec);
    EXPECT_FAIL(fx, 1, ": offset ", "stats", fx->rec);
    struct trace_event backwards[] = {{10, TR_FRAME, TRACE_NONE, TRACE_NONE, 0, 0, 0, 0},
                                      {5, TR_FRAME, TRACE_NONE, TRACE_NONE, 0, 1, 0, 0}};
    fx_write_events(fx->rec, backwards, 2, 100);
    EXPECT_FAIL(fx, 1, "at cycle 5 is earlier than the one before it (cycle 10)", "export",
                fx->rec, "--vcd", fx->out);
    EXPECT_FAIL(fx, 1, "is incomplete: 1 kernel events exported", "export", fx->rec, "--vcd",
                fx->out);
    struct trace_event bad_window[] = {{0, TR_WINDOW, 0, TRACE_NONE, 0, 5, 0, 0}};
    fx_write_events(fx->rec, bad_window, 1, 100);
    EXPECT_FAIL(fx, 1, "names window 5 of schedule 0, which the header does not have",
                "stats", fx->rec);
    struct trace_event wrong_owner[] = {{0, TR_WINDOW, 1, TRACE_NONE, 0, 0, 0, 0}};
    fx_write_events(fx->rec, wrong_owner, 1, 100);
    EXPECT_FAIL(fx, 1, "to partition 1, the header to partition 0", "stats", fx->rec);
}

/* Several DATA chunks, exported whole. */
static void long_run_is_whole(void **state)
{
    struct fx *fx = *state;
    fx_write_long_run(fx->rec, LONG_COPIES);
    char *out, *err;
    int rc = fx_run(fx, &out, &err, "export", fx->rec, "--perfetto", fx->out, NULL);
    if (rc)
        fail_msg("exit %d: %s", rc, err);
    free(out);
    free(err);
    char *text = fx_read(fx->out, NULL);
    json_object *root = json_tokener_parse(text), *tail;
    assert_non_null(root);
    assert_true(json_object_object_get_ex(root, "fenestra", &tail));
    assert_true(json_object_get_boolean(json_object_object_get(tail, "complete")));
    assert_int_equal(json_object_get_int64(json_object_object_get(tail, "kernel_events")),
                     26 + 25 * (LONG_COPIES - 1));
    json_object_put(root);
    free(text);
    assert_int_equal(fx_run(fx, &out, &err, "stats", fx->rec, NULL), 0);
    assert_int_equal(number_after(out, "\nframes"), 2 * LONG_COPIES);
    free(out);
    free(err);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH/TO/fenestra-trace\n", argv[0]);
        return 2;
    }
    fx_tool = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(bad_command_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(missing_and_foreign_files, setup, teardown),
        cmocka_unit_test_setup_teardown(unwritable_outputs, setup, teardown),
        cmocka_unit_test_setup_teardown(corrupted_midway, setup, teardown),
        cmocka_unit_test_setup_teardown(truncated, setup, teardown),
        cmocka_unit_test_setup_teardown(events_that_contradict_the_header, setup, teardown),
        cmocka_unit_test_setup_teardown(long_run_is_whole, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
