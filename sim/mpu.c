/* mpu.c - the PMSAv7 MPU model (see mpu.h). */
#include "mpu.h"

#include <string.h>

#define SIM_PAGE_GRANULES_BYTES (32u * SIM_MPU_GRANULE) /* the 1 KiB page */

void sim_mpu_reset(struct sim_mpu *m, unsigned num_regions,
                   void (*on_change)(void *), void *user)
{
    memset(m, 0, sizeof *m);
    m->num_regions = num_regions;
    m->on_change = on_change;
    m->user = user;
}

static void changed(struct sim_mpu *m)
{
    if (m->on_change)
        m->on_change(m->user);
}

/* --- registers --------------------------------------------------------- */

static uint32_t mpu_read(void *dev, uint32_t offset)
{
    struct sim_mpu *m = dev;
    unsigned n = m->rnr % m->num_regions;
    switch (offset) {
    case MPU_TYPE: return m->num_regions << 8;
    case MPU_CTRL: return m->ctrl;
    case MPU_RNR: return m->rnr;
    case MPU_RBAR: case MPU_RBAR_A1: case MPU_RBAR_A2: case MPU_RBAR_A3:
        return m->rbar[n] | n;
    case MPU_RASR: case MPU_RASR_A1: case MPU_RASR_A2: case MPU_RASR_A3:
        return m->rasr[n];
    default: return 0;
    }
}

/* RBAR keeps only the address bits the region's size leaves (the rest
 * reads as zero on hardware, which ignores them when matching). */
static void mpu_write(void *dev, uint32_t offset, uint32_t value)
{
    struct sim_mpu *m = dev;
    switch (offset) {
    case MPU_CTRL: m->ctrl = value & 7u; break;
    case MPU_RNR: m->rnr = value & 0xffu; break;
    case MPU_RBAR: case MPU_RBAR_A1: case MPU_RBAR_A2: case MPU_RBAR_A3:
        if (value & MPU_RBAR_VALID)
            m->rnr = value & MPU_RBAR_REGION_MASK;
        m->rbar[m->rnr % m->num_regions] = value & MPU_RBAR_ADDR_MASK;
        break;
    case MPU_RASR: case MPU_RASR_A1: case MPU_RASR_A2: case MPU_RASR_A3:
        m->rasr[m->rnr % m->num_regions] = value & 0x173fff3fu;
        break;
    default: return;
    }
    changed(m);
}

const struct sim_device_ops sim_mpu_ops = {.read = mpu_read, .write = mpu_write};

static uint32_t scb_read(void *dev, uint32_t offset)
{
    struct sim_mpu *m = dev;
    switch (offset) {
    case 0x0: return m->cfsr;
    case SCB_MMFAR - SCB_CFSR: return m->mmfar;
    case SCB_BFAR - SCB_CFSR: return m->bfar;
    default: return 0;
    }
}

/* CFSR bits are cleared by writing ones; the address registers hold what
 * is written until the next fault. */
static void scb_write(void *dev, uint32_t offset, uint32_t value)
{
    struct sim_mpu *m = dev;
    switch (offset) {
    case 0x0: m->cfsr &= ~value; break;
    case SCB_MMFAR - SCB_CFSR: m->mmfar = value; break;
    case SCB_BFAR - SCB_CFSR: m->bfar = value; break;
    default: break;
    }
}

const struct sim_device_ops sim_scb_fault_ops = {.read = scb_read, .write = scb_write};

/* --- verdicts ------------------------------------------------------------ */

/* The default memory map's execute-never ranges (B3.1): Peripheral,
 * Device and System. */
static bool default_xn(uint32_t addr)
{
    return (addr >= 0x40000000u && addr < 0x60000000u) || addr >= 0xA0000000u;
}

static bool region_matches(uint32_t rbar, uint32_t rasr, uint32_t addr)
{
    if (!(rasr & MPU_RASR_ENABLE))
        return false;
    unsigned log2 = ((rasr & MPU_RASR_SIZE_MASK) >> MPU_RASR_SIZE_SHIFT) + 1;
    if (log2 < 5)
        return false; /* SIZE < 4 is UNPREDICTABLE: treated as no match */
    uint64_t size = 1ull << log2;
    uint32_t base = (uint32_t)(rbar & ~(size - 1));
    if ((uint64_t)(addr - base) >= size)
        return false;
    if (log2 < 8)
        return true;
    unsigned sub = (unsigned)((addr - base) / (size / 8));
    return !((rasr >> MPU_RASR_SRD_SHIFT) & (1u << sub));
}

/* Read and write rights for one privilege level (B3.5.8, table B3-15). */
bool sim_mpu_ap_allows(unsigned ap, enum sim_access a, bool privileged)
{
    bool read, write;
    switch (ap) {
    case MPU_AP_PRIV_RW: read = write = privileged; break;
    case MPU_AP_PRIV_RW_UNPRIV_RO: read = true; write = privileged; break;
    case MPU_AP_FULL: read = write = true; break;
    case MPU_AP_PRIV_RO: read = privileged; write = false; break;
    case MPU_AP_RO: case 7: read = true; write = false; break;
    default: read = write = false; break; /* 0 and the reserved 4 */
    }
    return a == SIM_WRITE ? write : read;
}

enum sim_verdict sim_mpu_check(const struct sim_mpu *m, uint32_t addr,
                               enum sim_access a, bool privileged)
{
    if (addr >= ARMV7M_PPB_BASE && addr < ARMV7M_PPB_END) {
        if (a == SIM_EXEC)
            return SIM_MEMMANAGE;
        return privileged ? SIM_ALLOW : SIM_BUSFAULT;
    }
    bool xn_default = a == SIM_EXEC && default_xn(addr);
    if (!(m->ctrl & MPU_CTRL_ENABLE))
        return xn_default ? SIM_MEMMANAGE : SIM_ALLOW;
    for (int i = (int)m->num_regions - 1; i >= 0; i--) {
        if (!region_matches(m->rbar[i], m->rasr[i], addr))
            continue;
        unsigned ap = (m->rasr[i] & MPU_RASR_AP_MASK) >> MPU_RASR_AP_SHIFT;
        if (!sim_mpu_ap_allows(ap, a, privileged))
            return SIM_MEMMANAGE;
        if (a == SIM_EXEC && ((m->rasr[i] & MPU_RASR_XN) || addr >= 0xE0000000u))
            return SIM_MEMMANAGE;
        return SIM_ALLOW;
    }
    if (privileged && (m->ctrl & MPU_CTRL_PRIVDEFENA))
        return xn_default ? SIM_MEMMANAGE : SIM_ALLOW;
    return SIM_MEMMANAGE;
}

enum sim_verdict sim_mpu_check_range(const struct sim_mpu *m, uint32_t addr,
                                     uint32_t size, enum sim_access a,
                                     bool privileged, uint32_t *at)
{
    uint64_t end = (uint64_t)addr + (size ? size : 1);
    uint64_t g = addr;
    while (g < end) {
        enum sim_verdict v = sim_mpu_check(m, (uint32_t)g, a, privileged);
        if (v != SIM_ALLOW) {
            *at = (uint32_t)g;
            return v;
        }
        g = (g & ~(uint64_t)(SIM_MPU_GRANULE - 1)) + SIM_MPU_GRANULE;
    }
    return SIM_ALLOW;
}

/* Granules (bit g: [page + 32g, +32)) of the 1 KiB page that region i
 * covers: its range and its enabled subregions. */
static uint32_t region_page_mask(const struct sim_mpu *m, unsigned i, uint32_t page)
{
    uint32_t rasr = m->rasr[i];
    if (!(rasr & MPU_RASR_ENABLE))
        return 0;
    unsigned log2 = ((rasr & MPU_RASR_SIZE_MASK) >> MPU_RASR_SIZE_SHIFT) + 1;
    if (log2 < 5)
        return 0;
    uint64_t size = 1ull << log2;
    uint32_t base = (uint32_t)(m->rbar[i] & ~(size - 1));
    uint8_t srd = log2 >= 8 ? (uint8_t)(rasr >> MPU_RASR_SRD_SHIFT) : 0;
    if (log2 >= 10) {
        if ((uint64_t)(page - base) >= size)
            return 0;
        if (log2 >= 13) /* subregions of 1 KiB or more: one decides */
            return srd & (1u << ((page - base) >> (log2 - 3))) ? 0 : 0xffffffffu;
    } else if ((base & ~(SIM_PAGE_GRANULES_BYTES - 1)) != page) {
        return 0;
    }
    uint32_t mask = 0;
    for (unsigned g = 0; g < 32; g++) {
        uint32_t addr = page + g * SIM_MPU_GRANULE;
        if ((uint64_t)(addr - base) >= size)
            continue;
        if (!(srd & (1u << ((addr - base) >> (log2 - 3)))) || log2 < 8)
            mask |= 1u << g;
    }
    return mask;
}

/* Highest region first; each granule takes the rights of the first region
 * that covers it, unprivileged; granules no region covers get nothing. */
void sim_mpu_page(const struct sim_mpu *m, uint32_t page, uint32_t allowed[3])
{
    allowed[SIM_READ] = allowed[SIM_WRITE] = allowed[SIM_EXEC] = 0;
    if (page >= ARMV7M_PPB_BASE && page < ARMV7M_PPB_END)
        return;
    if (!(m->ctrl & MPU_CTRL_ENABLE)) {
        allowed[SIM_READ] = allowed[SIM_WRITE] = 0xffffffffu;
        allowed[SIM_EXEC] = default_xn(page) ? 0 : 0xffffffffu;
        return;
    }
    uint32_t decided = 0;
    for (int i = (int)m->num_regions - 1; i >= 0 && decided != 0xffffffffu; i--) {
        uint32_t fresh = region_page_mask(m, (unsigned)i, page) & ~decided;
        if (!fresh)
            continue;
        decided |= fresh;
        unsigned ap = (m->rasr[i] & MPU_RASR_AP_MASK) >> MPU_RASR_AP_SHIFT;
        if (sim_mpu_ap_allows(ap, SIM_READ, false))
            allowed[SIM_READ] |= fresh;
        if (sim_mpu_ap_allows(ap, SIM_WRITE, false))
            allowed[SIM_WRITE] |= fresh;
        if (sim_mpu_ap_allows(ap, SIM_EXEC, false) && !(m->rasr[i] & MPU_RASR_XN) &&
            page < 0xE0000000u)
            allowed[SIM_EXEC] |= fresh;
    }
}

uint32_t sim_mpu_record_fault(struct sim_mpu *m, enum sim_verdict v,
                              enum sim_access a, uint32_t addr, bool stacking)
{
    uint32_t bits;
    if (v == SIM_BUSFAULT && stacking) {
        bits = SCB_BFSR_STKERR; /* BFAR is not valid for stacking */
    } else if (v == SIM_BUSFAULT) {
        bits = SCB_BFSR_PRECISERR | SCB_BFSR_BFARVALID;
        m->bfar = addr;
    } else if (stacking) {
        bits = SCB_MMFSR_MSTKERR;
    } else if (a == SIM_EXEC) {
        bits = SCB_MMFSR_IACCVIOL;
    } else {
        bits = SCB_MMFSR_DACCVIOL | SCB_MMFSR_MMARVALID;
        m->mmfar = addr;
    }
    m->cfsr |= bits;
    return bits;
}
