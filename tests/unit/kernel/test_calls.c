/*
 * test_calls.c - a kernel built with only some system calls (CFG_SYSCALLS,
 * the mask tools/svcscan writes into calls_gen.h; here CONSOLE_WRITE and
 * PARTITION_INFO, set in CMakeLists.txt) answers every other number as an
 * unknown one: INVALID_CALL in r0, r1 untouched, nothing changed but the
 * syscall event, which carries the number and -INVALID_CALL.  The calls it
 * holds work.  On trim/test_config.c's system.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "abi.h"
#include "fake_arch.h"
#include "kstate.h"

#define DATA 0x8000u /* partition a's data region */
#define KEPT ((1ull << FEN_SYS_CONSOLE_WRITE) | (1ull << FEN_SYS_PARTITION_INFO))

static struct arch_context *boot(void)
{
    fake_reset();
    kern_init();
    memcpy(fake_memory + DATA + 0x100, "only", 4);
    fake_count_events(TR_SYSCALL, NULL); /* drop the boot's events */
    return kern_current();
}

/* The answer to call n: r0, r1 and the one event it leaves. */
static void assert_refused(uint32_t n)
{
    struct arch_context *ctx = boot();
    assert_non_null(ctx);
    /* r1 is the caller's second argument, which a refusal leaves. */
    int32_t rc = fake_syscall(n, DATA + 0x100, 0x5a5a5a5au, 50, 0);
    struct trace_event ev;
    assert_int_equal(rc, -FEN_INVALID_CALL);
    assert_int_equal(ctx->r[1], 0x5a5a5a5au);
    assert_int_equal(fake_count_events(TR_SYSCALL, &ev), 1);
    assert_int_equal(ev.a0, n);
    assert_int_equal((int32_t)ev.a1, -FEN_INVALID_CALL);
    assert_int_equal(fake_console_len, 0);
    assert_ptr_equal(kern_current(), ctx);
}

static void calls_left_out_answer_as_unknown_numbers(void **state)
{
    (void)state;
    assert_true(CFG_SYSCALLS == KEPT);
    for (uint32_t n = 0; n < FEN_SYS_COUNT; n++)
        if (!(KEPT >> n & 1))
            assert_refused(n);
    assert_refused(FEN_SYS_COUNT); /* the unknown number they answer as */
}

static void calls_kept_work(void **state)
{
    (void)state;
    boot();
    assert_int_equal(fake_syscall(FEN_SYS_CONSOLE_WRITE, DATA + 0x100, 4, 0, 0), 4);
    assert_memory_equal(fake_console + fake_console_len - 4, "only", 4);
    assert_int_equal(fake_syscall(FEN_SYS_PARTITION_INFO, DATA + 0x200, 0, 0, 0), 0);
    struct fen_partition_info info;
    memcpy(&info, fake_memory + DATA + 0x200, sizeof info);
    assert_string_equal(info.name, "a");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(calls_left_out_answer_as_unknown_numbers),
        cmocka_unit_test(calls_kept_work),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
