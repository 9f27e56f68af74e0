/*
 * kstate.h - every piece of mutable kernel state, in one arena.
 *
 * The kernel has no heap and no other mutable globals: pools are sized by
 * the generated cfg_gen.h, and the simulator can snapshot the whole kernel
 * by copying `kstate`.  Links between objects are pointers into the arena,
 * which never moves, so they stay valid across a restore.
 */
#ifndef FENESTRA_KSTATE_H
#define FENESTRA_KSTATE_H

#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "cfg_gen.h"
#include "config.h"
#include "trace.h"

enum thread_state {
    THREAD_UNUSED = 0, /* slot not created */
    THREAD_DORMANT,    /* created or exited: not schedulable */
    THREAD_READY,      /* in its partition's ready queue (the head runs) */
    THREAD_WAITING,    /* in its partition's sleep queue */
    THREAD_STOPPED,    /* its partition was stopped */
};

struct thread {
    struct arch_context ctx;
    struct thread *next;     /* ready-queue or sleep-queue link */
    uint64_t wake_at;        /* THREAD_WAITING: cycle to become ready */
    uint32_t entry, arg, exit_to;
    uint32_t stack_base, stack_size;
    struct arch_mpu_region guard; /* no-access region below its stack */
    uint16_t index;          /* slot in kstate.threads */
    uint8_t part;            /* owning partition */
    uint8_t local_id;        /* id the partition sees */
    uint8_t state;           /* enum thread_state */
    uint8_t priority;        /* current priority, higher runs first */
};

enum part_mode {
    PART_NORMAL = 0,
    PART_STOPPED, /* a fault stopped it: it idles through its windows */
};

/* MPU slots a partition's set fills (the rest of the MPU but the
 * kernel's guard slot): unused ones are loaded disabled, so a switch
 * leaves nothing of the previous partition behind. */
#define SPACE_PART_SLOTS (CFG_MPU_REGIONS - CFG_MPU_KERNEL_REGIONS)
#define SPACE_GUARD_SLOT (CFG_MPU_REGIONS - 1)

struct part {
    const struct cfg_partition *cfg;
    struct arch_mpu_region mpu[SPACE_PART_SLOTS]; /* encoded at boot */
    struct thread *ready;    /* sorted by priority, FIFO among equals */
    struct thread *sleeping; /* sorted by wake_at, FIFO among equals */
    uint8_t mode;            /* enum part_mode */
    uint8_t num_threads;     /* slots created so far */
    bool console_at_line_start;
};

struct sched {
    const struct cfg_schedule *schedule;
    uint64_t frame_start;    /* cycle the current major frame began */
    uint64_t window_end;     /* cycle the current window (or gap) ends */
    uint32_t frame;          /* major frames begun since start */
    int32_t window;          /* index of the current window, -1 in a gap */
    int32_t active;          /* active partition, -1 in a gap */
    struct thread *current;  /* thread on the CPU, NULL when idle */
    int32_t mpu_part;        /* partition whose set the MPU holds, -1: none */
    const struct thread *mpu_thread; /* thread whose guard it holds */
};

struct kstate {
    struct sched sched;
    struct part parts[CFG_NUM_PARTITIONS];
    struct thread threads[CFG_NUM_THREADS];
    struct trace_ring trace;
    bool kernel_console_at_line_start;
};

extern struct kstate kstate;

#endif
