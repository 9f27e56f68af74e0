/*
 * crunch.c - the CPU-bound partition of apps/demo.
 *
 * The initial thread runs rounds of the benchmark workload
 * (bench/workload: fill, insertion sort, CRC-32) back to back, each seeded
 * by the previous checksum.  After each round it prints the checksum and
 * the cycles the round took from start to finish.  That is wall time: it
 * includes the windows of the other partitions, during which crunch does
 * not run at all, so a round needing C cycles of CPU takes about C * 10/4
 * cycles with a 4 ms window in a 10 ms major frame.
 *
 * A second thread, created at a lower priority, wants to print a heartbeat
 * every HEARTBEAT_PERIOD_US.  Within a partition the higher priority wins,
 * so the heartbeat only runs while the cruncher rests between rounds
 * (CRUNCH_REST_US); it says how many beats it missed meanwhile.
 *
 *   crunch: partition 2 up, 320 words per round, heartbeat every 5.000 ms
 *   crunch round #1: crc 0xbb81e9cd, 517821 cycles (20.712 ms) start to finish
 *   crunch heartbeat #1 at 27.811 ms, 3 beats missed while the cruncher ran
 */
#include <inttypes.h>
#include <stdio.h>

#include "fenestra.h"
/* By path, so the partition needs no extra include directory; link it with
 * bench/workload/workload.c. */
#include "../../bench/workload/workload.h"

#ifndef CRUNCH_N
#define CRUNCH_N 320 /* words per round: about two of crunch's windows */
#endif
#ifndef CRUNCH_REST_US
#define CRUNCH_REST_US 500 /* pause after each round */
#endif
#ifndef HEARTBEAT_PERIOD_US
#define HEARTBEAT_PERIOD_US 5000
#endif
/* Below the partition's configured priority (10 in apps/demo/app.yaml). */
#ifndef HEARTBEAT_PRIORITY
#define HEARTBEAT_PRIORITY 5
#endif

static uint32_t words[CRUNCH_N];
static FEN_THREAD_STACK(heartbeat_stack, 1024);

static void print_ms(uint64_t cycles)
{
    uint64_t us = fen_cycles_to_us(cycles);

    printf("%" PRIu64 ".%03" PRIu64 " ms", us / 1000, us % 1000);
}

/* What the heartbeat thread gets as its argument. */
struct heartbeat {
    const char *name;
    uint64_t start; /* its beats are due at start + k * period, k >= 1 */
};

static struct heartbeat beat;

/* Periodic, by absolute deadlines from the moment it was started; beats
 * that passed while this thread could not run are counted, not replayed. */
static void heartbeat(void *arg)
{
    const struct heartbeat *hb = arg;
    uint64_t period = fen_us_to_cycles(HEARTBEAT_PERIOD_US);
    uint64_t next = hb->start + period;

    for (uint32_t n = 1;; n++) {
        fen_sleep_until(next);
        uint64_t now = fen_get_time();
        uint32_t missed = 0;
        for (next += period; next <= now; next += period)
            missed++;
        printf("%s heartbeat #%" PRIu32 " at ", hb->name, n);
        print_ms(now);
        if (missed)
            printf(", %" PRIu32 " beats missed while the cruncher ran\n", missed);
        else
            printf(", on time\n");
    }
}

static void start_heartbeat(const char *name)
{
    beat = (struct heartbeat){ .name = name, .start = fen_get_time() };

    int32_t id = fen_thread_create(heartbeat, &beat, heartbeat_stack.stack,
                                   sizeof heartbeat_stack.stack, HEARTBEAT_PRIORITY);
    int32_t rc = id < 0 ? id : fen_thread_start(id);
    if (rc >= 0) /* initialisation done: the heartbeat is released now */
        rc = fen_set_partition_mode(FEN_MODE_NORMAL);

    if (rc < 0)
        printf("%s: cannot start the heartbeat thread (error %" PRId32 ")\n", name, -rc);
}

int main(void)
{
    struct fen_partition_info info;

    if (fen_partition_info(&info) < 0) {
        puts("crunch: partition_info failed");
        return 1;
    }
    printf("partition %" PRIu32 " up, %" PRIu32 " words per round, heartbeat every ",
           info.id, (uint32_t)CRUNCH_N);
    print_ms(fen_us_to_cycles(HEARTBEAT_PERIOD_US));
    putchar('\n');
    start_heartbeat(info.name);

    uint32_t crc = 1;
    for (uint32_t round = 1;; round++) {
        uint64_t start = fen_get_time();
        crc = workload_run(words, CRUNCH_N, crc);
        uint64_t took = fen_get_time() - start;

        printf("%s round #%" PRIu32 ": crc 0x%08" PRIx32 ", %" PRIu64 " cycles (",
               info.name, round, crc, took);
        print_ms(took);
        printf(") start to finish\n");
        fen_sleep_us(CRUNCH_REST_US);
    }
}
