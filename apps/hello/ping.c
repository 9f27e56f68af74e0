/*
 * ping.c - a partition of apps/hello (and apps/demo).  One thread prints a
 * numbered line with the time, then sleeps PING_PERIOD_US from the moment
 * it goes to sleep (fen_sleep_for: a relative sleep, so the lines drift by
 * the cost of printing).  A wake-up that falls outside ping's window is
 * served at its next window; the line then says how late it woke, which
 * shows the schedule from inside the partition.
 *
 *   ping: partition 0 up, clock 25000000 Hz, major frame 250000 cycles
 *   ping #1 at 1204 cycles (0.048 ms), 0.001 ms late
 *   ping #2 at 52460 cycles (2.098 ms), 0.000 ms late
 *   ...
 */
#include <inttypes.h>
#include <stdio.h>

#include "fenestra.h"

#ifndef PING_PERIOD_US
#define PING_PERIOD_US 2000 /* sleep between lines */
#endif
#ifndef PING_COUNT
#define PING_COUNT 0 /* lines to print, then return; 0: forever */
#endif

static void print_line(const char *name, uint32_t n, uint64_t now, uint64_t late)
{
    uint64_t at_us = fen_cycles_to_us(now);
    uint64_t late_us = fen_cycles_to_us(late);

    printf("%s #%" PRIu32 " at %" PRIu64 " cycles (%" PRIu64 ".%03" PRIu64
           " ms), %" PRIu64 ".%03" PRIu64 " ms late\n",
           name, n, now, at_us / 1000, at_us % 1000, late_us / 1000, late_us % 1000);
}

int main(void)
{
    struct fen_partition_info info;

    if (fen_partition_info(&info) < 0) {
        puts("ping: partition_info failed");
        return 1;
    }
    printf("partition %" PRIu32 " up, clock %" PRIu32 " Hz, major frame %" PRIu64
           " cycles\n", info.id, info.clock_hz, info.major_frame);

    uint64_t period = fen_us_to_cycles(PING_PERIOD_US);
    uint64_t due = fen_get_time();

    for (uint32_t n = 1;; n++) {
        uint64_t now = fen_get_time();
        print_line(info.name, n, now, now > due ? now - due : 0);
        if (n == (uint32_t)PING_COUNT)
            break;
        due = fen_get_time() + period;
        fen_sleep_for(period);
    }
    return 0;
}
