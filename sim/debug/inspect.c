/* inspect.c - what the debugger shows and changes at a position: threads,
 * registers, memory, and the `info` tables (see session.h). */
#include "session_impl.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "abi.h"
#include "kernel.h"
#include "kstate.h"
#include "mpu_print.h"
#include "ports.h"
#include "trace_text.h"

/* ======================================================================
 * threads and registers
 * ====================================================================== */

void dbg_thread_name(const struct dbg_session *s, unsigned slot, char *out, size_t len)
{
    const struct thread *t = &kstate.threads[slot];
    const char *part = s->m->sys->partitions[t->part].name;
    if (t->local_id == 0)
        snprintf(out, len, "%s/main", part);
    else if (t->cfg)
        snprintf(out, len, "%s/%s", part, t->cfg->name);
    else
        snprintf(out, len, "%s/t%u", part, t->local_id);
}

static const char *state_name(const struct thread *t)
{
    if (t == kstate.sched.current)
        return "running";
    static const char *const names[] = {"unused", "dormant", "ready", "waiting"};
    if (t->state == THREAD_READY && t->suspended)
        return "suspended";
    return t->state < 4 ? names[t->state] : "?";
}

unsigned dbg_threads(const struct dbg_session *s, struct dbg_thread *out, unsigned max)
{
    unsigned n = 0;
    for (unsigned i = 0; i < CFG_NUM_THREADS && n < max; i++) {
        const struct thread *t = &kstate.threads[i];
        if (t->state == THREAD_UNUSED)
            continue;
        struct dbg_thread *d = &out[n++];
        d->slot = i;
        dbg_thread_name(s, i, d->name, sizeof d->name);
        d->part = t->part;
        d->local_id = t->local_id;
        d->current = t == kstate.sched.current;
        d->state = state_name(t);
    }
    return n;
}

int dbg_current_thread(const struct dbg_session *s)
{
    (void)s;
    return kstate.sched.current ? kstate.sched.current->index : -1;
}

/* A thread's registers are its saved context at every resumable point:
 * the simulator saves them whenever the guest stops.  The system
 * registers are what unprivileged thread mode on the process stack shows;
 * the kernel's own stack is the host's, so msp reads 0. */
bool dbg_read_regs(const struct dbg_session *s, unsigned slot, uint32_t regs[DBG_NUM_REGS])
{
    (void)s;
    if (slot >= CFG_NUM_THREADS || kstate.threads[slot].state == THREAD_UNUSED)
        return false;
    const struct arch_context *c = &kstate.threads[slot].ctx;
    memcpy(regs, c->r, sizeof c->r);
    regs[DBG_REG_SP] = c->sp;
    regs[DBG_REG_LR] = c->lr;
    regs[DBG_REG_PC] = c->pc;
    regs[DBG_REG_XPSR] = c->xpsr;
    regs[DBG_REG_MSP] = 0;
    regs[DBG_REG_PSP] = c->sp;
    regs[DBG_REG_PRIMASK] = regs[DBG_REG_BASEPRI] = regs[DBG_REG_FAULTMASK] = 0;
    regs[DBG_REG_CONTROL] = 3; /* nPRIV, SPSEL: unprivileged on the PSP */
    return true;
}

/* The debugger changed the state: history after this point is not this
 * run's any more.  Snapshots after it go; events after it are forgotten;
 * a replay stops checking against its recording. */
static void history_changed(struct dbg_session *s)
{
    struct dbg_pos cur = dbg_position(s);
    while (s->num_snaps > 1) {
        struct dbg_snap *d = &s->snaps[s->num_snaps - 1];
        struct dbg_pos p = {d->snap.cycle, d->snap.insns, d->events};
        if (dbg_pos_reached(cur, p))
            break;
        s->snap_bytes -= d->snap.bytes;
        snap_free(&d->snap);
        s->num_snaps--;
    }
    if (s->log_len > s->events)
        s->log_len = s->events;
    s->frontier = cur;
    s->max_inputs = s->inputs;
    s->modified = true;
}

bool dbg_write_reg(struct dbg_session *s, unsigned slot, unsigned reg, uint32_t value)
{
    if (slot >= CFG_NUM_THREADS || kstate.threads[slot].state == THREAD_UNUSED ||
        reg >= DBG_NUM_REGS)
        return false;
    struct arch_context *c = &kstate.threads[slot].ctx;
    if (reg < 13)
        c->r[reg] = value;
    else if (reg == DBG_REG_SP || reg == DBG_REG_PSP)
        c->sp = value;
    else if (reg == DBG_REG_LR)
        c->lr = value;
    else if (reg == DBG_REG_PC)
        c->pc = value & ~1u;
    else if (reg == DBG_REG_XPSR)
        c->xpsr = value;
    else
        return false; /* the system registers are fixed in thread mode */
    history_changed(s);
    return true;
}

/* ======================================================================
 * memory
 * ====================================================================== */

/* Bytes of board RAM from addr on, up to len. */
static size_t ram_span(const struct dbg_session *s, uint32_t addr, size_t len, uint8_t **host)
{
    const struct sim_mem *m = &s->m->mem;
    for (unsigned i = 0; i < m->num_ram; i++) {
        const struct sim_ram *r = &m->ram[i];
        if (addr >= r->base && addr - r->base < r->size) {
            size_t room = r->size - (addr - r->base);
            *host = r->host + (addr - r->base);
            return len < room ? len : room;
        }
    }
    return 0;
}

size_t dbg_read_mem(const struct dbg_session *s, uint32_t addr, void *buf, size_t len)
{
    uint8_t *host;
    size_t n = ram_span(s, addr, len, &host);
    memcpy(buf, host, n);
    return n;
}

size_t dbg_write_mem(struct dbg_session *s, uint32_t addr, const void *buf, size_t len)
{
    uint8_t *host;
    size_t n = ram_span(s, addr, len, &host);
    if (n == 0)
        return 0;
    memcpy(host, buf, n);
    /* It may be code: translations go, now and after every restore of a
     * snapshot taken before (whose memory differs again). */
    sim_cpu_code_changed(&s->m->cpu);
    s->memory_written = true;
    history_changed(s);
    return n;
}

/* ======================================================================
 * info
 * ====================================================================== */

static void info_registers(struct dbg_session *s, FILE *out)
{
    int slot = dbg_current_thread(s);
    if (slot < 0) {
        fprintf(out, "the CPU idles at cycle %" PRIu64 ": no thread's registers\n",
                s->m->clock.now);
        return;
    }
    uint32_t r[DBG_NUM_REGS];
    char name[48];
    dbg_read_regs(s, (unsigned)slot, r);
    dbg_thread_name(s, (unsigned)slot, name, sizeof name);
    fprintf(out, "thread %s (slot %d)\n", name, slot);
    static const char *const names[] = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
                                        "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc",
                                        "xpsr"};
    for (unsigned i = 0; i <= DBG_REG_XPSR; i++)
        fprintf(out, "%-5s 0x%08x%s", names[i], r[i], i % 4 == 3 || i == DBG_REG_XPSR ? "\n" : "  ");
}

static const char *mode_name(uint8_t mode)
{
    static const char *const names[] = {"IDLE", "COLD_START", "WARM_START", "NORMAL"};
    return mode < 4 ? names[mode] : "?";
}

static void info_partitions(struct dbg_session *s, FILE *out)
{
    const struct cfg_system *sys = s->m->sys;
    fprintf(out, "  %-3s %-16s %-11s %8s %7s\n", "#", "partition", "mode", "restarts", "threads");
    for (uint8_t i = 0; i < sys->num_partitions; i++) {
        const struct part *p = &kstate.parts[i];
        fprintf(out, "%c %-3u %-16s %-11s %8u %7u\n", kstate.sched.active == i ? '*' : ' ', i,
                sys->partitions[i].name, mode_name(p->mode), p->restarts, p->num_threads);
    }
}

static void info_threads(struct dbg_session *s, FILE *out)
{
    struct dbg_thread t[CFG_NUM_THREADS];
    unsigned n = dbg_threads(s, t, CFG_NUM_THREADS);
    fprintf(out, "  %-4s %-28s %-9s %8s %10s\n", "slot", "thread", "state", "priority", "pc");
    for (unsigned i = 0; i < n; i++) {
        const struct thread *k = &kstate.threads[t[i].slot];
        fprintf(out, "%c %-4u %-28s %-9s %8u 0x%08x\n", t[i].current ? '*' : ' ', t[i].slot,
                t[i].name, t[i].state, k->priority, k->ctx.pc);
    }
}

static void info_windows(struct dbg_session *s, FILE *out)
{
    const struct cfg_system *sys = s->m->sys;
    const struct cfg_schedule *sc = kstate.sched.schedule;
    fprintf(out, "schedule %s, major frame %" PRIu64 " cycles, frame %u\n", sc->name,
            sc->major_frame, kstate.sched.frame);
    for (uint16_t w = 0; w < sc->num_windows; w++) {
        const struct cfg_window *win = &sc->windows[w];
        fprintf(out, "%c window %-3u %-16s offset %10" PRIu64 " duration %10" PRIu64 "\n",
                kstate.sched.window == w ? '*' : ' ', w, sys->partitions[win->partition].name,
                win->offset, win->duration);
    }
}

static void info_mpu(struct dbg_session *s, FILE *out)
{
    struct mpu_region set[SIM_MPU_MAX_REGIONS];
    const struct sim_mpu *mpu = &s->m->mpu;
    for (unsigned i = 0; i < mpu->num_regions; i++)
        set[i] = (struct mpu_region){(mpu->rbar[i] & ~(MPU_RBAR_VALID | MPU_RBAR_REGION_MASK)) |
                                         MPU_RBAR_VALID | i, mpu->rasr[i]};
    int part = kstate.sched.mpu_part;
    fprintf(out, "MPU %s, holding partition %s\n", mpu->ctrl & 1 ? "enabled" : "disabled",
            part >= 0 ? s->m->sys->partitions[part].name : "(none)");
    sim_mpu_print_set(out, set, mpu->num_regions, NULL);
}

static void info_ports(struct dbg_session *s, FILE *out)
{
    const struct cfg_system *sys = s->m->sys;
    fprintf(out, "  %-24s %10s %10s\n", "port", "messages", "overflows");
    for (uint16_t i = 0; i < sys->num_ports; i++) {
        struct fen_port_status st;
        ports_status(i, &st);
        fprintf(out, "  %s.%-*s %10" PRIu64 " %10" PRIu64 "\n",
                sys->partitions[sys->ports[i].partition].name,
                (int)(23 - strlen(sys->partitions[sys->ports[i].partition].name)),
                sys->ports[i].name, st.messages, st.overflows);
    }
}

static void info_events(struct dbg_session *s, const char *arg, FILE *out)
{
    while (arg && (*arg == ' ' || *arg == '\t'))
        arg++;
    uint64_t n = arg && *arg ? strtoull(arg, NULL, 10) : 10;
    uint64_t end = s->events < s->log_len ? s->events : s->log_len;
    uint64_t from = n < end ? end - n : 0;
    char line[256];
    for (uint64_t k = from; k < end; k++) {
        trace_text(s->m->sys, &s->log[k].ev, line, sizeof line);
        fprintf(out, "#%-7" PRIu64 " %s\n", k, line);
    }
    if (from == end)
        fprintf(out, "no kernel events yet\n");
}

static void info_breakpoints(struct dbg_session *s, FILE *out)
{
    static const char *const kinds[] = {"address", "syscall", "fault", "deadline",
                                        "overrun", "pagefault", "event"};
    for (unsigned i = 0; i < s->traps.num_breaks; i++)
        fprintf(out, "%-3d break at 0x%08x\n", s->traps.brk[i].id, s->traps.brk[i].addr);
    for (unsigned i = 0; i < s->traps.num_watches; i++) {
        const struct sim_watch *w = &s->traps.watch[i];
        static const char *const acc[] = {"", "write", "read", "access"};
        fprintf(out, "%-3d watch %s 0x%08x, %u bytes\n", w->id, acc[s->watch_kind[i] & 3],
                w->addr, w->len);
    }
    for (unsigned i = 0; i < s->num_ebrk; i++) {
        const struct dbg_event_break *b = &s->ebrk[i];
        fprintf(out, "%-3d break on %s", b->id, kinds[b->kind]);
        if (b->arg != DBG_ANY && (b->kind == DBG_BREAK_SYSCALL || b->kind == DBG_BREAK_EVENT))
            fprintf(out, " %u", b->arg);
        fputc('\n', out);
    }
}

static void info_snapshots(struct dbg_session *s, FILE *out)
{
    fprintf(out, "%zu snapshots, %zu bytes of %zu allowed, one every %" PRIu64
            " cycles; each %zu bytes (%zu of guest memory)\n", s->num_snaps, s->snap_bytes,
            s->opt.snapshot_budget, s->every, s->num_snaps ? s->snaps[0].snap.bytes : 0,
            s->layout.guest_bytes);
}

bool dbg_info(struct dbg_session *s, const char *what, FILE *out)
{
    char word[32] = "";
    const char *arg = NULL;
    sscanf(what, "%31s", word);
    arg = strstr(what, word) + strlen(word);
    static const struct {
        const char *name;
        void (*fn)(struct dbg_session *, FILE *);
    } tables[] = {
        {"registers", info_registers}, {"partitions", info_partitions},
        {"threads", info_threads},     {"windows", info_windows},
        {"mpu", info_mpu},             {"ports", info_ports},
        {"breakpoints", info_breakpoints}, {"snapshots", info_snapshots},
    };
    if (!strcasecmp(word, "events")) {
        info_events(s, arg, out);
        return true;
    }
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        if (word[0] && !strncasecmp(tables[i].name, word, strlen(word))) {
            tables[i].fn(s, out);
            return true;
        }
    }
    fprintf(out, "info what? registers, partitions, threads, windows, mpu, ports, "
            "events [N], breakpoints, snapshots\n");
    return false;
}
