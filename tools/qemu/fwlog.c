/*
 * fwlog.c - `<app>-fwlog`: reads what the firmware writes to its console
 * UART (QEMU's serial output, or a board's), prints the console text and,
 * with --events, the kernel's events in the text of `run --events`
 * (sim/trace_text.c, built with the same app's tables); stops at the
 * firmware's end-of-run record.  Built per app in host builds.
 *
 *   qemu-system-arm ... | hello-fwlog [--events] [--quiet] [--clock-hz HZ]
 *
 * --clock-hz gives the clock of the board the firmware was built for when
 * it is not the app's own (the app's tables hold its board's clock and
 * its frame in that board's cycles): the summary's frames and seconds.
 *
 * Exit status: 0 the run ended (frames reached or the module halted),
 * 3 kernel panic, 4 the stream ended without an end record (QEMU killed
 * by the timeout, or a crash).  The summary goes to stderr.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "demux.h"
#include "trace_text.h"

struct fwlog {
    bool events;
    bool quiet;
    char line[4096];     /* console text of the line being written */
    size_t line_len;
    uint64_t n_events;
    uint64_t lost;
    uint64_t clock_hz; /* the firmware's board clock */
};

static void flush_line(struct fwlog *f)
{
    fwrite(f->line, 1, f->line_len, stdout);
    f->line_len = 0;
}

/* With --events, console text goes out a whole line at a time, so event
 * lines never split it. */
static void console_byte(struct fwlog *f, char c)
{
    if (f->quiet)
        return;
    if (!f->events) {
        fputc(c, stdout);
        return;
    }
    if (f->line_len == sizeof f->line)
        flush_line(f);
    f->line[f->line_len++] = c;
    if (c == '\n')
        flush_line(f);
}

static void event(struct fwlog *f, const struct trace_event *e)
{
    f->n_events++;
    if (e->type == TR_LOST)
        f->lost += e->a0;
    if (!f->events || f->quiet)
        return;
    char text[256];
    trace_text(&cfg_system, e, text, sizeof text);
    printf("%s\n", text);
}

static const char *const end_reasons[] = {"frames reached", "module halted",
                                          "kernel panic"};

static int end(struct fwlog *f, const struct demux_record *rec)
{
    uint64_t cycle;
    unsigned reason;
    if (!demux_end(rec, &cycle, &reason))
        return -1;
    flush_line(f);
    fflush(stdout);
    /* The major frame in the firmware board's cycles. */
    uint64_t frame = cfg_system.schedule->major_frame * f->clock_hz /
                     cfg_system.board->clock_hz;
    fprintf(stderr, "qemu: %s: %" PRIu64 " frames, %" PRIu64 " cycles (%.6f s virtual), "
            "%" PRIu64 " events, %" PRIu64 " lost, end: %s\n", cfg_system.app_name,
            cycle / frame, cycle, (double)cycle / (double)f->clock_hz,
            f->n_events, f->lost, reason < 3 ? end_reasons[reason] : "?");
    return reason == 2 ? 3 : 0;
}

/* HZ of --clock-hz: a positive decimal number, else 0. */
static uint64_t clock_arg(const char *s)
{
    char *end;
    unsigned long long v = s ? strtoull(s, &end, 10) : 0;
    return s && *s >= '1' && *s <= '9' && !*end ? v : 0;
}

static int options(struct fwlog *f, int argc, char **argv)
{
    f->clock_hz = cfg_system.board->clock_hz;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--events"))
            f->events = true;
        else if (!strcmp(argv[i], "--quiet"))
            f->quiet = true;
        else if (!strcmp(argv[i], "--clock-hz") && clock_arg(argv[i + 1]))
            f->clock_hz = clock_arg(argv[++i]);
        else {
            fprintf(stderr, "usage: %s [--events] [--quiet] [--clock-hz HZ] "
                    "< console-stream\n", argv[0]);
            return 2;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    static struct fwlog f;
    static struct demux d;
    int rc = options(&f, argc, argv);
    if (rc)
        return rc;
    int c;
    while ((c = getchar()) != EOF) {
        char text;
        struct demux_record rec;
        struct trace_event e;
        switch (demux_feed(&d, (uint8_t)c, &text, &rec)) {
        case DEMUX_TEXT: console_byte(&f, text); break;
        case DEMUX_RECORD:
            if (demux_event(&rec, &e))
                event(&f, &e);
            else if ((rc = end(&f, &rec)) >= 0)
                return rc;
            break;
        case DEMUX_NONE: break;
        }
    }
    flush_line(&f);
    fprintf(stderr, "qemu: %s: the console stream ended without an end-of-run record "
            "(%" PRIu64 " events, %" PRIu64 " malformed records)\n", cfg_system.app_name,
            f.n_events, d.malformed);
    return 4;
}
