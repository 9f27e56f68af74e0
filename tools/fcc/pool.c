/*
 * pool.c - layout of the message pool, of the ports table and of the
 * objects' slots, from the channels and the partitions' objects.
 */
#include "pool.h"

#include <inttypes.h>
#include <stdio.h>

/* The pool as it fills, and the first taker that went past its limit. */
struct layout {
    struct fcc_app *a;
    uint64_t used;
    bool over;
    char over_what[160];  /* "channel 'big'" */
    uint64_t over_slots;
    uint64_t over_slot;   /* bytes of one of its slots */
    struct fcc_loc over_at;
};

/* n slots for messages of max_message bytes at the end of the pool: the
 * offset of the first, a multiple of 8 as every slot's size is. */
static uint64_t take(struct layout *l, uint64_t n, uint64_t max_message,
                     const char *what, struct fcc_loc at)
{
    uint64_t store = l->used, slot = FCC_MSG_SLOT(max_message);
    l->used += n * slot;
    if (l->used > FCC_MAX_MSG_POOL && !l->over) {
        l->over = true;
        snprintf(l->over_what, sizeof(l->over_what), "%s", what);
        l->over_slots = n;
        l->over_slot = slot;
        l->over_at = at;
    }
    return store;
}

/* Ports: each channel's source, then its destinations. */
static void layout_channels(struct layout *l)
{
    struct fcc_app *a = l->a;
    size_t port = 0;
    for (size_t i = 0; i < a->num_channels; i++) {
        struct fcc_channel *ch = &a->channels[i];
        char what[64];
        ch->first_port = port;
        port += 1 + ch->num_destinations;
        if (!ch->ok)
            continue;
        snprintf(what, sizeof(what), "channel '%s'", ch->name);
        ch->store = take(l, ch->depth, ch->max_message, what, ch->at);
    }
    a->num_ports = port;
}

/* Objects are numbered across partitions, in partition order. */
static void layout_objects(struct layout *l)
{
    struct fcc_app *a = l->a;
    unsigned index = 0;
    for (size_t pi = 0; pi < a->num_partitions; pi++) {
        const struct fcc_partition *p = &a->partitions[pi];
        for (size_t i = 0; i < p->num_objects; i++) {
            struct fcc_object *o = &p->objects[i];
            char what[96];
            o->index = index++;
            if (!o->ok || fcc_object_slots(o) == 0)
                continue;
            snprintf(what, sizeof(what), "%s '%s' of partition '%s'",
                     fcc_object_kind_word(o->kind), o->name,
                     p->name ? p->name : "?");
            o->store = take(l, fcc_object_slots(o), o->max_message, what,
                            o->at);
        }
    }
    a->num_objects = index;
}

void fcc_pool_layout(struct fcc_app *a)
{
    struct layout l = { .a = a };
    layout_channels(&l);
    layout_objects(&l);
    a->pool_bytes = l.used;
    if (!l.over)
        return;
    fcc_src_error(&a->src, l.over_at, "the message pool needs %" PRIu64
                  " bytes, more than the %u (4MiB) the kernel allows; %s "
                  "(%" PRIu64 " slot(s) of %" PRIu64 " bytes) takes it past "
                  "the limit", l.used, FCC_MAX_MSG_POOL, l.over_what,
                  l.over_slots, l.over_slot);
}
