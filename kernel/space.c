/* space.c - spatial partitioning (see space.h). */
#include "space.h"

#include "abi.h"
#include "console.h"
#include "hm.h"
#include "part.h"

/* Slots 0.. hold the partition's regions in table order (they do not
 * overlap, so the order decides nothing); the rest are loaded disabled. */
static bool encode_partition(struct part *p)
{
    const struct cfg_partition *c = p->cfg;
    bool ok = c->num_regions <= SPACE_PART_SLOTS;
    for (unsigned i = 0; i < SPACE_PART_SLOTS; i++) {
        if (i < c->num_regions && ok)
            ok = arch_mpu_encode(&p->mpu[i], i, &c->regions[i]);
        else
            arch_mpu_encode_off(&p->mpu[i], i);
    }
    return ok;
}

/* A board whose MPU has fewer regions than the tables were built for
 * cannot isolate anyone: every partition stops with a configuration
 * error. */
void space_init(void)
{
    bool mpu_ok = arch_mpu_init() >= CFG_MPU_REGIONS;
    kstate.sched.mpu_part = -1;
    kstate.sched.mpu_thread = 0;
    for (uint8_t i = 0; i < cfg_system.num_partitions; i++) {
        struct part *p = &kstate.parts[i];
        if (!encode_partition(p) || !mpu_ok) {
            console_report("partition %s: CONFIG_ERROR: its regions do not fit the MPU\n",
                           p->cfg->name);
            struct hm_detail d = {0};
            p->unfit = true; /* whatever the tables say, it never runs */
            hm_raise(p, 0, FEN_ERR_CONFIG_ERROR, &d);
            if (p->mode != FEN_MODE_IDLE)
                part_set_idle(p);
        }
    }
}

bool space_set_guard(struct thread *t)
{
    uint32_t g = kstate.parts[t->part].cfg->stack_guard;
    if (t->stack_base < g)
        return false;
    return arch_mpu_encode_guard(&t->guard, SPACE_GUARD_SLOT, t->stack_base - g, g);
}

void space_load_partition(uint8_t p)
{
    arch_mpu_load(kstate.parts[p].mpu, SPACE_PART_SLOTS);
    kstate.sched.mpu_part = p;
}

void space_switch(const struct thread *t)
{
    if (!t)
        return; /* idle: the kernel runs, and it ignores the MPU */
    if (kstate.sched.mpu_part != t->part || kstate.sched.mpu_thread != t)
        arch_mpu_leave();
    if (kstate.sched.mpu_part != t->part)
        space_load_partition(t->part);
    if (kstate.sched.mpu_thread != t) {
        arch_mpu_load(&t->guard, 1);
        kstate.sched.mpu_thread = t;
    }
}

/* Written to avoid overflow: differences are only taken once ordered. */
bool space_overlaps_guard(const struct thread *t, uint32_t addr, uint32_t len)
{
    uint32_t g = kstate.parts[t->part].cfg->stack_guard;
    uint32_t lo = t->stack_base - g;
    return addr < t->stack_base && (addr >= lo || lo - addr < len);
}

bool space_range_ok(const struct thread *t, uint32_t addr, uint32_t len,
                    unsigned access)
{
    if (len == 0)
        return true;
    const struct cfg_partition *c = kstate.parts[t->part].cfg;
    for (uint8_t i = 0; i < c->num_regions; i++) {
        const struct cfg_region *r = &c->regions[i];
        if (addr >= r->base && addr - r->base < r->size &&
            len <= r->size - (addr - r->base))
            return r->kind != CFG_REGION_DEVICE && (r->access & access) == access &&
                   !space_overlaps_guard(t, addr, len);
    }
    return false;
}

/* "partition ping: MEMORY_VIOLATION in system call 0: buffer 0x20000000
 * (16 bytes, write) is not its memory; refused" */
static void report_buffer(const struct thread *t, uint32_t call, uint32_t addr,
                          uint32_t len, unsigned access)
{
    console_report("partition %s: MEMORY_VIOLATION in system call %u: buffer %x (%u bytes, %s)"
                   " is not its memory; refused\n",
                   kstate.parts[t->part].cfg->name, call, addr, len,
                   access & SPACE_WRITE ? "write" : "read");
}

bool space_user_buffer(const struct thread *t, uint32_t call, uint32_t addr,
                       uint32_t len, unsigned access)
{
    if (space_range_ok(t, addr, len, access))
        return true;
    uint8_t flags = (uint8_t)(FEN_ERR_MEMORY_VIOLATION << 4 | TRACE_FAULT_SYSCALL |
                              TRACE_FAULT_ADDR_VALID |
                              (access & SPACE_WRITE ? 1 : 0));
    trace_emit3(TR_FAULT, t->part, t->local_id, flags, addr, call, len);
    report_buffer(t, call, addr, len, access);
    return false;
}
