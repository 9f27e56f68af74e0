/*
 * native.c - the benchmark workload compiled for the host: the baseline of
 * the simulator's speed.  Prints the checksum (which must equal the
 * partition's) and the median host time of 5 runs of all rounds.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "workload.h"

#define ROUNDS 28
#define RUNS 5

static uint32_t buf[WORKLOAD_N];

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    double secs[RUNS];
    uint32_t sum = 0;
    for (int run = 0; run < RUNS; run++) {
        double t0 = now();
        sum = 1;
        for (int r = 0; r < ROUNDS; r++)
            sum = workload_run(buf, WORKLOAD_N, sum);
        secs[run] = now() - t0;
    }
    qsort(secs, RUNS, sizeof secs[0], by_value);
    printf("native: rounds=%d checksum=0x%08" PRIx32 " seconds=%.6f\n", ROUNDS, sum,
           secs[RUNS / 2]);
    return 0;
}
