/* timer_cmsdk.c - CMSDK APB timer model (see timer_cmsdk.h). */
#include "timer_cmsdk.h"

#include "armv7m/regs/cmsdk_timer.h"

/* PID4..7, PID0..3, CID0..3 at 0xfd0..0xffc, as the CMSDK timer reports. */
static const uint8_t timer_id[12] = {0x04, 0x00, 0x00, 0x00, 0x22, 0xb8,
                                     0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

void sim_timer_reset(struct sim_timer *t, const char *name, const uint64_t *now,
                     FILE *log)
{
    *t = (struct sim_timer){.name = name, .now = now, .fire_at = UINT64_MAX, .log = log};
    sim_irq_pin_wire(&t->pin, NULL, -1);
}

void sim_timer_wire(struct sim_timer *t, struct sim_nvic *n, int line)
{
    sim_irq_pin_wire(&t->pin, n, line);
}

static bool running(const struct sim_timer *t)
{
    return t->ctrl & CMSDK_TIMER_CTRL_EN;
}

/* Loaded with L at cycle c: L - d at c + d while d <= L; then 0 held one
 * cycle, RELOAD, counting down to 0 again: a period of RELOAD + 1. */
static uint32_t count_at(const struct sim_timer *t, uint64_t at)
{
    uint64_t d = at - t->loaded_at;
    if (d <= t->loaded)
        return (uint32_t)(t->loaded - d);
    if (t->reload == 0)
        return 0;
    uint64_t e = d - t->loaded - 1; /* cycles since the first reload */
    return (uint32_t)(t->reload - e % ((uint64_t)t->reload + 1));
}

uint32_t sim_timer_value(const struct sim_timer *t)
{
    return running(t) ? count_at(t, *t->now) : t->held;
}

uint64_t sim_timer_underflow_after(const struct sim_timer *t, uint64_t after)
{
    if (!running(t))
        return UINT64_MAX;
    uint64_t period = (uint64_t)t->reload + 1;
    uint64_t first;
    if (t->loaded > 0)
        first = t->loaded_at + t->loaded;
    else if (t->reload > 0)
        first = t->loaded_at + 1 + t->reload; /* held at 0, reloaded, down */
    else
        return UINT64_MAX;
    if (first > after)
        return first;
    if (t->reload == 0)
        return UINT64_MAX;
    return first + ((after - first) / period + 1) * period;
}

/* The next event: an underflow after now, if it would set INTSTATUS. */
static void recompute(struct sim_timer *t)
{
    bool armed = (t->ctrl & CMSDK_TIMER_CTRL_IRQ_EN) && !(t->intstatus & CMSDK_TIMER_INT);
    t->fire_at = armed ? sim_timer_underflow_after(t, *t->now) : UINT64_MAX;
}

static void update(struct sim_timer *t)
{
    sim_irq_pin_set(&t->pin, t->intstatus & CMSDK_TIMER_INT);
    recompute(t);
}

bool sim_timer_fire(struct sim_timer *t)
{
    if (t->fire_at > *t->now)
        return false;
    t->intstatus |= CMSDK_TIMER_INT;
    t->interrupts++;
    update(t);
    return true;
}

/* Sets the count at the current cycle, running or not. */
static void load(struct sim_timer *t, uint32_t v)
{
    t->held = v;
    t->loaded = v;
    t->loaded_at = *t->now;
}

static void set_ctrl(struct sim_timer *t, uint32_t v)
{
    v &= CMSDK_TIMER_CTRL_MASK;
    uint32_t extin = CMSDK_TIMER_CTRL_EXTIN_ENABLE | CMSDK_TIMER_CTRL_EXTIN_CLOCK;
    if ((v & extin) && !t->extin_logged && t->log) {
        t->extin_logged = true;
        fprintf(t->log, "sim: %s: the external input (CTRL 0x%x) is not modelled: "
                "counting the board clock\n", t->name, v);
    }
    bool was = running(t);
    uint32_t value = sim_timer_value(t);
    t->ctrl = v;
    if (was != running(t))
        load(t, value); /* starts from, or stops at, the count now */
}

static uint32_t timer_read(void *dev, uint32_t off)
{
    struct sim_timer *t = dev;
    switch (off) {
    case CMSDK_TIMER_CTRL: return t->ctrl;
    case CMSDK_TIMER_VALUE: return sim_timer_value(t);
    case CMSDK_TIMER_RELOAD: return t->reload;
    case CMSDK_TIMER_INTSTATUS: return t->intstatus;
    default:
        if (off >= 0xfd0 && off <= 0xffc && off % 4 == 0)
            return timer_id[(off - 0xfd0) / 4];
        if (t->log)
            fprintf(t->log, "sim: %s: read of unknown register +0x%03x\n", t->name, off);
        return 0;
    }
}

static void timer_write(void *dev, uint32_t off, uint32_t v)
{
    struct sim_timer *t = dev;
    switch (off) {
    case CMSDK_TIMER_CTRL: set_ctrl(t, v); break;
    case CMSDK_TIMER_VALUE: load(t, v); break;
    case CMSDK_TIMER_RELOAD:
        t->reload = v;
        load(t, v);
        break;
    case CMSDK_TIMER_INTCLEAR: t->intstatus &= ~(v & CMSDK_TIMER_INT); break;
    default:
        if (t->log)
            fprintf(t->log, "sim: %s: write of unknown register +0x%03x\n", t->name, off);
        return;
    }
    update(t);
}

const struct sim_device_ops sim_timer_ops = {timer_read, timer_write};
