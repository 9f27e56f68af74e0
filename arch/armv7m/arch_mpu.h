/* arch_mpu.h (armv7m) - the kernel's view of an MPU region: the PMSAv7
 * driver's precomputed RBAR/RASR pair.
 */
#ifndef FENESTRA_ARCH_MPU_H
#define FENESTRA_ARCH_MPU_H

#include "mpu.h"

#define arch_mpu_region mpu_region

#endif
