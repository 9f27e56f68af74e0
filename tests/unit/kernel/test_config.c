/*
 * The unit tests' system: partitions a and b, windows a [0,100) and
 * b [100,200) then a gap [200,250) in a 250-cycle major frame, on a 1 MHz
 * board with a 0-cycle kernel entry (the fake port charges nothing).
 */
#include "config.h"
#include "cfg_gen.h"

static const struct cfg_mem mem[] = {{"ram", 0x0, 0x100000, CFG_MEM_RAM}};
static const struct cfg_board board = {
    .name = "fake", .cpu = "cortex-m3", .clock_hz = CFG_CLOCK_HZ,
    .kernel_entry_cycles = 0, .num_mem = 1, .mem = mem,
};
static const struct cfg_region regions_a[] = {
    {"code", 0x1000, 0x1000, CFG_REGION_CODE, CFG_ACCESS_R | CFG_ACCESS_X},
    {"data", 0x8000, 0x1000, CFG_REGION_DATA, CFG_ACCESS_R | CFG_ACCESS_W},
};
static const struct cfg_region regions_b[] = {
    {"code", 0x2000, 0x1000, CFG_REGION_CODE, CFG_ACCESS_R | CFG_ACCESS_X},
    {"data", 0x9000, 0x1000, CFG_REGION_DATA, CFG_ACCESS_R | CFG_ACCESS_W},
};
static const struct cfg_partition parts[] = {
    {"a", 0x1001, 0x8000, 0x400, 10, 4, 0, 2, regions_a},
    {"b", 0x2001, 0x9000, 0x400, 10, 4, 4, 2, regions_b},
};
static const struct cfg_window windows[] = {{0, 0, 100}, {1, 100, 100}};
static const struct cfg_schedule schedule = {"default", 250, 2, windows};
const struct cfg_system cfg_system = {"unit", &board, 2, parts, &schedule};
