/*
 * fenestra-trace - exports and sums up recordings (docs/tracing.md).
 *
 *   fenestra-trace export FILE [--perfetto OUT.json] [--vcd OUT.vcd]
 *   fenestra-trace stats FILE
 *
 * One pass over the recording feeds the timeline (timeline.h), which feeds
 * the exporters or the statistics.  Exit status: 0 success, 1 a recording
 * or output error (the message names the file and offset), 2 usage.  A
 * recording that fails part-way leaves its exports marked incomplete and
 * says how many kernel events went into them: never a silently short file.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "perfetto.h"
#include "recording.h"
#include "stats.h"
#include "timeline.h"
#include "vcd.h"

#define PROG "fenestra-trace"

struct options {
    bool stats;             /* else export */
    const char *file;
    const char *perfetto;   /* OUT.json or NULL */
    const char *vcd;        /* OUT.vcd or NULL */
};

/* Everything one run has open. */
struct session {
    const struct options *o;
    struct rec_reader r;
    struct rec_header h;
    bool reader_open;       /* r and h need closing and freeing */
    struct timeline tl;
    struct perfetto *pf;
    struct vcd *vcd;
    struct stats *st;
    char failure[1024];     /* what stopped the pass; empty: none */
};

static void usage(FILE *to)
{
    fputs("usage: " PROG " export FILE [--perfetto OUT.json] [--vcd OUT.vcd]\n"
          "       " PROG " stats FILE\n"
          "       " PROG " app FILE\n"
          "\n"
          "  export   writes the recording FILE as Chrome trace-event JSON (open it in\n"
          "           ui.perfetto.dev or chrome://tracing) and/or as a VCD waveform\n"
          "           (gtkwave); at least one of --perfetto and --vcd\n"
          "  stats    prints CPU use, idle time, deadline misses, faults, overruns and\n"
          "           window start jitter per partition and per window\n"
          "  app      prints the name of the app the recording FILE is of\n"
          "\n"
          "Exit status: 0 success, 1 bad recording or output error, 2 usage error.\n"
          "See docs/tracing.md.\n",
          to);
}

static int usage_error(const char *msg, const char *arg)
{
    if (arg)
        fprintf(stderr, PROG ": %s '%s'\n", msg, arg);
    else
        fprintf(stderr, PROG ": %s\n", msg);
    usage(stderr);
    return 2;
}

/* An option's value, or NULL (with *i past it). */
static const char *option_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc)
        return NULL;
    return argv[++*i];
}

/* Parses argv into o; 0 to go on, else the exit status. */
static int parse(int argc, char **argv, struct options *o)
{
    memset(o, 0, sizeof *o);
    if (argc < 2)
        return usage_error("missing command (export or stats)", NULL);
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        usage(stdout);
        return -1;
    }
    if (!strcmp(argv[1], "stats"))
        o->stats = true;
    else if (strcmp(argv[1], "export") != 0)
        return usage_error("unknown command", argv[1]);
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = !o->stats && !strcmp(a, "--perfetto") ? &o->perfetto
                            : !o->stats && !strcmp(a, "--vcd")    ? &o->vcd
                                                                  : NULL;
        if (slot) {
            if (!(*slot = option_value(argc, argv, &i)))
                return usage_error("missing file name after", a);
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error(o->stats ? "unknown option for stats" : "unknown option", a);
        } else if (o->file) {
            return usage_error("unexpected argument", a);
        } else {
            o->file = a;
        }
    }
    if (!o->file)
        return usage_error("missing recording FILE", NULL);
    if (!o->stats && !o->perfetto && !o->vcd)
        return usage_error("export needs --perfetto OUT.json or --vcd OUT.vcd", NULL);
    return 0;
}

/* Removes the exports already created when another could not be: no
 * file may look like a whole export of nothing. */
static void abandon_outputs(struct session *s)
{
    char err[1024];
    snprintf(s->failure, sizeof s->failure, "export abandoned");
    if (s->pf) {
        pf_close(s->pf, s->failure, err, sizeof err);
        remove(s->o->perfetto);
    }
    if (s->vcd) {
        vcd_close(s->vcd, s->failure, err, sizeof err);
        remove(s->o->vcd);
    }
    s->pf = NULL;
    s->vcd = NULL;
}

/* True when path names the file the recording is (opening it for writing
 * would wipe the recording being read). */
static bool is_input(const char *input, const char *path)
{
    struct stat a, b;
    return path && stat(input, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

/* Opens the recording, the model and the consumers; false with a message
 * on stderr. */
static bool session_open(struct session *s)
{
    char err[1024];
    const struct options *o = s->o;
    if (!rec_reader_open(&s->r, o->file, &s->h, err, sizeof err)) {
        fprintf(stderr, PROG ": %s\n", err);
        return false;
    }
    s->reader_open = true;
    if (is_input(o->file, o->perfetto) || is_input(o->file, o->vcd)) {
        fprintf(stderr, PROG ": %s: is the recording itself; not overwriting it\n",
                is_input(o->file, o->perfetto) ? o->perfetto : o->vcd);
        return false;
    }
    if (s->h.trace_version != TRACE_FORMAT_VERSION) {
        fprintf(stderr, PROG ": %s: header: kernel events of trace format version %" PRIu32
                ", this tool reads version %d (docs/formats.md)\n",
                o->file, s->h.trace_version, TRACE_FORMAT_VERSION);
        return false;
    }
    if (!tl_init(&s->tl, &s->h, err, sizeof err)) {
        fprintf(stderr, PROG ": %s: %s\n", o->file, err);
        return false;
    }
    if (o->perfetto && !(s->pf = pf_open(o->perfetto, &s->tl, err, sizeof err)))
        goto fail;
    if (o->vcd && !(s->vcd = vcd_open(o->vcd, &s->tl, err, sizeof err)))
        goto fail;
    if (o->stats && !(s->st = stats_new(&s->tl, err, sizeof err)))
        goto fail;
    struct tl_sink sinks[3];
    unsigned n = 0;
    if (s->pf)
        sinks[n++] = pf_sink(s->pf);
    if (s->vcd)
        sinks[n++] = vcd_sink(s->vcd);
    if (s->st)
        sinks[n++] = stats_sink(s->st);
    for (unsigned i = 0; i < n; i++)
        tl_add_sink(&s->tl, &sinks[i]);
    return true;
fail:
    fprintf(stderr, PROG ": %s\n", err);
    abandon_outputs(s);
    return false;
}

/* Reads every record into the model; false with s->failure set. */
static bool session_pass(struct session *s)
{
    struct rec_record rec;
    int got;
    while ((got = rec_reader_next(&s->r, &rec)) == 1) {
        if (rec.kind != REC_EVENT) {
            if (s->st)
                stats_input(s->st, &rec);
            continue;
        }
        if (!tl_feed(&s->tl, &rec.event)) {
            snprintf(s->failure, sizeof s->failure, "%s: offset %" PRIu64 ": %s", s->o->file,
                     rec.offset, s->tl.error);
            return false;
        }
    }
    if (got < 0) {
        snprintf(s->failure, sizeof s->failure, "%s", s->r.error);
        return false;
    }
    return true;
}

/* Closes the exports; false when one could not be written. */
static bool session_close_outputs(struct session *s)
{
    char err[1024];
    const char *failure = s->failure[0] ? s->failure : NULL;
    bool ok = true;
    if (s->pf && !pf_close(s->pf, failure, err, sizeof err)) {
        fprintf(stderr, PROG ": %s\n", err);
        ok = false;
    }
    if (s->vcd && !vcd_close(s->vcd, failure, err, sizeof err)) {
        fprintf(stderr, PROG ": %s\n", err);
        ok = false;
    }
    s->pf = NULL;
    s->vcd = NULL;
    return ok;
}

/* Says which exports are incomplete and how much went into them. */
static void report_incomplete(const struct session *s)
{
    const char *outs[] = {s->o->perfetto, s->o->vcd};
    fprintf(stderr, PROG ": %s\n", s->failure);
    for (unsigned i = 0; i < 2; i++)
        if (outs[i])
            fprintf(stderr,
                    PROG ": %s is incomplete: %" PRIu64 " kernel events exported before "
                    "the error\n",
                    outs[i], s->tl.events);
    if (s->o->stats)
        fprintf(stderr, PROG ": no statistics: the recording failed after %" PRIu64
                " kernel events\n", s->tl.events);
}

static int session_run(struct session *s)
{
    bool whole = session_pass(s);
    tl_finish(&s->tl, whole ? s->r.end.cycle : s->tl.last_cycle);
    bool written = session_close_outputs(s);
    if (!whole) {
        report_incomplete(s);
        return 1;
    }
    if (s->st)
        stats_print(s->st, s->o->file, &s->r.end, stdout);
    return written ? 0 : 1;
}

static void session_free(struct session *s)
{
    stats_free(s->st);
    tl_free(&s->tl);
    if (s->reader_open) {
        rec_reader_close(&s->r);
        rec_header_free(&s->h);
    }
}

/* `app FILE`: the app a recording is of (./fenestra replay picks the
 * simulator executable by it). */
static int print_app(const char *file)
{
    struct rec_reader r;
    struct rec_header h;
    char err[1024];
    if (!rec_reader_open(&r, file, &h, err, sizeof err)) {
        fprintf(stderr, PROG ": %s\n", err);
        return 1;
    }
    printf("%s\n", h.app);
    rec_reader_close(&r);
    rec_header_free(&h);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "app"))
        return print_app(argv[2]);
    struct options o;
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    struct session s = {.o = &o};
    rc = session_open(&s) ? session_run(&s) : 1;
    session_free(&s);
    return rc;
}
