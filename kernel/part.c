/* part.c - partitions (see part.h). */
#include "part.h"

#include "thread.h"

static void init_one(struct part *p, const struct cfg_partition *cfg)
{
    p->cfg = cfg;
    p->mode = PART_NORMAL;
    p->console_at_line_start = true;
    for (uint8_t i = 0; i < cfg->max_threads; i++) {
        struct thread *t = &kstate.threads[cfg->first_thread + i];
        t->index = (uint16_t)(cfg->first_thread + i);
        t->part = part_index(p);
        t->state = THREAD_UNUSED;
    }
    struct thread *main = thread_alloc(p);
    main->entry = cfg->entry;
    main->arg = 0;
    main->exit_to = 0; /* crt0 never returns: it calls thread exit */
    main->stack_base = cfg->stack_base;
    main->stack_size = cfg->stack_size;
    main->priority = cfg->priority;
    thread_start(main);
}

void part_init_all(void)
{
    for (uint8_t i = 0; i < cfg_system.num_partitions; i++)
        init_one(&kstate.parts[i], &cfg_system.partitions[i]);
}

void part_stop(struct part *p, uint32_t reason)
{
    for (uint8_t i = 0; i < p->num_threads; i++)
        thread_retire(thread_of(p, i), THREAD_STOPPED);
    p->mode = PART_STOPPED;
    trace_emit(TR_PART_STOPPED, part_index(p), TRACE_NONE, 0, reason, 0);
}
