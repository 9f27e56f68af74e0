/* payload.c - a misbehaving experiment (unless built with PAYLOAD_CALM).
 * Its process `work` runs every 20 ms with a 3 ms capacity in a window
 * that must be declared complete.  In each life of the partition:
 *   activation 3 computes for 6 ms: DEADLINE_MISSED at release + 3 ms (the
 *     process table restarts the process), then OVERRUN at the window's
 *     end (the partition table logs it);
 *   activation 6 reads sensors' private memory: MEMORY_VIOLATION, and the
 *     partition table cold starts the partition (its .data, this counter
 *     included, starts over).
 * The calm build does the same work without the two mishaps: the isolation
 * test compares the other partitions' timing between the two. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "bus.h"
#include "start.h"

#ifndef PAYLOAD_CALM
#define PAYLOAD_CALM 0
#endif

#define SENSORS_PRIVATE 0x20100000u /* sensors' data region (app.yaml) */
#define OVERRUN_ACTIVATION 3
#define TRESPASS_ACTIVATION 6

static FEN_THREAD_STACK(work_stack, AVIONICS_STACK);
static uint32_t activations; /* .data: kept by a restart of the process */

/* About `ms` milliseconds of computation (5 instructions an iteration). */
static uint32_t compute(uint32_t ms)
{
    uint32_t x = 1;
    for (volatile uint32_t i = 0; i < ms * 5000u; i++)
        x = x * 1103515245u + 12345u;
    return x;
}

static void misbehave(uint32_t n)
{
    if (n == OVERRUN_ACTIVATION) {
        printf("activation %" PRIu32 ": a 6 ms computation in a 3 ms budget\n", n);
        compute(6);
    } else if (n == TRESPASS_ACTIVATION) {
        printf("activation %" PRIu32 ": peeking at sensors' memory\n", n);
        (void)*(volatile uint32_t *)SENSORS_PRIVATE;
    }
}

static void work(void *arg)
{
    (void)arg;
    for (;;) {
        uint32_t n = ++activations;
        if (!PAYLOAD_CALM)
            misbehave(n);
        compute(1);
        fen_window_complete();
        fen_periodic_wait();
    }
}

int main(void)
{
    struct fen_partition_status st;
    fen_get_partition_status(&st);
    printf("%s start, %" PRIu32 " restarts so far, activation counter %" PRIu32 "\n",
           st.mode == FEN_MODE_COLD_START ? "cold" : "warm", st.restarts, activations);
    return avionics_start("work", work, work_stack.stack, sizeof work_stack.stack);
}
