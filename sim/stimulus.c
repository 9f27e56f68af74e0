/* stimulus.c - the stimulus device (see stimulus.h). */
#include "stimulus.h"

#include <inttypes.h>

void sim_stimulus_reset(struct sim_stimulus *s, const char *name, const uint64_t *now,
                        FILE *log)
{
    *s = (struct sim_stimulus){.name = name, .now = now, .log = log};
    sim_irq_pin_wire(&s->pin, NULL, -1);
}

void sim_stimulus_wire(struct sim_stimulus *s, struct sim_nvic *n, int line)
{
    sim_irq_pin_wire(&s->pin, n, line);
}

static void update(struct sim_stimulus *s)
{
    sim_irq_pin_set(&s->pin, s->intstatus != 0);
}

static void overflowed(struct sim_stimulus *s, uint64_t cycle, uint32_t seq)
{
    s->overflow = true;
    s->overflows++;
    if (s->ctrl & STIMULUS_CTRL_INT_EN)
        s->intstatus |= STIMULUS_INT_OVERFLOW;
    if (s->overflow_logged || !s->log)
        return;
    s->overflow_logged = true;
    fprintf(s->log, "sim: %s: FIFO full (%u records unread): record %" PRIu32
            " arriving at cycle %" PRIu64 " lost (counted until STATUS.OVERFLOW is "
            "cleared)\n", s->name, STIMULUS_DEPTH, seq, cycle);
}

uint32_t sim_stimulus_arrive(struct sim_stimulus *s, uint64_t cycle,
                             const uint32_t *words, unsigned n, bool *queued)
{
    uint32_t seq = s->next_seq++;
    *queued = s->count < STIMULUS_DEPTH;
    if (!*queued) {
        overflowed(s, cycle, seq);
    } else {
        struct sim_stim_entry *e = &s->fifo[(s->head + s->count++) % STIMULUS_DEPTH];
        *e = (struct sim_stim_entry){.cycle = cycle, .seq = seq};
        e->len = n < STIMULUS_MAX_WORDS ? n : STIMULUS_MAX_WORDS;
        for (unsigned i = 0; i < e->len; i++)
            e->word[i] = words[i];
        s->arrivals++;
        if (s->ctrl & STIMULUS_CTRL_INT_EN)
            s->intstatus |= STIMULUS_INT_ARRIVAL;
    }
    update(s);
    return seq;
}

static const struct sim_stim_entry *head(const struct sim_stimulus *s)
{
    return s->count ? &s->fifo[s->head] : NULL;
}

static void pop(struct sim_stimulus *s)
{
    if (!s->count) {
        if (s->log)
            fprintf(s->log, "sim: %s: POP with the FIFO empty ignored\n", s->name);
        return;
    }
    s->head = (s->head + 1) % STIMULUS_DEPTH;
    s->count--;
}

static uint32_t stimulus_read(void *dev, uint32_t off)
{
    struct sim_stimulus *s = dev;
    const struct sim_stim_entry *h = head(s);
    if (off >= STIMULUS_WORD0 && off < STIMULUS_WORD(STIMULUS_MAX_WORDS) && off % 4 == 0) {
        unsigned i = (off - STIMULUS_WORD0) / 4;
        return h && i < h->len ? h->word[i] : 0;
    }
    switch (off) {
    case STIMULUS_STATUS:
        return (h ? STIMULUS_STATUS_AVAIL : 0) | (s->overflow ? STIMULUS_STATUS_OVERFLOW : 0);
    case STIMULUS_CTRL: return s->ctrl;
    case STIMULUS_INTSTATUS: return s->intstatus;
    case STIMULUS_COUNT: return s->count;
    case STIMULUS_LEN: return h ? h->len : 0;
    case STIMULUS_SEQ: return h ? h->seq : s->next_seq;
    case STIMULUS_TIME_LO: return h ? (uint32_t)h->cycle : 0;
    case STIMULUS_TIME_HI: return h ? (uint32_t)(h->cycle >> 32) : 0;
    case STIMULUS_OVERFLOWS: return (uint32_t)s->overflows;
    case STIMULUS_CONFIG: return STIMULUS_DEPTH | STIMULUS_MAX_WORDS << 8;
    default:
        if (s->log)
            fprintf(s->log, "sim: %s: read of unknown register +0x%03x\n", s->name, off);
        return 0;
    }
}

static void stimulus_write(void *dev, uint32_t off, uint32_t v)
{
    struct sim_stimulus *s = dev;
    switch (off) {
    case STIMULUS_STATUS:
        if (v & STIMULUS_STATUS_OVERFLOW) {
            s->overflow = false;
            s->overflow_logged = false;
        }
        break;
    case STIMULUS_CTRL: s->ctrl = v & STIMULUS_CTRL_INT_EN; break;
    case STIMULUS_INTCLEAR: s->intstatus &= ~v; break;
    case STIMULUS_POP: pop(s); break;
    default:
        if (s->log)
            fprintf(s->log, "sim: %s: write of %s register +0x%03x ignored\n", s->name,
                    off < STIMULUS_REGS_SIZE ? "a read-only" : "an unknown", off);
        return;
    }
    update(s);
}

const struct sim_device_ops sim_stimulus_ops = {stimulus_read, stimulus_write};
