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

/* The services the app's config can reach (fcc's CFG_HAS_* constants,
 * docs/config.md "Services compiled in"): the kernel tests them as
 * constants where a service meets the rest, and the linker drops what no
 * config can call. */
#if !defined(CFG_HAS_PROCESSES) || !defined(CFG_HAS_OBJECTS) || \
    !defined(CFG_HAS_PORTS) || !defined(CFG_HAS_IRQ_OWNERS) || !defined(CFG_HAS_SHARED_CODE)
#error "cfg_gen.h has no CFG_HAS_* service constants: regenerate it with tools/fcc"
#endif

enum thread_state {
    THREAD_UNUSED = 0, /* slot not created */
    THREAD_DORMANT,    /* created, stopped or never started */
    THREAD_READY,      /* runnable: in its partition's ready queue unless
                          suspended (the queue's best runs) */
    THREAD_WAITING,    /* waiting for time (sleep queue), for NORMAL mode,
                          or suspended without timeout */
};

/* What a WAITING thread waits for. */
enum thread_wait {
    WAIT_NONE = 0,
    WAIT_DELAY,   /* timed wait / sleep: ready at wake_at */
    WAIT_RELEASE, /* periodic wait or delayed start: released at wake_at */
    WAIT_SUSPEND, /* suspend self: resumed, or timed out at wake_at */
    WAIT_NORMAL,  /* started in an init mode: released when NORMAL begins */
    WAIT_OBJECT,  /* in a waitq (port, object, lock word, IRQ line); timed
                     out at wake_at when on the sleep queue */
};

struct thread;

/* Threads blocked on one kernel object, served in its discipline: FIFO,
 * or by priority (FIFO among equals).  See waitq.h. */
struct waitq {
    struct thread *head;
    uint8_t discipline; /* enum cfg_discipline */
};

struct thread {
    struct arch_context ctx;
    struct thread *next;     /* ready-band or sleep-queue link */
    struct thread *dl_next;  /* deadline-list link */
    struct waitq *waitq;     /* WAIT_OBJECT: the queue it is in */
    struct thread *wq_next;  /* waitq link */
    uint32_t wait_buf;       /* blocked transfer: the caller's buffer */
    uint32_t wait_len;       /* ... its length (send) or size (receive) */
    uint32_t wait_key;       /* lightweight lock: the word's address;
                                IRQ wait: the line */
    uint32_t wait_info;      /* blocked receive: where extra results go */
    uint64_t wait_stamp;     /* blocked send: the cycle it was called */
    struct object_state *held; /* mutexes it owns (mutex.c) */
    uint64_t irq_asserted;   /* woken by an IRQ: the assertion cycle ... */
    uint16_t irq_line;       /* ... and the line, IRQ_LINE_NONE: not */
    uint16_t port_delivered; /* got a message while blocked on this port
                                (sent at wait_stamp); PORT_NONE: not */
    uint64_t wake_at;        /* on the sleep queue: cycle it is due */
    uint64_t release;        /* periodic: current release point */
    uint64_t deadline;       /* KTIME_NEVER: none (not on the deadline list) */
    uint64_t period;         /* 0: aperiodic */
    uint64_t capacity;       /* time capacity, KTIME_NEVER: infinite */
    uint64_t start_delay;    /* WAIT_NORMAL: delay asked for at start */
    const struct cfg_process *cfg; /* declared process, or NULL */
    uint32_t entry, arg, exit_to;
    uint32_t stack_base, stack_size;
    uint32_t starts;         /* contexts begun in this slot: a system call
                                whose caller was restarted leaves r0 alone */
    struct arch_mpu_region guard; /* no-access region below its stack */
    uint16_t index;          /* slot in kstate.threads */
    uint8_t part;            /* owning partition */
    uint8_t local_id;        /* id the partition sees */
    uint8_t state;           /* enum thread_state */
    uint8_t wait;            /* enum thread_wait, when WAITING */
    uint8_t priority;        /* current priority, higher runs first */
    uint8_t base_priority;   /* priority at start */
    uint8_t nominal_priority; /* priority without mutex boosts (start,
                                 SET_PRIORITY); priority is the effective one */
    bool suspended;          /* SUSPEND: kept out of the ready queue */
    bool sleeping;           /* on the sleep queue */
};

/* The partition's ready queue: a FIFO per priority and a bitmap of the
 * non-empty ones, so choosing, inserting and yielding cost the same for
 * 1 or 200 ready threads. */
#define READY_LEVELS 256
struct ready_queue {
    uint32_t nonempty[READY_LEVELS / 32];
    struct thread *head[READY_LEVELS];
    struct thread *tail[READY_LEVELS];
};

/* An error waiting for the partition's error handler. */
struct hm_pending {
    uint8_t error;   /* enum fen_error */
    uint8_t process; /* local id, TRACE_NONE: none */
    uint8_t length;  /* bytes of message */
    uint32_t addr, pc;
    char message[64];
};
#define HM_QUEUE 4

/* MPU slots a partition's set fills (the rest of the MPU but the
 * kernel's guard slot): unused ones are loaded disabled, so a switch
 * leaves nothing of the previous partition behind. */
#define SPACE_PART_SLOTS (CFG_MPU_REGIONS - CFG_MPU_KERNEL_REGIONS)
#define SPACE_GUARD_SLOT (CFG_MPU_REGIONS - 1)

struct part {
    const struct cfg_partition *cfg;
    struct arch_mpu_region mpu[SPACE_PART_SLOTS]; /* encoded at boot */
    struct ready_queue ready;
    struct thread *sleeping;  /* sorted by wake_at, FIFO among equals */
    struct thread *deadlines; /* sorted by deadline, FIFO among equals */
    struct thread *handler;   /* error handler, NULL: none created */
    struct thread *lock_owner; /* holds the preemption lock */
    struct hm_pending errors[HM_QUEUE]; /* for the handler, oldest first */
    uint8_t num_errors;
    uint8_t mode;             /* enum fen_mode */
    uint8_t start_condition;  /* enum fen_start_condition */
    uint8_t lock_level;       /* preemption lock nesting */
    uint8_t num_threads;      /* slots in use: 1 + declared processes + more */
    uint32_t restarts;        /* cold and warm starts since power-on */
    bool work_pending;        /* a must_complete window's work not declared done */
    bool unfit;               /* its regions do not fit the MPU: always IDLE */
    bool console_at_line_start;
    struct waitq lock_waiters; /* threads in LOCK_WAIT (lwlock.c), by
                                  priority; wait_key: the word's address */
};

#define IRQ_LINE_NONE 0xffffu

/* --- communication state (ports.h, object.h, irq.h) -------------------- */

/* A channel's messages live in kstate.msg_pool (cfg_channel.store). */
struct channel_state {
    uint16_t head;         /* queuing: slot of the oldest message */
    uint16_t count;        /* messages held (sampling: 0 or 1) */
    uint32_t seq;          /* messages accepted since boot */
    bool overflowed;       /* a send was refused since the last receive */
    struct waitq senders;  /* queuing: blocked on a full queue */
    struct waitq receivers; /* queuing: blocked on an empty queue */
};

struct port_state {
    bool created;          /* CREATE_PORT done since the partition started */
    uint64_t messages;     /* sent (source) or received/read (destination) */
    uint64_t overflows;    /* source: its refused sends; destination: the
                              overflows flagged to it */
    uint64_t max_latency;  /* destination: cycles from send to receive */
    uint64_t total_latency;
};

/* An intra-partition object (cfg_object); what value means per kind is
 * in fen_object_status. */
struct object_state {
    const struct cfg_object *cfg; /* its declaration, set at partition start */
    struct waitq waiters;
    int32_t value;
    uint16_t head;               /* buffer: slot of the oldest message */
    struct thread *owner;        /* mutex */
    struct object_state *next_held; /* mutex: the owner's next one */
};

struct irq_state {
    uint64_t asserted;     /* first assertion since the last acknowledgement */
    uint64_t delivered;    /* cycle the interrupt process was made ready */
    uint64_t assertions;   /* since boot */
    uint64_t deliveries;   /* interrupt process ran for it */
    uint64_t max_latency;  /* assertion -> interrupt process running */
    uint64_t total_latency;
    uint32_t pending;      /* assertions since the last ack, 0: none */
    bool enabled;          /* the owner enabled the line */
    bool in_service;       /* masked by the top half until acknowledged */
    bool reported;         /* the pending assertions were given to the
                              interrupt process (one IRQ_WAIT per ack) */
    struct waitq waiter;   /* the interrupt process, when waiting */
};

struct sched {
    const struct cfg_schedule *schedule;
    uint8_t schedule_id;     /* index in cfg_system.schedules */
    uint8_t next_schedule;   /* takes effect at the next frame boundary */
    uint64_t last_switch;    /* cycle the schedule took effect */
    uint64_t frame_start;    /* cycle the current major frame began */
    uint64_t window_end;     /* cycle the current window (or gap) ends */
    uint32_t frame;          /* major frames begun since start */
    int32_t window;          /* index of the current window, -1 in a gap */
    int32_t active;          /* active partition, -1 in a gap */
    struct thread *current;  /* thread on the CPU, NULL when idle */
    int32_t mpu_part;        /* partition whose set the MPU holds, -1: none */
    const struct thread *mpu_thread; /* thread whose guard it holds */
};

/* Small and often used first: on a board, fields within 4 KB of the start
 * are reached with one instruction (docs/benchmarks.md). */
struct kstate {
    struct sched sched;
    uint32_t module_restarts;
    uint8_t module_action;   /* CFG_HM_STOP/RESTART_MODULE to apply at the
                                end of this kernel entry, 0: none */
    bool halted;             /* the module was stopped */
    bool kernel_console_at_line_start;
    struct channel_state channels[CFG_CHANNEL_POOL];
    struct port_state ports[CFG_PORT_POOL];
    struct object_state objects[CFG_OBJECT_POOL];
    struct irq_state irqs[CFG_IRQ_LINES];
    struct thread threads[CFG_NUM_THREADS];
    struct part parts[CFG_NUM_PARTITIONS];
    uint64_t msg_pool[CFG_MSG_POOL_BYTES / 8]; /* message slots (config.h) */
#if FENESTRA_TRACE
    struct trace_ring trace; /* none in a firmware built without the trace */
#endif
};

extern struct kstate kstate;

#endif
