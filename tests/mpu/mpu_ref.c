/*
 * mpu_ref.c - reference PMSAv7 verdicts (see mpu_ref.h).
 *
 * Deliberately plain: one byte, one region at a time, in 64-bit arithmetic
 * so that a 4 GiB region needs no special case.  The rules, in the order
 * the architecture applies them:
 *
 *  1. The Private Peripheral Bus (0xE0000000..0xE00FFFFF) is never checked
 *     by the MPU: it uses the default map.  Data accesses are privileged
 *     only (an unprivileged one is a BusFault); nothing executes there.
 *  2. Instruction fetches from 0xE0000000 upwards (the system space) are
 *     execute-never whatever the MPU says.
 *  3. MPU off (CTRL.ENABLE clear): the default map, which allows every data
 *     access and refuses instruction fetches from the Peripheral
 *     (0x40000000..0x5FFFFFFF), Device (0xA0000000..0xDFFFFFFF) and System
 *     spaces.
 *  4. MPU on: the highest-numbered enabled region that holds the address in
 *     one of its enabled subregions decides, by its AP and XN fields.
 *  5. No region holds it: privileged code with CTRL.PRIVDEFENA set uses the
 *     default map; anything else is a MemManage fault.
 */
#include "mpu_ref.h"

/* RASR fields (B3.5.9). */
#define RASR_ENABLE(v) ((v) & 1u)
#define RASR_SIZE(v) (((v) >> 1) & 0x1fu)
#define RASR_SRD(v) (((v) >> 8) & 0xffu)
#define RASR_AP(v) (((v) >> 24) & 7u)
#define RASR_XN(v) (((v) >> 28) & 1u)
/* MPU_CTRL (B3.5.7). */
#define CTRL_ENABLE 1u
#define CTRL_PRIVDEFENA 4u

/* Rights per AP value (B3.5.9, Table B3-15), for privileged and
 * unprivileged code: read and write. */
struct rights {
    bool r, w;
};
static const struct rights ap_priv[8] = {
    {false, false}, {true, true}, {true, true}, {true, true},
    {false, false}, /* 4: reserved; treated as no access */
    {true, false}, {true, false}, {true, false},
};
static const struct rights ap_unpriv[8] = {
    {false, false}, {false, false}, {true, false}, {true, true},
    {false, false}, {false, false}, {true, false}, {true, false},
};

static bool in_ppb(uint32_t addr)
{
    return addr >= 0xE0000000u && addr <= 0xE00FFFFFu;
}

/* The default map's execute-never spaces (B3.1, Table B3-1). */
static bool default_xn(uint32_t addr)
{
    return (addr >= 0x40000000u && addr <= 0x5FFFFFFFu) || addr >= 0xA0000000u;
}

static enum ref_verdict default_map(uint32_t addr, int access)
{
    if (access == REF_EXEC && default_xn(addr))
        return REF_MEMMANAGE;
    return REF_ALLOW;
}

/* Does region i hold addr in an enabled subregion? */
static bool region_holds(uint32_t rbar, uint32_t rasr, uint32_t addr)
{
    if (!RASR_ENABLE(rasr))
        return false;
    uint64_t size = 1ull << (RASR_SIZE(rasr) + 1);
    uint64_t base = (uint64_t)rbar & ~(size - 1) & 0xffffffe0u;
    if ((uint64_t)addr < base || (uint64_t)addr >= base + size)
        return false;
    if (size < 256)
        return true; /* no subregions below 256 bytes */
    uint64_t sub = ((uint64_t)addr - base) / (size / 8);
    return ((RASR_SRD(rasr) >> sub) & 1u) == 0;
}

static enum ref_verdict by_region(uint32_t rasr, int access, bool privileged)
{
    struct rights r = (privileged ? ap_priv : ap_unpriv)[RASR_AP(rasr)];
    bool ok;
    if (access == REF_READ)
        ok = r.r;
    else if (access == REF_WRITE)
        ok = r.w;
    else
        ok = r.r && !RASR_XN(rasr);
    return ok ? REF_ALLOW : REF_MEMMANAGE;
}

enum ref_verdict ref_check(const uint32_t rbar[], const uint32_t rasr[], unsigned nregions,
                           uint32_t ctrl, uint32_t addr, int access, bool privileged)
{
    if (in_ppb(addr)) {
        if (access == REF_EXEC)
            return REF_MEMMANAGE;
        return privileged ? REF_ALLOW : REF_BUSFAULT;
    }
    if (access == REF_EXEC && addr >= 0xE0000000u)
        return REF_MEMMANAGE;
    if (!(ctrl & CTRL_ENABLE))
        return default_map(addr, access);
    for (unsigned i = nregions; i-- > 0;) {
        if (region_holds(rbar[i], rasr[i], addr))
            return by_region(rasr[i], access, privileged);
    }
    if (privileged && (ctrl & CTRL_PRIVDEFENA))
        return default_map(addr, access);
    return REF_MEMMANAGE;
}

const char *ref_verdict_name(enum ref_verdict v)
{
    static const char *const names[] = {"allow", "memmanage", "busfault"};
    return (unsigned)v < 3 ? names[v] : "?";
}
