/*
 * machine.h - the simulated board, assembled from the generated board
 * description (cfg_system.board): memory, bus and devices, CPU and clock.
 * This is the simulator's one mutable object.
 *
 * Devices are modelled by type ("cmsdk-uart", "cmsdk-timer", "fpgaio",
 * "stimulus", "systick"), whichever partition owns them; the NVIC always.
 * Timed device events (a UART byte arriving or finishing, a timer
 * underflow, a scenario input) each happen at an exact cycle: the port
 * stops the guest at sim_machine_next_event and calls sim_machine_fire_due,
 * which fires them in order of cycle, then of the devices' order on the
 * board (docs/devices.md).
 */
#ifndef FENESTRA_SIM_MACHINE_H
#define FENESTRA_SIM_MACHINE_H

#include <stdbool.h>
#include <stdio.h>

#include "bus.h"
#include "clock.h"
#include "config.h"
#include "cpu.h"
#include "fpgaio.h"
#include "keyboard.h"
#include "mem.h"
#include "mpu.h"
#include "nvic.h"
#include "stimulus.h"
#include "stimulus_file.h"
#include "systick.h"
#include "timer_cmsdk.h"
#include "trace.h"
#include "uart_cmsdk.h"

#define SIM_MAX_UARTS 8
#define SIM_MAX_TIMERS 4
#define SIM_MAX_FPGAIO 2
#define SIM_MAX_STIMULI 2
#define SIM_MAX_DEVICES 64

/* Receives every kernel event as the simulator drains the kernel's ring. */
typedef void (*sim_event_fn)(void *user, const struct trace_event *ev);

enum sim_input_source { SIM_INPUT_FILE, SIM_INPUT_KEYBOARD };

/* One external input, as it takes effect on the board: what a recorder
 * needs to replay the run (the stamp and the data; for keyboard bytes the
 * stamp is the only host-dependent fact). */
struct sim_input {
    uint64_t stamp;      /* the cycle it entered with */
    uint64_t cycle;      /* the cycle it took effect: a UART byte's delivery,
                            otherwise its stamp */
    enum sim_stim_kind kind;
    enum sim_input_source source;
    const char *device;  /* the board device; NULL for irq */
    uint32_t file_line;  /* SIM_INPUT_FILE: its line in the scenario */
    uint32_t value;      /* uart: the byte; irq: the line; buttons: their
                            state; data: the record's SEQ */
    uint32_t len;        /* data: number of words */
    const uint32_t *words;
    bool lost;           /* data: lost to a full FIFO */
};
typedef void (*sim_input_fn)(void *user, const struct sim_input *in);
/* A byte read from the host into UART device `dev` (board index). */
typedef void (*sim_host_input_fn)(void *user, unsigned dev, uint64_t stamp, uint8_t byte);

enum sim_dev_kind {
    SIM_DEV_NONE, /* not modelled: left off the bus */
    SIM_DEV_UART,
    SIM_DEV_TIMER,
    SIM_DEV_FPGAIO,
    SIM_DEV_STIMULUS,
    SIM_DEV_SYSTICK,
};

/* A board device as the machine sees it. */
struct sim_dev {
    enum sim_dev_kind kind;
    void *model;
    const struct cfg_device *cfg;
    struct sim_machine *m;
    struct sim_stim_cursor inputs; /* the scenario's inputs for it */
    uint32_t input_line;           /* UART: line of the last byte taken */
};

struct sim_machine {
    const struct cfg_system *sys;
    struct sim_clock clock;
    struct sim_mem mem;
    struct sim_cpu cpu;
    struct sim_bus bus;
    struct sim_mpu mpu;
    struct sim_nvic nvic;
    struct sim_uart uart[SIM_MAX_UARTS];
    unsigned num_uarts;
    struct sim_timer timer[SIM_MAX_TIMERS];
    unsigned num_timers;
    struct sim_fpgaio fpgaio[SIM_MAX_FPGAIO];
    unsigned num_fpgaio;
    struct sim_stimulus stimulus[SIM_MAX_STIMULI];
    unsigned num_stimuli;
    struct sim_systick systick;
    uint32_t systick_base;
    struct sim_dev dev[SIM_MAX_DEVICES]; /* by index in the board's devices */
    unsigned num_devs;
    struct sim_stimulus_file scenario;   /* empty unless loaded */
    struct sim_stim_cursor irq_inputs;   /* the scenario's irq records */
    struct sim_keyboard keyboard;
    FILE *console; /* where the console UART's bytes go */
    FILE *log;     /* simulator diagnostics, LED changes */
    void (*on_boot)(void *user); /* after the kernel booted, before the run */
    sim_event_fn on_event;
    void *event_user;
    sim_input_fn on_input;       /* every external input as it takes effect */
    sim_host_input_fn on_host_input; /* every byte read from the host */
    void *input_user;
    uint64_t events_lost;
    uint64_t next_due; /* the devices' next event, re-planned whenever one
                          fires, a device is accessed or input arrives */
    /* the host port's timer state (arch/sim/port.c): part of the machine
     * so that a snapshot of the machine holds it */
    uint64_t deadline_target; /* the cycle the kernel asked for */
    uint64_t pended_at;       /* a deadline too close for SysTick */
    /* called at every resumable point of the port's loop (port.h); true
     * pauses the run there.  It may lower clock.pause to bound the guest's
     * next run.  NULL: never pauses. */
    bool (*at_top)(void *user);
    void *top_user;
};

/* Builds the board twin and loads each partition from
 * `elf_dir/<partition>.elf`.  False with a message on any error. */
bool sim_machine_init(struct sim_machine *m, const struct cfg_system *sys,
                      const char *elf_dir, FILE *console, FILE *log, char *err,
                      unsigned errlen);
void sim_machine_free(struct sim_machine *m);

/* Reads and checks a scenario file; its inputs then reach the devices at
 * their cycles.  False with "file:line:column: ..." in err. */
bool sim_machine_load_stimulus(struct sim_machine *m, const char *path, char *err,
                               unsigned errlen);

/* The same from a scenario's text (a recording carries it). */
bool sim_machine_load_stimulus_text(struct sim_machine *m, const char *name,
                                    const char *text, size_t len, char *err,
                                    unsigned errlen);

/* Host input (fd, normally stdin) goes to the UART named `uart`. */
bool sim_machine_keyboard(struct sim_machine *m, const char *uart, int fd, char *err,
                          unsigned errlen);

/* Reads what the host input has ready (if any), stamped with clock.now.
 * Call once per iteration of the port's loop. */
void sim_machine_poll_input(struct sim_machine *m);

/* A recorded host byte for UART device `dev`, queued as the keyboard
 * queued it (replay); false when dev is no UART or its ring is full. */
bool sim_machine_host_input(struct sim_machine *m, unsigned dev, uint64_t stamp,
                            uint8_t byte);

/* The cycle of the earliest pending device event; UINT64_MAX: none. */
uint64_t sim_machine_next_event(const struct sim_machine *m);

/* Fires every device event due at or before clock.now, by cycle, then by
 * device order on the board (scenario irq records after every device).
 * Firing may raise NVIC lines. */
void sim_machine_fire_due(struct sim_machine *m);

/* Device statistics worth a warning (overruns, lost records, ...), one
 * line each, for the end-of-run summary. */
void sim_machine_report(const struct sim_machine *m, FILE *out);

/* Where the console UART's bytes go from now on. */
void sim_machine_set_console(struct sim_machine *m, FILE *out);

/* The board device named `name`, or NULL. */
const struct sim_dev *sim_machine_device(const struct sim_machine *m, const char *name);

#endif
