/* arch_mpu.h (sim) - the kernel's view of an MPU region: the PMSAv7
 * driver's precomputed RBAR/RASR pair (the simulated board has the same MPU).
 */
#ifndef FENESTRA_ARCH_MPU_H
#define FENESTRA_ARCH_MPU_H

#include "armv7m/mpu.h"

#define arch_mpu_region mpu_region

#endif
