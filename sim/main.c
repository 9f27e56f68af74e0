/*
 * main.c - `fenestra run APP`: one simulator executable per app, built with
 * that app's generated tables.  Console output and events go to stdout and
 * are deterministic; the summary, which includes host time, goes to stderr.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "config_digest.h"
#include "gdb_stub.h"
#include "kernel.h"
#include "kstate.h"
#include "machine.h"
#include "mpu_print.h"
#include "options.h"
#include "ports.h"
#include "port.h"
#include "recorder.h"
#include "replayer.h"
#include "repl.h"
#include "trace_text.h"

static void print_event(void *user, const struct trace_event *ev)
{
    char line[256];
    trace_text(user, ev, line, sizeof line);
    fputs(line, stdout);
    fputc('\n', stdout);
}

/* --mpu: what the kernel encoded at boot for each partition, decoded from
 * the RBAR/RASR words it loads, and the guard slot's role. */
static void print_mpu(void *user)
{
    (void)user;
    for (uint8_t i = 0; i < cfg_system.num_partitions; i++) {
        const struct cfg_partition *p = &cfg_system.partitions[i];
        const char *names[SPACE_PART_SLOTS] = {0};
        for (uint8_t r = 0; r < p->num_regions && r < SPACE_PART_SLOTS; r++)
            names[r] = p->regions[r].name;
        printf("mpu: partition %s: %u of %u regions; slot %u holds the running "
               "thread's stack guard (%u bytes below its stack)\n", p->name,
               p->num_regions, (unsigned)SPACE_PART_SLOTS, (unsigned)SPACE_GUARD_SLOT,
               p->stack_guard);
        sim_mpu_print_set(stdout, kstate.parts[i].mpu, SPACE_PART_SLOTS, names);
    }
}

/* Host time is only reported, never used by the simulation. */
static double host_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void print_summary(const struct sim_machine *m, uint64_t frames, double secs)
{
    const struct sim_clock *c = &m->clock;
    double mips = secs > 0 ? (double)c->insns / secs / 1e6 : 0;
    fprintf(stderr,
            "run: %s: %" PRIu64 " frames, %" PRIu64 " cycles (%.6f s virtual), "
            "%" PRIu64 " guest instructions, %" PRIu64 " kernel entries, "
            "host %.3f s, %.1f guest MIPS\n",
            m->sys->app_name, frames, c->now, (double)c->now / m->sys->board->clock_hz,
            c->insns, c->kernel_entries, secs, mips);
    if (m->cpu.precise_steps)
        fprintf(stderr, "run: %" PRIu64 " accesses settled exactly (device registers, or pages split by "
                "an MPU region edge or subregion)\n", m->cpu.precise_steps);
    if (m->events_lost)
        fprintf(stderr, "run: warning: %" PRIu64 " kernel events were lost\n",
                m->events_lost);
    sim_machine_report(m, stderr);
}

/* --ports: every port's traffic, then every owned interrupt line's.
 * Latencies are in cycles: queuing from send to the receiver holding the
 * message, sampling the message's age at each read. */
static void print_ports(void)
{
    static const char *const kinds[] = {"sampling", "queuing"};
    static const char *const dirs[] = {"source", "dest"};
    printf("ports:\n  %-24s %-8s %-6s %10s %10s %12s %12s\n", "port", "kind", "dir",
           "messages", "overflows", "max_latency", "mean_latency");
    for (uint16_t i = 0; i < cfg_system.num_ports; i++) {
        const struct cfg_port *c = &cfg_system.ports[i];
        const struct port_state *ps = &kstate.ports[i];
        struct fen_port_status st;
        ports_status(i, &st);
        char name[40];
        snprintf(name, sizeof name, "%s.%s", cfg_system.partitions[c->partition].name,
                 c->name);
        printf("  %-24s %-8s %-6s %10" PRIu64 " %10" PRIu64, name, kinds[st.kind & 1],
               dirs[st.direction & 1], st.messages, st.overflows);
        if (c->direction == CFG_PORT_DESTINATION && ps->messages)
            printf(" %12" PRIu64 " %12" PRIu64 "\n", st.max_latency,
                   ps->total_latency / ps->messages);
        else
            printf(" %12s %12s\n", "-", "-");
    }
    printf("interrupts:\n  %-6s %-16s %10s %10s %12s %12s\n", "line", "owner", "asserted",
           "delivered", "max_latency", "mean_latency");
    for (unsigned l = 0; l < cfg_system.board->irq_lines && l < CFG_IRQ_LINES; l++) {
        const struct irq_state *q = &kstate.irqs[l];
        uint8_t owner = cfg_system.irq_owner ? cfg_system.irq_owner[l] : CFG_IRQ_NO_OWNER;
        if (owner == CFG_IRQ_NO_OWNER)
            continue;
        printf("  %-6u %-16s %10" PRIu64 " %10" PRIu64 " %12" PRIu64 " %12" PRIu64 "\n", l,
               cfg_system.partitions[owner].name, q->assertions, q->deliveries,
               q->max_latency, q->deliveries ? q->total_latency / q->deliveries : 0);
    }
}

/* The scenario the run is fed (--stimulus, else the app's own), or NULL. */
static const char *scenario_path(const struct sim_options *o)
{
    const char *stimulus = o->stimulus;
#ifdef FENESTRA_STIMULUS
    if (!stimulus)
        stimulus = FENESTRA_STIMULUS;
#endif
    return stimulus && strcmp(stimulus, "none") != 0 ? stimulus : NULL;
}

/* --stimulus and --uart-input: a bad file or name is a bad option. */
static bool attach_inputs(struct sim_machine *m, const struct sim_options *o, char *err,
                          unsigned errlen)
{
    const char *stimulus = scenario_path(o);
    if (stimulus && !sim_machine_load_stimulus(m, stimulus, err, errlen))
        return false;
    if (o->uart_input && !sim_machine_keyboard(m, o->uart_input, 0, err, errlen))
        return false;
    return true;
}

/* A whole file in memory (the scenario, for a recording); NULL on error. */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    while (f) {
        if (*len + 4096 > cap) {
            char *n = realloc(buf, cap = 2 * cap + 4096);
            if (!n)
                break;
            buf = n;
        }
        size_t got = fread(buf + *len, 1, cap - *len, f);
        *len += got;
        if (got == 0) {
            bool ok = !ferror(f);
            fclose(f);
            if (ok)
                return buf;
            f = NULL;
        }
    }
    if (f)
        fclose(f);
    free(buf);
    return NULL;
}

static struct run_identity identity(const struct sim_options *o, uint64_t limit)
{
    return (struct run_identity){.sys = &cfg_system, .elf_dir = o->elf_dir,
                                 .config_sha256 = FENESTRA_CONFIG_SHA256, .limit = limit};
}

/* The end of the run, in cycles; 0 (with a message) when it overflows. */
static uint64_t run_limit(const struct sim_options *o)
{
    uint64_t frame = cfg_system.schedule->major_frame;
    if (o->frames > UINT64_MAX / frame) {
        fprintf(stderr, "error: --frames %" PRIu64 " is more cycles than the clock counts\n",
                o->frames);
        return 0;
    }
    return o->cycles ? o->cycles : o->frames * frame;
}

/* --debug, --replay --step: the command line or GDB on a session. */
static int debug_session(struct sim_machine *m, const struct sim_options *o, uint64_t limit,
                         const struct dbg_replay_hooks *replay)
{
    char err[512];
    struct dbg_options d = {.limit = limit, .snapshot_budget = o->snapshot_budget << 20,
                            .snapshot_every = o->snapshot_every, .elf_dir = o->elf_dir,
                            .out = stdout};
    struct dbg_session *s = dbg_open(m, &d, replay, err, sizeof err);
    if (!s) {
        fprintf(stderr, "error: %s\n", err);
        return 1;
    }
    int rc = 0;
    if (o->gdb) {
        if (!gdb_serve(s, (unsigned)o->gdb_port, stderr, err, sizeof err)) {
            fprintf(stderr, "error: %s\n", err);
            rc = 1;
        }
    } else {
        FILE *in = o->commands ? fopen(o->commands, "r") : stdin;
        if (!in) {
            fprintf(stderr, "error: cannot read debugger commands from %s\n", o->commands);
            rc = 2;
        } else {
            rc = repl_run(s, &cfg_system, in, stdout, !o->commands && isatty(0));
            if (in != stdin)
                fclose(in);
        }
    }
    dbg_close(s);
    return rc;
}

/* --replay FILE [--step]. */
static int replay(struct sim_machine *m, const struct sim_options *o)
{
    static struct replayer rp;
    char err[1024];
    struct run_identity id = identity(o, 0);
    if (!replayer_open(&rp, o->replay, m, &id, err, sizeof err)) {
        fprintf(stderr, "replay: error: %s\n", err);
        return 2;
    }
    if (rp.warning[0])
        fprintf(stderr, "replay: warning: %s\n", rp.warning);
    if (o->step) {
        struct dbg_replay_hooks hooks = replayer_hooks(&rp);
        int rc = debug_session(m, o, rp.h.limit, &hooks);
        replayer_close(&rp);
        return rc;
    }
    replayer_attach(&rp);
    double t0 = host_seconds();
    port_run(m, rp.h.limit);
    double secs = host_seconds() - t0;
    bool ok = replayer_finish(&rp);
    fflush(stdout);
    if (ok)
        fprintf(stderr, "replay: %s: matched the recording: %" PRIu64 " events, %" PRIu64
                " cycles, %" PRIu64 " guest instructions, host %.3f s\n", o->replay, rp.events,
                m->clock.now, m->clock.insns, secs);
    else
        fprintf(stderr, "replay: %s: %s\n", o->replay, rp.message);
    replayer_close(&rp);
    return ok ? 0 : 1;
}

/* A plain run, recorded with --record. */
static int run(struct sim_machine *m, const struct sim_options *o, uint64_t limit)
{
    static struct recorder rec;
    char err[512];
    size_t len = 0;
    char *text = NULL;
    if (o->record) {
        struct run_identity id = identity(o, limit);
        id.scenario_name = scenario_path(o);
        if (id.scenario_name && !(text = read_all(id.scenario_name, &len))) {
            fprintf(stderr, "error: cannot read %s to record it\n", id.scenario_name);
            return 2;
        }
        id.scenario_text = text;
        id.scenario_len = len;
        bool ok = recorder_start(&rec, o->record, m, &id, err, sizeof err);
        free(text);
        if (!ok) {
            fprintf(stderr, "error: %s\n", err);
            return 2;
        }
    }
    double t0 = host_seconds();
    port_run(m, limit);
    double secs = host_seconds() - t0;
    if (o->ports)
        print_ports();
    fflush(stdout);
    print_summary(m, m->clock.now / cfg_system.schedule->major_frame, secs);
    if (o->record && !recorder_finish(&rec, kern_halted(), err, sizeof err)) {
        fprintf(stderr, "error: %s\n", err);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct sim_options o = {.elf_dir = FENESTRA_ELF_DIR};
    char err[512];
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help")) {
            printf("usage: %s [options]\n%s", argv[0], sim_usage);
            return 0;
        }
    }
    if (!sim_parse_options(argc, argv, &o, err, sizeof err)) {
        fprintf(stderr, "error: %s\n%s", err, sim_usage);
        return 2;
    }
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    FILE *console = o.quiet ? fopen("/dev/null", "w") : stdout;
    static struct sim_machine m;
    if (!console || !sim_machine_init(&m, &cfg_system, o.elf_dir, console, stderr, err,
                                      sizeof err)) {
        fprintf(stderr, "error: %s\n", console ? err : "cannot open /dev/null");
        return 1;
    }
    int rc;
    uint64_t limit = run_limit(&o);
    if (o.replay) {
        rc = replay(&m, &o);
    } else if (!limit) {
        rc = 2;
    } else if (!attach_inputs(&m, &o, err, sizeof err)) {
        fprintf(stderr, "error: %s\n", err);
        rc = 2;
    } else {
        if (o.mpu)
            m.on_boot = print_mpu;
        if (o.events && !o.quiet) {
            m.on_event = print_event;
            m.event_user = (void *)&cfg_system;
        }
        rc = o.debug ? debug_session(&m, &o, limit, NULL) : run(&m, &o, limit);
    }
    fflush(stdout);
    sim_machine_free(&m);
    return rc;
}
