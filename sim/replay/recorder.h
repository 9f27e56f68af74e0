/*
 * recorder.h - `run --record FILE`: the run's identity, then every kernel
 * event and every external input as it happens, streamed to a recording
 * (recording.h).  It sits between the machine and whatever else listens
 * (--events printing): both hear everything.
 */
#ifndef FENESTRA_SIM_RECORDER_H
#define FENESTRA_SIM_RECORDER_H

#include <stdbool.h>

#include "machine.h"
#include "recording.h"
#include "run_header.h"

struct recorder {
    struct rec_writer w;
    struct sim_machine *m;
    sim_event_fn next_event; /* the listener it passes events on to */
    void *next_user;
};

/* Creates the file and writes the header; from now on m's events and
 * inputs are recorded.  False with a message. */
bool recorder_start(struct recorder *r, const char *path, struct sim_machine *m,
                    const struct run_identity *id, char *err, unsigned errlen);

/* An input as a recording holds it (the device by its board index). */
void recorder_input_of(const struct sim_machine *m, const struct sim_input *in,
                       struct rec_input *out);

/* Writes the totals and closes; false with a message when any write
 * failed (the file then says it is not whole). */
bool recorder_finish(struct recorder *r, bool halted, char *err, unsigned errlen);

#endif
