/*
 * layout.h - shared by the overflow partitions and
 * tests/sim/test_overflow.c: where the canaries are and what they hold.
 */
#ifndef OVERFLOW_LAYOUT_H
#define OVERFLOW_LAYOUT_H

#include <stdint.h>

#define GUARD 32u /* every partition's stack_guard (the default) */

/* deep's initial stack starts at the base of its data region; its guard
 * and CANARY_BELOW_BYTES below that are the top of below's data. */
#define DEEP_STACK_BASE 0x20110000u
#define CANARY_BELOW_BYTES 256u
#define CANARY_BELOW (DEEP_STACK_BASE - CANARY_BELOW_BYTES)

/* spawner's `spawner_area`: the canary array, then the worker's guard and
 * stack (FEN_THREAD_STACK), adjacent. */
#define AREA_CANARY_BYTES 128u
#define WORKER_STACK_BYTES 512u

#define DEEP_OVERFLOW_FRAME 1u    /* deep starts recursing in this frame */
#define SPAWNER_OVERFLOW_FRAME 2u /* spawner starts its worker in this one */

static inline uint32_t canary_word(uint32_t addr)
{
    return 0xC5000000u | (addr & 0x00FFFFFFu);
}

#endif
