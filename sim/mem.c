/* mem.c - guest memory and its protection (see mem.h). */
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool sim_mem_init(struct sim_mem *m, const struct cfg_board *b, char *err,
                  unsigned errlen)
{
    m->num_ram = 0;
    m->num_uc = 0;
    m->tlb_generation = 0;
    m->active = NULL;
    for (uint8_t i = 0; i < b->num_mem; i++) {
        if (m->num_ram == SIM_MAX_RAM) {
            snprintf(err, errlen, "board %s: more than %u memory blocks", b->name,
                     SIM_MAX_RAM);
            return false;
        }
        struct sim_ram *r = &m->ram[m->num_ram];
        r->base = b->mem[i].base;
        r->size = b->mem[i].size;
        r->host = calloc(1, r->size);
        r->pages = malloc(r->size / SIM_PAGE_SIZE);
        if (!r->host || !r->pages) {
            snprintf(err, errlen, "board %s: cannot allocate %u bytes for %s",
                     b->name, r->size, b->mem[i].name);
            return false;
        }
        memset(r->pages, SIM_PAGE_MAPPED | UC_PROT_ALL, r->size / SIM_PAGE_SIZE);
        m->num_ram++;
    }
    return true;
}

void sim_mem_free(struct sim_mem *m)
{
    for (unsigned i = 0; i < m->num_ram; i++) {
        free(m->ram[i].host);
        free(m->ram[i].pages);
    }
    m->num_ram = 0;
}

static struct sim_ram *ram_of(const struct sim_mem *m, uint32_t addr, uint32_t len)
{
    for (unsigned i = 0; i < m->num_ram; i++) {
        const struct sim_ram *r = &m->ram[i];
        if (addr >= r->base && addr - r->base < r->size &&
            len <= r->size - (addr - r->base))
            return (struct sim_ram *)r;
    }
    return NULL;
}

uint8_t *sim_mem_host(const struct sim_mem *m, uint32_t addr, uint32_t len)
{
    struct sim_ram *r = ram_of(m, addr, len);
    return r ? r->host + (addr - r->base) : NULL;
}

/* Rights the page table grants at addr (0 when unmapped or not RAM). */
static uint32_t page_perms(const struct sim_mem *m, uint32_t addr)
{
    struct sim_ram *r = ram_of(m, addr, 1);
    if (!r)
        return 0;
    uint8_t e = r->pages[(addr - r->base) / SIM_PAGE_SIZE];
    return e & SIM_PAGE_MAPPED ? e & UC_PROT_ALL : 0;
}

static uint32_t uc_perms_of(const struct cfg_region *r)
{
    uint32_t p = UC_PROT_NONE;
    if (r->access & CFG_ACCESS_R)
        p |= UC_PROT_READ;
    if (r->access & CFG_ACCESS_W)
        p |= UC_PROT_WRITE;
    if (r->access & CFG_ACCESS_X)
        p |= UC_PROT_EXEC;
    return p;
}

static enum sim_access access_of(uc_mem_type type)
{
    switch (type) {
    case UC_MEM_WRITE: return SIM_WRITE;
    case UC_MEM_FETCH: return SIM_EXEC;
    default: return SIM_READ;
    }
}

static const uint32_t needed_perm[] = {UC_PROT_READ, UC_PROT_WRITE, UC_PROT_EXEC};

/* TLB miss: the page is accessible if the active partition has a region
 * there and the page table has the page mapped, both granting the access
 * being made; it gets the rights both grant.  Otherwise the access is
 * refused and remembered for the fault report. */
static bool on_tlb_fill(uc_engine *uc, uint64_t vaddr, uc_mem_type type,
                        uc_tlb_entry *result, void *user)
{
    (void)uc;
    struct sim_mem *m = user;
    uint32_t addr = (uint32_t)vaddr;
    enum sim_access access = access_of(type);
    m->tlb_fills++;
    for (uint8_t i = 0; m->active && i < m->active->num_regions; i++) {
        const struct cfg_region *r = &m->active->regions[i];
        uint32_t perms = uc_perms_of(r) & page_perms(m, addr);
        if (addr - r->base < r->size && (perms & needed_perm[access])) {
            result->paddr = vaddr & ~(uint64_t)(SIM_PAGE_SIZE - 1);
            result->perms = perms;
            return true;
        }
    }
    m->denied = true;
    m->denied_addr = addr;
    m->denied_access = access;
    return false;
}

/* Rights changed: each engine flushes its TLB before it next runs (a flush
 * costs ~2.5 us; the tail engine runs far less often than the main one). */
static void flush_tlbs(struct sim_mem *m)
{
    m->tlb_generation++;
}

void sim_mem_sync_tlb(struct sim_mem *m, unsigned i)
{
    if (m->tlb_seen[i] != m->tlb_generation) {
        uc_ctl_flush_tlb(m->uc[i]);
        m->tlb_seen[i] = m->tlb_generation;
    }
}

bool sim_mem_attach(struct sim_mem *m, uc_engine *uc, char *err, unsigned errlen)
{
    if (m->num_uc == SIM_MAX_ENGINES) {
        snprintf(err, errlen, "memory already attached to %d engines", SIM_MAX_ENGINES);
        return false;
    }
    unsigned n = m->num_uc++;
    m->uc[n] = uc;
    uc_err e = uc_ctl_tlb_mode(uc, UC_TLB_VIRTUAL);
    if (e == UC_ERR_OK)
        e = uc_hook_add(uc, &m->tlb_hook[n], UC_HOOK_TLB_FILL, on_tlb_fill, m, 1, 0);
    for (unsigned i = 0; e == UC_ERR_OK && i < m->num_ram; i++)
        e = uc_mem_map_ptr(uc, m->ram[i].base, m->ram[i].size, UC_PROT_ALL,
                           m->ram[i].host);
    if (e != UC_ERR_OK)
        snprintf(err, errlen, "cannot map the board's memory: %s", uc_strerror(e));
    return e == UC_ERR_OK;
}

/* Sets the page-table entry of every page in [addr, addr+size); when
 * only_mapped, pages not mapped make it fail without changing anything. */
static bool set_pages(struct sim_mem *m, uint32_t addr, uint32_t size, uint8_t entry,
                      bool only_mapped)
{
    struct sim_ram *r = ram_of(m, addr, size);
    if (!r || size == 0 || addr % SIM_PAGE_SIZE || size % SIM_PAGE_SIZE)
        return false;
    uint8_t *first = r->pages + (addr - r->base) / SIM_PAGE_SIZE;
    uint32_t n = size / SIM_PAGE_SIZE;
    for (uint32_t i = 0; only_mapped && i < n; i++) {
        if (!(first[i] & SIM_PAGE_MAPPED))
            return false;
    }
    memset(first, entry, n);
    flush_tlbs(m);
    return true;
}

bool sim_mem_map_pages(struct sim_mem *m, uint32_t addr, uint32_t size,
                       uint32_t uc_perms)
{
    return set_pages(m, addr, size, (uint8_t)(SIM_PAGE_MAPPED | (uc_perms & UC_PROT_ALL)),
                     false);
}

bool sim_mem_unmap_pages(struct sim_mem *m, uint32_t addr, uint32_t size)
{
    return set_pages(m, addr, size, 0, true);
}

bool sim_mem_protect_pages(struct sim_mem *m, uint32_t addr, uint32_t size,
                           uint32_t uc_perms)
{
    return set_pages(m, addr, size, (uint8_t)(SIM_PAGE_MAPPED | (uc_perms & UC_PROT_ALL)),
                     true);
}

void sim_mem_activate(struct sim_mem *m, const struct cfg_partition *p)
{
    if (p == m->active)
        return;
    m->active = p;
    flush_tlbs(m);
}
