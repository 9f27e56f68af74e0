/*
 * mem.h - the simulated board's memory.
 *
 * Each RAM block of the board is one host buffer, mapped whole into the
 * guest CPU, so the kernel's copy-in/copy-out and the loader reach guest
 * memory directly; device blocks are mapped as MMIO onto the bus.  What
 * the (always unprivileged) guest may touch is decided per 1 KiB page by
 * Unicorn's software TLB (UC_TLB_VIRTUAL): on a miss, the fill hook asks
 * the MPU model for the verdicts of the page's 32-byte granules and this
 * layer's own page table (mapped or not, and rights).  A page whose
 * verdict for the access is uniform "allowed" is entered in the TLB with
 * every right that is uniform on it; any other access is refused, which
 * ends the run with the exact pc, and the CPU then settles it precisely
 * (sim/cpu.c: the probe engine finds the exact address).  Changing the MPU
 * or the page table flushes the TLBs, so pages can be mapped, unmapped or
 * re-protected at any time while the guest runs.
 */
#ifndef FENESTRA_SIM_MEM_H
#define FENESTRA_SIM_MEM_H

#include <stdbool.h>
#include <stdint.h>

#include <unicorn/unicorn.h>

#include "bus.h"
#include "config.h"
#include "mpu.h"

#define SIM_PAGE_SIZE 1024u /* Unicorn's ARM page */
#define SIM_MAX_RAM 8
#define SIM_MAX_ENGINES 6
#define SIM_MAX_MMIO 32
#define SIM_PROBE_PAGES 16 /* scratch pages of each probe engine */
#define SIM_PROBE_STEP_PAGES 4 /* the most one instruction's step takes */

#define SIM_PAGE_MAPPED 0x80u /* in a page-table entry, beside UC_PROT_* */

struct sim_ram {
    uint32_t base, size;
    uint8_t *host;
    uint8_t *pages; /* one entry per page: SIM_PAGE_MAPPED | UC_PROT_* */
};

/* A device block mapped as MMIO: guest accesses go to the bus. */
struct sim_mmio {
    uint32_t base, size;
    struct sim_bus *bus;
};

/* How a probe engine (sim/cpu.c) sees memory while it runs one
 * instruction: to discover the instruction's exact accesses, every data
 * page is redirected to a scratch page (nothing real is read or written);
 * to execute it for real, the page table alone decides. */
enum sim_probe_mode { SIM_PROBE_DISCOVER, SIM_PROBE_EXECUTE };

/* A probe engine's view: its mode and the guest page behind each scratch
 * page it has handed out.  Both persist from step to step while the mode
 * and the rights stay the same, so an engine that always runs in one mode
 * keeps its TLB. */
struct sim_probe_view {
    enum sim_probe_mode mode;
    uint32_t page[SIM_PROBE_PAGES];
    unsigned pages;
    bool exhausted; /* a step wanted more scratch pages than were left */
};

struct sim_mem {
    struct sim_ram ram[SIM_MAX_RAM];
    unsigned num_ram;
    struct sim_mmio mmio[SIM_MAX_MMIO];
    unsigned num_mmio;
    const struct sim_mpu *mpu; /* decides what the guest may touch */
    uc_engine *uc[SIM_MAX_ENGINES]; /* the CPU's engines (sim/cpu.h) */
    uc_hook tlb_hook[SIM_MAX_ENGINES];
    unsigned num_uc;
    uint32_t tlb_generation; /* bumped by every change of rights */
    uint32_t tlb_seen[SIM_MAX_ENGINES]; /* the generation each engine's TLB reflects */
    /* the last access the TLB refused (its page only) */
    bool denied;
    uint32_t denied_addr;
    enum sim_access denied_access;
    struct sim_probe_view view[SIM_MAX_ENGINES]; /* of the probe engines */
    uint64_t tlb_fills; /* statistics */
};

/* Guest-physical address of the probe engine's scratch pages: above every
 * board's memory map, never reachable through a guest address. */
#define SIM_PROBE_SCRATCH 0xF0000000u

/* Allocates the board's RAM; returns false with a message in err. */
bool sim_mem_init(struct sim_mem *m, const struct cfg_board *b, char *err,
                  unsigned errlen);
void sim_mem_free(struct sim_mem *m);

/* Maps the RAM into one of the CPU's engines (all share the same host
 * memory) and installs the TLB fill hook there; engines are numbered in
 * the order they attach.  Probe engines attach with probe set: they get
 * scratch pages and the probe view's fill hook. */
bool sim_mem_attach(struct sim_mem *m, uc_engine *uc, bool probe, char *err,
                    unsigned errlen);

/* Makes mpu the arbiter of guest accesses (until then nothing is allowed). */
void sim_mem_set_mpu(struct sim_mem *m, const struct sim_mpu *mpu);

/* Maps a device block as MMIO on every engine, its accesses going to bus.
 * base and size: whole pages. */
bool sim_mem_map_device(struct sim_mem *m, struct sim_bus *bus, uint32_t base,
                        uint32_t size, char *err, unsigned errlen);

/* The MPU or anything else deciding verdicts changed: every engine
 * flushes its TLB before it next runs. */
void sim_mem_rights_changed(struct sim_mem *m);

/* Readies probe engine `engine` for one step in `mode`.  Its TLB is
 * flushed and its scratch pages forgotten only when the mode changes, the
 * rights changed, or too few scratch pages are left for a step. */
void sim_mem_probe_begin(struct sim_mem *m, unsigned engine, enum sim_probe_mode mode);

/* The guest address behind a probe engine's physical address. */
uint32_t sim_mem_probe_vaddr(const struct sim_mem *m, unsigned engine, uint64_t paddr);

/* True when the page table maps addr (RAM page or device block). */
bool sim_mem_mapped(const struct sim_mem *m, uint32_t addr, enum sim_access a);

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

#endif
