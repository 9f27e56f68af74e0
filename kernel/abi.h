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

struct fen_partition_info {
    uint32_t id;           /* index in the configuration */
    uint32_t clock_hz;     /* board clock: cycles per second */
    uint64_t major_frame;  /* cycles */
    uint32_t max_threads;
    uint32_t num_threads;  /* created so far */
    char name[16];         /* NUL-terminated */
};

#endif
