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

#include <unicorn/unicorn.h>

#include <arch_context.h>

#include "clock.h"
#include "icount.h"
#include "mem.h"

enum sim_stop {
    SIM_STOP_CLOCK,     /* reached the clock's stop cycle */
    SIM_STOP_SVC,       /* supervisor call; pc is past the svc */
    SIM_STOP_MEMORY,    /* access the partition may not make */
    SIM_STOP_UNDEFINED, /* undefined instruction */
    SIM_STOP_EXCEPTION, /* any other CPU exception */
};

struct sim_exit {
    enum sim_stop why;
    uint32_t access;    /* SIM_STOP_MEMORY: 0 read, 1 write, 2 execute */
    uint32_t addr;      /* SIM_STOP_MEMORY: data address ... */
    uint32_t addr_granule; /* ... exact when 1, else the start of its page */
    uint32_t pc;        /* address of the instruction that stopped */
    uint32_t exception; /* SIM_STOP_EXCEPTION: Unicorn's exception number */
};

/* The engines, numbered as they attach to the memory. */
enum sim_engine { SIM_ENGINE_MAIN = 0, SIM_ENGINE_TAIL = 1, SIM_ENGINE_IT_TAIL = 2 };

struct sim_cpu {
    uc_engine *uc;
    uc_engine *tail_uc;      /* runs unconditional tails, counting */
    uc_engine *it_tail_uc;   /* runs tails that touch an IT block, with exits */
    struct sim_clock *clock;
    struct sim_mem *mem;
    struct sim_icount icount;
    uc_hook block_hook, intr_hook, mem_hook, tail_intr_hook, tail_mem_hook,
        it_intr_hook, it_mem_hook;
    /* state of the current run: the clock is copied in and out, so the
     * block hook touches nothing but this struct */
    uint64_t now;
    uint64_t stop_at;        /* the clock's stop cycle when the run began */
    bool pending_stop;       /* the block hook stopped before a block */
    uint32_t stop_block_addr, stop_block_size;
    uint32_t block_addr;     /* block being executed, its size and the cycle */
    uint32_t block_size;     /* it began at */
    uint64_t block_start;
    struct sim_exit exit;
    bool have_exit;
    uint64_t tails;          /* statistics: exact tails run, */
    uint64_t it_tails;       /* of which touched an IT block */
};

/* Opens the CPU model named by the board ("cortex-m3"); false with a
 * message on failure. */
bool sim_cpu_open(struct sim_cpu *c, const char *model, struct sim_clock *clock,
                  struct sim_mem *mem, char *err, unsigned errlen);
void sim_cpu_close(struct sim_cpu *c);

/* Runs ctx until a trap or the clock's stop cycle; saves the registers
 * back into ctx and tells why it stopped. */
struct sim_exit sim_cpu_run(struct sim_cpu *c, struct arch_context *ctx);

#endif
