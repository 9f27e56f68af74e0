/*
 * test_svc_scan.c - the calls tools/svcscan reads from partition ELFs,
 * built here from the .S and .c files beside this one (CMakeLists.txt):
 * the runtime's pairs counted, literal pools skipped, and every svc whose
 * number the code does not fix giving every call, with where and why.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "svc_scan.h"

#define TEXT 0x00100000u /* where the cases are linked (-Ttext) */

static struct svc_calls scan(const char *name)
{
    char path[512], err[512] = "";
    snprintf(path, sizeof path, "%s/%s", SVCSCAN_CASES, name);
    struct svc_calls c;
    if (!svc_scan_file(path, &c, err, sizeof err))
        fail_msg("%s", err);
    return c;
}

static uint64_t bits(unsigned a, unsigned b) { return (uint64_t)1 << a | (uint64_t)1 << b; }

/* mov.w and movw before svc #0; the pool after them is not code. */
static void counts_the_runtime_pairs(void **state)
{
    (void)state;
    struct svc_calls c = scan("calls.elf");
    assert_false(c.all);
    assert_int_equal(c.mask, bits(5, 40));
}

/* user/svc.h compiled: exactly the three calls made. */
static void reads_compiled_calls(void **state)
{
    (void)state;
    struct svc_calls c = scan("compiled.elf");
    assert_false(c.all);
    assert_int_equal(c.mask, bits(0, 10) | (uint64_t)1 << 62);
}

/* mov r12, r0; svc: the number is open. */
static void an_svc_after_another_instruction_gives_every_call(void **state)
{
    (void)state;
    struct svc_calls c = scan("bare.elf");
    assert_true(c.all);
    assert_int_equal(c.at, TEXT + 8);
    assert_string_equal(c.section, ".text");
    assert_non_null(strstr(c.why, "not directly after `mov r12, #<number>`"));
}

static void svc_1_gives_every_call(void **state)
{
    (void)state;
    struct svc_calls c = scan("imm.elf");
    assert_true(c.all);
    assert_int_equal(c.at, TEXT + 4);
    assert_non_null(strstr(c.why, "another immediate"));
}

static void a_conditional_mov_gives_every_call(void **state)
{
    (void)state;
    struct svc_calls c = scan("cond.elf");
    assert_true(c.all);
    assert_int_equal(c.at, TEXT + 12);
    assert_non_null(strstr(c.why, "conditional"));
}

/* The svc after a pool starts a range of code: neither the pool nor the
 * mov before the pool is the instruction before it. */
static void data_is_not_the_mov_before_an_svc(void **state)
{
    (void)state;
    struct svc_calls c = scan("pool.elf");
    assert_true(c.all);
    assert_int_equal(c.at, TEXT + 16);
}

/* Without mapping symbols everything is code: calls.S's pool reads as an
 * svc after the nop that aligns it, pool.S's as the pair for call 9. */
static void a_stripped_file_is_read_whole(void **state)
{
    (void)state;
    struct svc_calls c = scan("calls-stripped.elf");
    assert_true(c.all);
    assert_int_equal(c.at, TEXT + 16);
    c = scan("pool-stripped.elf");
    assert_false(c.all);
    assert_int_equal(c.mask, bits(2, 9));
}

static void an_unreadable_file_is_an_error(void **state)
{
    (void)state;
    struct svc_calls c;
    char err[512] = "";
    assert_false(svc_scan_file(SVCSCAN_CASES "/missing.elf", &c, err, sizeof err));
    assert_non_null(strstr(err, "missing.elf: cannot open"));
    assert_false(svc_scan_file(SVCSCAN_SOURCE "/calls.S", &c, err, sizeof err));
    assert_non_null(strstr(err, "calls.S: not an ELF file"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counts_the_runtime_pairs),
        cmocka_unit_test(reads_compiled_calls),
        cmocka_unit_test(an_svc_after_another_instruction_gives_every_call),
        cmocka_unit_test(svc_1_gives_every_call),
        cmocka_unit_test(a_conditional_mov_gives_every_call),
        cmocka_unit_test(data_is_not_the_mov_before_an_svc),
        cmocka_unit_test(a_stripped_file_is_read_whole),
        cmocka_unit_test(an_unreadable_file_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
