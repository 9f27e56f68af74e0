/*
 * The unit tests' system, less its schedule (each test binary brings its
 * own): partitions a and b on a 1 MHz board with no kernel-entry cost.
 * Slots: a owns threads 0-3, b owns 4-7.
 */
#include "fake_system.h"

static const struct cfg_mem mem[] = {{"ram", 0x0, 0x100000, CFG_MEM_RAM}};
const struct cfg_board fake_board = {
    .name = "fake", .cpu = "cortex-m3", .clock_hz = CFG_CLOCK_HZ,
    .kernel_entry_cycles = 0, .num_mem = 1, .mem = mem, .mpu_regions = CFG_MPU_REGIONS,
    .irq_lines = 8,
};
static const struct cfg_region regions_a[] = {
    {"code", 0x1000, 0x1000, 0x1000, 12, 0, CFG_REGION_CODE, CFG_ACCESS_R | CFG_ACCESS_X},
    {"data", 0x8000, 0x1000, 0x8000, 12, 0, CFG_REGION_DATA, CFG_ACCESS_R | CFG_ACCESS_W},
    {"dev", 0xc000, 0x400, 0xc000, 10, 0, CFG_REGION_DEVICE, CFG_ACCESS_R | CFG_ACCESS_W},
};
static const struct cfg_region regions_b[] = {
    {"code", 0x2000, 0x1000, 0x2000, 12, 0, CFG_REGION_CODE, CFG_ACCESS_R | CFG_ACCESS_X},
    {"data", 0x9000, 0x1000, 0x9000, 12, 0, CFG_REGION_DATA, CFG_ACCESS_R | CFG_ACCESS_W},
};
const struct cfg_partition fake_partitions[2] = {
    {"a", 0x1001, 0x8000, 0x400, 32, 10, 4, 0, 3, regions_a, 0, 0, 0, {0, 0}, 0, 0},
    {"b", 0x2001, 0x9000, 0x400, 32, 10, 4, 4, 2, regions_b, 0, 0, 0, {0, 0}, 0, 0},
};
