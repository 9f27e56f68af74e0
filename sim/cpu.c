/* cpu.c - the guest CPU and its exact clock (see cpu.h). */
#include "cpu.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

/* QEMU's exception numbers as Unicorn's interrupt hook reports them. */
enum { EXCP_UDEF = 1, EXCP_SWI = 2, EXCP_BKPT = 7 };

static const int context_regs[17] = {
    UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2,  UC_ARM_REG_R3,
    UC_ARM_REG_R4, UC_ARM_REG_R5, UC_ARM_REG_R6,  UC_ARM_REG_R7,
    UC_ARM_REG_R8, UC_ARM_REG_R9, UC_ARM_REG_R10, UC_ARM_REG_R11,
    UC_ARM_REG_R12, UC_ARM_REG_SP, UC_ARM_REG_LR, UC_ARM_REG_PC,
    UC_ARM_REG_XPSR,
};

/* --- instruction counting ------------------------------------------- */

static uint32_t insns_between(struct sim_cpu *c, uint32_t from, uint32_t to)
{
    const uint8_t *code = sim_mem_host(c->mem, from, to - from);
    return code && to > from ? icount_decode(code, to - from) : 0;
}

/* Guest instructions retired by the time the clock reaches `cycle` of
 * this run (only guest instructions advance the clock during a run). */
static uint64_t insns_at(const struct sim_cpu *c, uint64_t cycle)
{
    return c->clock->insns + (cycle - c->run_start);
}

/* Instructions from addr up to `at`, when `at` starts one; else -1. */
static int64_t insn_index(struct sim_cpu *c, uint32_t addr, uint32_t size, uint32_t at)
{
    const uint8_t *code = sim_mem_host(c->mem, addr, size);
    if (!code)
        return -1;
    uint32_t n = icount_decode(code, at - addr);
    return icount_advance(code, n) == at - addr ? (int64_t)n : -1;
}

/* The block at addr holds breakpoints: each one this run reaches (it
 * begins before the stop cycle) is a hit, recorded at its exact position;
 * when the run is to stop there, the stop cycle moves to it, so the
 * instructions before it run as an exact tail and it does not. */
static void check_breaks(struct sim_cpu *c, uint32_t addr, uint32_t size)
{
    struct sim_traps *t = c->traps;
    for (unsigned i = 0; i < t->num_breaks; i++) {
        const struct sim_break *b = &t->brk[i];
        if (b->addr < addr || b->addr - addr >= size)
            continue;
        int64_t idx = insn_index(c, addr, size, b->addr);
        uint64_t at = c->now + (uint64_t)(idx < 0 ? 0 : idx);
        if (idx < 0 || at >= c->stop_at || insns_at(c, at) == t->ignore_at)
            continue;
        uint64_t pos = insns_at(c, at);
        sim_traps_record(t, &(struct sim_hit){.lo = pos, .hi = pos, .cycle = at,
                                              .id = b->id, .addr = b->addr, .exact = true});
        if (t->stop_on_hit)
            c->stop_at = at;
    }
}

/* The rare cases of the block hook, kept out of its fast path: a block not
 * yet in the count cache, a block holding a breakpoint, and a block that
 * would cross the stop cycle. */
static __attribute__((noinline)) void on_block_slow(uc_engine *uc, struct sim_cpu *c,
                                                    uint32_t addr, uint32_t size)
{
    struct icount_slot *s = icount_slot(&c->icount, addr);
    if (s->addr != addr || s->size != size) {
        const uint8_t *code = sim_mem_host(c->mem, addr, size);
        if (code)
            icount_fill(s, addr, code, size);
        else
            *s = (struct icount_slot){addr, size, 1};
    }
    uint32_t count = s->count;
    if (c->traps && sim_traps_break_in(c->traps, addr, size)) {
        check_breaks(c, addr, size);
        s->size = 0; /* never a fast-path hit: it comes here every time */
    }
    if (c->now + count > c->stop_at) {
        c->pending_stop = true;
        c->stop_block_addr = addr;
        c->stop_block_size = size;
        uc_emu_stop(uc);
        return;
    }
    c->block_addr = addr;
    c->block_size = size;
    c->block_start = c->now;
    c->now += count;
}

/* Runs before every translated block (3.5 instructions on average in the
 * benchmark), so it is the simulator's hot path: a cache probe, a compare
 * and three stores, touching only the cpu struct.  Charges the whole block
 * up front; everything else goes to on_block_slow. */
static void on_block(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
    struct sim_cpu *c = user;
    const struct icount_slot *s = icount_slot(&c->icount, (uint32_t)addr);
    uint64_t now = c->now;
    if (__builtin_expect(s->addr == (uint32_t)addr && s->size == size &&
                             now + s->count <= c->stop_at, 1)) {
        c->block_addr = (uint32_t)addr;
        c->block_size = size;
        c->block_start = now;
        c->now = now + s->count;
        return;
    }
    on_block_slow(uc, c, (uint32_t)addr, size);
}

/* --- traps ------------------------------------------------------------ */

static void set_exit(struct sim_cpu *c, enum sim_stop why)
{
    if (c->have_exit)
        return;
    c->exit = (struct sim_exit){.why = why};
    c->have_exit = true;
}

static void on_interrupt(uc_engine *uc, uint32_t intno, void *user)
{
    struct sim_cpu *c = user;
    if (intno == EXCP_SWI) {
        set_exit(c, SIM_STOP_SVC);
    } else {
        set_exit(c, intno == EXCP_UDEF || intno == EXCP_BKPT ? SIM_STOP_UNDEFINED
                                                             : SIM_STOP_EXCEPTION);
        c->exit.exception = intno;
    }
    uc_emu_stop(uc);
}

static bool on_bad_access(uc_engine *uc, uc_mem_type type, uint64_t addr,
                          int size, int64_t value, void *user)
{
    (void)uc;
    (void)size;
    (void)value;
    struct sim_cpu *c = user;
    uint32_t access;
    switch (type) {
    case UC_MEM_WRITE_UNMAPPED:
    case UC_MEM_WRITE_PROT: access = 1; break;
    case UC_MEM_FETCH_UNMAPPED:
    case UC_MEM_FETCH_PROT: access = 2; break;
    default: access = 0; break;
    }
    set_exit(c, SIM_STOP_MEMORY);
    c->exit.access = access;
    c->exit.addr = (uint32_t)addr;
    return false;
}

/* --- watchpoints ------------------------------------------------------- */

/* An access of the block being run touched a watched range: the hit lies
 * within the block (its instruction is not known here).  A run that is to
 * stop ends with the block. */
static void on_watch_access(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
                            int64_t value, void *user)
{
    (void)value;
    struct sim_cpu *c = user;
    bool write = type == UC_MEM_WRITE;
    const struct sim_watch *w = sim_traps_watched(c->traps, (uint32_t)addr, (uint32_t)size, write);
    if (!w)
        return;
    /* The main engine's block was charged whole before it ran; a tail
     * runs to the stop cycle. */
    uint64_t end = uc == c->uc ? c->now : c->stop_at;
    uint32_t first = (uint32_t)addr > w->addr ? (uint32_t)addr : w->addr;
    sim_traps_record(c->traps, &(struct sim_hit){
        .lo = insns_at(c, c->block_start), .hi = insns_at(c, end),
        .cycle = c->block_start, .id = w->id,
        .addr = first, .write = write, .exact = end == c->block_start + 1});
    if (c->traps->stop_on_hit && end < c->stop_at)
        c->stop_at = end;
}

static uc_engine *watched_engine(struct sim_cpu *c, unsigned i)
{
    return i == 0 ? c->uc : i == 1 ? c->tail_uc : c->it_tail_uc;
}

bool sim_cpu_traps_changed(struct sim_cpu *c)
{
    bool want = c->traps && c->traps->num_watches > 0;
    for (unsigned i = 0; i < 3; i++) {
        uc_engine *uc = watched_engine(c, i);
        uc_err e = UC_ERR_OK;
        if (want && !c->watch_hooked)
            e = uc_hook_add(uc, &c->watch_hook[i], UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE,
                            on_watch_access, c, 1, 0);
        else if (!want && c->watch_hooked)
            e = uc_hook_del(uc, c->watch_hook[i]);
        if (e != UC_ERR_OK)
            return false;
        uc_ctl_flush_tb(uc); /* translations bake in which hooks exist */
    }
    c->watch_hooked = want;
    memset(&c->icount, 0, sizeof c->icount); /* blocks with breakpoints re-checked */
    return true;
}

void sim_cpu_code_changed(struct sim_cpu *c)
{
    for (unsigned i = 0; i < c->mem->num_uc; i++) /* every engine attached */
        uc_ctl_flush_tb(c->mem->uc[i]);
    c->probe_steps_since_flush = 0;
    memset(&c->icount, 0, sizeof c->icount);
}

/* --- set-up ----------------------------------------------------------- */

static int cpu_model_of(const char *name)
{
    if (!strcmp(name, "cortex-m3"))
        return UC_CPU_ARM_CORTEX_M3;
    if (!strcmp(name, "cortex-m4"))
        return UC_CPU_ARM_CORTEX_M4;
    if (!strcmp(name, "cortex-m7"))
        return UC_CPU_ARM_CORTEX_M7;
    return -1;
}

/* One engine of the CPU: Cortex-M model, trap hooks, unprivileged thread
 * mode (CONTROL.nPRIV: partitions never run privileged code), memory. */
static uc_err open_engine(struct sim_cpu *c, int model, uint32_t code_buffer,
                          uc_engine **uc, uc_hook *intr_hook, uc_hook *mem_hook)
{
    uc_err e = uc_open(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS, uc);
    if (e == UC_ERR_OK && code_buffer) /* before anything initialises it */
        e = uc_ctl(*uc, UC_CTL_WRITE(UC_CTL_TCG_BUFFER_SIZE, 1), code_buffer);
    if (e == UC_ERR_OK)
        e = uc_ctl_set_cpu_model(*uc, model);
    if (e == UC_ERR_OK)
        e = uc_hook_add(*uc, intr_hook, UC_HOOK_INTR, on_interrupt, c, 1, 0);
    if (e == UC_ERR_OK)
        e = uc_hook_add(*uc, mem_hook, UC_HOOK_MEM_INVALID, on_bad_access, c, 1, 0);
    uint32_t control = 1;
    if (e == UC_ERR_OK)
        e = uc_reg_write(*uc, UC_ARM_REG_CONTROL, &control);
    return e;
}

/* --- the probe engine ------------------------------------------------- */

static void on_probe_interrupt(uc_engine *uc, uint32_t intno, void *user)
{
    struct sim_cpu *c = user;
    c->probe_intno = (int)intno;
    uc_emu_stop(uc);
}

static bool on_probe_bad_access(uc_engine *uc, uc_mem_type type, uint64_t addr,
                                int size, int64_t value, void *user)
{
    (void)uc, (void)type, (void)addr, (void)size, (void)value;
    struct sim_cpu *c = user;
    c->probe_intno = -2; /* not a CPU exception: refused or unmapped */
    return false;
}

/* Every access of the instruction, at its exact guest address (only the
 * discovering engines have this hook). */
static void on_probe_access(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
                            int64_t value, void *user)
{
    (void)value;
    struct sim_cpu *c = user;
    unsigned engine = uc == c->discover_uc ? SIM_ENGINE_DISCOVER : SIM_ENGINE_PROBE;
    if (c->mem->view[engine].mode != SIM_PROBE_DISCOVER)
        return;
    if (c->probe_n == SIM_PROBE_MAX_ACCESSES) {
        c->probe_overflow = true;
        return;
    }
    c->probe[c->probe_n++] = (struct sim_probe_access){
        .addr = sim_mem_probe_vaddr(c->mem, engine, addr),
        .size = (uint32_t)size,
        .access = type == UC_MEM_WRITE ? SIM_WRITE : SIM_READ,
    };
}

/* A probe engine; sees_accesses: it discovers (the access hook makes
 * every access of its translations take Unicorn's slow path). */
static uc_err open_probe_engine(struct sim_cpu *c, int model, uint32_t code_buffer,
                                bool sees_accesses, uc_engine **uc, uc_hook *intr_hook,
                                uc_hook *bad_hook, uc_hook *mem_hook)
{
    uc_err e = uc_open(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS, uc);
    if (e == UC_ERR_OK)
        e = uc_ctl(*uc, UC_CTL_WRITE(UC_CTL_TCG_BUFFER_SIZE, 1), code_buffer);
    if (e == UC_ERR_OK)
        e = uc_ctl_set_cpu_model(*uc, model);
    if (e == UC_ERR_OK)
        e = uc_hook_add(*uc, intr_hook, UC_HOOK_INTR, on_probe_interrupt, c, 1, 0);
    if (e == UC_ERR_OK)
        e = uc_hook_add(*uc, bad_hook, UC_HOOK_MEM_INVALID, on_probe_bad_access, c, 1, 0);
    if (e == UC_ERR_OK && sees_accesses)
        e = uc_hook_add(*uc, mem_hook, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE,
                        on_probe_access, c, 1, 0);
    uint32_t control = 1;
    if (e == UC_ERR_OK)
        e = uc_reg_write(*uc, UC_ARM_REG_CONTROL, &control);
    return e;
}

static uc_err open_probe_engines(struct sim_cpu *c, int model)
{
    uc_err e = open_probe_engine(c, model, 4u << 20, true, &c->probe_uc,
                                 &c->probe_intr_hook, &c->probe_bad_hook,
                                 &c->probe_mem_hook);
    if (e == UC_ERR_OK)
        e = uc_context_alloc(c->probe_uc, &c->probe_saved);
    if (e == UC_ERR_OK)
        e = open_probe_engine(c, model, 8u << 20, true, &c->discover_uc,
                              &c->discover_intr_hook, &c->discover_bad_hook,
                              &c->discover_mem_hook);
    if (e == UC_ERR_OK)
        e = open_probe_engine(c, model, 8u << 20, false, &c->execute_uc,
                              &c->execute_intr_hook, &c->execute_bad_hook, NULL);
    return e;
}

bool sim_cpu_open(struct sim_cpu *c, const char *model, struct sim_clock *clock,
                  struct sim_mem *mem, struct sim_mpu *mpu, char *err,
                  unsigned errlen)
{
    memset(c, 0, sizeof *c);
    c->clock = clock;
    c->mem = mem;
    c->mpu = mpu;
    int m = cpu_model_of(model);
    if (m < 0) {
        snprintf(err, errlen, "unsupported CPU '%s' (supported: cortex-m3, cortex-m4, cortex-m7)", model);
        return false;
    }
    uc_err e = open_engine(c, m, 0, &c->uc, &c->intr_hook, &c->mem_hook);
    if (e == UC_ERR_OK)
        e = uc_hook_add(c->uc, &c->block_hook, UC_HOOK_BLOCK, on_block, c, 1, 0);
    if (e == UC_ERR_OK)
        e = open_engine(c, m, 0, &c->tail_uc, &c->tail_intr_hook, &c->tail_mem_hook);
    /* Every IT tail translates a fresh block on its engine: a small code
     * buffer makes Unicorn recycle it early instead of growing to ~1 GiB. */
    if (e == UC_ERR_OK)
        e = open_engine(c, m, 8u << 20, &c->it_tail_uc, &c->it_intr_hook, &c->it_mem_hook);
    if (e == UC_ERR_OK)
        e = open_probe_engines(c, m);
    if (e != UC_ERR_OK) {
        snprintf(err, errlen, "cannot start the CPU model: %s", uc_strerror(e));
        return false;
    }
    /* Attached in enum sim_engine order. */
    sim_mem_set_mpu(mem, mpu);
    return sim_mem_attach(mem, c->uc, false, err, errlen) &&
           sim_mem_attach(mem, c->tail_uc, false, err, errlen) &&
           sim_mem_attach(mem, c->it_tail_uc, false, err, errlen) &&
           sim_mem_attach(mem, c->probe_uc, true, err, errlen) &&
           sim_mem_attach(mem, c->discover_uc, true, err, errlen) &&
           sim_mem_attach(mem, c->execute_uc, true, err, errlen);
}

void sim_cpu_close(struct sim_cpu *c)
{
    if (c->uc)
        uc_close(c->uc);
    if (c->tail_uc)
        uc_close(c->tail_uc);
    if (c->it_tail_uc)
        uc_close(c->it_tail_uc);
    if (c->probe_saved)
        uc_context_free(c->probe_saved);
    c->probe_saved = NULL;
    uc_engine *probes[] = {c->probe_uc, c->discover_uc, c->execute_uc};
    for (unsigned i = 0; i < 3; i++) {
        if (probes[i])
            uc_close(probes[i]);
    }
    c->uc = c->tail_uc = c->it_tail_uc = NULL;
    c->probe_uc = c->discover_uc = c->execute_uc = NULL;
}

/* --- running ---------------------------------------------------------- */

static void load_context(uc_engine *uc, const struct arch_context *ctx)
{
    const void *vals[17];
    for (int i = 0; i < 13; i++)
        vals[i] = &ctx->r[i];
    vals[13] = &ctx->sp;
    vals[14] = &ctx->lr;
    vals[15] = &ctx->pc;
    vals[16] = &ctx->xpsr;
    uc_reg_write_batch(uc, (int *)context_regs, (void *const *)vals, 17);
}

static void save_context(uc_engine *uc, struct arch_context *ctx)
{
    void *vals[17];
    for (int i = 0; i < 13; i++)
        vals[i] = &ctx->r[i];
    vals[13] = &ctx->sp;
    vals[14] = &ctx->lr;
    vals[15] = &ctx->pc;
    vals[16] = &ctx->xpsr;
    uc_reg_read_batch(uc, (int *)context_regs, vals, 17);
}

/* `until` 0 names no partition code: address 0 is kernel memory on every
 * board (fcc refuses partition regions there). */
static uc_err start(uc_engine *uc, uint32_t pc, uint32_t until)
{
    return uc_emu_start(uc, pc | 1, until, 0, 0);
}

enum { XPSR_IT_BITS = 0x0600fc00u }; /* ITSTATE: xPSR[26:25] and [15:10] */

/* True when the k instructions run unconditionally and so does the one
 * after them: the thread is not inside an IT block and none of the k is an
 * IT instruction.  Only then does Unicorn's instruction count see each of
 * them and stop cleanly before the next (its code hook misses
 * condition-failed instructions and cannot stop a condition-passed one). */
static bool tail_is_unconditional(const uint8_t *code, uint64_t k, uint32_t xpsr)
{
    return !(xpsr & XPSR_IT_BITS) && !icount_has_it(code, k);
}

/* Runs the k instructions left before the stop cycle, from the context the
 * main engine stopped in, on a tail engine (its own translations, the same
 * memory): the main engine's translations are never disturbed.  They are
 * the first k of the block the fast path stopped in front of (k < its
 * count; only its last instruction can branch or trap).
 *
 * Unconditional tails (the common case) run on the tail engine with
 * Unicorn's instruction count, which stays switched on there, so its
 * translations stay cached: no translation per tail.  A tail that touches
 * an IT block runs on the IT-tail engine, which retranslates the block to
 * end at the k-th instruction's address: Unicorn tests exit addresses
 * before the IT condition, so every instruction counts, condition-failed
 * ones included.  The two kinds never share an engine: in Unicorn 2.1.1,
 * dropping blocks from a cache that also holds count-instrumented
 * translations crashes after a few thousand tails (each kind alone does
 * not; found by fuzzing).  The count stays on in the IT-tail engine too,
 * set past k, so its count hook is never removed (removing flushes). */
static uc_err run_tail(struct sim_cpu *c, struct arch_context *ctx)
{
    uint64_t k = c->stop_at - c->now;
    if (k == 0)
        return UC_ERR_OK;
    uint32_t a = c->stop_block_addr, end = a + c->stop_block_size, pc = ctx->pc;
    /* The block was just translated from this very memory: it is there. */
    const uint8_t *code = sim_mem_host(c->mem, pc, c->stop_block_size);
    uint32_t tail_bytes = icount_advance(code, k);
    c->block_addr = pc;
    c->block_size = tail_bytes;
    c->block_start = c->now;
    uc_err e;
    uc_engine *uc;
    if (tail_is_unconditional(code, k, ctx->xpsr)) {
        uc = c->tail_uc;
        load_context(uc, ctx);
        sim_mem_sync_tlb(c->mem, SIM_ENGINE_TAIL);
        e = uc_emu_start(uc, pc | 1, 0, 0, k);
    } else {
        uc = c->it_tail_uc;
        load_context(uc, ctx);
        sim_mem_sync_tlb(c->mem, SIM_ENGINE_IT_TAIL);
        uc_ctl_remove_cache(uc, a, end);
        e = uc_emu_start(uc, pc | 1, pc + tail_bytes, 0, k + 1);
        uc_ctl_remove_cache(uc, a, end);
        c->it_tails++;
    }
    save_context(uc, ctx);
    c->tails++;
    if (!c->have_exit)
        c->now += k;
    return e;
}

/* A fault inside the charged block ends it early: only the instructions
 * before the faulting one retired, so the up-front charge is corrected from
 * its pc.  A fault anywhere else (a jump into memory the partition may not
 * execute: no block there was ever charged) follows a block that retired
 * whole, whose charge stands. */
static void settle_fault(struct sim_cpu *c, uint32_t pc)
{
    if (pc >= c->block_addr && pc - c->block_addr < c->block_size)
        c->now = c->block_start + insns_between(c, c->block_addr, pc);
}

/* --- accesses the TLB refused ------------------------------------------ */

/* Ends the run with the fault the hardware raises, recorded in the fault
 * status registers as it would be. */
static void memory_fault(struct sim_cpu *c, enum sim_verdict v, enum sim_access a,
                         uint32_t addr, bool stacking, struct sim_exit *x)
{
    uint32_t status = sim_mpu_record_fault(c->mpu, v, a, addr, stacking);
    *x = (struct sim_exit){.why = SIM_STOP_MEMORY, .access = a, .addr = addr,
                           .status = status};
}

/* The verdict on [addr, addr+size): the MPU's, then the bus's (an access
 * the MPU allows to nothing is a bus error). */
static enum sim_verdict verdict(struct sim_cpu *c, uint32_t addr, uint32_t size,
                                enum sim_access a, uint32_t *at)
{
    enum sim_verdict v = sim_mpu_check_range(c->mpu, addr, size, a, false, at);
    if (v != SIM_ALLOW)
        return v;
    *at = addr;
    if (!sim_mem_mapped(c->mem, addr, a) || !sim_mem_mapped(c->mem, addr + size - 1, a))
        return SIM_BUSFAULT;
    return SIM_ALLOW;
}

/* Runs the one instruction at ctx->pc on a probe engine.  The discover
 * and execute engines only ever run plain instructions (outside IT blocks,
 * no exclusives), which Unicorn's instruction count stops exactly, so
 * they keep their translations.  The probe engine runs the others: exits
 * are baked into translations, so its blocks are dropped before and after
 * (nothing stays cached there); the count stops a condition-passed
 * instruction, the exit a condition-failed one (see run_tail). */
static uc_err probe_step(struct sim_cpu *c, unsigned engine, struct arch_context *ctx,
                         uint32_t len, enum sim_probe_mode mode)
{
    uint32_t pc = ctx->pc;
    uc_engine *uc = c->mem->uc[engine];
    sim_mem_probe_begin(c->mem, engine, mode);
    c->probe_n = 0;
    c->probe_overflow = false;
    c->probe_intno = -1;
    load_context(uc, ctx);
    if (engine != SIM_ENGINE_PROBE)
        return uc_emu_start(uc, pc | 1, 0, 0, 1);
    /* Removed blocks keep their room in the code buffer; Unicorn 2.1
     * crashes invalidating a range once a full buffer forced a flush
     * mid-run (seen after ~10^5 probe steps), so the probe engine's
     * buffer is emptied here, between runs, long before it fills. */
    if (++c->probe_steps_since_flush >= SIM_PROBE_FLUSH_EVERY) {
        uc_ctl_flush_tb(uc);
        c->probe_steps_since_flush = 0;
    }
    uc_ctl_remove_cache(uc, pc, pc + len);
    uc_err e = uc_emu_start(uc, pc | 1, pc + len, 0, 1);
    uc_ctl_remove_cache(uc, pc, pc + len);
    return e;
}

/* The exclusive-monitor instructions (Thumb-2 T1 encodings): LDREX,
 * LDREXB, LDREXH set the monitor; STREX, STREXB, STREXH and CLREX clear
 * it. */
static bool is_load_exclusive(uint16_t hw1, uint16_t hw2)
{
    unsigned op = (hw2 >> 4) & 0xf;
    return (hw1 & 0xfff0) == 0xe850 || ((hw1 & 0xfff0) == 0xe8d0 && (op == 4 || op == 5));
}

static bool ends_exclusive(uint16_t hw1, uint16_t hw2)
{
    unsigned op = (hw2 >> 4) & 0xf;
    return (hw1 & 0xfff0) == 0xe840 || ((hw1 & 0xfff0) == 0xe8c0 && (op == 4 || op == 5)) ||
           (hw1 == 0xf3bf && (hw2 & 0xfff0) == 0x8f20);
}

/* An IT instruction (a hint when its mask is zero). */
static bool is_it(uint16_t hw1)
{
    return (hw1 & 0xff00) == 0xbf00 && (hw1 & 0xf) != 0;
}

/* A plain instruction runs unconditionally, and so does the next one, so
 * Unicorn's count stops exactly after it; and it leaves the exclusive
 * monitor alone, so the engine that discovers it need not share the
 * monitor of the one that executes it. */
static bool is_plain(const struct arch_context *ctx, const uint16_t hw[2])
{
    return !(ctx->xpsr & XPSR_IT_BITS) && !is_it(hw[0]) &&
           !is_load_exclusive(hw[0], hw[1]) && !ends_exclusive(hw[0], hw[1]);
}

enum settled { SETTLED_RETIRED, SETTLED_STOPPED };

/* A breakpoint on an instruction settled alone (one after an exclusive
 * load, outside the block the block hook saw): true when the run is to
 * stop right before it. */
static bool probe_break(struct sim_cpu *c, uint32_t pc)
{
    struct sim_traps *t = c->traps;
    const struct sim_break *b = t ? sim_traps_break_at(t, pc) : NULL;
    uint64_t pos = insns_at(c, c->now);
    if (!b || pos == t->ignore_at || (pc >= c->block_addr && pc - c->block_addr < c->block_size))
        return false; /* the block hook has placed any hit in its block */
    sim_traps_record(t, &(struct sim_hit){.lo = pos, .hi = pos, .cycle = c->now,
                                          .id = b->id, .addr = pc, .exact = true});
    return t->stop_on_hit;
}

/* The accesses the probe engine discovered, against the watchpoints: a
 * hit here is exact (the instruction just retired). */
static void probe_watch(struct sim_cpu *c)
{
    struct sim_traps *t = c->traps;
    if (!t || !t->num_watches)
        return;
    for (unsigned i = 0; i < c->probe_n; i++) {
        const struct sim_probe_access *a = &c->probe[i];
        bool write = a->access == SIM_WRITE;
        const struct sim_watch *w = sim_traps_watched(t, a->addr, a->size, write);
        if (!w)
            continue;
        uint64_t pos = insns_at(c, c->now);
        sim_traps_record(t, &(struct sim_hit){.lo = pos - 1, .hi = pos,
                                              .cycle = c->now - 1, .id = w->id,
                                              .addr = a->addr > w->addr ? a->addr : w->addr,
                                              .write = write, .exact = true});
        if (t->stop_on_hit && c->now < c->stop_at)
            c->stop_at = c->now;
        return;
    }
}

/* Settles the one instruction at ctx->pc: checks its fetch, learns its
 * accesses on the probe engine against scratch pages (the engine's own
 * state, exclusive monitor included, is put back afterwards), checks each
 * at the MPU's 32-byte resolution, and runs it for real if all are
 * allowed.  SETTLED_STOPPED with *x set on a fault or a trap, or with
 * x->why == SIM_STOP_CLOCK when no cycle is left in this run. */
static enum settled settle_one(struct sim_cpu *c, struct arch_context *ctx,
                               struct sim_exit *x, uint16_t hw[2])
{
    uint32_t pc = ctx->pc, at;
    /* An instruction that cannot begin before the stop cycle (the run
     * ended exactly before a refused fetch) is no fault yet: the interrupt
     * comes first, as on the board. */
    if (c->now >= c->stop_at) {
        x->why = SIM_STOP_CLOCK;
        return SETTLED_STOPPED;
    }
    const uint8_t *code = sim_mem_host(c->mem, pc, 4);
    hw[0] = code ? (uint16_t)(code[0] | code[1] << 8) : 0;
    hw[1] = code ? (uint16_t)(code[2] | code[3] << 8) : 0;
    uint32_t len = thumb_insn_len(hw[0]);
    enum sim_verdict v = verdict(c, pc, len, SIM_EXEC, &at);
    if (v != SIM_ALLOW) {
        memory_fault(c, v, SIM_EXEC, at, false, x);
        return SETTLED_STOPPED;
    }
    if (probe_break(c, pc)) {
        x->why = SIM_STOP_CLOCK;
        return SETTLED_STOPPED;
    }
    c->precise_steps++;
    bool plain = is_plain(ctx, hw);
    unsigned discover = plain ? SIM_ENGINE_DISCOVER : SIM_ENGINE_PROBE;
    unsigned execute = plain ? SIM_ENGINE_EXECUTE : SIM_ENGINE_PROBE;
    struct arch_context probe_ctx = *ctx;
    if (!plain) {
        c->careful_steps++;
        uc_context_save(c->probe_uc, c->probe_saved);
    }
    probe_step(c, discover, &probe_ctx, len, SIM_PROBE_DISCOVER);
    if (!plain)
        uc_context_restore(c->probe_uc, c->probe_saved);
    if (c->probe_intno == EXCP_SWI) { /* svc: it traps, nothing to access */
        *x = (struct sim_exit){.why = SIM_STOP_SVC};
        ctx->pc = pc + len;
        c->now++;
        return SETTLED_STOPPED;
    }
    /* An access not seen is never to be executed unchecked. */
    if (c->probe_overflow || c->mem->view[discover].exhausted) {
        *x = (struct sim_exit){.why = SIM_STOP_EXCEPTION, .exception = UINT32_MAX};
        return SETTLED_STOPPED;
    }
    /* Other exceptions of the discovery run are not the instruction's own
     * verdict (a branch to a scratch page's zeros, a load into pc):
     * running it for real decides. */
    for (unsigned i = 0; i < c->probe_n; i++) {
        const struct sim_probe_access *a = &c->probe[i];
        v = verdict(c, a->addr, a->size, a->access, &at);
        if (v != SIM_ALLOW) {
            memory_fault(c, v, a->access, at, false, x);
            return SETTLED_STOPPED;
        }
    }
    /* Devices it touches see the cycle it executes at (the clock is
     * otherwise only brought up to date when the run ends). */
    c->clock->now = c->now;
    uc_err e = probe_step(c, execute, ctx, len, SIM_PROBE_EXECUTE);
    if (e == UC_ERR_INSN_INVALID || c->probe_intno == EXCP_UDEF ||
        c->probe_intno == EXCP_BKPT) {
        *x = (struct sim_exit){.why = SIM_STOP_UNDEFINED};
        return SETTLED_STOPPED;
    }
    if (e != UC_ERR_OK || c->probe_intno != -1) {
        *x = (struct sim_exit){.why = SIM_STOP_EXCEPTION,
                               .exception = (uint32_t)c->probe_intno};
        return SETTLED_STOPPED;
    }
    save_context(c->mem->uc[execute], ctx);
    c->now++;
    probe_watch(c);
    return SETTLED_RETIRED;
}

#define SIM_EXCLUSIVE_MAX 64 /* instructions followed from LDREX to STREX */

/* The TLB refused an access of the instruction at ctx->pc (the run
 * stopped exactly before it, the clock settled).  The refusal only says
 * "not uniformly allowed on this page": settle it exactly.  An exclusive
 * load settled here set the probe engine's monitor, which the main engine
 * does not share, so the instructions after it are settled here too, up
 * to its store-exclusive (or CLREX, or a trap, or a bound).  Returns true
 * when the run can go on; false with *x set as settle_one sets it. */
static bool settle_access(struct sim_cpu *c, struct arch_context *ctx,
                          struct sim_exit *x)
{
    uint16_t hw[2];
    if (settle_one(c, ctx, x, hw) != SETTLED_RETIRED)
        return false;
    if (!is_load_exclusive(hw[0], hw[1]))
        return true;
    for (int n = 0; n < SIM_EXCLUSIVE_MAX; n++) {
        if (settle_one(c, ctx, x, hw) != SETTLED_RETIRED)
            return false;
        if (ends_exclusive(hw[0], hw[1]))
            break;
    }
    return true;
}

bool sim_cpu_stacking_ok(struct sim_cpu *c, uint32_t sp, uint32_t pc,
                         struct sim_exit *x)
{
    uint32_t frame = (sp - 32) & ~7u, at;
    enum sim_verdict v = verdict(c, frame, 32, SIM_WRITE, &at);
    if (v == SIM_ALLOW)
        return true;
    memory_fault(c, v, SIM_WRITE, at, true, x);
    x->pc = pc;
    return false;
}

static void classify_error(struct sim_cpu *c, uc_err e)
{
    switch (e) {
    case UC_ERR_INSN_INVALID: set_exit(c, SIM_STOP_UNDEFINED); break;
    case UC_ERR_EXCEPTION: set_exit(c, SIM_STOP_EXCEPTION); break;
    default: set_exit(c, SIM_STOP_MEMORY); break;
    }
}

/* One pass: the main engine up to a trap or the fast path's stop, then
 * the exact tail. */
static uc_err run_pass(struct sim_cpu *c, struct arch_context *ctx)
{
    c->pending_stop = false;
    c->mem->denied = false;
    c->block_addr = ctx->pc;
    c->block_size = 0;
    c->block_start = c->now;
    load_context(c->uc, ctx);
    sim_mem_sync_tlb(c->mem, SIM_ENGINE_MAIN);
    uc_err e = start(c->uc, ctx->pc, 0);
    save_context(c->uc, ctx);
    if (e == UC_ERR_OK && !c->have_exit && c->pending_stop)
        e = run_tail(c, ctx);
    return e;
}

void sim_cpu_stop_early(struct sim_cpu *c, uint64_t cycle)
{
    if (!c->running)
        return;
    if (cycle < c->now + 1)
        cycle = c->now + 1; /* the instruction being settled retires first */
    if (cycle < c->stop_at)
        c->stop_at = cycle;
}

struct sim_exit sim_cpu_run(struct sim_cpu *c, struct arch_context *ctx)
{
    uint64_t start = c->clock->now;
    c->have_exit = false;
    c->stop_at = sim_clock_stop_at(c->clock);
    c->now = start;
    c->run_start = start;
    c->running = true;
    for (;;) {
        uc_err e = run_pass(c, ctx);
        if (e == UC_ERR_OK || c->have_exit)
            break;
        if (!c->mem->denied) {
            classify_error(c, e);
            break;
        }
        settle_fault(c, ctx->pc);
        struct sim_exit x = {.why = SIM_STOP_CLOCK};
        if (!settle_access(c, ctx, &x)) {
            if (x.why != SIM_STOP_CLOCK) {
                c->exit = x;
                c->have_exit = true;
            }
            break;
        }
        if (c->now >= c->stop_at)
            break;
    }
    if (!c->have_exit)
        set_exit(c, SIM_STOP_CLOCK);
    c->exit.pc = ctx->pc;
    if (c->exit.why == SIM_STOP_SVC)
        c->exit.pc = ctx->pc - 2;
    else if (c->exit.why != SIM_STOP_CLOCK)
        settle_fault(c, ctx->pc); /* idempotent */
    assert(c->now <= c->stop_at); /* no run passes its stop cycle */
    c->running = false;
    /* Only guest instructions advance the clock during a run. */
    c->clock->insns += c->now - start;
    c->clock->now = c->now;
    return c->exit;
}
