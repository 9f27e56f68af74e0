/*
 * cpu.h - the guest CPU: Unicorn in Cortex-M mode running partition code
 * unprivileged, with the instruction-exact clock.
 *
 * Fast path: a block hook charges each translated block's instruction count
 * before it runs, and stops before a block that would cross the clock's
 * stop cycle.  The few instructions left before the stop cycle are then run
 * exactly on a second engine, the tail engine, which shares the guest's
 * memory, so the main engine's translations are never disturbed (see
 * run_tail for how the tail engine counts).
 * No per-instruction hook is ever installed.
 */
#ifndef FENESTRA_SIM_CPU_H
#define FENESTRA_SIM_CPU_H

#include <stdbool.h>
#include <stdint.h>

/* Probe steps between flushes of the probe engine code buffer. */
#define SIM_PROBE_FLUSH_EVERY 4096u

#include <unicorn/unicorn.h>

#include <arch_context.h>

#include "clock.h"
#include "icount.h"
#include "mem.h"
#include "traps.h"

enum sim_stop {
    SIM_STOP_CLOCK,     /* reached the clock's stop cycle */
    SIM_STOP_SVC,       /* supervisor call; pc is past the svc */
    SIM_STOP_MEMORY,    /* access the partition may not make */
    SIM_STOP_UNDEFINED, /* undefined instruction */
    SIM_STOP_EXCEPTION, /* any other CPU exception */
};

/* SIM_STOP_MEMORY: the MemManage or BusFault the hardware raises, also
 * recorded in the MPU model's fault status registers (CFSR, MMFAR, BFAR)
 * where the kernel's fault handler reads it. */
struct sim_exit {
    enum sim_stop why;
    uint32_t access;    /* SIM_STOP_MEMORY: 0 read, 1 write, 2 execute */
    uint32_t addr;      /* SIM_STOP_MEMORY: the exact faulting address */
    uint32_t status;    /* SIM_STOP_MEMORY: the CFSR bits raised */
    uint32_t pc;        /* address of the instruction that stopped */
    uint32_t exception; /* SIM_STOP_EXCEPTION: Unicorn's exception number */
};

/* The engines, numbered as they attach to the memory. */
enum sim_engine {
    SIM_ENGINE_MAIN = 0,
    SIM_ENGINE_TAIL = 1,
    SIM_ENGINE_IT_TAIL = 2,
    SIM_ENGINE_PROBE = 3,    /* one instruction at a time, seen access by access */
    SIM_ENGINE_DISCOVER = 4, /* the same for plain instructions: discovers, */
    SIM_ENGINE_EXECUTE = 5,  /* then executes, each keeping its translations */
};

#define SIM_PROBE_MAX_ACCESSES 32 /* LDM/STM of 16 registers, and more */

struct sim_probe_access {
    uint32_t addr, size;
    enum sim_access access;
};

struct sim_cpu {
    uc_engine *uc;
    uc_engine *tail_uc;      /* runs unconditional tails, counting */
    uc_engine *it_tail_uc;   /* runs tails that touch an IT block, with exits */
    uc_engine *probe_uc;     /* settles accesses the TLB refused (see cpu.c) */
    uc_context *probe_saved; /* its state around a discovery run */
    uc_engine *discover_uc;  /* settle plain instructions, caching their */
    uc_engine *execute_uc;   /* translations (see settle_one) */
    struct sim_mpu *mpu;     /* the MPU model (fault status registers) */
    struct sim_clock *clock;
    struct sim_mem *mem;
    struct sim_icount icount;
    uc_hook block_hook, intr_hook, mem_hook, tail_intr_hook, tail_mem_hook,
        it_intr_hook, it_mem_hook, probe_intr_hook, probe_bad_hook, probe_mem_hook,
        discover_intr_hook, discover_bad_hook, discover_mem_hook, execute_intr_hook,
        execute_bad_hook;
    /* the probe engine's record of one instruction */
    struct sim_probe_access probe[SIM_PROBE_MAX_ACCESSES];
    unsigned probe_n;
    bool probe_overflow;
    int probe_intno;         /* exception it raised, -1: none */
    uint32_t probe_steps_since_flush; /* see probe_step */
    /* state of the current run: the clock is copied in and out, so the
     * block hook touches nothing but this struct */
    uint64_t now;
    uint64_t stop_at;        /* the clock's stop cycle when the run began,
                                or earlier (sim_cpu_stop_early) */
    bool running;            /* inside sim_cpu_run */
    bool pending_stop;       /* the block hook stopped before a block */
    uint32_t stop_block_addr, stop_block_size;
    uint32_t block_addr;     /* block being executed, its size and the cycle */
    uint32_t block_size;     /* it began at */
    uint64_t block_start;
    uint64_t run_start;      /* the clock when the run began */
    /* the debugger's breakpoints and watchpoints (sim/traps.h); NULL:
     * none, and nothing is checked */
    struct sim_traps *traps;
    uc_hook watch_hook[3];   /* main, tail and IT-tail engines */
    bool watch_hooked;
    struct sim_exit exit;
    bool have_exit;
    uint64_t tails;          /* statistics: exact tails run, */
    uint64_t it_tails;       /* of which touched an IT block */
    uint64_t precise_steps;  /* accesses settled by the probe engines, */
    uint64_t careful_steps;  /* of which on the one that drops translations */
};

/* Opens the CPU model named by the board ("cortex-m3"); false with a
 * message on failure.  mpu decides every guest access (through mem). */
bool sim_cpu_open(struct sim_cpu *c, const char *model, struct sim_clock *clock,
                  struct sim_mem *mem, struct sim_mpu *mpu, char *err,
                  unsigned errlen);

/* Exception entry stacks eight words below sp (nine when sp is not 8-byte
 * aligned), with the interrupted thread's (unprivileged) rights.  True
 * when the MPU allows it; else the MemManage (MSTKERR) is recorded in the
 * model and returned in *x. */
bool sim_cpu_stacking_ok(struct sim_cpu *c, uint32_t sp, uint32_t pc,
                         struct sim_exit *x);
void sim_cpu_close(struct sim_cpu *c);

/* Runs ctx until a trap or the clock's stop cycle; saves the registers
 * back into ctx and tells why it stopped.  An instruction that touches a
 * device is settled alone, with the clock at the cycle it executes at. */
struct sim_exit sim_cpu_run(struct sim_cpu *c, struct arch_context *ctx);

/* Installs or removes the memory hooks watchpoints need (after changing
 * c->traps->watch), and drops translations and cached block counts so
 * breakpoints take effect.  False when Unicorn refuses. */
bool sim_cpu_traps_changed(struct sim_cpu *c);

/* The host wrote guest memory that may hold code (the debugger, a test
 * rig): every engine drops its translations and the cached block counts.
 * Engines keep translations across runs, since partitions' code never
 * changes otherwise. */
void sim_cpu_code_changed(struct sim_cpu *c);

/* A device access of the running instruction made something due at
 * `cycle` (a device event, or an interrupt now): the run stops there, or
 * right after that instruction, if that is before its stop cycle.  Does
 * nothing outside a run. */
void sim_cpu_stop_early(struct sim_cpu *c, uint64_t cycle);

#endif
