/* The fake port's MPU region: what the kernel asked to load, recorded. */
#ifndef FENESTRA_ARCH_MPU_H
#define FENESTRA_ARCH_MPU_H
#include <stdint.h>
struct arch_mpu_region {
    uint32_t slot, base, size_log2, access; /* size_log2 0: disabled */
};
#endif
