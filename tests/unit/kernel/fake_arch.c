/* fake_arch.c - the unit tests' port (see fake_arch.h). */
#include "fake_arch.h"

#include <string.h>

#include "arch.h"
#include "cfg_gen.h"

uint64_t fake_now;
uint64_t fake_deadline;
char fake_console[8192];
uint32_t fake_console_len;
uint8_t fake_memory[0x10000];
extern uint32_t fake_irq_masked;

void fake_reset(void)
{
    fake_irq_masked = 0xffffffffu;
    fake_now = 0;
    fake_deadline = 0;
    fake_console_len = 0;
    memset(fake_memory, 0, sizeof fake_memory);
}

void arch_context_init(struct arch_context *ctx, uint32_t entry, uint32_t sp,
                       uint32_t arg, uint32_t ret)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->pc = entry;
    ctx->sp = sp;
    ctx->r[0] = arg;
    ctx->lr = ret;
}

uint32_t arch_context_sp(const struct arch_context *ctx) { return ctx->sp; }
uint32_t arch_syscall_number(const struct arch_context *ctx) { return ctx->r[12]; }
uint32_t arch_syscall_arg(const struct arch_context *ctx, unsigned n) { return ctx->r[n]; }
void arch_syscall_return(struct arch_context *ctx, uint32_t r0) { ctx->r[0] = r0; }

void arch_syscall_return64(struct arch_context *ctx, uint64_t v)
{
    ctx->r[0] = (uint32_t)v;
    ctx->r[1] = (uint32_t)(v >> 32);
}

uint64_t arch_now(void) { return fake_now; }
void arch_deadline_set(uint64_t cycle) { fake_deadline = cycle; }

/* A call may copy 0 bytes from any address (a 0-byte message): then
 * nothing is touched, as on a real port. */
void arch_copy_from_user(void *dst, uint32_t src, uint32_t len)
{
    if (len)
        memcpy(dst, fake_memory + src, len);
}

void arch_copy_to_user(uint32_t dst, const void *src, uint32_t len)
{
    memcpy(fake_memory + dst, src, len);
}

uint32_t fake_irq_masked = 0xffffffffu; /* bit per line: masked */

void arch_irq_mask(unsigned line)
{
    if (line < 32)
        fake_irq_masked |= 1u << line;
}

void arch_irq_unmask(unsigned line)
{
    if (line < 32)
        fake_irq_masked &= ~(1u << line);
}

void arch_console_write(const char *buf, uint32_t len)
{
    if (len > sizeof fake_console - fake_console_len)
        len = sizeof fake_console - fake_console_len;
    memcpy(fake_console + fake_console_len, buf, len);
    fake_console_len += len;
}

void fake_run_to_deadline(void)
{
    fake_now = fake_deadline;
    kern_trap_deadline();
}

int32_t fake_syscall(uint32_t n, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    struct arch_context *ctx = kern_current();
    ctx->r[12] = n;
    ctx->r[0] = a0;
    ctx->r[1] = a1;
    ctx->r[2] = a2;
    ctx->r[3] = a3;
    kern_trap_syscall();
    return (int32_t)ctx->r[0];
}

int fake_count_events(uint8_t type, struct trace_event *last)
{
    struct trace_event ev;
    int n = 0;
    while (trace_take(&ev)) {
        if (ev.type == type) {
            n++;
            if (last)
                *last = ev;
        }
    }
    return n;
}

/* --- memory protection: loads are recorded, the last one per slot --- */

struct arch_mpu_region fake_mpu[CFG_MPU_REGIONS];
uint32_t fake_mpu_loads;

unsigned arch_mpu_init(void)
{
    memset(fake_mpu, 0, sizeof fake_mpu);
    return CFG_MPU_REGIONS;
}

bool arch_mpu_encode(struct arch_mpu_region *out, unsigned slot, const struct cfg_region *r)
{
    *out = (struct arch_mpu_region){slot, r->mpu_base, r->mpu_size_log2, r->access};
    return r->mpu_size_log2 >= 5;
}

bool arch_mpu_encode_guard(struct arch_mpu_region *out, unsigned slot, uint32_t base,
                           uint32_t size)
{
    unsigned log2 = 0;
    while ((1u << log2) < size)
        log2++;
    *out = (struct arch_mpu_region){slot, base, log2, 0};
    return true;
}

void arch_mpu_encode_off(struct arch_mpu_region *out, unsigned slot)
{
    *out = (struct arch_mpu_region){slot, 0, 0, 0};
}

void arch_mpu_load(const struct arch_mpu_region *set, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        fake_mpu[set[i].slot] = set[i];
    fake_mpu_loads += n;
}

void arch_mpu_leave(void)
{
}
