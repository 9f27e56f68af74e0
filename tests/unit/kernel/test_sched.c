/*
 * test_sched.c - the kernel's scheduler, threads and system calls on the
 * fake port.  System: tests/unit/kernel/test_config.c (a [0,100), b
 * [100,200), gap [200,250) in a 250-cycle frame; thread slots a:0-3, b:4-7).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "abi.h"
#include "fake_arch.h"
#include "kstate.h"
#include "part.h"

/* Both partitions past initialisation, so threads started run at once. */
static int setup(void **state)
{
    (void)state;
    fake_reset();
    kern_init();
    part_set_normal(&kstate.parts[0]);
    part_set_normal(&kstate.parts[1]);
    return 0;
}

static struct thread *running(void)
{
    return kstate.sched.current;
}

static void window_switches_at_exact_boundaries(void **state)
{
    (void)state;
    assert_int_equal(kstate.sched.active, 0);
    assert_ptr_equal(running(), &kstate.threads[0]);
    assert_int_equal(fake_deadline, 100);
    fake_run_to_deadline();
    assert_int_equal(kstate.sched.active, 1);
    assert_ptr_equal(running(), &kstate.threads[4]);
    assert_int_equal(fake_deadline, 200);
    fake_run_to_deadline(); /* the gap: nobody runs */
    assert_int_equal(kstate.sched.active, -1);
    assert_null(running());
    assert_int_equal(fake_deadline, 250);
    fake_run_to_deadline(); /* frame 1 */
    assert_int_equal(kstate.sched.frame, 1);
    assert_ptr_equal(running(), &kstate.threads[0]);
    assert_int_equal(fake_deadline, 350);

    struct trace_event last;
    assert_int_equal(fake_count_events(TR_WINDOW, &last), 3); /* 0, 100, 250: a gap has none */
    assert_int_equal(last.cycle, 250);
    assert_int_equal(last.a1, 250); /* planned start */
}

static void late_entry_catches_up_every_window(void **state)
{
    (void)state;
    /* A port that enters late (here: 3 frames late) must still walk every
     * boundary in order rather than skip windows silently. */
    fake_count_events(TR_WINDOW, NULL);
    fake_now = 760;
    kern_trap_deadline();
    assert_int_equal(kstate.sched.frame, 3);
    assert_int_equal(fake_count_events(TR_WINDOW, NULL), 6);
    assert_int_equal(kstate.sched.active, 0);
}

static void sleep_wakes_at_exact_cycle(void **state)
{
    (void)state;
    fake_now = 10;
    assert_int_equal(fake_syscall(FEN_SYS_SLEEP_UNTIL, 42, 0, 0, 0), 0);
    assert_null(running());        /* idle: the window still belongs to a */
    assert_int_equal(fake_deadline, 42);
    fake_run_to_deadline();
    assert_ptr_equal(running(), &kstate.threads[0]);
    struct trace_event wake;
    assert_int_equal(fake_count_events(TR_WAKE, &wake), 1);
    assert_int_equal(wake.cycle, 42);
    assert_int_equal(fake_deadline, 100);
}

static void sleep_due_in_other_window_waits_for_own(void **state)
{
    (void)state;
    fake_now = 50;
    fake_syscall(FEN_SYS_SLEEP_FOR, 100, 0, 0, 0); /* due at 150, in b's window */
    assert_int_equal(fake_deadline, 100);
    fake_run_to_deadline();                 /* b's window */
    assert_int_equal(fake_deadline, 200);   /* a's timer is not armed here */
    fake_run_to_deadline();                 /* gap */
    fake_run_to_deadline();                 /* a's next window at 250 */
    assert_ptr_equal(running(), &kstate.threads[0]);
    struct trace_event wake;
    assert_int_equal(fake_count_events(TR_WAKE, &wake), 1);
    assert_int_equal(wake.cycle, 250);
}

static void sleep_in_the_past_returns_at_once(void **state)
{
    (void)state;
    fake_now = 60;
    assert_int_equal(fake_syscall(FEN_SYS_SLEEP_UNTIL, 59, 0, 0, 0), 0);
    assert_ptr_equal(running(), &kstate.threads[0]);
    assert_int_equal(fake_syscall(FEN_SYS_SLEEP_UNTIL, 60, 0, 0, 0), 0); /* now */
    assert_ptr_equal(running(), &kstate.threads[0]);
    assert_int_equal(fake_syscall(FEN_SYS_SLEEP_FOR, 0, 0, 0, 0), 0);
    assert_ptr_equal(running(), &kstate.threads[0]);
    assert_int_equal(fake_count_events(TR_SLEEP, NULL), 0);
    assert_int_equal(fake_deadline, 100);
}

/* Writes a thread-attribute block into a's data memory at addr. */
static void put_attr(uint32_t addr, uint32_t prio, uint32_t stack)
{
    struct fen_thread_attr a = {.entry = 0x1101, .arg = 7, .stack_base = stack,
                                .stack_size = 256, .priority = prio, .exit_to = 0x1201};
    memcpy(fake_memory + addr, &a, sizeof a);
}

static void higher_priority_thread_preempts(void **state)
{
    (void)state;
    put_attr(0x8800, 20, 0x8a00);
    int32_t id = fake_syscall(FEN_SYS_THREAD_CREATE, 0x8800, 0, 0, 0);
    assert_int_equal(id, 1);
    assert_ptr_equal(running(), &kstate.threads[0]); /* created dormant */
    assert_int_equal(fake_syscall(FEN_SYS_THREAD_START, 1, 0, 0, 0), 0);
    assert_ptr_equal(running(), &kstate.threads[1]);
    struct arch_context *c = &kstate.threads[1].ctx;
    assert_int_equal(c->pc, 0x1101);
    assert_int_equal(c->r[0], 7);
    assert_int_equal(c->sp, 0x8a00 + 256);
    assert_int_equal(c->lr, 0x1201);
    /* It exits: the lower-priority main thread resumes. */
    fake_syscall(FEN_SYS_THREAD_EXIT, 0, 0, 0, 0);
    assert_ptr_equal(running(), &kstate.threads[0]);
    assert_int_equal(fake_syscall(FEN_SYS_THREAD_START, 1, 0, 0, 0), 0);
    fake_syscall(FEN_SYS_THREAD_SET_PRIORITY, 1, 5, 0, 0);
    assert_ptr_equal(running(), &kstate.threads[0]);
}

static void equal_priorities_are_fifo_and_yield_rotates(void **state)
{
    (void)state;
    put_attr(0x8800, 10, 0x8a00);
    fake_syscall(FEN_SYS_THREAD_CREATE, 0x8800, 0, 0, 0);
    put_attr(0x8800, 10, 0x8c00);
    fake_syscall(FEN_SYS_THREAD_CREATE, 0x8800, 0, 0, 0);
    fake_syscall(FEN_SYS_THREAD_START, 1, 0, 0, 0);
    fake_syscall(FEN_SYS_THREAD_START, 2, 0, 0, 0);
    assert_ptr_equal(running(), &kstate.threads[0]); /* equal: no preemption */
    fake_syscall(FEN_SYS_YIELD, 0, 0, 0, 0);
    assert_ptr_equal(running(), &kstate.threads[1]);
    fake_syscall(FEN_SYS_YIELD, 0, 0, 0, 0);
    assert_ptr_equal(running(), &kstate.threads[2]);
    fake_syscall(FEN_SYS_YIELD, 0, 0, 0, 0);
    assert_ptr_equal(running(), &kstate.threads[0]);
}

static void thread_pool_is_bounded(void **state)
{
    (void)state;
    put_attr(0x8800, 10, 0x8a00);
    for (int i = 1; i < 4; i++)
        assert_int_equal(fake_syscall(FEN_SYS_THREAD_CREATE, 0x8800, 0, 0, 0), i);
    assert_int_equal(fake_syscall(FEN_SYS_THREAD_CREATE, 0x8800, 0, 0, 0),
                     -FEN_NOT_AVAILABLE);
}

static void bad_arguments_are_refused_without_change(void **state)
{
    (void)state;
    /* Attribute block outside a's memory, then in b's memory. */
    assert_int_equal(fake_syscall(FEN_SYS_THREAD_CREATE, 0xf000, 0, 0, 0), -FEN_INVALID_PARAM);
    assert_int_equal(fake_syscall(FEN_SYS_THREAD_CREATE, 0x9000, 0, 0, 0), -FEN_INVALID_PARAM);
    /* Stack in the code region, priority 0, entry in data. */
    put_attr(0x8800, 10, 0x1800);
    assert_int_equal(fake_syscall(FEN_SYS_THREAD_CREATE, 0x8800, 0, 0, 0), -FEN_INVALID_PARAM);
    put_attr(0x8800, 0, 0x8a00);
    assert_int_equal(fake_syscall(FEN_SYS_THREAD_CREATE, 0x8800, 0, 0, 0), -FEN_INVALID_PARAM);
    assert_int_equal(kstate.parts[0].num_threads, 1);
    /* Console buffer crossing the end of the data region, and in code. */
    assert_int_equal(fake_syscall(FEN_SYS_CONSOLE_WRITE, 0x8ff0, 0x20, 0, 0), -FEN_INVALID_PARAM);
    assert_int_equal(fake_syscall(FEN_SYS_CONSOLE_WRITE, 0xfffffff0, 0x20, 0, 0), -FEN_INVALID_PARAM);
    /* Its own device: the kernel never touches registers for a partition. */
    assert_int_equal(fake_syscall(FEN_SYS_CONSOLE_WRITE, 0xc000, 4, 0, 0), -FEN_INVALID_PARAM);
    assert_int_equal(fake_syscall(FEN_SYS_PARTITION_INFO, 0xc000, 0, 0, 0), -FEN_INVALID_PARAM);
    put_attr(0x8800, 10, 0xc000);
    assert_int_equal(fake_syscall(FEN_SYS_THREAD_CREATE, 0x8800, 0, 0, 0), -FEN_INVALID_PARAM);
    /* A length that wraps the address space, from the caller's own data. */
    assert_int_equal(fake_syscall(FEN_SYS_CONSOLE_WRITE, 0x8000, 0xf0000000u, 0, 0),
                     -FEN_INVALID_PARAM);
    assert_int_equal(fake_syscall(FEN_SYS_PARTITION_INFO, 0x1000, 0, 0, 0), -FEN_INVALID_PARAM);
    assert_int_equal(fake_syscall(FEN_SYS_THREAD_START, 3, 0, 0, 0), -FEN_INVALID_PARAM);
    assert_int_equal(fake_syscall(999, 0, 0, 0, 0), -FEN_INVALID_CALL);
    /* Each refused buffer is a MEMORY_VIOLATION report, nothing more. */
    fake_console[fake_console_len] = 0;
    assert_non_null(strstr(fake_console, "partition a: MEMORY_VIOLATION in system call 0: "
                                         "buffer 0x00008ff0 (32 bytes, read) is not its "
                                         "memory; refused\n"));
    assert_non_null(strstr(fake_console, "in system call 0: buffer 0x0000c000 (4 bytes, read)"));
    assert_non_null(strstr(fake_console, "in system call 10: buffer 0x0000c000 (40 bytes, write)"));
    assert_non_null(strstr(fake_console, "in system call 0: buffer 0x00008000 (4026531840 "
                                         "bytes, read)"));
    assert_non_null(strstr(fake_console, "in system call 10: buffer 0x00001000 (40 bytes, "
                                         "write)"));
    assert_null(strstr(fake_console, "partition a: a"));
}

static void console_lines_carry_time_and_name(void **state)
{
    (void)state;
    memcpy(fake_memory + 0x8100, "hello\nwor", 9);
    fake_now = 1500000; /* 1.5 s at 1 MHz */
    assert_int_equal(fake_syscall(FEN_SYS_CONSOLE_WRITE, 0x8100, 9, 0, 0), 9);
    memcpy(fake_memory + 0x8100, "ld\n", 3);
    fake_syscall(FEN_SYS_CONSOLE_WRITE, 0x8100, 3, 0, 0);
    fake_console[fake_console_len] = 0;
    assert_string_equal(fake_console,
                        "[    1.500000] a: hello\n[    1.500000] a: world\n");
}

static void partition_info_is_copied_out(void **state)
{
    (void)state;
    assert_int_equal(fake_syscall(FEN_SYS_PARTITION_INFO, 0x8200, 0, 0, 0), 0);
    struct fen_partition_info info;
    memcpy(&info, fake_memory + 0x8200, sizeof info);
    assert_string_equal(info.name, "a");
    assert_int_equal(info.clock_hz, 1000000);
    assert_int_equal(info.major_frame, 250);
    assert_int_equal(info.max_threads, 4);
}

/* A frame that could not be stacked (MSTKERR) below an SP at the bottom of
 * the stack is the stack overflowing; a data fault in the guard too; the
 * same fault elsewhere is a memory violation. */
static void faults_in_the_guard_are_stack_overflows(void **state)
{
    (void)state;
    fake_now = 10;
    kstate.threads[0].ctx.sp = 0x8000 + 8;
    struct kern_fault f = {.kind = KERN_FAULT_MEMORY, .access = KERN_ACCESS_WRITE,
                           .stacking = true, .pc = 0x1010, .status = 0x10};
    kern_trap_fault(&f);
    struct trace_event ev;
    assert_int_equal(fake_count_events(TR_FAULT, &ev), 1);
    assert_int_equal(ev.flags >> 4, FEN_ERR_STACK_OVERFLOW);
    assert_int_equal(ev.a2, 0x10);
    fake_console[fake_console_len] = 0;
    assert_non_null(strstr(fake_console, "fault in a/0: STACK_OVERFLOW: exception "
                                         "stacking, pc 0x00001010, status 0x00000010\n"));
}

static void data_fault_in_the_guard_is_a_stack_overflow(void **state)
{
    (void)state;
    struct kern_fault f = {.kind = KERN_FAULT_MEMORY, .access = KERN_ACCESS_WRITE,
                           .addr = 0x8000 - 4, .addr_valid = true, .pc = 0x1010};
    kern_trap_fault(&f);
    struct trace_event ev;
    assert_int_equal(fake_count_events(TR_FAULT, &ev), 1);
    assert_int_equal(ev.flags >> 4, FEN_ERR_STACK_OVERFLOW);
    assert_int_equal(ev.a0, 0x8000 - 4);
    assert_int_equal(ev.flags & TRACE_FAULT_ADDR_VALID, TRACE_FAULT_ADDR_VALID);
}

static void data_fault_below_the_guard_is_a_memory_violation(void **state)
{
    (void)state;
    struct kern_fault f = {.kind = KERN_FAULT_MEMORY, .access = KERN_ACCESS_WRITE,
                           .addr = 0x8000 - 33, .addr_valid = true, .pc = 0x1010};
    kern_trap_fault(&f);
    struct trace_event ev;
    assert_int_equal(fake_count_events(TR_FAULT, &ev), 1);
    assert_int_equal(ev.flags >> 4, FEN_ERR_MEMORY_VIOLATION);
}

static void fault_stops_partition_not_schedule(void **state)
{
    (void)state;
    fake_now = 30;
    struct kern_fault f = {.kind = KERN_FAULT_MEMORY, .access = KERN_ACCESS_WRITE,
                          .addr = 0x4, .addr_valid = true, .pc = 0x1010};
    kern_trap_fault(&f);
    assert_null(running());
    assert_int_equal(kstate.parts[0].mode, FEN_MODE_IDLE);
    assert_int_equal(fake_deadline, 100); /* b's window is untouched */
    fake_run_to_deadline();
    assert_ptr_equal(running(), &kstate.threads[4]);
    fake_run_to_deadline();
    fake_run_to_deadline();
    assert_null(running()); /* a's window passes idle */
    assert_int_equal(fake_deadline, 350);
    fake_console[fake_console_len] = 0;
    assert_non_null(strstr(fake_console, "fault in a/0: MEMORY_VIOLATION: write at "
                                         "0x00000004, pc 0x00001010\n"));
    assert_non_null(strstr(fake_console, "hm: a/0: MEMORY_VIOLATION in normal -> idle "
                                         "(default)\n"));
    assert_non_null(strstr(fake_console, "  region data 0x00008000..0x00008fff rw-\n"));
}

static void priority_of_a_sleeping_thread_applies_when_it_wakes(void **state)
{
    (void)state;
    put_attr(0x8800, 20, 0x8a00);
    fake_syscall(FEN_SYS_THREAD_CREATE, 0x8800, 0, 0, 0);
    fake_syscall(FEN_SYS_THREAD_START, 1, 0, 0, 0);
    assert_ptr_equal(running(), &kstate.threads[1]);
    fake_now = 5;
    fake_syscall(FEN_SYS_SLEEP_UNTIL, 40, 0, 0, 0);     /* thread 1 sleeps */
    assert_ptr_equal(running(), &kstate.threads[0]);
    fake_now = 10;
    assert_int_equal(fake_syscall(FEN_SYS_THREAD_SET_PRIORITY, 1, 3, 0, 0), 0);
    assert_int_equal(kstate.threads[1].state, THREAD_WAITING);
    fake_run_to_deadline();                              /* 40: it wakes ... */
    assert_int_equal(fake_now, 40);
    assert_int_equal(kstate.threads[1].state, THREAD_READY);
    assert_ptr_equal(running(), &kstate.threads[0]);     /* ... below main */
}

static void stopping_a_partition_cancels_its_sleepers(void **state)
{
    (void)state;
    put_attr(0x8800, 20, 0x8a00);
    fake_syscall(FEN_SYS_THREAD_CREATE, 0x8800, 0, 0, 0);
    fake_syscall(FEN_SYS_THREAD_START, 1, 0, 0, 0);
    fake_syscall(FEN_SYS_SLEEP_UNTIL, 40, 0, 0, 0);
    assert_int_equal(fake_deadline, 40);
    fake_now = 20;
    struct kern_fault f = {.kind = KERN_FAULT_UNDEFINED, .pc = 0x1010};
    kern_trap_fault(&f);                                 /* main faults */
    assert_int_equal(kstate.threads[1].state, THREAD_DORMANT);
    assert_null(kstate.parts[0].sleeping);
    assert_int_equal(fake_deadline, 100);                /* no wake at 40 */
    fake_count_events(TR_WAKE, NULL);
    fake_run_to_deadline();
    fake_run_to_deadline();
    fake_run_to_deadline();                              /* a's next window */
    assert_null(running());
    assert_int_equal(fake_count_events(TR_WAKE, NULL), 0);
}

static void a_partition_whose_last_thread_exits_idles(void **state)
{
    (void)state;
    fake_now = 7;
    fake_syscall(FEN_SYS_THREAD_EXIT, 0, 0, 0, 0);
    assert_null(running());
    assert_int_equal(kstate.threads[0].state, THREAD_DORMANT);
    assert_int_equal(fake_deadline, 100);
    fake_run_to_deadline();
    assert_ptr_equal(running(), &kstate.threads[4]);     /* b is untouched */
    fake_run_to_deadline();
    fake_run_to_deadline();
    assert_null(running());                              /* a's window, idle */
    assert_int_equal(fake_deadline, 350);
}

static void a_full_event_ring_counts_what_it_drops(void **state)
{
    (void)state;
    struct trace_event ev;
    uint64_t since;
    while (trace_take(&ev))
        ;
    trace_take_lost(&since);
    for (uint32_t i = 0; i < TRACE_RING_SIZE + 44; i++) {
        fake_now = 1000 + i;
        trace_emit(TR_WAKE, 0, 0, 0, i, 0);
    }
    uint32_t taken = 0;
    while (trace_take(&ev)) {
        assert_int_equal(ev.a0, taken); /* the oldest are kept, in order */
        taken++;
    }
    assert_int_equal(taken, TRACE_RING_SIZE);
    assert_int_equal(trace_take_lost(&since), 44);
    assert_int_equal(since, 1000 + TRACE_RING_SIZE); /* the first one dropped */
    assert_int_equal(trace_take_lost(&since), 0);    /* reported once */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(window_switches_at_exact_boundaries, setup),
        cmocka_unit_test_setup(late_entry_catches_up_every_window, setup),
        cmocka_unit_test_setup(sleep_wakes_at_exact_cycle, setup),
        cmocka_unit_test_setup(sleep_due_in_other_window_waits_for_own, setup),
        cmocka_unit_test_setup(sleep_in_the_past_returns_at_once, setup),
        cmocka_unit_test_setup(higher_priority_thread_preempts, setup),
        cmocka_unit_test_setup(equal_priorities_are_fifo_and_yield_rotates, setup),
        cmocka_unit_test_setup(thread_pool_is_bounded, setup),
        cmocka_unit_test_setup(bad_arguments_are_refused_without_change, setup),
        cmocka_unit_test_setup(console_lines_carry_time_and_name, setup),
        cmocka_unit_test_setup(partition_info_is_copied_out, setup),
        cmocka_unit_test_setup(faults_in_the_guard_are_stack_overflows, setup),
        cmocka_unit_test_setup(data_fault_in_the_guard_is_a_stack_overflow, setup),
        cmocka_unit_test_setup(data_fault_below_the_guard_is_a_memory_violation, setup),
        cmocka_unit_test_setup(fault_stops_partition_not_schedule, setup),
        cmocka_unit_test_setup(priority_of_a_sleeping_thread_applies_when_it_wakes, setup),
        cmocka_unit_test_setup(stopping_a_partition_cancels_its_sleepers, setup),
        cmocka_unit_test_setup(a_partition_whose_last_thread_exits_idles, setup),
        cmocka_unit_test_setup(a_full_event_ring_counts_what_it_drops, setup),
    };
    return cmocka_run_group_tests_name("kernel", tests, NULL, NULL);
}
