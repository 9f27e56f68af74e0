/*
 * The system of test_arinc.c and test_hm.c, on the fake board.
 *
 * Partitions (4 thread slots each, as cfg_gen.h sizes the pool):
 *   ctl (0), the system partition, slots 0-3: 0 its initial thread,
 *       1 "per"  periodic 100, capacity 30, priority 20
 *       2 "aper" aperiodic,    capacity 50, priority 30
 *       3 "hmp"  aperiodic,    capacity 20, priority 12, a process HM table
 *   pay (1), slots 4-7: 0 its initial thread,
 *       1 "wrk"  aperiodic,    capacity 50, priority 20
 *       2 "peer" aperiodic,    capacity 60, priority 10 (= the initial thread's)
 *       3 free: pay's error handler
 *
 * Schedules (the initial one first):
 *   0 "nominal", 200-cycle frame: ctl [0,40), pay [40,80), gap [80,100),
 *     ctl [100,140), pay [140,180) must_complete, gap [180,200);
 *     ctl's periods are 100 from 0, pay's 100 from 40.
 *   1 "alt", 300-cycle frame: pay [0,100), ctl [100,250), gap [250,300);
 *     ctl's period is 300 from 100, pay's 300 from 0.
 *
 * Health-monitor tables: every action once at the process level (hmp,
 * state normal), at ctl's partition level (normal, and APPLICATION_ERROR
 * in init) and at the module level (state init, and restart_process for
 * the error handler's state since an initial thread is only stopped by it;
 * no rule for state normal, so that such errors reach the defaults); pay's
 * own table tests rule order, the state `any` and the handler state.
 *
 * cfg_gen.h's CFG_NUM_WINDOWS and CFG_MAJOR_FRAME describe test_sched.c's
 * schedule; the kernel does not read them.
 */
#include "abi.h"
#include "fake_system.h"

#define RULE(e, s, a) {FEN_ERR_##e, CFG_HM_##s, CFG_HM_##a}
#define TABLE(rules) {sizeof rules / sizeof rules[0], rules}
#define RX (CFG_ACCESS_R | CFG_ACCESS_X)
#define RW (CFG_ACCESS_R | CFG_ACCESS_W)

static const struct cfg_hm_rule hmp_rules[] = {
    RULE(APPLICATION_ERROR, NORMAL, IGNORE),   RULE(DEADLINE_MISSED, NORMAL, LOG),
    RULE(ILLEGAL_REQUEST, NORMAL, STOP_PROCESS), RULE(MEMORY_VIOLATION, NORMAL, RESTART_PROCESS),
    RULE(STACK_OVERFLOW, NORMAL, WARM_START),  RULE(HARDWARE_FAULT, NORMAL, COLD_START),
    RULE(NUMERIC_ERROR, NORMAL, IDLE),         RULE(CONFIG_ERROR, NORMAL, STOP_MODULE),
    RULE(POWER_FAIL, NORMAL, RESTART_MODULE),
};

static const struct cfg_hm_rule ctl_rules[] = {
    RULE(APPLICATION_ERROR, NORMAL, LOG),      RULE(MEMORY_VIOLATION, NORMAL, IGNORE),
    RULE(ILLEGAL_REQUEST, NORMAL, STOP_PROCESS), RULE(STACK_OVERFLOW, NORMAL, RESTART_PROCESS),
    RULE(HARDWARE_FAULT, NORMAL, WARM_START),  RULE(APPLICATION_ERROR, INIT, COLD_START),
    RULE(NUMERIC_ERROR, NORMAL, IDLE),         RULE(POWER_FAIL, NORMAL, STOP_MODULE),
    RULE(CONFIG_ERROR, NORMAL, RESTART_MODULE),
};

/* The first rule wins: NUMERIC_ERROR cold starts pay in init and warm
 * starts it in every other state. */
static const struct cfg_hm_rule pay_rules[] = {
    RULE(NUMERIC_ERROR, INIT, COLD_START),
    RULE(NUMERIC_ERROR, ANY, WARM_START),
    RULE(APPLICATION_ERROR, HANDLER, STOP_PROCESS),
};

static const struct cfg_hm_rule module_rules[] = {
    RULE(APPLICATION_ERROR, INIT, IGNORE),     RULE(MEMORY_VIOLATION, INIT, LOG),
    RULE(ILLEGAL_REQUEST, INIT, STOP_PROCESS), RULE(STACK_OVERFLOW, HANDLER, RESTART_PROCESS),
    RULE(HARDWARE_FAULT, INIT, RESTART_MODULE), RULE(NUMERIC_ERROR, INIT, WARM_START),
    RULE(DEADLINE_MISSED, INIT, COLD_START),   RULE(CONFIG_ERROR, INIT, IDLE),
    RULE(POWER_FAIL, INIT, STOP_MODULE),
};

static const struct cfg_process ctl_processes[] = {
    {.name = "per", .period = 100, .time_capacity = 30, .priority = 20},
    {.name = "aper", .period = 0, .time_capacity = 50, .priority = 30},
    {.name = "hmp", .period = 0, .time_capacity = 20, .priority = 12, .hm = TABLE(hmp_rules)},
};

static const struct cfg_process pay_processes[] = {
    {.name = "wrk", .period = 0, .time_capacity = 50, .priority = 20},
    {.name = "peer", .period = 0, .time_capacity = 60, .priority = 10},
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
     .stack_guard = 32, .priority = 10, .max_threads = 4, .first_thread = 0,
     .num_regions = 2, .regions = ctl_regions, .system = 1, .num_processes = 3,
     .processes = ctl_processes, .hm = TABLE(ctl_rules)},
    {.name = "pay", .entry = 0x2001, .stack_base = 0x9000, .stack_size = 0x400,
     .stack_guard = 32, .priority = 10, .max_threads = 4, .first_thread = 4,
     .num_regions = 2, .regions = pay_regions, .system = 0, .num_processes = 2,
     .processes = pay_processes, .hm = TABLE(pay_rules)},
};

static const struct cfg_window nominal_windows[] = {
    {.partition = 0, .offset = 0, .duration = 40},
    {.partition = 1, .offset = 40, .duration = 40},
    {.partition = 0, .offset = 100, .duration = 40},
    {.partition = 1, .must_complete = 1, .offset = 140, .duration = 40},
};
static const struct cfg_sched_part nominal_parts[] = {{100, 0, 40}, {100, 40, 40}};

static const struct cfg_window alt_windows[] = {
    {.partition = 1, .offset = 0, .duration = 100},
    {.partition = 0, .offset = 100, .duration = 150},
};
static const struct cfg_sched_part alt_parts[] = {{300, 100, 150}, {300, 0, 100}};

static const struct cfg_schedule schedules[] = {
    {"nominal", 200, 4, nominal_windows, nominal_parts},
    {"alt", 300, 2, alt_windows, alt_parts},
};

/* Channels (test_ports.c):
 *   0 "q"  queuing, depth 2, 16 bytes, FIFO:     ctl.qout (0) -> pay.qin (1)
 *   1 "s"  sampling, 8 bytes, refresh 50:        ctl.sout (2) -> pay.sin (3), ctl.sback (4)
 *   2 "pq" queuing, depth 1, 4 bytes, priority:  pay.pout (5) -> ctl.pin (6)
 * Message pool: q at 0 (2 x 32 bytes), s at 64 (24), pq at 88 (24). */
static const uint16_t q_dest[] = {1}, s_dest[] = {3, 4}, pq_dest[] = {6};
static const struct cfg_channel channels[] = {
    {.name = "q", .kind = CFG_PORT_QUEUING, .discipline = CFG_DISCIPLINE_FIFO, .depth = 2,
     .max_message = 16, .store = 0, .source = 0, .num_destinations = 1,
     .destinations = q_dest},
    {.name = "s", .kind = CFG_PORT_SAMPLING, .depth = 1, .max_message = 8, .refresh = 50,
     .store = 64, .source = 2, .num_destinations = 2, .destinations = s_dest},
    {.name = "pq", .kind = CFG_PORT_QUEUING, .discipline = CFG_DISCIPLINE_PRIORITY,
     .depth = 1, .max_message = 4, .store = 88, .source = 5, .num_destinations = 1,
     .destinations = pq_dest},
};
static const struct cfg_port ports[] = {
    {"qout", 0, CFG_PORT_SOURCE, 0},      {"qin", 1, CFG_PORT_DESTINATION, 0},
    {"sout", 0, CFG_PORT_SOURCE, 1},      {"sin", 1, CFG_PORT_DESTINATION, 1},
    {"sback", 0, CFG_PORT_DESTINATION, 1}, {"pout", 1, CFG_PORT_SOURCE, 2},
    {"pin", 0, CFG_PORT_DESTINATION, 2},
};

/* IRQ lines (test_irq.c): 3 is ctl's, 4 pay's, the rest nobody's. */
static const uint8_t irq_owner[8] = {0xff, 0xff, 0xff, 0, 1, 0xff, 0xff, 0xff};

const struct cfg_system cfg_system = {
    .app_name = "arinc", .board = &fake_board, .num_partitions = 2,
    .partitions = partitions, .schedule = &schedules[0], .num_schedules = 2,
    .schedules = schedules, .hm = TABLE(module_rules),
    .num_ports = 7, .ports = ports, .num_channels = 3, .channels = channels,
    .irq_owner = irq_owner,
};
