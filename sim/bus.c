/* bus.c - peripheral address decoding (see bus.h). */
#include "bus.h"

int sim_bus_attach(struct sim_bus *b, const char *name, uint32_t base,
                   uint32_t size, const struct sim_device_ops *ops, void *dev)
{
    if (b->num == SIM_BUS_MAX_DEVICES)
        return -1;
    b->slot[b->num++] = (struct sim_bus_slot){base, size, name, ops, dev, false};
    return 0;
}

static struct sim_bus_slot *decode(struct sim_bus *b, uint32_t addr)
{
    for (unsigned i = 0; i < b->num; i++) {
        struct sim_bus_slot *s = &b->slot[i];
        if (addr >= s->base && addr - s->base < s->size)
            return s;
    }
    return 0;
}

static void stray(struct sim_bus *b, const char *what, uint32_t addr)
{
    b->stray_accesses++;
    if (b->log)
        fprintf(b->log, "sim: stray %s at 0x%08x (no device there)\n", what, addr);
}

uint32_t sim_bus_read(struct sim_bus *b, uint32_t addr)
{
    struct sim_bus_slot *s = decode(b, addr);
    if (!s) {
        stray(b, "read", addr);
        return 0;
    }
    if (s->timed && b->before)
        b->before(b->hook_user);
    uint32_t v = s->ops->read(s->dev, addr - s->base);
    if (s->timed && b->after)
        b->after(b->hook_user);
    return v;
}

void sim_bus_write(struct sim_bus *b, uint32_t addr, uint32_t value)
{
    struct sim_bus_slot *s = decode(b, addr);
    if (!s) {
        stray(b, "write", addr);
        return;
    }
    if (s->timed && b->before)
        b->before(b->hook_user);
    s->ops->write(s->dev, addr - s->base, value);
    if (s->timed && b->after)
        b->after(b->hook_user);
}
