/* replayer.c - re-running a recording and checking it as it goes (see
 * replayer.h). */
#include "replayer.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "recorder.h"
#include "trace_text.h"

/* ======================================================================
 * the recording's stream
 * ====================================================================== */

static void step(struct replayer *rp)
{
    rp->have = rec_reader_next(&rp->rd, &rp->next);
}

/* Reads the whole file once, so a damaged or cut recording is refused up
 * front with the offset, never found half-way through a replay. */
static bool verify(const char *path, char *err, unsigned errlen)
{
    struct rec_reader r;
    struct rec_header h;
    struct rec_record rec;
    if (!rec_reader_open(&r, path, &h, err, errlen))
        return false;
    int got;
    while ((got = rec_reader_next(&r, &rec)) == 1)
        ;
    if (got < 0)
        snprintf(err, errlen, "%s", r.error);
    rec_reader_close(&r);
    rec_header_free(&h);
    return got == 0;
}

static bool keep_host_input(struct replayer *rp, const struct rec_host_input *in)
{
    if (rp->num_host == rp->cap_host) {
        size_t cap = rp->cap_host ? 2 * rp->cap_host : 256;
        struct rec_host_input *n = realloc(rp->host, cap * sizeof *n);
        if (!n)
            return false;
        rp->host = n;
        rp->cap_host = cap;
    }
    rp->host[rp->num_host++] = *in;
    return true;
}

/* ======================================================================
 * divergence
 * ====================================================================== */

static void describe(const struct replayer *rp, const struct rec_record *r, char *out,
                     size_t len)
{
    char line[256];
    switch (r->kind) {
    case REC_EVENT:
        trace_text(rp->m->sys, &r->event, line, sizeof line);
        snprintf(out, len, "event %s", line);
        break;
    case REC_INPUT:
        snprintf(out, len, "input @%" PRIu64 " kind %u device %u value %u (entered at %" PRIu64
                 ")", r->input.cycle, r->input.kind, r->input.device, r->input.value,
                 r->input.stamp);
        break;
    default:
        snprintf(out, len, "host byte 0x%02x for device %u stamped %" PRIu64, r->host.byte,
                 r->host.device, r->host.stamp);
        break;
    }
}

/* The likeliest reason, from what differs. */
static const char *likely_cause(const struct replayer *rp, const struct rec_record *want,
                                const struct rec_record *got)
{
    if (rp->sim_differs)
        return "the simulator or kernel build differs from the one that recorded (its "
               "hash changed): kernel code or the simulator's timing changed";
    if (want->kind != got->kind)
        return want->kind == REC_EVENT || got->kind == REC_EVENT
                   ? "an external input arrived at another point of the run: a device "
                     "model or the scenario's handling changed"
                   : "the inputs differ";
    if (want->kind == REC_INPUT)
        return "a device model handles its input differently now";
    if (want->event.type == got->event.type && want->event.cycle != got->event.cycle)
        return "the same event at another cycle: a timing difference (kernel entry cost, "
               "device timing, instruction counting)";
    return "the run took another path: non-determinism in the simulator (please report), "
           "or a partition reads something not recorded";
}

/* The whole report goes to rp->message; msg (a session's buffer, maybe
 * smaller) gets as much of it as fits. */
static void diverge(struct replayer *rp, const struct rec_record *got, char *msg, unsigned len)
{
    char want_text[320], got_text[320];
    char *out = rp->message;
    size_t n = sizeof rp->message;
    if (rp->have < 0) {
        snprintf(out, n, "the recording is damaged: %s", rp->rd.error);
    } else if (rp->have == 0) {
        describe(rp, got, got_text, sizeof got_text);
        snprintf(out, n, "diverged at cycle %" PRIu64 ": the run goes on past the end of "
                 "the recording\n  replayed: %s", rp->m->clock.now, got_text);
    } else {
        describe(rp, &rp->next, want_text, sizeof want_text);
        describe(rp, got, got_text, sizeof got_text);
        snprintf(out, n, "diverged at cycle %" PRIu64 " (record at offset %" PRIu64 ")\n"
                 "  recorded: %s\n  replayed: %s\n  likely cause: %s",
                 got->kind == REC_EVENT ? got->event.cycle : rp->m->clock.now,
                 rp->next.offset, want_text, got_text, likely_cause(rp, &rp->next, got));
    }
    rp->diverged = true;
    snprintf(msg, len, "%s", rp->message);
}

static bool same_input(const struct rec_input *a, const struct rec_input *b)
{
    return a->stamp == b->stamp && a->cycle == b->cycle && a->kind == b->kind &&
           a->source == b->source && a->device == b->device && a->lost == b->lost &&
           a->value == b->value && a->len == b->len &&
           !memcmp(a->words, b->words, a->len * sizeof a->words[0]);
}

/* ======================================================================
 * the checks (struct dbg_replay_hooks)
 * ====================================================================== */

static bool check_event(void *user, const struct trace_event *ev, char *msg, unsigned len)
{
    struct replayer *rp = user;
    if (rp->have != 1 || rp->next.kind != REC_EVENT ||
        memcmp(&rp->next.event, ev, sizeof *ev) != 0) {
        /* Built only here: the initialiser zeroes the whole union. */
        struct rec_record got = {.kind = REC_EVENT, .event = *ev};
        diverge(rp, &got, msg, len);
        return false;
    }
    rp->events++;
    step(rp);
    return true;
}

static bool check_input(void *user, const void *sim_input, char *msg, unsigned len)
{
    struct replayer *rp = user;
    const struct sim_input *in = sim_input;
    struct rec_record got = {.kind = REC_INPUT};
    struct rec_input *ri = &got.input;
    recorder_input_of(rp->m, in, ri);
    if (rp->have != 1 || rp->next.kind != REC_INPUT || !same_input(&rp->next.input, ri)) {
        diverge(rp, &got, msg, len);
        return false;
    }
    step(rp);
    return true;
}

/* Recorded host bytes go in at the first resumable point at or after
 * their stamp, as the keyboard put them in: first those already read from
 * the stream (after a rewind), then new ones at the stream's head. */
static uint64_t feed(void *user, uint64_t now)
{
    struct replayer *rp = user;
    while (rp->fed < rp->num_host && rp->host[rp->fed].stamp <= now) {
        const struct rec_host_input *h = &rp->host[rp->fed++];
        sim_machine_host_input(rp->m, h->device, h->stamp, h->byte);
    }
    while (rp->fed == rp->num_host && rp->have == 1 && rp->next.kind == REC_HOST_INPUT &&
           rp->next.host.stamp <= now) {
        if (!keep_host_input(rp, &rp->next.host))
            break;
        rp->fed++;
        if (!sim_machine_host_input(rp->m, rp->next.host.device, rp->next.host.stamp,
                                    rp->next.host.byte)) {
            char msg[1024];
            diverge(rp, &rp->next, msg, sizeof msg);
        }
        step(rp);
    }
    return rp->fed;
}

static void seek(void *user, uint64_t fed)
{
    struct replayer *rp = user;
    rp->fed = fed;
}

struct dbg_replay_hooks replayer_hooks(struct replayer *rp)
{
    return (struct dbg_replay_hooks){check_event, check_input, feed, seek, rp};
}

/* ======================================================================
 * the plain replay: the machine's own callbacks
 * ====================================================================== */

static void on_event(void *user, const struct trace_event *ev)
{
    struct replayer *rp = user;
    char msg[8]; /* the report is in rp->message */
    if (!rp->diverged)
        check_event(rp, ev, msg, sizeof msg);
}

static void on_input(void *user, const struct sim_input *in)
{
    struct replayer *rp = user;
    char msg[8];
    if (!rp->diverged)
        check_input(rp, in, msg, sizeof msg);
}

static bool at_top(void *user)
{
    struct replayer *rp = user;
    feed(rp, rp->m->clock.now);
    return rp->diverged;
}

void replayer_attach(struct replayer *rp)
{
    rp->m->on_event = on_event;
    rp->m->event_user = rp;
    rp->m->on_input = on_input;
    rp->m->input_user = rp;
    rp->m->at_top = at_top;
    rp->m->top_user = rp;
}

bool replayer_finish(struct replayer *rp)
{
    if (rp->diverged)
        return false;
    char text[320];
    if (rp->have == 1) {
        describe(rp, &rp->next, text, sizeof text);
        snprintf(rp->message, sizeof rp->message, "diverged at the end: the run ended at cycle "
                 "%" PRIu64 " but the recording goes on\n  recorded: %s", rp->m->clock.now, text);
    } else if (rp->have < 0) {
        snprintf(rp->message, sizeof rp->message, "the recording is damaged: %s", rp->rd.error);
    } else if (rp->rd.end.cycle != rp->m->clock.now || rp->rd.end.insns != rp->m->clock.insns) {
        snprintf(rp->message, sizeof rp->message, "diverged at the end: the recording ended at "
                 "cycle %" PRIu64 " after %" PRIu64 " instructions, the replay at cycle %" PRIu64
                 " after %" PRIu64, rp->rd.end.cycle, rp->rd.end.insns, rp->m->clock.now,
                 rp->m->clock.insns);
    } else {
        return true;
    }
    rp->diverged = true;
    return false;
}

/* ======================================================================
 * opening
 * ====================================================================== */

bool replayer_open(struct replayer *rp, const char *path, struct sim_machine *m,
                   const struct run_identity *now, char *err, unsigned errlen)
{
    memset(rp, 0, sizeof *rp);
    rp->m = m;
    struct rec_header cur;
    char warn[256];
    if (!verify(path, err, errlen) || !rec_reader_open(&rp->rd, path, &rp->h, err, errlen))
        return false;
    struct run_identity id = *now;
    id.limit = rp->h.limit;
    bool ok = run_header_build(&cur, &id, err, errlen) &&
              run_header_compatible(&rp->h, &cur, err, errlen, warn, sizeof warn);
    rec_header_free(&cur);
    if (ok && rp->h.scenario_name)
        ok = sim_machine_load_stimulus_text(m, rp->h.scenario_name, rp->h.scenario_text,
                                            rp->h.scenario_len, err, errlen);
    else if (ok)
        ok = sim_machine_load_stimulus_text(m, "(none)", "", 0, err, errlen);
    if (!ok) {
        replayer_close(rp);
        return false;
    }
    rp->sim_differs = warn[0] != '\0';
    snprintf(rp->warning, sizeof rp->warning, "%s", warn);
    step(rp);
    return true;
}

void replayer_close(struct replayer *rp)
{
    rec_reader_close(&rp->rd);
    rec_header_free(&rp->h);
    free(rp->host);
    rp->host = NULL;
}
