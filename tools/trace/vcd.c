/*
 * vcd.c - Value Change Dump export (vcd.h).
 *
 * Time: the VCD's unit is 1 ns (1 ps for clocks above 1 GHz) and a cycle
 * is written at floor(cycle * unit_per_second / clock_hz): real time,
 * exact when the clock divides 1 GHz (25 MHz: 40 ns a cycle), and never
 * two cycles at one time.
 *
 * Changes are staged per cycle: setting a signal only updates its current
 * value; when time moves past the staged cycle, every signal whose value
 * differs from what the file last said is written under one timestamp.
 */
#include "vcd.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VCD_Z UINT64_MAX    /* a value that reads "z" (high impedance) */
#define VCD_PULSE 1         /* cycles a fault or error pulse stays high */

struct vcd_sig {
    char id[8];             /* identifier code */
    unsigned width;
    uint64_t cur, written;  /* VCD_Z: z */
};

/* A pulse wire: high for VCD_PULSE cycles from each event. */
struct vcd_pulse {
    struct vcd_sig sig;
    bool pending;
    uint64_t clear_at;
};

struct vcd {
    FILE *f;
    char *path;
    const struct timeline *tl;
    const struct rec_header *h;
    uint64_t per_second;    /* VCD time units per second */
    uint64_t stage;         /* the cycle whose changes are being gathered */
    bool dumped;            /* $dumpvars written */
    uint64_t time_written;  /* cycle of the last timestamp written */
    unsigned next_id;
    struct vcd_sig partition, window, schedule, frame;
    struct vcd_pulse fault, error;
    struct vcd_sig *running, *thread;   /* per partition */
    struct vcd_sig *irq;                /* per owned line (header order) */
    uint8_t on_cpu;         /* partition whose running wire is 1 */
};

/* Identifier codes: printable ASCII '!'..'~' in base 94. */
static void vcd_new_id(struct vcd *v, struct vcd_sig *s, unsigned width, uint64_t init)
{
    unsigned n = v->next_id++, i = 0;
    do {
        s->id[i++] = (char)('!' + n % 94);
        n /= 94;
    } while (n && i < sizeof s->id - 1);
    s->id[i] = '\0';
    s->width = width;
    s->cur = s->written = init;
}

/* A name as a VCD identifier: letters, digits and '_' kept, others '_'. */
static void vcd_name(FILE *f, const char *s)
{
    if (!s || !*s)
        s = "_";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                  (*p >= '0' && *p <= '9') || *p == '_';
        fputc(ok ? *p : '_', f);
    }
}

static void vcd_declare(struct vcd *v, struct vcd_sig *s, unsigned width, uint64_t init,
                        const char *name)
{
    vcd_new_id(v, s, width, init);
    if (width == 1)
        fprintf(v->f, "$var wire 1 %s ", s->id);
    else
        fprintf(v->f, "$var integer %u %s ", width, s->id);
    vcd_name(v->f, name);
    fputs(" $end\n", v->f);
}

static void vcd_value(struct vcd *v, const struct vcd_sig *s)
{
    if (s->width == 1) {
        fprintf(v->f, "%c%s\n", s->cur == VCD_Z ? 'z' : s->cur ? '1' : '0', s->id);
        return;
    }
    if (s->cur == VCD_Z) {
        fprintf(v->f, "bz %s\n", s->id);
        return;
    }
    char bits[65];
    int i = 64;
    bits[i] = '\0';
    uint64_t x = s->cur;
    do {
        bits[--i] = (char)('0' + (x & 1));
        x >>= 1;
    } while (x);
    fprintf(v->f, "b%s %s\n", &bits[i], s->id);
}

/* Calls fn on every signal; true when any call returned true. */
static bool vcd_each(struct vcd *v, bool (*fn)(struct vcd *, struct vcd_sig *))
{
    struct vcd_sig *fixed[] = {&v->partition, &v->window, &v->schedule, &v->frame,
                               &v->fault.sig, &v->error.sig};
    bool any = false;
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        any |= fn(v, fixed[i]);
    for (uint32_t p = 0; p < v->h->num_partitions; p++) {
        any |= fn(v, &v->running[p]);
        any |= fn(v, &v->thread[p]);
    }
    for (uint32_t i = 0; i < v->h->num_irqs; i++)
        any |= fn(v, &v->irq[i]);
    return any;
}

static bool vcd_write_all(struct vcd *v, struct vcd_sig *s)
{
    vcd_value(v, s);
    s->written = s->cur;
    return true;
}

static bool vcd_is_changed(struct vcd *v, struct vcd_sig *s)
{
    (void)v;
    return s->cur != s->written;
}

static bool vcd_write_changed(struct vcd *v, struct vcd_sig *s)
{
    return s->cur != s->written && vcd_write_all(v, s);
}

static void vcd_time(struct vcd *v, uint64_t cycle)
{
    /* Past 2^64 ns (cycles near 2^64) the time needs more than 64 bits. */
    unsigned __int128 t = (unsigned __int128)cycle * v->per_second / v->h->clock_hz;
    const uint64_t e19 = 10000000000000000000ull;
    if (t / e19)
        fprintf(v->f, "#%" PRIu64 "%019" PRIu64 "\n", (uint64_t)(t / e19), (uint64_t)(t % e19));
    else
        fprintf(v->f, "#%" PRIu64 "\n", (uint64_t)t);
    v->time_written = cycle;
}

/* Writes the staged cycle's changes (all values the first time). */
static void vcd_flush(struct vcd *v)
{
    if (!v->dumped) {
        vcd_time(v, v->stage);
        fputs("$dumpvars\n", v->f);
        vcd_each(v, vcd_write_all);
        fputs("$end\n", v->f);
        v->dumped = true;
        return;
    }
    if (!vcd_each(v, vcd_is_changed))
        return;
    vcd_time(v, v->stage);
    vcd_each(v, vcd_write_changed);
}

/* Starts gathering the changes of cycle `at`. */
static void vcd_stage(struct vcd *v, uint64_t at)
{
    if (at > v->stage) {
        vcd_flush(v);
        v->stage = at;
    }
}

/* The earliest pulse still to clear by `at`, or NULL. */
static struct vcd_pulse *vcd_due_pulse(struct vcd *v, uint64_t at)
{
    struct vcd_pulse *due = NULL, *all[] = {&v->fault, &v->error};
    for (size_t i = 0; i < 2; i++)
        if (all[i]->pending && all[i]->clear_at <= at &&
            (!due || all[i]->clear_at < due->clear_at))
            due = all[i];
    return due;
}

/* Moves time to `at`, ending the pulses that end on the way. */
static void vcd_move(struct vcd *v, uint64_t at)
{
    struct vcd_pulse *p;
    while ((p = vcd_due_pulse(v, at))) {
        vcd_stage(v, p->clear_at);
        p->sig.cur = 0;
        p->pending = false;
    }
    vcd_stage(v, at);
}

static void vcd_set(struct vcd *v, struct vcd_sig *s, uint64_t at, uint64_t value)
{
    vcd_move(v, at);
    s->cur = value;
}

static void vcd_pulse(struct vcd *v, struct vcd_pulse *p, uint64_t at)
{
    vcd_set(v, &p->sig, at, 1);
    p->pending = true;
    p->clear_at = at + VCD_PULSE;
}

/* --- timeline callbacks ------------------------------------------------- */

static void vcd_window_begin(void *ctx, const struct tl_window *w)
{
    struct vcd *v = ctx;
    vcd_set(v, &v->partition, w->start, w->part);
    vcd_set(v, &v->window, w->start, w->index);
    vcd_set(v, &v->schedule, w->start, w->schedule);
}

static void vcd_window_end(void *ctx, const struct tl_window *w)
{
    struct vcd *v = ctx;
    vcd_set(v, &v->partition, w->end, VCD_Z);
    vcd_set(v, &v->window, w->end, VCD_Z);
}

/* The running wires and thread numbers follow the thread on the CPU. */
static void vcd_switch(struct vcd *v, uint64_t at)
{
    if (v->on_cpu != TRACE_NONE) {
        vcd_set(v, &v->running[v->on_cpu], at, 0);
        vcd_set(v, &v->thread[v->on_cpu], at, VCD_Z);
    }
    v->on_cpu = v->tl->cur_part;
    if (v->on_cpu != TRACE_NONE) {
        vcd_set(v, &v->running[v->on_cpu], at, 1);
        vcd_set(v, &v->thread[v->on_cpu], at, v->tl->cur_thread);
    }
}

/* enum irq_op (kernel/irq.h), as docs/formats.md numbers it. */
enum { VCD_IRQ_ASSERT = 0, VCD_IRQ_DELIVER = 1, VCD_IRQ_ACK = 2, VCD_IRQ_DROPPED = 5 };

/* A line is high from its assertion until it is delivered, acknowledged
 * or dropped.  Lines the header does not list are not shown. */
static void vcd_irq(struct vcd *v, const struct trace_event *ev)
{
    for (uint32_t i = 0; i < v->h->num_irqs; i++) {
        if (v->h->irqs[i].index != ev->a0)
            continue;
        if (ev->flags == VCD_IRQ_ASSERT)
            vcd_set(v, &v->irq[i], ev->cycle, 1);
        else if (ev->flags == VCD_IRQ_DELIVER || ev->flags == VCD_IRQ_ACK ||
                 ev->flags == VCD_IRQ_DROPPED)
            vcd_set(v, &v->irq[i], ev->cycle, 0);
    }
}

static void vcd_event(void *ctx, const struct trace_event *ev)
{
    struct vcd *v = ctx;
    switch (ev->type) {
    case TR_THREAD_SWITCH: vcd_switch(v, ev->cycle); break;
    case TR_FRAME: vcd_set(v, &v->frame, ev->cycle, ev->a0); break;
    case TR_FAULT: vcd_pulse(v, &v->fault, ev->cycle); break;
    case TR_ERROR: vcd_pulse(v, &v->error, ev->cycle); break;
    case TR_IRQ: vcd_irq(v, ev); break;
    default: break;
    }
}

/* --- open and close ------------------------------------------------------- */

static void vcd_scope(struct vcd *v, const char *name)
{
    fputs("$scope module ", v->f);
    vcd_name(v->f, name);
    fputs(" $end\n", v->f);
}

static void vcd_declarations(struct vcd *v)
{
    const struct rec_header *h = v->h;
    vcd_scope(v, "fenestra");
    vcd_declare(v, &v->partition, 8, VCD_Z, "partition");
    vcd_declare(v, &v->window, 16, VCD_Z, "window");
    vcd_declare(v, &v->schedule, 8, h->initial_schedule, "schedule");
    vcd_declare(v, &v->frame, 32, 0, "frame");
    vcd_declare(v, &v->fault.sig, 1, 0, "fault");
    vcd_declare(v, &v->error.sig, 1, 0, "hm_error");
    for (uint32_t p = 0; p < h->num_partitions; p++) {
        vcd_scope(v, tl_part_name(h, p));
        vcd_declare(v, &v->running[p], 1, 0, "running");
        vcd_declare(v, &v->thread[p], 8, VCD_Z, "thread");
        fputs("$upscope $end\n", v->f);
    }
    vcd_scope(v, "irq");
    for (uint32_t i = 0; i < h->num_irqs; i++) {
        char name[160];
        snprintf(name, sizeof name, "line%" PRIu32 "_%s", h->irqs[i].index,
                 h->irqs[i].name ? h->irqs[i].name : "");
        vcd_declare(v, &v->irq[i], 1, 0, name);
    }
    fputs("$upscope $end\n$upscope $end\n$enddefinitions $end\n", v->f);
}

/* Text inside $comment: a '$' could start the "$end" that closes it. */
static void vcd_comment_text(FILE *f, const char *s)
{
    for (; s && *s; s++)
        fputc(*s == '$' ? '?' : *s, f);
}

static void vcd_head(struct vcd *v)
{
    const struct rec_header *h = v->h;
    const char *unit = v->per_second == 1000000000ull ? "ns" : "ps";
    fputs("$version fenestra-trace $end\n$comment\n  app ", v->f);
    vcd_comment_text(v->f, h->app);
    fputs(", board ", v->f);
    vcd_comment_text(v->f, h->board);
    fprintf(v->f, ", clock %" PRIu64 " Hz; cycle c is at time floor(c * %" PRIu64 " / %" PRIu64
            ") %s\n$end\n$timescale 1%s $end\n",
            h->clock_hz, v->per_second, h->clock_hz, unit, unit);
    vcd_declarations(v);
}

static void vcd_free(struct vcd *v)
{
    if (!v)
        return;
    free(v->running);
    free(v->thread);
    free(v->irq);
    free(v->path);
    free(v);
}

struct vcd *vcd_open(const char *path, const struct timeline *tl, char *err, size_t errlen)
{
    const struct rec_header *h = tl->h;
    if (h->clock_hz > 1000000000000ull) {
        snprintf(err, errlen, "%s: a clock of %" PRIu64 " Hz is faster than the VCD's "
                 "1 ps resolution", path, h->clock_hz);
        return NULL;
    }
    struct vcd *v = calloc(1, sizeof *v);
    size_t np = h->num_partitions ? h->num_partitions : 1, ni = h->num_irqs ? h->num_irqs : 1;
    if (v) {
        v->running = calloc(np, sizeof *v->running);
        v->thread = calloc(np, sizeof *v->thread);
        v->irq = calloc(ni, sizeof *v->irq);
        v->path = strdup(path);
    }
    if (!v || !v->running || !v->thread || !v->irq || !v->path) {
        snprintf(err, errlen, "%s: out of memory", path);
        vcd_free(v);
        return NULL;
    }
    v->f = fopen(path, "w");
    if (!v->f) {
        snprintf(err, errlen, "%s: cannot create: %s", path, strerror(errno));
        vcd_free(v);
        return NULL;
    }
    v->tl = tl;
    v->h = h;
    v->on_cpu = TRACE_NONE;
    v->per_second = h->clock_hz <= 1000000000ull ? 1000000000ull : 1000000000000ull;
    vcd_head(v);
    return v;
}

struct tl_sink vcd_sink(struct vcd *v)
{
    return (struct tl_sink){.ctx = v, .window_begin = vcd_window_begin,
                            .window_end = vcd_window_end, .event = vcd_event};
}

bool vcd_close(struct vcd *v, const char *failure, char *err, size_t errlen)
{
    uint64_t end = v->tl->last_cycle;
    vcd_move(v, end);
    vcd_flush(v);
    /* A pulse still high ends a cycle on; a last timestamp marks the run's
     * end so viewers show all of it. */
    if (v->fault.pending || v->error.pending) {
        vcd_move(v, end + VCD_PULSE);
        vcd_flush(v);
    }
    if (v->time_written < end)
        vcd_time(v, end);
    if (failure) {
        fputs("$comment\n  incomplete: ", v->f);
        vcd_comment_text(v->f, failure);
        fputs("\n$end\n", v->f);
    }
    bool ok = !ferror(v->f);
    int saved = errno;
    if (fclose(v->f) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok)
        snprintf(err, errlen, "%s: write failed: %s", v->path, strerror(saved));
    vcd_free(v);
    return ok;
}
