/* options.c - command-line parsing (see options.h). */
#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char sim_usage[] =
    "options:\n"
    "  --frames N    run N major frames (default 10)\n"
    "  --cycles N    run N cycles of the board clock\n"
    "  --events      also print kernel events with their cycle: windows and\n"
    "                schedules, thread switches, system calls, releases and\n"
    "                process changes, errors, health-monitor actions, modes\n"
    "  --mpu         print each partition's MPU regions, decoded, before the run\n"
    "  --quiet       print neither console output nor events, only the summary\n"
    "  --ports       after the run, print each port's messages, overflows and\n"
    "                latency, and each owned interrupt line's latency (cycles)\n"
    "  --stimulus F  feed the devices the timestamped inputs of scenario file F\n"
    "                (format: docs/devices.md); default: the app's stimulus.txt,\n"
    "                if it has one; 'none': no input\n"
    "  --uart-input U  feed the host's standard input to UART U's receiver,\n"
    "                each byte stamped with the cycle it is read at\n"
    "  --record F    record the run into F: its inputs and kernel events\n"
    "                (replay F, export F, stats F read it; docs/formats.md)\n"
    "  --replay F    re-run recording F, checking every event against it\n"
    "  --step        with --replay: step through it in the debugger\n"
    "  --debug       run in the debugger (commands: help; docs/debugging.md)\n"
    "  --gdb PORT    with --debug or --step: serve GDB on 127.0.0.1:PORT\n"
    "                (0: any free port) instead of the command line\n"
    "  --commands F  read debugger commands from F instead of standard input\n"
    "  --snapshot-budget MIB  memory for reverse execution (default 512)\n"
    "  --snapshot-every N     cycles between snapshots, at first (default 5000000)\n"
    "  --elf-dir D   load partition ELF files from D\n"
    "  --help        show this text\n";

/* A positive decimal count; rejects signs, junk, overflow and zero. */
static bool parse_count(const char *opt, const char *s, uint64_t *out, char *err,
                        unsigned errlen)
{
    char *end;
    errno = 0;
    unsigned long long v = (s && *s >= '0' && *s <= '9') ? strtoull(s, &end, 10) : 0;
    if (!s || !(*s >= '0' && *s <= '9') || *end || errno == ERANGE || v == 0) {
        snprintf(err, errlen, "%s needs a positive whole number, got '%s'", opt,
                 s ? s : "(nothing)");
        return false;
    }
    *out = v;
    return true;
}

/* An option's argument: a name or path, not empty. */
static bool parse_name(const char *opt, const char *what, const char *next, int *i,
                       const char **out, char *err, unsigned errlen)
{
    (*i)++;
    if (!next || !*next) {
        snprintf(err, errlen, "%s needs %s", opt, what);
        return false;
    }
    *out = next;
    return true;
}

static bool check_port(uint64_t port, char *err, unsigned errlen)
{
    if (port <= 65535)
        return true;
    snprintf(err, errlen, "--gdb: port %llu is not a TCP port (1-65535, or 0 for any)",
             (unsigned long long)port);
    return false;
}

static bool parse_one(char **argv, int *i, int argc, struct sim_options *o,
                      char *err, unsigned errlen)
{
    const char *a = argv[*i];
    const char *next = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (!strcmp(a, "--events"))
        return o->events = true;
    if (!strcmp(a, "--quiet"))
        return o->quiet = true;
    if (!strcmp(a, "--mpu"))
        return o->mpu = true;
    if (!strcmp(a, "--ports"))
        return o->ports = true;
    if (!strcmp(a, "--elf-dir"))
        return parse_name(a, "a directory", next, i, &o->elf_dir, err, errlen);
    if (!strcmp(a, "--stimulus"))
        return parse_name(a, "a scenario file", next, i, &o->stimulus, err, errlen);
    if (!strcmp(a, "--record"))
        return parse_name(a, "a file to record into", next, i, &o->record, err, errlen);
    if (!strcmp(a, "--replay"))
        return parse_name(a, "a recording", next, i, &o->replay, err, errlen);
    if (!strcmp(a, "--commands"))
        return parse_name(a, "a file of debugger commands", next, i, &o->commands, err, errlen);
    if (!strcmp(a, "--step"))
        return o->step = true;
    if (!strcmp(a, "--debug"))
        return o->debug = true;
    if (!strcmp(a, "--gdb")) {
        (*i)++;
        o->gdb = true;
        if (next && !strcmp(next, "0"))
            return true; /* any free port */
        return parse_count(a, next, &o->gdb_port, err, errlen) && check_port(o->gdb_port, err, errlen);
    }
    if (!strcmp(a, "--snapshot-budget") || !strcmp(a, "--snapshot-every")) {
        (*i)++;
        return parse_count(a, next, a[11] == 'b' ? &o->snapshot_budget : &o->snapshot_every,
                           err, errlen);
    }
    if (!strcmp(a, "--uart-input"))
        return parse_name(a, "a UART's name", next, i, &o->uart_input, err, errlen);
    if (!strcmp(a, "--frames") || !strcmp(a, "--cycles")) {
        (*i)++;
        return parse_count(a, next, !strcmp(a, "--frames") ? &o->frames : &o->cycles,
                           err, errlen);
    }
    snprintf(err, errlen, "unknown option '%s'", a);
    return false;
}

/* The modes that make sense together. */
static bool check_modes(struct sim_options *o, char *err, unsigned errlen)
{
    const char *bad = NULL;
    if (o->record && o->replay)
        bad = "--record and --replay: a replay is checked against its recording already";
    else if (o->step && !o->replay)
        bad = "--step steps through a recording: give --replay FILE too";
    else if (o->debug && o->replay)
        bad = "--debug runs the app live; to debug a recording use --replay FILE --step";
    else if (o->gdb && !o->debug && !o->step)
        bad = "--gdb serves a debugging session: give --debug, or --replay FILE --step";
    else if (o->commands && !o->debug && !o->step)
        bad = "--commands are debugger commands: give --debug, or --replay FILE --step";
    else if (o->commands && o->gdb)
        bad = "--commands and --gdb: the session takes one front end";
    else if (o->uart_input && (o->replay || o->debug))
        bad = "--uart-input: a replay feeds the recorded input, and the debugger reads "
              "its commands from standard input";
    else if (o->replay && (o->stimulus || o->frames || o->cycles))
        bad = "--replay runs the recording's own scenario for its own length: no "
              "--stimulus, --frames or --cycles";
    if (bad)
        snprintf(err, errlen, "%s", bad);
    if (!o->snapshot_budget)
        o->snapshot_budget = SIM_DEFAULT_SNAPSHOT_MIB;
    if (!o->snapshot_every)
        o->snapshot_every = SIM_DEFAULT_SNAPSHOT_EVERY;
    return bad == NULL;
}

bool sim_parse_options(int argc, char **argv, struct sim_options *o, char *err,
                       unsigned errlen)
{
    for (int i = 1; i < argc; i++) {
        if (!parse_one(argv, &i, argc, o, err, errlen))
            return false;
    }
    if (o->frames && o->cycles) {
        snprintf(err, errlen, "give either --frames or --cycles, not both");
        return false;
    }
    if (!check_modes(o, err, errlen))
        return false;
    if (!o->frames && !o->cycles)
        o->frames = SIM_DEFAULT_FRAMES;
    return true;
}
