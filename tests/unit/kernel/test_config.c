/* The schedule of test_sched.c: a [0,100), b [100,200), then a gap
 * [200,250) in a 250-cycle major frame. */
#include "fake_system.h"

static const struct cfg_window windows[] = {{0, 0, 0, 100}, {1, 0, 100, 100}};
static const struct cfg_sched_part parts[] = {{250, 0, 100}, {250, 100, 100}};
static const struct cfg_schedule schedule = {"default", 250, 2, windows, parts};
const struct cfg_system cfg_system = {"unit", &fake_board, 2, fake_partitions,
                                    &schedule, 1, &schedule, {0, 0}, 0, 0, 0, 0, 0};
