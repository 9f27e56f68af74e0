/*
 * memory.h - the memory model: what each partition is granted, as PMSAv7
 * MPU regions.
 *
 * A partition is granted its code and data regions, the board devices it
 * owns and the shared regions it has rights to.  Each of those ranges
 * becomes one MPU region (mpu.h); ranges without a base are placed in
 * board memory.  The generators read the result through the functions
 * below.
 */
#ifndef FCC_MEMORY_H
#define FCC_MEMORY_H

#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "board.h"

/* MPU regions the kernel keeps in every set (CFG_MPU_KERNEL_REGIONS in
 * kernel/config.h; cfg_gen.c asserts that they agree). */
#define FCC_MPU_KERNEL_REGIONS 1

/* Ranges of the Private Peripheral Bus, which unprivileged code cannot
 * reach (SysTick, NVIC, MPU, SCB). */
#define FCC_PPB_BASE 0xE0000000u
#define FCC_PPB_SIZE 0x00100000u

/* Resolves devices, encodes and places every range, and checks them
 * against each other, the board and the MPU's region count; errors go to
 * a's diagnostics.  b may be NULL (board not loaded): then only what
 * needs no board is checked. */
void fcc_check_memory(struct fcc_app *a, const struct fcc_board *b);

/* MPU regions partition pi uses: code, data, its devices and the shared
 * regions it has rights to. */
size_t fcc_partition_region_count(const struct fcc_app *a, size_t pi);

/* Fills out[] and access[] (fcc_partition_region_count entries) with
 * partition pi's regions in table order (code, data, devices in list
 * order, shared regions in file order) and its FCC_ACCESS_* rights to
 * each. */
void fcc_partition_regions(const struct fcc_app *a, size_t pi,
                           const struct fcc_region **out, unsigned *access);

/* CFG_IRQ_NO_OWNER in kernel/config.h: a line no partition owns. */
#define FCC_IRQ_NO_OWNER 0xffu

/* Fills owner[line] (b->irq_lines entries) with the index of the
 * partition that owns the device of IRQ line `line` (owning a device is
 * owning all its lines), or FCC_IRQ_NO_OWNER (no device, or one no
 * partition owns, such as the console). */
void fcc_irq_owners(const struct fcc_app *a, const struct fcc_board *b,
                    uint8_t *owner);

/* name as linker-symbol text: '-' and '.' become '_'. */
void fcc_region_symbol(const char *name, char *buf, size_t size);

#endif
