/*
 * spawner.c - in its window of frame SPAWNER_OVERFLOW_FRAME, starts a
 * worker thread that recurses without bound on its own stack, whose guard
 * lies inside spawner's data, directly above a canary array: both are one
 * struct, so nothing else can sit between them.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>

#include "dive.h"
#include "fenestra.h"
#include "layout.h"

struct area {
    uint32_t canary[AREA_CANARY_BYTES / 4];
    FEN_THREAD_STACK(worker, WORKER_STACK_BYTES);
};

/* Not static: the test finds it by its symbol. */
struct area spawner_area __attribute__((aligned(GUARD)));

_Static_assert(FEN_THREAD_GUARD == GUARD, "the guard is the partition's stack_guard");
_Static_assert(offsetof(struct area, worker.guard) == AREA_CANARY_BYTES,
               "the guard follows the canary directly");
_Static_assert(offsetof(struct area, worker.stack) == AREA_CANARY_BYTES + GUARD,
               "the stack follows the guard directly");
_Static_assert(sizeof spawner_area.worker.stack == WORKER_STACK_BYTES, "stack size");

static void worker_main(void *arg)
{
    (void)arg;
    dive(0);
}

int main(void)
{
    for (uint32_t i = 0; i < AREA_CANARY_BYTES / 4; i++)
        spawner_area.canary[i] = canary_word((uint32_t)(uintptr_t)&spawner_area.canary[i]);
    printf("canary at 0x%08" PRIx32 ", worker stack at 0x%08" PRIx32 "\n",
           (uint32_t)(uintptr_t)spawner_area.canary,
           (uint32_t)(uintptr_t)spawner_area.worker.stack);

    struct fen_partition_info info;
    fen_partition_info(&info);
    fen_sleep_until(SPAWNER_OVERFLOW_FRAME * info.major_frame);
    int32_t id = fen_thread_create(worker_main, 0, spawner_area.worker.stack,
                                   sizeof spawner_area.worker.stack, 20);
    printf("starting worker %" PRId32 "\n", id);
    fen_set_partition_mode(FEN_MODE_NORMAL);
    fen_thread_start(id); /* higher priority: it runs at once */
    printf("survived\n");
    return 0;
}
