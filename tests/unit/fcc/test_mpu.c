/*
 * test_mpu.c - the PMSAv7 encoders (tools/fcc/mpu.c) on cases worked out
 * by hand; each comment shows the working.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "mpu.h"

#define KiB 1024ull
#define GiB (1024ull * 1024 * 1024)

static void expect_enc(const struct fcc_mpu_enc *e, uint64_t mpu_base,
                       unsigned log2, unsigned srd, uint64_t base,
                       uint64_t size)
{
    if (e->mpu_base != mpu_base || e->log2 != log2 || e->srd != srd ||
        e->base != base || e->size != size)
        fprintf(stderr, "got mpu_base 0x%llx log2 %u srd 0x%02x granted "
                "0x%llx+0x%llx\n", (unsigned long long)e->mpu_base, e->log2,
                e->srd, (unsigned long long)e->base,
                (unsigned long long)e->size);
    assert_true(e->mpu_base == mpu_base);
    assert_int_equal(e->log2, log2);
    assert_int_equal(e->srd, srd);
    assert_true(e->base == base);
    assert_true(e->size == size);
}

/* ------------------------------------------------------------------------
 * At a given base
 * --------------------------------------------------------------------- */

static void at_aligned_power_of_two(void **state)
{
    (void)state;
    struct fcc_mpu_enc e;
    fcc_mpu_encode_at(0x20100000, 64 * KiB, &e);
    expect_enc(&e, 0x20100000, 16, 0x00, 0x20100000, 64 * KiB);
}

/* [0x20001000, 0x20002400): k = 13 (8 KiB at 0x20000000) ends at
 * 0x20002000, too early.  k = 14: 2 KiB subregions 2..4 grant
 * [0x20001000, 0x20002800), 6 KiB, waste 1 KiB.  k = 15: 4 KiB subregions
 * 1..2, 8 KiB.  So k = 14, SRD = ~0b00011100 = 0xE3. */
static void at_unaligned_uses_subregions(void **state)
{
    (void)state;
    struct fcc_mpu_enc e;
    fcc_mpu_encode_at(0x20001000, 0x1400, &e);
    expect_enc(&e, 0x20000000, 14, 0xE3, 0x20001000, 0x1800);
    assert_int_equal(e.first, 2);
    assert_int_equal(e.count, 3);
}

/* [0x20000020, 0x20000120): k = 8 ends at 0x20000100, too early.  k = 9:
 * 64-byte subregions 0..4 grant [0x20000000, 0x20000140), below the
 * declared base.  k = 10: 128-byte subregions 0..2, 384 bytes. */
static void at_grants_below_the_base(void **state)
{
    (void)state;
    struct fcc_mpu_enc e;
    fcc_mpu_encode_at(0x20000020, 0x100, &e);
    expect_enc(&e, 0x20000000, 9, 0xE0, 0x20000000, 0x140);
}

/* 96 bytes at 0x00010000: k = 7 grants 128 (waste 32); k = 8 grants three
 * 32-byte subregions, exactly 96. */
static void at_subregions_beat_a_smaller_region(void **state)
{
    (void)state;
    struct fcc_mpu_enc e;
    fcc_mpu_encode_at(0x00010000, 96, &e);
    expect_enc(&e, 0x00010000, 8, 0xF8, 0x00010000, 96);
}

/* A 16-byte device at 0x40010010: the smallest region, 32 bytes at
 * 0x40010000 (no subregions below 256 bytes). */
static void at_smallest_region(void **state)
{
    (void)state;
    struct fcc_mpu_enc e;
    fcc_mpu_encode_at(0x40010010, 16, &e);
    expect_enc(&e, 0x40010000, 5, 0x00, 0x40010000, 32);
    assert_int_equal(e.count, 8);
}

/* Ranges ending at 4 GiB: the top 256 MiB is a 2^28 region exactly; a
 * range from 256 MiB to 4 GiB needs the 4 GiB region (k = 31 at 0 ends at
 * 2 GiB), all eight 512 MiB subregions. */
static void at_top_of_address_space(void **state)
{
    (void)state;
    struct fcc_mpu_enc e;
    fcc_mpu_encode_at(0xF0000000, 0x10000000, &e);
    expect_enc(&e, 0xF0000000, 28, 0x00, 0xF0000000, 0x10000000);
    fcc_mpu_encode_at(0x10000000, 0xF0000000, &e);
    expect_enc(&e, 0, 32, 0x00, 0, 4 * GiB);
    fcc_mpu_encode_at(0xFFFFFFE0, 32, &e);
    expect_enc(&e, 0xFFFFFFE0, 5, 0x00, 0xFFFFFFE0, 32);
}

/* Equal waste: the smaller region wins.  128 bytes at 0x20000000: k = 7
 * is exact, and so are four 32-byte subregions of k = 8: k = 7. */
static void at_ties_to_smaller_region(void **state)
{
    (void)state;
    struct fcc_mpu_enc e;
    fcc_mpu_encode_at(0x20000000, 128, &e);
    expect_enc(&e, 0x20000000, 7, 0x00, 0x20000000, 128);
}

/* ------------------------------------------------------------------------
 * By size (placed)
 * --------------------------------------------------------------------- */

/* 5 KiB: an 8 KiB region of 1 KiB subregions, five enabled: SRD 0xE0. */
static void size_5k(void **state)
{
    (void)state;
    struct fcc_mpu_enc e;
    fcc_mpu_encode_size(5 * KiB, &e);
    expect_enc(&e, 0, 13, 0xE0, 0, 5 * KiB);
    assert_int_equal(e.count, 5);
}

/* 100 bytes: k = 7 grants 128 (waste 28); k = 8 grants four 32-byte
 * subregions, also 128: the tie goes to k = 7. */
static void size_100_bytes(void **state)
{
    (void)state;
    struct fcc_mpu_enc e;
    fcc_mpu_encode_size(100, &e);
    expect_enc(&e, 0, 7, 0x00, 0, 128);
}

/* 36 KiB: k = 16 has 8 KiB subregions, five grant 40 KiB (waste 4 KiB);
 * k = 17 three of 16 KiB, 48 KiB. */
static void size_36k(void **state)
{
    (void)state;
    struct fcc_mpu_enc e;
    fcc_mpu_encode_size(36 * KiB, &e);
    expect_enc(&e, 0, 16, 0xE0, 0, 40 * KiB);
}

static void size_extremes(void **state)
{
    (void)state;
    struct fcc_mpu_enc e;
    fcc_mpu_encode_size(1, &e);
    expect_enc(&e, 0, 5, 0x00, 0, 32);
    fcc_mpu_encode_size(96, &e);
    expect_enc(&e, 0, 8, 0xF8, 0, 96);
    fcc_mpu_encode_size(4 * GiB, &e);
    expect_enc(&e, 0, 32, 0x00, 0, 4 * GiB);
    /* 3.5 GiB + 1: seven 512 MiB subregions are too few */
    fcc_mpu_encode_size(3 * GiB + GiB / 2 + 1, &e);
    expect_enc(&e, 0, 32, 0x00, 0, 4 * GiB);
}

static void move_keeps_the_shape(void **state)
{
    (void)state;
    struct fcc_mpu_enc e;
    fcc_mpu_encode_size(5 * KiB, &e);
    fcc_mpu_move(&e, 0x20004000);
    expect_enc(&e, 0x20004000, 13, 0xE0, 0x20004000, 5 * KiB);
}

/* [0x20000E00, 0x20000F40): k = 9 at 0x20000E00 reaches 0x20001000;
 * 64-byte subregions 0..4 grant exactly 0x140. */
static void at_subregions_from_the_start(void **state)
{
    (void)state;
    struct fcc_mpu_enc e;
    fcc_mpu_encode_at(0x20000E00, 0x140, &e);
    expect_enc(&e, 0x20000E00, 9, 0xE0, 0x20000E00, 0x140);
}

/* [0x20005200, 0x20005600): k = 10 at 0x20005000 ends at 0x20005400;
 * k = 11 at 0x20005000: 256-byte subregions 2..5 grant exactly 1 KiB. */
static void at_subregions_in_the_middle(void **state)
{
    (void)state;
    struct fcc_mpu_enc e;
    fcc_mpu_encode_at(0x20005200, 0x400, &e);
    expect_enc(&e, 0x20005000, 11, 0xC3, 0x20005200, 0x400);
}

/* [0x20002C00, 0x20003100): k = 10, 11, 12 (at 0x20002C00, 0x20002800,
 * 0x20002000) end at 0x20003000, too early; k = 13 at 0x20002000: 1 KiB
 * subregions 3..4 grant 2 KiB; k = 14 at 0x20000000: 2 KiB subregions
 * 5..6, 4 KiB.  So k = 13. */
static void at_least_waste_wins(void **state)
{
    (void)state;
    struct fcc_mpu_enc e;
    fcc_mpu_encode_at(0x20002C00, 0x500, &e);
    expect_enc(&e, 0x20002000, 13, 0xE7, 0x20002C00, 0x800);
}

static void describe(void **state)
{
    (void)state;
    struct fcc_mpu_enc e;
    char buf[96];
    fcc_mpu_encode_size(36 * KiB, &e);
    fcc_mpu_move(&e, 0x20100000);
    fcc_mpu_describe(&e, true, buf, sizeof(buf));
    assert_string_equal(buf, "a 64KiB region at 0x20100000, subregions 0-4");
    fcc_mpu_describe(&e, false, buf, sizeof(buf));
    assert_string_equal(buf, "a 64KiB region, subregions 0-4");
    fcc_mpu_encode_size(100, &e);
    fcc_mpu_describe(&e, false, buf, sizeof(buf));
    assert_string_equal(buf, "a 128B region");
    fcc_mpu_encode_at(0x200026C0, 0x40, &e);
    fcc_mpu_describe(&e, true, buf, sizeof(buf));
    assert_string_equal(buf, "a 64B region at 0x200026C0");
    fcc_mpu_encode_at(0x20002C00, 0x500, &e);
    fcc_mpu_describe(&e, true, buf, sizeof(buf));
    assert_string_equal(buf, "an 8KiB region at 0x20002000, subregions 3-4");
    /* one subregion: never the least waste (the region of its size is as
     * good and smaller), so built by hand */
    e = (struct fcc_mpu_enc){ 0x20000000, 12, 3, 1, 0xF7, 0x20000600,
                              0x200 };
    fcc_mpu_describe(&e, true, buf, sizeof(buf));
    assert_string_equal(buf, "a 4KiB region at 0x20000000, subregion 3");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(at_aligned_power_of_two),
        cmocka_unit_test(at_unaligned_uses_subregions),
        cmocka_unit_test(at_grants_below_the_base),
        cmocka_unit_test(at_subregions_beat_a_smaller_region),
        cmocka_unit_test(at_smallest_region),
        cmocka_unit_test(at_top_of_address_space),
        cmocka_unit_test(at_ties_to_smaller_region),
        cmocka_unit_test(at_subregions_from_the_start),
        cmocka_unit_test(at_subregions_in_the_middle),
        cmocka_unit_test(at_least_waste_wins),
        cmocka_unit_test(size_5k),
        cmocka_unit_test(size_100_bytes),
        cmocka_unit_test(size_36k),
        cmocka_unit_test(size_extremes),
        cmocka_unit_test(move_keeps_the_shape),
        cmocka_unit_test(describe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
