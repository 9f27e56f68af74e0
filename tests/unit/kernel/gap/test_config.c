/*
 * A frame that starts and ends with gaps: nothing [0,50), a [50,100),
 * nothing [100,150), b [150,200), nothing [200,250); 1 MHz, no entry cost.
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
static const struct cfg_window windows[] = {{0, 50, 50}, {1, 150, 50}};
static const struct cfg_schedule schedule = {"default", 250, 2, windows};
const struct cfg_system cfg_system = {"gap", &board, 2, parts, &schedule};
