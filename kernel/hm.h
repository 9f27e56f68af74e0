/*
 * hm.h - the health monitor: every error (enum fen_error) is raised here,
 * goes to the partition's error handler or is looked up in the process,
 * partition and module tables of the config (then a built-in default), and
 * the action found is applied.  docs/health-monitor.md describes it.
 */
#ifndef FENESTRA_HM_H
#define FENESTRA_HM_H

#include "kstate.h"

/* Where an action came from: TR_HM_ACTION a1. */
enum hm_level {
    HM_LEVEL_HANDLER = 0,   /* queued for the partition's error handler */
    HM_LEVEL_PROCESS = 1,
    HM_LEVEL_PARTITION = 2,
    HM_LEVEL_MODULE = 3,
    HM_LEVEL_DEFAULT = 4,   /* no table had a rule */
};

struct hm_detail {
    uint32_t addr, pc;     /* faults; DEADLINE_MISSED: the deadline's cycle */
    const char *message;   /* APPLICATION_ERROR: kernel copy, or NULL */
    uint32_t length;
    bool fatal;            /* the process cannot go on (it faulted) */
};

/* Raises `error` in partition p (NULL: the module) and process t (NULL:
 * none), and applies the action.  Module stops and restarts take effect at
 * the end of the kernel entry (hm_finish_entry). */
void hm_raise(struct part *p, struct thread *t, uint8_t error,
              const struct hm_detail *d);

/* Applies a pending module action; called once per kernel entry, before
 * the scheduler runs. */
void hm_finish_entry(void);

/* The handler's view: takes the oldest pending error; false when none. */
bool hm_take_pending(struct part *p, struct hm_pending *out);

/* The action a table lookup gives, and where it came from (exposed for
 * the unit tests). */
uint8_t hm_lookup(const struct part *p, const struct thread *t, uint8_t error,
                  uint8_t state, uint8_t *level);

#endif
