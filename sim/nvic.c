/* nvic.c - NVIC model (see nvic.h). */
#include "nvic.h"

#include "armv7m/regs/nvic.h"

void sim_nvic_reset(struct sim_nvic *n, unsigned lines, FILE *log)
{
    *n = (struct sim_nvic){.lines = lines, .log = log};
    if (n->lines > SIM_NVIC_MAX_LINES)
        n->lines = SIM_NVIC_MAX_LINES;
}

static bool bit(const uint32_t *a, unsigned line)
{
    return (a[line / 32] >> (line % 32)) & 1u;
}

static void set(uint32_t *a, unsigned line, bool on)
{
    if (on)
        a[line / 32] |= 1u << (line % 32);
    else
        a[line / 32] &= ~(1u << (line % 32));
}

/* Pending by hardware or software; the machine is told when the line can
 * be taken at once. */
static void pend(struct sim_nvic *n, unsigned line)
{
    set(n->pending, line, true);
    if (bit(n->enabled, line))
        n->fresh = true;
}

static bool valid(const struct sim_nvic *n, unsigned line, const char *what)
{
    if (line < n->lines)
        return true;
    if (n->log)
        fprintf(n->log, "sim: nvic: %s on line %u, the board has %u lines\n", what,
                line, n->lines);
    return false;
}

void sim_nvic_raise(struct sim_nvic *n, unsigned line)
{
    if (!valid(n, line, "raise"))
        return;
    n->raises[line]++;
    pend(n, line);
}

void sim_nvic_assert(struct sim_nvic *n, unsigned line)
{
    if (!valid(n, line, "assert"))
        return;
    if (n->level[line]++ == 0) {
        n->raises[line]++;
        if (!bit(n->active, line))
            pend(n, line);
    }
}

void sim_nvic_deassert(struct sim_nvic *n, unsigned line)
{
    if (line < n->lines && n->level[line] > 0)
        n->level[line]--;
}

int sim_nvic_next(const struct sim_nvic *n)
{
    for (unsigned w = 0; w < (n->lines + 31) / 32; w++) {
        uint32_t ready = n->pending[w] & n->enabled[w];
        if (ready)
            return (int)(32 * w + (unsigned)__builtin_ctz(ready));
    }
    return -1;
}

void sim_nvic_take(struct sim_nvic *n, unsigned line)
{
    if (!valid(n, line, "exception entry"))
        return;
    set(n->pending, line, false);
    set(n->active, line, true);
    n->taken[line]++;
}

void sim_nvic_done(struct sim_nvic *n, unsigned line)
{
    if (!valid(n, line, "exception return"))
        return;
    set(n->active, line, false);
    if (n->level[line] > 0)
        pend(n, line);
}

bool sim_nvic_pending(const struct sim_nvic *n, unsigned line)
{
    return line < n->lines && bit(n->pending, line);
}

bool sim_nvic_enabled(const struct sim_nvic *n, unsigned line)
{
    return line < n->lines && bit(n->enabled, line);
}

bool sim_nvic_active(const struct sim_nvic *n, unsigned line)
{
    return line < n->lines && bit(n->active, line);
}

/* --- registers --------------------------------------------------------- */

/* Bits of lines the board does not have read as zero and ignore writes. */
static uint32_t implemented(const struct sim_nvic *n, unsigned word)
{
    unsigned first = 32 * word;
    if (first >= n->lines)
        return 0;
    return n->lines - first >= 32 ? 0xffffffffu : (1u << (n->lines - first)) - 1;
}

static void set_enabled(struct sim_nvic *n, unsigned w, uint32_t v)
{
    uint32_t newly = v & ~n->enabled[w];
    n->enabled[w] |= v;
    if (newly & n->pending[w])
        n->fresh = true;
}

/* Software set-pending on each line of v; clear-pending leaves a level
 * line that is still asserted pending. */
static void set_pending(struct sim_nvic *n, unsigned w, uint32_t v)
{
    for (unsigned b = 0; b < 32; b++)
        if (v >> b & 1u)
            pend(n, 32 * w + b);
}

static void clear_pending(struct sim_nvic *n, unsigned w, uint32_t v)
{
    for (unsigned b = 0; b < 32; b++)
        if ((v >> b & 1u) && n->level[32 * w + b] == 0)
            set(n->pending, 32 * w + b, false);
}

static void bad(const struct sim_nvic *n, const char *what, uint32_t off)
{
    if (n->log)
        fprintf(n->log, "sim: nvic: %s at 0x%08x ignored\n", what, NVIC_BASE + off);
}

static uint32_t nvic_read(void *dev, uint32_t off)
{
    const struct sim_nvic *n = dev;
    uint32_t addr = NVIC_BASE + off;
    if (addr >= NVIC_IPR) {
        uint32_t line = addr - NVIC_IPR, v = 0;
        for (unsigned i = 0; i < 4; i++)
            if (line + i < n->lines)
                v |= (uint32_t)n->priority[line + i] << (8 * i);
        return v;
    }
    unsigned w = (addr & 0x7fu) / 4;
    if ((addr & 0x7fu) >= 4 * SIM_NVIC_WORDS) {
        bad(n, "read of a reserved word", off);
        return 0;
    }
    switch (addr & ~0x7fu) {
    case NVIC_ISER:
    case NVIC_ICER: return n->enabled[w];
    case NVIC_ISPR:
    case NVIC_ICPR: return n->pending[w];
    case NVIC_IABR: return n->active[w];
    default: bad(n, "read of a reserved word", off); return 0;
    }
}

static void nvic_write(void *dev, uint32_t off, uint32_t v)
{
    struct sim_nvic *n = dev;
    uint32_t addr = NVIC_BASE + off;
    if (addr >= NVIC_IPR) {
        uint32_t line = addr - NVIC_IPR;
        for (unsigned i = 0; i < 4; i++)
            if (line + i < n->lines)
                n->priority[line + i] = (uint8_t)(v >> (8 * i));
        return;
    }
    unsigned w = (addr & 0x7fu) / 4;
    if ((addr & 0x7fu) >= 4 * SIM_NVIC_WORDS) {
        bad(n, "write of a reserved word", off);
        return;
    }
    v &= implemented(n, w);
    switch (addr & ~0x7fu) {
    case NVIC_ISER: set_enabled(n, w, v); break;
    case NVIC_ICER: n->enabled[w] &= ~v; break;
    case NVIC_ISPR: set_pending(n, w, v); break;
    case NVIC_ICPR: clear_pending(n, w, v); break;
    case NVIC_IABR: bad(n, "write of the read-only IABR", off); break;
    default: bad(n, "write of a reserved word", off); break;
    }
}

const struct sim_device_ops sim_nvic_ops = {nvic_read, nvic_write};

/* --- device outputs ------------------------------------------------------ */

void sim_irq_pin_wire(struct sim_irq_pin *p, struct sim_nvic *n, int line)
{
    *p = (struct sim_irq_pin){.nvic = n, .line = line};
}

void sim_irq_pin_set(struct sim_irq_pin *p, bool level)
{
    if (level == p->level)
        return;
    p->level = level;
    if (!p->nvic || p->line < 0)
        return;
    if (level)
        sim_nvic_assert(p->nvic, (unsigned)p->line);
    else
        sim_nvic_deassert(p->nvic, (unsigned)p->line);
}
