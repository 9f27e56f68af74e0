/*
 * board.c - parsing and checking of board.yaml.
 *
 * Each list entry is parsed on its own and marked ok or not, so one bad
 * entry does not hide errors in the others, and validate.c can still
 * check an app against the valid part of a board.
 */
#include "board.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct fcc_key board_keys[] = {
    { "name", true }, { "cpu", true }, { "clock_hz", true },
    { "kernel_entry_cycles", true }, { "memory", true },
    { "reserved", false }, { "devices", false }, { "console", true },
    { "mpu_regions", true }, { "irq_lines", false }, { "fpu", false },
};
static const struct fcc_key mem_keys[] = {
    { "name", true }, { "base", true }, { "size", true }, { "kind", true },
};
static const struct fcc_key reserved_keys[] = {
    { "name", true }, { "base", true }, { "size", true },
};
static const struct fcc_key device_keys[] = {
    { "name", true }, { "type", true }, { "base", true }, { "size", true },
    { "irq", false }, { "irqs", false },
};

int fcc_board_block_of(const struct fcc_board *b, uint64_t base,
                       uint64_t size)
{
    for (size_t i = 0; i < b->num_mem; i++) {
        const struct fcc_mem *m = &b->mem[i];
        if (m->ok && base >= m->base && base + size <= m->base + m->size)
            return (int)i;
    }
    return -1;
}

/* ------------------------------------------------------------------------
 * List entries
 * --------------------------------------------------------------------- */

static bool parse_mem_kind(const struct fcc_src *s, const struct fcc_node *n,
                           enum fcc_mem_kind *kind)
{
    const char *k;
    if (!fcc_get_string(s, n, "kind", &k))
        return false;
    if (strcmp(k, "ram") == 0 || strcmp(k, "rom") == 0) {
        *kind = k[1] == 'a' ? FCC_MEM_RAM : FCC_MEM_ROM;
        return true;
    }
    fcc_src_error(s, fcc_loc_of(fcc_map_value(n, "kind")),
                  "'kind' must be ram or rom, found '%s'", k);
    return false;
}

static void parse_mem(const struct fcc_src *s, const struct fcc_node *n,
                      struct fcc_mem *m)
{
    m->at = fcc_loc_of(n);
    m->name_at = fcc_loc_of(fcc_map_value(n, "name"));
    if (!fcc_map_check(s, n, "board memory block", mem_keys,
                       COUNT(mem_keys)))
        return;
    bool ok = fcc_get_name(s, n, "name", &m->name);
    ok &= fcc_get_aligned_range(s, n, &m->base, &m->size);
    ok &= parse_mem_kind(s, n, &m->kind);
    m->ok = ok;
}

static void parse_reserved(const struct fcc_src *s, const struct fcc_node *n,
                           struct fcc_mem *m)
{
    m->at = fcc_loc_of(n);
    m->name_at = fcc_loc_of(fcc_map_value(n, "name"));
    if (!fcc_map_check(s, n, "board reserved region", reserved_keys,
                       COUNT(reserved_keys)))
        return;
    bool ok = fcc_get_name(s, n, "name", &m->name);
    ok &= fcc_get_range(s, n, &m->base, &m->size);
    m->ok = ok;
}

/* ------------------------------------------------------------------------
 * Interrupt lines of a device
 * --------------------------------------------------------------------- */

static const char *device_name(const struct fcc_device *dev)
{
    return dev->name ? dev->name : "?";
}

/* [a-z][a-z0-9_]*, at most FCC_MAX_IRQ_NAME_LEN: the kernel and the
 * simulator look lines up by these names. */
static bool irq_name_ok(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len > FCC_MAX_IRQ_NAME_LEN || name[0] < 'a' ||
        name[0] > 'z')
        return false;
    for (size_t i = 1; i < len; i++)
        if (!((name[i] >= 'a' && name[i] <= 'z') ||
              (name[i] >= '0' && name[i] <= '9') || name[i] == '_'))
            return false;
    return true;
}

/* The line under key of map, an NVIC line of this board; -1 is allowed
 * (no line) only when none_ok. */
static bool parse_line(const struct fcc_board *b, const struct fcc_node *map,
                       const char *key, const struct fcc_device *dev,
                       bool none_ok, int64_t *line)
{
    if (!fcc_get_int(&b->src, map, key, INT64_MIN, INT64_MAX, line))
        return false;
    if ((*line >= 0 && *line < (int64_t)b->irq_lines) ||
        (none_ok && *line == -1))
        return true;
    fcc_src_error(&b->src, fcc_loc_of_key(map, key), "IRQ line %" PRId64
                  " ('%s' of device '%s') is out of range 0..%u (the "
                  "board's irq_lines is %u)", *line, key, device_name(dev),
                  b->irq_lines - 1, b->irq_lines);
    return false;
}

static void add_irq(struct fcc_device *dev, const char *name, int64_t line,
                    struct fcc_loc at)
{
    dev->irqs[dev->num_irqs++] = (struct fcc_irq){ name, (unsigned)line,
                                                   at };
}

/* Whether pair i of m has a scalar key that no earlier pair has (the
 * others are reported by fcc_map_check_any). */
static bool usable_key(const struct fcc_node *m, size_t i)
{
    const struct fcc_node *k = m->items[2 * i];
    if (k->kind != FCC_NODE_SCALAR)
        return false;
    for (size_t j = 0; j < i; j++)
        if (m->items[2 * j]->kind == FCC_NODE_SCALAR &&
            strcmp(m->items[2 * j]->text, k->text) == 0)
            return false;
    return true;
}

/* `irqs: { rx: 0, tx: 1 }`: a name per line. */
static bool parse_irq_map(const struct fcc_board *b, const struct fcc_node *n,
                          struct fcc_device *dev)
{
    const struct fcc_node *m = fcc_map_value(n, "irqs");
    char what[96];
    snprintf(what, sizeof(what), "'irqs' of device '%s'", device_name(dev));
    bool ok = fcc_map_check_any(&b->src, m, what);
    if (m->kind != FCC_NODE_MAP)
        return false; /* reported */
    dev->irqs = calloc(m->count + 1, sizeof(*dev->irqs));
    if (!dev->irqs)
        return false;
    for (size_t i = 0; i < m->count; i++) {
        const struct fcc_node *k = m->items[2 * i];
        int64_t line;
        if (!usable_key(m, i)) {
            ok = false;
        } else if (!irq_name_ok(k->text)) {
            fcc_src_error(&b->src, fcc_loc_of(k), "IRQ name '%s' of device "
                          "'%s' must match [a-z][a-z0-9_]* and be at most "
                          "%d characters", k->text, device_name(dev),
                          FCC_MAX_IRQ_NAME_LEN);
            ok = false;
        } else if (parse_line(b, m, k->text, dev, false, &line)) {
            add_irq(dev, k->text, line, fcc_loc_of(m->items[2 * i + 1]));
        } else {
            ok = false;
        }
    }
    return ok;
}

/* `irq: N` is one line named "irq" (-1: none); `irqs` names each line. */
static bool parse_irqs(const struct fcc_board *b, const struct fcc_node *n,
                       struct fcc_device *dev)
{
    const struct fcc_node *one = fcc_map_value(n, "irq");
    const struct fcc_node *many = fcc_map_value(n, "irqs");
    int64_t line;
    if (one && many) {
        fcc_src_error(&b->src, fcc_loc_of(many), "device '%s' has both "
                      "'irq' and 'irqs' (irq at %s); give one of them",
                      device_name(dev), fcc_at(&b->src, fcc_loc_of(one)).text);
        return false;
    }
    if (many)
        return parse_irq_map(b, n, dev);
    if (!one)
        return true;
    if (!parse_line(b, n, "irq", dev, true, &line))
        return false;
    if (line < 0)
        return true;
    dev->irqs = calloc(1, sizeof(*dev->irqs));
    if (!dev->irqs)
        return false;
    add_irq(dev, "irq", line, fcc_loc_of(one));
    return true;
}

/* The line of irq k of device i taken by an earlier line (an earlier
 * device's, or an earlier one of its own), or NULL; *owner is that
 * line's device. */
static const struct fcc_irq *earlier_line(const struct fcc_board *b,
                                          size_t i, size_t k,
                                          const struct fcc_device **owner)
{
    unsigned line = b->devices[i].irqs[k].line;
    for (size_t j = 0; j <= i; j++) {
        const struct fcc_device *d = &b->devices[j];
        size_t n = j == i ? k : d->num_irqs;
        for (size_t q = 0; q < n; q++)
            if (d->irqs[q].line == line) {
                *owner = d;
                return &d->irqs[q];
            }
    }
    return NULL;
}

/* Each line has one device and one name: an interrupt is routed to the
 * partition that owns its device, by that name. */
static void check_irq_lines(const struct fcc_board *b)
{
    for (size_t i = 0; i < b->num_devices; i++) {
        const struct fcc_device *dev = &b->devices[i];
        for (size_t k = 0; k < dev->num_irqs; k++) {
            const struct fcc_device *o;
            const struct fcc_irq *q = &dev->irqs[k];
            const struct fcc_irq *first = earlier_line(b, i, k, &o);
            if (!first)
                continue;
            fcc_src_error(&b->src, q->at, "IRQ line %u ('%s' of device "
                          "'%s') is already line '%s' of device '%s' (at "
                          "%s); a line has one name and one device",
                          q->line, q->name, device_name(dev), first->name,
                          device_name(o), fcc_at(&b->src, first->at).text);
        }
    }
}

/* ------------------------------------------------------------------------
 * Devices
 * --------------------------------------------------------------------- */

static void parse_device(const struct fcc_board *b, const struct fcc_node *n,
                         struct fcc_device *dev)
{
    const struct fcc_src *s = &b->src;
    dev->at = fcc_loc_of(n);
    dev->name_at = fcc_loc_of(fcc_map_value(n, "name"));
    if (!fcc_map_check(s, n, "board device", device_keys,
                       COUNT(device_keys)))
        return;
    bool ok = fcc_get_name(s, n, "name", &dev->name);
    ok &= fcc_get_name(s, n, "type", &dev->type);
    ok &= fcc_get_range(s, n, &dev->base, &dev->size);
    ok &= parse_irqs(b, n, dev);
    dev->ok = ok;
}

/* ------------------------------------------------------------------------
 * Lists
 * --------------------------------------------------------------------- */

/* The sequence under key with at most FCC_MAX_BOARD_ENTRIES items, or
 * NULL (absent, or reported). */
static const struct fcc_node *board_list(const struct fcc_src *s,
                                         const struct fcc_node *root,
                                         const char *key, bool nonempty)
{
    const struct fcc_node *seq;
    if (!fcc_get_seq(s, root, key, nonempty, &seq))
        return NULL;
    if (seq->count > FCC_MAX_BOARD_ENTRIES) {
        fcc_src_error(s, fcc_loc_of(seq), "'%s' has %zu entries, more than "
                      "the %d the tables can hold", key, seq->count,
                      FCC_MAX_BOARD_ENTRIES);
        return NULL;
    }
    return seq;
}

/* Reports the second of any two entries with the same name. */
static void check_unique_names(const struct fcc_src *s, const char *what,
                               const char *const *names,
                               const struct fcc_loc *at, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; names[i] && j < i; j++)
            if (names[j] && strcmp(names[i], names[j]) == 0) {
                fcc_src_error(s, at[i], "duplicate %s name '%s' (first "
                              "declared at %s)", what, names[i],
                              fcc_at(s, at[j]).text);
                break;
            }
}

static void check_unique_mems(const struct fcc_src *s, const char *what,
                              const struct fcc_mem *m, size_t n)
{
    const char *names[FCC_MAX_BOARD_ENTRIES];
    struct fcc_loc at[FCC_MAX_BOARD_ENTRIES];
    for (size_t i = 0; i < n; i++) {
        names[i] = m[i].name;
        at[i] = m[i].name_at;
    }
    check_unique_names(s, what, names, at, n);
}

static void parse_mems(struct fcc_board *b)
{
    const struct fcc_node *seq = board_list(&b->src, b->root, "memory", true);
    if (!seq)
        return;
    b->mem = calloc(seq->count, sizeof(*b->mem));
    if (!b->mem)
        return;
    b->num_mem = seq->count;
    for (size_t i = 0; i < seq->count; i++)
        parse_mem(&b->src, seq->items[i], &b->mem[i]);
    check_unique_mems(&b->src, "memory block", b->mem, b->num_mem);
}

static bool overlaps(uint64_t b1, uint64_t s1, uint64_t b2, uint64_t s2)
{
    return b1 < b2 + s2 && b2 < b1 + s1;
}

/* Memory blocks must be disjoint: a region is placed in exactly one. */
static void check_blocks_disjoint(struct fcc_board *b)
{
    for (size_t i = 0; i < b->num_mem; i++)
        for (size_t j = 0; j < i; j++) {
            const struct fcc_mem *m = &b->mem[i], *o = &b->mem[j];
            if (m->ok && o->ok && overlaps(m->base, m->size, o->base, o->size))
                fcc_src_error(&b->src, m->at, "memory block '%s' overlaps "
                              "memory block '%s' (declared at %s)",
                              m->name, o->name, fcc_at(&b->src, o->at).text);
        }
}

/* A reserved range takes the kind of the memory block it lies in. */
static void place_reserved(struct fcc_board *b, struct fcc_mem *r)
{
    int blk = fcc_board_block_of(b, r->base, r->size);
    if (blk >= 0) {
        r->kind = b->mem[blk].kind;
        return;
    }
    fcc_src_error(&b->src, r->at, "reserved region '%s' [0x%08" PRIX64
                  "..0x%08" PRIX64 "] does not lie within one memory block",
                  r->name, r->base, r->base + r->size - 1);
    r->ok = false;
}

static void parse_reserveds(struct fcc_board *b)
{
    const struct fcc_node *seq = board_list(&b->src, b->root, "reserved",
                                            false);
    if (!seq || seq->count == 0)
        return;
    b->reserved = calloc(seq->count, sizeof(*b->reserved));
    if (!b->reserved)
        return;
    b->num_reserved = seq->count;
    for (size_t i = 0; i < seq->count; i++) {
        parse_reserved(&b->src, seq->items[i], &b->reserved[i]);
        if (b->reserved[i].ok)
            place_reserved(b, &b->reserved[i]);
    }
    check_unique_mems(&b->src, "reserved region", b->reserved,
                      b->num_reserved);
}

static void parse_devices(struct fcc_board *b)
{
    const struct fcc_node *seq = board_list(&b->src, b->root, "devices",
                                            false);
    const char *names[FCC_MAX_BOARD_ENTRIES];
    struct fcc_loc at[FCC_MAX_BOARD_ENTRIES];
    if (!seq || seq->count == 0)
        return;
    b->devices = calloc(seq->count, sizeof(*b->devices));
    if (!b->devices)
        return;
    b->num_devices = seq->count;
    for (size_t i = 0; i < seq->count; i++) {
        parse_device(b, seq->items[i], &b->devices[i]);
        names[i] = b->devices[i].name;
        at[i] = b->devices[i].name_at;
    }
    check_unique_names(&b->src, "device", names, at, b->num_devices);
    check_irq_lines(b);
}

/* ------------------------------------------------------------------------
 * Scalars of the board
 * --------------------------------------------------------------------- */

/* The UARTs arch/armv7m has a console driver for (console_<kind>.c,
 * chosen by cmake/Firmware.cmake from the console's type). */
static bool is_console_type(const char *type)
{
    return strcmp(type, "cmsdk-uart") == 0 || strcmp(type, "stm32-usart") == 0;
}

static void parse_console(struct fcc_board *b)
{
    const char *name;
    b->console = -1;
    if (!fcc_get_string(&b->src, b->root, "console", &name))
        return;
    struct fcc_loc at = fcc_loc_of(fcc_map_value(b->root, "console"));
    for (size_t i = 0; i < b->num_devices; i++) {
        const struct fcc_device *dev = &b->devices[i];
        if (!dev->name || strcmp(dev->name, name) != 0)
            continue;
        if (dev->ok && is_console_type(dev->type))
            b->console = (int)i;
        else if (dev->ok)
            fcc_src_error(&b->src, at, "console '%s' is a %s device; the "
                          "console must be a cmsdk-uart or stm32-usart "
                          "device", name, dev->type);
        return;
    }
    fcc_src_error(&b->src, at, "console '%s' is not a device of this board",
                  name);
}

static void parse_name(struct fcc_board *b, const char *folder)
{
    if (!fcc_get_name(&b->src, b->root, "name", &b->name) || !folder)
        return;
    if (strcmp(b->name, folder) != 0)
        fcc_src_error(&b->src, fcc_loc_of(fcc_map_value(b->root, "name")),
                      "board name '%s' does not match its folder '%s'",
                      b->name, folder);
}

/* The FPU whose FP contexts the firmware keeps (docs/boards.md, "Floating
 * point"): absent, or one the board's CPU can have. */
static bool fpu_fits(const char *cpu, const char *fpu)
{
    if (strcmp(cpu, "cortex-m4") == 0)
        return strcmp(fpu, "fpv4-sp-d16") == 0;
    if (strcmp(cpu, "cortex-m7") == 0)
        return strcmp(fpu, "fpv5-d16") == 0 || strcmp(fpu, "fpv5-sp-d16") == 0;
    return false;
}

static void parse_fpu(struct fcc_board *b)
{
    if (!fcc_map_value(b->root, "fpu") ||
        !fcc_get_name(&b->src, b->root, "fpu", &b->fpu) || !b->cpu)
        return;
    if (!fpu_fits(b->cpu, b->fpu))
        fcc_src_error(&b->src, fcc_loc_of(fcc_map_value(b->root, "fpu")),
                      "'fpu: %s' does not fit cpu '%s' (cortex-m4: fpv4-sp-d16; "
                      "cortex-m7: fpv5-d16 or fpv5-sp-d16; other CPUs have no FPU: "
                      "leave 'fpu' out)", b->fpu, b->cpu);
}

/* ARMv7-M MPUs have 8 regions (Cortex-M3/M4) or 16 (Cortex-M7). */
static void parse_mpu_regions(struct fcc_board *b)
{
    int64_t v;
    if (!fcc_get_int(&b->src, b->root, "mpu_regions", INT64_MIN, INT64_MAX,
                     &v))
        return;
    if (v == 8 || v == 16)
        b->mpu_regions = (unsigned)v;
    else
        fcc_src_error(&b->src, fcc_loc_of(fcc_map_value(b->root,
                      "mpu_regions")), "'mpu_regions' must be 8 or 16 (the "
                      "regions of an ARMv7-M MPU), found %" PRId64, v);
}

/* Lines are checked against it: read before the devices. */
static void parse_irq_lines(struct fcc_board *b)
{
    int64_t v;
    b->irq_lines = FCC_DEFAULT_IRQ_LINES;
    if (!fcc_map_value(b->root, "irq_lines"))
        return;
    if (fcc_get_int(&b->src, b->root, "irq_lines", 1, FCC_MAX_IRQ_LINES, &v))
        b->irq_lines = (unsigned)v;
    else
        b->irq_lines = FCC_MAX_IRQ_LINES; /* reported; check lines loosely */
}

static void parse_numbers(struct fcc_board *b)
{
    int64_t v;
    if (fcc_get_int(&b->src, b->root, "clock_hz", 1, UINT32_MAX, &v))
        b->clock_hz = (uint64_t)v;
    if (fcc_get_int(&b->src, b->root, "kernel_entry_cycles", 0, UINT32_MAX,
                    &v))
        b->kernel_entry_cycles = (uint64_t)v;
    parse_mpu_regions(b);
    parse_irq_lines(b);
}

static void parse_root(struct fcc_board *b, const char *folder)
{
    if (!fcc_map_check(&b->src, b->root, "board", board_keys,
                       COUNT(board_keys)))
        return;
    parse_name(b, folder);
    fcc_get_name(&b->src, b->root, "cpu", &b->cpu);
    parse_fpu(b);
    parse_numbers(b);
    parse_mems(b);
    check_blocks_disjoint(b);
    parse_reserveds(b);
    parse_devices(b);
    parse_console(b);
}

static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

struct fcc_board *fcc_board_parse(struct fcc_diag *d, const char *file,
                                  const char *text, size_t len,
                                  const char *folder)
{
    size_t errors = fcc_diag_count(d);
    struct fcc_node *root = fcc_yaml_load(d, file, text, len);
    if (!root) {
        if (fcc_diag_count(d) == errors)
            fcc_error_at(d, file, 1, 1, "the file is empty; expected a "
                         "board description (a mapping)");
        return NULL;
    }
    struct fcc_board *b = calloc(1, sizeof(*b));
    char *name = copy_string(file);
    if (!b || !name) {
        free(b);
        free(name);
        fcc_node_free(root);
        fcc_error_at(d, file, 0, 0, "out of memory");
        return NULL;
    }
    b->src.diag = d;
    b->src.file = name;
    b->path = name;
    b->root = root;
    parse_root(b, folder);
    b->ok = fcc_diag_count(d) == errors;
    return b;
}

void fcc_board_free(struct fcc_board *b)
{
    if (!b)
        return;
    free(b->mem);
    free(b->reserved);
    for (size_t i = 0; i < b->num_devices; i++)
        free(b->devices[i].irqs);
    free(b->devices);
    fcc_node_free(b->root);
    free(b->path);
    free(b);
}
