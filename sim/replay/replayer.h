/*
 * replayer.h - `replay FILE`: the recorded run again, from the same
 * binaries and config (refused up front, by hash, when they differ), fed
 * the recorded inputs (the scenario the recording carries, and the host's
 * bytes at their stamps), with every kernel event and input checked
 * against the recording as the run reaches it.  The first difference stops
 * the replay with both records, the cycle and the likely cause.
 */
#ifndef FENESTRA_SIM_REPLAYER_H
#define FENESTRA_SIM_REPLAYER_H

#include <stdbool.h>

#include "machine.h"
#include "recording.h"
#include "run_header.h"
#include "session.h"

struct replayer {
    struct rec_reader rd;
    struct rec_header h;      /* the recording's */
    struct sim_machine *m;
    struct rec_record next;   /* the record the run must produce next */
    int have;                 /* 1: next is valid; 0: END; -1: damaged */
    struct rec_host_input *host; /* host bytes read so far (kept for rewinds) */
    size_t num_host, cap_host, fed;
    uint64_t events;          /* events checked */
    bool sim_differs;         /* another simulator build recorded it */
    bool diverged;
    char message[1024];       /* the divergence, when diverged */
    char warning[256];
};

/* Checks the whole file (damage is reported with its offset), checks it
 * against this build (now: this binary's identity), and loads its
 * scenario into m.  False with a message naming what is wrong. */
bool replayer_open(struct replayer *rp, const char *path, struct sim_machine *m,
                   const struct run_identity *now, char *err, unsigned errlen);

/* The plain replay: the replayer takes m's callbacks; the run pauses at
 * the first divergence. */
void replayer_attach(struct replayer *rp);

/* The same checks for a debugging session (session.h). */
struct dbg_replay_hooks replayer_hooks(struct replayer *rp);

/* After the run: true when it matched the recording to its end; else the
 * difference is in rp->message. */
bool replayer_finish(struct replayer *rp);

void replayer_close(struct replayer *rp);

#endif
