/*
 * cases.h - shared by the badptr partitions and tests/sim/test_badptr.c:
 * the memory map of app.yaml, the canaries victim writes, and every bad
 * pointer attacker passes to the kernel, in the order it passes them.
 */
#ifndef BADPTR_CASES_H
#define BADPTR_CASES_H

#include <stddef.h>
#include <stdint.h>

#include "abi.h"

/* app.yaml (the test checks these against the generated tables). */
#define ATTACKER_CODE 0x00100000u
#define ATTACKER_DATA 0x20100000u
#define ATTACKER_DATA_END 0x20110000u
#define MAILBOX 0x20110000u /* attacker r, victim rw */
#define MAILBOX_SIZE 0x1000u
#define VICTIM_CODE 0x00110000u
#define VICTIM_DATA 0x20120000u
#define VICTIM_DATA_END 0x20130000u
#define GUARD 32u /* both partitions' stack_guard (the default) */

/* The board (boards/mps2-an385/board.yaml). */
#define KERNEL_CODE 0x00000100u /* kernel_code, reserved */
#define KERNEL_DATA 0x20000100u /* kernel_data, reserved */
#define UART0 0x40004000u       /* the console: the kernel's */
#define UART1 0x40005000u       /* victim's device */
#define SYSTICK 0xE000E010u     /* on the PPB */
#define HOLE 0x30000000u        /* nothing is mapped there */

/* Buffer lengths of the calls that take a structure. */
#define ATTR_LEN ((uint32_t)sizeof(struct fen_thread_attr))
#define INFO_LEN ((uint32_t)sizeof(struct fen_partition_info))

/* The canaries: victim fills CANARY_BYTES at each of these (the first,
 * a middle and the last bytes of its data region) with canary_word(addr),
 * and the mailbox with mailbox_byte(offset), before attacker first runs. */
#define CANARY_BYTES 64u
#define NUM_CANARY_AREAS 3u
static inline uint32_t canary_area(unsigned i)
{
    return i == 0 ? VICTIM_DATA
         : i == 1 ? VICTIM_DATA + 0x8000u - CANARY_BYTES / 2
                  : VICTIM_DATA_END - CANARY_BYTES;
}

static inline uint32_t canary_word(uint32_t addr)
{
    return 0xCA000000u | (addr & 0x00FFFFFFu);
}

/* Printable, so attacker's permitted console_write from the mailbox
 * shows it: "ABCDEFGHIJKLMNOP". */
static inline uint8_t mailbox_byte(uint32_t offset)
{
    return (uint8_t)('A' + offset % 26);
}

/* One refused call.  Main-thread cases give an absolute address; worker
 * cases an offset (two's complement) from the worker's stack base, whose
 * guard is the GUARD bytes below it, inside attacker's data. */
enum { ON_MAIN, ON_WORKER };

struct badptr_case {
    const char *name;
    uint32_t call;   /* enum fen_syscall */
    uint32_t thread; /* ON_MAIN or ON_WORKER */
    uint32_t addr;
    uint32_t len;    /* console_write's length; ATTR_LEN or INFO_LEN */
};

#define MAIN_CASES(call, len, last_len)                                        \
    {"victim_data_first", call, ON_MAIN, VICTIM_DATA, len},                    \
    {"victim_data_middle", call, ON_MAIN, VICTIM_DATA + 0x8000u, len},         \
    {"victim_data_last", call, ON_MAIN, VICTIM_DATA_END - 1u, last_len},       \
    {"victim_code", call, ON_MAIN, VICTIM_CODE, len},                          \
    {"kernel_code", call, ON_MAIN, KERNEL_CODE, len},                          \
    {"kernel_data", call, ON_MAIN, KERNEL_DATA, len},                          \
    {"uart0", call, ON_MAIN, UART0, len},                                      \
    {"uart1_victims", call, ON_MAIN, UART1, len},                              \
    {"systick", call, ON_MAIN, SYSTICK, len},                                  \
    {"hole", call, ON_MAIN, HOLE, len},                                        \
    {"wraps", call, ON_MAIN, 0xFFFFFFF0u, len},                                \
    {"own_data_end", call, ON_MAIN, ATTACKER_DATA_END - 8u, len},              \
    {"own_stack_guard", call, ON_MAIN, ATTACKER_DATA - GUARD / 2, len}

/* Every refused call, in attacker's order. */
static inline const struct badptr_case *badptr_cases(size_t *n)
{
    static const struct badptr_case cases[] = {
        MAIN_CASES(FEN_SYS_CONSOLE_WRITE, 32u, 1u),
        MAIN_CASES(FEN_SYS_THREAD_CREATE, ATTR_LEN, ATTR_LEN),
        MAIN_CASES(FEN_SYS_PARTITION_INFO, INFO_LEN, INFO_LEN),
        {"own_code", FEN_SYS_PARTITION_INFO, ON_MAIN, ATTACKER_CODE, INFO_LEN},
        {"mailbox_read_only", FEN_SYS_PARTITION_INFO, ON_MAIN, MAILBOX, INFO_LEN},
        /* the worker: its guard straddled, and its guard alone */
        {"worker_guard_edge", FEN_SYS_CONSOLE_WRITE, ON_WORKER, -16u, 32u},
        {"worker_guard", FEN_SYS_CONSOLE_WRITE, ON_WORKER, -GUARD, GUARD},
        {"worker_guard_edge", FEN_SYS_THREAD_CREATE, ON_WORKER, -8u, ATTR_LEN},
        {"worker_guard", FEN_SYS_THREAD_CREATE, ON_WORKER, -GUARD, ATTR_LEN},
        {"worker_guard_edge", FEN_SYS_PARTITION_INFO, ON_WORKER, -8u, INFO_LEN},
        {"worker_guard", FEN_SYS_PARTITION_INFO, ON_WORKER, -GUARD, INFO_LEN},
    };
    *n = sizeof cases / sizeof cases[0];
    return cases;
}

#endif
