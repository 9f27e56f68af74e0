/* mpu_print.c - MPU region sets decoded for people (see mpu_print.h). */
#include "mpu_print.h"

#include <inttypes.h>

#include "mpu.h"

/* "rw-", "r-x", ...: one privilege level's rights, as the model grants. */
static const char *rights(char out[4], const struct mpu_decoded *d, bool privileged)
{
    out[0] = sim_mpu_ap_allows(d->ap, SIM_READ, privileged) ? 'r' : '-';
    out[1] = sim_mpu_ap_allows(d->ap, SIM_WRITE, privileged) ? 'w' : '-';
    out[2] = !d->xn && sim_mpu_ap_allows(d->ap, SIM_EXEC, privileged) ? 'x' : '-';
    out[3] = 0;
    return out;
}

static void print_size(FILE *out, uint64_t bytes)
{
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0)
        fprintf(out, "%" PRIu64 "MiB", bytes >> 20);
    else if (bytes >= 1024 && bytes % 1024 == 0)
        fprintf(out, "%" PRIu64 "KiB", bytes >> 10);
    else
        fprintf(out, "%" PRIu64 "B", bytes);
}

/* "subregions 0-4", "all", or "none" for a region under 256 bytes. */
static void print_subregions(FILE *out, const struct mpu_decoded *d)
{
    if (d->size < 256) {
        fputs("no subregions", out);
        return;
    }
    if (d->srd == 0) {
        fputs("subregions all", out);
        return;
    }
    fputs("subregions", out);
    for (int i = 0; i < 8; i++) {
        if (!(d->srd & (1u << i)))
            fprintf(out, " %d", i);
    }
}

/* The granted range: from the first to the last enabled subregion. */
static void granted(const struct mpu_decoded *d, uint64_t *lo, uint64_t *hi)
{
    uint64_t sub = d->size >= 256 ? d->size / 8 : d->size;
    int first = 0, last = d->size >= 256 ? 7 : 0;
    while (first < 7 && d->size >= 256 && (d->srd & (1u << first)))
        first++;
    while (last > first && (d->srd & (1u << last)))
        last--;
    *lo = d->base + (uint64_t)first * sub;
    *hi = d->base + (uint64_t)(last + 1) * sub - 1;
}

void sim_mpu_print_set(FILE *out, const struct mpu_region *set, unsigned n,
                       const char *const *names)
{
    for (unsigned i = 0; i < n; i++) {
        struct mpu_decoded d = mpu_decode(&set[i]);
        unsigned slot = set[i].rbar & MPU_RBAR_REGION_MASK;
        if (!d.enabled) {
            fprintf(out, "  slot %2u  (disabled)\n", slot);
            continue;
        }
        uint64_t lo, hi;
        granted(&d, &lo, &hi);
        fprintf(out, "  slot %2u  %-10s 0x%08" PRIx64 "..0x%08" PRIx64 "  ", slot,
                names && names[i] ? names[i] : "-", lo, hi);
        print_size(out, d.size);
        fprintf(out, " at 0x%08" PRIx32 ", ", d.base);
        print_subregions(out, &d);
        char priv[4], unpriv[4];
        fprintf(out, "; privileged %s, unprivileged %s\n", rights(priv, &d, true),
                rights(unpriv, &d, false));
    }
}
