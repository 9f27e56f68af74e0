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
        fprintf(stderr, "run: %" PRIu64 " accesses settled exactly (pages split by "
                "an MPU region edge or subregion)\n", m->cpu.precise_steps);
    if (m->events_lost)
        fprintf(stderr, "run: warning: %" PRIu64 " kernel events were lost\n",
                m->events_lost);
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
    fflush(stdout);
    print_summary(&m, m.clock.now / cfg_system.schedule->major_frame, secs);
    sim_machine_free(&m);
    return 0;
}
