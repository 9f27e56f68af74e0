/*
 * port.h - the host port: the kernel's arch interface implemented on the
 * simulated board.  The kernel runs natively; each guest stop (svc, fault,
 * deadline) becomes a kernel trap, with the documented entry cost charged.
 */
#ifndef FENESTRA_PORT_H
#define FENESTRA_PORT_H

#include <stdbool.h>
#include <stdint.h>

#include "machine.h"

/* Boots the kernel on machine m and runs until the clock reaches limit. */
void port_run(struct sim_machine *m, uint64_t limit);

/* The same in two steps, for a debugger: port_boot boots the kernel (the
 * run to end at `limit`), port_advance runs until the limit, the module
 * halts, or m->at_top / m->clock.pause pause it at a resumable point
 * (machine.h); it can be called again to go on. */
enum port_status { PORT_PAUSED, PORT_LIMIT, PORT_HALTED };
void port_boot(struct sim_machine *m, uint64_t limit);
enum port_status port_advance(struct sim_machine *m);

/* Makes m the machine the arch interface serves (after a snapshot of
 * another machine object was restored into it, say). */
void port_attach(struct sim_machine *m);

#endif
