/* fake_system.h - board and partitions shared by the kernel unit tests. */
#ifndef FAKE_SYSTEM_H
#define FAKE_SYSTEM_H

#include "cfg_gen.h"
#include "config.h"

extern const struct cfg_board fake_board;
extern const struct cfg_partition fake_partitions[2];

#endif
