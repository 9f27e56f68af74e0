/*
 * abi.h - the system-call ABI between partitions and the kernel.  Shared by
 * the kernel and the partition runtime (user/); freestanding, no libc.
 *
 * A call is `svc #0` with the call number in r12 and arguments in r0-r3.
 * The result comes back in r0 (and r1 for 64-bit results).  A negative r0 is
 * a return code from enum fen_rc, negated.  r1-r3 and r12 are clobbered;
 * every other register is preserved.  64-bit arguments occupy r0 (low) and
 * r1 (high).
 */
#ifndef FENESTRA_ABI_H
#define FENESTRA_ABI_H

#include <stdint.h>

#define FEN_SVC_IMM 0

enum fen_syscall {
    FEN_SYS_CONSOLE_WRITE = 0, /* (const char *buf, uint32_t len) -> bytes written */
    FEN_SYS_YIELD = 1,         /* () -> 0; gives way to threads of equal priority */
    FEN_SYS_GET_TIME = 2,      /* () -> uint64 cycles since reset, in r0:r1 */
    FEN_SYS_SLEEP_UNTIL = 3,   /* (uint64 cycle in r0:r1) -> 0 */
    FEN_SYS_SLEEP_FOR = 4,     /* (uint64 cycles in r0:r1) -> 0 */
    FEN_SYS_THREAD_CREATE = 5, /* (const struct fen_thread_attr *) -> thread id */
    FEN_SYS_THREAD_START = 6,  /* (thread id) -> 0 */
    FEN_SYS_THREAD_EXIT = 7,   /* () -> does not return */
    FEN_SYS_THREAD_SET_PRIORITY = 8, /* (thread id, priority) -> 0 */
    FEN_SYS_THREAD_SELF = 9,   /* () -> thread id */
    FEN_SYS_PARTITION_INFO = 10, /* (struct fen_partition_info *) -> 0 */
    /* ARINC 653 processes (docs/scheduling.md).  Process ids are the
     * partition-local thread ids: 0 the initial thread, 1..n the processes
     * the config declares, then fen_thread_create's and the error handler. */
    FEN_SYS_CREATE_PROCESS = 11, /* (const struct fen_process_create *) -> id */
    FEN_SYS_START = 12,          /* (id) -> 0 */
    FEN_SYS_DELAYED_START = 13,  /* (id, -, uint64 delay in r2:r3) -> 0 */
    FEN_SYS_STOP = 14,           /* (id) -> 0; not the caller */
    FEN_SYS_STOP_SELF = 15,      /* () -> does not return */
    FEN_SYS_SUSPEND = 16,        /* (id) -> 0; aperiodic, not the caller */
    FEN_SYS_SUSPEND_SELF = 17,   /* (uint64 timeout) -> 0 resumed, TIMED_OUT */
    FEN_SYS_RESUME = 18,         /* (id) -> 0 */
    FEN_SYS_LOCK_PREEMPTION = 19,   /* () -> new lock level */
    FEN_SYS_UNLOCK_PREEMPTION = 20, /* () -> new lock level */
    FEN_SYS_GET_PROCESS_ID = 21,    /* (const char *name, len) -> id */
    FEN_SYS_GET_PROCESS_STATUS = 22, /* (id, struct fen_process_status *) -> 0 */
    FEN_SYS_TIMED_WAIT = 23,     /* (uint64 delay) -> 0; delay 0 yields */
    FEN_SYS_PERIODIC_WAIT = 24,  /* () -> 0 at the next release point */
    FEN_SYS_REPLENISH = 25,      /* (uint64 budget) -> 0; deadline = now + budget */
    /* partitions, schedules, health monitor */
    FEN_SYS_SET_PARTITION_MODE = 26,   /* (enum fen_mode) -> 0 */
    FEN_SYS_GET_PARTITION_STATUS = 27, /* (struct fen_partition_status *) -> 0 */
    FEN_SYS_SET_SCHEDULE = 28,         /* (schedule id) -> 0; system partitions */
    FEN_SYS_GET_SCHEDULE_ID = 29,      /* (const char *name, len) -> id */
    FEN_SYS_GET_SCHEDULE_STATUS = 30,  /* (struct fen_schedule_status *) -> 0 */
    FEN_SYS_WINDOW_COMPLETE = 31,      /* () -> 0: this window's work is done */
    FEN_SYS_RAISE_ERROR = 32,          /* (const char *msg, len) -> 0:
                                          APPLICATION_ERROR */
    FEN_SYS_REPORT_MESSAGE = 33,       /* (const char *msg, len) -> 0 */
    FEN_SYS_CREATE_ERROR_HANDLER = 34, /* (entry, stack_base, stack_size,
                                          exit_to) -> id */
    FEN_SYS_GET_ERROR_STATUS = 35,     /* (struct fen_error_status *) -> 0,
                                          NO_ACTION when none is pending */
    /* Inter-partition ports (docs/communication.md).  A port id is its
     * index in the configuration's port table.  "id | len << 16" packs a
     * port or object id with a byte count of at most 65535. */
    FEN_SYS_CREATE_PORT = 36,    /* (const struct fen_port_create *) -> id;
                                    init modes only */
    FEN_SYS_GET_PORT_ID = 37,    /* (const char *name, len) -> id */
    FEN_SYS_WRITE_SAMPLING = 38, /* (id | len << 16, const void *msg) -> 0 */
    FEN_SYS_READ_SAMPLING = 39,  /* (id | size << 16, void *buf,
                                    struct fen_sampling_info *) -> length */
    FEN_SYS_SEND_QUEUING = 40,   /* (id | len << 16, const void *msg,
                                    uint64 timeout in r2:r3) -> 0 */
    FEN_SYS_RECEIVE_QUEUING = 41, /* (id | size << 16, void *buf, uint64
                                     timeout in r2:r3) -> length, with
                                     FEN_MSG_OVERFLOWED set when senders were
                                     refused since the last receive */
    FEN_SYS_PORT_STATUS = 42,    /* (id, struct fen_port_status *) -> 0 */
    /* Intra-partition objects: ids are indexes in the partition's object
     * table (its semaphores, events, blackboards, buffers, then mutexes,
     * each kind in declaration order); fen_get_object_id finds them. */
    FEN_SYS_GET_OBJECT_ID = 43,  /* (const char *name, len, enum
                                    cfg_object_kind) -> id */
    FEN_SYS_SEM_WAIT = 44,       /* (id, -, uint64 timeout in r2:r3) -> 0 */
    FEN_SYS_SEM_SIGNAL = 45,     /* (id) -> 0; NO_ACTION at its maximum */
    FEN_SYS_EVENT_SET = 46,      /* (id) -> 0: up, every waiter ready */
    FEN_SYS_EVENT_RESET = 47,    /* (id) -> 0: down */
    FEN_SYS_EVENT_WAIT = 48,     /* (id, -, uint64 timeout in r2:r3) -> 0 */
    FEN_SYS_BLACKBOARD_DISPLAY = 49, /* (id | len << 16, const void *msg) -> 0 */
    FEN_SYS_BLACKBOARD_READ = 50,    /* (id | size << 16, void *buf, uint64
                                        timeout in r2:r3) -> length */
    FEN_SYS_BLACKBOARD_CLEAR = 51,   /* (id) -> 0 */
    FEN_SYS_BUFFER_SEND = 52,    /* (id | len << 16, const void *msg, uint64
                                    timeout in r2:r3) -> 0 */
    FEN_SYS_BUFFER_RECEIVE = 53, /* (id | size << 16, void *buf, uint64
                                    timeout in r2:r3) -> length */
    FEN_SYS_MUTEX_LOCK = 54,     /* (id, -, uint64 timeout in r2:r3) -> 0 */
    FEN_SYS_MUTEX_UNLOCK = 55,   /* (id) -> 0 */
    FEN_SYS_OBJECT_STATUS = 56,  /* (id, struct fen_object_status *) -> 0 */
    /* The lightweight lock's slow path (user/lock.c): the lock word is in
     * the partition's memory and taken with LDREX/STREX. */
    FEN_SYS_LOCK_WAIT = 57,      /* (uint32_t *word, expected, uint64 timeout
                                    in r2:r3) -> 0 woken; NO_ACTION when
                                    *word != expected */
    FEN_SYS_LOCK_WAKE = 58,      /* (uint32_t *word, max) -> threads woken,
                                    highest priority first */
    /* Interrupts (docs/interrupts.md): lines the config gives the caller's
     * partition (with the device that drives them). */
    FEN_SYS_IRQ_ENABLE = 59,     /* (line) -> 0 */
    FEN_SYS_IRQ_DISABLE = 60,    /* (line) -> 0 */
    FEN_SYS_IRQ_WAIT = 61,       /* (line, struct fen_irq_event *, uint64
                                    timeout in r2:r3) -> 0 */
    FEN_SYS_IRQ_ACK = 62,        /* (line) -> 0: handled, unmask */
    FEN_SYS_COUNT
};

/* Return codes, ARINC 653 style.  Returned negated in r0. */
enum fen_rc {
    FEN_NO_ERROR = 0,
    FEN_NO_ACTION = 1,
    FEN_NOT_AVAILABLE = 2,
    FEN_INVALID_PARAM = 3,
    FEN_INVALID_CONFIG = 4,
    FEN_INVALID_MODE = 5,
    FEN_TIMED_OUT = 6,
    FEN_INVALID_CALL = 7, /* unknown system-call number */
};

/* Error codes of the health monitor: ARINC 653's, then the kernel's own. */
enum fen_error {
    FEN_ERR_DEADLINE_MISSED = 0,
    FEN_ERR_APPLICATION_ERROR = 1,
    FEN_ERR_NUMERIC_ERROR = 2,
    FEN_ERR_ILLEGAL_REQUEST = 3,
    FEN_ERR_STACK_OVERFLOW = 4,
    FEN_ERR_MEMORY_VIOLATION = 5,
    FEN_ERR_HARDWARE_FAULT = 6,
    FEN_ERR_POWER_FAIL = 7,
    FEN_ERR_OVERRUN = 8,      /* a window ended with its work pending */
    FEN_ERR_CONFIG_ERROR = 9, /* the configuration failed a check at boot */
    FEN_ERR_COUNT
};

/* The code's name as ARINC 653 spells it ("MEMORY_VIOLATION"). */
static inline const char *fen_error_name(unsigned e)
{
    static const char *const names[FEN_ERR_COUNT] = {
        "DEADLINE_MISSED", "APPLICATION_ERROR", "NUMERIC_ERROR", "ILLEGAL_REQUEST",
        "STACK_OVERFLOW",  "MEMORY_VIOLATION",  "HARDWARE_FAULT", "POWER_FAIL",
        "OVERRUN",         "CONFIG_ERROR",
    };
    return e < FEN_ERR_COUNT ? names[e] : "unknown";
}

#define FEN_PRIORITY_MIN 1
#define FEN_PRIORITY_MAX 255

struct fen_thread_attr {
    uint32_t entry;      /* function address (Thumb bit set) */
    uint32_t arg;        /* passed in r0 */
    uint32_t stack_base; /* lowest address, in the partition's writable
                          * memory, a multiple of its stack_guard: the
                          * guard lies just below */
    uint32_t stack_size; /* bytes, multiple of 8, >= FEN_MIN_STACK */
    uint32_t priority;   /* FEN_PRIORITY_MIN..FEN_PRIORITY_MAX */
    uint32_t exit_to;    /* loaded into lr: where the entry function returns
                          * (the runtime's thread-exit stub) */
};

#define FEN_MIN_STACK 256u

/* A timeout or capacity that never expires. */
#define FEN_INFINITE_TIME UINT64_MAX

/* Partition operating modes, ARINC 653's values. */
enum fen_mode {
    FEN_MODE_IDLE = 0,
    FEN_MODE_COLD_START = 1,
    FEN_MODE_WARM_START = 2,
    FEN_MODE_NORMAL = 3,
};

/* Why the partition (re)started. */
enum fen_start_condition {
    FEN_START_NORMAL = 0,            /* power-on */
    FEN_START_PARTITION_RESTART = 1, /* it set COLD_START or WARM_START itself */
    FEN_START_HM_MODULE_RESTART = 2,
    FEN_START_HM_PARTITION_RESTART = 3,
};

/* Process states, ARINC 653's values. */
enum fen_process_state {
    FEN_PROCESS_DORMANT = 0,
    FEN_PROCESS_READY = 1,
    FEN_PROCESS_RUNNING = 2,
    FEN_PROCESS_WAITING = 3,
};

#define FEN_NAME_MAX 16 /* bytes of a name, NUL included */
#define FEN_MAX_ERROR_MESSAGE 64

/* CREATE_PROCESS: binds a process the config declares (by name) to its
 * entry and stack; period, capacity and priority come from the config. */
struct fen_process_create {
    char name[FEN_NAME_MAX]; /* NUL-terminated */
    uint32_t entry;          /* Thumb bit set */
    uint32_t stack_base;     /* as fen_thread_attr */
    uint32_t stack_size;
    uint32_t exit_to;        /* where the entry function returns */
};

struct fen_process_status {
    uint64_t deadline;       /* absolute cycle, FEN_INFINITE_TIME: none */
    uint64_t release;        /* periodic: the current or next release point */
    uint64_t period;         /* 0: aperiodic */
    uint64_t time_capacity;  /* FEN_INFINITE_TIME: none */
    uint32_t state;          /* enum fen_process_state */
    uint32_t suspended;      /* 1 while suspended */
    uint32_t current_priority;
    uint32_t base_priority;
    uint32_t entry;
    uint32_t stack_size;
    char name[FEN_NAME_MAX];
};

struct fen_partition_status {
    uint64_t period;          /* in the current schedule: its windows repeat */
    uint64_t duration;        /* its window time per period */
    uint32_t id;
    uint32_t mode;            /* enum fen_mode */
    uint32_t start_condition; /* enum fen_start_condition */
    uint32_t restarts;        /* cold and warm starts since power-on */
    uint32_t lock_level;      /* preemption lock */
    uint32_t module_restarts;
};

struct fen_schedule_status {
    uint64_t last_switch;     /* cycle the current schedule took effect */
    uint32_t current;         /* schedule id */
    uint32_t next;            /* takes effect at the next major frame; = current
                                 when no switch is pending */
};

struct fen_error_status {
    uint32_t error;           /* enum fen_error */
    uint32_t process;         /* id of the process in error; 0xff: none */
    uint32_t addr;            /* faults: the address, when known */
    uint32_t pc;              /* faults: the instruction */
    uint32_t length;          /* bytes of message */
    char message[FEN_MAX_ERROR_MESSAGE];
};

/* --- ports and objects ---------------------------------------------- */

#define FEN_MSG_OVERFLOWED (1u << 30) /* in RECEIVE_QUEUING's result */
#define FEN_MSG_LEN(rc) ((rc) & 0xffff)

enum fen_port_kind { FEN_PORT_SAMPLING = 0, FEN_PORT_QUEUING = 1 };
enum fen_port_direction { FEN_PORT_SOURCE = 0, FEN_PORT_DESTINATION = 1 };

/* CREATE_PORT: every attribute must match the config (INVALID_CONFIG). */
struct fen_port_create {
    char name[FEN_NAME_MAX];
    uint32_t kind;          /* enum fen_port_kind */
    uint32_t direction;     /* enum fen_port_direction */
    uint32_t max_message;   /* bytes */
    uint32_t depth;         /* queuing: messages; sampling: ignored */
    uint64_t refresh;       /* sampling: cycles; queuing: ignored */
};

struct fen_sampling_info {
    uint64_t written_at;    /* cycle the message was written */
    uint64_t age;           /* cycles from the write to this read */
    uint32_t valid;         /* 1: age <= the refresh period */
    uint32_t length;
};

struct fen_port_status {
    uint64_t refresh;       /* sampling */
    uint64_t last_write;    /* sampling: cycle of the latest message */
    uint64_t messages;      /* sent (source) or received (destination) */
    uint64_t overflows;     /* refused sends (source: its own; destination:
                               flagged to it) */
    uint64_t max_latency;   /* destination: cycles from send to receive */
    uint32_t kind, direction, max_message, depth;
    uint32_t count;         /* queuing: messages waiting */
    uint32_t waiting;       /* processes blocked on the port */
};

struct fen_object_status {
    uint32_t kind;          /* enum cfg_object_kind */
    int32_t value;          /* semaphore: count; event: 1 up; blackboard: 1
                               a message is shown; buffer: messages held;
                               mutex: lock count */
    int32_t maximum;        /* semaphore: maximum; buffer: depth */
    uint32_t waiting;       /* processes blocked on it */
    uint32_t owner;         /* mutex: owner's id, 0xff: free */
    uint32_t max_message;
};

struct fen_irq_event {
    uint64_t asserted;      /* cycle the line was asserted (the first one
                               since the last acknowledgement) */
    uint64_t delivered;     /* cycle the waiting process was made ready */
    uint32_t count;         /* assertions since the last acknowledgement */
    uint32_t line;
};

struct fen_partition_info {
    uint32_t id;           /* index in the configuration */
    uint32_t clock_hz;     /* board clock: cycles per second */
    uint64_t major_frame;  /* cycles */
    uint32_t max_threads;
    uint32_t num_threads;  /* created so far */
    char name[16];         /* NUL-terminated */
};

#endif
