/*
 * session.h - a debugging session on one simulated run: stepping forwards
 * and backwards, breakpoints, watchpoints and the state a debugger shows.
 * The REPL (repl.c) and the GDB stub (gdb_stub.c) are both front ends of
 * this one interface.
 *
 * A position in the run is the point between two iterations of the port's
 * loop: the guest stopped at an instruction boundary, every kernel entry
 * due at that point done.  Positions are ordered by (cycle, instructions
 * retired, kernel events emitted), all three monotonic.  Going backwards
 * restores the nearest earlier snapshot (kernel arena, guest memory, CPU
 * and device state) and re-executes to the position: the run is
 * deterministic, so the state there is the state a fresh run reaches.
 *
 * The session may be a live run of the app (`debug APP`) or the replay of
 * a recording (`replay FILE --step`); in a replay every kernel event is
 * checked against the recording as the run first reaches it.
 */
#ifndef FENESTRA_SIM_DEBUG_SESSION_H
#define FENESTRA_SIM_DEBUG_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "trace.h"

struct dbg_session; /* session.c */
struct sim_machine;

/* --- opening (the simulator's main; front ends need none of this) ------ */

struct dbg_options {
    uint64_t limit;            /* the run's end cycle */
    size_t snapshot_budget;    /* bytes all snapshots may take */
    uint64_t snapshot_every;   /* cycles between snapshots, at first (the
                                  interval doubles whenever the budget is
                                  reached and every other one is dropped) */
    const char *elf_dir;       /* partition ELFs, for symbols */
    FILE *out;                 /* the console's output when the run is new */
};

/* What a replay adds: called for each new kernel event and input (the
 * first time the run reaches it), and at every resumable point (to feed
 * recorded host input: feed(now) queues what is due by now and returns
 * how many host inputs it has fed in all; seek(n) rewinds that count after
 * a snapshot was restored).  check_* return false on a divergence, with
 * the message in msg. */
struct dbg_replay_hooks {
    bool (*check_event)(void *user, const struct trace_event *ev, char *msg, unsigned len);
    bool (*check_input)(void *user, const void *sim_input, char *msg, unsigned len);
    uint64_t (*feed)(void *user, uint64_t now);
    void (*seek)(void *user, uint64_t fed);
    void *user;
};

/* Boots the kernel on m (built, inputs attached) and takes the first
 * snapshot; NULL with a message when memory runs out. */
struct dbg_session *dbg_open(struct sim_machine *m, const struct dbg_options *o,
                             const struct dbg_replay_hooks *replay, char *err,
                             unsigned errlen);
void dbg_close(struct dbg_session *s);

struct dbg_pos {
    uint64_t cycle;  /* board-clock cycles since reset */
    uint64_t insns;  /* guest instructions retired */
    uint64_t events; /* kernel events emitted */
};

enum dbg_stop {
    DBG_STOP_STEP,       /* the step or goto asked for completed */
    DBG_STOP_BREAKPOINT, /* an address breakpoint: pc is its address, the
                            instruction not yet executed */
    DBG_STOP_WATCHPOINT, /* a watched range was accessed: the accessing
                            instruction has completed */
    DBG_STOP_EVENT,      /* a kernel event a breakpoint asked for (syscall,
                            fault, deadline miss, overrun, ...) */
    DBG_STOP_START,      /* reverse execution reached the start of the run */
    DBG_STOP_END,        /* the run's end: its cycle limit, the module
                            stopped, or the end of the recording */
    DBG_STOP_DIVERGED,   /* replay: the run no longer matches the recording */
    DBG_STOP_ERROR,      /* a bad request (message in the stop) */
    DBG_STOP_INTERRUPT,  /* the front end's interrupt hook asked to stop (Ctrl-C) */
};

struct dbg_stop_info {
    enum dbg_stop why;
    int id;                   /* breakpoint or watchpoint id, -1: none */
    uint32_t addr;            /* breakpoint address, or the watched byte hit */
    bool write;               /* watchpoint: the access was a write */
    bool kernel;              /* watchpoint: the kernel's access, in a kernel
                                 entry; the stop is after the entry */
    struct trace_event event; /* DBG_STOP_EVENT: the event */
    char message[1024];       /* for the user: what happened (a divergence: several lines) */
};

/* --- execution -------------------------------------------------------- */

struct dbg_pos dbg_position(const struct dbg_session *s);

/* Forwards: n guest instructions of whichever thread runs (a system call
 * instruction completes with its kernel entry), stopping early at a
 * breakpoint, watchpoint or the end. */
struct dbg_stop_info dbg_stepi(struct dbg_session *s, uint64_t n);
/* Backwards n instructions: the position after the (insns - n)-th. */
struct dbg_stop_info dbg_reverse_stepi(struct dbg_session *s, uint64_t n);
/* To the position right after the next kernel event (or the previous). */
struct dbg_stop_info dbg_next(struct dbg_session *s);
struct dbg_stop_info dbg_reverse_next(struct dbg_session *s);
/* Until a breakpoint, watchpoint or the end (backwards: the latest hit
 * before the current position, or the start). */
struct dbg_stop_info dbg_continue(struct dbg_session *s);
struct dbg_stop_info dbg_reverse_continue(struct dbg_session *s);
/* Forwards to the first position at or after `cycle` (ahead of here),
 * stopping early at a breakpoint, watchpoint or the end, as continue. */
struct dbg_stop_info dbg_run_to_cycle(struct dbg_session *s, uint64_t cycle);
/* To the first position at or after `cycle`, forwards or backwards. */
struct dbg_stop_info dbg_goto_cycle(struct dbg_session *s, uint64_t cycle);

/* Ctrl-C: during the forward runs of dbg_stepi, dbg_next, dbg_continue
 * and dbg_run_to_cycle
 * the session asks `requested` at resumable points, at most once per
 * DBG_INTERRUPT_EVERY cycles of the run; true stops it there with
 * DBG_STOP_INTERRUPT, an ordinary position (asking never changes the
 * run).  Seeks (goto, reverse motions) are not interrupted.  NULL: never
 * asked. */
#define DBG_INTERRUPT_EVERY (UINT64_C(1) << 20)
typedef bool dbg_interrupt_fn(void *user);
void dbg_set_interrupt(struct dbg_session *s, dbg_interrupt_fn *requested, void *user);

/* --- breakpoints and watchpoints ---------------------------------------- */

enum dbg_break_kind {
    DBG_BREAK_ADDR,      /* arg: instruction address (Thumb bit ignored) */
    DBG_BREAK_SYSCALL,   /* arg: call number, or DBG_ANY */
    DBG_BREAK_FAULT,     /* any fault of a thread (TR_FAULT) */
    DBG_BREAK_DEADLINE,  /* a deadline miss (TR_ERROR DEADLINE_MISSED) */
    DBG_BREAK_OVERRUN,   /* a window overrun (TR_ERROR OVERRUN) */
    DBG_BREAK_PAGEFAULT, /* a page fault (no paging yet: never hits) */
    DBG_BREAK_EVENT,     /* arg: any trace_type (TR_WINDOW, TR_IRQ, ...) */
};
#define DBG_ANY UINT32_MAX

enum dbg_watch_kind { DBG_WATCH_WRITE = 1, DBG_WATCH_READ = 2, DBG_WATCH_ACCESS = 3 };

/* Ids are small positive integers, never reused in a session; -1 with a
 * message in err when refused (too many, bad range). */
int dbg_break_add(struct dbg_session *s, enum dbg_break_kind kind, uint32_t arg,
                  char *err, unsigned errlen);
int dbg_watch_add(struct dbg_session *s, uint32_t addr, uint32_t len,
                  enum dbg_watch_kind kind, char *err, unsigned errlen);
bool dbg_delete(struct dbg_session *s, int id);
/* Finds the address breakpoint (or watchpoint, addr/len/kind equal) a GDB
 * z packet names; -1: none. */
int dbg_find_break(const struct dbg_session *s, uint32_t addr);
int dbg_find_watch(const struct dbg_session *s, uint32_t addr, uint32_t len,
                   enum dbg_watch_kind kind);

/* --- state -------------------------------------------------------------- */

/* Registers in GDB's ARM M-profile order: r0-r12, sp, lr, pc, xpsr, then
 * msp, psp, primask, basepri, faultmask, control. */
enum { DBG_REG_SP = 13, DBG_REG_LR = 14, DBG_REG_PC = 15, DBG_REG_XPSR = 16,
       DBG_REG_MSP, DBG_REG_PSP, DBG_REG_PRIMASK, DBG_REG_BASEPRI,
       DBG_REG_FAULTMASK, DBG_REG_CONTROL, DBG_NUM_REGS };

struct dbg_thread {
    unsigned slot;      /* kernel thread slot: stable for the session */
    char name[48];      /* "partition/process" ("partition/main" for 0) */
    uint8_t part, local_id;
    bool current;       /* on the CPU at this position */
    const char *state;  /* "running", "ready", "waiting", "dormant" */
};

/* The threads that exist (created) at this position, in slot order;
 * returns the number written (at most max). */
unsigned dbg_threads(const struct dbg_session *s, struct dbg_thread *out, unsigned max);
/* The slot of the thread on the CPU; -1 while the CPU idles. */
int dbg_current_thread(const struct dbg_session *s);

/* A thread's registers (the live CPU's for the current one, else as saved
 * when it was switched out); false for a slot not in use. */
bool dbg_read_regs(const struct dbg_session *s, unsigned slot, uint32_t regs[DBG_NUM_REGS]);
/* Changes one register: the run departs from its history, so snapshots
 * after this position are dropped (a replay stops checking). */
bool dbg_write_reg(struct dbg_session *s, unsigned slot, unsigned reg, uint32_t value);

/* Guest memory as the debugger sees it: board RAM only (device registers
 * are not read: reading has effects).  Returns the bytes read or written
 * from addr on (fewer where RAM ends). */
size_t dbg_read_mem(const struct dbg_session *s, uint32_t addr, void *buf, size_t len);
size_t dbg_write_mem(struct dbg_session *s, uint32_t addr, const void *buf, size_t len);

/* `info WHAT` and GDB's `monitor WHAT`: registers, partitions, threads,
 * windows, mpu, ports, events [N], breakpoints, snapshots.  False (with a
 * line saying so) for an unknown WHAT. */
bool dbg_info(struct dbg_session *s, const char *what, FILE *out);

/* A symbol's address in any partition's ELF ("partition:symbol" or just
 * "symbol"); false when none has it. */
bool dbg_symbol(const struct dbg_session *s, const char *name, uint32_t *addr);

#endif
