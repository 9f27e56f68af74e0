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
};

#define SIM_DEFAULT_FRAMES 10

/* Parses argv; on error returns false with a message in err. */
bool sim_parse_options(int argc, char **argv, struct sim_options *o, char *err,
                       unsigned errlen);

extern const char sim_usage[];

#endif
