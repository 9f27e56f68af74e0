/*
 * port.h - the host port: the kernel's arch interface implemented on the
 * simulated board.  The kernel runs natively; each guest stop (svc, fault,
 * deadline) becomes a kernel trap, with the documented entry cost charged.
 */
#ifndef FENESTRA_PORT_H
#define FENESTRA_PORT_H

#include <stdint.h>

#include "machine.h"

/* Boots the kernel on machine m and runs until the clock reaches limit. */
void port_run(struct sim_machine *m, uint64_t limit);

#endif
