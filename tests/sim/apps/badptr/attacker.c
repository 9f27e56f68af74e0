/*
 * attacker.c - passes every class of bad pointer (cases.h) to every system
 * call that takes a buffer, from its initial thread and from a worker
 * thread whose stack guard lies inside its data, and prints each result:
 *
 *   "case 3 victim_code call 0 addr 0x00110000 len 32 rc -3"
 *
 * Around them, positive controls that must succeed ("control <name> rc
 * <n>"): its own buffers, the exact edges of its data region and of the
 * worker's stack, and a read of the mailbox it may read.  It checks that
 * the memory next to the refused ranges it can see is unchanged, then
 * keeps running ("alive <n>" every frame): a refused pointer does not
 * stop the caller.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cases.h"
#include "fenestra.h"

static FEN_THREAD_STACK(worker, 2048);

/* The raw trap (kernel/abi.h), so any address can be passed, even as a
 * thread_create attribute pointer. */
static int32_t raw_call(uint32_t num, uint32_t a0, uint32_t a1)
{
    register uint32_t r0 __asm__("r0") = a0;
    register uint32_t r1 __asm__("r1") = a1;
    register uint32_t r2 __asm__("r2") = 0;
    register uint32_t r3 __asm__("r3") = 0;
    register uint32_t r12 __asm__("r12") = num;
    __asm__ volatile("svc #0"
                     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r12)
                     :
                     : "memory");
    return (int32_t)r0;
}

static void control(const char *name, int32_t rc)
{
    printf("control %s rc %" PRId32 "\n", name, rc);
}

/* The cases of one thread; worker cases are offsets from base. */
static void run_cases(uint32_t thread, uint32_t base)
{
    size_t n;
    const struct badptr_case *cases = badptr_cases(&n);
    for (size_t i = 0; i < n; i++) {
        const struct badptr_case *c = &cases[i];
        if (c->thread != thread)
            continue;
        uint32_t addr = base + c->addr;
        uint32_t len = c->call == FEN_SYS_CONSOLE_WRITE ? c->len : 0;
        int32_t rc = raw_call(c->call, addr, len);
        printf("case %u %s call %" PRIu32 " addr 0x%08" PRIx32 " len %" PRIu32
               " rc %" PRId32 "\n",
               (unsigned)i, c->name, c->call, addr, c->len, rc);
    }
}

static void worker_main(void *arg)
{
    (void)arg;
    uint32_t base = (uint32_t)(uintptr_t)worker.stack;
    printf("worker stack 0x%08" PRIx32 "\n", base);
    /* The lowest bytes of its stack, just above the guard, are its own. */
    control("worker_stack_base", raw_call(FEN_SYS_PARTITION_INFO, base, 0));
    run_cases(ON_WORKER, base);
}

/* Every call on memory attacker owns succeeds, up to the last byte. */
static void positive_controls(void)
{
    char line[] = "own stack buffer\n";
    control("own_stack", fen_console_write(line, sizeof line - 1));

    fflush(stdout);
    int32_t rc = raw_call(FEN_SYS_CONSOLE_WRITE, MAILBOX, 16);
    fen_console_write("\n", 1);
    control("mailbox_read", rc);

    struct fen_partition_info info;
    rc = fen_partition_info(&info);
    control(rc == 0 && strcmp(info.name, "attacker") == 0 ? "own_info" : "own_info_wrong",
            rc);

    uint32_t edge = ATTACKER_DATA_END - INFO_LEN;
    rc = raw_call(FEN_SYS_PARTITION_INFO, edge, 0);
    const struct fen_partition_info *at_edge = (const void *)(uintptr_t)edge;
    control(rc == 0 && strcmp(at_edge->name, "attacker") == 0 ? "data_end_info"
                                                              : "data_end_info_wrong",
            rc);

    memcpy((void *)(uintptr_t)(ATTACKER_DATA_END - 16), "last 16 bytes ok", 16);
    fflush(stdout);
    rc = raw_call(FEN_SYS_CONSOLE_WRITE, ATTACKER_DATA_END - 16, 16);
    fen_console_write("\n", 1);
    control("data_end_read", rc);
}

/* Memory beside refused ranges that attacker itself can see. */
static uint8_t *const data_tail = (uint8_t *)(uintptr_t)(ATTACKER_DATA_END - 64);

static void fill_tail(void)
{
    for (unsigned i = 0; i < 64; i++)
        data_tail[i] = (uint8_t)(0x5A ^ i);
}

static bool tail_intact(void)
{
    for (unsigned i = 0; i < 64; i++)
        if (data_tail[i] != (uint8_t)(0x5A ^ i))
            return false;
    return true;
}

static bool mailbox_intact(void)
{
    const volatile uint8_t *m = (const volatile uint8_t *)(uintptr_t)MAILBOX;
    for (uint32_t i = 0; i < MAILBOX_SIZE; i++)
        if (m[i] != mailbox_byte(i))
            return false;
    return true;
}

static bool worker_guard_intact(void)
{
    for (unsigned i = 0; i < sizeof worker.guard; i++)
        if (((volatile uint8_t *)worker.guard)[i] != 0)
            return false;
    return true;
}

int main(void)
{
    positive_controls();
    fill_tail();
    run_cases(ON_MAIN, 0);
    printf("own data end %s\n", tail_intact() ? "intact" : "CHANGED");
    printf("mailbox %s\n", mailbox_intact() ? "intact" : "CHANGED");

    /* Higher priority than main: runs its cases to the end as soon as it
     * is started. */
    int32_t id = fen_thread_create(worker_main, 0, worker.stack, sizeof worker.stack, 20);
    control("thread_create_own", id);
    fen_set_partition_mode(FEN_MODE_NORMAL); /* started threads run from now */
    control("thread_start", fen_thread_start(id));
    printf("worker guard %s\n", worker_guard_intact() ? "intact" : "CHANGED");
    printf("done\n");

    for (unsigned n = 1;; n++) {
        fen_sleep_for(250000); /* one major frame */
        printf("alive %u\n", n);
    }
}
