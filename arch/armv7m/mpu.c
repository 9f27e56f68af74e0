/* mpu.c - the PMSAv7 MPU driver (see mpu.h). */
#include "mpu.h"

#include <mmio.h>

/* AP for the unprivileged rights: read-only rights use the encoding that
 * keeps privileged writes (the kernel copies into read-only shared memory
 * on behalf of its writers), except for code, which nobody writes.  No
 * rights (a stack guard) still leaves the kernel its access: a guard may
 * lie over kernel memory just below a partition's region. */
static unsigned ap_of(unsigned access)
{
    if (access & MPU_W)
        return MPU_AP_FULL;
    if (access & MPU_X)
        return MPU_AP_RO;
    if (access & MPU_R)
        return MPU_AP_PRIV_RW_UNPRIV_RO;
    return MPU_AP_PRIV_RW;
}

/* TEX, C, B, S (ARMv7-M ARM, B3.5.9). */
static uint32_t attributes_of(enum mpu_memory mem)
{
    if (mem == MPU_MEM_DEVICE)
        return MPU_RASR_S | MPU_RASR_B; /* TEX 0, C 0, B 1: shared device */
    return 1u << MPU_RASR_TEX_SHIFT | MPU_RASR_C | MPU_RASR_B; /* WBWA */
}

static bool valid_args(unsigned slot, uint32_t base, unsigned size_log2,
                       uint8_t srd, unsigned access)
{
    if (slot > MPU_RBAR_REGION_MASK || size_log2 < 5 || size_log2 > 32)
        return false;
    if (size_log2 < 32 && (base & ((1u << size_log2) - 1)) != 0)
        return false;
    if (size_log2 == 32 && base != 0)
        return false;
    if (size_log2 < 8 && srd != 0)
        return false;
    return !((access & MPU_X) && !(access & MPU_R));
}

bool mpu_encode(struct mpu_region *out, unsigned slot, uint32_t base,
                unsigned size_log2, uint8_t srd, unsigned access,
                enum mpu_memory mem)
{
    *out = mpu_disabled(slot & MPU_RBAR_REGION_MASK);
    if (!valid_args(slot, base, size_log2, srd, access))
        return false;
    out->rbar = base | MPU_RBAR_VALID | slot;
    out->rasr = MPU_RASR_ENABLE | (size_log2 - 1) << MPU_RASR_SIZE_SHIFT |
                (uint32_t)srd << MPU_RASR_SRD_SHIFT | attributes_of(mem) |
                ap_of(access) << MPU_RASR_AP_SHIFT |
                (access & MPU_X ? 0 : MPU_RASR_XN);
    return true;
}

struct mpu_region mpu_disabled(unsigned slot)
{
    return (struct mpu_region){.rbar = MPU_RBAR_VALID | slot, .rasr = 0};
}

unsigned mpu_regions(void)
{
    return (mmio_read32(MPU_BASE + MPU_TYPE) >> 8) & 0xffu;
}

void mpu_init(void)
{
    mmio_write32(MPU_BASE + MPU_CTRL, 0);
    for (unsigned i = 0; i < mpu_regions(); i++) {
        mmio_write32(MPU_BASE + MPU_RNR, i);
        mmio_write32(MPU_BASE + MPU_RASR, 0);
        mmio_write32(MPU_BASE + MPU_RBAR, 0);
    }
    mmio_write32(MPU_BASE + MPU_CTRL, MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA);
}

/* Between the RBAR and the RASR store a slot holds the new base with the
 * old size and rights, so the MPU is off while it is reloaded (the kernel
 * runs privileged on the default map meanwhile; no unprivileged code runs)
 * and the barrier makes the new set apply to what follows. */
void mpu_load(const struct mpu_region *set, unsigned n)
{
    static const uint32_t pair[4] = {MPU_RBAR, MPU_RBAR_A1, MPU_RBAR_A2,
                                     MPU_RBAR_A3};
    if (n == 0)
        return;
    uint32_t ctrl = mmio_read32(MPU_BASE + MPU_CTRL);
    mmio_write32(MPU_BASE + MPU_CTRL, 0);
    for (unsigned i = 0; i < n; i++) {
        uint32_t reg = MPU_BASE + pair[i % 4];
        mmio_write32(reg, set[i].rbar);
        mmio_write32(reg + 4, set[i].rasr);
    }
    mmio_write32(MPU_BASE + MPU_CTRL, ctrl);
    mmio_barrier();
}

struct mpu_decoded mpu_decode(const struct mpu_region *r)
{
    unsigned size_field = (r->rasr & MPU_RASR_SIZE_MASK) >> MPU_RASR_SIZE_SHIFT;
    return (struct mpu_decoded){
        .enabled = (r->rasr & MPU_RASR_ENABLE) != 0,
        .base = r->rbar & MPU_RBAR_ADDR_MASK,
        .size = 1ull << (size_field + 1),
        .srd = (uint8_t)((r->rasr & MPU_RASR_SRD_MASK) >> MPU_RASR_SRD_SHIFT),
        .ap = (uint8_t)((r->rasr & MPU_RASR_AP_MASK) >> MPU_RASR_AP_SHIFT),
        .xn = (r->rasr & MPU_RASR_XN) != 0,
    };
}
