/* hm.c - the health monitor (see hm.h). */
#include "hm.h"

#include "abi.h"
#include "console.h"
#include "ktime.h"
#include "part.h"
#include "process.h"
#include "thread.h"

static const char *const level_names[] = {"error handler", "process table",
                                          "partition table", "module table",
                                          "default"};

/* --- where an error goes ----------------------------------------------- */

static uint8_t state_of(const struct part *p, const struct thread *t)
{
    if (!p)
        return CFG_HM_NORMAL;
    if (p->mode == FEN_MODE_COLD_START || p->mode == FEN_MODE_WARM_START)
        return CFG_HM_INIT;
    if (t && t == p->handler)
        return CFG_HM_HANDLER;
    return CFG_HM_NORMAL;
}

static bool table_find(const struct cfg_hm_table *tab, uint8_t error, uint8_t state,
                       uint8_t *action)
{
    for (uint8_t i = 0; i < tab->num_rules; i++) {
        const struct cfg_hm_rule *r = &tab->rules[i];
        if (r->error == error && (r->state == CFG_HM_ANY || r->state == state)) {
            *action = r->action;
            return true;
        }
    }
    return false;
}

/* Without a rule: a fault idles its partition (it cannot be trusted),
 * time errors and application errors are logged, a power failure
 * restarts the module, a bad configuration stops what it concerns. */
static uint8_t default_action(const struct part *p, uint8_t error)
{
    switch (error) {
    case FEN_ERR_DEADLINE_MISSED:
    case FEN_ERR_APPLICATION_ERROR:
    case FEN_ERR_OVERRUN: return CFG_HM_LOG;
    case FEN_ERR_POWER_FAIL: return CFG_HM_RESTART_MODULE;
    case FEN_ERR_CONFIG_ERROR: return p ? CFG_HM_IDLE : CFG_HM_STOP_MODULE;
    default: return CFG_HM_IDLE;
    }
}

uint8_t hm_lookup(const struct part *p, const struct thread *t, uint8_t error,
                  uint8_t state, uint8_t *level)
{
    uint8_t action;
    if (CFG_HAS_PROCESSES && t && t->cfg && table_find(&t->cfg->hm, error, state, &action)) {
        *level = HM_LEVEL_PROCESS;
    } else if (p && table_find(&p->cfg->hm, error, state, &action)) {
        *level = HM_LEVEL_PARTITION;
    } else if (table_find(&cfg_system.hm, error, state, &action)) {
        *level = HM_LEVEL_MODULE;
    } else {
        action = default_action(p, error);
        *level = HM_LEVEL_DEFAULT;
    }
    return action;
}

/* --- the error handler -------------------------------------------------- */

static bool for_handler(const struct part *p, const struct thread *t, uint8_t error)
{
    return p && t && p->handler && t != p->handler && p->mode == FEN_MODE_NORMAL &&
           error != FEN_ERR_OVERRUN && p->num_errors < HM_QUEUE;
}

/* Queues the error and wakes the handler, which runs before every other
 * process of the partition. */
static void give_to_handler(struct part *p, struct thread *t, uint8_t error,
                            const struct hm_detail *d)
{
    struct hm_pending *e = &p->errors[p->num_errors++];
    *e = (struct hm_pending){.error = error, .process = t->local_id,
                             .addr = d->addr, .pc = d->pc};
    for (uint32_t i = 0; d->message && i < d->length && i < sizeof e->message; i++)
        e->message[i] = d->message[i];
    e->length = (uint8_t)(d->length < sizeof e->message ? d->length : sizeof e->message);
    if (d->fatal)
        process_stop(t);
    struct thread *h = p->handler;
    if (h->state == THREAD_DORMANT)
        process_start_handler(h);
}

bool hm_take_pending(struct part *p, struct hm_pending *out)
{
    if (p->num_errors == 0)
        return false;
    *out = p->errors[0];
    for (uint8_t i = 1; i < p->num_errors; i++)
        p->errors[i - 1] = p->errors[i];
    p->num_errors--;
    return true;
}

/* --- actions ------------------------------------------------------------ */

/* "hm: payload/worker: DEADLINE_MISSED in normal -> restart_process
 * (process table)". */
static void report(const struct part *p, const struct thread *t, uint8_t error,
                   uint8_t state, uint8_t action, uint8_t level)
{
    struct console_line l;
    console_line_start(&l);
    console_line_add(&l, "hm: ");
    if (t)
        thread_add_name(&l, t);
    else
        console_line_add(&l, "%s", p ? p->cfg->name : "module");
    console_line_add(&l, ": %s in %s -> ", fen_error_name(error), cfg_hm_state_name(state));
    if (level == HM_LEVEL_HANDLER)
        console_line_add(&l, "error handler\n");
    else
        console_line_add(&l, "%s (%s)\n", cfg_hm_action_name(action), level_names[level]);
    console_line_write(&l);
}

static void apply(struct part *p, struct thread *t, uint8_t action, bool fatal)
{
    switch (action) {
    case CFG_HM_STOP_PROCESS:
        if (t)
            process_stop(t);
        break;
    case CFG_HM_RESTART_PROCESS: /* the initial thread only stops: see
                                    start_checked in syscall_process.c */
        if (t) {
            process_stop(t);
            if (t->local_id != 0)
                process_start(t, 0);
        }
        break;
    case CFG_HM_WARM_START:
    case CFG_HM_COLD_START:
        if (p)
            part_start(p, action == CFG_HM_COLD_START ? FEN_MODE_COLD_START
                                                      : FEN_MODE_WARM_START,
                       FEN_START_HM_PARTITION_RESTART);
        break;
    case CFG_HM_IDLE:
        if (p)
            part_set_idle(p);
        break;
    case CFG_HM_STOP_MODULE:
    case CFG_HM_RESTART_MODULE:
        if (kstate.module_action != CFG_HM_STOP_MODULE)
            kstate.module_action = action;
        break;
    default: /* ignore, log: a process that faulted cannot go on */
        if (t && fatal && t->state != THREAD_DORMANT)
            process_stop(t);
        break;
    }
}

void hm_raise(struct part *p, struct thread *t, uint8_t error, const struct hm_detail *d)
{
    uint8_t pi = p ? part_index(p) : TRACE_NONE, ti = t ? t->local_id : TRACE_NONE;
    uint8_t state = state_of(p, t), level, action;
    trace_emit3(TR_ERROR, pi, ti, error, d->addr, d->pc, state);
    if (for_handler(p, t, error)) {
        level = HM_LEVEL_HANDLER;
        action = CFG_HM_IGNORE;
    } else {
        action = hm_lookup(p, t, error, state, &level);
    }
    trace_emit(TR_HM_ACTION, pi, ti, action, error, level);
    if (action != CFG_HM_IGNORE || level == HM_LEVEL_HANDLER)
        report(p, t, error, state, action, level);
    if (level == HM_LEVEL_HANDLER)
        give_to_handler(p, t, error, d);
    else
        apply(p, t, action, d->fatal);
}

/* --- the module ---------------------------------------------------------- */

void hm_finish_entry(void)
{
    uint8_t action = kstate.module_action;
    if (!action)
        return;
    kstate.module_action = 0;
    if (action == CFG_HM_STOP_MODULE)
        part_stop_module();
    else
        part_restart_module();
}
