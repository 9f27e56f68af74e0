/*
 * The system of test_objects.c, on a fake board of its own: two
 * partitions laid out as arinc/test_config.c's (so arinc/harness.c serves
 * both), with intra-partition objects.
 *
 * Partitions (4 thread slots each, as cfg_gen.h sizes the pool; every
 * process aperiodic, without a time capacity):
 *   ctl (0): 0 its initial thread, priority 5; 1 "low" 10, 2 "mid" 20,
 *       3 "high" 30.  Objects (id: name, kind):
 *         0 sem_fifo  semaphore, FIFO, 1 of at most 2
 *         1 sem_prio  semaphore, by priority, 0 of at most 1
 *         2 ev        event
 *         3 bb        blackboard, 16-byte messages
 *         4 buf_fifo  buffer, FIFO, 2 messages of 8 bytes
 *         5 buf_prio  buffer, by priority, 1 message of 8 bytes
 *         6 m_inh     mutex, priority inheritance
 *         7 m_inh2    mutex, priority inheritance
 *         8 m_ceil    mutex, priority ceiling 25
 *   pay (1): 0 its initial thread, priority 5; 1 "p1" 10, 2 "p2" 10;
 *       3 free: its error handler.  Objects:
 *         0 sem       semaphore, by priority, 0 of at most 1 (ctl has
 *                     another object of that name)
 *         1 m         mutex, priority inheritance
 *         2 bb        blackboard, 4-byte messages
 *
 * Schedule: one 200-cycle frame, ctl [0,100), pay [100,200).
 */
#include "abi.h"
#include "cfg_gen.h"
#include "config.h"

#define RX (CFG_ACCESS_R | CFG_ACCESS_X)
#define RW (CFG_ACCESS_R | CFG_ACCESS_W)
#define FIFO CFG_DISCIPLINE_FIFO
#define PRIO CFG_DISCIPLINE_PRIORITY

static const struct cfg_mem mem[] = {{"ram", 0x0, 0x100000, CFG_MEM_RAM}};
static const struct cfg_board board = {
    .name = "fake", .cpu = "cortex-m3", .clock_hz = CFG_CLOCK_HZ,
    .kernel_entry_cycles = 0, .num_mem = 1, .mem = mem, .mpu_regions = CFG_MPU_REGIONS,
};

static const struct cfg_process ctl_processes[] = {
    {.name = "low", .priority = 10},
    {.name = "mid", .priority = 20},
    {.name = "high", .priority = 30},
};

static const struct cfg_process pay_processes[] = {
    {.name = "p1", .priority = 10},
    {.name = "p2", .priority = 10},
};

/* Message stores: bb 0..32, buf_fifo 32..80, buf_prio 80..104, pay's bb
 * 104..128 (CFG_MSG_SLOT: a 16-byte header, the message rounded to 8). */
static const struct cfg_object ctl_objects[] = {
    {.name = "sem_fifo", .kind = CFG_OBJ_SEMAPHORE, .discipline = FIFO, .initial = 1,
     .maximum = 2, .index = 0},
    {.name = "sem_prio", .kind = CFG_OBJ_SEMAPHORE, .discipline = PRIO, .initial = 0,
     .maximum = 1, .index = 1},
    {.name = "ev", .kind = CFG_OBJ_EVENT, .index = 2},
    {.name = "bb", .kind = CFG_OBJ_BLACKBOARD, .max_message = 16, .store = 0, .index = 3},
    {.name = "buf_fifo", .kind = CFG_OBJ_BUFFER, .discipline = FIFO, .depth = 2,
     .max_message = 8, .store = 32, .index = 4},
    {.name = "buf_prio", .kind = CFG_OBJ_BUFFER, .discipline = PRIO, .depth = 1,
     .max_message = 8, .store = 80, .index = 5},
    {.name = "m_inh", .kind = CFG_OBJ_MUTEX, .protocol = CFG_MUTEX_INHERIT, .index = 6},
    {.name = "m_inh2", .kind = CFG_OBJ_MUTEX, .protocol = CFG_MUTEX_INHERIT, .index = 7},
    {.name = "m_ceil", .kind = CFG_OBJ_MUTEX, .protocol = CFG_MUTEX_CEILING, .ceiling = 25,
     .index = 8},
};

static const struct cfg_object pay_objects[] = {
    {.name = "sem", .kind = CFG_OBJ_SEMAPHORE, .discipline = PRIO, .initial = 0, .maximum = 1,
     .index = 9},
    {.name = "m", .kind = CFG_OBJ_MUTEX, .protocol = CFG_MUTEX_INHERIT, .index = 10},
    {.name = "bb", .kind = CFG_OBJ_BLACKBOARD, .max_message = 4, .store = 104, .index = 11},
};

static const struct cfg_region ctl_regions[] = {
    {"code", 0x1000, 0x1000, 0x1000, 12, 0, CFG_REGION_CODE, RX},
    {"data", 0x8000, 0x1000, 0x8000, 12, 0, CFG_REGION_DATA, RW},
};

static const struct cfg_region pay_regions[] = {
    {"code", 0x2000, 0x1000, 0x2000, 12, 0, CFG_REGION_CODE, RX},
    {"data", 0x9000, 0x1000, 0x9000, 12, 0, CFG_REGION_DATA, RW},
};

static const struct cfg_partition partitions[] = {
    {.name = "ctl", .entry = 0x1001, .stack_base = 0x8000, .stack_size = 0x400,
     .stack_guard = 32, .priority = 5, .max_threads = 4, .first_thread = 0,
     .num_regions = 2, .regions = ctl_regions, .num_objects = 9, .objects = ctl_objects,
     .num_processes = 3, .processes = ctl_processes},
    {.name = "pay", .entry = 0x2001, .stack_base = 0x9000, .stack_size = 0x400,
     .stack_guard = 32, .priority = 5, .max_threads = 4, .first_thread = 4,
     .num_regions = 2, .regions = pay_regions, .num_objects = 3, .objects = pay_objects,
     .num_processes = 2, .processes = pay_processes},
};

static const struct cfg_window windows[] = {
    {.partition = 0, .offset = 0, .duration = 100},
    {.partition = 1, .offset = 100, .duration = 100},
};
static const struct cfg_sched_part sched_parts[] = {{200, 0, 100}, {200, 100, 100}};
static const struct cfg_schedule schedules[] = {{"only", 200, 2, windows, sched_parts}};

const struct cfg_system cfg_system = {
    .app_name = "objects", .board = &board, .num_partitions = 2,
    .partitions = partitions, .schedule = &schedules[0], .num_schedules = 1,
    .schedules = schedules,
};
