/*
 * test_mpu_ref.c - the reference PMSAv7 verdicts (mpu_ref.c) on hand-worked
 * cases, then compared with the simulator's MPU model (sim/mpu.c,
 * sim_mpu_check) on random register sets from a fixed seed.  The model is
 * programmed through its register interface, as the driver does, and the
 * reference gets the registers as the model reads them back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mpu.h"
#include "mpu_ref.h"

#define A 0 /* REF_ALLOW */
#define M 1 /* REF_MEMMANAGE */
#define B 2 /* REF_BUSFAULT */
#define R REF_READ
#define W REF_WRITE
#define X REF_EXEC

/* A RASR word: enabled, 2^size_log2 bytes, written out field by field. */
static uint32_t rasr_of(unsigned size_log2, unsigned srd, unsigned ap, unsigned xn)
{
    return 1u | (size_log2 - 1) << 1 | srd << 8 | ap << 24 | xn << 28 | 0x000b0000u;
}

struct regs {
    uint32_t rbar[16], rasr[16], ctrl;
};

static void expect(const struct regs *r, uint32_t addr, int access, bool priv, int want)
{
    enum ref_verdict got = ref_check(r->rbar, r->rasr, 8, r->ctrl, addr, access, priv);
    if ((int)got != want)
        fail_msg("0x%08x access %d %s: %s, expected %s", addr, access,
                 priv ? "privileged" : "unprivileged", ref_verdict_name(got),
                 ref_verdict_name((enum ref_verdict)want));
}

static void mpu_off_is_the_default_map(void **state)
{
    (void)state;
    struct regs r = {.ctrl = 0};
    r.rasr[0] = rasr_of(32, 0, 0, 1); /* ignored while the MPU is off */
    expect(&r, 0x20000000, W, false, A);
    expect(&r, 0x00000000, X, false, A);
    expect(&r, 0x3fffffff, X, false, A);
    expect(&r, 0x40000000, X, false, M);  /* Peripheral: execute-never */
    expect(&r, 0x40000000, W, false, A);
    expect(&r, 0x5fffffff, X, true, M);
    expect(&r, 0x60000000, X, false, A);  /* external RAM executes */
    expect(&r, 0x9fffffff, X, false, A);
    expect(&r, 0xa0000000, X, true, M);   /* external device */
    expect(&r, 0xdfffffff, X, false, M);
    expect(&r, 0xdfffffff, R, false, A);
    expect(&r, 0xe000ed90, R, false, B);  /* PPB: privileged only */
    expect(&r, 0xe000ed90, W, false, B);
    expect(&r, 0xe000ed90, R, true, A);
    expect(&r, 0xe0000000, X, true, M);
    expect(&r, 0xe00fffff, W, false, B);
    expect(&r, 0xe0100000, W, false, A);  /* vendor system space: not the PPB */
    expect(&r, 0xe0100000, X, true, M);
    expect(&r, 0xffffffff, X, true, M);
}

static void mpu_on_without_a_region(void **state)
{
    (void)state;
    struct regs r = {.ctrl = 1};
    r.rbar[2] = 0x20000000;
    r.rasr[2] = rasr_of(12, 0, 3, 1) & ~1u; /* not enabled */
    expect(&r, 0x20000000, R, false, M);
    expect(&r, 0x20000000, R, true, M);   /* PRIVDEFENA clear */
    r.ctrl = 5;
    expect(&r, 0x20000000, R, false, M);
    expect(&r, 0x20000000, W, true, A);   /* the background region */
    expect(&r, 0x20000000, X, true, A);
    expect(&r, 0x40004000, X, true, M);
    expect(&r, 0xe000ed90, R, false, B);  /* the PPB is never the MPU's */
    expect(&r, 0xe000ed90, W, true, A);
    r.ctrl = 4; /* PRIVDEFENA alone: the MPU is still off */
    expect(&r, 0x20000000, R, false, A);
}

/* Every AP value, both privilege levels. */
static void access_permissions(void **state)
{
    (void)state;
    static const int want[8][2][2] = {
        /* {priv R, W}, {unpriv R, W} */
        {{M, M}, {M, M}}, {{A, A}, {M, M}}, {{A, A}, {A, M}}, {{A, A}, {A, A}},
        {{M, M}, {M, M}}, {{A, M}, {M, M}}, {{A, M}, {A, M}}, {{A, M}, {A, M}},
    };
    for (unsigned ap = 0; ap < 8; ap++) {
        struct regs r = {.ctrl = 5};
        r.rbar[0] = 0x20000000;
        r.rasr[0] = rasr_of(12, 0, ap, 0);
        for (int priv = 0; priv < 2; priv++) {
            int wr = want[ap][!priv][0], ww = want[ap][!priv][1];
            expect(&r, 0x20000abc, R, priv, wr);
            expect(&r, 0x20000abc, W, priv, ww);
            expect(&r, 0x20000abc, X, priv, wr); /* XN clear: as read */
        }
        r.rasr[0] |= 1u << 28;
        expect(&r, 0x20000abc, X, true, M);
        expect(&r, 0x20000abc, X, false, M);
    }
}

/* The highest-numbered region that holds the address decides, even when
 * it grants less than a lower one. */
static void higher_region_wins(void **state)
{
    (void)state;
    struct regs r = {.ctrl = 5};
    r.rbar[0] = 0x20000000; r.rasr[0] = rasr_of(16, 0, 3, 1);    /* 64 KiB RW */
    r.rbar[1] = 0x20004000; r.rasr[1] = rasr_of(12, 0, 2, 1);    /* 4 KiB RO */
    r.rbar[3] = 0x20004800; r.rasr[3] = rasr_of(8, 0x0f, 0, 1);  /* 256 B none, low half off */
    r.rbar[5] = 0x00000000; r.rasr[5] = rasr_of(20, 0, 6, 0);    /* 1 MiB code */
    expect(&r, 0x20003fff, W, false, A);
    expect(&r, 0x20004000, W, false, M);  /* region 1 over region 0 */
    expect(&r, 0x20004000, R, false, A);
    expect(&r, 0x20004fff, W, false, M);
    expect(&r, 0x20005000, W, false, A);  /* back in region 0 */
    expect(&r, 0x20004800, R, false, A);  /* region 3's disabled subregion: region 1 */
    expect(&r, 0x2000487f, R, false, A);
    expect(&r, 0x20004880, R, false, M);  /* region 3's enabled half: no access */
    expect(&r, 0x200048ff, R, true, M);
    expect(&r, 0x20004900, R, false, A);
    expect(&r, 0x2000ffff, W, false, A);
    expect(&r, 0x20010000, R, false, M);  /* past region 0: nothing */
    expect(&r, 0x20010000, R, true, A);   /* background for privileged code */
    expect(&r, 0x000fffff, X, false, A);
    expect(&r, 0x000fffff, W, false, M);
    expect(&r, 0x00100000, X, false, M);
    /* The same overlap with the numbers swapped: the RW region wins. */
    r.rbar[7] = 0x20000000; r.rasr[7] = rasr_of(16, 0, 3, 1);
    expect(&r, 0x20004000, W, false, A);
    expect(&r, 0x20004880, W, false, A);
}

/* Subregion holes: an 8 KiB region with the first and last 1 KiB off. */
static void subregion_holes(void **state)
{
    (void)state;
    struct regs r = {.ctrl = 1};
    r.rbar[2] = 0x20010000; r.rasr[2] = rasr_of(13, 0x81, 3, 1);
    expect(&r, 0x2000ffff, R, false, M);
    expect(&r, 0x20010000, R, false, M);
    expect(&r, 0x200103ff, W, false, M);
    expect(&r, 0x20010400, W, false, A);
    expect(&r, 0x20011bff, W, false, A);
    expect(&r, 0x20011c00, R, false, M);
    expect(&r, 0x20011fff, R, false, M);
    /* Every pattern of a 256-byte region: 32-byte subregions. */
    for (unsigned srd = 0; srd < 256; srd += 37) {
        r.rbar[4] = 0x20020000; r.rasr[4] = rasr_of(8, srd, 3, 1);
        for (unsigned i = 0; i < 8; i++) {
            int want = (srd >> i) & 1 ? M : A;
            expect(&r, 0x20020000 + 32 * i, R, false, want);
            expect(&r, 0x20020000 + 32 * i + 31, W, false, want);
        }
    }
}

/* A 4 GiB region; execute-never of the system space survives it, the PPB
 * stays the default map's. */
static void whole_address_space_region(void **state)
{
    (void)state;
    struct regs r = {.ctrl = 1};
    r.rbar[0] = 0; r.rasr[0] = rasr_of(32, 0, 3, 0);
    expect(&r, 0x00000000, X, false, A);
    expect(&r, 0x40000000, X, false, A);  /* the region's XN replaces the map's */
    expect(&r, 0xa0000000, X, false, A);
    expect(&r, 0xdfffffff, X, false, A);
    expect(&r, 0xe0000000, X, false, M);
    expect(&r, 0xe0100000, X, false, M);
    expect(&r, 0xe0100000, W, false, A);
    expect(&r, 0xffffffff, R, false, A);
    expect(&r, 0xe000e010, R, false, B);
    expect(&r, 0xe000e010, R, true, A);
    /* 4 GiB with subregions of 512 MiB: the top one off. */
    r.rasr[0] = rasr_of(32, 0x80, 3, 0);
    expect(&r, 0xdfffffff, R, false, A);
    expect(&r, 0xe0100000, R, false, M);
    expect(&r, 0xe0100000, R, true, M);
}

/* --- against the simulator's model ------------------------------------ */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(void) /* splitmix64, upper half */
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return (uint32_t)((z ^ (z >> 31)) >> 32);
}

static uint32_t below(uint32_t n)
{
    return rnd() % n;
}

/* Neighbourhoods where the random regions live, so that they overlap. */
static const uint32_t areas[] = {0x00000000u, 0x20000000u, 0x40000000u,
                                 0x9ff00000u, 0xe0000000u, 0xe00ff000u, 0xfff00000u};

/* A random region: sizes mostly small, bases in one of the areas. */
static void random_region(uint32_t *rbar, uint32_t *rasr)
{
    unsigned size_log2 = below(8) == 0 ? 13 + below(20) : 5 + below(12);
    if (size_log2 > 32)
        size_log2 = 32;
    uint32_t area = areas[below(sizeof areas / sizeof areas[0])];
    uint32_t base = (uint32_t)(((uint64_t)area + below(1u << 17)) &
                               ~((1ull << size_log2) - 1));
    unsigned srd = size_log2 >= 8 && below(2) ? below(256) : 0;
    *rbar = base;
    *rasr = (below(5) ? 1u : 0u) | (size_log2 - 1) << 1 | srd << 8 | (rnd() & 0x7u) << 19 |
            (rnd() & 7u) << 16 | below(8) << 24 | below(2) << 28;
}

/* Addresses worth asking about: edges of a region or of one of its
 * subregions, their neighbours, or anywhere in an area. */
static uint32_t random_addr(const uint32_t *rbar, const uint32_t *rasr, unsigned n)
{
    unsigned i = below(n);
    uint64_t size = 1ull << (((rasr[i] >> 1) & 0x1fu) + 1);
    uint64_t base = rbar[i] & ~(size - 1) & 0xffffffe0u;
    uint64_t step = size >= 256 ? size / 8 : size;
    switch (below(4)) {
    case 0: return (uint32_t)(base + step * below(9) - below(2));
    case 1: return (uint32_t)(base + (rnd() % size));
    case 2: return areas[below(sizeof areas / sizeof areas[0])] + below(1u << 18);
    default: return rnd();
    }
}

static void program(struct sim_mpu *m, uint32_t ctrl, const uint32_t *rbar,
                    const uint32_t *rasr, unsigned n)
{
    sim_mpu_ops.write(m, MPU_CTRL, 0);
    for (unsigned i = 0; i < n; i++) {
        sim_mpu_ops.write(m, MPU_RNR, i);
        sim_mpu_ops.write(m, MPU_RBAR, rbar[i]);
        sim_mpu_ops.write(m, MPU_RASR, rasr[i]);
    }
    sim_mpu_ops.write(m, MPU_CTRL, ctrl);
}

static void read_back(struct sim_mpu *m, uint32_t *ctrl, uint32_t *rbar, uint32_t *rasr,
                      unsigned n)
{
    *ctrl = sim_mpu_ops.read(m, MPU_CTRL);
    for (unsigned i = 0; i < n; i++) {
        sim_mpu_ops.write(m, MPU_RNR, i);
        rbar[i] = sim_mpu_ops.read(m, MPU_RBAR);
        rasr[i] = sim_mpu_ops.read(m, MPU_RASR);
    }
}

static void report(uint32_t ctrl, const uint32_t *rbar, const uint32_t *rasr, unsigned n,
                   uint32_t addr, int access, bool priv, enum sim_verdict model,
                   enum ref_verdict ref)
{
    fprintf(stderr, "MISMATCH: addr 0x%08x access %d %s: model %d, reference %s; "
            "CTRL 0x%x\n", addr, access, priv ? "privileged" : "unprivileged",
            (int)model, ref_verdict_name(ref), ctrl);
    for (unsigned i = 0; i < n; i++) {
        if (rasr[i] & 1u)
            fprintf(stderr, "  region %2u RBAR 0x%08x RASR 0x%08x\n", i, rbar[i], rasr[i]);
    }
}

/* sim_mpu_page's 32 granules of the page at `page` (unprivileged), against
 * the reference at each granule's first and last byte. */
static unsigned long compare_page(struct sim_mpu *m, const uint32_t *rbar, const uint32_t *rasr,
                                  unsigned n, uint32_t ctrl, uint32_t page,
                                  unsigned long *mismatches)
{
    uint32_t allowed[3];
    unsigned long compared = 0;
    sim_mpu_page(m, page, allowed);
    for (unsigned g = 0; g < 32; g++) {
        for (int access = 0; access < 3; access++) {
            bool bit = (allowed[access] >> g) & 1u;
            for (uint32_t at = 0; at < 32; at += 31) {
                uint32_t addr = page + 32 * g + at;
                enum ref_verdict ref = ref_check(rbar, rasr, n, ctrl, addr, access, false);
                compared++;
                if (bit != (ref == REF_ALLOW) && (*mismatches)++ < 10)
                    report(ctrl, rbar, rasr, n, addr, access, false,
                           bit ? SIM_ALLOW : SIM_MEMMANAGE, ref);
            }
        }
    }
    return compared;
}

static void model_agrees_with_reference(void **state)
{
    (void)state;
    static const uint32_t ctrls[] = {1, 5, 5, 5, 0, 4, 3, 7};
    struct sim_mpu m;
    unsigned long compared = 0, mismatches = 0, allowed = 0, granules = 0;
    for (unsigned set = 0; set < 3000; set++) {
        unsigned n = set % 2 ? 16 : 8;
        uint32_t rbar[16], rasr[16], ctrl = ctrls[below(8)];
        sim_mpu_reset(&m, n, NULL, NULL);
        for (unsigned i = 0; i < n; i++)
            random_region(&rbar[i], &rasr[i]);
        program(&m, ctrl, rbar, rasr, n);
        uint32_t got_ctrl, got_rbar[16], got_rasr[16];
        read_back(&m, &got_ctrl, got_rbar, got_rasr, n);
        assert_int_equal(got_ctrl & 7u, ctrl);
        for (unsigned i = 0; i < n; i++) {
            assert_int_equal(got_rbar[i] & 0xffffffe0u, rbar[i]);
            assert_int_equal(got_rasr[i], rasr[i]);
        }
        for (unsigned k = 0; k < 40; k++) {
            uint32_t addr = random_addr(rbar, rasr, n);
            for (int access = 0; access < 3; access++) {
                for (int priv = 0; priv < 2; priv++) {
                    enum sim_verdict v = sim_mpu_check(&m, addr, (enum sim_access)access, priv);
                    enum ref_verdict ref = ref_check(got_rbar, got_rasr, n, got_ctrl, addr,
                                                     access, priv);
                    compared++;
                    allowed += ref == REF_ALLOW;
                    if ((int)v != (int)ref && mismatches++ < 10)
                        report(got_ctrl, got_rbar, got_rasr, n, addr, access, priv, v, ref);
                }
            }
        }
        for (unsigned k = 0; k < 2; k++) {
            uint32_t page = random_addr(rbar, rasr, n) & ~1023u;
            granules += compare_page(&m, got_rbar, got_rasr, n, got_ctrl, page, &mismatches);
        }
    }
    printf("mpu.ref: %lu comparisons with sim_mpu_check (%lu allowed) and %lu with "
           "sim_mpu_page, %lu mismatches\n", compared, allowed, granules, mismatches);
    assert_true(allowed > compared / 10 && allowed < compared * 9 / 10);
    assert_int_equal(mismatches, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mpu_off_is_the_default_map),
        cmocka_unit_test(mpu_on_without_a_region),
        cmocka_unit_test(access_permissions),
        cmocka_unit_test(higher_region_wins),
        cmocka_unit_test(subregion_holes),
        cmocka_unit_test(whole_address_space_region),
        cmocka_unit_test(model_agrees_with_reference),
    };
    return cmocka_run_group_tests_name("mpu.ref", tests, NULL, NULL);
}
