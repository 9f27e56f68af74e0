/*
 * object.h - the intra-partition objects a partition declares
 * (`semaphores:`, `events:`, `blackboards:`, `buffers:`, `mutexes:`):
 * their names, parameters and the rules on them.
 *
 * A partition's table lists all its semaphores, then its events,
 * blackboards, buffers and mutexes, each kind in declaration order.  Names
 * are unique within the partition across all kinds.
 */
#ifndef FCC_OBJECT_H
#define FCC_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "schema.h"

struct fcc_partition;

/* As enum cfg_object_kind in kernel/config.h, and the table order. */
enum fcc_object_kind {
    FCC_OBJ_SEMAPHORE,
    FCC_OBJ_EVENT,
    FCC_OBJ_BLACKBOARD,
    FCC_OBJ_BUFFER,
    FCC_OBJ_MUTEX,
    FCC_OBJ_KIND_COUNT
};

/* As enum cfg_mutex_protocol. */
enum fcc_mutex_protocol { FCC_MUTEX_INHERIT = 0, FCC_MUTEX_CEILING = 1 };

struct fcc_object {
    const char *name;      /* NULL when missing or invalid */
    int kind;              /* enum fcc_object_kind */
    int discipline;        /* semaphores, buffers: enum fcc_discipline;
                              mutexes: always priority */
    int protocol;          /* mutexes: enum fcc_mutex_protocol */
    unsigned ceiling;      /* mutexes with the ceiling protocol: 1..255 */
    unsigned depth;        /* buffers: 1..65535; blackboards: 1 */
    uint64_t max_message;  /* blackboards, buffers: bytes */
    int64_t initial;       /* semaphores: 0..maximum */
    int64_t maximum;       /* semaphores: 1..65535 */
    uint64_t store;        /* set by pool.c: blackboards, buffers: offset
                              of the first slot in the message pool */
    unsigned index;        /* set by pool.c: slot among all partitions'
                              objects */
    struct fcc_loc at;
    struct fcc_loc name_at;
    bool ok;               /* every field valid */
};

#define FCC_MAX_OBJECTS 255     /* cfg_partition.num_objects is a uint8_t */
#define FCC_MAX_SEMAPHORE 65535 /* the largest maximum count */

/* Reads the optional object lists of partition mapping n into p; `what`
 * names the partition ("partition 'ping'").  False after an error. */
bool fcc_objects_parse(const struct fcc_src *s, const struct fcc_node *n,
                       const char *what, struct fcc_partition *p);

void fcc_objects_free(struct fcc_partition *p);

/* Message slots an object takes in the message pool: blackboards 1,
 * buffers their depth, others 0. */
unsigned fcc_object_slots(const struct fcc_object *o);

/* "semaphore", ... for messages; "CFG_OBJ_SEMAPHORE", ... for tables. */
const char *fcc_object_kind_word(int kind);
const char *fcc_object_kind_cname(int kind);

#endif
