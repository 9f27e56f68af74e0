/*
 * perfetto.c - Chrome trace-event JSON (perfetto.h).
 *
 * Layout: process 1 is the module (tracks "windows", "frames",
 * "interrupts", "module"); partition p is process p + 2, with one track
 * per thread ("partition/process") and a "partition" track for what
 * belongs to no thread.  Thread ids are pid * 1000 + local id so that no
 * two tracks share one (Perfetto keys threads by tid).
 */
#include "perfetto.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "jsonw.h"

#define PF_MODULE_PID 1
#define PF_TRACK_WINDOWS 1
#define PF_TRACK_FRAMES 2
#define PF_TRACK_IRQ 3
#define PF_TRACK_MODULE 4
#define PF_PART_TRACK 999   /* a partition's own track, beside its threads */
#define PF_TID(pid, local) ((pid) * 1000 + (local))

/* A partition's threads that have a name in the file already: one bit per
 * local id 0-254, bit 255 for the partition track. */
struct pf_part {
    uint8_t named[32];
    bool zero_pending;      /* the cpu counter drops to 0 at zero_at ... */
    uint64_t zero_at;       /* ... unless the next window starts there */
};

struct perfetto {
    FILE *f;
    char *path;
    const struct timeline *tl;
    const struct rec_header *h;
    struct jsonw_clock clock;
    struct pf_part *parts;
    uint64_t written;       /* trace events written */
};

static unsigned part_pid(unsigned part)
{
    return part + 2;
}

/* Starts one trace event: `{"ph":..,"name":..,"pid":..,"tid":..`; the
 * caller adds its fields and pf_end closes it. */
static void pf_begin(struct perfetto *pf, const char *ph, const char *name, unsigned pid,
                     unsigned tid)
{
    fprintf(pf->f, "%s{\"ph\":\"%s\",\"name\":", pf->written ? ",\n" : "\n", ph);
    jsonw_string(pf->f, name);
    fprintf(pf->f, ",\"pid\":%u,\"tid\":%u", pid, tid);
    pf->written++;
}

static void pf_end(struct perfetto *pf)
{
    fputc('}', pf->f);
}

static void pf_ts(struct perfetto *pf, uint64_t cycle)
{
    fputs(",\"ts\":", pf->f);
    jsonw_us(pf->f, &pf->clock, jsonw_units(&pf->clock, cycle));
}

static void pf_dur(struct perfetto *pf, uint64_t start, uint64_t end)
{
    fputs(",\"dur\":", pf->f);
    jsonw_us(pf->f, &pf->clock,
             jsonw_units(&pf->clock, end) - jsonw_units(&pf->clock, start));
}

/* A metadata event: process_name, thread_name or a sort index. */
static void pf_meta(struct perfetto *pf, const char *what, unsigned pid, unsigned tid,
                    const char *name, int sort)
{
    pf_begin(pf, "M", what, pid, tid);
    fputs(",\"args\":{", pf->f);
    if (name) {
        fputs("\"name\":", pf->f);
        jsonw_string(pf->f, name);
    } else {
        fprintf(pf->f, "\"sort_index\":%d", sort);
    }
    fputs("}", pf->f);
    pf_end(pf);
}

static void pf_name_track(struct perfetto *pf, unsigned pid, unsigned tid, const char *name,
                          int sort)
{
    pf_meta(pf, "thread_name", pid, tid, name, 0);
    pf_meta(pf, "thread_sort_index", pid, tid, NULL, sort);
}

static void pf_name_processes(struct perfetto *pf)
{
    char name[160];
    snprintf(name, sizeof name, "module %s", pf->h->app ? pf->h->app : "?");
    pf_meta(pf, "process_name", PF_MODULE_PID, 0, name, 0);
    pf_meta(pf, "process_sort_index", PF_MODULE_PID, 0, NULL, 0);
    static const char *const tracks[] = {"windows", "frames", "interrupts", "module"};
    for (unsigned i = 0; i < 4; i++)
        pf_name_track(pf, PF_MODULE_PID, PF_TID(PF_MODULE_PID, i + 1), tracks[i], (int)i);
    for (unsigned p = 0; p < pf->h->num_partitions; p++) {
        pf_meta(pf, "process_name", part_pid(p), 0, tl_part_name(pf->h, p), 0);
        pf_meta(pf, "process_sort_index", part_pid(p), 0, NULL, (int)p + 1);
    }
}

/* The track of a thread, named the first time it is used. */
static unsigned pf_thread_tid(struct perfetto *pf, unsigned part, unsigned thread)
{
    unsigned pid = part_pid(part);
    uint8_t *named = pf->parts[part].named;
    if (!(named[thread / 8] & (1u << (thread % 8)))) {
        named[thread / 8] |= (uint8_t)(1u << (thread % 8));
        char name[300];
        if (thread == TRACE_NONE)
            snprintf(name, sizeof name, "%s (partition)", tl_part_name(pf->h, part));
        else
            tl_thread_name(pf->h, part, thread, name, sizeof name);
        /* The partition's own track sorts first, threads by local id. */
        pf_name_track(pf, pid, PF_TID(pid, thread == TRACE_NONE ? PF_PART_TRACK : thread),
                      name, thread == TRACE_NONE ? -1 : (int)thread);
    }
    return PF_TID(pid, thread == TRACE_NONE ? PF_PART_TRACK : thread);
}

/* Where an event of (part, thread) goes: its thread's track, else its
 * partition's, else the module's "module" track. */
static void pf_where(struct perfetto *pf, unsigned part, unsigned thread, unsigned *pid,
                     unsigned *tid)
{
    if (part == TRACE_NONE) {
        *pid = PF_MODULE_PID;
        *tid = PF_TID(PF_MODULE_PID, PF_TRACK_MODULE);
        return;
    }
    *pid = part_pid(part);
    *tid = pf_thread_tid(pf, part, thread);
}

/* --- timeline callbacks ------------------------------------------------- */

static void pf_counter(struct perfetto *pf, unsigned part, uint64_t at, double busy)
{
    pf_begin(pf, "C", "cpu", part_pid(part), 0);
    pf_ts(pf, at);
    fprintf(pf->f, ",\"args\":{\"busy\":%.6f}", busy);
    pf_end(pf);
}

/* CPU use of the window's partition: its busy fraction from the window's
 * start, 0 from its end unless its next window starts right there. */
static void pf_cpu(struct perfetto *pf, const struct tl_window *w)
{
    struct pf_part *pp = &pf->parts[w->part];
    if (pp->zero_pending && pp->zero_at != w->start)
        pf_counter(pf, w->part, pp->zero_at, 0.0);
    uint64_t len = w->end - w->start;
    pf_counter(pf, w->part, w->start, len ? (double)w->busy / (double)len : 0.0);
    pp->zero_pending = true;
    pp->zero_at = w->end;
}

static void pf_window_end(void *ctx, const struct tl_window *w)
{
    struct perfetto *pf = ctx;
    pf_begin(pf, "X", tl_part_name(pf->h, w->part), PF_MODULE_PID,
             PF_TID(PF_MODULE_PID, PF_TRACK_WINDOWS));
    pf_ts(pf, w->start);
    pf_dur(pf, w->start, w->end);
    fprintf(pf->f,
            ",\"args\":{\"window\":%u,\"schedule\":%u,\"planned_start_cycle\":%" PRIu64
            ",\"actual_start_cycle\":%" PRIu64 ",\"jitter_cycles\":%" PRId64
            ",\"busy_cycles\":%" PRIu64 ",\"planned_start_us\":",
            w->index, w->schedule, w->planned, w->start, (int64_t)(w->start - w->planned),
            w->busy);
    jsonw_us(pf->f, &pf->clock, jsonw_units(&pf->clock, w->planned));
    fputs(",\"actual_start_us\":", pf->f);
    jsonw_us(pf->f, &pf->clock, jsonw_units(&pf->clock, w->start));
    fputs("}", pf->f);
    pf_end(pf);
    pf_cpu(pf, w);
}

static void pf_frame_end(void *ctx, const struct tl_frame *fr)
{
    struct perfetto *pf = ctx;
    char name[32];
    snprintf(name, sizeof name, "frame %" PRIu32, fr->number);
    pf_begin(pf, "X", name, PF_MODULE_PID, PF_TID(PF_MODULE_PID, PF_TRACK_FRAMES));
    pf_ts(pf, fr->start);
    pf_dur(pf, fr->start, fr->end);
    fprintf(pf->f, ",\"args\":{\"schedule\":%" PRIu32 "}", fr->schedule);
    pf_end(pf);
}

static void pf_slice_end(void *ctx, const struct tl_slice *s)
{
    struct perfetto *pf = ctx;
    char name[128];
    unsigned tid = pf_thread_tid(pf, s->part, s->thread);
    tl_process_name(pf->h, s->part, s->thread, name, sizeof name);
    pf_begin(pf, "X", name, part_pid(s->part), tid);
    pf_ts(pf, s->start);
    pf_dur(pf, s->start, s->end);
    pf_end(pf);
}

/* Starts an instant event of (part, thread) at the event's cycle; the
 * caller writes ",\"args\":{...}" and pf_end. */
static void pf_instant(struct perfetto *pf, const struct trace_event *ev, unsigned part,
                       unsigned thread, const char *name)
{
    unsigned pid, tid;
    pf_where(pf, part, thread, &pid, &tid);
    pf_begin(pf, "i", name, pid, tid);
    pf_ts(pf, ev->cycle);
    fputs(",\"s\":\"t\"", pf->f);
}

static const char *const access_names[] = {"read", "write", "execute", "?"};

static void pf_fault(struct perfetto *pf, const struct trace_event *ev)
{
    char name[64];
    bool refused = ev->flags & TRACE_FAULT_SYSCALL;
    snprintf(name, sizeof name, "%s %s", refused ? "refused buffer" : "fault",
             fen_error_name(ev->flags >> 4));
    pf_instant(pf, ev, ev->part, ev->thread, name);
    fprintf(pf->f, ",\"args\":{\"access\":\"%s\"", access_names[ev->flags & 3]);
    if (refused)
        fprintf(pf->f, ",\"addr\":\"0x%08" PRIx32 "\",\"call\":%" PRIu32 ",\"len\":%" PRIu32,
                ev->a0, ev->a1, ev->a2);
    else
        fprintf(pf->f, ",\"pc\":\"0x%08" PRIx32 "\",\"status\":\"0x%08" PRIx32 "\"", ev->a1,
                ev->a2);
    if (!refused && (ev->flags & TRACE_FAULT_ADDR_VALID))
        fprintf(pf->f, ",\"addr\":\"0x%08" PRIx32 "\"", ev->a0);
    fputs("}", pf->f);
    pf_end(pf);
}

static void pf_error(struct perfetto *pf, const struct trace_event *ev)
{
    char name[64];
    uint64_t v = (uint64_t)ev->a1 << 32 | ev->a0;
    if (ev->flags == FEN_ERR_DEADLINE_MISSED)
        snprintf(name, sizeof name, "deadline missed");
    else if (ev->flags == FEN_ERR_OVERRUN)
        snprintf(name, sizeof name, "overrun");
    else
        snprintf(name, sizeof name, "error %s", fen_error_name(ev->flags));
    pf_instant(pf, ev, ev->part, ev->thread, name);
    fprintf(pf->f, ",\"args\":{\"error\":\"%s\"", fen_error_name(ev->flags));
    if (ev->flags == FEN_ERR_DEADLINE_MISSED)
        fprintf(pf->f, ",\"deadline_cycle\":%" PRIu64, v);
    else if (ev->flags == FEN_ERR_OVERRUN)
        fprintf(pf->f, ",\"window\":%" PRIu32, ev->a0);
    else
        fprintf(pf->f, ",\"addr\":\"0x%08" PRIx32 "\",\"pc\":\"0x%08" PRIx32 "\"", ev->a0,
                ev->a1);
    fputs("}", pf->f);
    pf_end(pf);
}

/* enum cfg_hm_action and enum hm_level, as docs/formats.md numbers them. */
static const char *const hm_actions[] = {"ignore",     "log",        "stop_process",
                                         "restart_process", "warm_start", "cold_start",
                                         "idle",       "stop_module", "restart_module"};
static const char *const hm_levels[] = {"handler", "process", "partition", "module",
                                        "default"};
#define NAME_OF(table, i) ((i) < sizeof(table) / sizeof(table[0]) ? (table)[i] : "?")

static void pf_hm(struct perfetto *pf, const struct trace_event *ev)
{
    char name[64];
    snprintf(name, sizeof name, "hm %s", NAME_OF(hm_actions, ev->flags));
    pf_instant(pf, ev, ev->part, ev->thread, name);
    fprintf(pf->f, ",\"args\":{\"error\":\"%s\",\"level\":\"%s\"}", fen_error_name(ev->a0),
            NAME_OF(hm_levels, ev->a1));
    pf_end(pf);
}

/* enum irq_op (kernel/irq.h), as docs/formats.md numbers it. */
static const char *const irq_ops[] = {"asserted", "delivered", "acknowledged", "enabled",
                                      "disabled", "dropped"};
#define PF_IRQ_DELIVER 1

static void pf_irq(struct perfetto *pf, const struct trace_event *ev)
{
    char name[64];
    snprintf(name, sizeof name, "irq %" PRIu32 " %s", ev->a0, NAME_OF(irq_ops, ev->flags));
    if (ev->flags == PF_IRQ_DELIVER && ev->part != TRACE_NONE) {
        pf_instant(pf, ev, ev->part, ev->thread, name);
        fprintf(pf->f, ",\"args\":{\"line\":%" PRIu32 ",\"latency_cycles\":%" PRIu32 "}",
                ev->a0, ev->a2);
    } else {
        pf_begin(pf, "i", name, PF_MODULE_PID, PF_TID(PF_MODULE_PID, PF_TRACK_IRQ));
        pf_ts(pf, ev->cycle);
        fprintf(pf->f, ",\"s\":\"t\",\"args\":{\"line\":%" PRIu32 ",\"owner\":", ev->a0);
        jsonw_string(pf->f, tl_part_name(pf->h, ev->part));
        fprintf(pf->f, ",\"pending\":%" PRIu32 "}", ev->a2);
    }
    pf_end(pf);
}

static const char *const modes[] = {"idle", "cold_start", "warm_start", "normal"};

/* Partition modes, schedule changes, module stops and lost events. */
static void pf_module(struct perfetto *pf, const struct trace_event *ev)
{
    char name[64];
    switch (ev->type) {
    case TR_MODE:
        snprintf(name, sizeof name, "mode %s", NAME_OF(modes, ev->a0));
        pf_instant(pf, ev, ev->part, TRACE_NONE, name);
        fprintf(pf->f, ",\"args\":{\"restarts\":%" PRIu32 "}", ev->a2);
        break;
    case TR_SCHEDULE:
        snprintf(name, sizeof name, "schedule %s", ev->flags ? "applied" : "requested");
        pf_instant(pf, ev, TRACE_NONE, TRACE_NONE, name);
        fprintf(pf->f, ",\"args\":{\"new\":%" PRIu32 ",\"old\":%" PRIu32 "}", ev->a0, ev->a1);
        break;
    case TR_MODULE:
        snprintf(name, sizeof name, "module %s", NAME_OF(hm_actions, ev->flags));
        pf_instant(pf, ev, TRACE_NONE, TRACE_NONE, name);
        fprintf(pf->f, ",\"args\":{\"restarts\":%" PRIu32 "}", ev->a0);
        break;
    default: /* TR_LOST */
        pf_instant(pf, ev, TRACE_NONE, TRACE_NONE, "events lost");
        fprintf(pf->f, ",\"args\":{\"lost\":%" PRIu32 "}", ev->a0);
        break;
    }
    pf_end(pf);
}

static void pf_event(void *ctx, const struct trace_event *ev)
{
    struct perfetto *pf = ctx;
    switch (ev->type) {
    case TR_FAULT: pf_fault(pf, ev); break;
    case TR_ERROR: pf_error(pf, ev); break;
    case TR_HM_ACTION: pf_hm(pf, ev); break;
    case TR_IRQ: pf_irq(pf, ev); break;
    case TR_MODE:
    case TR_SCHEDULE:
    case TR_MODULE:
    case TR_LOST: pf_module(pf, ev); break;
    default: break;
    }
}

/* --- open and close ------------------------------------------------------- */

static void pf_head(struct perfetto *pf)
{
    const struct rec_header *h = pf->h;
    fputs("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"app\":", pf->f);
    jsonw_string(pf->f, h->app);
    fputs(",\"board\":", pf->f);
    jsonw_string(pf->f, h->board);
    fputs(",\"cpu\":", pf->f);
    jsonw_string(pf->f, h->cpu);
    fprintf(pf->f, ",\"clock_hz\":%" PRIu64 ",\"timestamps\":\"microseconds\"},", h->clock_hz);
    fputs("\"traceEvents\":[", pf->f);
    pf_name_processes(pf);
}

struct perfetto *pf_open(const char *path, const struct timeline *tl, char *err,
                         size_t errlen)
{
    struct perfetto *pf = calloc(1, sizeof *pf);
    size_t np = tl->h->num_partitions ? tl->h->num_partitions : 1;
    if (pf)
        pf->parts = calloc(np, sizeof *pf->parts);
    if (pf)
        pf->path = strdup(path);
    if (!pf || !pf->parts || !pf->path) {
        snprintf(err, errlen, "%s: out of memory", path);
        goto fail;
    }
    pf->f = fopen(path, "w");
    if (!pf->f) {
        snprintf(err, errlen, "%s: cannot create: %s", path, strerror(errno));
        goto fail;
    }
    pf->tl = tl;
    pf->h = tl->h;
    jsonw_clock_init(&pf->clock, tl->h->clock_hz);
    pf_head(pf);
    return pf;
fail:
    if (pf) {
        free(pf->parts);
        free(pf->path);
    }
    free(pf);
    return NULL;
}

struct tl_sink pf_sink(struct perfetto *pf)
{
    return (struct tl_sink){.ctx = pf, .window_end = pf_window_end,
                            .frame_end = pf_frame_end, .slice_end = pf_slice_end,
                            .event = pf_event};
}

bool pf_close(struct perfetto *pf, const char *failure, char *err, size_t errlen)
{
    for (unsigned p = 0; p < pf->h->num_partitions; p++)
        if (pf->parts[p].zero_pending)
            pf_counter(pf, p, pf->parts[p].zero_at, 0.0);
    fprintf(pf->f, "\n],\"fenestra\":{\"complete\":%s,\"kernel_events\":%" PRIu64,
            failure ? "false" : "true", pf->tl->events);
    if (failure) {
        fputs(",\"error\":", pf->f);
        jsonw_string(pf->f, failure);
    }
    fputs("}}\n", pf->f);
    bool ok = !ferror(pf->f);
    int saved = errno;
    if (fclose(pf->f) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok)
        snprintf(err, errlen, "%s: write failed: %s", pf->path, strerror(saved));
    free(pf->parts);
    free(pf->path);
    free(pf);
    return ok;
}
