/*
 * main.c - `fenestra run APP`: one simulator executable per app, built with
 * that app's generated tables.  Console output and events go to stdout and
 * are deterministic; the summary, which includes host time, goes to stderr.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "kstate.h"
#include "machine.h"
#include "mpu_print.h"
#include "options.h"
#include "ports.h"
#include "port.h"
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

/* --stimulus (else the app's own scenario file, if it has one) and
 * --uart-input: a bad file or name is a bad option. */
static bool attach_inputs(struct sim_machine *m, const struct sim_options *o, char *err,
                          unsigned errlen)
{
    const char *stimulus = o->stimulus;
#ifdef FENESTRA_STIMULUS
    if (!stimulus)
        stimulus = FENESTRA_STIMULUS;
#endif
    if (stimulus && strcmp(stimulus, "none") != 0 &&
        !sim_machine_load_stimulus(m, stimulus, err, errlen))
        return false;
    if (o->uart_input && !sim_machine_keyboard(m, o->uart_input, 0, err, errlen))
        return false;
    return true;
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
    if (!attach_inputs(&m, &o, err, sizeof err)) {
        fprintf(stderr, "error: %s\n", err);
        return 2;
    }
    if (o.mpu)
        m.on_boot = print_mpu;
    if (o.events && !o.quiet) {
        m.on_event = print_event;
        m.event_user = (void *)&cfg_system;
    }
    uint64_t frame = cfg_system.schedule->major_frame;
    if (o.frames > UINT64_MAX / frame) {
        fprintf(stderr, "error: --frames %" PRIu64 " is more cycles than the clock counts\n",
                o.frames);
        return 2;
    }
    uint64_t limit = o.cycles ? o.cycles : o.frames * frame;
    double t0 = host_seconds();
    port_run(&m, limit);
    double secs = host_seconds() - t0;
    if (o.ports)
        print_ports();
    fflush(stdout);
    print_summary(&m, m.clock.now / cfg_system.schedule->major_frame, secs);
    sim_machine_free(&m);
    return 0;
}
