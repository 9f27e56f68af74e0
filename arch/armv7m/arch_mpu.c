/* arch_mpu.c - kernel/arch.h's memory protection on the PMSAv7 driver,
 * shared by the firmware and the simulator ports (both have this MPU). */
#include "arch.h"
#include "armv7m/mpu.h"

unsigned arch_mpu_init(void)
{
    mpu_init();
    return mpu_regions();
}

static enum mpu_memory memory_of(const struct cfg_region *r)
{
    return r->kind == CFG_REGION_DEVICE ? MPU_MEM_DEVICE : MPU_MEM_NORMAL;
}

bool arch_mpu_encode(struct mpu_region *out, unsigned slot, const struct cfg_region *r)
{
    return mpu_encode(out, slot, r->mpu_base, r->mpu_size_log2, r->mpu_srd,
                      r->access & (MPU_R | MPU_W | MPU_X), memory_of(r));
}

bool arch_mpu_encode_guard(struct mpu_region *out, unsigned slot, uint32_t base,
                           uint32_t size)
{
    unsigned log2 = 0;
    while (log2 < 32 && (1u << log2) < size)
        log2++;
    if (log2 >= 32 || (1u << log2) != size)
        return false;
    return mpu_encode(out, slot, base, log2, 0, 0, MPU_MEM_NORMAL);
}

void arch_mpu_encode_off(struct mpu_region *out, unsigned slot)
{
    *out = mpu_disabled(slot);
}

void arch_mpu_load(const struct mpu_region *set, unsigned n)
{
    mpu_load(set, n);
}
