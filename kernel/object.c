/* object.c - what every kind of intra-partition object shares (see
 * object.h): the table, the reset, blocking and leaving, the status. */
#include "object.h"

#include "waitq.h"

/* Mutexes serve their waiters by priority whatever the config says, so
 * that the owner inherits from the first one. */
static uint8_t discipline_of(const struct cfg_object *c)
{
    return c->kind == CFG_OBJ_MUTEX ? CFG_DISCIPLINE_PRIORITY : c->discipline;
}

void object_reset_partition(struct part *p)
{
    for (uint8_t i = 0; CFG_HAS_OBJECTS && i < p->cfg->num_objects; i++) {
        const struct cfg_object *c = &p->cfg->objects[i];
        struct object_state *o = &kstate.objects[c->index];
        *o = (struct object_state){.cfg = c};
        waitq_init(&o->waiters, discipline_of(c));
        if (c->kind == CFG_OBJ_SEMAPHORE)
            o->value = c->initial;
    }
    waitq_init(&p->lock_waiters, CFG_DISCIPLINE_PRIORITY);
}

struct object_state *object_of(const struct part *p, uint32_t id, uint8_t kind)
{
    if (id >= p->cfg->num_objects || p->cfg->objects[id].kind != kind)
        return 0;
    return &kstate.objects[p->cfg->objects[id].index];
}

uint32_t object_id(const struct part *p, const struct object_state *o)
{
    return (uint32_t)(o->cfg - p->cfg->objects);
}

void object_block(struct object_state *o, struct thread *t, uint64_t until)
{
    waitq_block(&o->waiters, t, until);
    if (o->cfg->kind == CFG_OBJ_MUTEX)
        mutex_waiters_changed(o);
}

/* The object whose waiters q is, or NULL (a port's queue, a lock word's,
 * an IRQ line's). */
static struct object_state *object_of_queue(const struct waitq *q)
{
    if (!CFG_HAS_OBJECTS)
        return 0; /* and no mutex code linked */
    uintptr_t a = (uintptr_t)q, first = (uintptr_t)&kstate.objects[0].waiters;
    uintptr_t size = sizeof kstate.objects[0];
    if (a < first || a >= first + size * CFG_OBJECT_POOL || (a - first) % size)
        return 0;
    return &kstate.objects[(a - first) / size];
}

struct object_state *object_waited(const struct thread *t)
{
    return object_of_queue(t->waitq);
}

void object_leave_wait(struct thread *t)
{
    struct object_state *o = object_of_queue(t->waitq);
    waitq_remove(t);
    if (o && o->cfg->kind == CFG_OBJ_MUTEX)
        mutex_waiters_changed(o);
}

void object_status(const struct object_state *o, struct fen_object_status *out)
{
    const struct cfg_object *c = o->cfg;
    *out = (struct fen_object_status){
        .kind = c->kind, .value = o->value, .waiting = waitq_count(&o->waiters),
        .owner = o->owner ? o->owner->local_id : 0xffu};
    if (c->kind == CFG_OBJ_SEMAPHORE)
        out->maximum = c->maximum;
    if (c->kind == CFG_OBJ_BUFFER)
        out->maximum = c->depth;
    if (c->kind == CFG_OBJ_BLACKBOARD || c->kind == CFG_OBJ_BUFFER)
        out->max_message = c->max_message;
}
