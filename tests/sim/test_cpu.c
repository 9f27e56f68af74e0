/*
 * test_cpu.c - the simulator's guest CPU and its exact clock (sim/cpu.c).
 *
 * The guest code below is a loop with IT blocks and memory traffic.  Every
 * stop cycle is checked against a reference run on a second engine that
 * steps with a per-instruction hook.  Unicorn calls that hook only for IT
 * instructions whose condition passes, so the reference rebuilds the
 * architectural instruction index from the addresses it sees: the fast path
 * with its exact tail must stop after exactly that instruction, in that
 * state.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "armv7m/mpu.h"
#include "cpu.h"
#include "mpu_rig.h"

/*
 *  0: adds r0, #1              14: tst.w r0, #7
 *  2: eor.w r1, r0, r1, ror #3 18: itt eq
 *  6: cmp r0, #200             1a: addeq r5, #1
 *  8: ite lt                   1c: addeq r6, r5, r0
 *  a: addlt r2, r2, r0         1e: cmp r0, #250
 *  c: subge r2, r2, #1         20: bne 0
 *  e: ldr r3, [r4]             22: svc #0
 * 10: add r3, r1
 * 12: str r3, [r4]
 * 15 instructions per turn, 250 turns, then the svc: 3751 in all.
 */
static const uint8_t loop_code[] = {
    0x01, 0x30, 0x80, 0xea, 0xf1, 0x01, 0xc8, 0x28, 0xb4, 0xbf, 0x12, 0x18,
    0x52, 0x1e, 0x23, 0x68, 0x0b, 0x44, 0x23, 0x60, 0x10, 0xf0, 0x07, 0x0f,
    0x04, 0xbf, 0x01, 0x35, 0x2e, 0x18, 0xfa, 0x28, 0xee, 0xd1, 0x00, 0xdf,
};
#define LOOP_INSNS 3751u
#define CODE 0x00100000u
#define DATA 0x20000000u

/* adds r0, #1; adds r0, #1; ldr r0, [r1]; adds r0, #1 (r1: no access) */
static const uint8_t fault_code[] = {0x01, 0x30, 0x01, 0x30, 0x08, 0x68, 0x01, 0x30};
/* mrs r0, control; movs r1, #0; msr control, r1; mrs r2, control; svc #0 */
static const uint8_t control_code[] = {0xef, 0xf3, 0x14, 0x80, 0x00, 0x21, 0x81, 0xf3,
                                       0x14, 0x88, 0xef, 0xf3, 0x14, 0x82, 0x00, 0xdf};
/* adds r0, #1; adds r0, #1; bx r1 */
static const uint8_t jump_code[] = {0x01, 0x30, 0x01, 0x30, 0x08, 0x47};
/* adds r0, #1; udf #0 */
static const uint8_t undef_code[] = {0x01, 0x30, 0x00, 0xde};

static const struct grant test_grants[] = {
    {CODE, 12, 0, MPU_R | MPU_X},
    {DATA, 12, 0, MPU_R | MPU_W},
};

/* State before the instruction with a given architectural index. */
struct snapshot {
    int valid; /* no hook runs for condition-failed IT instructions */
    uint32_t r[6]; /* r0-r3, r5, r6 */
    uint32_t pc, nzcv, data;
};

struct rig {
    struct sim_clock clock;
    struct sim_mem mem;
    struct sim_mpu mpu;
    struct sim_cpu cpu;
    uc_engine *ref; /* reference engine: same code, stepped by a code hook */
    uc_hook ref_hook;
    uint32_t ref_data;
    uint64_t ref_index;
    uint32_t ref_last_pc;
    struct snapshot snap[LOOP_INSNS + 1];
};

/* Index of the instruction at addr: straight on from the last hooked one
 * counts the condition-failed instructions skipped in between; the loop's
 * only jump (bne, back to the start) is one instruction.  Records the state
 * the instruction starts from. */
static void on_ref_insn(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
    (void)size;
    struct rig *r = user;
    uint32_t a = (uint32_t)addr;
    if (a > r->ref_last_pc)
        r->ref_index += icount_decode(loop_code + (r->ref_last_pc - CODE),
                                      a - r->ref_last_pc);
    else if (a < r->ref_last_pc)
        r->ref_index += 1; /* equal: the very first instruction */
    r->ref_last_pc = a;
    if (r->ref_index > LOOP_INSNS)
        return;
    static const int ids[6] = {UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2,
                               UC_ARM_REG_R3, UC_ARM_REG_R5, UC_ARM_REG_R6};
    struct snapshot *s = &r->snap[r->ref_index];
    for (int i = 0; i < 6; i++)
        uc_reg_read(uc, ids[i], &s->r[i]);
    uint32_t xpsr;
    uc_reg_read(uc, UC_ARM_REG_XPSR, &xpsr);
    s->nzcv = xpsr & 0xf0000000u;
    s->pc = a;
    s->data = r->ref_data;
    s->valid = 1;
}

/* One reference run of the whole loop, recording every instruction. */
static void record_reference(struct rig *r)
{
    uint32_t zero = 0, seed = 0x1234567, data = DATA, sp = DATA + 0x800;
    uint32_t xpsr = 1u << 24;
    for (int i = 0; i <= 12; i++)
        uc_reg_write(r->ref, UC_ARM_REG_R0 + i, &zero);
    uc_reg_write(r->ref, UC_ARM_REG_R1, &seed);
    uc_reg_write(r->ref, UC_ARM_REG_R4, &data);
    uc_reg_write(r->ref, UC_ARM_REG_SP, &sp);
    uc_reg_write(r->ref, UC_ARM_REG_XPSR, &xpsr);
    r->ref_data = 0;
    r->ref_index = 0;
    r->ref_last_pc = CODE;
    uc_emu_start(r->ref, CODE | 1, CODE + sizeof loop_code - 2, 0, 0);
}

static int rig_setup(void **state)
{
    static struct rig r;
    char err[256];
    memset(&r, 0, sizeof r);
    assert_true(sim_mem_init(&r.mem, &rig_board, err, sizeof err));
    rig_mpu_attach(&r.mpu, &r.mem);
    assert_true(sim_cpu_open(&r.cpu, "cortex-m3", &r.clock, &r.mem, &r.mpu, err,
                             sizeof err));
    grant(test_grants, 2);
    memcpy(sim_mem_host(&r.mem, CODE, sizeof loop_code), loop_code, sizeof loop_code);
    memcpy(sim_mem_host(&r.mem, CODE + 0x100, sizeof fault_code), fault_code,
           sizeof fault_code);
    memcpy(sim_mem_host(&r.mem, CODE + 0x200, sizeof undef_code), undef_code,
           sizeof undef_code);
    memcpy(sim_mem_host(&r.mem, CODE + 0x300, sizeof control_code), control_code,
           sizeof control_code);
    memcpy(sim_mem_host(&r.mem, CODE + 0x400, sizeof jump_code), jump_code,
           sizeof jump_code);
    assert_int_equal(uc_open(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS, &r.ref), UC_ERR_OK);
    uc_ctl_set_cpu_model(r.ref, UC_CPU_ARM_CORTEX_M3);
    uc_mem_map(r.ref, CODE, 0x1000, UC_PROT_ALL);
    uc_mem_map_ptr(r.ref, DATA, 0x1000, UC_PROT_ALL, &r.ref_data);
    uc_mem_write(r.ref, CODE, loop_code, sizeof loop_code);
    uc_hook_add(r.ref, &r.ref_hook, UC_HOOK_CODE, on_ref_insn, &r, 1, 0);
    record_reference(&r);
    *state = &r;
    return 0;
}

static int rig_teardown(void **state)
{
    struct rig *r = *state;
    uc_close(r->ref);
    sim_cpu_close(&r->cpu);
    sim_mem_free(&r->mem);
    return 0;
}

static void fresh_context(struct arch_context *c, uint32_t seed, uint32_t data)
{
    memset(c, 0, sizeof *c);
    c->r[1] = seed;
    c->r[4] = data;
    c->pc = CODE;
    c->sp = DATA + 0x800;
    c->xpsr = 1u << 24;
}

/* A context that starts at pc with every register zero. */
static void bare_context(struct arch_context *c, uint32_t pc)
{
    memset(c, 0, sizeof *c);
    c->pc = pc;
    c->xpsr = 1u << 24;
}

static uint32_t *data_word(struct rig *r, uint32_t addr)
{
    return (uint32_t *)sim_mem_host(&r->mem, addr, 4);
}

/* Runs ctx on the simulator until the clock reaches `until`. */
static struct sim_exit run_until(struct rig *r, struct arch_context *ctx, uint64_t until)
{
    r->clock.deadline = until;
    r->clock.limit = UINT64_MAX;
    r->clock.pause = UINT64_MAX;
    return sim_cpu_run(&r->cpu, ctx);
}

/* Compares the state after k instructions with the reference.  When the
 * k-th instruction is condition-failed (no snapshot), the next recorded one
 * must agree on everything those skipped instructions cannot change. */
static void assert_matches_reference(struct rig *r, const struct arch_context *c, uint32_t k)
{
    uint32_t at = k;
    while (!r->snap[at].valid)
        at++;
    const struct snapshot *s = &r->snap[at];
    const uint32_t got[6] = {c->r[0], c->r[1], c->r[2], c->r[3], c->r[5], c->r[6]};
    for (int i = 0; i < 6; i++) {
        if (got[i] != s->r[i])
            fail_msg("after %u instructions: register #%d is 0x%08x, reference 0x%08x",
                     k, i, got[i], s->r[i]);
    }
    assert_int_equal(c->xpsr & 0xf0000000u, s->nzcv);
    assert_int_equal(*data_word(r, DATA), s->data);
    if (at == k)
        assert_int_equal(c->pc, s->pc);
}

static void stops_after_exactly_the_instruction_that_reaches_the_deadline(void **state)
{
    struct rig *r = *state;
    uint64_t tails = r->cpu.tails, it_tails = r->cpu.it_tails;
    for (uint32_t k = 1; k < LOOP_INSNS; k += (k < 300 ? 1 : 37)) {
        struct arch_context c;
        fresh_context(&c, 0x1234567, DATA);
        *data_word(r, DATA) = 0;
        r->clock.now = 0;
        struct sim_exit x = run_until(r, &c, k);
        assert_int_equal(x.why, SIM_STOP_CLOCK);
        assert_int_equal(r->clock.now, k);
        assert_matches_reference(r, &c, k);
    }
    /* Both ways of running a tail were exercised: around the IT blocks and
     * clear of them. */
    assert_true(r->cpu.it_tails - it_tails > 50);
    assert_true((r->cpu.tails - tails) - (r->cpu.it_tails - it_tails) > 50);
}

static void svc_stops_with_every_instruction_counted(void **state)
{
    struct rig *r = *state;
    struct arch_context c;
    fresh_context(&c, 0x1234567, DATA);
    r->clock.now = 1000;
    struct sim_exit x = run_until(r, &c, UINT64_MAX);
    assert_int_equal(x.why, SIM_STOP_SVC);
    assert_int_equal(x.pc, CODE + 0x22);
    assert_int_equal(c.pc, CODE + 0x24);
    assert_int_equal(r->clock.now, 1000 + LOOP_INSNS);
}

/* Two threads share the code; each is preempted at every point of the
 * first turns (inside IT blocks too) while the other runs, and must end
 * exactly as if it had never been interrupted. */
static void preemption_and_resume_preserve_it_state(void **state)
{
    struct rig *r = *state;
    struct arch_context whole;
    fresh_context(&whole, 0x1234567, DATA);
    *data_word(r, DATA) = 0;
    run_until(r, &whole, UINT64_MAX);
    uint32_t expect_r2 = whole.r[2], expect_r6 = whole.r[6], expect_mem = *data_word(r, DATA);

    for (uint32_t k = 1; k < 64; k++) {
        struct arch_context a, b;
        fresh_context(&a, 0x1234567, DATA);
        fresh_context(&b, 0x7654321, DATA + 0x100);
        *data_word(r, DATA) = 0;
        r->clock.now = 0;
        run_until(r, &a, k);
        run_until(r, &b, k + 1 + k % 7);
        struct sim_exit x = run_until(r, &a, UINT64_MAX);
        assert_int_equal(x.why, SIM_STOP_SVC);
        assert_int_equal(a.r[2], expect_r2);
        assert_int_equal(a.r[6], expect_r6);
        assert_int_equal(*data_word(r, DATA), expect_mem);
    }
}

static void memory_fault_reports_address_pc_and_retired_count(void **state)
{
    struct rig *r = *state;
    struct arch_context c;
    bare_context(&c, CODE + 0x100);
    c.r[1] = 0x30000004; /* nothing mapped there */
    r->clock.now = 0;
    struct sim_exit x = run_until(r, &c, UINT64_MAX);
    assert_int_equal(x.why, SIM_STOP_MEMORY);
    assert_int_equal(x.access, 0);
    assert_int_equal(x.addr, 0x30000004);
    assert_int_equal(x.status, SCB_MMFSR_DACCVIOL | SCB_MMFSR_MMARVALID);
    assert_int_equal(r->mpu.mmfar, 0x30000004);
    assert_int_equal(x.pc, CODE + 0x104);
    assert_int_equal(r->clock.now, 2); /* the two adds before the load */
    r->mpu.cfsr = 0;
}

/* CONTROL.nPRIV is set: the partition reads it back as 1 and cannot clear
 * it (an unprivileged MSR to CONTROL is ignored). */
static void partitions_run_unprivileged(void **state)
{
    struct rig *r = *state;
    struct arch_context c;
    bare_context(&c, CODE + 0x300);
    struct sim_exit x = run_until(r, &c, UINT64_MAX);
    assert_int_equal(x.why, SIM_STOP_SVC);
    assert_int_equal(c.r[0] & 1, 1);
    assert_int_equal(c.r[2] & 1, 1);
}

static void undefined_instruction_stops_at_its_address(void **state)
{
    struct rig *r = *state;
    struct arch_context c;
    bare_context(&c, CODE + 0x200);
    r->clock.now = 0;
    struct sim_exit x = run_until(r, &c, UINT64_MAX);
    assert_int_equal(x.why, SIM_STOP_UNDEFINED);
    assert_int_equal(x.pc, CODE + 0x202);
    assert_int_equal(c.r[0], 1);
    assert_int_equal(r->clock.now, 1);
}

/* A jump into memory the partition may not execute faults at the target;
 * the block that jumped retired whole (no block at the target was ever
 * charged), whether the target lies ahead in the same RAM, behind, or
 * outside RAM. */
static void jump_to_forbidden_code_keeps_the_count(void **state)
{
    struct rig *r = *state;
    static const uint32_t targets[] = {CODE + 0x2000, CODE - 0x1000, 0x30000000};
    for (unsigned i = 0; i < 3; i++) {
        struct arch_context c;
        bare_context(&c, CODE + 0x400);
        c.r[1] = targets[i] | 1;
        r->clock.now = 0;
        struct sim_exit x = run_until(r, &c, 100);
        assert_int_equal(x.why, SIM_STOP_MEMORY);
        assert_int_equal(x.access, SIM_EXEC);
        assert_int_equal(x.pc, targets[i]);
        assert_int_equal(r->clock.now, 3);
    }
}

static void partition_cannot_touch_memory_outside_its_regions(void **state)
{
    struct rig *r = *state;
    struct arch_context c;
    bare_context(&c, CODE + 0x100);
    c.r[1] = DATA + 0x1006; /* RAM, but the next partition's */
    r->clock.now = 0;
    struct sim_exit x = run_until(r, &c, UINT64_MAX);
    assert_int_equal(x.why, SIM_STOP_MEMORY);
    assert_int_equal(x.addr, DATA + 0x1006);
    assert_int_equal(x.pc, CODE + 0x104);
    /* Nothing accessible at all while the MPU grants nothing. */
    grant(NULL, 0);
    c.pc = CODE;
    x = run_until(r, &c, UINT64_MAX);
    assert_int_equal(x.why, SIM_STOP_MEMORY);
    assert_int_equal(x.access, SIM_EXEC);
    assert_int_equal(x.status & SCB_MMFSR_IACCVIOL, SCB_MMFSR_IACCVIOL);
    grant(test_grants, 2);
    r->mpu.cfsr = 0;
}

/* A 64-byte region inside a page: its edges are exact to the byte (the
 * page is split, so every access there is settled by the probe engine),
 * and an unaligned word straddling the edge faults at the first byte
 * outside. */
static void region_edges_inside_a_page_are_exact(void **state)
{
    struct rig *r = *state;
    static const struct grant small[] = {
        {CODE, 12, 0, MPU_R | MPU_X},
        {DATA + 0x1040, 6, 0, MPU_R | MPU_W},
    };
    grant(small, 2);
    static const struct {
        uint32_t addr;
        bool ok;
        uint32_t fault_at;
    } probes[] = {
        {DATA + 0x1040, true, 0},           {DATA + 0x107c, true, 0},
        {DATA + 0x103c, false, DATA + 0x103c}, {DATA + 0x1080, false, DATA + 0x1080},
        {DATA + 0x107e, false, DATA + 0x1080}, {DATA + 0x103e, false, DATA + 0x103e},
    };
    for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        struct arch_context c;
        bare_context(&c, CODE + 0x100);
        c.r[1] = probes[i].addr;
        *data_word(r, DATA + 0x1040) = 0x11223344;
        r->clock.now = 0;
        struct sim_exit x = run_until(r, &c, 4);
        if (probes[i].ok) {
            assert_int_equal(x.why, SIM_STOP_CLOCK);
            assert_int_equal(r->clock.now, 4);
            if (probes[i].addr == DATA + 0x1040)
                assert_int_equal(c.r[0], 0x11223345); /* loaded, then adds #1 */
        } else {
            assert_int_equal(x.why, SIM_STOP_MEMORY);
            assert_int_equal(x.addr, probes[i].fault_at);
            assert_int_equal(x.pc, CODE + 0x104);
            assert_int_equal(r->clock.now, 2);
        }
        r->mpu.cfsr = 0;
    }
    assert_true(r->cpu.precise_steps > 0);
    grant(test_grants, 2);
}

/* The instruction that reaches the stop cycle is the last of its run: a
 * refused fetch right after it is not reported before the interrupt (here
 * a fall-through off the end of the code region, and a jump out of it). */
static void stop_cycle_comes_before_a_refused_fetch(void **state)
{
    struct rig *r = *state;
    uint8_t *end = sim_mem_host(&r->mem, CODE + 0xffc, 4);
    static const uint8_t nops[] = {0x00, 0xbf, 0x00, 0xbf}; /* nop; nop */
    uint8_t saved[4];
    memcpy(saved, end, 4);
    memcpy(end, nops, 4);
    struct arch_context c;
    bare_context(&c, CODE + 0xffc);
    r->clock.now = 0;
    struct sim_exit x = run_until(r, &c, 2);
    assert_int_equal(x.why, SIM_STOP_CLOCK);
    assert_int_equal(c.pc, CODE + 0x1000);
    assert_int_equal(r->clock.now, 2);
    x = run_until(r, &c, 3); /* the next run faults, at no cost */
    assert_int_equal(x.why, SIM_STOP_MEMORY);
    assert_int_equal(x.access, SIM_EXEC);
    assert_int_equal(r->clock.now, 2);
    memcpy(end, saved, 4);
    bare_context(&c, CODE + 0x400); /* adds; adds; bx r1 */
    c.r[1] = (CODE + 0x2000) | 1;
    r->clock.now = 0;
    x = run_until(r, &c, 3);
    assert_int_equal(x.why, SIM_STOP_CLOCK);
    assert_int_equal(c.pc, CODE + 0x2000);
    r->mpu.cfsr = 0;
}

/* Exception entry stacks 8 words below SP (8-byte aligned: 9 when SP is
 * not), with the thread's rights; a frame the MPU refuses is MSTKERR, with
 * no fault address. */
static void exception_frame_must_be_writable(void **state)
{
    struct rig *r = *state;
    struct sim_exit x;
    assert_true(sim_cpu_stacking_ok(&r->cpu, DATA + 32, CODE, &x));
    assert_true(sim_cpu_stacking_ok(&r->cpu, DATA + 0x1000, CODE, &x));
    assert_false(sim_cpu_stacking_ok(&r->cpu, DATA + 28, CODE + 6, &x));
    assert_int_equal(x.why, SIM_STOP_MEMORY);
    assert_int_equal(x.status, SCB_MMFSR_MSTKERR);
    assert_int_equal(x.pc, CODE + 6);
    r->mpu.cfsr = 0;
    /* SP 4 past an 8-byte boundary: the frame starts 36 bytes below. */
    assert_true(sim_cpu_stacking_ok(&r->cpu, DATA + 36, CODE, &x));  /* at DATA */
    assert_false(sim_cpu_stacking_ok(&r->cpu, DATA + 24, CODE, &x)); /* at DATA-8 */
    assert_int_equal(x.status, SCB_MMFSR_MSTKERR);
    r->mpu.cfsr = 0;
}

/* The memory layer's page operations take effect while the guest runs
 * (DESIGN.md: the MPU model and demand paging need them). */
static void pages_can_be_protected_and_unmapped_at_run_time(void **state)
{
    struct rig *r = *state;
    struct arch_context c;
    fresh_context(&c, 0x1234567, DATA);
    assert_true(sim_mem_protect_pages(&r->mem, DATA, SIM_PAGE_SIZE, UC_PROT_READ));
    struct sim_exit x = run_until(r, &c, UINT64_MAX);
    assert_int_equal(x.why, SIM_STOP_MEMORY);
    assert_int_equal(x.access, SIM_WRITE);
    assert_int_equal(x.pc, CODE + 0x12); /* the str */
    assert_true(sim_mem_protect_pages(&r->mem, DATA, SIM_PAGE_SIZE,
                                      UC_PROT_READ | UC_PROT_WRITE));
    assert_int_equal(run_until(r, &c, UINT64_MAX).why, SIM_STOP_SVC);

    uint8_t *code = sim_mem_host(&r->mem, CODE, SIM_PAGE_SIZE);
    assert_true(sim_mem_unmap_pages(&r->mem, CODE, SIM_PAGE_SIZE));
    fresh_context(&c, 0x1234567, DATA);
    x = run_until(r, &c, UINT64_MAX);
    assert_int_equal(x.why, SIM_STOP_MEMORY);
    assert_int_equal(x.access, SIM_EXEC);
    assert_true(sim_mem_map_pages(&r->mem, CODE, SIM_PAGE_SIZE, UC_PROT_ALL));
    assert_ptr_equal(sim_mem_host(&r->mem, CODE, SIM_PAGE_SIZE), code);
    assert_int_equal(run_until(r, &c, UINT64_MAX).why, SIM_STOP_SVC);
}

static void block_counts_agree_with_unicorn(void **state)
{
    struct rig *r = *state;
    uc_tb tb;
    /* uc_ctl_request_cache() spelled out: its macro shifts 3 << 30 in an
     * int, which UBSan rightly rejects. */
    uc_control_type request = (uc_control_type)(UC_CTL_TB_REQUEST_CACHE | 2u << 26 |
                                                (unsigned)UC_CTL_IO_READ_WRITE << 30);
    assert_int_equal(uc_ctl(r->cpu.uc, request, (uint64_t)(CODE | 1), &tb), UC_ERR_OK);
    assert_int_equal(icount_decode(loop_code, tb.size), tb.icount);
    assert_int_equal(icount_decode(loop_code, sizeof loop_code), 16);
    assert_int_equal(thumb_insn_len(0xf000), 4);
    assert_int_equal(thumb_insn_len(0xe800), 4);
    assert_int_equal(thumb_insn_len(0xe7fe), 2); /* b . (16-bit) */
}

static const struct grant other_grants[] = {
    {CODE, 12, 0, MPU_R | MPU_X},
    {DATA + 0x1000, 12, 0, MPU_R | MPU_W},
};

/* A tail after a partition switch must not use the previous
 * partition's rights. */
static void tail_after_switch_uses_new_rights(void **state)
{
    struct rig *r = *state;
    struct arch_context c;
    fresh_context(&c, 0x1234567, DATA);
    r->clock.now = 0;
    struct sim_exit x = run_until(r, &c, 12); /* tail touches DATA */
    assert_int_equal(x.why, SIM_STOP_CLOCK);
    grant(other_grants, 2);
    fresh_context(&c, 0x1234567, DATA); /* DATA is not o's */
    r->clock.now = 0;
    x = run_until(r, &c, 12);
    grant(test_grants, 2);
    assert_int_equal(x.why, SIM_STOP_MEMORY);
}

/* Stop at k, then resume and stop again at k+j: the second tail may
 * begin inside an IT block (xPSR IT bits set). */
static void resumed_tails_inside_it_blocks(void **state)
{
    struct rig *r = *state;
    for (uint32_t k = 1; k < 40; k++) {
        for (uint32_t j = 1; j < 20; j++) {
            struct arch_context c;
            fresh_context(&c, 0x1234567, DATA);
            *data_word(r, DATA) = 0;
            r->clock.now = 0;
            run_until(r, &c, k);
            struct sim_exit x = run_until(r, &c, k + j);
            assert_int_equal(x.why, SIM_STOP_CLOCK);
            assert_int_equal(r->clock.now, k + j);
            assert_matches_reference(r, &c, k + j);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stops_after_exactly_the_instruction_that_reaches_the_deadline),
        cmocka_unit_test(svc_stops_with_every_instruction_counted),
        cmocka_unit_test(preemption_and_resume_preserve_it_state),
        cmocka_unit_test(memory_fault_reports_address_pc_and_retired_count),
        cmocka_unit_test(partitions_run_unprivileged),
        cmocka_unit_test(undefined_instruction_stops_at_its_address),
        cmocka_unit_test(jump_to_forbidden_code_keeps_the_count),
        cmocka_unit_test(partition_cannot_touch_memory_outside_its_regions),
        cmocka_unit_test(region_edges_inside_a_page_are_exact),
        cmocka_unit_test(stop_cycle_comes_before_a_refused_fetch),
        cmocka_unit_test(exception_frame_must_be_writable),
        cmocka_unit_test(pages_can_be_protected_and_unmapped_at_run_time),
        cmocka_unit_test(block_counts_agree_with_unicorn),
        cmocka_unit_test(resumed_tails_inside_it_blocks),
        cmocka_unit_test(tail_after_switch_uses_new_rights),
    };
    return cmocka_run_group_tests_name("sim.cpu", tests, rig_setup, rig_teardown);
}
