/*
 * options.h - the simulator's command line.  Every bad option gets a
 * message naming it and the list of valid ones.
 */
#ifndef FENESTRA_SIM_OPTIONS_H
#define FENESTRA_SIM_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

struct sim_options {
    uint64_t frames;   /* 0: not given */
    uint64_t cycles;   /* 0: not given */
    bool events;
    bool quiet;
    bool mpu;
    bool ports;              /* print port statistics after the run */
    const char *elf_dir;
    const char *stimulus;    /* scenario file, or NULL */
    const char *uart_input;  /* UART fed from the host's stdin, or NULL */
    const char *record;      /* --record FILE */
    const char *replay;      /* --replay FILE */
    bool step;               /* --step: the replay in the debugger */
    bool debug;              /* --debug: a live run in the debugger */
    bool gdb;                /* --gdb PORT: GDB instead of the command line */
    uint64_t gdb_port;
    const char *commands;    /* --commands FILE: debugger commands */
    uint64_t snapshot_budget; /* MiB */
    uint64_t snapshot_every;  /* cycles */
};

#define SIM_DEFAULT_SNAPSHOT_MIB 512
#define SIM_DEFAULT_SNAPSHOT_EVERY 5000000u

#define SIM_DEFAULT_FRAMES 10

/* Parses argv; on error returns false with a message in err. */
bool sim_parse_options(int argc, char **argv, struct sim_options *o, char *err,
                       unsigned errlen);

extern const char sim_usage[];

#endif
