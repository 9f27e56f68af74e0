/* mpu_rig.c - the CPU-level tests' board and MPU (see mpu_rig.h). */
#include "mpu_rig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "armv7m/mpu.h"

static const struct cfg_mem ram[] = {
    {"code", 0x00000000, 0x00400000, CFG_MEM_RAM},
    {"data", 0x20000000, 0x00400000, CFG_MEM_RAM},
};
const struct cfg_board rig_board = {.name = "test", .cpu = "cortex-m3",
                                    .clock_hz = 25000000, .num_mem = 2, .mem = ram};

/* The driver's register accessors, onto the rig's MPU model. */
static struct sim_mpu *the_mpu;

uint32_t mmio_read32(uint32_t addr)
{
    return sim_mpu_ops.read(the_mpu, addr - MPU_BASE);
}

void mmio_write32(uint32_t addr, uint32_t value)
{
    sim_mpu_ops.write(the_mpu, addr - MPU_BASE, value);
}

static void mpu_changed(void *user)
{
    sim_mem_rights_changed(user);
}

void rig_mpu_attach(struct sim_mpu *mpu, struct sim_mem *mem)
{
    sim_mpu_reset(mpu, 8, mpu_changed, mem);
    the_mpu = mpu;
}

void grant(const struct grant *g, unsigned n)
{
    mpu_init();
    struct mpu_region set[8];
    for (unsigned i = 0; i < 8; i++) {
        set[i] = mpu_disabled(i);
        if (i < n)
            assert_true(mpu_encode(&set[i], i, g[i].base, g[i].log2, g[i].srd,
                                   g[i].access, MPU_MEM_NORMAL));
    }
    mpu_load(set, 8);
}
