/*
 * The system of test_trim.c: fake_system.c's partitions a and b, which
 * declare no process, object or port, and no interrupt line owned by
 * anyone; one 200-cycle frame, a [0,100), b [100,200).
 */
#include "fake_system.h"

static const struct cfg_window windows[] = {
    {.partition = 0, .offset = 0, .duration = 100},
    {.partition = 1, .offset = 100, .duration = 100},
};
static const struct cfg_sched_part sched_parts[] = {{200, 0, 100}, {200, 100, 100}};
static const struct cfg_schedule schedules[] = {{"only", 200, 2, windows, sched_parts}};

const struct cfg_system cfg_system = {
    .app_name = "trim", .board = &fake_board, .num_partitions = 2,
    .partitions = fake_partitions, .schedule = &schedules[0], .num_schedules = 1,
    .schedules = schedules,
};
