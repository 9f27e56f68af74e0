/* fake_session.c - the fake machine behind session.h (see fake_session.h). */
#define _POSIX_C_SOURCE 200809L /* nanosleep */

#include "fake_session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const names[2] = {"ping/main", "pong/tx&rx"};

/* ---- the machine ------------------------------------------------------- */

int fake_current(uint64_t pos)
{
    if (pos >= FAKE_IDLE_FROM && pos < FAKE_IDLE_TO)
        return -1;
    return (int)((pos / 10) % 2) * 2;
}

/* Instructions the thread in `slot` retired before `pos`. */
static uint64_t retired(unsigned slot, uint64_t pos)
{
    uint64_t n = 0;

    for (uint64_t p = 0; p < pos; p++)
        n += fake_current(p) == (int)slot;
    return n;
}

static uint32_t code_base(unsigned slot)
{
    return FAKE_RAM + 0x1000 + slot * 0x800;
}

uint32_t fake_pc(const struct dbg_session *s, unsigned slot, uint64_t pos)
{
    return code_base(slot) + 2 * (uint32_t)retired(slot, pos) + (uint32_t)s->pc_delta[slot / 2];
}

uint64_t fake_pos_at_pc(const struct dbg_session *s, unsigned slot, uint32_t addr, uint64_t from)
{
    for (uint64_t p = from; p < FAKE_END; p++) {
        if (fake_current(p) == (int)slot && fake_pc(s, slot, p) == addr)
            return p;
    }
    return UINT64_MAX;
}

static void put32(struct dbg_session *s, uint32_t addr, uint32_t v)
{
    memcpy(&s->ram[addr - FAKE_RAM], &v, 4);
}

static void set_pos(struct dbg_session *s, uint64_t pos)
{
    s->pos = pos;
    put32(s, FAKE_COUNTER, (uint32_t)pos);
}

struct dbg_session *fake_session_new(void)
{
    struct dbg_session *s = calloc(1, sizeof *s);

    s->next_id = 1;
    for (unsigned t = 0; t < 2; t++) {
        for (unsigned r = 0; r <= DBG_REG_LR; r++)
            s->regs[t][r] = t << 8 | r;
        /* As a thread in thread mode sees them: unprivileged, on the
         * process stack (sp is psp), Thumb state. */
        s->regs[t][DBG_REG_SP] = FAKE_RAM + 0x8000 + t * 0x1000;
        s->regs[t][DBG_REG_PSP] = s->regs[t][DBG_REG_SP];
        s->regs[t][DBG_REG_MSP] = FAKE_RAM + 0xf000;
        s->regs[t][DBG_REG_XPSR] = 0x01000000;
        s->regs[t][DBG_REG_CONTROL] = 3;
    }
    /* Thumb NOPs (bf00) as the threads' code, so a debugger can read it. */
    for (uint32_t a = 0x1000; a < 0x2000; a += 2) {
        s->ram[a] = 0x00;
        s->ram[a + 1] = 0xbf;
    }
    set_pos(s, 0);
    return s;
}

void fake_session_free(struct dbg_session *s)
{
    free(s);
}

/* ---- execution --------------------------------------------------------- */

static struct dbg_stop_info stop(enum dbg_stop why, const char *message)
{
    struct dbg_stop_info i = {.why = why, .id = -1};

    snprintf(i.message, sizeof i.message, "%s", message);
    return i;
}

struct dbg_pos dbg_position(const struct dbg_session *s)
{
    return (struct dbg_pos){.cycle = s->pos, .insns = s->pos, .events = s->pos / 10};
}

static bool overlaps(const struct fake_point *p, uint32_t addr)
{
    return addr < p->addr + p->len && p->addr < addr + 4;
}

/* The watchpoint the instruction just executed triggers, as a stop. */
static bool watch_hit(const struct dbg_session *s, struct dbg_stop_info *out)
{
    for (unsigned i = 0; i < FAKE_MAX_POINTS; i++) {
        const struct fake_point *p = &s->points[i];
        if (!p->id || !p->watch)
            continue;
        bool w = (p->kind & DBG_WATCH_WRITE) && overlaps(p, FAKE_COUNTER);
        bool r = (p->kind & DBG_WATCH_READ) && overlaps(p, FAKE_INPUT);
        if (w || r) {
            *out = stop(DBG_STOP_WATCHPOINT, "watchpoint");
            out->id = p->id;
            out->write = w;
            out->kernel = s->kernel_access;
            out->addr = w ? (p->addr > FAKE_COUNTER ? p->addr : FAKE_COUNTER)
                          : (p->addr > FAKE_INPUT ? p->addr : FAKE_INPUT);
            return true;
        }
    }
    return false;
}

/* The breakpoint at the current thread's pc, as a stop. */
static bool break_hit(const struct dbg_session *s, struct dbg_stop_info *out)
{
    int cur = fake_current(s->pos);

    if (cur < 0)
        return false;
    uint32_t pc = fake_pc(s, (unsigned)cur, s->pos);
    for (unsigned i = 0; i < FAKE_MAX_POINTS; i++) {
        const struct fake_point *p = &s->points[i];
        if (p->id && !p->watch && p->addr == pc) {
            *out = stop(DBG_STOP_BREAKPOINT, "breakpoint");
            out->id = p->id;
            out->addr = pc;
            return true;
        }
    }
    return false;
}

struct dbg_stop_info dbg_stepi(struct dbg_session *s, uint64_t n)
{
    struct dbg_stop_info hit;

    for (uint64_t i = 0; i < n; i++) {
        if (s->pos >= FAKE_END)
            return stop(DBG_STOP_END, "the run ended at its cycle limit");
        set_pos(s, s->pos + 1);
        if (watch_hit(s, &hit) || (i + 1 < n && break_hit(s, &hit)))
            return hit;
    }
    return stop(DBG_STOP_STEP, "");
}

struct dbg_stop_info dbg_reverse_stepi(struct dbg_session *s, uint64_t n)
{
    if (s->pos < n || s->pos == 0) {
        set_pos(s, 0);
        return stop(DBG_STOP_START, "the start of the run");
    }
    set_pos(s, s->pos - n);
    return stop(DBG_STOP_STEP, "");
}

struct dbg_stop_info dbg_next(struct dbg_session *s)
{
    return dbg_stepi(s, 10 - s->pos % 10);
}

struct dbg_stop_info dbg_reverse_next(struct dbg_session *s)
{
    return dbg_reverse_stepi(s, s->pos % 10 ? s->pos % 10 : 10);
}

void dbg_set_interrupt(struct dbg_session *s, dbg_interrupt_fn *requested, void *user)
{
    s->interrupt = requested;
    s->interrupt_user = user;
}

/* Whether the hook asks to stop here; at hold_at, waits for it a while. */
static bool interrupted(struct dbg_session *s)
{
    const struct timespec ms = {.tv_nsec = 1000000};
    unsigned asks = s->pos == s->hold_at ? FAKE_HOLD_MS : 1;

    for (unsigned i = 0; s->interrupt && i < asks; i++) {
        if (s->interrupt(s->interrupt_user))
            return true;
        if (i + 1 < asks)
            nanosleep(&ms, NULL);
    }
    return false;
}

struct dbg_stop_info dbg_continue(struct dbg_session *s)
{
    struct dbg_stop_info hit;

    for (;;) {
        if (s->pos >= FAKE_END)
            return stop(DBG_STOP_END, "the run ended at its cycle limit");
        set_pos(s, s->pos + 1);
        if (watch_hit(s, &hit) || break_hit(s, &hit))
            return hit;
        if (interrupted(s))
            return stop(DBG_STOP_INTERRUPT, "interrupted");
    }
}

struct dbg_stop_info dbg_reverse_continue(struct dbg_session *s)
{
    struct dbg_stop_info hit;

    while (s->pos > 0) {
        set_pos(s, s->pos - 1);
        if (break_hit(s, &hit))
            return hit;
    }
    return stop(DBG_STOP_START, "the start of the run");
}

struct dbg_stop_info dbg_goto_cycle(struct dbg_session *s, uint64_t cycle)
{
    char msg[64];

    set_pos(s, cycle < FAKE_END ? cycle : FAKE_END);
    snprintf(msg, sizeof msg, "went to cycle %llu", (unsigned long long)s->pos);
    return stop(DBG_STOP_STEP, msg);
}

/* ---- breakpoints and watchpoints --------------------------------------- */

static int add_point(struct dbg_session *s, struct fake_point p, char *err, unsigned errlen)
{
    for (unsigned i = 0; i < FAKE_MAX_POINTS; i++) {
        if (!s->points[i].id) {
            p.id = s->next_id++;
            s->points[i] = p;
            return p.id;
        }
    }
    snprintf(err, errlen, "too many breakpoints and watchpoints");
    return -1;
}

int dbg_break_add(struct dbg_session *s, enum dbg_break_kind kind, uint32_t arg, char *err,
                  unsigned errlen)
{
    if (kind != DBG_BREAK_ADDR) {
        snprintf(err, errlen, "the fake has address breakpoints only");
        return -1;
    }
    return add_point(s, (struct fake_point){.addr = arg & ~1u}, err, errlen);
}

int dbg_watch_add(struct dbg_session *s, uint32_t addr, uint32_t len, enum dbg_watch_kind kind,
                  char *err, unsigned errlen)
{
    if (len == 0 || len > 64 || addr < FAKE_RAM || addr - FAKE_RAM > FAKE_RAM_SIZE - len) {
        snprintf(err, errlen, "bad range");
        return -1;
    }
    return add_point(s, (struct fake_point){.watch = true, .addr = addr, .len = len, .kind = kind},
                     err, errlen);
}

bool dbg_delete(struct dbg_session *s, int id)
{
    for (unsigned i = 0; i < FAKE_MAX_POINTS; i++) {
        if (id > 0 && s->points[i].id == id) {
            s->points[i].id = 0;
            return true;
        }
    }
    return false;
}

int dbg_find_break(const struct dbg_session *s, uint32_t addr)
{
    for (unsigned i = 0; i < FAKE_MAX_POINTS; i++) {
        const struct fake_point *p = &s->points[i];
        if (p->id && !p->watch && p->addr == (addr & ~1u))
            return p->id;
    }
    return -1;
}

int dbg_find_watch(const struct dbg_session *s, uint32_t addr, uint32_t len,
                   enum dbg_watch_kind kind)
{
    for (unsigned i = 0; i < FAKE_MAX_POINTS; i++) {
        const struct fake_point *p = &s->points[i];
        if (p->id && p->watch && p->addr == addr && p->len == len && p->kind == kind)
            return p->id;
    }
    return -1;
}

/* ---- state ------------------------------------------------------------- */

unsigned dbg_threads(const struct dbg_session *s, struct dbg_thread *out, unsigned max)
{
    unsigned n = 0;

    if (s->pos < s->threads_from)
        return 0;
    for (unsigned t = 0; t < 2 && n < max; t++, n++) {
        out[n] = (struct dbg_thread){.slot = 2 * t, .part = (uint8_t)t, .local_id = 0};
        snprintf(out[n].name, sizeof out[n].name, "%s", names[t]);
        out[n].current = fake_current(s->pos) == (int)(2 * t);
        out[n].state = out[n].current ? "running" : "ready";
    }
    return n;
}

int dbg_current_thread(const struct dbg_session *s)
{
    return s->pos < s->threads_from ? -1 : fake_current(s->pos);
}

bool dbg_read_regs(const struct dbg_session *s, unsigned slot, uint32_t regs[DBG_NUM_REGS])
{
    if ((slot != 0 && slot != 2) || s->pos < s->threads_from)
        return false;
    memcpy(regs, s->regs[slot / 2], sizeof s->regs[0]);
    regs[DBG_REG_PC] = fake_pc(s, slot, s->pos);
    return true;
}

bool dbg_write_reg(struct dbg_session *s, unsigned slot, unsigned reg, uint32_t value)
{
    if ((slot != 0 && slot != 2) || reg >= DBG_NUM_REGS)
        return false;
    if (reg == DBG_REG_PC)
        s->pc_delta[slot / 2] += (int32_t)(value - fake_pc(s, slot, s->pos));
    else
        s->regs[slot / 2][reg] = value;
    return true;
}

size_t dbg_read_mem(const struct dbg_session *s, uint32_t addr, void *buf, size_t len)
{
    if (addr < FAKE_RAM || addr - FAKE_RAM >= FAKE_RAM_SIZE)
        return 0;
    size_t n = FAKE_RAM_SIZE - (addr - FAKE_RAM);
    n = n < len ? n : len;
    memcpy(buf, &s->ram[addr - FAKE_RAM], n);
    return n;
}

size_t dbg_write_mem(struct dbg_session *s, uint32_t addr, const void *buf, size_t len)
{
    if (addr < FAKE_RAM || addr - FAKE_RAM >= FAKE_RAM_SIZE)
        return 0;
    size_t n = FAKE_RAM_SIZE - (addr - FAKE_RAM);
    n = n < len ? n : len;
    memcpy(&s->ram[addr - FAKE_RAM], buf, n);
    return n;
}

bool dbg_info(struct dbg_session *s, const char *what, FILE *out)
{
    if (strcmp(what, "partitions") == 0) {
        fprintf(out, "  0 ping  running\n  1 pong  ready\n");
        return true;
    }
    if (strcmp(what, "big") == 0) { /* more than one O packet's worth */
        for (unsigned i = 0; i < 400; i++)
            fprintf(out, "line %u of a long report at position %llu\n", i,
                    (unsigned long long)s->pos);
        return true;
    }
    fprintf(out, "unknown info '%s' (try: help)\n", what);
    return false;
}

bool dbg_symbol(const struct dbg_session *s, const char *name, uint32_t *addr)
{
    (void)s;
    (void)name;
    (void)addr;
    return false;
}
