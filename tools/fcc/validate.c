/*
 * validate.c - cross checks: the schedules (schedule.c), processes
 * (process.c) and channels (channel.c) against the partitions and the
 * board clock, the memory model (memory.c), stacks against data regions;
 * then the derived values the tables need (thread slots, the pools of
 * pool.c).
 */
#include "validate.h"

#include "memory.h"
#include "pool.h"

/* ------------------------------------------------------------------------
 * Memory
 * --------------------------------------------------------------------- */

static void check_stacks(const struct fcc_app *a)
{
    for (size_t i = 0; i < a->num_partitions; i++) {
        const struct fcc_partition *p = &a->partitions[i];
        if (p->stack_size == 0 || p->data < 0)
            continue;
        const struct fcc_region *r = &p->regions[p->data];
        if (p->stack_size <= r->size)
            continue;
        char stack[32], size[32];
        fcc_format_size(p->stack_size, stack, sizeof(stack));
        fcc_format_size(r->size, size, sizeof(size));
        fcc_src_error(&a->src, p->stack_at, "stack_size %s is larger than "
                      "data region '%s' (%s)", stack, r->name, size);
    }
}

/* ------------------------------------------------------------------------
 * Derived values
 * --------------------------------------------------------------------- */

static void assign_threads(struct fcc_app *a)
{
    unsigned next = 0;
    for (size_t i = 0; i < a->num_partitions; i++) {
        a->partitions[i].first_thread = next;
        next += (unsigned)a->partitions[i].max_threads;
    }
}

void fcc_validate(struct fcc_app *a, const struct fcc_board *b)
{
    uint64_t hz = b ? b->clock_hz : 0;
    fcc_schedules_check(a, hz);
    fcc_processes_check(a, hz); /* after the schedules: their periods */
    fcc_channels_check(a, hz);
    fcc_check_memory(a, b);
    check_stacks(a);
    assign_threads(a);
    fcc_pool_layout(a);
}
