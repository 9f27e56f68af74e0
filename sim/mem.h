/*
 * mem.h - the simulated board's memory.
 *
 * Each RAM block of the board is one host buffer, mapped whole into the
 * guest CPU, so the kernel's copy-in/copy-out and the loader reach guest
 * memory directly.  What the running partition may touch is decided per
 * page by Unicorn's software TLB (UC_TLB_VIRTUAL): on a miss, the fill hook
 * answers from the active partition's regions and this layer's own page
 * table (mapped or not, and rights), and a denied access becomes a precise
 * guest fault (exact pc).  Changing either flushes the TLB, so pages can be
 * mapped, unmapped or re-protected at any time while the guest runs.
 */
#ifndef FENESTRA_SIM_MEM_H
#define FENESTRA_SIM_MEM_H

#include <stdbool.h>
#include <stdint.h>

#include <unicorn/unicorn.h>

#include "config.h"

#define SIM_PAGE_SIZE 1024u /* Unicorn's ARM page */
#define SIM_MAX_RAM 8
#define SIM_MAX_ENGINES 3

enum sim_access { SIM_READ = 0, SIM_WRITE = 1, SIM_EXEC = 2 };

#define SIM_PAGE_MAPPED 0x80u /* in a page-table entry, beside UC_PROT_* */

struct sim_ram {
    uint32_t base, size;
    uint8_t *host;
    uint8_t *pages; /* one entry per page: SIM_PAGE_MAPPED | UC_PROT_* */
};

struct sim_mem {
    struct sim_ram ram[SIM_MAX_RAM];
    unsigned num_ram;
    uc_engine *uc[SIM_MAX_ENGINES]; /* the CPU's engines (sim/cpu.h) */
    uc_hook tlb_hook[SIM_MAX_ENGINES];
    unsigned num_uc;
    uint32_t tlb_generation; /* bumped by every change of rights */
    uint32_t tlb_seen[SIM_MAX_ENGINES]; /* the generation each engine's TLB reflects */
    const struct cfg_partition *active; /* whose regions are accessible */
    /* the last access the TLB refused */
    bool denied;
    uint32_t denied_addr;
    enum sim_access denied_access;
    uint64_t tlb_fills; /* statistics */
};

/* Allocates the board's RAM; returns false with a message in err. */
bool sim_mem_init(struct sim_mem *m, const struct cfg_board *b, char *err,
                  unsigned errlen);
void sim_mem_free(struct sim_mem *m);

/* Maps the RAM into one of the CPU's engines (all share the same host
 * memory) and installs the TLB fill hook there; engines are numbered in
 * the order they attach. */
bool sim_mem_attach(struct sim_mem *m, uc_engine *uc, char *err, unsigned errlen);

/* Host pointer for [addr, addr+len) if it lies in one RAM block, else NULL. */
uint8_t *sim_mem_host(const struct sim_mem *m, uint32_t addr, uint32_t len);

/* Page-level primitives of the memory layer (addr, size: whole pages of
 * board RAM; false otherwise).  uc_perms: UC_PROT_* bits. */
bool sim_mem_map_pages(struct sim_mem *m, uint32_t addr, uint32_t size,
                       uint32_t uc_perms);
bool sim_mem_unmap_pages(struct sim_mem *m, uint32_t addr, uint32_t size);
bool sim_mem_protect_pages(struct sim_mem *m, uint32_t addr, uint32_t size,
                           uint32_t uc_perms);

/* Brings engine i's TLB up to date with the rights (a flush when they
 * changed since it last ran): call before running it. */
void sim_mem_sync_tlb(struct sim_mem *m, unsigned i);

/* Makes p's regions (NULL: nothing) the accessible ones. */
void sim_mem_activate(struct sim_mem *m, const struct cfg_partition *p);

#endif
