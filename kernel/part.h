/*
 * part.h - partitions and their operating modes (ARINC 653): COLD_START
 * and WARM_START (initialisation: only the initial thread runs), NORMAL
 * (the processes run), IDLE (nothing runs; the windows stay).  A restart
 * begins the initial thread at crt0 again with r0 = the mode, so crt0
 * re-initialises .data and .bss from the image on a cold start and keeps
 * them on a warm start.  Also the module's stop and restart.
 */
#ifndef FENESTRA_PART_H
#define FENESTRA_PART_H

#include "abi.h"
#include "kstate.h"

/* Power-on: every partition cold starts (condition NORMAL_START). */
void part_init_all(void);

/* (Re)starts p in mode COLD_START or WARM_START: every thread gone, the
 * initial thread ready at its entry.  Restarts other than power-on and
 * module restarts count in p->restarts. */
void part_start(struct part *p, uint8_t mode, uint8_t condition);

/* Init mode -> NORMAL: the processes started so far are released. */
void part_set_normal(struct part *p);

/* -> IDLE: every thread stops; the partition idles through its windows. */
void part_set_idle(struct part *p);

/* Every partition idle and the module halted (the simulator ends the run). */
void part_stop_module(void);

/* Every partition cold starts (condition HM_MODULE_RESTART) and the
 * initial schedule begins a major frame now. */
void part_restart_module(void);

/* COLD_START or WARM_START: the partition is initialising. */
static inline bool part_in_init_mode(const struct part *p)
{
    return p->mode == FEN_MODE_COLD_START || p->mode == FEN_MODE_WARM_START;
}

static inline uint8_t part_index(const struct part *p)
{
    return (uint8_t)(p - kstate.parts);
}

#endif
