/*
 * probe_fw.c - the isolation matrix as firmware (docs/boards.md, "The MPU
 * isolation matrix on QEMU"): the same probes as tests/mpu/test_matrix.c,
 * one guest instruction each, unprivileged, with each partition's MPU set
 * loaded by the kernel's own code (kern_init, space_load_partition,
 * space_switch), run on the hardware (QEMU) instead of the simulator.
 *
 * The host writes the probe list the simulator's matrix used (test_matrix
 * with MATRIX_DUMP) into RAM at __probe_list with QEMU's loader; this
 * runner prints one verdict line per probe in the simulator's format, and
 * tests/mpu/qemu_matrix.sh compares the two probe for probe.
 *
 * The runner replaces the port's boot and exception entries (probe_trap.S)
 * but keeps its startup, vectors, console and drivers.
 */
#include <stdbool.h>
#include <stdint.h>

#include <mmio.h>

#include "../../../arch/armv7m/port.h"
#include "config.h"
#include "kernel.h"
#include "kstate.h"
#include "ktime.h"
#include "regs/mpu.h"
#include "regs/scb.h"
#include "space.h"
#include "systick.h"

struct armv7m_port armv7m; /* the port's drivers (console, clock) use it */

/* The list as test_matrix.c writes it (MATRIX_DUMP): little-endian. */
#define PROBE_MAGIC 0x4250524du /* "MRPB" */
/* A list with this magic is run warm (tests/mpu/qemu_matrix.sh --warm):
 * the MPU, and so QEMU's TLB, is left alone between one partition's read
 * and write probes, as between a partition's instructions in a run. */
#define PROBE_MAGIC_WARM 0x5750524du /* "MRPW" */
struct probe {
    uint32_t addr;
    uint8_t part, access, pad[2];
};
struct probe_list {
    uint32_t magic, count;
    struct probe p[];
};
extern const volatile struct probe_list __probe_list; /* -Wl,--defsym */

/* Offsets in the partition's code region of the read and write stubs,
 * as in test_matrix.c: ldrb/strb r0, [r1]; svc #0. */
#define READ_STUB_AT 0x40u
#define WRITE_STUB_AT 0x48u
static const uint16_t read_stub[2] = {0x7808, 0xdf00};
static const uint16_t write_stub[2] = {0x7008, 0xdf00};
/* Written at an exec probe's address in partition memory: the fetch, when
 * allowed, ends in an SVC. */
#define SVC_INSN 0xdf00u
/* A probe that neither traps nor faults within this many cycles (an exec
 * probe allowed where no SVC was written) ends on SysTick. */
#define PROBE_TIMEOUT_CYCLES 20000u

enum probe_kind { KIND_SVC, KIND_MEMMANAGE, KIND_BUSFAULT, KIND_USAGE, KIND_HARD, KIND_TIMEOUT,
                  KIND_OTHER };
static const char *const kind_name[] = {"allow", "memmanage", "busfault", "usagefault",
                                        "hardfault", "timeout", "other"};
static const char *const access_name[3] = {"read", "write", "exec"};

uint32_t probe_psp; /* probe_trap.S: the probe's frame */
static struct {
    enum probe_kind kind;
    uint32_t cfsr, mmfar, bfar;
} result;

void probe_trap(uint32_t kind);
__attribute__((noreturn)) void armv7m_boot(void);

/* Called by every entry from the probe: what ended it, and the fault
 * status, cleared for the next probe. */
void probe_trap(uint32_t kind)
{
    systick_stop(SYSTICK_BASE);
    result.kind = (enum probe_kind)kind;
    result.cfsr = mmio_read32(SCB_CFSR);
    result.mmfar = mmio_read32(SCB_MMFAR);
    result.bfar = mmio_read32(SCB_BFAR);
    mmio_write32(SCB_CFSR, result.cfsr); /* write one to clear */
    mmio_write32(SCB_HFSR, mmio_read32(SCB_HFSR));
}

/* --- console ------------------------------------------------------------ */

static void put_str(const char *s)
{
    while (*s)
        console_hw_putc(armv7m.console_base, *s++);
}

static void put_hex(uint32_t v)
{
    put_str("0x");
    for (int sh = 28; sh >= 0; sh -= 4)
        console_hw_putc(armv7m.console_base, "0123456789abcdef"[(v >> sh) & 15u]);
}

static void put_dec(uint32_t v)
{
    char b[11];
    int n = 0;
    do
        b[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    while (n > 0)
        console_hw_putc(armv7m.console_base, b[--n]);
}

/* --- one probe ---------------------------------------------------------- */

static uint32_t code_base(const struct cfg_partition *p)
{
    for (uint8_t j = 0; j < p->num_regions; j++) {
        if (p->regions[j].kind == CFG_REGION_CODE)
            return p->regions[j].base;
    }
    return 0;
}

/* Partition memory: the only memory the runner may write an SVC into
 * (never its own code or data). */
static bool in_partition_memory(uint32_t addr)
{
    for (uint8_t i = 0; i < cfg_system.num_partitions; i++) {
        const struct cfg_partition *p = &cfg_system.partitions[i];
        for (uint8_t j = 0; j < p->num_regions; j++) {
            const struct cfg_region *r = &p->regions[j];
            if (r->kind != CFG_REGION_DEVICE && addr >= r->base && addr - r->base + 2 <= r->size)
                return true;
        }
    }
    return false;
}

static void put_stub(uint32_t at, const uint16_t insn[2])
{
    volatile uint16_t *s = (volatile uint16_t *)(uintptr_t)at;
    s[0] = insn[0];
    s[1] = insn[1];
}

/* The probe's exception frame below its partition's stack top: r0 = '*',
 * r1 = the address, pc, Thumb state. */
static void build_frame(const struct cfg_partition *p, uint32_t addr, uint32_t pc)
{
    volatile uint32_t *f = (volatile uint32_t *)(uintptr_t)(p->stack_base + p->stack_size - 32);
    f[0] = '*';
    f[1] = addr;
    f[2] = f[3] = f[4] = f[5] = 0;
    f[6] = pc;
    f[7] = 1u << 24;
    probe_psp = (uint32_t)(uintptr_t)f;
}

/* Loads the partition's set and its first thread's guard as the kernel
 * does on a switch; every probe reloads the MPU, which also flushes
 * QEMU's TLB, so no verdict cached by one probe decides the next. */
static void load_space(uint8_t pi)
{
    const struct cfg_partition *p = &cfg_system.partitions[pi];
    kstate.sched.mpu_part = -1;
    kstate.sched.mpu_thread = 0;
    space_switch(&kstate.threads[p->first_thread]);
}

/* The MPU's control as the kernel left it; the runner turns the MPU off
 * while it writes stubs, as a region (a partition's code: read-only for
 * everyone) takes precedence over the privileged default map. */
static uint32_t mpu_ctrl;

static void mpu_off(void)
{
    mmio_write32(MPU_BASE + MPU_CTRL, 0);
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

/* Warm: a read or write probe of the partition whose set is loaded, with
 * both stubs in place, touches neither the MPU nor memory first. */
static int warm_part = -1;

static bool run_warm(const struct probe *pr)
{
    if (__probe_list.magic != PROBE_MAGIC_WARM || pr->access == 2 || warm_part != pr->part) {
        warm_part = -1;
        return false;
    }
    const struct cfg_partition *p = &cfg_system.partitions[pr->part];
    uint32_t pc = code_base(p) + (pr->access == 0 ? READ_STUB_AT : WRITE_STUB_AT);
    build_frame(p, pr->addr, pc);
    result.kind = KIND_OTHER;
    systick_arm(SYSTICK_BASE, PROBE_TIMEOUT_CYCLES);
    __asm__ volatile("svc #0" ::: "memory");
    return true;
}

static void run_probe(const struct probe *pr)
{
    if (run_warm(pr))
        return;
    const struct cfg_partition *p = &cfg_system.partitions[pr->part];
    uint32_t addr = pr->addr, pc;
    volatile uint16_t *host = 0;
    uint16_t saved = 0;
    mpu_off();
    if (pr->access == 2) {
        pc = addr;
        if (in_partition_memory(addr)) {
            host = (volatile uint16_t *)(uintptr_t)addr;
            saved = *host;
            *host = SVC_INSN;
        }
    } else {
        pc = code_base(p) + (pr->access == 0 ? READ_STUB_AT : WRITE_STUB_AT);
        put_stub(code_base(p) + READ_STUB_AT, read_stub);
        put_stub(code_base(p) + WRITE_STUB_AT, write_stub);
        warm_part = pr->part;
    }
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    build_frame(p, addr, pc);
    load_space(pr->part);
    mmio_write32(MPU_BASE + MPU_CTRL, mpu_ctrl);
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    result.kind = KIND_OTHER;
    systick_arm(SYSTICK_BASE, PROBE_TIMEOUT_CYCLES);
    __asm__ volatile("svc #0" ::: "memory");
    if (host) {
        mpu_off();
        *host = saved;
    }
}

/* The line test_matrix.c prints for the same probe (MATRIX_DUMP). */
static void print_result(const struct probe *pr)
{
    put_str(cfg_system.partitions[pr->part].name);
    put_str(" ");
    put_str(access_name[pr->access]);
    put_str(" ");
    put_hex(pr->addr);
    put_str(" ");
    put_str(kind_name[result.kind]);
    uint32_t far = 0;
    if (result.kind == KIND_MEMMANAGE && (result.cfsr & SCB_MMFSR_MMARVALID))
        far = result.mmfar;
    if (result.kind == KIND_BUSFAULT && (result.cfsr & SCB_BFSR_BFARVALID))
        far = result.bfar;
    put_str(" cfsr=");
    put_hex(result.cfsr);
    put_str(" far=");
    put_hex(far);
    put_str("\n");
}

static bool list_ok(void)
{
    if (__probe_list.magic != PROBE_MAGIC && __probe_list.magic != PROBE_MAGIC_WARM) {
        put_str("matrix-probe: no probe list at __probe_list\n");
        return false;
    }
    for (uint32_t i = 0; i < __probe_list.count; i++) {
        const volatile struct probe *pr = &__probe_list.p[i];
        if (pr->part >= cfg_system.num_partitions || pr->access > 2) {
            put_str("matrix-probe: bad probe entry\n");
            return false;
        }
    }
    return true;
}

void armv7m_boot(void)
{
    const struct cfg_board *b = cfg_system.board;
    extern const uint32_t armv7m_vectors[];
    mmio_write32(SCB_VTOR, (uint32_t)(uintptr_t)armv7m_vectors);
    mmio_write32(SCB_CCR, mmio_read32(SCB_CCR) | SCB_CCR_STKALIGN);
    armv7m.console_base = b->console_base;
    console_hw_init(b->console_base, b->clock_hz);
    irq_init_priorities(b->irq_lines);
    clock_init(KTIME_NEVER);
    kern_init(); /* encodes every partition's set and every thread's guard */
    mpu_ctrl = mmio_read32(MPU_BASE + MPU_CTRL);
    /* startup masked interrupts; the runner's `svc` must be taken, not
     * escalated to HardFault, and the probe's timeout is SysTick */
    __asm__ volatile("cpsie i" ::: "memory");
    bool ok = list_ok();
    uint32_t n = ok ? __probe_list.count : 0;
    for (uint32_t i = 0; i < n; i++) {
        struct probe pr = {__probe_list.p[i].addr, __probe_list.p[i].part,
                           __probe_list.p[i].access, {0, 0}};
        run_probe(&pr);
        print_result(&pr);
    }
    put_str("matrix-probe: ");
    put_dec(n);
    put_str(" probes\n");
    semihost_exit(ok ? 0 : 1);
}

/* The port's end of a run and its panic: neither happens while probing
 * (no thread runs), but the port's files refer to them. */
void armv7m_finish(uint8_t reason)
{
    (void)reason;
    semihost_exit(1);
}

void armv7m_panic(const char *what, uint32_t pc)
{
    put_str("matrix-probe: panic: ");
    put_str(what);
    put_str(" at ");
    put_hex(pc);
    put_str("\n");
    semihost_exit(1);
}
