/* fixture.c - the known run and tool helpers (fixture.h). */
#include "fixture.h"

#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "abi.h"

const char *fx_tool;

/* --- the known run -------------------------------------------------------- */

static struct rec_process sensors_procs[] = {{(char *)"filter"}, {(char *)"irq_handler"}};
static struct rec_process control_procs[] = {{(char *)"law"}, {(char *)"monitor"}};
static struct rec_partition parts[] = {
    {.name = (char *)"sensors", .elf = (char *)"sensors.elf", .num_processes = 2,
     .processes = sensors_procs},
    {.name = (char *)"control", .elf = (char *)"control.elf", .num_processes = 2,
     .processes = control_procs},
};
static uint64_t frames[] = {1000};
static struct rec_window windows[] = {
    {.schedule = 0, .partition = FX_SENSORS, .offset = 0, .duration = 400},
    {.schedule = 0, .partition = FX_CONTROL, .offset = 500, .duration = 400},
};
static struct rec_named irqs[] = {{(char *)"sensors", FX_IRQ_LINE}};
static struct rec_header header = {
    .version = REC_FORMAT_VERSION, .trace_version = TRACE_FORMAT_VERSION,
    .app = (char *)"demo", .board = (char *)"mps2-an385", .cpu = (char *)"cortex-m3",
    .clock_hz = FX_CLOCK, .kernel_entry_cycles = 3, .limit = FX_END,
    .num_partitions = 2, .partitions = parts, .num_schedules = 1, .major_frames = frames,
    .num_windows = 2, .windows = windows, .num_irqs = 1, .irqs = irqs,
};

const struct rec_header *fx_header(void)
{
    return &header;
}

#define N TRACE_NONE
#define IDLE 0xffffu
#define PREV(p, t) ((uint32_t)(p) << 8 | (t))
#define S FX_SENSORS
#define C FX_CONTROL

/* The known run's events, frame by frame (cycles relative to the frame). */
static const struct trace_event frame0[] = {
    {0, TR_BOOT, N, N, 0, 2, 2, 0},
    {0, TR_FRAME, N, N, 0, 0, 0, 0},
    {0, TR_WINDOW, S, N, 0, 0, 0, 0},
    {0, TR_THREAD_SWITCH, S, 0, 0, IDLE, 0, 0},
    {100, TR_THREAD_SWITCH, S, 1, 0, PREV(S, 0), 0, 0},
    {150, TR_IRQ, S, N, 0, FX_IRQ_LINE, 150, 1},
    {300, TR_THREAD_SWITCH, N, N, 0, PREV(S, 1), 0, 0},
    {502, TR_WINDOW, C, N, 0, 1, 500, 0},
    {502, TR_THREAD_SWITCH, C, 1, 0, IDLE, 0, 0},
    {600, TR_FAULT, C, 1, FEN_ERR_MEMORY_VIOLATION << 4 | TRACE_FAULT_ADDR_VALID | 1,
     0x20001000, 0x00011234, 0x82},
    {600, TR_ERROR, C, 1, FEN_ERR_MEMORY_VIOLATION, 0x20001000, 0x00011234, 2},
    {600, TR_HM_ACTION, C, 1, 2, FEN_ERR_MEMORY_VIOLATION, 4, 0},
    {610, TR_THREAD_SWITCH, C, 2, 0, PREV(C, 1), 0, 0},
    {850, TR_THREAD_SWITCH, N, N, 0, PREV(C, 2), 0, 0},
    {900, TR_ERROR, C, 2, FEN_ERR_DEADLINE_MISSED, 900, 0, 2},
};

static const struct trace_event frame1[] = {
    {1000, TR_FRAME, N, N, 0, 1, 0, 0},
    {1003, TR_WINDOW, S, N, 0, 0, 1000, 0},
    {1003, TR_THREAD_SWITCH, S, 2, 0, IDLE, 0, 0},
    {1003, TR_IRQ, S, 2, 1, FX_IRQ_LINE, 150, 853},
    {1050, TR_IRQ, S, 2, 2, FX_IRQ_LINE, 150, 0},
    {1100, TR_THREAD_SWITCH, S, 0, 0, PREV(S, 2), 0, 0},
    {1500, TR_WINDOW, C, N, 0, 1, 1500, 0},
    {1502, TR_THREAD_SWITCH, C, 3, 0, PREV(S, 0), 0, 0},
    {1700, TR_THREAD_SWITCH, C, 0, 0, PREV(C, 3), 0, 0},
    {1900, TR_ERROR, C, N, FEN_ERR_OVERRUN, 1, 0, 2},
    {1900, TR_THREAD_SWITCH, N, N, 0, PREV(C, 0), 0, 0},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void open_writer(struct rec_writer *w, const char *path, const struct rec_header *h)
{
    char err[512];
    if (!rec_writer_open(w, path, h, err, sizeof err))
        fail_msg("%s", err);
}

static void close_writer(struct rec_writer *w, uint64_t end)
{
    char err[512];
    struct rec_end e = {.cycle = end, .insns = end / 2};
    if (!rec_writer_close(w, &e, err, sizeof err))
        fail_msg("%s", err);
}

void fx_write_events(const char *path, const struct trace_event *ev, size_t n, uint64_t end)
{
    fx_write_with_header(path, &header, ev, n, end);
}

void fx_write_with_header(const char *path, const struct rec_header *h,
                          const struct trace_event *ev, size_t n, uint64_t end)
{
    struct rec_writer w;
    open_writer(&w, path, h);
    for (size_t i = 0; i < n; i++)
        rec_write_event(&w, &ev[i]);
    close_writer(&w, end);
}

/* One copy of the known frames, shifted to start at `base` (frame
 * numbers and planned starts shifted too; the boot event only once). */
static void write_frames(struct rec_writer *w, uint64_t base, uint32_t frame_no)
{
    const struct trace_event *parts_of[] = {frame0, frame1};
    size_t sizes[] = {COUNT(frame0), COUNT(frame1)};
    for (unsigned f = 0; f < 2; f++) {
        for (size_t i = 0; i < sizes[f]; i++) {
            struct trace_event e = parts_of[f][i];
            if (e.type == TR_BOOT && base)
                continue;
            e.cycle += base;
            if (e.type == TR_FRAME)
                e.a0 += frame_no;
            if (e.type == TR_WINDOW)
                e.a1 += (uint32_t)base;
            rec_write_event(w, &e);
        }
    }
}

void fx_write_run(const char *path)
{
    fx_write_long_run(path, 1);
}

void fx_write_long_run(const char *path, unsigned copies)
{
    struct rec_writer w;
    open_writer(&w, path, &header);
    for (unsigned i = 0; i < copies; i++)
        write_frames(&w, (uint64_t)i * FX_END, 2 * i);
    close_writer(&w, (uint64_t)copies * FX_END);
}

/* --- scratch directory ---------------------------------------------------- */

void fx_setup(struct fx *fx)
{
    memset(fx, 0, sizeof *fx);
    const char *tmp = getenv("TMPDIR");
    snprintf(fx->dir, sizeof fx->dir, "%s/fenestra-trace-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(fx->dir));
    snprintf(fx->rec, sizeof fx->rec, "%s/run.rec", fx->dir);
    snprintf(fx->out, sizeof fx->out, "%s/out", fx->dir);
    fx->tool = fx_tool;
    fx_write_run(fx->rec);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void fx_teardown(struct fx *fx)
{
    nftw(fx->dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* --- running the tool ---------------------------------------------------- */

char *fx_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    char *buf = size >= 0 ? malloc((size_t)size + 1) : NULL;
    if (buf && (fseek(f, 0, SEEK_SET) != 0 || fread(buf, 1, (size_t)size, f) != (size_t)size)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[size] = '\0';
    if (len)
        *len = (size_t)size;
    return buf;
}

static int fx_vexec(const struct fx *fx, const char *prog, char **out, char **err,
                    va_list ap)
{
    char out_path[340], err_path[340];
    snprintf(out_path, sizeof out_path, "%s/stdout", fx->dir);
    snprintf(err_path, sizeof err_path, "%s/stderr", fx->dir);
    char *argv[32] = {(char *)prog};
    int argc = 1;
    const char *a;
    while ((a = va_arg(ap, const char *)) && argc < 31)
        argv[argc++] = (char *)a;
    argv[argc] = NULL;

    /* fork and exec, not posix_spawn: <spawn.h> includes <sched.h>, which
     * the kernel's include directory (from fenestra_recording) shadows. */
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int o = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
            _exit(126);
        execv(prog, argv);
        _exit(127);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    *out = fx_read(out_path, NULL);
    *err = fx_read(err_path, NULL);
    assert_non_null(*out);
    assert_non_null(*err);
    if (!WIFEXITED(status))
        fail_msg("%s died (status 0x%x); stderr:\n%s", prog, status, *err);
    return WEXITSTATUS(status);
}

int fx_run(const struct fx *fx, char **out, char **err, ...)
{
    va_list ap;
    va_start(ap, err);
    int rc = fx_vexec(fx, fx->tool, out, err, ap);
    va_end(ap);
    return rc;
}

int fx_exec(const struct fx *fx, const char *prog, char **out, char **err, ...)
{
    va_list ap;
    va_start(ap, err);
    int rc = fx_vexec(fx, prog, out, err, ap);
    va_end(ap);
    return rc;
}

void fx_corrupt(const char *path, long offset)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, offset, offset < 0 ? SEEK_END : SEEK_SET), 0);
    int c = fgetc(f);
    assert_int_not_equal(c, EOF);
    assert_int_equal(fseek(f, -1, SEEK_CUR), 0);
    fputc(c ^ 0x5a, f);
    fclose(f);
}

void fx_truncate(const char *path, long len)
{
    assert_int_equal(truncate(path, len), 0);
}
