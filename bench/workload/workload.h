/*
 * workload.h - the memory-heavy CPU workload of the benchmarks, run both
 * inside a partition (part_bench.c) and natively on the host, so that the
 * simulator's speed can be compared with native speed on identical work.
 *
 * One round: fill n words from a xorshift32 generator seeded by `seed`,
 * insertion-sort them (about n*n/4 moves: loads and stores dominate), and
 * return the CRC-32 (IEEE, reflected, bitwise) of the sorted words taken
 * as little-endian bytes.  Plain C11; the result depends only on seed and
 * n, on every host and target.
 */
#ifndef FEN_BENCH_WORKLOAD_H
#define FEN_BENCH_WORKLOAD_H

#include <stdint.h>

/* The benchmark's round size: 2048 words, 8 KiB. */
#define WORKLOAD_N 2048u

/* Runs one round over buf[0..n) and returns its checksum.  Chaining rounds
 * (seed = previous checksum) keeps a compiler from hoisting or skipping
 * any of them. */
uint32_t workload_run(uint32_t *buf, uint32_t n, uint32_t seed);

#endif
