/*
 * test_trim.c - a kernel built without the services its config does not
 * use (CFG_HAS_* 0, kstate.h) answers every call as the full kernel does.
 *
 * Built twice on trim/test_config.c's system (no processes, objects,
 * ports or interrupt owners): with every service (test_kernel_trim_full)
 * and without (test_kernel_trim_cut).  Each prints the same transcript:
 * every system call number, in an init mode and in NORMAL, with every
 * combination of a few arguments (ids, names, buffers inside and outside
 * the caller's memory, timeouts 0, finite and infinite), each made on a
 * freshly booted kernel, then three deadlines run; per case the result,
 * r1, every kernel event, the console's length, a hash of the
 * partitions' memory and the interrupt mask.  trim/compare.cmake requires the two to be equal.
 */
#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "fake_arch.h"
#include "kstate.h"

#define DATA 0x8000u /* partition a's data region */

static void print_events(const char *when)
{
    struct trace_event e;
    printf("  %s:", when);
    while (trace_take(&e))
        printf(" %u@%llu/%u/%u/%u:%x,%x,%x", e.type, (unsigned long long)e.cycle, e.part,
               e.thread, e.flags, e.a0, e.a1, e.a2);
    printf("\n");
}

/* FNV-1a over both partitions' data. */
static uint32_t memory_hash(void)
{
    uint32_t h = 2166136261u;
    for (uint32_t a = DATA; a < DATA + 0x2000; a++)
        h = (h ^ fake_memory[a]) * 16777619u;
    return h;
}

/* A name ("only", the schedule's) and zeros for the calls to read. */
static void boot(bool normal)
{
    fake_reset();
    kern_init();
    memcpy(fake_memory + DATA + 0x100, "only", 5);
    if (normal)
        fake_syscall(FEN_SYS_SET_PARTITION_MODE, FEN_MODE_NORMAL, 0, 0, 0);
    struct trace_event e;
    while (trace_take(&e))
        ;
}

static void one_case(bool normal, uint32_t n, const uint32_t a[4])
{
    boot(normal);
    printf("%s call %u (%x %x %x %x)", normal ? "normal" : "init", n, a[0], a[1], a[2], a[3]);
    struct arch_context *ctx = kern_current();
    if (!ctx) {
        printf(" nobody runs\n");
        return;
    }
    int32_t rc = fake_syscall(n, a[0], a[1], a[2], a[3]);
    printf(" -> %d r1 %x\n", rc, ctx->r[1]);
    print_events("call");
    for (int i = 0; i < 3; i++)
        fake_run_to_deadline();
    print_events("then");
    printf("  console %u memory %08x masked %08x partition %d\n", fake_console_len,
           memory_hash(), fake_irq_masked, kern_current_partition());
}

/* A fault and an interrupt on a line nobody owns. */
static void traps(void)
{
    boot(true);
    struct kern_fault f = {.kind = KERN_FAULT_MEMORY, .addr = 0x4, .addr_valid = true,
                           .pc = 0x1010};
    kern_trap_fault(&f);
    print_events("fault");
    kern_trap_irq(3);
    print_events("irq");
    for (int i = 0; i < 3; i++)
        fake_run_to_deadline();
    print_events("then");
    printf("  console %u memory %08x\n", fake_console_len, memory_hash());
}

int main(void)
{
    static const uint32_t a0s[] = {0, 1, 4u << 16, DATA + 0x100, 0xfffffff0u};
    static const uint32_t a1s[] = {0, 4, DATA + 0x200};
    static const uint32_t a23s[][2] = {{0, 0}, {50, 0}, {0xffffffffu, 0xffffffffu}};
    for (int normal = 0; normal < 2; normal++)
        for (uint32_t n = 0; n <= FEN_SYS_COUNT; n++)
            for (size_t i = 0; i < sizeof a0s / sizeof a0s[0]; i++)
                for (size_t j = 0; j < sizeof a1s / sizeof a1s[0]; j++)
                    for (size_t k = 0; k < sizeof a23s / sizeof a23s[0]; k++) {
                        uint32_t a[4] = {a0s[i], a1s[j], a23s[k][0], a23s[k][1]};
                        one_case(normal, n, a);
                    }
    traps();
    return 0;
}
