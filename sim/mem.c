/* mem.c - guest memory and its protection (see mem.h). */
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>

bool sim_mem_init(struct sim_mem *m, const struct cfg_board *b, char *err,
                  unsigned errlen)
{
    m->num_ram = 0;
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
        if (!r->host) {
            snprintf(err, errlen, "board %s: cannot allocate %u bytes for %s",
                     b->name, r->size, b->mem[i].name);
            return false;
        }
        m->num_ram++;
    }
    return true;
}

void sim_mem_free(struct sim_mem *m)
{
    for (unsigned i = 0; i < m->num_ram; i++)
        free(m->ram[i].host);
    m->num_ram = 0;
}

uint8_t *sim_mem_host(const struct sim_mem *m, uint32_t addr, uint32_t len)
{
    for (unsigned i = 0; i < m->num_ram; i++) {
        const struct sim_ram *r = &m->ram[i];
        if (addr >= r->base && addr - r->base < r->size &&
            len <= r->size - (addr - r->base))
            return r->host + (addr - r->base);
    }
    return NULL;
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

/* TLB miss: the page is accessible with its region's rights if the active
 * partition has a region there that grants the access being made;
 * otherwise the access is refused and remembered for the fault report. */
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
        if (addr - r->base < r->size && (uc_perms_of(r) & needed_perm[access])) {
            result->paddr = vaddr & ~(uint64_t)(SIM_PAGE_SIZE - 1);
            result->perms = uc_perms_of(r);
            return true;
        }
    }
    m->denied = true;
    m->denied_addr = addr;
    m->denied_access = access;
    return false;
}

bool sim_mem_attach(struct sim_mem *m, uc_engine *uc, char *err, unsigned errlen)
{
    m->uc = uc;
    uc_err e = uc_ctl_tlb_mode(uc, UC_TLB_VIRTUAL);
    if (e == UC_ERR_OK)
        e = uc_hook_add(uc, &m->tlb_hook, UC_HOOK_TLB_FILL, on_tlb_fill, m, 1, 0);
    for (unsigned i = 0; e == UC_ERR_OK && i < m->num_ram; i++)
        e = uc_mem_map_ptr(uc, m->ram[i].base, m->ram[i].size, UC_PROT_ALL,
                           m->ram[i].host);
    if (e != UC_ERR_OK)
        snprintf(err, errlen, "cannot map the board's memory: %s", uc_strerror(e));
    return e == UC_ERR_OK;
}

bool sim_mem_check_partitions(const struct cfg_system *s, char *err, unsigned errlen)
{
    for (uint8_t i = 0; i < s->num_partitions; i++) {
        const struct cfg_partition *p = &s->partitions[i];
        for (uint8_t j = 0; j < p->num_regions; j++) {
            const struct cfg_region *r = &p->regions[j];
            if (r->base % SIM_PAGE_SIZE || r->size % SIM_PAGE_SIZE) {
                snprintf(err, errlen,
                         "partition %s: region %s [0x%08x, +0x%x) is not aligned to "
                         "the simulator's %u-byte pages (needed until the MPU model "
                         "gives 32-byte protection)",
                         p->name, r->name, r->base, r->size, SIM_PAGE_SIZE);
                return false;
            }
        }
    }
    return true;
}

bool sim_mem_map_pages(struct sim_mem *m, uint32_t addr, uint32_t size,
                       uint32_t uc_perms)
{
    uint8_t *host = sim_mem_host(m, addr, size);
    if (!host || addr % SIM_PAGE_SIZE || size % SIM_PAGE_SIZE)
        return false;
    return uc_mem_map_ptr(m->uc, addr, size, uc_perms, host) == UC_ERR_OK;
}

bool sim_mem_unmap_pages(struct sim_mem *m, uint32_t addr, uint32_t size)
{
    return uc_mem_unmap(m->uc, addr, size) == UC_ERR_OK;
}

bool sim_mem_protect_pages(struct sim_mem *m, uint32_t addr, uint32_t size,
                           uint32_t uc_perms)
{
    return uc_mem_protect(m->uc, addr, size, uc_perms) == UC_ERR_OK;
}

void sim_mem_activate(struct sim_mem *m, const struct cfg_partition *p)
{
    if (p == m->active)
        return;
    m->active = p;
    uc_ctl_flush_tlb(m->uc);
}
