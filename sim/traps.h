/*
 * traps.h - the debugger's breakpoints and watchpoints, as the guest CPU
 * sees them (sim/cpu.c calls in here; sim/debug/session.c sets them).
 *
 * No per-instruction hook: an address breakpoint is found by the block
 * hook, which already sees every block before it runs; a block holding one
 * is never cached in the count cache, so it always takes the slow path,
 * where the breakpoint's exact instruction position is computed.  When the
 * run is to stop at a hit, the stop cycle is lowered to that instruction,
 * so the guest stops right before it by the clock's own exact mechanism.
 * Watchpoints need to see accesses: a memory hook is installed on the
 * engines only while a watchpoint exists (it slows every access), and a
 * hit is placed within its block; the session narrows it to the exact
 * instruction by stepping.  Accesses the probe engine settles (device
 * registers, split pages) are checked exactly.
 */
#ifndef FENESTRA_SIM_TRAPS_H
#define FENESTRA_SIM_TRAPS_H

#include <stdbool.h>
#include <stdint.h>

#define SIM_MAX_BREAKS 64
#define SIM_MAX_WATCHES 16
#define SIM_MAX_HITS 256 /* a ring: the latest hits of a scan */

enum sim_watch_access { SIM_WATCH_WRITE = 1, SIM_WATCH_READ = 2 };

struct sim_break {
    uint32_t addr;  /* instruction address, Thumb bit clear */
    int id;
};

struct sim_watch {
    uint32_t addr, len;
    uint32_t access; /* enum sim_watch_access bits */
    int id;
};

/* One hit, as a range of instruction positions (guest instructions
 * retired): a breakpoint's is exact (lo == hi: retired before it runs);
 * a watchpoint's spans its block (the position after the accessing
 * instruction is in (lo, hi]). */
struct sim_hit {
    uint64_t lo, hi;
    uint64_t cycle; /* the clock at lo */
    int id;
    uint32_t addr;  /* breakpoint address, or the first watched byte hit */
    bool write;
    bool exact;
    bool kernel;    /* the kernel's copy during a kernel entry (a system
                       call's result, a message or an interrupt event
                       delivered): the stop is after the entry */
    uint64_t events; /* kernel hits: the debugger's count of kernel events
                        at the first resumable point after the entry
                        (every entry that copies emits one), which tells
                        that point from the one before an interrupt entry
                        at the same cycle */
};

struct sim_traps {
    struct sim_break brk[SIM_MAX_BREAKS];
    unsigned num_breaks;
    struct sim_watch watch[SIM_MAX_WATCHES];
    unsigned num_watches;
    bool stop_on_hit;      /* end the guest's run at the first hit */
    uint64_t ignore_at;    /* a breakpoint hit at this position is not one
                              (resuming from it); UINT64_MAX: none */
    struct sim_hit hit[SIM_MAX_HITS];
    uint64_t hits;         /* total so far; the ring holds the latest */
};

static inline const struct sim_hit *sim_traps_last(const struct sim_traps *t)
{
    return t->hits ? &t->hit[(t->hits - 1) % SIM_MAX_HITS] : 0;
}

/* The watchpoint covering any byte of [addr, addr+len) for this access;
 * NULL: none. */
const struct sim_watch *sim_traps_watched(const struct sim_traps *t, uint32_t addr,
                                          uint32_t len, bool write);

/* The breakpoint at addr; NULL: none. */
const struct sim_break *sim_traps_break_at(const struct sim_traps *t, uint32_t addr);

/* The first breakpoint in [addr, addr+size), or NULL. */
const struct sim_break *sim_traps_break_in(const struct sim_traps *t, uint32_t addr,
                                           uint32_t size);

void sim_traps_record(struct sim_traps *t, const struct sim_hit *h);

/* The kernel, in the entry that follows `insns` instructions (clock at
 * `cycle`), copied [addr, addr+len) to or from a partition: a hit of a
 * watchpoint on those bytes, exact, as a hardware watchpoint sees the
 * kernel's own stores.  True when it was one. */
bool sim_traps_kernel_access(struct sim_traps *t, uint32_t addr, uint32_t len, bool write,
                             uint64_t insns, uint64_t cycle);

#endif
