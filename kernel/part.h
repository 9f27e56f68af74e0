/*
 * part.h - partitions: creation from the configuration, and stopping a
 * partition after a fault.
 */
#ifndef FENESTRA_PART_H
#define FENESTRA_PART_H

#include "kstate.h"

/* Creates every partition and its initial thread (ready, not yet run). */
void part_init_all(void);

/* Stops every thread of p; it idles through its windows from now on.
 * reason: the error (enum fen_error). */
void part_stop(struct part *p, uint32_t reason);

static inline uint8_t part_index(const struct part *p)
{
    return (uint8_t)(p - kstate.parts);
}

#endif
