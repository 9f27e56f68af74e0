/*
 * port.h - the Cortex-M firmware port's own interface between its files
 * (docs/boards.md, "The firmware port").
 *
 * Every kernel entry is an exception at one priority (ARMV7M_KERNEL_PRIO):
 * SVC, SysTick, PendSV, the external interrupts and the configurable
 * faults.  None preempts another, so the kernel is never re-entered and
 * needs no locks.  Each entry saves the running thread's PSP and r4-r11
 * into its arch_context (exception.S), calls one of the armv7m_on_*()
 * functions below, and resumes whatever armv7m_resume() returns: a
 * partition thread (unprivileged) or the idle thread (privileged, on its
 * own stack, draining the trace ring).
 *
 * The port's state is one struct, `armv7m`, beside the kernel's arena: it
 * belongs to the hardware port (the simulator has its own port state in
 * arch/sim/port.c) and the simulator never snapshots it.
 */
#ifndef FENESTRA_ARMV7M_PORT_H
#define FENESTRA_ARMV7M_PORT_H

#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "console_ring.h"
#include "trace.h" /* FENESTRA_TRACE */

/* Priority byte of every kernel entry; BASEPRI is never used.  The lowest
 * priority (0xff reads back as the implemented bits) so that a fault
 * raised inside the kernel escalates to HardFault, which is a kernel bug. */
#define ARMV7M_KERNEL_PRIO 0xffu

/* Host parameters: a run under `./fenestra qemu` pokes this block through
 * QEMU's generic loader before reset; on a board the magic never matches. */
#define ARMV7M_HOST_MAGIC 0x46454e31u /* "FEN1" */
struct armv7m_host_params {
    uint32_t magic;
    uint32_t frames; /* stop after this many major frames, 0: never */
};

/* The tickless clock (clock.c): cycles = base + what SysTick counted since
 * it was last (re)started with a period of `period` cycles. */
struct armv7m_clock {
    uint64_t base;    /* cycle at which the current countdown started */
    uint32_t period;  /* its length: RVR + 1 */
    bool running;     /* false during kern_init: the clock reads 0 */
    uint64_t target;  /* the kernel's deadline (KTIME_NEVER: none) */
    uint64_t limit;   /* end of the run (host parameter), KTIME_NEVER: none */
};

/* A trace record being sent (trace_out.c): the idle thread sends it one
 * byte at a time, and it goes out whole before any text (console_out.c),
 * so console text never lands inside a record. */
#define ARMV7M_RECORD_MAX 56
struct armv7m_record {
    char buf[ARMV7M_RECORD_MAX];
    uint8_t len;
    uint8_t sent;
};

struct armv7m_port {
    struct arch_context *running; /* first: exception.S saves into it */
    struct arch_context idle;     /* the idle thread's context */
    struct armv7m_clock clock;
    struct armv7m_record record;
    uint32_t console_base;
    uint64_t events_lost;
    bool host_run;                /* started by the host tool (semihosting on) */
    struct arch_context *fp_owner; /* whose s16-s31 the FPU holds (fp_lazy.c) */
    struct console_ring text;     /* last: the fields above stay in reach of
                                     short load offsets */
};

extern struct armv7m_port armv7m;

/* --- exception.S --------------------------------------------------------- */

/* The idle thread's code (idle.c), entered in thread mode on PSP. */
void armv7m_idle_thread(void);

/* --- entries: one per exception kind, called by exception.S -------------- */

void armv7m_on_svc(void);
void armv7m_on_systick(void);
void armv7m_on_pendsv(void);
void armv7m_on_irq(void);
void armv7m_on_memmanage(void);
void armv7m_on_busfault(void);
void armv7m_on_usagefault(void);
void armv7m_on_hardfault_thread(void);
__attribute__((noreturn)) void armv7m_on_hardfault_kernel(uint32_t pc);

/* Chooses the context to resume and the thread mode's privilege. */
struct arch_context *armv7m_resume(void);

/* --- context.c ------------------------------------------------------------ */

/* The pc in a trapped thread's exception frame. */
uint32_t armv7m_frame_pc(const struct arch_context *ctx);

/* --- clock.c --------------------------------------------------------------- */

void clock_init(uint64_t limit);
void clock_start(void);  /* after kern_init: cycle 0 is now */
uint64_t clock_now(void);

/* --- irq.c ----------------------------------------------------------------- */

/* Masks every external line and puts every kernel entry at one priority. */
void irq_init_priorities(unsigned lines);

/* --- trace_out.c ----------------------------------------------------------- */

/* True while a record is part sent.  Inline: every console write asks. */
static inline bool trace_out_busy(void)
{
    return armv7m.record.sent < armv7m.record.len;
}
/* A new record of this kind (its STX and letter), n bytes of v in hex
 * (lowest first), its ETX. */
void trace_out_begin(char kind);
void trace_out_put(uint64_t v, unsigned n);
void trace_out_close(void);
/* Sends the next byte of the record in flight, waiting for the UART;
 * false when none is in flight. */
bool trace_out_byte(void);
/* Finishes the record in flight. */
void trace_out_flush(void);
/* The end-of-run record: the run's end cycle and why it ended. */
void trace_out_end(uint64_t end_cycle, uint8_t reason);

/* --- trace_out_events.c (only in a firmware built with the trace) ----------- */

#if FENESTRA_TRACE
/* Starts the next record from the ring (or the `lost` gap) when none is in
 * flight; false when there is nothing to send. */
bool trace_out_next(void);
#else
static inline bool trace_out_next(void) /* no events: only the record in flight */
{
    return trace_out_busy();
}
#endif

/* --- console_out.c ----------------------------------------------------------- */

/* Writes one byte, waiting until the UART takes it. */
void console_hw_putc(uint32_t base, char c);

/* Sends queued text while the UART takes bytes at once (at kernel exit). */
void console_out_pump(void);
/* The idle thread's step: one byte when the UART takes it; false when
 * nothing at all is waiting (the idle thread may sleep). */
bool console_out_idle_step(void);
/* Queued text, then buf, waiting for the wire: for a panic. */
void console_out_sync(const char *buf, uint32_t len);
/* The run's end: queued text, every event left in the ring, the end
 * record, waiting for the wire. */
void console_out_final(uint8_t reason);

enum { TRACE_END_LIMIT = 0, TRACE_END_HALTED = 1, TRACE_END_PANIC = 2 };

/* --- board set-up (boards/<board>/board.c, or board_none.c) --------------- */

/* Clocks and pins the console needs, before anything else at boot;
 * afterwards every bus the console uses runs at the board's clock_hz. */
void board_init(void);

/* --- console (console_*.c, one per UART kind) ------------------------------ */

void console_hw_init(uint32_t base, uint32_t clock_hz);
/* True when a byte written now is taken without waiting. */
bool console_hw_ready(uint32_t base);
/* Writes a byte the UART is ready for. */
void console_hw_send(uint32_t base, char c);
/* Writes bytes while the UART takes them at once; returns how many. */
uint32_t console_hw_write_ready(uint32_t base, const char *buf, uint32_t len);

/* --- boot.c ---------------------------------------------------------------- */

/* Ends the run: queued text, the trace ring and an end record to the
 * console (console_out_final), then a semihosting exit when the host
 * started us, else sleep forever. */
__attribute__((noreturn)) void armv7m_finish(uint8_t reason);

/* --- insn_access.c ------------------------------------------------------------ */

/* KERN_ACCESS_READ or _WRITE: what the instruction at pc does to data. */
uint32_t insn_access(uint32_t pc);

/* --- fault.c ----------------------------------------------------------------- */

/* A fault in the kernel or the idle thread: report and stop. */
__attribute__((noreturn)) void armv7m_panic(const char *what, uint32_t pc);

/* --- fp_lazy.c (boards with an FPU) or fp_none.c ------------------------------ */

/* FPU on for privileged code only, lazy stacking of FP frames on. */
void armv7m_fp_init(void);
/* At each kernel exit, for the context about to run: its s16-s31 into the
 * FPU if it has an FP context that is not there, and its FPU access. */
void armv7m_fp_switch(struct arch_context *next);
/* A NOCP UsageFault of ctx: true when it was ctx's first FP instruction
 * (the FPU is now ctx's, cleared; the instruction runs again). */
bool armv7m_fp_grant(struct arch_context *ctx);
/* ctx is about to be (re)started: its FP context, if any, is dropped. */
void armv7m_fp_forget(struct arch_context *ctx);
/* True when ctx's lazily stacked FP state could not be written: the fault
 * has just been reported to the kernel (kern_trap_fault) for ctx. */
bool armv7m_fp_report_lost(struct arch_context *ctx);

/* --- fp_regs.S: the port's only FP instructions ---------------------------------- */

void armv7m_fp_store(uint32_t *s16_s31);
void armv7m_fp_load(const uint32_t *s16_s31);
void armv7m_fp_zero(void); /* s0-s31 and FPSCR */

/* --- semihost.c ---------------------------------------------------------------- */

__attribute__((noreturn)) void semihost_exit(uint32_t code);

#endif
