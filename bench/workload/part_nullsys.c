/*
 * part_nullsys.c - the null-system-call benchmark partition: NULLSYS_CALLS
 * calls of the cheapest system call (get_time) in a loop, then one line
 * with the guest cycles they took in all and per call, then exit.
 *
 * Output (one line, for scripts):
 *   nullsys: calls=K cycles=C per_call=P
 *
 * cycles is wall time (fen_get_time), so it includes any other partition's
 * windows: run it as the only partition, with a window filling the frame.
 */
#include <inttypes.h>
#include <stdio.h>

#include "fenestra.h"

#ifndef NULLSYS_CALLS
#define NULLSYS_CALLS 100000
#endif

int main(void)
{
    uint64_t start = fen_get_time();
    uint64_t last = start;

    for (uint32_t i = 0; i < (uint32_t)NULLSYS_CALLS; i++)
        last = fen_get_time();

    uint64_t cycles = last - start;
    printf("nullsys: calls=%" PRIu32 " cycles=%" PRIu64 " per_call=%" PRIu64 "\n",
           (uint32_t)NULLSYS_CALLS, cycles, cycles / (uint32_t)NULLSYS_CALLS);
    return 0;
}
