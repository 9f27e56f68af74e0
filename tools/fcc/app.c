/*
 * app.c - parsing of app.yaml and the checks that need no board: shapes,
 * types, ranges, name rules, unique names, one code and one data region
 * per partition, non-zero durations.
 */
#include "app.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct fcc_key app_keys[] = {
    { "board", true }, { "partitions", true }, { "schedule", true },
};
static const struct fcc_key partition_keys[] = {
    { "name", true }, { "entry", false }, { "stack_size", true },
    { "priority", true }, { "max_threads", false }, { "memory", true },
};
static const struct fcc_key region_keys[] = {
    { "name", true }, { "kind", true }, { "base", true }, { "size", true },
};
static const struct fcc_key schedule_keys[] = {
    { "major_frame", true }, { "windows", true },
};
static const struct fcc_key window_keys[] = {
    { "partition", true }, { "offset", true }, { "duration", true },
};

int fcc_app_find_partition(const struct fcc_app *a, const char *name)
{
    for (size_t i = 0; i < a->num_partitions; i++)
        if (a->partitions[i].name &&
            strcmp(a->partitions[i].name, name) == 0)
            return (int)i;
    return -1;
}

static struct fcc_loc loc_of_key(const struct fcc_node *map, const char *key)
{
    return fcc_loc_of(fcc_map_value(map, key));
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
    fcc_src_error(s, loc_of_key(n, "kind"), "'kind' must be code or data, "
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
    r->name_at = loc_of_key(n, "name");
    if (!fcc_map_check(s, n, what, region_keys, COUNT(region_keys)))
        return;
    bool ok = fcc_get_name(s, n, "name", &r->name);
    ok &= parse_region_kind(s, n, &r->kind);
    ok &= fcc_get_aligned_range(s, n, &r->base, &r->size);
    r->ok = ok;
}

/* Region names are unique within their partition. */
static void check_region_names(const struct fcc_src *s,
                               const struct fcc_partition *p)
{
    for (size_t i = 0; i < p->num_regions; i++)
        for (size_t j = 0; p->regions[i].name && j < i; j++) {
            const struct fcc_region *r = &p->regions[i], *o = &p->regions[j];
            if (o->name && strcmp(r->name, o->name) == 0) {
                fcc_src_error(s, r->name_at, "duplicate region name '%s' in "
                              "partition '%s' (first declared at %d:%d)",
                              r->name, p->name ? p->name : "?",
                              o->name_at.line, o->name_at.col);
                break;
            }
        }
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
    check_region_names(s, p);
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
    fcc_src_error(s, loc_of_key(n, "entry"), "'entry' must be a C "
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

static bool parse_threads(const struct fcc_src *s, const struct fcc_node *n,
                          struct fcc_partition *p)
{
    int64_t prio = 0, threads = FCC_DEFAULT_THREADS;
    bool ok = fcc_get_int(s, n, "priority", 1, 255, &prio);
    if (fcc_map_value(n, "max_threads"))
        ok &= fcc_get_int(s, n, "max_threads", 1, FCC_MAX_THREADS, &threads);
    p->priority = (int)prio;
    p->max_threads = (int)threads;
    return ok;
}

static void parse_partition(const struct fcc_src *s, const struct fcc_node *n,
                            struct fcc_partition *p)
{
    char what[80];
    fcc_label(what, sizeof(what), "partition", fcc_peek_string(n, "name"));
    p->at = fcc_loc_of(n);
    p->name_at = loc_of_key(n, "name");
    p->stack_at = loc_of_key(n, "stack_size");
    p->code = p->data = -1;
    if (!fcc_map_check(s, n, what, partition_keys, COUNT(partition_keys)))
        return;
    bool ok = parse_partition_name(s, n, p);
    ok &= parse_entry(s, n, p);
    ok &= parse_stack(s, n, p);
    ok &= parse_threads(s, n, p);
    ok &= parse_regions(s, n, what, p);
    p->ok = ok;
}

static void check_partition_names(const struct fcc_app *a)
{
    for (size_t i = 0; i < a->num_partitions; i++)
        for (size_t j = 0; a->partitions[i].name && j < i; j++) {
            const struct fcc_partition *p = &a->partitions[i];
            const struct fcc_partition *o = &a->partitions[j];
            if (o->name && strcmp(p->name, o->name) == 0) {
                fcc_src_error(&a->src, p->name_at, "duplicate partition name "
                              "'%s' (first declared at %d:%d)", p->name,
                              o->name_at.line, o->name_at.col);
                break;
            }
        }
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
    check_partition_names(a);
}

/* ------------------------------------------------------------------------
 * Schedule
 * --------------------------------------------------------------------- */

static void parse_window(const struct fcc_src *s, const struct fcc_node *n,
                         struct fcc_window *w)
{
    w->at = fcc_loc_of(n);
    w->part = -1;
    w->partition_at = loc_of_key(n, "partition");
    w->offset_at = loc_of_key(n, "offset");
    w->duration_at = loc_of_key(n, "duration");
    if (!fcc_map_check(s, n, "window", window_keys, COUNT(window_keys)))
        return;
    fcc_get_string(s, n, "partition", &w->partition);
    bool ok = fcc_get_time(s, n, "offset", &w->offset_t);
    ok &= fcc_get_time(s, n, "duration", &w->duration_t);
    w->times_ok = ok;
    if (ok && w->duration_t.value == 0)
        fcc_src_error(s, w->duration_at, "window duration must be > 0, "
                      "found %s", fcc_map_value(n, "duration")->text);
}

static void parse_windows(struct fcc_app *a, const struct fcc_node *sched)
{
    const struct fcc_node *seq;
    if (!fcc_get_seq(&a->src, sched, "windows", true, &seq))
        return;
    if (seq->count > FCC_MAX_WINDOWS) {
        fcc_src_error(&a->src, fcc_loc_of(seq), "%zu windows, more than the "
                      "%d allowed", seq->count, FCC_MAX_WINDOWS);
        return;
    }
    a->windows = calloc(seq->count, sizeof(*a->windows));
    if (!a->windows)
        return;
    a->num_windows = seq->count;
    for (size_t i = 0; i < seq->count; i++)
        parse_window(&a->src, seq->items[i], &a->windows[i]);
}

static void parse_schedule(struct fcc_app *a)
{
    const struct fcc_node *sched = fcc_map_value(a->root, "schedule");
    if (!sched || !fcc_map_check(&a->src, sched, "'schedule'", schedule_keys,
                                 COUNT(schedule_keys)))
        return;
    a->major_frame_at = loc_of_key(sched, "major_frame");
    a->has_frame = fcc_get_time(&a->src, sched, "major_frame",
                                &a->major_frame_t);
    if (a->has_frame && a->major_frame_t.value == 0) {
        fcc_src_error(&a->src, a->major_frame_at, "'major_frame' must be > 0");
        a->has_frame = false;
    }
    parse_windows(a, sched);
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
    a->board_at = loc_of_key(a->root, "board");
    if (name[0] == '.')
        fcc_src_error(&a->src, a->board_at, "'board' must be the name of a "
                      "board folder, found '%s'", name);
    else
        a->board = name;
}

struct fcc_app *fcc_app_parse(struct fcc_diag *d, const char *file,
                              const char *text, size_t len)
{
    size_t errors = fcc_diag_count(d);
    struct fcc_node *root = fcc_yaml_load(d, file, text, len);
    if (!root) {
        if (fcc_diag_count(d) == errors)
            fcc_error_at(d, file, 1, 1, "the file is empty; expected an app "
                         "description (a mapping)");
        return NULL;
    }
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
        parse_schedule(a);
    }
    a->ok = fcc_diag_count(d) == errors;
    return a;
}

void fcc_app_free(struct fcc_app *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->num_partitions; i++)
        free(a->partitions[i].regions);
    free(a->partitions);
    free(a->windows);
    fcc_node_free(a->root);
    free(a);
}
