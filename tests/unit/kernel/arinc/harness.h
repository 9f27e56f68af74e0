/*
 * harness.h - what test_arinc.c and test_hm.c share: names for the threads
 * of arinc/test_config.c's system, system calls made as a named thread
 * (asserting it is the one running), the clock moved as a port moves it,
 * and every kernel event kept in a log the tests query.
 */
#ifndef ARINC_HARNESS_H
#define ARINC_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "abi.h"
#include "fake_arch.h"
#include "hm.h"
#include "kstate.h"
#include "process.h"

/* A thread: partition << 4 | its local id (the process id the partition
 * sees).  NO_THREAD: an error raised for a partition alone. */
#define WHO(part, id) ((part) << 4 | (id))
#define PART_OF(who) ((who) >> 4)
#define ID_OF(who) ((who) & 15)
#define NO_THREAD 15

enum { CTL = 0, PAY = 1 };
enum {
    A0 = WHO(CTL, 0),     /* ctl's initial thread */
    A_PER = WHO(CTL, 1),
    A_APER = WHO(CTL, 2),
    A_HMP = WHO(CTL, 3),
    A_NONE = WHO(CTL, NO_THREAD),
    B0 = WHO(PAY, 0),
    B_WRK = WHO(PAY, 1),
    B_PEER = WHO(PAY, 2),
    B_HANDLER = WHO(PAY, 3),
    B_NONE = WHO(PAY, NO_THREAD),
    MODULE = 0xff,        /* no partition */
};

#define STACK_SIZE 256u

/* Guest addresses: entries in the code region, stacks and argument
 * blocks in the data region. */
uint32_t code_base(int part);
uint32_t data_base(int part);
uint32_t scratch(int part);          /* where the helpers write arguments */
uint32_t entry_of(int who);          /* the initial thread: the config's */
uint32_t stack_of(int who);          /* lowest address */
uint32_t exit_stub(int part);

struct thread *th(int who);
struct part *part_of_who(int who);

/* kern_init on a clean fake port and an empty event log. */
void arinc_boot(void);

/* The partition's initial thread or the process is on the CPU. */
void expect_running(int who);
void expect_idle(void);

/* System call n made by `who`, which must be running; events drained. */
int32_t sys(int who, uint32_t n, uint32_t a0, uint32_t a1);
int32_t sys4(int who, uint32_t n, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);
/* Calls whose 64-bit argument is in r0:r1 (TIMED_WAIT, SUSPEND_SELF,
 * REPLENISH) or r2:r3 after an id (DELAYED_START). */
int32_t sys64(int who, uint32_t n, uint64_t v);
int32_t delayed_start(int who, int target, uint64_t delay);

/* CREATE_PROCESS by the partition's initial thread for `target`, at
 * entry_of/stack_of; create_with: `caller` passes the block given. */
int32_t create(int target);
int32_t create_with(int caller, const struct fen_process_create *a);
int32_t create_handler(int part);
void start(int caller, int target);
void set_normal(int part);

/* GET_*_STATUS made by `who`, read back from its scratch memory. */
struct fen_process_status process_status(int who, int target);
struct fen_partition_status partition_status(int who);
struct fen_schedule_status schedule_status(int who);
struct fen_error_status error_status(int who, int32_t *rc);

/* A fault of the running thread `who`: MEMORY_VIOLATION (outside its
 * memory), STACK_OVERFLOW (in its guard), ILLEGAL_REQUEST or
 * HARDWARE_FAULT. */
void fault(int who, uint8_t error);

/* An error the kernel detects outside a system call (`who` MODULE: no
 * partition; NO_THREAD: no process), at the current cycle, followed by the
 * end of that kernel entry. */
void raise_direct(int who, uint8_t error);

/* Time: step() enters the kernel at its armed deadline (at once if that
 * has passed, as a port does); run_to() steps through every deadline up to
 * and including `cycle`, then leaves the clock at it. */
void step(void);
void run_to(uint64_t cycle);

/* The event log: every event since boot or ev_clear().  Filters: flags
 * ANY or the value; who ANY, MODULE (no partition), WHO(p, NO_THREAD) (the
 * partition, no thread) or a thread. */
#define ANY (-1)
void ev_drain(void);
void ev_clear(void);
int ev_count(uint8_t type, int flags, int who);
const struct trace_event *ev_nth(uint8_t type, int flags, int who, int nth);
/* The latest such event, which must exist. */
const struct trace_event *ev_last(uint8_t type, int flags, int who);
/* Exactly one such event, which is returned. */
const struct trace_event *ev_one(uint8_t type, int flags, int who);
/* Exactly one such event, at `cycle`, with a0 and a1 (ANY: not checked). */
void expect_event(uint8_t type, int flags, int who, uint64_t cycle, int64_t a0, int64_t a1);

bool console_has(const char *s);

/* Partition `part` began again at its entry in `mode` (COLD_START or
 * WARM_START): its initial thread ready with r0 = mode, every process slot
 * free, the mode event emitted now; when its window is on, the initial
 * thread runs and GET_PARTITION_STATUS says so too. */
void check_restarted(int part, uint8_t mode, uint8_t condition, uint32_t restarts);

/* Partition `part` is IDLE, none of its threads can run, and its windows
 * stay: at its next one nothing runs. */
void check_idle(int part);

/* Brings partition `part` (running at cycle `at`) up: its initial thread
 * creates the processes in `created` and starts those in `started` (bits
 * 1 << local id), then sets NORMAL if `normal`. */
#define BIT(who) (1u << ID_OF(who))
void bring_up(int part, uint64_t at, unsigned created, unsigned started, bool normal);

/* A call that must be refused with rc, changing nothing. */
struct misuse {
    const char *what;
    uint32_t n, a0, a1, a2, a3;
    int32_t rc;
};
#define REFUSE(what, n, a0, a1, a2, a3, rc) {what, FEN_SYS_##n, a0, a1, a2, a3, -FEN_##rc}
#define COUNT(a) (sizeof a / sizeof a[0])

/* Each call made by `who` is refused with its code and leaves the kernel
 * as it was, but for the caller's registers, the event ring and the
 * kernel's console. */
void expect_refusals(int who, const struct misuse *m, size_t count);

/* expect_refusals, and besides: guest memory and the NVIC mask stay as they
 * were, and each call leaves no event but its TR_SYSCALL and, when `fault`,
 * one TR_FAULT of the caller with TRACE_FAULT_SYSCALL naming the call (a
 * buffer that is not the caller's memory). */
void expect_refusals_untouched(int who, const struct misuse *m, size_t count, bool fault);

/* Every TR_WINDOW in the log began at its planned cycle and no event was
 * lost: the teardown of every test. */
int arinc_teardown(void **state);
int arinc_setup(void **state);

/* The test list: every test boots the system first and checks the
 * windows last; a table of cases gives one test per case, named after it,
 * the case its initial state. */
#define TEST(f) \
    ((struct CMUnitTest)cmocka_unit_test_setup_teardown(f, arinc_setup, arinc_teardown))
#define ADD_CASES(f, cases)                                                          \
    for (size_t i_ = 0; i_ < COUNT(cases); i_++)                                     \
        add_test((struct CMUnitTest){cases[i_].name, f, arinc_setup, arinc_teardown, \
                                     &cases[i_]})
void add_test(struct CMUnitTest t);
int run_arinc_tests(const char *group);

#endif
