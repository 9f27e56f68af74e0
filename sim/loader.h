/*
 * loader.h - loads a partition's ELF file into simulated memory.  Every
 * loadable segment must lie inside the partition's configured regions, the
 * file must be a 32-bit little-endian ARM executable, and its entry point
 * must be the one the configuration placed.  A partition with FP
 * instructions is refused (fp_scan.h).
 */
#ifndef FENESTRA_SIM_LOADER_H
#define FENESTRA_SIM_LOADER_H

#include <stdbool.h>

#include "config.h"
#include "mem.h"

bool sim_load_partition(struct sim_mem *m, const struct cfg_partition *p,
                        const char *path, char *err, unsigned errlen);

#endif
