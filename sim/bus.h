/*
 * bus.h - the simulated board's peripheral bus, as the kernel's drivers see
 * it through mmio_read32/mmio_write32.  Devices register an address range
 * and a small ops table; an access nobody claims is logged, never fatal.
 */
#ifndef FENESTRA_SIM_BUS_H
#define FENESTRA_SIM_BUS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct sim_device_ops {
    uint32_t (*read)(void *dev, uint32_t offset);
    void (*write)(void *dev, uint32_t offset, uint32_t value);
};

#define SIM_BUS_MAX_DEVICES 32

struct sim_bus_slot {
    uint32_t base, size;
    const char *name;
    const struct sim_device_ops *ops;
    void *dev;
    bool timed; /* a device with timed events: accesses run the hooks */
};

/* Called around every access that reaches a device: the machine brings
 * its timed events up to the current cycle before, and re-plans after. */
typedef void (*sim_bus_hook)(void *user);

struct sim_bus {
    struct sim_bus_slot slot[SIM_BUS_MAX_DEVICES];
    unsigned num;
    uint64_t stray_accesses;
    FILE *log; /* where stray accesses are reported */
    sim_bus_hook before, after;
    void *hook_user;
};

int sim_bus_attach(struct sim_bus *b, const char *name, uint32_t base,
                   uint32_t size, const struct sim_device_ops *ops, void *dev);
uint32_t sim_bus_read(struct sim_bus *b, uint32_t addr);
void sim_bus_write(struct sim_bus *b, uint32_t addr, uint32_t value);

#endif
