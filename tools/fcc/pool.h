/*
 * pool.h - the kernel's communication pools, laid out from the config:
 * the ports table, the objects' global slots and the message pool.
 *
 * Every message the kernel stores (a queuing channel's queue, a sampling
 * channel's latest message, a blackboard's, a buffer's queue) sits in a
 * slot of FCC_MSG_HEADER bytes plus the message size rounded up to 8.  The
 * pool holds the channels' slots first, in channel order, then the
 * objects', partitions in order and each partition's objects in table
 * order.
 */
#ifndef FCC_POOL_H
#define FCC_POOL_H

#include <stdint.h>

#include "app.h"

/* CFG_MSG_HEADER and CFG_MSG_SLOT of kernel/config.h (cfg_gen.c asserts
 * that they agree). */
#define FCC_MSG_HEADER 16u
#define FCC_MSG_SLOT(max_message) \
    (FCC_MSG_HEADER + (((uint64_t)(max_message) + 7u) & ~(uint64_t)7u))

/* The most bytes the message pool may have: it is one array in the
 * kernel arena. */
#define FCC_MAX_MSG_POOL (4u << 20)

/* Sets each channel's first_port and store, each object's index and
 * store, and a's num_ports, num_objects and pool_bytes; reports a pool
 * larger than FCC_MAX_MSG_POOL.  Invalid channels and objects take no
 * slot. */
void fcc_pool_layout(struct fcc_app *a);

#endif
