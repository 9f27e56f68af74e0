/*
 * test_mpu_page.c - the MPU model's per-page summary (what the TLB fill
 * uses) agrees with its per-address verdict (what the exact path uses), for
 * random region sets around region edges and subregions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "mpu.h"

static uint32_t rng = 0x2545f491u;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* A region of 32 bytes .. 16 KiB somewhere in a 64 KiB window, so regions
 * overlap and their edges fall inside pages. */
static void random_region(struct sim_mpu *m, unsigned i)
{
    unsigned log2 = 5 + next() % 10;
    uint32_t base = (0x20000000u + (next() & 0xffffu)) & ~((1u << log2) - 1);
    uint32_t ap = next() % 8;
    uint32_t srd = log2 >= 8 ? next() & 0xff : 0;
    m->rbar[i] = base;
    m->rasr[i] = MPU_RASR_ENABLE * (next() % 8 != 0) | (log2 - 1) << MPU_RASR_SIZE_SHIFT |
                 srd << MPU_RASR_SRD_SHIFT | ap << MPU_RASR_AP_SHIFT |
                 (next() % 2 ? MPU_RASR_XN : 0);
}

static void page_summary_matches_verdicts(void **state)
{
    (void)state;
    unsigned pages = 0, mismatches = 0;
    for (int round = 0; round < 400; round++) {
        struct sim_mpu m;
        sim_mpu_reset(&m, 8, NULL, NULL);
        m.ctrl = MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA;
        for (unsigned i = 0; i < 8; i++)
            random_region(&m, i);
        for (uint32_t page = 0x1ffffc00u; page < 0x20010400u; page += 1024) {
            uint32_t allowed[3];
            sim_mpu_page(&m, page, allowed);
            pages++;
            for (int a = 0; a < 3; a++) {
                for (unsigned g = 0; g < 32; g++) {
                    bool ok = sim_mpu_check(&m, page + 32 * g, (enum sim_access)a,
                                            false) == SIM_ALLOW;
                    if (ok != ((allowed[a] >> g) & 1)) {
                        if (mismatches++ < 5)
                            fprintf(stderr, "round %d page 0x%08x granule %u access %d: "
                                    "page says %u, check says %d\n", round, page, g,
                                    a, (allowed[a] >> g) & 1, ok);
                    }
                }
            }
        }
    }
    printf("%u pages, %u granule verdicts compared, %u mismatches\n", pages,
           pages * 96, mismatches);
    assert_int_equal(mismatches, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(page_summary_matches_verdicts)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
