/* mpu_print.h - MPU region sets decoded for people (`--mpu`). */
#ifndef FENESTRA_SIM_MPU_PRINT_H
#define FENESTRA_SIM_MPU_PRINT_H

#include <stdio.h>

#include "armv7m/mpu.h"

/* One line per region of set[0..n): its slot, name (names[i], NULL for
 * none), the range it grants, the region and its enabled subregions, and
 * the privileged and unprivileged rights. */
void sim_mpu_print_set(FILE *out, const struct mpu_region *set, unsigned n,
                       const char *const *names);

#endif
