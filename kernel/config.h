/*
 * config.h - the types of the tables the config compiler (tools/fcc)
 * generates for one app.  The kernel reads only these; nothing is parsed at
 * run time.  Pool sizes come from the generated cfg_gen.h as CFG_* macros.
 *
 * Times are in cycles of the board clock; addresses are 32-bit guest
 * addresses.  Tables are const and live outside the kernel arena.
 */
#ifndef FENESTRA_CONFIG_H
#define FENESTRA_CONFIG_H

#include <stdint.h>

enum cfg_region_kind {
    CFG_REGION_CODE = 0,   /* .text, .rodata, the load image of .data */
    CFG_REGION_DATA = 1,   /* initial stack, .data, .bss, heap */
    CFG_REGION_DEVICE = 2, /* a board device's MMIO block the partition owns */
    CFG_REGION_SHARED = 3, /* shared memory, with this partition's rights */
};

/* Unprivileged rights.  Execute implies read (PMSAv7 fetches need it). */
enum cfg_access {
    CFG_ACCESS_R = 1u << 0,
    CFG_ACCESS_W = 1u << 1,
    CFG_ACCESS_X = 1u << 2,
};

/*
 * One MPU region of a partition.  [base, base + size) is exactly what the
 * region grants: the enabled subregions of the PMSAv7 region of 2^size_log2
 * bytes at mpu_base (aligned to its size), which are contiguous.  The
 * config compiler has checked every PMSAv7 rule; the kernel only encodes
 * these fields into RBAR/RASR at boot.
 */
struct cfg_region {
    const char *name;      /* region, shared-region or device name */
    uint32_t base;         /* first byte granted */
    uint32_t size;         /* bytes granted (a multiple of 32) */
    uint32_t mpu_base;     /* the PMSAv7 region's base */
    uint8_t mpu_size_log2; /* 5..32 */
    uint8_t mpu_srd;       /* subregion disable bits: bit i disables the
                              i-th eighth (only when mpu_size_log2 >= 8) */
    uint8_t kind;          /* enum cfg_region_kind */
    uint8_t access;        /* enum cfg_access bits, unprivileged */
};

/* Health-monitor actions (docs/health-monitor.md). */
enum cfg_hm_action {
    CFG_HM_IGNORE = 0,          /* event only */
    CFG_HM_LOG = 1,             /* event and console line */
    CFG_HM_STOP_PROCESS = 2,    /* the erring process goes dormant */
    CFG_HM_RESTART_PROCESS = 3, /* ... and is started again from its entry */
    CFG_HM_WARM_START = 4,      /* the partition restarts, data kept */
    CFG_HM_COLD_START = 5,      /* the partition restarts, data re-initialised */
    CFG_HM_IDLE = 6,            /* the partition stops: idle in its windows */
    CFG_HM_STOP_MODULE = 7,     /* every partition stops, the kernel halts */
    CFG_HM_RESTART_MODULE = 8,  /* every partition cold starts */
    CFG_HM_ACTION_COUNT
};

/* The state an error arises in, as a rule matches it. */
enum cfg_hm_state {
    CFG_HM_ANY = 0,     /* a rule for every state */
    CFG_HM_INIT = 1,    /* partition in COLD_START or WARM_START */
    CFG_HM_NORMAL = 2,  /* partition in NORMAL, an ordinary process */
    CFG_HM_HANDLER = 3, /* in the partition's error handler */
};

/* The names app.yaml uses ("restart_process", "error_handler"). */
static inline const char *cfg_hm_action_name(unsigned a)
{
    static const char *const names[CFG_HM_ACTION_COUNT] = {
        "ignore",     "log",  "stop_process", "restart_process", "warm_start",
        "cold_start", "idle", "stop_module",  "restart_module",
    };
    return a < CFG_HM_ACTION_COUNT ? names[a] : "?";
}

static inline const char *cfg_hm_state_name(unsigned s)
{
    static const char *const names[] = {"any", "init", "normal", "error_handler"};
    return s < sizeof names / sizeof names[0] ? names[s] : "?";
}

/* (error, state) -> action; the first matching rule of a table wins. */
struct cfg_hm_rule {
    uint8_t error;  /* enum fen_error (kernel/abi.h) */
    uint8_t state;  /* enum cfg_hm_state */
    uint8_t action; /* enum cfg_hm_action */
};

struct cfg_hm_table {
    uint8_t num_rules;
    const struct cfg_hm_rule *rules; /* NULL when num_rules is 0 */
};

/* A process declared in the config; the partition creates it at run time
 * by name (fen_create_process), giving its entry and stack. */
struct cfg_process {
    const char *name;       /* 1..15 characters, unique in the partition */
    uint64_t period;        /* cycles; 0: aperiodic */
    uint64_t time_capacity; /* cycles; 0: infinite (no deadline) */
    uint8_t priority;       /* base priority, 1..255 */
    struct cfg_hm_table hm; /* process-level table */
};

/* --- communication (docs/communication.md) ---------------------------- */

/* Every message slot the kernel stores (queues, sampling ports,
 * blackboards, buffers) is a header of CFG_MSG_HEADER bytes (send cycle,
 * length, flags) followed by max_message bytes rounded up to 8.  fcc lays
 * the slots out in one pool, kstate.msg_pool, of CFG_MSG_POOL_BYTES. */
#define CFG_MSG_HEADER 16u
#define CFG_MSG_SLOT(max_message) (CFG_MSG_HEADER + (((max_message) + 7u) & ~7u))
#define CFG_MAX_MESSAGE 8192u /* bytes of one message, at most */

enum cfg_port_kind { CFG_PORT_SAMPLING = 0, CFG_PORT_QUEUING = 1 };
enum cfg_port_direction { CFG_PORT_SOURCE = 0, CFG_PORT_DESTINATION = 1 };
/* Order in which waiting processes are served. */
enum cfg_discipline { CFG_DISCIPLINE_FIFO = 0, CFG_DISCIPLINE_PRIORITY = 1 };

/* A channel: one source port, one (queuing) or more (sampling)
 * destination ports, and the kernel's store of its messages. */
struct cfg_channel {
    const char *name;
    uint8_t kind;              /* enum cfg_port_kind */
    uint8_t discipline;        /* queuing: order of waiting senders and of
                                  waiting receivers */
    uint16_t depth;            /* queuing: messages it holds; sampling: 1 */
    uint32_t max_message;      /* bytes, 1..CFG_MAX_MESSAGE */
    uint64_t refresh;          /* sampling: a message is valid for this many
                                  cycles after it was written */
    uint32_t store;            /* offset of its first slot in kstate.msg_pool
                                  (a multiple of 8); depth slots follow */
    uint16_t source;           /* index in cfg_system.ports */
    uint8_t num_destinations;  /* queuing: 1; sampling: 1..8 */
    const uint16_t *destinations; /* indexes in cfg_system.ports */
};

/* A port as one partition sees it. */
struct cfg_port {
    const char *name;          /* unique within its partition */
    uint8_t partition;
    uint8_t direction;         /* enum cfg_port_direction */
    uint16_t channel;          /* index in cfg_system.channels */
};

/* Intra-partition objects, declared per partition. */
enum cfg_object_kind {
    CFG_OBJ_SEMAPHORE = 0,
    CFG_OBJ_EVENT = 1,
    CFG_OBJ_BLACKBOARD = 2,
    CFG_OBJ_BUFFER = 3,
    CFG_OBJ_MUTEX = 4,
    CFG_OBJ_KIND_COUNT
};
enum cfg_mutex_protocol { CFG_MUTEX_INHERIT = 0, CFG_MUTEX_CEILING = 1 };

struct cfg_object {
    const char *name;      /* 1..15 characters, unique in the partition */
    uint8_t kind;          /* enum cfg_object_kind */
    uint8_t discipline;    /* semaphores, buffers: enum cfg_discipline;
                              mutexes always serve by priority */
    uint8_t protocol;      /* mutexes: enum cfg_mutex_protocol */
    uint8_t ceiling;       /* mutexes with the ceiling protocol: 1..255 */
    uint16_t depth;        /* buffers: messages it holds */
    uint32_t max_message;  /* blackboards, buffers: bytes */
    int32_t initial;       /* semaphores: initial count, 0..maximum */
    int32_t maximum;       /* semaphores: 1.. */
    uint32_t store;        /* blackboards (1 slot), buffers (depth slots):
                              offset in kstate.msg_pool */
    uint16_t index;        /* slot in kstate.objects */
};

struct cfg_partition {
    const char *name;
    uint32_t entry;        /* address of crt0's _start, with the Thumb bit */
    uint32_t stack_base;   /* lowest address of the initial thread's stack */
    uint32_t stack_size;   /* bytes */
    uint32_t stack_guard;  /* bytes below every thread stack no access is
                              granted to: a power of two >= 32 */
    uint8_t priority;      /* initial thread priority, higher runs first */
    uint8_t max_threads;   /* slots this partition owns in the thread pool:
                              slot 0 the initial thread, 1..num_processes the
                              declared processes, the rest for
                              fen_thread_create and the error handler */
    uint16_t first_thread; /* index of its first slot in the thread pool */
    uint8_t num_regions;   /* <= cfg_board.mpu_regions - CFG_MPU_KERNEL_REGIONS */
    const struct cfg_region *regions; /* code first, then data, then the
                                         rest in declaration order */
    uint8_t system;        /* may switch the module's schedule */
    uint8_t num_processes;
    const struct cfg_process *processes; /* NULL when none */
    struct cfg_hm_table hm; /* partition-level table */
    uint8_t num_objects;
    const struct cfg_object *objects; /* intra-partition objects: its
                                         semaphores, events, blackboards,
                                         buffers, then mutexes, each kind in
                                         declaration order; NULL when none */
};

struct cfg_window {
    uint8_t partition;     /* index into cfg_system.partitions */
    uint8_t must_complete; /* the partition must declare its work complete
                              (fen_window_complete) before the window
                              ends, else OVERRUN */
    uint64_t offset;       /* cycles from the start of the major frame */
    uint64_t duration;     /* cycles, > 0 */
};

/* Where a partition's time lies in one schedule. */
struct cfg_sched_part {
    uint64_t period;       /* cycles after which its windows repeat (divides
                              the major frame); 0: idle in this schedule */
    uint64_t first_offset; /* offset of its first window in the frame: its
                              periods begin there */
    uint64_t duration;     /* its window time per period */
};

struct cfg_schedule {
    const char *name;
    uint64_t major_frame; /* cycles */
    uint16_t num_windows;
    const struct cfg_window *windows; /* sorted by offset, non-overlapping */
    const struct cfg_sched_part *parts; /* [cfg_system.num_partitions] */
};

enum cfg_mem_kind { CFG_MEM_RAM = 0, CFG_MEM_ROM = 1 };

struct cfg_mem {
    const char *name;
    uint32_t base;
    uint32_t size;
    uint8_t kind; /* enum cfg_mem_kind */
};

/* One interrupt line of a device: "rx" -> NVIC line 0. */
struct cfg_irq_line {
    const char *name;
    uint8_t line;     /* NVIC external interrupt number */
};

struct cfg_device {
    const char *name;
    const char *type; /* "cmsdk-uart", "cmsdk-timer", "fpgaio", "stimulus",
                         "systick" */
    uint32_t base;
    uint32_t size;
    uint8_t num_irqs;
    const struct cfg_irq_line *irqs; /* NULL when the device has no line */
};

struct cfg_board {
    const char *name;
    const char *cpu;              /* "cortex-m3" */
    uint32_t clock_hz;
    uint32_t kernel_entry_cycles; /* simulator: cost charged per kernel entry */
    uint8_t num_mem;
    const struct cfg_mem *mem;
    uint8_t num_reserved;         /* kernel-only memory, never given to partitions */
    const struct cfg_mem *reserved;
    uint8_t num_devices;
    const struct cfg_device *devices;
    uint32_t console_base;        /* base address of the console UART */
    uint8_t mpu_regions;          /* regions the MPU has: 8 (M3/M4) or 16 (M7) */
    uint16_t irq_lines;           /* NVIC external lines (32 on the AN385) */
};

/* MPU regions the kernel keeps for itself in every set: the highest-
 * numbered one (which wins over all others) holds the running thread's
 * stack guard.  Partitions get the rest. */
#define CFG_MPU_KERNEL_REGIONS 1

struct cfg_system {
    const char *app_name;
    const struct cfg_board *board;
    uint8_t num_partitions;
    const struct cfg_partition *partitions;
    const struct cfg_schedule *schedule; /* the initial schedule, an
                                            element of schedules[] */
    uint8_t num_schedules;
    const struct cfg_schedule *schedules;
    struct cfg_hm_table hm;               /* module-level table */
    uint16_t num_ports;
    const struct cfg_port *ports;         /* NULL when none */
    uint16_t num_channels;
    const struct cfg_channel *channels;   /* NULL when none */
    const uint8_t *irq_owner;             /* [board->irq_lines]: owning
                                             partition, CFG_IRQ_NO_OWNER */
};

#define CFG_IRQ_NO_OWNER 0xffu

/* The app's tables, generated by fcc into cfg_gen.c. */
extern const struct cfg_system cfg_system;

#endif
