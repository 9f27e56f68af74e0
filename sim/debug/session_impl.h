/*
 * session_impl.h - the session's state, shared by the files of the
 * debugger core (session.c: motion; inspect.c: what it shows; symbols.c).
 * Front ends use session.h only.
 */
#ifndef FENESTRA_SIM_DEBUG_SESSION_IMPL_H
#define FENESTRA_SIM_DEBUG_SESSION_IMPL_H

#include "machine.h"
#include "port.h"
#include "session.h"
#include "snapshot.h"
#include "traps.h"

#define DBG_MAX_EVENT_BREAKS 32

/* A kernel event as the log keeps it: the position right after it (the
 * first resumable point that follows its emission). */
struct dbg_logged {
    struct trace_event ev;
    struct dbg_pos after;
    bool after_known;
};

struct dbg_event_break {
    int id;
    enum dbg_break_kind kind;
    uint32_t arg;
};

/* A snapshot and the replay's progress it goes with. */
struct dbg_snap {
    struct snapshot snap;
    uint64_t events, inputs, fed;
};

/* A hit found while scanning a stretch of history (reverse-continue). */
struct dbg_candidate {
    struct dbg_pos pos;      /* exact, or for a watchpoint (lo, hi] */
    uint64_t lo;
    bool exact;
    bool event;              /* an event breakpoint's: pos is after it */
    struct sim_hit hit;
    struct trace_event ev;
    int id;
};

struct dbg_session {
    struct sim_machine *m;
    struct dbg_options opt;
    struct dbg_replay_hooks replay;
    bool replaying;
    enum port_status status; /* of the last advance */
    /* where the run is */
    uint64_t events;         /* kernel events emitted so far */
    uint64_t inputs;         /* external inputs taken so far */
    uint64_t fed;            /* recorded host inputs fed so far */
    struct dbg_pos frontier; /* the furthest position reached */
    uint64_t max_inputs;
    /* every event up to the frontier */
    struct dbg_logged *log;
    size_t log_len, log_cap;
    /* snapshots, in order of position */
    struct snap_layout layout;
    struct dbg_snap *snaps;
    size_t num_snaps, cap_snaps, snap_bytes;
    uint64_t every;
    /* breakpoints and watchpoints */
    struct sim_traps traps;
    struct dbg_event_break ebrk[DBG_MAX_EVENT_BREAKS];
    unsigned num_ebrk;
    uint32_t watch_kind[SIM_MAX_WATCHES]; /* as the user asked (for z) */
    int next_id;
    /* the motion under way */
    struct dbg_pos target;
    bool stop_on_hits;
    uint64_t hits_seen;
    uint64_t hits_placed; /* kernel hits up to here have their events */
    bool event_hit;
    struct trace_event hit_event;
    int hit_event_id;
    bool scanning;           /* reverse scan: event hits become candidates */
    struct dbg_candidate *scan;  /* reverse scan: hits found */
    size_t scan_len, scan_cap;
    bool diverged;
    char diverge_msg[1024];
    bool memory_written;     /* the user wrote guest memory (dbg_write_mem) */
    bool diverge_known;      /* diverge_at is set: the first resumable */
    struct dbg_pos diverge_at; /* point after the divergence */
    bool modified;           /* the debugger changed registers or memory */
    /* Ctrl-C (dbg_set_interrupt) */
    dbg_interrupt_fn *interrupt;
    void *interrupt_user;
    bool may_interrupt;      /* this advance is a go_forward run */
    bool interrupted;        /* the hook said yes: the advance stopped for it */
    uint64_t interrupt_ask;  /* the cycle from which the hook is asked again */
    FILE *devnull;
};

bool dbg_pos_reached(struct dbg_pos p, struct dbg_pos target);

/* Names of a thread ("partition/process"). */
void dbg_thread_name(const struct dbg_session *s, unsigned slot, char *out, size_t len);

#endif
