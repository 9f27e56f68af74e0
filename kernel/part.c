/* part.c - partitions and modes (see part.h). */
#include "part.h"

#include "abi.h"
#include "irq.h"
#include "ktime.h"
#include "object.h"
#include "ports.h"
#include "process.h"
#include "sched.h"
#include "thread.h"
#include "waitq.h"

static void emit_mode(const struct part *p)
{
    trace_emit3(TR_MODE, part_index(p), TRACE_NONE, 0, p->mode, p->start_condition,
                p->restarts);
}

/* Every slot back to its just-configured state: slot 0 the initial thread,
 * 1..n the declared processes (not yet created), the rest free. */
static void reset_threads(struct part *p)
{
    const struct cfg_partition *c = p->cfg;
    for (uint8_t i = 0; i < c->max_threads; i++) {
        struct thread *t = &kstate.threads[c->first_thread + i];
        waitq_remove(t); /* a send to another partition's port, say */
        uint32_t starts = t->starts; /* kept: see syscall_dispatch */
        /* Cleared whole, then the fields that are not zero: fewer bytes
         * of firmware than an initialiser naming them. */
        *t = (struct thread){0};
        t->index = (uint16_t)(c->first_thread + i);
        t->part = part_index(p);
        t->local_id = i;
        t->starts = starts;
        t->deadline = t->capacity = KTIME_NEVER;
        t->irq_line = IRQ_LINE_NONE;
        t->port_delivered = PORT_NONE;
        if (i >= 1 && i <= c->num_processes)
            t->cfg = &c->processes[i - 1];
    }
    p->ready = (struct ready_queue){0};
    p->sleeping = p->deadlines = p->handler = p->lock_owner = 0;
    p->num_errors = 0;
    p->lock_level = 0;
    p->num_threads = (uint8_t)(1 + c->num_processes);
    if (kstate.sched.current && kstate.sched.current->part == part_index(p))
        kstate.sched.current = 0; /* its context is gone: nothing to save */
}

void part_start(struct part *p, uint8_t mode, uint8_t condition)
{
    const struct cfg_partition *c = p->cfg;
    if (p->unfit) { /* space_init: it cannot be isolated, so it never runs */
        part_set_idle(p);
        return;
    }
    reset_threads(p);
    object_reset_partition(p); /* its lock words' queue, whatever the config */
    if (CFG_HAS_PORTS)
        ports_reset_partition(p);
    if (CFG_HAS_IRQ_OWNERS)
        irq_reset_partition(p);
    p->mode = mode;
    p->start_condition = condition;
    p->work_pending = false; /* a restart begins no window's work */
    if (condition == FEN_START_PARTITION_RESTART ||
        condition == FEN_START_HM_PARTITION_RESTART)
        p->restarts++;
    emit_mode(p);
    struct thread *main = &kstate.threads[c->first_thread];
    main->state = THREAD_DORMANT;
    main->entry = c->entry;
    main->arg = mode; /* crt0: cold start initialises .data and .bss */
    main->stack_base = c->stack_base;
    main->stack_size = c->stack_size;
    main->base_priority = c->priority;
    process_start(main, 0);
}

void part_init_all(void)
{
    for (uint8_t i = 0; i < cfg_system.num_partitions; i++) {
        struct part *p = &kstate.parts[i];
        p->cfg = &cfg_system.partitions[i];
        p->console_at_line_start = true;
        part_start(p, FEN_MODE_COLD_START, FEN_START_NORMAL);
    }
}

void part_set_normal(struct part *p)
{
    p->mode = FEN_MODE_NORMAL;
    emit_mode(p);
    process_release_started(p, arch_now());
}

void part_set_idle(struct part *p)
{
    for (uint8_t i = 0; i < p->num_threads; i++) {
        struct thread *t = thread_of(p, i);
        if (t->state != THREAD_UNUSED)
            thread_retire(t, THREAD_DORMANT);
    }
    p->handler = 0;
    p->num_errors = 0;
    p->work_pending = false;
    if (CFG_HAS_IRQ_OWNERS)
        irq_reset_partition(p); /* nobody will ever acknowledge its lines */
    p->mode = FEN_MODE_IDLE;
    emit_mode(p);
}

void part_stop_module(void)
{
    for (uint8_t i = 0; i < cfg_system.num_partitions; i++)
        part_set_idle(&kstate.parts[i]);
    kstate.halted = true;
    trace_emit(TR_MODULE, TRACE_NONE, TRACE_NONE, CFG_HM_STOP_MODULE,
               kstate.module_restarts, 0);
}

void part_restart_module(void)
{
    kstate.module_restarts++;
    trace_emit(TR_MODULE, TRACE_NONE, TRACE_NONE, CFG_HM_RESTART_MODULE,
               kstate.module_restarts, 0);
    for (uint8_t i = 0; i < cfg_system.num_partitions; i++)
        part_start(&kstate.parts[i], FEN_MODE_COLD_START, FEN_START_HM_MODULE_RESTART);
    sched_start();
}
