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
    m->num_mmio = 0;
    m->mpu = NULL;
    memset(m->view, 0, sizeof m->view);
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

static const struct sim_mmio *mmio_of(const struct sim_mem *m, uint32_t addr)
{
    for (unsigned i = 0; i < m->num_mmio; i++) {
        if (addr - m->mmio[i].base < m->mmio[i].size)
            return &m->mmio[i];
    }
    return NULL;
}

/* Rights the page table grants at addr: RAM pages as mapped, device
 * blocks read-write (0 for anything else). */
static uint32_t page_perms(const struct sim_mem *m, uint32_t addr)
{
    struct sim_ram *r = ram_of(m, addr, 1);
    if (!r)
        return mmio_of(m, addr) ? UC_PROT_READ | UC_PROT_WRITE : 0;
    uint8_t e = r->pages[(addr - r->base) / SIM_PAGE_SIZE];
    return e & SIM_PAGE_MAPPED ? e & UC_PROT_ALL : 0;
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

bool sim_mem_mapped(const struct sim_mem *m, uint32_t addr, enum sim_access a)
{
    return (page_perms(m, addr) & needed_perm[a]) != 0;
}

/* The rights the MPU grants to the whole page (every granule). */
static uint32_t mpu_page_perms(const struct sim_mem *m, uint32_t page)
{
    if (!m->mpu)
        return 0;
    uint32_t allowed[3];
    sim_mpu_page(m->mpu, page, allowed);
    uint32_t perms = 0;
    for (int a = 0; a < 3; a++) {
        if (allowed[a] == 0xffffffffu)
            perms |= needed_perm[a];
    }
    bool data_mixed = (allowed[SIM_READ] != 0 && allowed[SIM_READ] != 0xffffffffu) ||
                      (allowed[SIM_WRITE] != 0 && allowed[SIM_WRITE] != 0xffffffffu);
    if (data_mixed)
        perms &= ~(uint32_t)(UC_PROT_READ | UC_PROT_WRITE);
    return perms;
}

/* TLB miss on a CPU engine: the page enters the TLB with the rights both
 * the MPU (uniformly over the page) and the page table grant, if those
 * include the access being made.  Otherwise the access is refused and
 * remembered; the CPU settles it exactly (see mem.h).  A page whose read or
 * write verdict is mixed gets no data rights at all, so every data access
 * to it is settled on the probe engine: an exclusive load and its store
 * (same address) then always run on the same engine, which holds the
 * exclusive monitor.  Device pages never enter the TLB: every instruction
 * that touches a device is settled whole, so a device access has its side
 * effect exactly once, even for an LDM/STM that the main engine began on
 * another page. */
static bool on_tlb_fill(uc_engine *uc, uint64_t vaddr, uc_mem_type type,
                        uc_tlb_entry *result, void *user)
{
    (void)uc;
    struct sim_mem *m = user;
    uint32_t page = (uint32_t)vaddr & ~(SIM_PAGE_SIZE - 1);
    enum sim_access access = access_of(type);
    m->tlb_fills++;
    uint32_t perms = mmio_of(m, page) ? 0 : mpu_page_perms(m, page) & page_perms(m, page);
    if (perms & needed_perm[access]) {
        result->paddr = page;
        result->perms = perms;
        return true;
    }
    m->denied = true;
    m->denied_addr = page;
    m->denied_access = access;
    return false;
}

/* A scratch page of probe view v standing for guest page `page`; -1 when
 * all are taken (sim_mem_probe_begin leaves enough for any one step). */
static int scratch_slot(struct sim_probe_view *v, uint32_t page)
{
    unsigned i = 0;
    while (i < v->pages && v->page[i] != page)
        i++;
    if (i == SIM_PROBE_PAGES) {
        v->exhausted = true;
        return -1;
    }
    if (i == v->pages)
        v->page[v->pages++] = page;
    return (int)i;
}

static int engine_of(const struct sim_mem *m, const uc_engine *uc)
{
    for (unsigned i = 0; i < m->num_uc; i++) {
        if (m->uc[i] == uc)
            return (int)i;
    }
    return -1;
}

/* TLB miss on a probe engine.  Discovering: data pages each get a
 * scratch page, so the instruction's accesses are seen and nothing real is
 * touched; the instruction's own page is mapped for fetching only, or its
 * data accesses would reach real memory through the fetch's entry.
 * Executing: the page table alone decides, since every access has been
 * checked against the MPU already (a probe engine runs nothing else).  In
 * both modes a fetch from a page that cannot be fetched (a branch's
 * target, translated before the count stops the run) gets a scratch page:
 * nothing there ever runs. */
static bool on_probe_fill(uc_engine *uc, uint64_t vaddr, uc_mem_type type,
                          uc_tlb_entry *result, void *user)
{
    struct sim_mem *m = user;
    int engine = engine_of(m, uc);
    if (engine < 0)
        return false;
    struct sim_probe_view *v = &m->view[engine];
    uint32_t page = (uint32_t)vaddr & ~(SIM_PAGE_SIZE - 1);
    enum sim_access access = access_of(type);
    uint32_t perms = page_perms(m, page);
    bool discover = v->mode == SIM_PROBE_DISCOVER;
    if (access == SIM_EXEC && (perms & UC_PROT_EXEC)) {
        result->paddr = page;
        result->perms = discover ? UC_PROT_EXEC : perms;
        return true;
    }
    if (discover || access == SIM_EXEC) {
        int i = scratch_slot(v, page);
        if (i < 0)
            return false;
        result->paddr = SIM_PROBE_SCRATCH + (uint32_t)i * SIM_PAGE_SIZE;
        result->perms = discover ? UC_PROT_READ | UC_PROT_WRITE : UC_PROT_EXEC;
        return true;
    }
    if (!(perms & needed_perm[access]))
        return false;
    result->paddr = page;
    result->perms = perms;
    return true;
}

uint32_t sim_mem_probe_vaddr(const struct sim_mem *m, unsigned engine, uint64_t paddr)
{
    const struct sim_probe_view *v = &m->view[engine];
    uint64_t i = (paddr - SIM_PROBE_SCRATCH) / SIM_PAGE_SIZE;
    if (paddr < SIM_PROBE_SCRATCH || i >= v->pages)
        return (uint32_t)paddr; /* a real page, mapped one to one */
    return v->page[i] + (uint32_t)(paddr % SIM_PAGE_SIZE);
}

/* A flush costs ~2.5 us, several times the step itself: the engines that
 * keep one mode flush only when the rights change or scratch runs low. */
void sim_mem_probe_begin(struct sim_mem *m, unsigned engine, enum sim_probe_mode mode)
{
    struct sim_probe_view *v = &m->view[engine];
    if (v->mode != mode || m->tlb_seen[engine] != m->tlb_generation ||
        v->pages > SIM_PROBE_PAGES - SIM_PROBE_STEP_PAGES) {
        uc_ctl_flush_tlb(m->uc[engine]);
        m->tlb_seen[engine] = m->tlb_generation;
        v->mode = mode;
        v->pages = 0;
    }
    v->exhausted = false;
}

/* Rights changed: each engine flushes its TLB before it next runs (a flush
 * costs ~2.5 us; the tail engine runs far less often than the main one). */
void sim_mem_rights_changed(struct sim_mem *m)
{
    m->tlb_generation++;
}

void sim_mem_set_mpu(struct sim_mem *m, const struct sim_mpu *mpu)
{
    m->mpu = mpu;
    sim_mem_rights_changed(m);
}

void sim_mem_sync_tlb(struct sim_mem *m, unsigned i)
{
    if (m->tlb_seen[i] != m->tlb_generation) {
        uc_ctl_flush_tlb(m->uc[i]);
        m->tlb_seen[i] = m->tlb_generation;
    }
}

/* Device accesses reach the bus as 32-bit register accesses: a narrower
 * read takes its bytes from the word, a narrower write passes its value in
 * its byte lanes (the models' registers are word-wide). */
static uint64_t mmio_read(uc_engine *uc, uint64_t offset, unsigned size, void *user)
{
    (void)uc;
    const struct sim_mmio *d = user;
    uint32_t addr = d->base + (uint32_t)offset;
    uint32_t word = sim_bus_read(d->bus, addr & ~3u);
    uint32_t v = word >> (8 * (addr & 3));
    return size >= 4 ? v : v & ((1u << (8 * size)) - 1);
}

static void mmio_write(uc_engine *uc, uint64_t offset, unsigned size, uint64_t value,
                       void *user)
{
    (void)uc;
    (void)size;
    const struct sim_mmio *d = user;
    uint32_t addr = d->base + (uint32_t)offset;
    sim_bus_write(d->bus, addr & ~3u, (uint32_t)value << (8 * (addr & 3)));
}

static uc_err map_mmio(uc_engine *uc, struct sim_mmio *d)
{
    return uc_mmio_map(uc, d->base, d->size, mmio_read, d, mmio_write, d);
}

bool sim_mem_map_device(struct sim_mem *m, struct sim_bus *bus, uint32_t base,
                        uint32_t size, char *err, unsigned errlen)
{
    if (m->num_mmio == SIM_MAX_MMIO || base % SIM_PAGE_SIZE || size % SIM_PAGE_SIZE ||
        size == 0) {
        snprintf(err, errlen, "cannot map device block 0x%08x+0x%x: more than %d "
                 "blocks or not whole pages", base, size, SIM_MAX_MMIO);
        return false;
    }
    struct sim_mmio *d = &m->mmio[m->num_mmio++];
    *d = (struct sim_mmio){.base = base, .size = size, .bus = bus};
    uc_err e = UC_ERR_OK;
    for (unsigned i = 0; e == UC_ERR_OK && i < m->num_uc; i++)
        e = map_mmio(m->uc[i], d);
    if (e != UC_ERR_OK)
        snprintf(err, errlen, "cannot map device block 0x%08x: %s", base, uc_strerror(e));
    return e == UC_ERR_OK;
}

bool sim_mem_attach(struct sim_mem *m, uc_engine *uc, bool probe, char *err,
                    unsigned errlen)
{
    if (m->num_uc == SIM_MAX_ENGINES) {
        snprintf(err, errlen, "memory already attached to %d engines", SIM_MAX_ENGINES);
        return false;
    }
    unsigned n = m->num_uc++;
    m->uc[n] = uc;
    uc_err e = uc_ctl_tlb_mode(uc, UC_TLB_VIRTUAL);
    if (e == UC_ERR_OK)
        e = uc_hook_add(uc, &m->tlb_hook[n], UC_HOOK_TLB_FILL,
                        probe ? on_probe_fill : on_tlb_fill, m, 1, 0);
    for (unsigned i = 0; e == UC_ERR_OK && i < m->num_ram; i++)
        e = uc_mem_map_ptr(uc, m->ram[i].base, m->ram[i].size, UC_PROT_ALL,
                           m->ram[i].host);
    if (e == UC_ERR_OK && probe) {
        e = uc_mem_map(uc, SIM_PROBE_SCRATCH, SIM_PROBE_PAGES * SIM_PAGE_SIZE,
                       UC_PROT_ALL);
        m->view[n] = (struct sim_probe_view){.mode = SIM_PROBE_DISCOVER};
        m->tlb_seen[n] = m->tlb_generation - 1; /* flushed before its first step */
    }
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
    sim_mem_rights_changed(m);
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

