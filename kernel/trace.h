/*
 * trace.h - compact binary kernel events (format: docs/formats.md).
 *
 * The kernel appends events to a ring in the arena through trace_emit();
 * the port drains it (the simulator after every kernel entry, firmware to
 * the console UART).  A full ring never blocks the kernel: the event is
 * counted in `lost` and the reader reports the gap.
 *
 * A firmware tree may be built without the trace (FENESTRA_FW_TRACE=OFF in
 * cmake/Firmware.cmake defines FENESTRA_TRACE=0; docs/boards.md): then the
 * functions below are empty inlines (an optimised build keeps no call and
 * no argument computation), trace.c compiles to nothing and the arena
 * holds no ring.  The simulator always has the trace (its recorder replays it).
 */
#ifndef FENESTRA_TRACE_H
#define FENESTRA_TRACE_H

#include <stdint.h>

#ifndef FENESTRA_TRACE
#define FENESTRA_TRACE 1
#endif

#define TRACE_FORMAT_VERSION 4
#define TRACE_RING_SIZE 256 /* events, a power of two */

enum trace_type {
    TR_BOOT = 1,          /* a0: partitions, a1: windows */
    TR_WINDOW = 2,        /* a window begins (the event's cycle is the actual
                             start): a0: window index | schedule << 16,
                             a1, a2: planned start, low and high 32 bits */
    TR_THREAD_SWITCH = 3, /* thread: the new one (TRACE_NONE: idle),
                          a0: previous as part << 8 | thread, 0xffff: idle */
    TR_SYSCALL = 4,       /* a0: number, a1: result (r0) */
    TR_FAULT = 5,         /* a fault of a thread: flags: error code
                             (enum fen_error) << 4 | TRACE_FAULT_* | access;
                             a0: address, a1: pc, a2: fault status (CFSR) */
    TR_PART_STOPPED = 6,  /* format 2 only; now TR_MODE with mode IDLE */
    TR_THREAD_START = 7,  /* format 2 only; now TR_PROCESS (start) */
    TR_THREAD_EXIT = 8,   /* format 2 only; now TR_PROCESS (stop) */
    TR_WAKE = 9,          /* a delay ended: a0: cycle it was due (low 32 bits) */
    TR_FRAME = 10,        /* a0: frame number, a1: schedule */
    TR_SLEEP = 11,        /* flags: enum thread_wait; a0, a1: low and high
                             32 bits of the wake-up cycle */
    TR_LOST = 12,         /* from the reader, not the kernel: a0 events were
                             dropped here because the ring was full */
    TR_RELEASE = 13,      /* a process released: a0, a1: release point (low,
                             high), a2: its deadline (low 32 bits) */
    TR_PROCESS = 14,      /* a process-state change: flags: enum process_op,
                             a0, a1: its argument (low, high) */
    TR_ERROR = 15,        /* an error raised: flags: enum fen_error, a0, a1:
                             address and pc (DEADLINE_MISSED: the deadline,
                             low and high; OVERRUN: the window), a2: state
                             (enum cfg_hm_state) */
    TR_HM_ACTION = 16,    /* flags: action (enum cfg_hm_action), a0: error,
                             a1: level (enum hm_level) */
    TR_MODE = 17,         /* partition mode: a0: enum fen_mode, a1: start
                             condition, a2: restarts */
    TR_SCHEDULE = 18,     /* flags: 0 requested, 1 applied; a0: new, a1: old */
    TR_WINDOW_DONE = 19,  /* the partition declared its window's work done */
    TR_MESSAGE = 20,      /* an application message: a0: length */
    TR_MODULE = 21,       /* flags: CFG_HM_STOP_MODULE or _RESTART_MODULE,
                             a0: module restarts */
    TR_PORT = 22,         /* a port operation: flags: enum port_op, a0: port
                             index, a1: the message's sequence number in its
                             channel, a2: send/write -> length; receive/read
                             -> cycles since it was sent (latency, age) */
    TR_IRQ = 23,          /* an interrupt-line event: flags: enum irq_op,
                             part: the owner, a0: line, a1: assertion cycle
                             (low 32 bits), a2: deliver -> latency in cycles;
                             others -> assertions pending */
    TR_PRIORITY = 24,     /* a mutex changed a thread's effective priority:
                             a0: new, a1: old, a2: mutex object id */
};

#define TRACE_NONE 0xff
/* TR_FAULT flags, beside the access (0 read, 1 write, 2 execute) */
#define TRACE_FAULT_SYSCALL 0x4    /* a buffer passed to a system call was
                                      refused (a1: the call number, a2: the
                                      length); nothing was stopped */
#define TRACE_FAULT_ADDR_VALID 0x8 /* a0 holds the faulting address */

/* One event: 24 bytes, little-endian on every build. */
struct trace_event {
    uint64_t cycle;
    uint8_t type;   /* enum trace_type */
    uint8_t part;   /* partition index or TRACE_NONE */
    uint8_t thread; /* partition-local thread id or TRACE_NONE */
    uint8_t flags;
    uint32_t a0;
    uint32_t a1;
    uint32_t a2;
};

struct trace_ring {
    struct trace_event ev[TRACE_RING_SIZE];
    uint32_t head;  /* next slot written */
    uint32_t tail;  /* next slot read */
    uint32_t lost;  /* events dropped because the ring was full ... */
    uint64_t lost_since; /* ... since this cycle */
};

#if FENESTRA_TRACE

void trace_emit(uint8_t type, uint8_t part, uint8_t thread, uint8_t flags,
                uint32_t a0, uint32_t a1);

/* trace_emit with a third argument. */
void trace_emit3(uint8_t type, uint8_t part, uint8_t thread, uint8_t flags,
                 uint32_t a0, uint32_t a1, uint32_t a2);

/* Takes the oldest event; returns 0 when the ring is empty. */
int trace_take(struct trace_event *out);

/* Events dropped since the ring was last read empty, and the cycle of the
 * first drop; clears the count.  Dropped events are newer than every event
 * still in the ring, so a reader reports the gap after draining it. */
uint32_t trace_take_lost(uint64_t *since);

#else /* built without the trace: nothing is recorded, and nothing takes
        * (trace_out_events.c, their only firmware reader, is left out) */

static inline void trace_emit(uint8_t type, uint8_t part, uint8_t thread, uint8_t flags,
                              uint32_t a0, uint32_t a1)
{
    (void)type, (void)part, (void)thread, (void)flags, (void)a0, (void)a1;
}

static inline void trace_emit3(uint8_t type, uint8_t part, uint8_t thread, uint8_t flags,
                               uint32_t a0, uint32_t a1, uint32_t a2)
{
    (void)type, (void)part, (void)thread, (void)flags, (void)a0, (void)a1, (void)a2;
}

#endif
#endif
