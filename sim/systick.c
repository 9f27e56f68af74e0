/* systick.c - SysTick model (see systick.h). */
#include "systick.h"

#include "armv7m/regs/systick.h"

void sim_systick_reset(struct sim_systick *t, const uint64_t *now, FILE *log)
{
    *t = (struct sim_systick){.now = now, .fire_at = UINT64_MAX,
                              .loaded_at = UINT64_MAX, .log = log};
}

static int running(const struct sim_systick *t)
{
    return t->csr & SYSTICK_CSR_ENABLE;
}

/* When enabled with the counter at zero, it loads RVR one cycle later and
 * reaches zero RVR cycles after that.  RVR = 0 stops it (ARMv7-M B3.3.1). */
static void recompute(struct sim_systick *t)
{
    t->fire_at = UINT64_MAX;
    if (!running(t) || t->rvr == 0)
        return;
    if (t->loaded_at == UINT64_MAX)
        t->loaded_at = (t->cleared_at > *t->now ? t->cleared_at : *t->now) + 1;
    if (t->csr & SYSTICK_CSR_TICKINT)
        t->fire_at = t->loaded_at + t->rvr;
}

void sim_systick_fired(struct sim_systick *t)
{
    t->fired++;
    t->loaded_at = t->fire_at + 1;
    recompute(t);
}

static uint32_t current_value(const struct sim_systick *t)
{
    if (!running(t) || t->loaded_at == UINT64_MAX || *t->now < t->loaded_at)
        return 0;
    uint64_t period = (uint64_t)t->rvr + 1;
    return (uint32_t)(t->rvr - (*t->now - t->loaded_at) % period);
}

static uint32_t systick_read(void *dev, uint32_t off)
{
    struct sim_systick *t = dev;
    switch (off) {
    case SYSTICK_CSR: {
        uint32_t v = t->csr | (t->fired ? SYSTICK_CSR_COUNTFLAG : 0);
        t->fired = 0; /* COUNTFLAG clears on read */
        return v;
    }
    case SYSTICK_RVR: return t->rvr;
    case SYSTICK_CVR: return current_value(t);
    case SYSTICK_CALIB: return 1u << 31; /* NOREF: no reference clock */
    default:
        if (t->log)
            fprintf(t->log, "sim: systick: read of unknown register +0x%02x\n", off);
        return 0;
    }
}

static void systick_write(void *dev, uint32_t off, uint32_t v)
{
    struct sim_systick *t = dev;
    switch (off) {
    case SYSTICK_CSR:
        if (!(v & SYSTICK_CSR_CLKSOURCE) && (v & SYSTICK_CSR_ENABLE) && t->log)
            fprintf(t->log, "sim: systick: no reference clock, counting the processor clock\n");
        if (!(v & SYSTICK_CSR_ENABLE))
            t->loaded_at = UINT64_MAX;
        t->csr = v & (SYSTICK_CSR_ENABLE | SYSTICK_CSR_TICKINT | SYSTICK_CSR_CLKSOURCE);
        break;
    case SYSTICK_RVR: t->rvr = v & SYSTICK_MAX_RELOAD; break;
    case SYSTICK_CVR:
        t->cleared_at = *t->now;
        t->loaded_at = UINT64_MAX;
        t->fired = 0;
        break;
    case SYSTICK_CALIB: break;
    default:
        if (t->log)
            fprintf(t->log, "sim: systick: write of unknown register +0x%02x\n", off);
        return;
    }
    recompute(t);
}

const struct sim_device_ops sim_systick_ops = {systick_read, systick_write};
