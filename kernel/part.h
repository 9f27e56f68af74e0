/*
 * part.h - partitions: creation from the configuration, memory checks on
 * behalf of system calls, and stopping a partition after a fault.
 */
#ifndef FENESTRA_PART_H
#define FENESTRA_PART_H

#include "kstate.h"

enum part_access { PART_READ = 1, PART_WRITE = 2, PART_EXEC = 4 };

/* Creates every partition and its initial thread (ready, not yet run). */
void part_init_all(void);

/* True when [addr, addr+len) lies inside one region of p granting all of
 * the `access` bits.  len == 0 is always accepted. */
bool part_range_ok(const struct part *p, uint32_t addr, uint32_t len,
                   unsigned access);

/* Stops every thread of p; it idles through its windows from now on. */
void part_stop(struct part *p, uint32_t reason);

static inline uint8_t part_index(const struct part *p)
{
    return (uint8_t)(p - kstate.parts);
}

#endif
