/*
 * pong.c - a partition of apps/hello (and apps/demo).  One thread prints a
 * numbered line with the time at a fixed period, PONG_PERIOD_US, counted
 * from its first line (fen_sleep_until: absolute deadlines, no drift).  A
 * deadline outside pong's window is served at its next window; deadlines
 * that passed while pong was not running are skipped, and the line says
 * how late it ran and how many periods it skipped.
 *
 *   pong: partition 1 up, clock 25000000 Hz, major frame 250000 cycles
 *   pong #1 at 125980 cycles (5.039 ms), 0.000 ms late
 *   pong #3 at 375000 cycles (15.000 ms), 3.961 ms late, skipped 1
 *   ...
 */
#include <inttypes.h>
#include <stdio.h>

#include "fenestra.h"

#ifndef PONG_PERIOD_US
#define PONG_PERIOD_US 3000 /* period of the lines */
#endif
#ifndef PONG_COUNT
#define PONG_COUNT 0 /* lines to print, then return; 0: forever */
#endif

static void print_line(const char *name, uint32_t n, uint64_t now, uint64_t late,
                       uint32_t skipped)
{
    uint64_t at_us = fen_cycles_to_us(now);
    uint64_t late_us = fen_cycles_to_us(late);

    printf("%s #%" PRIu32 " at %" PRIu64 " cycles (%" PRIu64 ".%03" PRIu64
           " ms), %" PRIu64 ".%03" PRIu64 " ms late",
           name, n, now, at_us / 1000, at_us % 1000, late_us / 1000, late_us % 1000);
    if (skipped)
        printf(", skipped %" PRIu32, skipped);
    putchar('\n');
}

int main(void)
{
    struct fen_partition_info info;

    if (fen_partition_info(&info) < 0) {
        puts("pong: partition_info failed");
        return 1;
    }
    printf("partition %" PRIu32 " up, clock %" PRIu32 " Hz, major frame %" PRIu64
           " cycles\n", info.id, info.clock_hz, info.major_frame);

    uint64_t period = fen_us_to_cycles(PONG_PERIOD_US);
    uint64_t deadline = fen_get_time();
    uint32_t skipped = 0;

    for (uint32_t n = 1;; n++) {
        uint64_t now = fen_get_time();
        print_line(info.name, n, now, now > deadline ? now - deadline : 0, skipped);
        if (n == (uint32_t)PONG_COUNT)
            break;
        /* The next deadline still ahead; count the ones already gone. */
        deadline += period;
        now = fen_get_time();
        for (skipped = 0; deadline <= now; skipped++)
            deadline += period;
        fen_sleep_until(deadline);
    }
    return 0;
}
