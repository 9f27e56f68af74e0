/*
 * part_yield.c - the process-switch benchmark partition: BENCH_OTHERS + 1
 * threads of one priority, each giving way in a loop (timed wait 0), so
 * every call switches to the next in FIFO order with BENCH_OTHERS threads
 * ready besides the running one.  The initial thread creates and starts
 * them, enters NORMAL and stops.  Host time per kernel entry, compared
 * for 1, 8 and 64 others, shows whether a switch costs more when more
 * threads are ready (bench/run.sh).
 */
#include <stdint.h>

#include "fenestra.h"

#ifndef BENCH_OTHERS
#define BENCH_OTHERS 1
#endif
#define THREADS (BENCH_OTHERS + 1)

static FEN_THREAD_STACK(stacks[THREADS], 256);

static void give_way(void *arg)
{
    (void)arg;
    for (;;)
        fen_timed_wait(0);
}

int main(void)
{
    for (int i = 0; i < THREADS; i++) {
        int32_t id = fen_thread_create(give_way, 0, stacks[i].stack, sizeof stacks[i].stack, 10);
        if (id < 0 || fen_start(id) < 0)
            return 1;
    }
    fen_set_partition_mode(FEN_MODE_NORMAL);
    fen_stop_self();
}
