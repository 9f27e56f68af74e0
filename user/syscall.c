/*
 * syscall.c - the fen_ system-call stubs of fenestra.h and the time helpers
 * built on them.  Each stub only moves its arguments into the registers of
 * kernel/abi.h; every check is the kernel's.
 */
#include <stdint.h>

#include "fenestra.h"
#include "runtime.h"
#include "svc.h"

/* ---- console and scheduling ------------------------------------------ */

int32_t fen_console_write(const char *buf, uint32_t len)
{
    return fen_svc32(FEN_SYS_CONSOLE_WRITE, (uint32_t)(uintptr_t)buf, len);
}

int32_t fen_yield(void)
{
    return fen_svc32(FEN_SYS_YIELD, 0, 0);
}

/* ---- time -------------------------------------------------------------- */

uint64_t fen_get_time(void)
{
    return fen_svc_ret64(FEN_SYS_GET_TIME);
}

int32_t fen_sleep_until(uint64_t cycle)
{
    return fen_svc_arg64(FEN_SYS_SLEEP_UNTIL, cycle);
}

int32_t fen_sleep_for(uint64_t cycles)
{
    return fen_svc_arg64(FEN_SYS_SLEEP_FOR, cycles);
}

/* The board clock never changes while a partition runs, so the first
 * caller asks the kernel and everyone after reads the cache.  Two threads
 * racing to fill it store the same value.  A kernel refusing to say is a
 * broken system: trap so the health monitor sees it. */
static uint32_t clock_hz_cache;

uint32_t fen_clock_hz(void)
{
    if (clock_hz_cache == 0) {
        struct fen_partition_info info;
        if (fen_partition_info(&info) < 0 || info.clock_hz == 0)
            __builtin_trap();
        clock_hz_cache = info.clock_hz;
    }
    return clock_hz_cache;
}

uint64_t fen_ms_to_cycles(uint32_t ms)
{
    return (uint64_t)ms * fen_clock_hz() / 1000u;
}

uint64_t fen_us_to_cycles(uint32_t us)
{
    return (uint64_t)us * fen_clock_hz() / 1000000u;
}

/* Split so that cycles * 10^6 cannot overflow for any uptime. */
uint64_t fen_cycles_to_us(uint64_t cycles)
{
    uint32_t hz = fen_clock_hz();
    return cycles / hz * 1000000u + cycles % hz * 1000000u / hz;
}

int32_t fen_sleep_ms(uint32_t ms)
{
    return fen_sleep_for(fen_ms_to_cycles(ms));
}

int32_t fen_sleep_us(uint32_t us)
{
    return fen_sleep_for(fen_us_to_cycles(us));
}

/* ---- threads ------------------------------------------------------------ */

void fen_thread_exit(void)
{
    fen_stdio_detach_self();
    fen_svc32(FEN_SYS_THREAD_EXIT, 0, 0);
    __builtin_trap(); /* the kernel never returns from THREAD_EXIT */
}

/* attr.exit_to: a thread whose entry function returns lands here, with its
 * stack back at the top, and ends like a call to fen_thread_exit().  A
 * function of its own so that a backtrace names it. */
static __attribute__((noreturn, noinline)) void fen_thread_return(void)
{
    fen_thread_exit();
}

int32_t fen_thread_create(fen_thread_entry_t entry, void *arg, void *stack,
                          uint32_t stack_size, uint32_t priority)
{
    uintptr_t lo = (uintptr_t)stack;
    const struct fen_thread_attr attr = {
        .entry = (uint32_t)(uintptr_t)entry,
        .arg = (uint32_t)(uintptr_t)arg,
        .stack_base = (uint32_t)lo,
        .stack_size = stack_size,
        .priority = priority,
        .exit_to = (uint32_t)(uintptr_t)fen_thread_return,
    };
    int32_t id = fen_svc32(FEN_SYS_THREAD_CREATE, (uint32_t)(uintptr_t)&attr, 0);

    /* The thread cannot run before fen_thread_start, so giving it its
     * stdout buffer now, once the kernel has accepted the stack, is safe. */
    if (id >= 0)
        fen_stdio_attach(lo, lo + stack_size);
    return id;
}

int32_t fen_thread_start(int32_t thread)
{
    return fen_svc32(FEN_SYS_THREAD_START, (uint32_t)thread, 0);
}

int32_t fen_thread_set_priority(int32_t thread, uint32_t priority)
{
    return fen_svc32(FEN_SYS_THREAD_SET_PRIORITY, (uint32_t)thread, priority);
}

int32_t fen_thread_self(void)
{
    return fen_svc32(FEN_SYS_THREAD_SELF, 0, 0);
}

/* ---- partition ------------------------------------------------------------ */

int32_t fen_partition_info(struct fen_partition_info *info)
{
    return fen_svc32(FEN_SYS_PARTITION_INFO, (uint32_t)(uintptr_t)info, 0);
}
