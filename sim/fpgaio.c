/* fpgaio.c - MPS2 FPGA I/O model (see fpgaio.h). */
#include "fpgaio.h"

#include "armv7m/regs/fpgaio.h"

void sim_fpgaio_reset(struct sim_fpgaio *f, const char *name, const uint64_t *now,
                      uint32_t clock_hz, FILE *log)
{
    *f = (struct sim_fpgaio){.name = name, .now = now, .clock_hz = clock_hz, .log = log};
    f->clk1hz_at = f->clk100hz_at = f->sync_at = *now;
}

void sim_fpgaio_set_buttons(struct sim_fpgaio *f, uint32_t buttons)
{
    buttons &= FPGAIO_BUTTON_MASK;
    if (buttons != f->buttons)
        f->button_changes++;
    f->buttons = buttons;
}

/* Ticks of an hz clock in d board cycles, exactly (no 64-bit overflow). */
static uint64_t ticks(const struct sim_fpgaio *f, uint64_t d, uint32_t hz)
{
    uint64_t c = f->clock_hz ? f->clock_hz : 1;
    return d / c * hz + d % c * hz / c;
}

static uint32_t clk(const struct sim_fpgaio *f, uint32_t base, uint64_t at, uint32_t hz)
{
    return (uint32_t)(base + ticks(f, *f->now - at, hz));
}

/* Brings COUNTER and PSCNTR to now.  PSCNTR counts down one per cycle;
 * the cycle after it reaches 0 it reloads PRESCALE and COUNTER goes up by
 * one (with PRESCALE 0 it stays at 0 and COUNTER counts every cycle). */
static void resync(struct sim_fpgaio *f)
{
    uint64_t n = *f->now - f->sync_at;
    f->sync_at = *f->now;
    if (n == 0)
        return;
    if (n <= f->pscntr) {
        f->pscntr -= (uint32_t)n;
        return;
    }
    /* counted as if PSCNTR had started from PRESCALE one period earlier */
    uint64_t period = (uint64_t)f->prescale + 1;
    uint64_t y = n - f->pscntr + f->prescale;
    f->counter += (uint32_t)(y / period);
    f->pscntr = (uint32_t)(f->prescale - y % period);
}

static void set_leds(struct sim_fpgaio *f, uint32_t v)
{
    v &= FPGAIO_LED_MASK;
    if (v == f->leds)
        return;
    f->leds = v;
    f->led_changes++;
    f->led_changed_at = *f->now;
    if (f->on_leds)
        f->on_leds(f->leds_user, f, *f->now, v);
}

static uint32_t fpgaio_read(void *dev, uint32_t off)
{
    struct sim_fpgaio *f = dev;
    switch (off) {
    case FPGAIO_LED0: return f->leds;
    case FPGAIO_BUTTON: return f->buttons;
    case FPGAIO_CLK1HZ: return clk(f, f->clk1hz_base, f->clk1hz_at, 1);
    case FPGAIO_CLK100HZ: return clk(f, f->clk100hz_base, f->clk100hz_at, 100);
    case FPGAIO_COUNTER: resync(f); return f->counter;
    case FPGAIO_PRESCALE: return f->prescale;
    case FPGAIO_PSCNTR: resync(f); return f->pscntr;
    case FPGAIO_MISC: return f->misc;
    default:
        if (f->log)
            fprintf(f->log, "sim: %s: read of unknown register +0x%03x\n", f->name, off);
        return 0;
    }
}

static void fpgaio_write(void *dev, uint32_t off, uint32_t v)
{
    struct sim_fpgaio *f = dev;
    switch (off) {
    case FPGAIO_LED0: set_leds(f, v); break;
    case FPGAIO_CLK1HZ:
        f->clk1hz_base = v;
        f->clk1hz_at = *f->now;
        break;
    case FPGAIO_CLK100HZ:
        f->clk100hz_base = v;
        f->clk100hz_at = *f->now;
        break;
    case FPGAIO_COUNTER: resync(f); f->counter = v; break;
    case FPGAIO_PRESCALE: resync(f); f->prescale = v; break;
    case FPGAIO_PSCNTR: resync(f); f->pscntr = v; break;
    case FPGAIO_MISC: f->misc = v; break;
    case FPGAIO_BUTTON:
        if (f->log)
            fprintf(f->log, "sim: %s: write of the read-only BUTTON register ignored\n",
                    f->name);
        break;
    default:
        if (f->log)
            fprintf(f->log, "sim: %s: write of unknown register +0x%03x\n", f->name, off);
    }
}

const struct sim_device_ops sim_fpgaio_ops = {fpgaio_read, fpgaio_write};
