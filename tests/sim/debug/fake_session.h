/*
 * fake_session.h - a tiny machine behind session.h for the GDB stub's
 * tests: two threads (slots 0 and 2, GDB ids 1 and 3), 64 KiB of RAM at
 * 0x20000000, and a position that is just a counter.  Everything is a
 * function of the position, so going backwards is setting the counter.
 *
 *   position p: thread (p / 10) % 2 runs (slot 0 or 2), except that the
 *               CPU idles for p in [FAKE_IDLE_FROM, FAKE_IDLE_TO)
 *   an instruction: the running thread's pc moves 2 bytes on; every
 *               instruction writes the new position to FAKE_COUNTER
 *               (4 bytes) and reads FAKE_INPUT (4 bytes)
 *   the run ends at FAKE_END
 *
 * With threads_from set, no thread exists (and the CPU idles) before that
 * position, as before a kernel has created any.
 *
 * dbg_continue asks the interrupt hook (dbg_set_interrupt) at every
 * position; with hold_at set, it stands at that position for up to
 * FAKE_HOLD_MS of host time, asking every millisecond, as a long run
 * would: a Ctrl-C sent meanwhile stops it there.
 */
#ifndef FENESTRA_TESTS_FAKE_SESSION_H
#define FENESTRA_TESTS_FAKE_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "session.h"

#define FAKE_RAM 0x20000000u
#define FAKE_RAM_SIZE 0x10000u
#define FAKE_COUNTER (FAKE_RAM + 0x100)
#define FAKE_INPUT (FAKE_RAM + 0x104)
#define FAKE_END 1000u
#define FAKE_IDLE_FROM 100u
#define FAKE_IDLE_TO 110u
#define FAKE_MAX_POINTS 16
#define FAKE_HOLD_MS 3000u

struct fake_point {
    int id;     /* 0: free */
    bool watch;
    uint32_t addr, len;
    enum dbg_watch_kind kind;
};

struct dbg_session {
    uint64_t pos;
    uint64_t threads_from;          /* no thread exists before this position */
    int next_id;
    uint32_t regs[2][DBG_NUM_REGS]; /* pc: see pc_delta */
    int32_t pc_delta[2];            /* what a write to pc moved it by */
    struct fake_point points[FAKE_MAX_POINTS];
    dbg_interrupt_fn *interrupt;    /* dbg_set_interrupt's hook */
    void *interrupt_user;
    uint64_t hold_at;               /* 0: none; see the top */
    bool kernel_access;             /* watch hits are the kernel's */
    uint8_t ram[FAKE_RAM_SIZE];
};

struct dbg_session *fake_session_new(void);
void fake_session_free(struct dbg_session *s);
/* The slot running at a position, -1 while idle; a slot's pc there. */
int fake_current(uint64_t pos);
uint32_t fake_pc(const struct dbg_session *s, unsigned slot, uint64_t pos);
/* The position at which the pc of `slot` reaches addr, from `from` on;
 * UINT64_MAX: never before the end. */
uint64_t fake_pos_at_pc(const struct dbg_session *s, unsigned slot, uint32_t addr, uint64_t from);

#endif
