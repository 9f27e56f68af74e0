/* machine.c - the board twin (see machine.h). */
#include "machine.h"

#include <string.h>

#include "loader.h"

static bool attach_systick(struct sim_machine *m, const struct cfg_device *d)
{
    sim_systick_reset(&m->systick, &m->clock.now, m->log);
    m->systick_base = d->base;
    return sim_bus_attach(&m->bus, d->name, d->base, d->size, &sim_systick_ops,
                          &m->systick) == 0;
}

/* Attaches a model for every device of the board description.  Devices the
 * simulator does not model yet are left off the bus, so touching them is
 * reported as a stray access.  The kernel's timer is the board's SysTick. */
static bool attach_devices(struct sim_machine *m, char *err, unsigned errlen)
{
    const struct cfg_board *b = m->sys->board;
    for (uint8_t i = 0; i < b->num_devices; i++) {
        const struct cfg_device *d = &b->devices[i];
        if (!strcmp(d->type, "systick") && !attach_systick(m, d)) {
            snprintf(err, errlen, "board %s: too many devices", b->name);
            return false;
        }
        if (strcmp(d->type, "cmsdk-uart") != 0)
            continue;
        if (m->num_uarts == SIM_MAX_UARTS) {
            snprintf(err, errlen, "board %s: more than %d UARTs", b->name, SIM_MAX_UARTS);
            return false;
        }
        struct sim_uart *u = &m->uart[m->num_uarts++];
        FILE *out = d->base == b->console_base ? m->console : m->log;
        sim_uart_reset(u, d->name, out, m->log);
        sim_bus_attach(&m->bus, d->name, d->base, d->size, &sim_uart_ops, u);
    }
    if (!m->systick_base) {
        snprintf(err, errlen, "board %s has no device of type systick: the kernel "
                 "needs it for its deadlines", b->name);
        return false;
    }
    return true;
}

static void mpu_changed(void *user)
{
    sim_mem_rights_changed(user);
}

/* The MPU and the SCB's fault status registers, at their architectural
 * addresses; boards older than the MPU field default to the M3/M4's 8. */
static bool attach_mpu(struct sim_machine *m, char *err, unsigned errlen)
{
    unsigned n = m->sys->board->mpu_regions ? m->sys->board->mpu_regions : 8;
    if (n > SIM_MPU_MAX_REGIONS) {
        snprintf(err, errlen, "board %s: %u MPU regions, the model has at most %d",
                 m->sys->board->name, n, SIM_MPU_MAX_REGIONS);
        return false;
    }
    sim_mpu_reset(&m->mpu, n, mpu_changed, &m->mem);
    return sim_bus_attach(&m->bus, "mpu", MPU_BASE, MPU_REGS_SIZE, &sim_mpu_ops,
                          &m->mpu) == 0 &&
           sim_bus_attach(&m->bus, "scb-faults", SCB_CFSR, SIM_SCB_FAULT_SIZE,
                          &sim_scb_fault_ops, &m->mpu) == 0;
}

/* Devices outside the Private Peripheral Bus are mapped for the guest
 * (as MMIO onto the bus); whether a partition may touch one is the MPU's
 * verdict.  Blocks are whole pages (fcc checks board memory; devices here
 * are rounded out to their pages). */
static bool map_devices(struct sim_machine *m, char *err, unsigned errlen)
{
    const struct cfg_board *b = m->sys->board;
    for (uint8_t i = 0; i < b->num_devices; i++) {
        const struct cfg_device *d = &b->devices[i];
        if (d->base >= ARMV7M_PPB_BASE)
            continue;
        uint32_t base = d->base & ~(SIM_PAGE_SIZE - 1);
        uint32_t end = (d->base + d->size + SIM_PAGE_SIZE - 1) & ~(SIM_PAGE_SIZE - 1);
        if (!sim_mem_map_device(&m->mem, &m->bus, base, end - base, err, errlen))
            return false;
    }
    return true;
}

static bool load_all(struct sim_machine *m, const char *elf_dir, char *err,
                     unsigned errlen)
{
    for (uint8_t i = 0; i < m->sys->num_partitions; i++) {
        const struct cfg_partition *p = &m->sys->partitions[i];
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.elf", elf_dir, p->name);
        if (!sim_load_partition(&m->mem, p, path, err, errlen))
            return false;
    }
    return true;
}

bool sim_machine_init(struct sim_machine *m, const struct cfg_system *sys,
                      const char *elf_dir, FILE *console, FILE *log, char *err,
                      unsigned errlen)
{
    memset(m, 0, sizeof *m);
    m->sys = sys;
    m->console = console;
    m->log = log;
    m->bus.log = log;
    m->clock.deadline = UINT64_MAX;
    return sim_mem_init(&m->mem, sys->board, err, errlen) &&
           attach_mpu(m, err, errlen) &&
           sim_cpu_open(&m->cpu, sys->board->cpu, &m->clock, &m->mem, &m->mpu, err,
                        errlen) &&
           attach_devices(m, err, errlen) && map_devices(m, err, errlen) &&
           load_all(m, elf_dir, err, errlen);
}

void sim_machine_free(struct sim_machine *m)
{
    sim_cpu_close(&m->cpu);
    sim_mem_free(&m->mem);
}
