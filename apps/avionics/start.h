/*
 * start.h - the start-up every avionics partition shares: create its one
 * declared process, start it, enter NORMAL; the initial thread then stops.
 * A header (each partition is its own program) with one inline function.
 */
#ifndef AVIONICS_START_H
#define AVIONICS_START_H

#include <inttypes.h>
#include <stdio.h>

#include "fenestra.h"

static inline int avionics_start(const char *process, fen_thread_entry_t entry, void *stack,
                                 uint32_t stack_size)
{
    int32_t id = fen_create_process(process, entry, stack, stack_size);
    int32_t rc = id < 0 ? id : fen_start(id);
    if (rc >= 0)
        rc = fen_set_partition_mode(FEN_MODE_NORMAL);
    if (rc < 0) {
        printf("cannot start %s: error %" PRId32 "\n", process, -rc);
        return 1;
    }
    fen_stop_self();
}

#endif
