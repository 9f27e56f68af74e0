/*
 * bus.h - what the avionics partitions exchange through the shared regions
 * of app.yaml: sensors writes `samples`, control reads it and writes
 * `commands`, display reads both.  Partitions run one at a time (windows),
 * so a reader never sees a half-written record; `seq` tells it whether the
 * writer has run since it last looked.
 */
#ifndef AVIONICS_BUS_H
#define AVIONICS_BUS_H

#include <stdint.h>

struct sample {
    uint32_t seq;        /* samples taken so far */
    int32_t pitch_mdeg;  /* millidegrees */
    int32_t roll_mdeg;
    int32_t airspeed_cms; /* cm/s */
    uint64_t taken_at;   /* cycle */
};

struct command {
    uint32_t seq;        /* law runs so far */
    uint32_t sample_seq; /* the sample it used */
    int32_t elevator_mdeg;
    int32_t aileron_mdeg;
};

extern char __region_samples_start[], __region_commands_start[];

#define BUS_SAMPLE ((volatile struct sample *)__region_samples_start)
#define BUS_COMMAND ((volatile struct command *)__region_commands_start)

/* The process's stack, and the usual start-up of a partition with one
 * declared process: create it, start it, enter NORMAL; the initial thread
 * then stops. */
#define AVIONICS_STACK 1024

#endif
