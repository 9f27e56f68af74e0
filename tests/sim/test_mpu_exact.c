/*
 * test_mpu_exact.c - the simulator's exact path for accesses to pages an
 * MPU region edge or subregion splits (sim/cpu.c: settle_access): traps,
 * branches, exclusive sequences, IT blocks and multi-access instructions
 * behave as on the board, a refused access changes nothing, and device
 * accesses happen once.  First written in review as reproducers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "armv7m/mpu.h"
#include "cpu.h"
#include "mpu_rig.h"

#define CODE 0x00100000u
#define DATA 0x20000000u

struct rig {
    struct sim_clock clock;
    struct sim_mem mem;
    struct sim_mpu mpu;
    struct sim_cpu cpu;
    struct sim_bus bus;
};

/* a counting device: reads and writes of every word are counted */
static unsigned dev_reads, dev_writes;
static uint32_t dev_read(void *d, uint32_t off) { (void)d; (void)off; dev_reads++; return 0x1001; }
static void dev_write(void *d, uint32_t off, uint32_t v) { (void)d; (void)off; (void)v; dev_writes++; }
static const struct sim_device_ops dev_ops = {dev_read, dev_write};
#define DEV 0x40000000u

static int rig_setup(void **state)
{
    static struct rig r;
    char err[256];
    memset(&r, 0, sizeof r);
    assert_true(sim_mem_init(&r.mem, &rig_board, err, sizeof err));
    rig_mpu_attach(&r.mpu, &r.mem);
    assert_true(sim_cpu_open(&r.cpu, "cortex-m3", &r.clock, &r.mem, &r.mpu, err, sizeof err));
    r.bus.log = stderr;
    sim_bus_attach(&r.bus, "counter", DEV, 0x800, &dev_ops, NULL);
    assert_true(sim_mem_map_device(&r.mem, &r.bus, DEV, 0x800, err, sizeof err));
    *state = &r;
    return 0;
}

static int rig_teardown(void **state)
{
    struct rig *r = *state;
    sim_cpu_close(&r->cpu);
    sim_mem_free(&r->mem);
    return 0;
}

static void put(struct rig *r, uint32_t addr, const uint8_t *code, size_t n)
{
    memcpy(sim_mem_host(&r->mem, addr, (uint32_t)n), code, n);
    sim_cpu_code_changed(&r->cpu);
}

static void bare_context(struct arch_context *c, uint32_t pc)
{
    memset(c, 0, sizeof *c);
    c->pc = pc;
    c->xpsr = 1u << 24;
}

static struct sim_exit run_until(struct rig *r, struct arch_context *ctx, uint64_t until)
{
    r->clock.deadline = until;
    r->clock.limit = UINT64_MAX;
    r->clock.pause = UINT64_MAX;
    return sim_cpu_run(&r->cpu, ctx);
}

/* Code: CODE..+4KiB r-x (uniform pages).  Split exec page: a 512-byte rx
 * region at CODE+0x1000 (page CODE+0x1000..0x13ff is half executable).
 * Data: split page DATA+0x1000..0x13ff, rw granted on its upper half. */
static const struct grant split[] = {
    {CODE, 12, 0, MPU_R | MPU_X},
    {CODE + 0x1000, 9, 0, MPU_R | MPU_X},
    {DATA + 0x1200, 9, 0, MPU_R | MPU_W},
};

/* 1. A system call whose svc lies in a split executable page. */
static void svc_in_split_exec_page(void **state)
{
    struct rig *r = *state;
    grant(split, 3);
    static const uint8_t code[] = {0x01, 0x30, 0x00, 0xdf}; /* adds r0,#1; svc #0 */
    put(r, CODE + 0x1000, code, sizeof code);
    struct arch_context c;
    bare_context(&c, CODE + 0x1000);
    r->clock.now = 0;
    struct sim_exit x = run_until(r, &c, 1000);
    printf("   svc in split page: why=%d (SVC=%d) exception=%u pc=0x%x now=%lu\n", x.why,
           SIM_STOP_SVC, x.exception, x.pc, (unsigned long)r->clock.now);
    assert_int_equal(x.why, SIM_STOP_SVC);
}

/* 1b. udf in a split executable page. */
static void udf_in_split_exec_page(void **state)
{
    struct rig *r = *state;
    grant(split, 3);
    static const uint8_t code[] = {0x00, 0xde};
    put(r, CODE + 0x1010, code, sizeof code);
    struct arch_context c;
    bare_context(&c, CODE + 0x1010);
    struct sim_exit x = run_until(r, &c, 1000);
    printf("   udf in split page: why=%d (UNDEFINED=%d) exception=%u\n", x.why,
           SIM_STOP_UNDEFINED, x.exception);
    assert_int_equal(x.why, SIM_STOP_UNDEFINED);
}

/* 2. An ldrex/strex retry loop on a word of a split data page. */
static void exclusive_loop_on_split_page(void **state)
{
    struct rig *r = *state;
    grant(split, 3);
    static const uint8_t code[] = {0x50, 0xe8, 0x00, 0x1f, 0x01, 0x31, 0x40, 0xe8, 0x00, 0x12,
                                   0x00, 0x2a, 0xf8, 0xd1, 0x00, 0xdf};
    put(r, CODE + 0x200, code, sizeof code);
    *(uint32_t *)sim_mem_host(&r->mem, DATA + 0x1300, 4) = 41;
    struct arch_context c;
    bare_context(&c, CODE + 0x200);
    c.r[0] = DATA + 0x1300;
    r->clock.now = 0;
    struct sim_exit x = run_until(r, &c, 20000);
    printf("   ldrex/strex on split page: why=%d now=%lu word=%u\n", x.why,
           (unsigned long)r->clock.now, *(uint32_t *)sim_mem_host(&r->mem, DATA + 0x1300, 4));
    assert_int_equal(x.why, SIM_STOP_SVC);
}

/* 3. pop {pc} from a split data page (a function return whose frame lies
 * in the first page of a data region that starts mid-page). */
static void pop_pc_from_split_page(void **state)
{
    struct rig *r = *state;
    grant(split, 3);
    static const uint8_t pop[] = {0x00, 0xbd};  /* pop {pc} */
    static const uint8_t svc[] = {0x00, 0xdf};
    put(r, CODE + 0x100, pop, 2);
    put(r, CODE + 0x180, svc, 2);
    *(uint32_t *)sim_mem_host(&r->mem, DATA + 0x1300, 4) = (CODE + 0x180) | 1;
    struct arch_context c;
    bare_context(&c, CODE + 0x100);
    c.sp = DATA + 0x1300;
    r->clock.now = 0;
    struct sim_exit x = run_until(r, &c, 1000);
    printf("   pop {pc} on split page: why=%d exception=%u pc=0x%x now=%lu\n", x.why,
           x.exception, x.pc, (unsigned long)r->clock.now);
    assert_int_equal(x.why, SIM_STOP_SVC);
    assert_int_equal(x.pc, CODE + 0x180);
}

/* 4. A settled branch (bx in a split exec page) to an unmapped address
 * must fault at the target (IACCVIOL) after the bx retired. */
static void settled_branch_to_hole(void **state)
{
    struct rig *r = *state;
    grant(split, 3);
    static const uint8_t code[] = {0x08, 0x47}; /* bx r1 */
    put(r, CODE + 0x1020, code, 2);
    struct arch_context c;
    bare_context(&c, CODE + 0x1020);
    c.r[1] = 0x30000001;
    r->clock.now = 0;
    r->mpu.cfsr = 0;
    struct sim_exit x = run_until(r, &c, 1000);
    printf("   bx to hole from split page: why=%d (MEMORY=%d) access=%u pc=0x%x now=%lu cfsr=0x%x\n",
           x.why, SIM_STOP_MEMORY, x.access, x.pc, (unsigned long)r->clock.now, r->mpu.cfsr);
    r->mpu.cfsr = 0;
    assert_int_equal(x.why, SIM_STOP_MEMORY);
    assert_int_equal(x.access, SIM_EXEC);
    assert_int_equal(x.pc, 0x30000000);
    assert_int_equal(r->clock.now, 1);
}

/* 5. A refused fetch of a jump target at exactly the stop cycle. */
static void refused_fetch_at_deadline(void **state)
{
    struct rig *r = *state;
    grant(split, 3);
    static const uint8_t code[] = {0x01, 0x30, 0x08, 0x47}; /* adds; bx r1 */
    put(r, CODE + 0x400, code, sizeof code);
    struct arch_context c;
    bare_context(&c, CODE + 0x400);
    c.r[1] = (DATA + 0x1300) | 1; /* data: XN */
    r->clock.now = 0;
    r->mpu.cfsr = 0;
    struct sim_exit x = run_until(r, &c, 2);
    printf("   refused fetch at deadline: why=%d pc=0x%x now=%lu\n", x.why, x.pc,
           (unsigned long)r->clock.now);
    r->mpu.cfsr = 0;
    assert_int_equal(x.why, SIM_STOP_CLOCK);
}

/* 6. An ldm that starts on a device page every granule of which is
 * granted, and ends on a split device page: each device word must be read
 * once. Device: DEV..DEV+0x7ff; region 2KiB with subregions 6,7 disabled
 * (granted DEV..DEV+0x5ff); page DEV+0x400 split. */
static void ldm_across_device_pages_reads_once(void **state)
{
    struct rig *r = *state;
    static const struct grant g[] = {
        {CODE, 12, 0, MPU_R | MPU_X},
        {DEV, 11, 0xC0, MPU_R | MPU_W},
    };
    grant(g, 2);
    static const uint8_t code[] = {0x90, 0xe8, 0x06, 0x00, 0x00, 0xdf}; /* ldm.w r0, {r1, r2}; svc */
    put(r, CODE + 0x500, code, sizeof code);
    struct arch_context c;
    bare_context(&c, CODE + 0x500);
    c.r[0] = DEV + 0x3fc;
    dev_reads = dev_writes = 0;
    struct sim_exit x = run_until(r, &c, 1000);
    printf("   ldm across device pages: why=%d reads=%u (expected 2) r1=0x%x r2=0x%x\n", x.why,
           dev_reads, c.r[1], c.r[2]);
    assert_int_equal(x.why, SIM_STOP_SVC);
    assert_int_equal(dev_reads, 2);
}

/* 6b. the same with a store: each device word written once. */
static void stm_across_device_pages_writes_once(void **state)
{
    struct rig *r = *state;
    static const struct grant g[] = {
        {CODE, 12, 0, MPU_R | MPU_X},
        {DEV, 11, 0xC0, MPU_R | MPU_W},
    };
    grant(g, 2);
    static const uint8_t code[] = {0x80, 0xe8, 0x06, 0x00, 0x00, 0xdf}; /* stm.w r0, {r1, r2}; svc */
    put(r, CODE + 0x600, code, sizeof code);
    struct arch_context c;
    bare_context(&c, CODE + 0x600);
    c.r[0] = DEV + 0x3fc;
    dev_reads = dev_writes = 0;
    struct sim_exit x = run_until(r, &c, 1000);
    printf("   stm across device pages: why=%d writes=%u (expected 2)\n", x.why, dev_writes);
    assert_int_equal(x.why, SIM_STOP_SVC);
    assert_int_equal(dev_writes, 2);
}


/* 7. A store refused by the MPU, made by an instruction in the same 1 KiB
 * page as its target: here a partition writing its own read-only code.
 * Nothing may be written. */
static void refused_store_into_the_instructions_page(void **state)
{
    struct rig *r = *state;
    static const struct grant g[] = {
        {CODE, 12, 0, MPU_R | MPU_X},
        {DATA, 12, 0, MPU_R | MPU_W},
    };
    grant(g, 2);
    static const uint8_t code[] = {0x01, 0x60, 0x00, 0xdf}; /* str r1, [r0]; svc */
    put(r, CODE + 0x700, code, sizeof code);
    uint32_t *target = (uint32_t *)sim_mem_host(&r->mem, CODE + 0x780, 4);
    *target = 0x11111111;
    struct arch_context c;
    bare_context(&c, CODE + 0x700);
    c.r[0] = CODE + 0x780;
    c.r[1] = 0xBADC0DE;
    r->mpu.cfsr = 0;
    struct sim_exit x = run_until(r, &c, 1000);
    printf("   refused store into own page: why=%d addr=0x%x word now 0x%x (was 0x11111111)\n",
           x.why, x.addr, *target);
    r->mpu.cfsr = 0;
    assert_int_equal(x.why, SIM_STOP_MEMORY);
    assert_int_equal(*target, 0x11111111);
}

/* 7b. the same into another partition's memory sharing the page with a
 * split executable region (0x1000..0x11ff ours, 0x1200.. not). */
static void refused_store_into_neighbour_in_split_page(void **state)
{
    struct rig *r = *state;
    grant(split, 3);
    static const uint8_t code[] = {0x01, 0x60, 0x00, 0xdf};
    put(r, CODE + 0x1100, code, sizeof code);
    uint32_t *target = (uint32_t *)sim_mem_host(&r->mem, CODE + 0x1300, 4);
    *target = 0x22222222;
    struct arch_context c;
    bare_context(&c, CODE + 0x1100);
    c.r[0] = CODE + 0x1300;
    c.r[1] = 0xBADC0DE;
    r->mpu.cfsr = 0;
    struct sim_exit x = run_until(r, &c, 1000);
    printf("   refused store into neighbour: why=%d addr=0x%x word now 0x%x (was 0x22222222)\n",
           x.why, x.addr, *target);
    r->mpu.cfsr = 0;
    assert_int_equal(x.why, SIM_STOP_MEMORY);
    assert_int_equal(*target, 0x22222222);
}

/* 8. IT blocks executed instruction by instruction in a split exec page:
 * same state and same count as in a uniform page, at every stop cycle. */
static const uint8_t it_code[] = {0x06, 0xbf, 0x01, 0x68, 0x41, 0x60, 0x81, 0x60, 0x01, 0x32,
                                  0x18, 0xbf, 0x01, 0x33, 0xc4, 0x68, 0xfe, 0xe7};
static void it_blocks_in_split_page_count_exactly(void **state)
{
    struct rig *r = *state;
    static const struct grant g[] = {
        {CODE, 12, 0, MPU_R | MPU_X},
        {CODE + 0x1000, 9, 0, MPU_R | MPU_X},
        {DATA, 12, 0, MPU_R | MPU_W},
    };
    grant(g, 3);
    put(r, CODE + 0x800, it_code, sizeof it_code);   /* uniform page */
    put(r, CODE + 0x1000, it_code, sizeof it_code);  /* split page */
    for (int eq = 0; eq < 2; eq++) {
        for (uint64_t k = 1; k <= 14; k++) {
            struct arch_context a, b;
            struct sim_exit xa, xb;
            uint64_t na, nb;
            bare_context(&a, CODE + 0x800);
            a.r[0] = DATA + 0x100;
            a.xpsr |= eq ? 1u << 30 : 0;
            b = a;
            b.pc = CODE + 0x1000;
            r->clock.now = 0;
            xa = run_until(r, &a, k);
            na = r->clock.now;
            r->clock.now = 0;
            xb = run_until(r, &b, k);
            nb = r->clock.now;
            if (xa.why != xb.why || na != nb || a.pc - 0x800 != b.pc - 0x1000 ||
                memcmp(a.r, b.r, sizeof a.r) || a.xpsr != b.xpsr)
                fail_msg("eq %d k %lu: uniform why %d now %lu pc %x xpsr %x r2 %u r3 %u; "
                         "split why %d now %lu pc %x xpsr %x r2 %u r3 %u", eq,
                         (unsigned long)k, xa.why, (unsigned long)na, a.pc, a.xpsr, a.r[2],
                         a.r[3], xb.why, (unsigned long)nb, b.pc, b.xpsr, b.r[2], b.r[3]);
        }
    }
}


/* 9. ldm with writeback from a uniform page into a split (allowed) page:
 * the main engine loads part, is refused, the probe redoes it all. */
static void ldm_from_uniform_into_split_page(void **state)
{
    struct rig *r = *state;
    static const struct grant g[] = {
        {CODE, 12, 0, MPU_R | MPU_X},
        {DATA, 12, 0xE0, MPU_R | MPU_W},
    };
    grant(g, 2);
    static const uint8_t ldm[] = {0x1e, 0xc8, 0x00, 0xdf};
    static const uint8_t ldrd[] = {0x70, 0xe9, 0x02, 0x12, 0x00, 0xdf};
    put(r, CODE + 0x900, ldm, sizeof ldm);
    put(r, CODE + 0x940, ldrd, sizeof ldrd);
    for (unsigned i = 0; i < 4; i++)
        *(uint32_t *)sim_mem_host(&r->mem, DATA + 0x7f8 + 4 * i, 4) = 0xA0 + i;
    struct arch_context c;
    bare_context(&c, CODE + 0x900);
    c.r[0] = DATA + 0x7f8;
    r->clock.now = 0;
    struct sim_exit x = run_until(r, &c, 1000);
    printf("   ldm r0!: why=%d r0=%x r1..r4=%x %x %x %x now=%lu\n", x.why, c.r[0], c.r[1], c.r[2],
           c.r[3], c.r[4], (unsigned long)r->clock.now);
    assert_int_equal(x.why, SIM_STOP_SVC);
    assert_int_equal(c.r[0], DATA + 0x808);
    assert_int_equal(c.r[4], 0xA3);
    assert_int_equal(r->clock.now, 2);
    bare_context(&c, CODE + 0x940);
    c.r[0] = DATA + 0x804;
    r->clock.now = 0;
    x = run_until(r, &c, 1000);
    printf("   ldrd pre-index writeback: why=%d r0=%x r1 %x r2 %x now=%lu\n", x.why, c.r[0], c.r[1],
           c.r[2], (unsigned long)r->clock.now);
    assert_int_equal(c.r[0], DATA + 0x7fc);
    assert_int_equal(c.r[1], 0xA1);
    assert_int_equal(c.r[2], 0xA2);
}


/* 2b. the same where the page is uniformly readable (ldrex runs on the
 * main engine) and only split for writes (strex is settled). */
static void exclusive_loop_on_write_split_page(void **state)
{
    struct rig *r = *state;
    static const struct grant g[] = {
        {CODE, 12, 0, MPU_R | MPU_X},
        {DATA + 0x1000, 10, 0, MPU_R},
        {DATA + 0x1200, 9, 0, MPU_R | MPU_W},
    };
    grant(g, 3);
    static const uint8_t code[] = {0x50, 0xe8, 0x00, 0x1f, 0x01, 0x31, 0x40, 0xe8, 0x00, 0x12,
                                   0x00, 0x2a, 0xf8, 0xd1, 0x00, 0xdf};
    put(r, CODE + 0xa00, code, sizeof code);
    *(uint32_t *)sim_mem_host(&r->mem, DATA + 0x1300, 4) = 41;
    struct arch_context c;
    bare_context(&c, CODE + 0xa00);
    c.r[0] = DATA + 0x1300;
    r->clock.now = 0;
    struct sim_exit x = run_until(r, &c, 20000);
    printf("   ldrex/strex on write-split page: why=%d now=%lu word=%u\n", x.why,
           (unsigned long)r->clock.now, *(uint32_t *)sim_mem_host(&r->mem, DATA + 0x1300, 4));
    assert_int_equal(x.why, SIM_STOP_SVC);
}

/* 10. Stores into many split pages in turn: more guest pages than a probe
 * engine has scratch pages, so the settled path hands them out again
 * (sim_mem_probe_begin) while staying exact; then a store into a page's
 * refused half, after all that, still faults and changes nothing. */
static void stores_into_many_split_pages(void **state)
{
    struct rig *r = *state;
    /* five 4 KiB regions, their odd 512-byte subregions off: each of 20
     * pages has a writable lower half and a refused upper half */
    static const struct grant g[] = {
        {CODE, 12, 0, MPU_R | MPU_X},
        {DATA + 0x4000, 12, 0xAA, MPU_R | MPU_W},
        {DATA + 0x5000, 12, 0xAA, MPU_R | MPU_W},
        {DATA + 0x6000, 12, 0xAA, MPU_R | MPU_W},
        {DATA + 0x7000, 12, 0xAA, MPU_R | MPU_W},
        {DATA + 0x8000, 12, 0xAA, MPU_R | MPU_W},
    };
    grant(g, 6);
    /* loop: str r1,[r0]; adds r0,r0,r3; subs r2,#1; bne loop; svc 0 */
    static const uint8_t code[] = {0x01, 0x60, 0xc0, 0x18, 0x01, 0x3a, 0xfb, 0xd1, 0x00, 0xdf};
    put(r, CODE + 0xb00, code, sizeof code);
    for (unsigned round = 0; round < 3; round++) {
        uint64_t settled = r->cpu.precise_steps;
        for (unsigned i = 0; i < 20; i++)
            *(uint32_t *)sim_mem_host(&r->mem, DATA + 0x4000 + i * 0x400, 4) = 0;
        struct arch_context c;
        bare_context(&c, CODE + 0xb00);
        c.r[0] = DATA + 0x4000;
        c.r[1] = 0x5EED0000 + round;
        c.r[2] = 20;
        c.r[3] = 0x400;
        r->clock.now = 0;
        struct sim_exit x = run_until(r, &c, 1000);
        printf("   20 split pages, round %u: why=%d now=%lu settled=%lu\n", round, x.why,
               (unsigned long)r->clock.now, (unsigned long)(r->cpu.precise_steps - settled));
        assert_int_equal(x.why, SIM_STOP_SVC);
        assert_int_equal(r->clock.now, 20 * 4 + 1);
        assert_int_equal(r->cpu.precise_steps - settled, 20);
        for (unsigned i = 0; i < 20; i++)
            assert_int_equal(*(uint32_t *)sim_mem_host(&r->mem, DATA + 0x4000 + i * 0x400, 4),
                             0x5EED0000 + round);
    }
    uint32_t *refused = (uint32_t *)sim_mem_host(&r->mem, DATA + 0x8e04, 4);
    *refused = 0x33333333;
    struct arch_context c;
    bare_context(&c, CODE + 0xb00);
    c.r[0] = DATA + 0x8e04;
    c.r[1] = 0xBADC0DE;
    c.r[2] = 1;
    r->mpu.cfsr = 0;
    struct sim_exit x = run_until(r, &c, 1000);
    printf("   store into a refused half: why=%d addr=0x%x word 0x%x\n", x.why, x.addr, *refused);
    r->mpu.cfsr = 0;
    assert_int_equal(x.why, SIM_STOP_MEMORY);
    assert_int_equal(x.addr, DATA + 0x8e04);
    assert_int_equal(*refused, 0x33333333);
}

/* 11. A page the page table unmaps after the settled path stored into it:
 * the same store, settled again, is a BusFault and writes nothing, although
 * the probe engines keep their TLB entries from step to step. */
static void store_after_unmap_faults(void **state)
{
    struct rig *r = *state;
    grant(split, 3);
    static const uint8_t code[] = {0x01, 0x60, 0x00, 0xdf}; /* str r1,[r0]; svc 0 */
    put(r, CODE + 0xc00, code, sizeof code);
    uint32_t *word = (uint32_t *)sim_mem_host(&r->mem, DATA + 0x1300, 4);
    *word = 0;
    struct arch_context c;
    bare_context(&c, CODE + 0xc00);
    c.r[0] = DATA + 0x1300;
    c.r[1] = 0x600D;
    struct sim_exit x = run_until(r, &c, 1000);
    assert_int_equal(x.why, SIM_STOP_SVC);
    assert_int_equal(*word, 0x600D);
    assert_true(sim_mem_unmap_pages(&r->mem, DATA + 0x1000, SIM_PAGE_SIZE));
    bare_context(&c, CODE + 0xc00);
    c.r[0] = DATA + 0x1300;
    c.r[1] = 0xBAD;
    r->mpu.cfsr = 0;
    x = run_until(r, &c, 1000);
    printf("   store into an unmapped page: why=%d status=0x%x word 0x%x\n", x.why, x.status,
           *word);
    r->mpu.cfsr = 0;
    assert_true(sim_mem_map_pages(&r->mem, DATA + 0x1000, SIM_PAGE_SIZE, UC_PROT_ALL));
    assert_int_equal(x.why, SIM_STOP_MEMORY);
    assert_int_equal(*word, 0x600D);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(svc_in_split_exec_page),
        cmocka_unit_test(udf_in_split_exec_page),
        cmocka_unit_test(exclusive_loop_on_split_page),
        cmocka_unit_test(exclusive_loop_on_write_split_page),
        cmocka_unit_test(pop_pc_from_split_page),
        cmocka_unit_test(settled_branch_to_hole),
        cmocka_unit_test(refused_fetch_at_deadline),
        cmocka_unit_test(ldm_across_device_pages_reads_once),
        cmocka_unit_test(stm_across_device_pages_writes_once),
        cmocka_unit_test(refused_store_into_the_instructions_page),
        cmocka_unit_test(refused_store_into_neighbour_in_split_page),
        cmocka_unit_test(it_blocks_in_split_page_count_exactly),
        cmocka_unit_test(ldm_from_uniform_into_split_page),
        cmocka_unit_test(stores_into_many_split_pages),
        cmocka_unit_test(store_after_unmap_faults),
    };
    return cmocka_run_group_tests_name("review", tests, rig_setup, rig_teardown);
}
