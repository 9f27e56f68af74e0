/*
 * test_matrix.c - the isolation matrix: every partition of the matrix app
 * (tests/mpu/apps/matrix) reads, writes and executes at the edges of every
 * region of every partition, of the kernel's memory, of every board device
 * and memory block, and of the holes between them, one guest instruction
 * per probe, unprivileged, on the simulated board with the partition's MPU
 * set loaded by the kernel.
 *
 * Each observed verdict must agree with two expectations:
 *  - the reference (mpu_ref.c) applied to the MPU registers as loaded, and
 *  - the intent of the configuration: allowed exactly inside the
 *    partition's own regions with the right in question, never in the
 *    Private Peripheral Bus or in the running thread's stack guard.
 * A refusal must also be reported as the hardware would: the fault status
 * (MemManage or BusFault), the exact data address, the pc.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "armv7m/mpu.h"
#include "config.h"
#include "kstate.h"
#include "machine.h"
#include "mmio.h"
#include "mpu_ref.h"
#include "port.h"
#include "space.h"

static struct sim_machine m;

/* --- probe addresses --------------------------------------------------- */

struct addrs {
    uint32_t *a;
    size_t n, cap;
};

static void add(struct addrs *s, uint64_t addr)
{
    if (addr > UINT32_MAX)
        return;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        s->a = realloc(s->a, s->cap * sizeof *s->a);
        assert_non_null(s->a);
    }
    s->a[s->n++] = (uint32_t)addr;
}

/* The first and last byte of [base, base + size), the bytes just outside,
 * the middle, and the ends of the 1 KiB pages the edges fall in (so an
 * edge inside a page is probed from both sides of the page). */
static void add_edges(struct addrs *s, uint64_t base, uint64_t size)
{
    uint64_t end = base + size; /* exclusive */
    if (base > 0)
        add(s, base - 1);
    add(s, base);
    add(s, end - 1);
    add(s, end);
    add(s, base + size / 2);
    add(s, base & ~1023ull);
    if ((base & ~1023ull) > 0)
        add(s, (base & ~1023ull) - 1);
    add(s, (end - 1) | 1023u);
    add(s, ((end - 1) | 1023u) + 1);
}

/* A partition region: its grant, and the PMSAv7 region around it with the
 * edges of each of its subregions. */
static void add_region(struct addrs *s, const struct cfg_region *r)
{
    add_edges(s, r->base, r->size);
    uint64_t size = 1ull << r->mpu_size_log2;
    add_edges(s, r->mpu_base, size);
    if (r->mpu_size_log2 >= 8) {
        for (unsigned i = 1; i < 8; i++) {
            add(s, r->mpu_base + i * (size / 8) - 1);
            add(s, r->mpu_base + i * (size / 8));
        }
    }
}

struct span {
    uint64_t base, end;
};

static int cmp_span(const void *a, const void *b)
{
    const struct span *x = a, *y = b;
    return x->base < y->base ? -1 : x->base > y->base;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static void sort_unique(struct addrs *s)
{
    qsort(s->a, s->n, sizeof *s->a, cmp_u32);
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (k == 0 || s->a[i] != s->a[k - 1])
            s->a[k++] = s->a[i];
    }
    s->n = k;
}

struct spans {
    struct span s[256];
    size_t n;
};

/* Something the configuration names: its edges are probed, and it bounds
 * a hole. */
static void add_span(struct addrs *s, struct spans *sp, uint64_t base, uint64_t size)
{
    assert_true(sp->n < 256);
    sp->s[sp->n++] = (struct span){base, base + size};
    add_edges(s, base, size);
}

/* Every edge of everything the configuration names, plus a byte in the
 * middle of each hole between them. */
static struct addrs probe_addresses(const struct cfg_system *sys)
{
    struct addrs s = {0};
    static struct spans sp;
    sp.n = 0;
    const struct cfg_board *b = sys->board;
    for (uint8_t i = 0; i < sys->num_partitions; i++) {
        const struct cfg_partition *p = &sys->partitions[i];
        for (uint8_t j = 0; j < p->num_regions; j++) {
            add_region(&s, &p->regions[j]);
            add_span(&s, &sp, p->regions[j].base, p->regions[j].size);
        }
        add_span(&s, &sp, p->stack_base - p->stack_guard, p->stack_guard);
    }
    for (uint8_t i = 0; i < b->num_reserved; i++)
        add_span(&s, &sp, b->reserved[i].base, b->reserved[i].size);
    for (uint8_t i = 0; i < b->num_devices; i++)
        add_span(&s, &sp, b->devices[i].base, b->devices[i].size);
    for (uint8_t i = 0; i < b->num_mem; i++)
        add_span(&s, &sp, b->mem[i].base, b->mem[i].size);
    add_span(&s, &sp, 0xE0000000u, 0x00100000u); /* the Private Peripheral Bus */
    /* Holes: between the end of everything so far and the next start. */
    qsort(sp.s, sp.n, sizeof sp.s[0], cmp_span);
    uint64_t covered = 0;
    for (size_t i = 0; i < sp.n; i++) {
        if (sp.s[i].base > covered)
            add(&s, covered + (sp.s[i].base - covered) / 2);
        if (sp.s[i].end > covered)
            covered = sp.s[i].end;
    }
    if (covered < 0x100000000ull)
        add(&s, covered + (0x100000000ull - covered) / 2);
    static const uint32_t fixed[] = {0x60000000u, 0x9fffffffu, 0xa0000000u,
                                     0xe000ed90u, 0xe000ed28u, 0xffffffffu};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        add(&s, fixed[i]);
    sort_unique(&s);
    return s;
}

/* --- expectations ------------------------------------------------------ */

static const char *const access_name[3] = {"read", "write", "exec"};

/* What the configuration means: p may make access at addr. */
static bool intended(const struct cfg_partition *p, uint32_t addr, int access)
{
    static const uint8_t right[3] = {CFG_ACCESS_R, CFG_ACCESS_W, CFG_ACCESS_X};
    if (addr >= 0xE0000000u && addr <= 0xE00FFFFFu)
        return false;
    if (addr < p->stack_base && p->stack_base - addr <= p->stack_guard)
        return false;
    for (uint8_t j = 0; j < p->num_regions; j++) {
        const struct cfg_region *r = &p->regions[j];
        if (addr >= r->base && addr - r->base < r->size)
            return (r->access & right[access]) != 0;
    }
    return false;
}

/* The MPU as loaded, read back through its registers. */
struct mpu_regs {
    unsigned n;
    uint32_t ctrl, rbar[16], rasr[16];
};

static struct mpu_regs read_mpu(void)
{
    struct mpu_regs r;
    r.n = (mmio_read32(MPU_BASE + MPU_TYPE) >> 8) & 0xffu;
    assert_true(r.n == 8 || r.n == 16);
    r.ctrl = mmio_read32(MPU_BASE + MPU_CTRL);
    for (unsigned i = 0; i < r.n; i++) {
        mmio_write32(MPU_BASE + MPU_RNR, i);
        r.rbar[i] = mmio_read32(MPU_BASE + MPU_RBAR);
        r.rasr[i] = mmio_read32(MPU_BASE + MPU_RASR);
    }
    return r;
}

/* --- probing ----------------------------------------------------------- */

/* ldrb r0, [r1]; svc #0  and  strb r0, [r1]; svc #0  (at different
 * addresses: host writes do not invalidate Unicorn's translations) */
static const uint8_t read_stub[4] = {0x08, 0x78, 0x00, 0xdf};
static const uint8_t write_stub[4] = {0x08, 0x70, 0x00, 0xdf};
/* b . : the only next fetch is the probed halfword again */
static const uint8_t branch_self[2] = {0xfe, 0xe7};
#define READ_STUB_AT 0x40u  /* offsets in the partition's code region */
#define WRITE_STUB_AT 0x48u

struct observed {
    bool allowed, sane;
    enum ref_verdict kind; /* of a refusal, from the fault status */
    uint32_t cfsr, far;    /* the fault status, the valid fault address */
    char detail[160];
};

static uint32_t code_base(const struct cfg_partition *p)
{
    for (uint8_t j = 0; j < p->num_regions; j++) {
        if (p->regions[j].kind == CFG_REGION_CODE)
            return p->regions[j].base;
    }
    fail_msg("partition %s has no code region", p->name);
    return 0;
}

/* The fault status registers, read and cleared after every probe. */
struct status {
    uint32_t cfsr, mmfar, bfar;
};

static struct status take_status(void)
{
    struct status st = {mmio_read32(SCB_CFSR), mmio_read32(SCB_MMFAR), mmio_read32(SCB_BFAR)};
    mmio_write32(SCB_CFSR, st.cfsr); /* write one to clear */
    return st;
}

/* A refusal's kind, and whether the status names it as the hardware
 * would: MemManage with the data address in MMFAR (none for a fetch), or a
 * precise BusFault with BFAR. */
static void check_status(struct observed *o, const struct sim_exit *x, struct status st,
                         uint32_t addr, int access)
{
    size_t n = sizeof o->detail;
    if (x->status != st.cfsr)
        snprintf(o->detail, n, "exit status 0x%x, CFSR 0x%x", x->status, st.cfsr);
    else if (st.cfsr & 0xffu) {
        o->kind = REF_MEMMANAGE;
        uint32_t want = access == REF_EXEC ? SCB_MMFSR_IACCVIOL
                                           : SCB_MMFSR_DACCVIOL | SCB_MMFSR_MMARVALID;
        if (st.cfsr != want || (access != REF_EXEC && st.mmfar != addr))
            snprintf(o->detail, n, "CFSR 0x%08x MMFAR 0x%08x", st.cfsr, st.mmfar);
    } else if (st.cfsr & 0xff00u) {
        o->kind = REF_BUSFAULT;
        if (st.cfsr != (SCB_BFSR_PRECISERR | SCB_BFSR_BFARVALID) || st.bfar != addr ||
            access == REF_EXEC)
            snprintf(o->detail, n, "CFSR 0x%08x BFAR 0x%08x", st.cfsr, st.bfar);
    } else
        snprintf(o->detail, n, "a refusal with CFSR 0x%08x", st.cfsr);
}

/* One instruction of partition p, unprivileged: a load or store of the
 * byte at addr, or the fetch of a `b .` written at addr (when it is RAM). */
static struct observed probe(const struct cfg_partition *p, uint32_t addr, int access)
{
    struct observed o = {.kind = REF_ALLOW};
    struct arch_context c;
    memset(&c, 0, sizeof c);
    c.xpsr = 1u << 24;
    c.sp = p->stack_base + p->stack_size;
    c.r[0] = '*';
    c.r[1] = addr;
    uint8_t saved[2] = {0, 0};
    uint8_t *host = NULL;
    if (access == REF_EXEC) {
        c.pc = addr;
        host = sim_mem_host(&m.mem, addr, 2);
        if (host) {
            memcpy(saved, host, 2);
            memcpy(host, branch_self, 2);
        }
        m.clock.deadline = m.clock.now + 1; /* exactly one instruction */
    } else {
        uint32_t at = code_base(p) + (access == REF_READ ? READ_STUB_AT : WRITE_STUB_AT);
        uint8_t *stub = sim_mem_host(&m.mem, at, 4);
        assert_non_null(stub);
        memcpy(stub, access == REF_READ ? read_stub : write_stub, 4);
        c.pc = at;
        m.clock.deadline = m.clock.now + 100;
    }
    m.clock.limit = UINT64_MAX;
    m.clock.pause = UINT64_MAX;
    uint32_t pc0 = c.pc;
    struct sim_exit x = sim_cpu_run(&m.cpu, &c);
    if (host)
        memcpy(host, saved, 2);
    struct status st = take_status();
    o.cfsr = st.cfsr;
    o.far = (st.cfsr & SCB_MMFSR_MMARVALID) ? st.mmfar : (st.cfsr & SCB_BFSR_BFARVALID) ? st.bfar : 0;
    size_t n = sizeof o.detail;
    o.detail[0] = 0;
    if (x.why == SIM_STOP_MEMORY) {
        o.allowed = false;
        if (x.pc != pc0 || x.access != (uint32_t)access || (access != REF_EXEC && x.addr != addr))
            snprintf(o.detail, n, "fault at pc 0x%08x access %u addr 0x%08x", x.pc, x.access,
                     x.addr);
        else
            check_status(&o, &x, st, addr, access);
    } else {
        o.allowed = true;
        bool ok = access == REF_EXEC ? x.why == SIM_STOP_CLOCK && c.pc == pc0
                                     : x.why == SIM_STOP_SVC && c.pc == pc0 + 4;
        if (!ok)
            snprintf(o.detail, n, "stop %d at pc 0x%08x (ctx pc 0x%08x)", (int)x.why, x.pc,
                     c.pc);
        else if (st.cfsr)
            snprintf(o.detail, n, "allowed, with CFSR 0x%08x", st.cfsr);
    }
    o.sane = o.detail[0] == 0;
    return o;
}

/* --- the probe list and verdicts for QEMU ------------------------------- */

/* With MATRIX_DUMP=<prefix> the matrix also writes <prefix>.bin, the probe
 * list the firmware runner reads (tests/mpu/fw/probe_fw.c: "MRPB", count,
 * then address, partition, access per probe, little-endian), and
 * <prefix>.txt, one verdict line per probe in the runner's format, so
 * tests/mpu/qemu_matrix.sh compares QEMU with the simulator probe for
 * probe. */
static struct {
    FILE *bin, *txt;
    uint32_t count;
} dump;

static void put_u32(FILE *f, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    fwrite(b, 1, 4, f);
}

static void dump_open(void)
{
    const char *prefix = getenv("MATRIX_DUMP");
    if (!prefix)
        return;
    char path[512];
    snprintf(path, sizeof path, "%s.bin", prefix);
    dump.bin = fopen(path, "wb");
    snprintf(path, sizeof path, "%s.txt", prefix);
    dump.txt = fopen(path, "w");
    assert_true(dump.bin && dump.txt);
    put_u32(dump.bin, 0x4250524du); /* "MRPB" */
    put_u32(dump.bin, 0);           /* the count, written at the end */
}

static void dump_probe(uint8_t pi, uint32_t addr, int access, const struct observed *o)
{
    if (!dump.bin)
        return;
    put_u32(dump.bin, addr);
    uint8_t tail[4] = {pi, (uint8_t)access, 0, 0};
    fwrite(tail, 1, 4, dump.bin);
    dump.count++;
    const char *kind = o->allowed              ? "allow"
                       : o->kind == REF_MEMMANAGE ? "memmanage"
                       : o->kind == REF_BUSFAULT  ? "busfault"
                                                  : "other";
    fprintf(dump.txt, "%s %s 0x%08x %s cfsr=0x%08x far=0x%08x\n", cfg_system.partitions[pi].name,
            access_name[access], addr, kind, o->cfsr, o->far);
}

static void dump_close(void)
{
    if (!dump.bin)
        return;
    fseek(dump.bin, 4, SEEK_SET);
    put_u32(dump.bin, dump.count);
    fclose(dump.bin);
    fclose(dump.txt);
}

/* --- the matrix -------------------------------------------------------- */

struct tally {
    unsigned long probes, allowed, mismatches;
};

static void report(struct tally *t, const struct cfg_partition *p, uint32_t addr, int access,
                   const struct observed *o, enum ref_verdict ref, bool intent)
{
    if (t->mismatches++ >= 20)
        return;
    printf("MISMATCH %s %s 0x%08x: observed %s%s%s, reference %s, config %s\n", p->name,
           access_name[access], addr, o->allowed ? "allowed" : "refused",
           o->detail[0] ? " / " : "", o->detail, ref_verdict_name(ref),
           intent ? "allowed" : "refused");
}

/* The kernel's precomputed set for p is what the MPU holds after loading
 * it, and encodes the configured regions (base, size, subregions). */
static void check_loaded_set(uint8_t pi, const struct mpu_regs *r)
{
    const struct cfg_partition *p = &cfg_system.partitions[pi];
    for (unsigned i = 0; i < SPACE_PART_SLOTS; i++) {
        const struct mpu_region *k = &kstate.parts[pi].mpu[i];
        unsigned slot = k->rbar & 15u;
        assert_int_equal(slot, i);
        assert_int_equal(r->rasr[slot], k->rasr);
        assert_int_equal(r->rbar[slot] & ~31u, k->rbar & ~31u);
        struct mpu_decoded d = mpu_decode(k);
        assert_int_equal(d.enabled, i < p->num_regions);
        if (i >= p->num_regions)
            continue;
        const struct cfg_region *c = &p->regions[i];
        assert_int_equal(d.base, c->mpu_base);
        assert_true(d.size == 1ull << c->mpu_size_log2);
        assert_int_equal(d.srd, c->mpu_size_log2 >= 8 ? c->mpu_srd : 0);
    }
}

static void run_partition(uint8_t pi, const struct addrs *s, struct tally *t)
{
    const struct cfg_partition *p = &cfg_system.partitions[pi];
    space_load_partition(pi);
    /* and the guard of its first thread, in the kernel's slot */
    const struct thread *th = &kstate.threads[p->first_thread];
    assert_int_equal(th->part, pi);
    space_switch(th);
    struct mpu_regs r = read_mpu();
    check_loaded_set(pi, &r);
    assert_int_equal(r.rasr[SPACE_GUARD_SLOT], th->guard.rasr);
    for (int access = 0; access < 3; access++) {
        for (size_t i = 0; i < s->n; i++) {
            uint32_t addr = access == REF_EXEC ? s->a[i] & ~1u : s->a[i];
            if (access == REF_EXEC && i > 0 && (s->a[i - 1] & ~1u) == addr)
                continue; /* the same halfword */
            /* a fetch probe rewrites the halfword it probes: never a stub */
            assert_false(addr >= code_base(p) + READ_STUB_AT &&
                         addr < code_base(p) + WRITE_STUB_AT + 4);
            enum ref_verdict ref = ref_check(r.rbar, r.rasr, r.n, r.ctrl, addr, access, false);
            bool intent = intended(p, addr, access);
            struct observed o = probe(p, addr, access);
            t->probes++;
            dump_probe(pi, addr, access, &o);
            t->allowed += o.allowed;
            bool agree = o.sane && o.allowed == (ref == REF_ALLOW) && o.allowed == intent &&
                         (o.allowed || o.kind == ref);
            if (!agree)
                report(t, p, addr, access, &o, ref, intent);
        }
    }
}

static void isolation_matrix(void **state)
{
    (void)state;
    char err[512];
    char *console_buf = NULL, *log_buf = NULL;
    size_t console_len = 0, log_len = 0;
    FILE *console = open_memstream(&console_buf, &console_len);
    FILE *log = open_memstream(&log_buf, &log_len); /* UART1/2 bytes, stray accesses */
    assert_non_null(console);
    assert_non_null(log);
    if (!sim_machine_init(&m, &cfg_system, MATRIX_ELF_DIR, console, log, err, sizeof err))
        fail_msg("%s", err);
    /* Boots the kernel (kern_init encodes every partition's set) and runs
     * nothing: the clock's limit is now. */
    port_run(&m, 0);
    assert_true(cfg_system.num_partitions >= 4);

    struct addrs s = probe_addresses(&cfg_system);
    struct tally t = {0};
    dump_open();
    for (uint8_t pi = 0; pi < cfg_system.num_partitions; pi++)
        run_partition(pi, &s, &t);
    dump_close();
    fflush(log);
    printf("mpu.matrix: %lu probes (%u partitions, %zu addresses, read/write/exec): "
           "%lu allowed, %lu refused, %lu mismatches; %llu accesses settled inside a "
           "page; %zu bytes of UART and bus log\n",
           t.probes, cfg_system.num_partitions, s.n, t.allowed, t.probes - t.allowed,
           t.mismatches, (unsigned long long)m.cpu.precise_steps, log_len);
    fflush(stdout);
    uint64_t precise = m.cpu.precise_steps;
    free(s.a);
    sim_machine_free(&m);
    fclose(console);
    fclose(log);
    free(console_buf);
    free(log_buf);
    assert_true(t.probes >= 2000);
    assert_true(t.allowed > 0);
    assert_true(precise > 0); /* the sub-page path was taken */
    assert_int_equal(t.mismatches, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(isolation_matrix),
    };
    return cmocka_run_group_tests_name("mpu.matrix", tests, NULL, NULL);
}
