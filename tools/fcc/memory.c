/*
 * memory.c - the memory model: every range a partition is granted (its
 * code and data regions, the board devices it owns, the shared regions it
 * has rights to) as one PMSAv7 region each.
 *
 * The steps, in order: resolve the devices each partition lists; encode
 * the ranges with a base (memory regions and shared regions given one,
 * devices at their board address) and check them against the board and
 * each other; place the ranges without a base, largest alignment first;
 * then the per-partition rules (MPU region count, stack guard, symbol
 * names).  Every check looks at granted extents (what the MPU allows),
 * not declared sizes.
 */
#include "memory.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ARMv7-M's SRAM area, where data and shared regions are placed first. */
#define SRAM_BASE 0x20000000u
#define SRAM_END 0x40000000u

/* One range of the model and who holds it. */
struct item {
    struct fcc_region *r;
    int part;                    /* owning partition; -1 for shared */
    const struct fcc_shared *sh; /* shared regions: everyone's rights */
};

struct model {
    struct fcc_app *a;
    const struct fcc_board *b;
    size_t n;
    struct item *items; /* per partition its regions then its devices, in
                           file order; then the shared regions */
};

static bool overlaps(uint64_t b1, uint64_t s1, uint64_t b2, uint64_t s2)
{
    return b1 < b2 + s2 && b2 < b1 + s1;
}

static uint64_t align_up(uint64_t v, uint64_t align)
{
    return (v + align - 1) & ~(align - 1);
}

static uint64_t max_u64(uint64_t x, uint64_t y)
{
    return x > y ? x : y;
}

/* Whether partition pi is granted it. */
static bool owns(const struct item *it, size_t pi)
{
    if (it->sh)
        return it->sh->access && it->sh->access[pi] != 0;
    return it->part == (int)pi;
}

static bool granted_overlaps(const struct fcc_region *r, uint64_t base,
                             uint64_t size)
{
    return r->granted && overlaps(base, size, r->enc.base, r->enc.size);
}

/* ------------------------------------------------------------------------
 * Names in messages
 * --------------------------------------------------------------------- */

static const char *part_name(const struct model *m, int part)
{
    const char *name = part >= 0 ? m->a->partitions[part].name : NULL;
    return name ? name : "?";
}

/* "region 'code' of partition 'ping'", "device 'uart1' of partition
 * 'ping'" or "shared region 'telemetry'". */
static void item_name(const struct model *m, const struct item *it,
                      char *buf, size_t size)
{
    const char *name = it->r->name ? it->r->name : "?";
    if (it->r->kind == FCC_REGION_SHARED)
        snprintf(buf, size, "shared region '%s'", name);
    else
        snprintf(buf, size, "%s '%s' of partition '%s'",
                 it->r->kind == FCC_REGION_DEVICE ? "device" : "region",
                 name, part_name(m, it->part));
}

/* item_name and the range granted, "[first..last]", with the range
 * declared when it differs. */
static void item_label(const struct model *m, const struct item *it,
                       char *buf, size_t size)
{
    const struct fcc_region *r = it->r;
    char name[160];
    item_name(m, it, name, sizeof(name));
    if (!r->granted)
        snprintf(buf, size, "%s [0x%08" PRIX64 "..0x%08" PRIX64 "]", name,
                 r->base, r->base + r->size - 1);
    else if (!r->has_base ||
             (r->enc.base == r->base && r->enc.size == r->size))
        snprintf(buf, size, "%s [0x%08" PRIX64 "..0x%08" PRIX64 "]", name,
                 r->enc.base, r->enc.base + r->enc.size - 1);
    else
        snprintf(buf, size, "%s [0x%08" PRIX64 "..0x%08" PRIX64 " granted "
                 "for 0x%08" PRIX64 "..0x%08" PRIX64 "]", name, r->enc.base,
                 r->enc.base + r->enc.size - 1, r->base,
                 r->base + r->size - 1);
}

static void range_text(uint64_t base, uint64_t size, char *buf, size_t n)
{
    snprintf(buf, n, "[0x%08" PRIX64 "..0x%08" PRIX64 "]", base,
             base + size - 1);
}

/* ------------------------------------------------------------------------
 * The items
 * --------------------------------------------------------------------- */

static size_t count_items(const struct fcc_app *a)
{
    size_t n = a->num_shared;
    for (size_t i = 0; i < a->num_partitions; i++)
        n += a->partitions[i].num_regions + a->partitions[i].num_devices;
    return n;
}

static bool build_items(struct model *m)
{
    struct fcc_app *a = m->a;
    m->items = calloc(count_items(a) + 1, sizeof(*m->items));
    if (!m->items)
        return false;
    for (size_t i = 0; i < a->num_partitions; i++) {
        struct fcc_partition *p = &a->partitions[i];
        for (size_t j = 0; j < p->num_regions; j++)
            m->items[m->n++] = (struct item){ &p->regions[j], (int)i, NULL };
        for (size_t j = 0; j < p->num_devices; j++)
            m->items[m->n++] = (struct item){ &p->devices[j], (int)i, NULL };
    }
    for (size_t i = 0; i < a->num_shared; i++)
        m->items[m->n++] = (struct item){ &a->shared[i].r, -1,
                                          &a->shared[i] };
    return true;
}

/* ------------------------------------------------------------------------
 * Devices
 * --------------------------------------------------------------------- */

static int find_device(const struct fcc_board *b, const char *name)
{
    for (size_t i = 0; i < b->num_devices; i++)
        if (b->devices[i].name && strcmp(b->devices[i].name, name) == 0)
            return (int)i;
    return -1;
}

static void unknown_device(const struct model *m, const struct fcc_region *r)
{
    char list[512] = "";
    for (size_t i = 0; i < m->b->num_devices; i++)
        if (m->b->devices[i].name)
            fcc_list_append(list, sizeof(list), m->b->devices[i].name);
    fcc_src_error(&m->a->src, r->at, "unknown device '%s' (board devices: "
                  "%s)", r->name, list[0] ? list : "none");
}

/* The first listing of board device dev before device di of partition
 * pi (in any partition), or NULL; *owner is its partition. */
static const struct fcc_region *earlier_listing(const struct fcc_app *a,
                                                size_t pi, size_t di,
                                                int dev, size_t *owner)
{
    for (size_t q = 0; q <= pi; q++) {
        const struct fcc_partition *p = &a->partitions[q];
        size_t n = q == pi ? di : p->num_devices;
        for (size_t j = 0; j < n; j++)
            if (p->devices[j].device == dev) {
                *owner = q;
                return &p->devices[j];
            }
    }
    return NULL;
}

/* A device a partition may own: known, not the console, not on the PPB,
 * not owned already.  Takes its range from the board. */
static bool resolve_device(const struct model *m, size_t pi, size_t di)
{
    struct fcc_region *r = &m->a->partitions[pi].devices[di];
    const struct fcc_src *s = &m->a->src;
    int dev = find_device(m->b, r->name);
    if (dev < 0) {
        unknown_device(m, r);
        return false;
    }
    const struct fcc_device *d = &m->b->devices[dev];
    const struct fcc_region *o;
    size_t owner = 0;
    if (!d->ok)
        return false; /* reported in the board file */
    if (dev == m->b->console) {
        fcc_src_error(s, r->at, "device '%s' is the board's console, which "
                      "the kernel owns; it cannot be given to partition "
                      "'%s'", r->name, part_name(m, (int)pi));
    } else if (overlaps(d->base, d->size, FCC_PPB_BASE, FCC_PPB_SIZE)) {
        fcc_src_error(s, r->at, "device '%s' [0x%08" PRIX64 "..0x%08" PRIX64
                      "] is on the Private Peripheral Bus (0xE0000000.."
                      "0xE00FFFFF), which unprivileged code cannot reach; it "
                      "cannot be given to partition '%s'", r->name, d->base,
                      d->base + d->size - 1, part_name(m, (int)pi));
    } else if ((o = earlier_listing(m->a, pi, di, dev, &owner)) != NULL) {
        fcc_src_error(s, r->at, "device '%s' is already owned by partition "
                      "'%s' (listed at %s); a device has one owner",
                      r->name, part_name(m, (int)owner), fcc_at(s, o->at).text);
    } else {
        r->device = dev;
        r->base = d->base;
        r->size = d->size;
        return true;
    }
    return false;
}

static void resolve_devices(const struct model *m)
{
    for (size_t pi = 0; pi < m->a->num_partitions; pi++) {
        struct fcc_partition *p = &m->a->partitions[pi];
        for (size_t di = 0; di < p->num_devices; di++)
            if (p->devices[di].ok)
                p->devices[di].ok = m->b && resolve_device(m, pi, di);
    }
}

/* Whether some partition owns board device dev. */
static bool device_owned(const struct fcc_app *a, int dev)
{
    for (size_t pi = 0; pi < a->num_partitions; pi++)
        for (size_t i = 0; i < a->partitions[pi].num_devices; i++)
            if (a->partitions[pi].devices[i].device == dev)
                return true;
    return false;
}

void fcc_irq_owners(const struct fcc_app *a, const struct fcc_board *b,
                    uint8_t *owner)
{
    memset(owner, FCC_IRQ_NO_OWNER, b->irq_lines);
    for (size_t pi = 0; pi < a->num_partitions; pi++)
        for (size_t i = 0; i < a->partitions[pi].num_devices; i++) {
            int dev = a->partitions[pi].devices[i].device;
            const struct fcc_device *d = dev >= 0 ? &b->devices[dev] : NULL;
            for (size_t k = 0; d && k < d->num_irqs; k++)
                owner[d->irqs[k].line] = (uint8_t)pi;
        }
}

/* A device's region may be larger than the device; it must not reach a
 * device nobody owns (one that another partition owns is reported as an
 * overlap of the two regions, and one of its own partition's is fine). */
static void check_device_spill(const struct model *m, const struct item *it)
{
    const struct fcc_region *r = it->r;
    for (size_t i = 0; i < m->b->num_devices; i++) {
        const struct fcc_device *d = &m->b->devices[i];
        char label[256], enc[96], range[40];
        if ((int)i == r->device || !d->ok ||
            !granted_overlaps(r, d->base, d->size) ||
            device_owned(m->a, (int)i))
            continue;
        item_label(m, it, label, sizeof(label));
        fcc_mpu_describe(&r->enc, true, enc, sizeof(enc));
        range_text(d->base, d->size, range, sizeof(range));
        fcc_src_error(&m->a->src, r->at, "%s (%s) also covers board device "
                      "'%s' %s, which partition '%s' does not own", label,
                      enc, d->name, range, part_name(m, it->part));
    }
}

/* ------------------------------------------------------------------------
 * Ranges with a base
 * --------------------------------------------------------------------- */

/* Granted bytes beyond the declared size are at most max_waste.  A range
 * that wastes more is reported once: later checks skip it (!ok), though
 * it still takes room when others are placed. */
static void check_waste(const struct model *m, const struct item *it)
{
    struct fcc_region *r = it->r;
    uint64_t waste = r->enc.size - r->size;
    char name[160], need[32], grant[32], wasted[32], max[32], enc[96];
    char at[32] = "";
    if (waste <= m->a->max_waste)
        return;
    r->ok = false;
    item_name(m, it, name, sizeof(name));
    fcc_format_size(r->size, need, sizeof(need));
    fcc_format_size(r->enc.size, grant, sizeof(grant));
    fcc_format_size(waste, wasted, sizeof(wasted));
    fcc_format_size(m->a->max_waste, max, sizeof(max));
    fcc_mpu_describe(&r->enc, r->granted, enc, sizeof(enc));
    if (r->has_base)
        snprintf(at, sizeof(at), " at 0x%08" PRIX64, r->base);
    fcc_src_error(&m->a->src, r->at, "%s needs %s%s; the closest PMSAv7 "
                  "encoding grants %s (%s), wasting %s > max_waste %s", name,
                  need, at, grant, enc, wasted, max);
}

static void encode_fixed(const struct model *m)
{
    for (size_t i = 0; i < m->n; i++) {
        struct fcc_region *r = m->items[i].r;
        if (!r->ok || !r->has_base)
            continue;
        fcc_mpu_encode_at(r->base, r->size, &r->enc);
        r->granted = true;
        check_waste(m, &m->items[i]);
    }
}

static void block_list(const struct fcc_board *b, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < b->num_mem; i++) {
        const struct fcc_mem *mem = &b->mem[i];
        char one[96];
        if (!mem->ok)
            continue;
        snprintf(one, sizeof(one), "%s [0x%08" PRIX64 "..0x%08" PRIX64 "]",
                 mem->name, mem->base, mem->base + mem->size - 1);
        fcc_list_append(buf, size, one);
    }
}

/* A memory or shared region lies in one memory block; data and shared
 * regions in RAM. */
static void check_in_board(const struct model *m, const struct item *it)
{
    const struct fcc_region *r = it->r;
    const struct fcc_board *b = m->b;
    char label[256], blocks[512];
    int blk = fcc_board_block_of(b, r->enc.base, r->enc.size);
    item_label(m, it, label, sizeof(label));
    if (blk < 0) {
        block_list(b, blocks, sizeof(blocks));
        fcc_src_error(&m->a->src, r->at, "%s does not lie within one board "
                      "memory block (board memory: %s)", label, blocks);
    } else if (r->kind != FCC_REGION_CODE && b->mem[blk].kind != FCC_MEM_RAM) {
        const char *kind = r->kind == FCC_REGION_DATA ? "data" : "shared";
        fcc_src_error(&m->a->src, r->at, "%s%s lies in ROM block '%s'; %s "
                      "regions must be in RAM", r->kind == FCC_REGION_DATA ?
                      "data " : "", label, b->mem[blk].name, kind);
    }
}

static void check_reserved(const struct model *m, const struct item *it)
{
    const struct fcc_board *b = m->b;
    for (size_t i = 0; i < b->num_reserved; i++) {
        const struct fcc_mem *res = &b->reserved[i];
        char label[256];
        if (!res->ok || !granted_overlaps(it->r, res->base, res->size))
            continue;
        item_label(m, it, label, sizeof(label));
        fcc_src_error(&m->a->src, it->r->at, "%s overlaps board reserved "
                      "region '%s' [0x%08" PRIX64 "..0x%08" PRIX64 "] "
                      "(%s)", label, res->name, res->base,
                      res->base + res->size - 1, fcc_at(&b->src, res->at).text);
    }
}

static void check_fixed_in_board(const struct model *m)
{
    for (size_t i = 0; i < m->n; i++) {
        const struct item *it = &m->items[i];
        if (!it->r->ok || !it->r->granted)
            continue;
        if (it->r->kind == FCC_REGION_DEVICE)
            check_device_spill(m, it);
        else if (m->b->num_mem > 0)
            check_in_board(m, it);
        check_reserved(m, it);
    }
}

/* Each pair once, reported at the one declared later. */
static void check_fixed_overlaps(const struct model *m)
{
    for (size_t i = 0; i < m->n; i++)
        for (size_t j = 0; j < i; j++) {
            const struct item *it = &m->items[i], *o = &m->items[j];
            char li[256], lo[256];
            if (!it->r->ok || !o->r->ok || !it->r->granted ||
                !granted_overlaps(o->r, it->r->enc.base, it->r->enc.size))
                continue;
            item_label(m, it, li, sizeof(li));
            item_label(m, o, lo, sizeof(lo));
            fcc_src_error(&m->a->src, it->r->at, "%s overlaps %s (declared "
                          "at %s)", li, lo, fcc_at(&m->a->src, o->r->at).text);
        }
}

/* ------------------------------------------------------------------------
 * Placing ranges without a base
 * --------------------------------------------------------------------- */

/* [*lo, *lo + *len): the stack guard of partition q, below its data
 * region; false when the data region is not granted yet. */
static bool guard_of(const struct fcc_app *a, size_t q, uint64_t *lo,
                     uint64_t *len)
{
    const struct fcc_partition *p = &a->partitions[q];
    if (p->data < 0 || !p->regions[p->data].granted || !p->stack_guard)
        return false;
    uint64_t gb = p->regions[p->data].enc.base;
    *lo = gb >= p->stack_guard ? gb - p->stack_guard : 0;
    *len = gb - *lo;
    return *len > 0;
}

/* 0 when [mb, mb + len) is free for x, else an address below which no
 * place is free (> mb).  Free: outside reserved ranges and every granted
 * range, outside the stack guards of the partitions granted x, and, for
 * a data region, with a guard below it that no range of its partition
 * reaches. */
static uint64_t conflict(const struct model *m, const struct item *x,
                         uint64_t mb, uint64_t len)
{
    const struct fcc_board *b = m->b;
    uint64_t next = 0, lo, glen;
    uint64_t g = x->r->kind == FCC_REGION_DATA ?
                 m->a->partitions[x->part].stack_guard : 0;
    uint64_t glo = mb >= g ? mb - g : 0;
    for (size_t i = 0; i < b->num_reserved; i++) {
        const struct fcc_mem *res = &b->reserved[i];
        if (res->ok && overlaps(mb, len, res->base, res->size))
            next = max_u64(next, res->base + res->size);
    }
    for (size_t i = 0; i < m->n; i++) {
        const struct item *y = &m->items[i];
        uint64_t end = y->r->enc.base + y->r->enc.size;
        if (y == x || !y->r->granted)
            continue;
        if (granted_overlaps(y->r, mb, len))
            next = max_u64(next, end);
        if (mb > glo && owns(y, (size_t)x->part) &&
            granted_overlaps(y->r, glo, mb - glo))
            next = max_u64(next, end + g);
    }
    for (size_t q = 0; q < m->a->num_partitions; q++)
        if (owns(x, q) && guard_of(m->a, q, &lo, &glen) &&
            overlaps(mb, len, lo, glen))
            next = max_u64(next, lo + glen);
    return next;
}

/* The lowest free place for x in block blk at a multiple of align. */
static bool find_slot(const struct model *m, const struct item *x,
                      const struct fcc_mem *blk, uint64_t align,
                      uint64_t *out)
{
    uint64_t len = x->r->enc.size, end = blk->base + blk->size;
    uint64_t mb = align_up(blk->base, align);
    while (mb + len <= end) {
        uint64_t next = conflict(m, x, mb, len);
        if (next == 0) {
            *out = mb;
            return true;
        }
        mb = align_up(next, align);
    }
    return false;
}

/* Whether block mem takes r in round `late` of the search: code goes in
 * blocks below the SRAM area; data and shared regions in RAM blocks of
 * the SRAM area first, then (late) in other RAM blocks. */
static bool block_takes(const struct fcc_mem *mem, const struct fcc_region *r,
                        bool late)
{
    bool sram = mem->base >= SRAM_BASE && mem->base < SRAM_END;
    if (!mem->ok)
        return false;
    if (r->kind == FCC_REGION_CODE)
        return !late && mem->base < SRAM_BASE;
    return mem->kind == FCC_MEM_RAM && sram != late;
}

/* Indices of the blocks for r in the order tried (board order within
 * each round). */
static size_t candidate_blocks(const struct fcc_board *b,
                               const struct fcc_region *r, size_t *out)
{
    size_t n = 0;
    for (int late = 0; late < 2; late++)
        for (size_t i = 0; i < b->num_mem; i++)
            if (block_takes(&b->mem[i], r, late))
                out[n++] = i;
    return n;
}

/* Alignment of x's place: its region's size; for a data region at least
 * the stack guard (the guard is an MPU region below it). */
static uint64_t item_align(const struct model *m, const struct item *x)
{
    uint64_t align = (uint64_t)1 << x->r->enc.log2;
    if (x->r->kind == FCC_REGION_DATA)
        align = max_u64(align, m->a->partitions[x->part].stack_guard);
    return align;
}

static void no_room(const struct model *m, const struct item *x,
                    const size_t *blocks, size_t nb)
{
    char name[160], len[32], align[32], enc[96], list[512] = "";
    item_name(m, x, name, sizeof(name));
    if (nb == 0) {
        fcc_src_error(&m->a->src, x->r->at, "cannot place %s: the board has "
                      "no memory block for it (code goes in a block below "
                      "0x20000000, data and shared regions in a ram block)",
                      name);
        return;
    }
    for (size_t i = 0; i < nb; i++)
        fcc_list_append(list, sizeof(list), m->b->mem[blocks[i]].name);
    fcc_format_size(x->r->enc.size, len, sizeof(len));
    fcc_format_size(item_align(m, x), align, sizeof(align));
    fcc_mpu_describe(&x->r->enc, false, enc, sizeof(enc));
    fcc_src_error(&m->a->src, x->r->at, "cannot place %s: no free %s at a "
                  "multiple of %s in board memory %s (it is %s)", name, len,
                  align, list, enc);
}

static void place_one(const struct model *m, const struct item *x)
{
    size_t blocks[FCC_MAX_BOARD_ENTRIES];
    size_t nb = candidate_blocks(m->b, x->r, blocks);
    uint64_t align = item_align(m, x), mb;
    for (size_t i = 0; i < nb; i++)
        if (find_slot(m, x, &m->b->mem[blocks[i]], align, &mb)) {
            fcc_mpu_move(&x->r->enc, mb);
            x->r->granted = true;
            check_waste(m, x);
            return;
        }
    no_room(m, x, blocks, nb);
    check_waste(m, x);
}

struct place_key {
    uint64_t align;
    size_t index;
};

/* Larger alignment first, then declaration order. */
static int by_alignment(const void *p, const void *q)
{
    const struct place_key *x = p, *y = q;
    if (x->align != y->align)
        return x->align > y->align ? -1 : 1;
    return x->index < y->index ? -1 : (x->index > y->index);
}

static void place_all(const struct model *m)
{
    struct place_key *keys = calloc(m->n + 1, sizeof(*keys));
    size_t n = 0;
    if (!keys) {
        fcc_src_error(&m->a->src, (struct fcc_loc){ 0, 0, NULL }, "out of memory");
        return;
    }
    for (size_t i = 0; i < m->n; i++) {
        struct fcc_region *r = m->items[i].r;
        if (!r->ok || r->has_base)
            continue;
        fcc_mpu_encode_size(r->size, &r->enc);
        keys[n++] = (struct place_key){ item_align(m, &m->items[i]), i };
    }
    qsort(keys, n, sizeof(*keys), by_alignment);
    for (size_t i = 0; i < n; i++)
        place_one(m, &m->items[keys[i].index]);
    free(keys);
}

/* ------------------------------------------------------------------------
 * Per partition
 * --------------------------------------------------------------------- */

static size_t shared_count(const struct fcc_app *a, size_t pi)
{
    size_t n = 0;
    for (size_t i = 0; i < a->num_shared; i++)
        n += a->shared[i].access && a->shared[i].access[pi] != 0;
    return n;
}

size_t fcc_partition_region_count(const struct fcc_app *a, size_t pi)
{
    return 2 + a->partitions[pi].num_devices + shared_count(a, pi);
}

void fcc_partition_regions(const struct fcc_app *a, size_t pi,
                           const struct fcc_region **out, unsigned *access)
{
    const struct fcc_partition *p = &a->partitions[pi];
    size_t n = 0;
    out[n] = &p->regions[p->code];
    access[n++] = FCC_ACCESS_R | FCC_ACCESS_X;
    out[n] = &p->regions[p->data];
    access[n++] = FCC_ACCESS_R | FCC_ACCESS_W;
    for (size_t i = 0; i < p->num_devices; i++) {
        out[n] = &p->devices[i];
        access[n++] = FCC_ACCESS_R | FCC_ACCESS_W;
    }
    for (size_t i = 0; i < a->num_shared; i++)
        if (a->shared[i].access && a->shared[i].access[pi]) {
            out[n] = &a->shared[i].r;
            access[n++] = a->shared[i].access[pi];
        }
}

void fcc_region_symbol(const char *name, char *buf, size_t size)
{
    snprintf(buf, size, "%s", name);
    for (char *c = buf; *c; c++)
        if (*c == '-' || *c == '.')
            *c = '_';
}

static void check_region_count(const struct model *m, size_t pi)
{
    const struct fcc_partition *p = &m->a->partitions[pi];
    unsigned avail = m->b->mpu_regions - FCC_MPU_KERNEL_REGIONS;
    size_t n = fcc_partition_region_count(m->a, pi);
    if (m->b->mpu_regions == 0 || n <= avail)
        return;
    fcc_src_error(&m->a->src, p->at, "partition '%s' needs %zu MPU regions "
                  "(code, data, %zu device(s), %zu shared), more than the %u "
                  "the board's MPU leaves to a partition (mpu_regions %u, %d "
                  "kept by the kernel)", part_name(m, (int)pi), n,
                  p->num_devices, shared_count(m->a, pi), avail,
                  m->b->mpu_regions, FCC_MPU_KERNEL_REGIONS);
}

/* The stack guard is one MPU region of stack_guard bytes right below the
 * initial stack (the base of the data region as granted): that base must
 * be a multiple of stack_guard, and nothing the partition is granted may
 * reach into the guard, or an overflow would not fault. */
static void check_guard(const struct model *m, size_t pi)
{
    const struct fcc_partition *p = &m->a->partitions[pi];
    const struct fcc_region *r = p->data >= 0 ? &p->regions[p->data] : NULL;
    uint64_t g = p->stack_guard, lo, len;
    char size[32], range[40];
    if (!r || !r->ok || !r->granted || g == 0)
        return;
    fcc_format_size(g, size, sizeof(size));
    if (r->enc.base % g != 0) {
        fcc_src_error(&m->a->src, r->at, "data region '%s' of partition '%s' "
                      "is granted from 0x%08" PRIX64 ", where the initial "
                      "stack starts; that is not a multiple of stack_guard "
                      "%s, so the guard below the stack cannot be an MPU "
                      "region", r->name, part_name(m, (int)pi), r->enc.base,
                      size);
        return;
    }
    if (!guard_of(m->a, pi, &lo, &len))
        return;
    range_text(lo, len, range, sizeof(range));
    for (size_t i = 0; i < m->n; i++) {
        const struct item *it = &m->items[i];
        char label[256];
        if (it->r == r || !it->r->ok || !owns(it, pi) ||
            !granted_overlaps(it->r, lo, len))
            continue;
        item_label(m, it, label, sizeof(label));
        fcc_src_error(&m->a->src, r->at, "the stack guard %s (%s) below "
                      "data region '%s' of partition '%s' overlaps %s, which "
                      "the partition may access, so a stack overflow would "
                      "not fault", range, size, r->name,
                      part_name(m, (int)pi), label);
    }
}

static const char *kind_word(enum fcc_region_kind kind)
{
    return kind == FCC_REGION_DEVICE ? "device"
         : kind == FCC_REGION_SHARED ? "shared region" : "region";
}

/* Two regions of one partition must not give the same __region_<name>_*
 * symbols (device names may hold '-' or '.', which become '_'). */
static void check_symbols(const struct model *m, size_t pi)
{
    const struct fcc_partition *p = &m->a->partitions[pi];
    size_t n = fcc_partition_region_count(m->a, pi);
    const struct fcc_region **rs = calloc(n, sizeof(*rs));
    unsigned *acc = calloc(n, sizeof(*acc));
    if (rs && acc && p->code >= 0 && p->data >= 0)
        fcc_partition_regions(m->a, pi, rs, acc);
    for (size_t i = 0; rs && acc && p->code >= 0 && p->data >= 0 && i < n;
         i++)
        for (size_t j = 0; j < i; j++) {
            char si[64], sj[64];
            if (!rs[i]->ok || !rs[j]->ok || !rs[i]->name || !rs[j]->name ||
                strcmp(rs[i]->name, rs[j]->name) == 0)
                continue; /* same names: reported as duplicates */
            fcc_region_symbol(rs[i]->name, si, sizeof(si));
            fcc_region_symbol(rs[j]->name, sj, sizeof(sj));
            if (strcmp(si, sj) != 0)
                continue;
            fcc_src_error(&m->a->src, rs[i]->name_at, "%s '%s' and %s '%s' "
                          "of partition '%s' would both define the symbols "
                          "__region_%s_start and __region_%s_end",
                          kind_word(rs[i]->kind), rs[i]->name,
                          kind_word(rs[j]->kind), rs[j]->name,
                          part_name(m, (int)pi), si, si);
            break;
        }
    free(rs);
    free(acc);
}

/* ------------------------------------------------------------------------
 * The model
 * --------------------------------------------------------------------- */

void fcc_check_memory(struct fcc_app *a, const struct fcc_board *b)
{
    struct model m = { a, b, 0, NULL };
    if (!build_items(&m)) {
        fcc_src_error(&a->src, (struct fcc_loc){ 0, 0, NULL }, "out of memory");
        return;
    }
    resolve_devices(&m);
    encode_fixed(&m);
    if (b)
        check_fixed_in_board(&m);
    check_fixed_overlaps(&m);
    if (b && b->num_mem > 0)
        place_all(&m);
    for (size_t pi = 0; pi < a->num_partitions; pi++) {
        check_guard(&m, pi);
        if (b)
            check_region_count(&m, pi);
        check_symbols(&m, pi);
    }
    free(m.items);
}
