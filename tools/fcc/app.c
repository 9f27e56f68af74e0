/*
 * app.c - parsing of app.yaml and the checks that need no board: shapes,
 * types, ranges, name rules, unique names, one code and one data region
 * per partition, thread slots, shared regions and their rights.  The
 * schedules (schedule.c), processes (process.c), health-monitor tables
 * (hm.c), partition objects (object.c) and channels (channel.c) are
 * parsed by their own modules.
 */
#include "app.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct fcc_key app_keys[] = {
    { "board", true }, { "partitions", true }, { "schedule", false },
    { "schedules", false }, { "initial_schedule", false },
    { "health_monitor", false }, { "shared", false }, { "mpu", false },
    { "channels", false },
};
static const struct fcc_key partition_keys[] = {
    { "name", true }, { "entry", false }, { "stack_size", true },
    { "stack_guard", false }, { "priority", true }, { "max_threads", false },
    { "memory", true }, { "devices", false }, { "system", false },
    { "processes", false }, { "health_monitor", false },
    { "semaphores", false }, { "events", false }, { "blackboards", false },
    { "buffers", false }, { "mutexes", false },
};
static const struct fcc_key region_keys[] = {
    { "name", true }, { "kind", true }, { "base", false }, { "size", true },
};
static const struct fcc_key shared_keys[] = {
    { "name", true }, { "size", true }, { "base", false }, { "access", true },
};
static const struct fcc_key mpu_keys[] = {
    { "max_waste", false },
};

int fcc_app_find_partition(const struct fcc_app *a, const char *name)
{
    return fcc_app_find_partition_n(a, name, strlen(name));
}

int fcc_app_find_partition_n(const struct fcc_app *a, const char *name,
                             size_t len)
{
    for (size_t i = 0; i < a->num_partitions; i++) {
        const char *p = a->partitions[i].name;
        if (p && strlen(p) == len && memcmp(p, name, len) == 0)
            return (int)i;
    }
    return -1;
}

void fcc_app_partition_list(const struct fcc_app *a, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < a->num_partitions; i++)
        if (a->partitions[i].name)
            fcc_list_append(buf, size, a->partitions[i].name);
}

/* ------------------------------------------------------------------------
 * Memory regions
 * --------------------------------------------------------------------- */

static bool parse_region_kind(const struct fcc_src *s,
                              const struct fcc_node *n,
                              enum fcc_region_kind *kind)
{
    const char *k;
    if (!fcc_get_string(s, n, "kind", &k))
        return false;
    if (strcmp(k, "code") == 0 || strcmp(k, "data") == 0) {
        *kind = k[0] == 'c' ? FCC_REGION_CODE : FCC_REGION_DATA;
        return true;
    }
    fcc_src_error(s, fcc_loc_of_key(n, "kind"), "'kind' must be code or data, "
                  "found '%s'", k);
    return false;
}

static void parse_region(const struct fcc_src *s, const struct fcc_node *n,
                         const char *part, struct fcc_region *r)
{
    char what[160], region[96];
    fcc_label(region, sizeof(region), "memory region",
              fcc_peek_string(n, "name"));
    snprintf(what, sizeof(what), "%s of %s", region, part);
    r->at = fcc_loc_of(n);
    r->name_at = fcc_loc_of_key(n, "name");
    r->device = -1;
    if (!fcc_map_check(s, n, what, region_keys, COUNT(region_keys)))
        return;
    bool ok = fcc_get_name(s, n, "name", &r->name);
    ok &= parse_region_kind(s, n, &r->kind);
    ok &= fcc_get_mpu_range(s, n, &r->has_base, &r->base, &r->size);
    r->ok = ok;
}

/* For now a partition has exactly one code and one data region: the
 * linker script and the entry/stack rules depend on it. */
static bool check_region_kinds(const struct fcc_src *s,
                               const struct fcc_node *seq,
                               struct fcc_partition *p)
{
    int count[2] = { 0, 0 }, last[2] = { -1, -1 };
    for (size_t i = 0; i < p->num_regions; i++) {
        if (!p->regions[i].ok)
            return false;
        count[p->regions[i].kind]++;
        last[p->regions[i].kind] = (int)i;
    }
    p->code = count[FCC_REGION_CODE] == 1 ? last[FCC_REGION_CODE] : -1;
    p->data = count[FCC_REGION_DATA] == 1 ? last[FCC_REGION_DATA] : -1;
    if (p->code >= 0 && p->data >= 0)
        return true;
    fcc_src_error(s, fcc_loc_of(seq), "partition '%s' needs exactly one code "
                  "and one data region, found %d code and %d data",
                  p->name ? p->name : "?", count[FCC_REGION_CODE],
                  count[FCC_REGION_DATA]);
    return false;
}

static bool parse_regions(const struct fcc_src *s, const struct fcc_node *n,
                          const char *part, struct fcc_partition *p)
{
    const struct fcc_node *seq;
    p->code = p->data = -1;
    if (!fcc_get_seq(s, n, "memory", true, &seq))
        return false;
    p->regions = calloc(seq->count, sizeof(*p->regions));
    if (!p->regions)
        return false;
    p->num_regions = seq->count;
    for (size_t i = 0; i < seq->count; i++)
        parse_region(s, seq->items[i], part, &p->regions[i]);
    struct fcc_names v = {
        p->regions, p->num_regions, sizeof(*p->regions),
        offsetof(struct fcc_region, name),
        offsetof(struct fcc_region, name_at),
    };
    fcc_check_unique_names(s, v, "region", part); /* within the partition */
    return check_region_kinds(s, seq, p);
}

/* ------------------------------------------------------------------------
 * Partitions
 * --------------------------------------------------------------------- */

static bool is_ident(const char *s, bool lower_only)
{
    for (const char *p = s; *p; p++) {
        char c = *p;
        bool alpha = (c >= 'a' && c <= 'z') ||
                     (!lower_only && ((c >= 'A' && c <= 'Z') || c == '_'));
        bool digit = (c >= '0' && c <= '9') || (lower_only && c == '_');
        if (!alpha && !(p > s && digit))
            return false;
    }
    return *s != '\0';
}

/* [a-z][a-z0-9_]*, at most FCC_MAX_NAME_LEN: it becomes a C identifier
 * part, a file name and fen_partition_info.name. */
static bool parse_partition_name(const struct fcc_src *s,
                                 const struct fcc_node *n,
                                 struct fcc_partition *p)
{
    if (!fcc_get_string(s, n, "name", &p->name))
        return false;
    size_t len = strlen(p->name);
    if (!is_ident(p->name, true))
        fcc_src_error(s, p->name_at, "partition name '%s' must match "
                      "[a-z][a-z0-9_]*", p->name);
    else if (len > FCC_MAX_NAME_LEN)
        fcc_src_error(s, p->name_at, "partition name '%s' is %zu characters "
                      "long, more than %d", p->name, len, FCC_MAX_NAME_LEN);
    else
        return true;
    return false;
}

static bool parse_entry(const struct fcc_src *s, const struct fcc_node *n,
                        struct fcc_partition *p)
{
    p->entry = "main";
    if (!fcc_map_value(n, "entry"))
        return true;
    if (!fcc_get_string(s, n, "entry", &p->entry))
        return false;
    if (is_ident(p->entry, false))
        return true;
    fcc_src_error(s, fcc_loc_of_key(n, "entry"), "'entry' must be a C "
                  "identifier, found '%s'", p->entry);
    return false;
}

static bool parse_stack(const struct fcc_src *s, const struct fcc_node *n,
                        struct fcc_partition *p)
{
    uint64_t size;
    if (!fcc_get_size(s, n, "stack_size", UINT32_MAX, &size))
        return false;
    if (size % 8 == 0 && size >= FCC_MIN_STACK) {
        p->stack_size = size;
        return true;
    }
    fcc_src_error(s, p->stack_at, "'stack_size' %" PRIu64 " must be a "
                  "multiple of 8 and at least %d", size, FCC_MIN_STACK);
    return false;
}

/* A power of two >= 32: the kernel guards stacks with one MPU region. */
static bool parse_guard(const struct fcc_src *s, const struct fcc_node *n,
                        struct fcc_partition *p)
{
    uint64_t g = FCC_DEFAULT_STACK_GUARD;
    const struct fcc_node *v = fcc_map_value(n, "stack_guard");
    p->guard_at = fcc_loc_of(v);
    if (v && !fcc_get_size(s, n, "stack_guard", UINT32_MAX, &g))
        return false;
    if (g >= FCC_MPU_GRANULE && (g & (g - 1)) == 0) {
        p->stack_guard = g;
        return true;
    }
    fcc_src_error(s, p->guard_at, "'stack_guard' %s must be a power of two "
                  "of at least 32 bytes (it is one MPU region)", v->text);
    return false;
}

/* The names listed; matched against the board's devices in memory.c. */
static bool parse_devices(const struct fcc_src *s, const struct fcc_node *n,
                          struct fcc_partition *p)
{
    const struct fcc_node *seq;
    if (!fcc_get_opt_seq(s, n, "devices", &seq))
        return false;
    if (!seq)
        return true;
    p->devices = calloc(seq->count, sizeof(*p->devices));
    if (!p->devices)
        return false;
    p->num_devices = seq->count;
    bool ok = true;
    for (size_t i = 0; i < seq->count; i++) {
        struct fcc_region *r = &p->devices[i];
        const struct fcc_node *item = seq->items[i];
        r->kind = FCC_REGION_DEVICE;
        r->device = -1;
        r->has_base = true;
        r->at = r->name_at = fcc_loc_of(item);
        r->ok = fcc_expect_kind(s, item, FCC_NODE_SCALAR,
                                "an entry of 'devices'");
        r->name = r->ok ? item->text : NULL;
        ok &= r->ok;
    }
    return ok;
}

/* Slot 0 is the initial thread and 1..n the declared processes; the
 * default leaves at least two more, for fen_thread_create and the error
 * handler. */
static int64_t default_threads(size_t processes)
{
    int64_t n = (int64_t)processes + 2;
    n = n < FCC_DEFAULT_THREADS ? FCC_DEFAULT_THREADS : n;
    return n > FCC_MAX_THREADS ? FCC_MAX_THREADS : n;
}

/* After the processes: the slots they need bound max_threads. */
static bool parse_threads(const struct fcc_src *s, const struct fcc_node *n,
                          struct fcc_partition *p)
{
    int64_t prio = 0, threads = default_threads(p->num_processes);
    int64_t need = 1 + (int64_t)p->num_processes;
    bool ok = fcc_get_int(s, n, "priority", 1, 255, &prio);
    if (fcc_map_value(n, "max_threads")) {
        ok &= fcc_get_int(s, n, "max_threads", 1, FCC_MAX_THREADS, &threads);
        if (threads < need) {
            fcc_src_error(s, fcc_loc_of_key(n, "max_threads"), "max_threads "
                          "%" PRId64 " of partition '%s' leaves no slot for "
                          "some of its %zu processes: it needs at least %"
                          PRId64 " (the initial thread and one per process)",
                          threads, p->name ? p->name : "?", p->num_processes,
                          need);
            ok = false;
        }
    }
    p->priority = (int)prio;
    p->max_threads = (int)threads;
    return ok;
}

static bool parse_system(const struct fcc_src *s, const struct fcc_node *n,
                         struct fcc_partition *p)
{
    return !fcc_map_value(n, "system") ||
           fcc_get_bool(s, n, "system", &p->system);
}

static void parse_partition(const struct fcc_src *s, const struct fcc_node *n,
                            struct fcc_partition *p)
{
    char what[80];
    fcc_label(what, sizeof(what), "partition", fcc_peek_string(n, "name"));
    p->at = fcc_loc_of(n);
    p->name_at = fcc_loc_of_key(n, "name");
    p->stack_at = fcc_loc_of_key(n, "stack_size");
    p->code = p->data = -1;
    if (!fcc_map_check(s, n, what, partition_keys, COUNT(partition_keys)))
        return;
    bool ok = parse_partition_name(s, n, p);
    ok &= parse_entry(s, n, p);
    ok &= parse_stack(s, n, p);
    ok &= parse_guard(s, n, p);
    ok &= fcc_processes_parse(s, n, what, p);
    ok &= parse_threads(s, n, p);
    ok &= parse_system(s, n, p);
    ok &= parse_regions(s, n, what, p);
    ok &= parse_devices(s, n, p);
    ok &= fcc_hm_parse(s, n, FCC_HM_PARTITION, what, &p->hm);
    ok &= fcc_objects_parse(s, n, what, p);
    p->ok = ok;
}

static void parse_partitions(struct fcc_app *a)
{
    const struct fcc_node *seq;
    if (!fcc_get_seq(&a->src, a->root, "partitions", true, &seq))
        return;
    if (seq->count > FCC_MAX_PARTITIONS) {
        fcc_src_error(&a->src, fcc_loc_of(seq), "%zu partitions, more than "
                      "the %d allowed", seq->count, FCC_MAX_PARTITIONS);
        return;
    }
    a->partitions = calloc(seq->count, sizeof(*a->partitions));
    if (!a->partitions)
        return;
    a->num_partitions = seq->count;
    for (size_t i = 0; i < seq->count; i++)
        parse_partition(&a->src, seq->items[i], &a->partitions[i]);
    struct fcc_names v = {
        a->partitions, a->num_partitions, sizeof(*a->partitions),
        offsetof(struct fcc_partition, name),
        offsetof(struct fcc_partition, name_at),
    };
    fcc_check_unique_names(&a->src, v, "partition", NULL);
}

/* ------------------------------------------------------------------------
 * Shared regions and MPU options
 * --------------------------------------------------------------------- */

/* "none", "r", "rw", "rx", "rwx" as FCC_ACCESS_* bits; -1 otherwise. */
static int parse_rights(const char *t)
{
    static const char *const names[] = { "none", "r", "rw", "rx", "rwx" };
    static const int bits[] = {
        0, FCC_ACCESS_R, FCC_ACCESS_R | FCC_ACCESS_W,
        FCC_ACCESS_R | FCC_ACCESS_X,
        FCC_ACCESS_R | FCC_ACCESS_W | FCC_ACCESS_X,
    };
    for (size_t i = 0; i < COUNT(names); i++)
        if (strcmp(t, names[i]) == 0)
            return bits[i];
    return -1;
}

/* The keys allowed in an access mapping: the partitions' names; NULL when
 * the partitions are unknown or one has no name (then unknown keys cannot
 * be told apart). */
static struct fcc_key *partition_keys_of(const struct fcc_app *a)
{
    if (a->num_partitions == 0)
        return NULL;
    struct fcc_key *keys = calloc(a->num_partitions, sizeof(*keys));
    for (size_t i = 0; keys && i < a->num_partitions; i++) {
        keys[i] = (struct fcc_key){ a->partitions[i].name, false };
        if (!keys[i].name) {
            free(keys);
            return NULL;
        }
    }
    return keys;
}

/* One partition's rights to sh, if the access mapping m names it. */
static bool parse_one_access(const struct fcc_app *a,
                             const struct fcc_node *m, size_t pi,
                             struct fcc_shared *sh)
{
    const char *part = a->partitions[pi].name, *t;
    if (!fcc_map_value(m, part) || fcc_app_find_partition(a, part) != (int)pi)
        return true;
    if (!fcc_get_string(&a->src, m, part, &t))
        return false;
    int bits = parse_rights(t);
    if (bits >= 0) {
        sh->access[pi] = (unsigned)bits;
        return true;
    }
    fcc_src_error(&a->src, fcc_loc_of_key(m, part), "access of partition '%s' "
                  "to shared region '%s' must be none, r, rw, rx or rwx, "
                  "found '%s'", part, sh->r.name ? sh->r.name : "?", t);
    return false;
}

static bool parse_access(const struct fcc_app *a, const struct fcc_node *n,
                         const char *what, struct fcc_shared *sh)
{
    const struct fcc_node *m = fcc_map_value(n, "access");
    struct fcc_key *keys = partition_keys_of(a);
    char label[128];
    bool ok = m && keys && sh->access;
    snprintf(label, sizeof(label), "'access' of %s", what);
    sh->access_at = fcc_loc_of(m);
    ok = ok && fcc_map_check(&a->src, m, label, keys, a->num_partitions);
    for (size_t i = 0; ok && i < a->num_partitions; i++)
        ok &= parse_one_access(a, m, i, sh);
    free(keys);
    return ok;
}

/* A C identifier of at most 31 characters: it names linker symbols. */
static bool parse_shared_name(const struct fcc_src *s,
                              const struct fcc_node *n, struct fcc_region *r)
{
    if (!fcc_get_string(s, n, "name", &r->name))
        return false;
    if (is_ident(r->name, true) && strlen(r->name) <= FCC_MAX_SHARED_NAME_LEN)
        return true;
    fcc_src_error(s, r->name_at, "shared region name '%s' must match "
                  "[a-z][a-z0-9_]* and be at most %d characters (it names "
                  "the symbols __region_<name>_start/_end)", r->name,
                  FCC_MAX_SHARED_NAME_LEN);
    return false;
}

static void parse_one_shared(struct fcc_app *a, const struct fcc_node *n,
                             struct fcc_shared *sh)
{
    struct fcc_region *r = &sh->r;
    char what[96];
    fcc_label(what, sizeof(what), "shared region", fcc_peek_string(n, "name"));
    r->kind = FCC_REGION_SHARED;
    r->device = -1;
    r->at = fcc_loc_of(n);
    r->name_at = fcc_loc_of_key(n, "name");
    sh->access = calloc(a->num_partitions + 1, sizeof(*sh->access));
    if (!fcc_map_check(&a->src, n, what, shared_keys, COUNT(shared_keys)))
        return;
    bool ok = parse_shared_name(&a->src, n, r);
    ok &= fcc_get_mpu_range(&a->src, n, &r->has_base, &r->base, &r->size);
    ok &= parse_access(a, n, what, sh);
    r->ok = ok;
}

static void parse_shared(struct fcc_app *a)
{
    const struct fcc_node *seq;
    if (!fcc_get_opt_seq(&a->src, a->root, "shared", &seq) || !seq)
        return;
    a->shared = calloc(seq->count, sizeof(*a->shared));
    if (!a->shared)
        return;
    a->num_shared = seq->count;
    for (size_t i = 0; i < seq->count; i++)
        parse_one_shared(a, seq->items[i], &a->shared[i]);
    struct fcc_names v = {
        a->shared, a->num_shared, sizeof(*a->shared),
        offsetof(struct fcc_shared, r.name),
        offsetof(struct fcc_shared, r.name_at),
    };
    fcc_check_unique_names(&a->src, v, "shared region", NULL);
}

static void parse_mpu(struct fcc_app *a)
{
    const struct fcc_node *mpu = fcc_map_value(a->root, "mpu");
    a->max_waste = FCC_DEFAULT_MAX_WASTE;
    if (!mpu || !fcc_map_check(&a->src, mpu, "'mpu'", mpu_keys,
                               COUNT(mpu_keys)))
        return;
    if (fcc_map_value(mpu, "max_waste") &&
        !fcc_get_size(&a->src, mpu, "max_waste", UINT32_MAX, &a->max_waste))
        a->max_waste = UINT64_MAX; /* invalid: no waste check */
}

/* ------------------------------------------------------------------------
 * The file
 * --------------------------------------------------------------------- */

/* The board name becomes a path component: no '/', no leading '.'. */
static void parse_board_name(struct fcc_app *a)
{
    const char *name;
    if (!fcc_get_name(&a->src, a->root, "board", &name))
        return;
    a->board_at = fcc_loc_of_key(a->root, "board");
    if (name[0] == '.')
        fcc_src_error(&a->src, a->board_at, "'board' must be the name of a "
                      "board folder, found '%s'", name);
    else
        a->board = name;
}

struct fcc_node *fcc_app_load(struct fcc_diag *d, const char *file,
                              const char *text, size_t len)
{
    size_t errors = fcc_diag_count(d);
    struct fcc_node *root = fcc_yaml_load(d, file, text, len);
    if (!root && fcc_diag_count(d) == errors)
        fcc_error_at(d, file, 1, 1, "the file is empty; expected an app "
                     "description (a mapping)");
    return root;
}

struct fcc_app *fcc_app_parse(struct fcc_diag *d, const char *file,
                              const char *text, size_t len)
{
    struct fcc_node *root = fcc_app_load(d, file, text, len);
    return root ? fcc_app_from_tree(d, file, root) : NULL;
}

struct fcc_app *fcc_app_from_tree(struct fcc_diag *d, const char *file,
                                  struct fcc_node *root)
{
    size_t errors = fcc_diag_count(d);
    struct fcc_app *a = calloc(1, sizeof(*a));
    if (!a) {
        fcc_node_free(root);
        fcc_error_at(d, file, 0, 0, "out of memory");
        return NULL;
    }
    a->src.diag = d;
    a->src.file = file;
    a->root = root;
    if (fcc_map_check(&a->src, root, "the app", app_keys, COUNT(app_keys))) {
        parse_board_name(a);
        parse_partitions(a);
        fcc_schedules_parse(a);
        fcc_hm_parse(&a->src, root, FCC_HM_MODULE, "the module", &a->hm);
        parse_shared(a);
        parse_mpu(a);
        fcc_channels_parse(a); /* after the partitions: their names */
    }
    a->ok = fcc_diag_count(d) == errors;
    return a;
}

void fcc_app_free(struct fcc_app *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->num_partitions; i++) {
        free(a->partitions[i].regions);
        free(a->partitions[i].devices);
        fcc_processes_free(&a->partitions[i]);
        fcc_hm_free(&a->partitions[i].hm);
        fcc_objects_free(&a->partitions[i]);
    }
    fcc_channels_free(a);
    fcc_schedules_free(a);
    fcc_hm_free(&a->hm);
    for (size_t i = 0; i < a->num_shared; i++)
        free(a->shared[i].access);
    free(a->shared);
    free(a->partitions);
    fcc_node_free(a->root);
    free(a);
}
