/*
 * bus.h - what the avionics partitions exchange (app.yaml):
 *   sensors -> control  queuing port `raw`: every sample, in order
 *   control -> display  sampling port `cmd`: the latest command, with
 *                       its validity (refresh 20 ms)
 *   control -> display  queuing port `log`: one record per law run
 *   sensors -> all      shared region `samples`: the latest sample as bulk
 *                       data (a reader compares `seq` to see it change)
 * Every message is copied by the kernel; no partition reads another's
 * memory except through the shared region its rights allow.
 */
#ifndef AVIONICS_BUS_H
#define AVIONICS_BUS_H

#include <stdint.h>

struct sample {
    uint32_t seq;        /* the stimulus record's sequence number */
    int32_t pitch_mdeg;  /* millidegrees */
    int32_t roll_mdeg;
    int32_t airspeed_cms; /* cm/s */
    uint64_t taken_at;   /* cycle the sample arrived (its interrupt) */
};

struct command {
    uint32_t seq;        /* law runs so far */
    uint32_t sample_seq; /* the sample it used */
    int32_t elevator_mdeg;
    int32_t aileron_mdeg;
};

/* One law run, for the display's log. */
struct law_record {
    uint32_t seq;
    uint32_t samples;    /* samples received in this run */
    uint32_t gaps;       /* samples missing from the sequence so far */
    uint32_t overflows;  /* receives flagged FEN_MSG_OVERFLOWED so far */
};

extern char __region_samples_start[];

#define BUS_SAMPLE ((volatile struct sample *)__region_samples_start)

#define AVIONICS_STACK 1024

#endif
