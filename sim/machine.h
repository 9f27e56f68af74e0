/*
 * machine.h - the simulated board, assembled from the generated board
 * description (cfg_system.board): memory, bus and devices, CPU and clock.
 * This is the simulator's one mutable object.
 */
#ifndef FENESTRA_SIM_MACHINE_H
#define FENESTRA_SIM_MACHINE_H

#include <stdbool.h>
#include <stdio.h>

#include "bus.h"
#include "clock.h"
#include "config.h"
#include "cpu.h"
#include "mem.h"
#include "mpu.h"
#include "systick.h"
#include "trace.h"
#include "uart_cmsdk.h"

#define SIM_MAX_UARTS 4

/* Receives every kernel event as the simulator drains the kernel's ring. */
typedef void (*sim_event_fn)(void *user, const struct trace_event *ev);

struct sim_machine {
    const struct cfg_system *sys;
    struct sim_clock clock;
    struct sim_mem mem;
    struct sim_cpu cpu;
    struct sim_bus bus;
    struct sim_mpu mpu;
    struct sim_uart uart[SIM_MAX_UARTS];
    unsigned num_uarts;
    struct sim_systick systick;
    uint32_t systick_base;
    FILE *console; /* where the console UART's bytes go */
    FILE *log;     /* simulator diagnostics */
    void (*on_boot)(void *user); /* after the kernel booted, before the run */
    sim_event_fn on_event;
    void *event_user;
    uint64_t events_lost;
};

/* Builds the board twin and loads each partition from
 * `elf_dir/<partition>.elf`.  False with a message on any error. */
bool sim_machine_init(struct sim_machine *m, const struct cfg_system *sys,
                      const char *elf_dir, FILE *console, FILE *log, char *err,
                      unsigned errlen);
void sim_machine_free(struct sim_machine *m);

#endif
