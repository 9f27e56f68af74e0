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

struct fen_partition_info {
    uint32_t id;           /* index in the configuration */
    uint32_t clock_hz;     /* board clock: cycles per second */
    uint64_t major_frame;  /* cycles */
    uint32_t max_threads;
    uint32_t num_threads;  /* created so far */
    char name[16];         /* NUL-terminated */
};

#endif
