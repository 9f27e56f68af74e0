/*
 * test_mpu_encode.c - the PMSAv7 MPU driver (arch/armv7m/mpu.c) on the host.
 *
 * Every expected RBAR/RASR word below is computed by hand from the field
 * layout of the ARMv7-M Architecture Reference Manual (B3.5.8, B3.5.9), not
 * by calling the code:
 *
 *   RBAR  [31:5] ADDR   [4] VALID   [3:0] REGION
 *   RASR  [28] XN  [26:24] AP  [21:19] TEX  [18] S  [17] C  [16] B
 *         [15:8] SRD  [5:1] SIZE (region of 2^(SIZE+1) bytes)  [0] ENABLE
 *
 * Normal memory is TEX=1 C=1 B=1 (outer and inner write-back, write and
 * read allocate): 1<<19 | 1<<17 | 1<<16 = 0x00080000 + 0x00020000 +
 * 0x00010000 = 0x000b0000.  Device memory is shareable device, TEX=0 C=0
 * B=1 S=1: 1<<18 | 1<<16 = 0x00050000.
 *
 * mpu_init and mpu_load are run against a fake register file (the mmio
 * accessors below) that records every store.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "armv7m/mpu.h"
#include <mmio.h>

/* --- fake MPU registers ------------------------------------------------ */

#define FAKE_REGIONS 8
#define MAX_WRITES 256

struct write {
    uint32_t addr, value;
};

static struct {
    uint32_t ctrl, rnr;
    uint32_t rbar[16], rasr[16];
    struct write log[MAX_WRITES];
    unsigned num_writes;
    unsigned bad_accesses; /* outside the MPU, or a region it lacks */
} fake;

static void fake_reset(void)
{
    memset(&fake, 0, sizeof fake);
}

/* Addresses written out by hand: 0xE000ED90 + offset. */
enum {
    A_TYPE = 0xE000ED90u, A_CTRL = 0xE000ED94u, A_RNR = 0xE000ED98u,
    A_RBAR = 0xE000ED9Cu, A_RASR = 0xE000EDA0u,
    A_RBAR_A1 = 0xE000EDA4u, A_RASR_A1 = 0xE000EDA8u,
    A_RBAR_A2 = 0xE000EDACu, A_RASR_A2 = 0xE000EDB0u,
    A_RBAR_A3 = 0xE000EDB4u, A_RASR_A3 = 0xE000EDB8u,
};

uint32_t mmio_read32(uint32_t addr)
{
    switch (addr) {
    case A_TYPE:
        return FAKE_REGIONS << 8; /* DREGION = 8, IREGION = 0, SEPARATE = 0 */
    case A_CTRL:
        return fake.ctrl;
    case A_RNR:
        return fake.rnr;
    case A_RBAR: case A_RBAR_A1: case A_RBAR_A2: case A_RBAR_A3:
        return fake.rbar[fake.rnr] | fake.rnr;
    case A_RASR: case A_RASR_A1: case A_RASR_A2: case A_RASR_A3:
        return fake.rasr[fake.rnr];
    default:
        fake.bad_accesses++;
        return 0;
    }
}

/* RBAR with VALID selects the region from its REGION field (and updates
 * RNR), as B3.5.8 says; the aliases behave like RBAR/RASR. */
void mmio_write32(uint32_t addr, uint32_t value)
{
    if (fake.num_writes < MAX_WRITES)
        fake.log[fake.num_writes++] = (struct write){addr, value};
    switch (addr) {
    case A_CTRL:
        fake.ctrl = value & 7u;
        return;
    case A_RNR:
        if (value >= FAKE_REGIONS)
            fake.bad_accesses++;
        fake.rnr = value & 15u;
        return;
    case A_RBAR: case A_RBAR_A1: case A_RBAR_A2: case A_RBAR_A3:
        if (value & 0x10u) {
            if ((value & 15u) >= FAKE_REGIONS)
                fake.bad_accesses++;
            fake.rnr = value & 15u;
        }
        fake.rbar[fake.rnr] = value & 0xffffffe0u;
        return;
    case A_RASR: case A_RASR_A1: case A_RASR_A2: case A_RASR_A3:
        fake.rasr[fake.rnr] = value;
        return;
    default:
        fake.bad_accesses++;
    }
}

/* --- encoding ---------------------------------------------------------- */

static void encode_ok(unsigned slot, uint32_t base, unsigned size_log2, uint8_t srd,
                      unsigned access, enum mpu_memory mem, uint32_t rbar, uint32_t rasr)
{
    struct mpu_region r;
    memset(&r, 0xa5, sizeof r);
    assert_true(mpu_encode(&r, slot, base, size_log2, srd, access, mem));
    if (r.rbar != rbar || r.rasr != rasr)
        fail_msg("slot %u base 0x%08x 2^%u srd 0x%02x access %u mem %d: "
                 "got RBAR 0x%08x RASR 0x%08x, expected RBAR 0x%08x RASR 0x%08x",
                 slot, base, size_log2, srd, access, (int)mem, r.rbar, r.rasr, rbar, rasr);
}

/* Read-write data with the top three subregions disabled (a 5 KiB grant in
 * an 8 KiB region):
 *   RBAR = 0x20000000 | VALID 0x10 | slot 2                    = 0x20000012
 *   RASR = ENABLE 1 | SIZE 12<<1 = 0x18 | SRD 0xe0<<8 = 0xe000
 *        | normal 0x000b0000 | AP 3<<24 = 0x03000000 | XN 1<<28 = 0x10000000
 *        = 0x10000000 + 0x03000000 + 0x000b0000 + 0xe000 + 0x18 + 1
 *        = 0x130be019 */
static void rw_data_with_subregions(void **state)
{
    (void)state;
    encode_ok(2, 0x20000000, 13, 0xe0, MPU_R | MPU_W, MPU_MEM_NORMAL,
              0x20000012u, 0x130be019u);
}

/* Code: read and execute, AP 6 (read-only for everyone), XN clear.
 *   RBAR = 0x00100000 | 0x10 | 0                               = 0x00100010
 *   RASR = 1 | SIZE 15<<1 = 0x1e | 0x000b0000 | 6<<24 = 0x06000000
 *        = 0x060b001f */
static void code_is_read_only_and_executable(void **state)
{
    (void)state;
    encode_ok(0, 0x00100000, 16, 0, MPU_R | MPU_X, MPU_MEM_NORMAL,
              0x00100010u, 0x060b001fu);
}

/* Read-only data: AP 2 (privileged RW, unprivileged RO), XN.
 *   RBAR = 0x20008000 | 0x10 | 3                               = 0x20008013
 *   RASR = 1 | SIZE 11<<1 = 0x16 | 0x000b0000 | 2<<24 | 1<<28
 *        = 0x10000000 + 0x02000000 + 0x000b0000 + 0x17         = 0x120b0017 */
static void read_only_data(void **state)
{
    (void)state;
    encode_ok(3, 0x20008000, 12, 0, MPU_R, MPU_MEM_NORMAL, 0x20008013u, 0x120b0017u);
}

/* A 32-byte guard: no unprivileged access, the kernel keeps read-write
 * (AP 1: a guard may lie over kernel memory), XN, SIZE 4.
 *   RBAR = 0x20010000 | 0x10 | 7                               = 0x20010017
 *   RASR = 1 | 4<<1 = 0x8 | 0x000b0000 | 1<<24 | 1<<28         = 0x110b0009 */
static void no_access_guard(void **state)
{
    (void)state;
    encode_ok(7, 0x20010000, 5, 0, 0, MPU_MEM_NORMAL, 0x20010017u, 0x110b0009u);
}

/* A device block: shareable device (TEX 0, S, B), RW, XN.
 *   RBAR = 0x40005000 | 0x10 | 4                               = 0x40005014
 *   RASR = 1 | 11<<1 = 0x16 | 0x00050000 | 3<<24 | 1<<28
 *        = 0x10000000 + 0x03000000 + 0x00050000 + 0x17         = 0x13050017 */
static void device_block(void **state)
{
    (void)state;
    encode_ok(4, 0x40005000, 12, 0, MPU_R | MPU_W, MPU_MEM_DEVICE,
              0x40005014u, 0x13050017u);
}

/* The whole address space: SIZE 31 (2^32 bytes) at base 0.
 *   RBAR = 0 | 0x10 | 1                                        = 0x00000011
 *   RASR = 1 | 31<<1 = 0x3e | 0x000b0000 | 3<<24 | 1<<28        = 0x130b003f */
static void whole_address_space(void **state)
{
    (void)state;
    encode_ok(1, 0x00000000, 32, 0, MPU_R | MPU_W, MPU_MEM_NORMAL,
              0x00000011u, 0x130b003fu);
}

/* The smallest region that has subregions (256 bytes, SIZE 7), rwx, with
 * the first and last 32-byte subregions disabled; slot 15 (the last a
 * 16-region MPU has).
 *   RBAR = 0x20000100 | 0x10 | 15                              = 0x2000011f
 *   RASR = 1 | 7<<1 = 0xe | SRD 0x81<<8 = 0x8100 | 0x000b0000 | 3<<24
 *        = 0x03000000 + 0x000b0000 + 0x8100 + 0xf              = 0x030b810f */
static void rwx_smallest_region_with_subregions(void **state)
{
    (void)state;
    encode_ok(15, 0x20000100, 8, 0x81, MPU_R | MPU_W | MPU_X, MPU_MEM_NORMAL,
              0x2000011fu, 0x030b810fu);
}

/* A rejected argument leaves a disabled region (RASR 0: ENABLE clear). */
static void encode_rejected(unsigned slot, uint32_t base, unsigned size_log2, uint8_t srd,
                            unsigned access)
{
    struct mpu_region r;
    memset(&r, 0xa5, sizeof r);
    if (mpu_encode(&r, slot, base, size_log2, srd, access, MPU_MEM_NORMAL))
        fail_msg("accepted slot %u base 0x%08x 2^%u srd 0x%02x access %u", slot, base,
                 size_log2, srd, access);
    assert_int_equal(r.rasr, 0);
}

static void rejects_what_the_architecture_does_not_allow(void **state)
{
    (void)state;
    encode_rejected(0, 0x20000100, 12, 0, MPU_R);        /* base not 4 KiB aligned */
    encode_rejected(0, 0x20000010, 5, 0, MPU_R);         /* not even 32-byte aligned */
    encode_rejected(0, 0x20000000, 4, 0, MPU_R);         /* 16 bytes: below 32 */
    encode_rejected(0, 0x20000000, 33, 0, MPU_R);        /* beyond 4 GiB */
    encode_rejected(0, 0x20000000, 32, 0, MPU_R);        /* 4 GiB not at 0 */
    encode_rejected(0, 0x20000000, 7, 0x01, MPU_R);      /* 128 bytes: no subregions */
    encode_rejected(0, 0x20000000, 5, 0x80, MPU_R);
    encode_rejected(0, 0x20000000, 12, 0, MPU_X);        /* execute without read */
    encode_rejected(0, 0x20000000, 12, 0, MPU_W | MPU_X);
    encode_rejected(16, 0x20000000, 12, 0, MPU_R);       /* no slot 16 */
    encode_rejected(255, 0x20000000, 12, 0, MPU_R);
    /* The edges of what is allowed still pass. */
    struct mpu_region r;
    assert_true(mpu_encode(&r, 0, 0x20000000, 8, 0xff, MPU_R, MPU_MEM_NORMAL));
    assert_true(mpu_encode(&r, 0, 0xffffffe0u, 5, 0, MPU_R, MPU_MEM_NORMAL));
    assert_true(mpu_encode(&r, 0, 0x80000000u, 31, 0, MPU_R, MPU_MEM_NORMAL));
}

/* mpu_decode reads the fields back: region of case rw_data_with_subregions. */
static void decode_reads_the_fields(void **state)
{
    (void)state;
    struct mpu_region r = {0x20000012u, 0x130be019u};
    struct mpu_decoded d = mpu_decode(&r);
    assert_true(d.enabled);
    assert_int_equal(d.base, 0x20000000u);
    assert_true(d.size == 8192);
    assert_int_equal(d.srd, 0xe0);
    assert_int_equal(d.ap, 3);
    assert_true(d.xn);
    r = (struct mpu_region){0x00000011u, 0x130b003fu};
    d = mpu_decode(&r);
    assert_true(d.size == 1ull << 32);
    r = (struct mpu_region){0x00100010u, 0x060b001fu};
    d = mpu_decode(&r);
    assert_int_equal(d.ap, 6);
    assert_false(d.xn);
    r = mpu_disabled(5);
    assert_false(mpu_decode(&r).enabled);
    assert_int_equal(r.rbar, 0x15u); /* VALID | 5: storing it disables slot 5 */
    assert_int_equal(r.rasr, 0);
}

/* --- loading ----------------------------------------------------------- */

static void init_disables_clears_every_region_and_enables_privdefena(void **state)
{
    (void)state;
    fake_reset();
    fake.ctrl = 1;
    for (unsigned i = 0; i < FAKE_REGIONS; i++) {
        fake.rbar[i] = 0x12340000u + (i << 5);
        fake.rasr[i] = 0x130b0019u;
    }
    assert_int_equal(mpu_regions(), 8);
    fake.num_writes = 0;
    mpu_init();
    assert_int_equal(fake.bad_accesses, 0);
    assert_true(fake.num_writes >= 2 + FAKE_REGIONS);
    /* first the MPU goes off, ... */
    assert_int_equal(fake.log[0].addr, A_CTRL);
    assert_int_equal(fake.log[0].value, 0);
    /* ... last it comes on with the default map for privileged code only:
     * ENABLE 1 | PRIVDEFENA 4 = 5, HFNMIENA clear */
    assert_int_equal(fake.log[fake.num_writes - 1].addr, A_CTRL);
    assert_int_equal(fake.log[fake.num_writes - 1].value, 5);
    for (unsigned i = 1; i + 1 < fake.num_writes; i++)
        assert_int_not_equal(fake.log[i].addr, A_CTRL);
    for (unsigned i = 0; i < FAKE_REGIONS; i++) {
        assert_int_equal(fake.rasr[i], 0);
        assert_int_equal(fake.rbar[i], 0);
    }
    assert_int_equal(fake.ctrl, 5);
}

/* Six regions: four through RBAR/RASR and the three alias pairs, then two
 * more starting again at RBAR; each pair lands in the slot its RBAR names. */
static void load_stores_pairs_through_the_aliases(void **state)
{
    (void)state;
    static const struct mpu_region set[6] = {
        {0x00100010u, 0x060b001fu}, {0x20100011u, 0x130b001fu},
        {0x20000012u, 0x130be019u}, {0x20008013u, 0x120b0017u},
        {0x40005014u, 0x13050017u}, {0x20010017u, 0x110b0009u},
    };
    static const uint32_t where[12] = {
        A_RBAR, A_RASR, A_RBAR_A1, A_RASR_A1, A_RBAR_A2, A_RASR_A2,
        A_RBAR_A3, A_RASR_A3, A_RBAR, A_RASR, A_RBAR_A1, A_RASR_A1,
    };
    fake_reset();
    fake.ctrl = 5;
    mpu_load(set, 6);
    assert_int_equal(fake.bad_accesses, 0);
    /* The MPU is off while the slots change (a slot holds the new base
     * with the old size between its two stores), then on as it was. */
    assert_int_equal(fake.num_writes, 14);
    assert_int_equal(fake.log[0].addr, A_CTRL);
    assert_int_equal(fake.log[0].value, 0);
    assert_int_equal(fake.log[13].addr, A_CTRL);
    assert_int_equal(fake.log[13].value, 5);
    for (unsigned i = 0; i < 12; i++) {
        assert_int_equal(fake.log[i + 1].addr, where[i]);
        assert_int_equal(fake.log[i + 1].value, i % 2 ? set[i / 2].rasr : set[i / 2].rbar);
    }
    static const unsigned slot[6] = {0, 1, 2, 3, 4, 7};
    for (unsigned i = 0; i < 6; i++) {
        assert_int_equal(fake.rbar[slot[i]], set[i].rbar & 0xffffffe0u);
        assert_int_equal(fake.rasr[slot[i]], set[i].rasr);
    }
    assert_int_equal(fake.rasr[5], 0);
    assert_int_equal(fake.rasr[6], 0);
    /* Nothing to load: nothing stored. */
    fake.num_writes = 0;
    mpu_load(set, 0);
    assert_int_equal(fake.num_writes, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rw_data_with_subregions),
        cmocka_unit_test(code_is_read_only_and_executable),
        cmocka_unit_test(read_only_data),
        cmocka_unit_test(no_access_guard),
        cmocka_unit_test(device_block),
        cmocka_unit_test(whole_address_space),
        cmocka_unit_test(rwx_smallest_region_with_subregions),
        cmocka_unit_test(rejects_what_the_architecture_does_not_allow),
        cmocka_unit_test(decode_reads_the_fields),
        cmocka_unit_test(init_disables_clears_every_region_and_enables_privdefena),
        cmocka_unit_test(load_stores_pairs_through_the_aliases),
    };
    return cmocka_run_group_tests_name("mpu.encode", tests, NULL, NULL);
}
