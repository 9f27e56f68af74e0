/* recorder.c - streaming a run into a recording (see recorder.h). */
#include "recorder.h"

static void record_event(void *user, const struct trace_event *ev)
{
    struct recorder *r = user;
    rec_write_event(&r->w, ev);
    if (r->next_event)
        r->next_event(r->next_user, ev);
}

void recorder_input_of(const struct sim_machine *m, const struct sim_input *in,
                       struct rec_input *out)
{
    *out = (struct rec_input){
        .stamp = in->stamp, .cycle = in->cycle, .kind = (uint8_t)in->kind,
        .source = (uint8_t)in->source, .lost = in->lost, .file_line = in->file_line,
        .value = in->value, .device = 0xff,
    };
    const struct sim_dev *d = in->device ? sim_machine_device(m, in->device) : NULL;
    if (d)
        out->device = (uint8_t)(d - m->dev);
    out->len = in->len < REC_MAX_WORDS ? in->len : REC_MAX_WORDS;
    for (uint32_t i = 0; i < out->len && in->words; i++)
        out->words[i] = in->words[i];
}

static void record_input(void *user, const struct sim_input *in)
{
    struct recorder *r = user;
    struct rec_input ri;
    recorder_input_of(r->m, in, &ri);
    rec_write_input(&r->w, &ri);
}

static void record_host_input(void *user, unsigned dev, uint64_t stamp, uint8_t byte)
{
    struct recorder *r = user;
    rec_write_host_input(&r->w, &(struct rec_host_input){stamp, (uint8_t)dev, byte});
}

bool recorder_start(struct recorder *r, const char *path, struct sim_machine *m,
                    const struct run_identity *id, char *err, unsigned errlen)
{
    struct rec_header h;
    bool ok = run_header_build(&h, id, err, errlen) &&
              rec_writer_open(&r->w, path, &h, err, errlen);
    rec_header_free(&h);
    if (!ok)
        return false;
    r->m = m;
    r->next_event = m->on_event;
    r->next_user = m->event_user;
    m->on_event = record_event;
    m->event_user = r;
    m->on_input = record_input;
    m->on_host_input = record_host_input;
    m->input_user = r;
    return true;
}

bool recorder_finish(struct recorder *r, bool halted, char *err, unsigned errlen)
{
    struct rec_end end = {.cycle = r->m->clock.now, .insns = r->m->clock.insns,
                          .halted = halted};
    return rec_writer_close(&r->w, &end, err, errlen);
}
