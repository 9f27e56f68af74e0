/*
 * board.h - a board description (boards/<name>/board.yaml) parsed and
 * checked on its own.  Cross checks against an app are in validate.c.
 */
#ifndef FCC_BOARD_H
#define FCC_BOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "schema.h"

enum fcc_mem_kind { FCC_MEM_RAM, FCC_MEM_ROM };

/* A memory block, or a reserved (kernel-only) range inside one. */
struct fcc_mem {
    const char *name;
    uint64_t base;
    uint64_t size;
    enum fcc_mem_kind kind; /* reserved: the kind of the block holding it */
    struct fcc_loc at;
    struct fcc_loc name_at;
    bool ok;
};

/* One interrupt line of a device: `rx: 0` in its `irqs`, or `irq: 0`
 * (named "irq"). */
struct fcc_irq {
    const char *name;
    unsigned line;      /* NVIC external interrupt number, < irq_lines */
    struct fcc_loc at;  /* of the line number */
};

struct fcc_device {
    const char *name;
    const char *type;
    uint64_t base;
    uint64_t size;
    size_t num_irqs;
    struct fcc_irq *irqs; /* in file order; NULL when none */
    struct fcc_loc at;
    struct fcc_loc name_at;
    bool ok;
};

struct fcc_board {
    struct fcc_src src;           /* src.file is `path` */
    char *path;
    struct fcc_node *root;
    const char *name;
    const char *cpu;
    const char *fpu;              /* NULL: none (board.yaml `fpu:`) */
    uint64_t clock_hz;            /* 0 when missing or invalid */
    uint64_t kernel_entry_cycles;
    size_t num_mem;
    struct fcc_mem *mem;
    size_t num_reserved;
    struct fcc_mem *reserved;
    size_t num_devices;
    struct fcc_device *devices;
    int console;                  /* index in devices, -1 when invalid */
    unsigned mpu_regions;         /* 8 or 16; 0 when missing or invalid */
    unsigned irq_lines;           /* NVIC external lines; FCC_MAX_IRQ_LINES
                                     when invalid */
    bool ok;                      /* no error in this file */
};

/* Most entries of each list the tables can hold (uint8_t counts). */
#define FCC_MAX_BOARD_ENTRIES 255

/* External interrupt lines of an ARMv7-M NVIC: at most 240 (the line is
 * a uint8_t in the tables), 32 when the board does not say. */
#define FCC_MAX_IRQ_LINES 240
#define FCC_DEFAULT_IRQ_LINES 32

/* IRQ line names: [a-z][a-z0-9_]*, at most this long. */
#define FCC_MAX_IRQ_NAME_LEN 15

/* Parses and checks text as board file `file` (a copy of the name is
 * kept).  `folder` is the board's folder name, which must equal its
 * `name:`, or NULL to skip that check.  Returns NULL only on a YAML syntax
 * error or an empty file; otherwise a board whose `ok` says whether it is
 * valid. */
struct fcc_board *fcc_board_parse(struct fcc_diag *d, const char *file,
                                  const char *text, size_t len,
                                  const char *folder);
void fcc_board_free(struct fcc_board *b);

/* Index of the memory block of b holding [base, base+size) entirely, or
 * -1. */
int fcc_board_block_of(const struct fcc_board *b, uint64_t base,
                       uint64_t size);

#endif
