/* The schedule of test_gap.c, a frame that starts and ends with gaps:
 * nothing [0,50), a [50,100), nothing [100,150), b [150,200), nothing
 * [200,250). */
#include "fake_system.h"

static const struct cfg_window windows[] = {{0, 0, 50, 50}, {1, 0, 150, 50}};
static const struct cfg_sched_part parts[] = {{250, 50, 50}, {250, 150, 50}};
static const struct cfg_schedule schedule = {"default", 250, 2, windows, parts};
const struct cfg_system cfg_system = {"gap", &fake_board, 2, fake_partitions,
                                    &schedule, 1, &schedule, {0, 0}, 0, 0, 0, 0, 0};
