/*
 * part_bench.c - the benchmark partition: BENCH_ROUNDS rounds of the
 * workload (workload.h), each seeded by the previous checksum, then one
 * line with the final checksum and the guest cycles the rounds took, then
 * exit.  The host runs the same rounds natively and must print the same
 * checksum.
 *
 * Output (one line, for scripts):
 *   bench: rounds=R n=N checksum=0xXXXXXXXX cycles=C
 *
 * cycles is wall time (fen_get_time), so it includes any other partition's
 * windows: run it as the only partition, with a window filling the frame.
 */
#include <inttypes.h>
#include <stdio.h>

#include "fenestra.h"
#include "workload.h"

/* 28 rounds of 2048 words: about 206 million guest instructions (7.38 M
 * per round), the workload DESIGN.md's Unicorn/QEMU/native figures are
 * for.  Seed 1, 28 rounds: checksum 0xf0771f8f. */
#ifndef BENCH_ROUNDS
#define BENCH_ROUNDS 28
#endif
#ifndef BENCH_SEED
#define BENCH_SEED 1u
#endif

static uint32_t buf[WORKLOAD_N];

int main(void)
{
    uint32_t sum = BENCH_SEED;
    uint64_t start = fen_get_time();

    for (uint32_t r = 0; r < (uint32_t)BENCH_ROUNDS; r++)
        sum = workload_run(buf, WORKLOAD_N, sum);

    uint64_t cycles = fen_get_time() - start;
    printf("bench: rounds=%" PRIu32 " n=%" PRIu32 " checksum=0x%08" PRIx32
           " cycles=%" PRIu64 "\n",
           (uint32_t)BENCH_ROUNDS, (uint32_t)WORKLOAD_N, sum, cycles);
    return 0;
}
