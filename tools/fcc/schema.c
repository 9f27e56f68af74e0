/*
 * schema.c - shape checks and typed getters over fcc_node trees.
 */
#include "schema.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fcc_loc fcc_loc_of(const struct fcc_node *n)
{
    struct fcc_loc l = { 0, 0, NULL };
    if (n) {
        l.line = n->line;
        l.col = n->col;
        l.file = n->file;
    }
    return l;
}

struct fcc_loc fcc_loc_of_key(const struct fcc_node *map, const char *key)
{
    return fcc_loc_of(fcc_map_value(map, key));
}

struct fcc_at_text fcc_at(const struct fcc_src *s, struct fcc_loc at)
{
    struct fcc_at_text t;
    snprintf(t.text, sizeof t.text, "%s:%d:%d", at.file ? at.file : s->file,
             at.line, at.col);
    return t;
}

void fcc_src_error(const struct fcc_src *s, struct fcc_loc at,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fcc_verror_at(s->diag, at.file ? at.file : s->file, at.line, at.col, fmt,
                  ap);
    va_end(ap);
}

void fcc_label(char *buf, size_t size, const char *kind, const char *name)
{
    if (name)
        snprintf(buf, size, "%s '%s'", kind, name);
    else
        snprintf(buf, size, "%s", kind);
}

/* YAML's null: an empty plain scalar, "~" or "null". */
static bool is_null(const struct fcc_node *n)
{
    return n->kind == FCC_NODE_SCALAR && n->plain &&
           (n->text[0] == '\0' || strcmp(n->text, "~") == 0 ||
            strcmp(n->text, "null") == 0);
}

bool fcc_expect_kind(const struct fcc_src *s, const struct fcc_node *n,
                     enum fcc_node_kind kind, const char *what)
{
    if (n->kind == kind && !is_null(n))
        return true;
    if (is_null(n))
        fcc_src_error(s, fcc_loc_of(n), "%s has no value; expected %s", what,
                      fcc_node_kind_name(kind));
    else
        fcc_src_error(s, fcc_loc_of(n), "%s must be %s, found %s", what,
                      fcc_node_kind_name(kind), fcc_node_kind_name(n->kind));
    return false;
}

/* ------------------------------------------------------------------------
 * Mappings
 * --------------------------------------------------------------------- */

static const struct fcc_key *find_key(const struct fcc_key *keys, size_t n,
                                      const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i].name, name) == 0)
            return &keys[i];
    return NULL;
}

/* The earlier key node of map equal to pair i's key, or NULL. */
static const struct fcc_node *earlier_key(const struct fcc_node *map,
                                          size_t i)
{
    const char *name = map->items[2 * i]->text;
    for (size_t j = 0; j < i; j++) {
        const struct fcc_node *k = map->items[2 * j];
        if (k->kind == FCC_NODE_SCALAR && strcmp(k->text, name) == 0)
            return k;
    }
    return NULL;
}

static void unknown_key(const struct fcc_src *s, const struct fcc_node *k,
                        const char *what, const struct fcc_key *keys,
                        size_t nkeys)
{
    char allowed[512] = "";
    size_t used = 0;
    for (size_t i = 0; i < nkeys && used < sizeof(allowed); i++)
        used += (size_t)snprintf(allowed + used, sizeof(allowed) - used,
                                 "%s%s", i ? ", " : "", keys[i].name);
    fcc_src_error(s, fcc_loc_of(k), "unknown key '%s' in %s (allowed: %s)",
                  k->text, what, allowed);
}

/* Unknown, non-scalar and duplicate keys, each reported at the key; with
 * keys NULL any scalar key is known. */
static void check_keys(const struct fcc_src *s, const struct fcc_node *map,
                       const char *what, const struct fcc_key *keys,
                       size_t nkeys)
{
    for (size_t i = 0; i < map->count; i++) {
        const struct fcc_node *k = map->items[2 * i];
        const struct fcc_node *first;
        if (k->kind != FCC_NODE_SCALAR)
            fcc_src_error(s, fcc_loc_of(k), "keys of %s must be scalars, "
                          "found %s", what, fcc_node_kind_name(k->kind));
        else if (keys && !find_key(keys, nkeys, k->text))
            unknown_key(s, k, what, keys, nkeys);
        else if ((first = earlier_key(map, i)) != NULL)
            fcc_src_error(s, fcc_loc_of(k), "duplicate key '%s' in %s "
                          "(first at %s)", k->text, what,
                          fcc_at(s, fcc_loc_of(first)).text);
    }
}

bool fcc_map_check(const struct fcc_src *s, const struct fcc_node *n,
                   const char *what, const struct fcc_key *keys,
                   size_t nkeys)
{
    if (!fcc_expect_kind(s, n, FCC_NODE_MAP, what))
        return false;
    check_keys(s, n, what, keys, nkeys);
    for (size_t i = 0; i < nkeys; i++)
        if (keys[i].required && !fcc_map_value(n, keys[i].name))
            fcc_src_error(s, fcc_loc_of(n), "%s is missing required key "
                          "'%s'", what, keys[i].name);
    return true;
}

bool fcc_map_check_any(const struct fcc_src *s, const struct fcc_node *n,
                       const char *what)
{
    if (!fcc_expect_kind(s, n, FCC_NODE_MAP, what))
        return false;
    size_t errors = fcc_diag_count(s->diag);
    check_keys(s, n, what, NULL, 0);
    return fcc_diag_count(s->diag) == errors;
}

const struct fcc_node *fcc_map_value(const struct fcc_node *map,
                                     const char *key)
{
    if (!map || map->kind != FCC_NODE_MAP)
        return NULL;
    for (size_t i = 0; i < map->count; i++) {
        const struct fcc_node *k = map->items[2 * i];
        if (k->kind == FCC_NODE_SCALAR && strcmp(k->text, key) == 0)
            return map->items[2 * i + 1];
    }
    return NULL;
}

const char *fcc_peek_string(const struct fcc_node *map, const char *key)
{
    const struct fcc_node *v = fcc_map_value(map, key);
    if (!v || v->kind != FCC_NODE_SCALAR || is_null(v))
        return NULL;
    for (const char *p = v->text; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == '\'')
            return NULL;
    return strlen(v->text) <= 64 ? v->text : NULL;
}

/* ------------------------------------------------------------------------
 * Getters
 * --------------------------------------------------------------------- */

/* The scalar under key, or NULL (absent, or reported as the wrong kind). */
static const struct fcc_node *scalar_value(const struct fcc_src *s,
                                           const struct fcc_node *map,
                                           const char *key)
{
    const struct fcc_node *v = fcc_map_value(map, key);
    char what[80];
    if (!v)
        return NULL;
    snprintf(what, sizeof(what), "'%s'", key);
    return fcc_expect_kind(s, v, FCC_NODE_SCALAR, what) ? v : NULL;
}

bool fcc_get_string(const struct fcc_src *s, const struct fcc_node *map,
                    const char *key, const char **out)
{
    const struct fcc_node *v = scalar_value(s, map, key);
    if (v)
        *out = v->text;
    return v != NULL;
}

bool fcc_get_int(const struct fcc_src *s, const struct fcc_node *map,
                 const char *key, int64_t min, int64_t max, int64_t *out)
{
    const struct fcc_node *v = scalar_value(s, map, key);
    int64_t x;
    if (!v)
        return false;
    enum fcc_units_rc rc = fcc_parse_int(v->text, &x);
    if (rc == FCC_UNITS_OK && x >= min && x <= max) {
        *out = x;
        return true;
    }
    if (rc == FCC_UNITS_SYNTAX)
        fcc_src_error(s, fcc_loc_of(v), "'%s' must be an integer (decimal "
                      "or 0x hex), found '%s'", key, v->text);
    else
        fcc_src_error(s, fcc_loc_of(v), "'%s' is %s, out of range %" PRId64
                      "..%" PRId64, key, v->text, min, max);
    return false;
}

bool fcc_get_size(const struct fcc_src *s, const struct fcc_node *map,
                  const char *key, uint64_t max, uint64_t *out)
{
    const struct fcc_node *v = scalar_value(s, map, key);
    uint64_t x;
    if (!v)
        return false;
    enum fcc_units_rc rc = fcc_parse_size(v->text, &x);
    if (rc == FCC_UNITS_OK && x <= max) {
        *out = x;
        return true;
    }
    if (rc == FCC_UNITS_SYNTAX)
        fcc_src_error(s, fcc_loc_of(v), "'%s' must be a size (decimal bytes "
                      "with optional unit B, KiB or MiB, or 0x hex bytes), "
                      "found '%s'", key, v->text);
    else if (rc == FCC_UNITS_BAD_UNIT)
        fcc_src_error(s, fcc_loc_of(v), "'%s' is '%s': unknown size unit "
                      "(use B, KiB or MiB)", key, v->text);
    else
        fcc_src_error(s, fcc_loc_of(v), "'%s' is %s, larger than the "
                      "maximum 0x%" PRIX64, key, v->text, max);
    return false;
}

bool fcc_get_time(const struct fcc_src *s, const struct fcc_node *map,
                  const char *key, struct fcc_time *out)
{
    const struct fcc_node *v = scalar_value(s, map, key);
    if (!v)
        return false;
    enum fcc_units_rc rc = fcc_parse_time(v->text, out);
    if (rc == FCC_UNITS_NO_UNIT)
        fcc_src_error(s, fcc_loc_of(v), "'%s' is %s: time needs a unit "
                      "(ns, us, ms, s or cycles)", key, v->text);
    else if (rc == FCC_UNITS_BAD_UNIT)
        fcc_src_error(s, fcc_loc_of(v), "'%s' is '%s': unknown time unit "
                      "(use ns, us, ms, s or cycles)", key, v->text);
    else if (rc == FCC_UNITS_OVERFLOW)
        fcc_src_error(s, fcc_loc_of(v), "'%s' is %s, which does not fit in "
                      "64 bits", key, v->text);
    else if (rc != FCC_UNITS_OK)
        fcc_src_error(s, fcc_loc_of(v), "'%s' must be a time (a decimal "
                      "integer with unit ns, us, ms, s or cycles), found "
                      "'%s'", key, v->text);
    return rc == FCC_UNITS_OK;
}

/* "a or b", "a, b or c". */
static void choice_list(char *buf, size_t size, const char *const *names,
                        size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                 i == 0 ? "" : i + 1 == n ? " or " : ", ",
                                 names[i]);
}

int fcc_get_choice(const struct fcc_src *s, const struct fcc_node *map,
                   const char *key, const char *const *names, size_t n)
{
    const char *v;
    char list[256];
    if (!fcc_get_string(s, map, key, &v))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], v) == 0)
            return (int)i;
    choice_list(list, sizeof(list), names, n);
    fcc_src_error(s, fcc_loc_of_key(map, key), "'%s' must be %s, found '%s'",
                  key, list, v);
    return -1;
}

bool fcc_get_opt_seq(const struct fcc_src *s, const struct fcc_node *map,
                     const char *key, const struct fcc_node **out)
{
    const struct fcc_node *v;
    *out = NULL;
    if (!fcc_map_value(map, key))
        return true;
    if (!fcc_get_seq(s, map, key, false, &v))
        return false;
    *out = v->count ? v : NULL;
    return true;
}

bool fcc_get_bool(const struct fcc_src *s, const struct fcc_node *map,
                  const char *key, bool *out)
{
    const struct fcc_node *v = scalar_value(s, map, key);
    if (!v)
        return false;
    if (strcmp(v->text, "true") == 0 || strcmp(v->text, "false") == 0) {
        *out = v->text[0] == 't';
        return true;
    }
    fcc_src_error(s, fcc_loc_of(v), "'%s' must be true or false, found '%s'",
                  key, v->text);
    return false;
}

bool fcc_get_positive_time(const struct fcc_src *s, const struct fcc_node *map,
                           const char *key, struct fcc_time *out)
{
    if (!fcc_get_time(s, map, key, out))
        return false;
    if (out->value > 0)
        return true;
    fcc_src_error(s, fcc_loc_of_key(map, key), "'%s' must be > 0, found %s",
                  key, fcc_map_value(map, key)->text);
    return false;
}

bool fcc_to_cycles(const struct fcc_src *s, struct fcc_loc at,
                   const char *key, struct fcc_time t, uint64_t hz,
                   uint64_t *cycles)
{
    enum fcc_units_rc rc = fcc_time_to_cycles(t, hz, cycles);
    const char *unit = fcc_time_unit_name(t.unit);
    if (rc == FCC_UNITS_INEXACT)
        fcc_src_error(s, at, "'%s' %" PRIu64 "%s is not a whole number of "
                      "cycles at clock_hz %" PRIu64 " (use a multiple of "
                      "%" PRIu64 "%s)", key, t.value, unit, hz,
                      fcc_time_granule(t.unit, hz), unit);
    else if (rc != FCC_UNITS_OK)
        fcc_src_error(s, at, "'%s' %" PRIu64 "%s is more than 2^64-1 cycles "
                      "at clock_hz %" PRIu64, key, t.value, unit, hz);
    return rc == FCC_UNITS_OK;
}

bool fcc_get_seq(const struct fcc_src *s, const struct fcc_node *map,
                 const char *key, bool nonempty, const struct fcc_node **out)
{
    const struct fcc_node *v = fcc_map_value(map, key);
    char what[80];
    if (!v)
        return false;
    snprintf(what, sizeof(what), "'%s'", key);
    if (!fcc_expect_kind(s, v, FCC_NODE_SEQ, what))
        return false;
    if (nonempty && v->count == 0) {
        fcc_src_error(s, fcc_loc_of(v), "'%s' must not be empty", key);
        return false;
    }
    *out = v;
    return true;
}

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

bool fcc_get_name(const struct fcc_src *s, const struct fcc_node *map,
                  const char *key, const char **out)
{
    const struct fcc_node *v = scalar_value(s, map, key);
    if (!v)
        return false;
    size_t n = strlen(v->text);
    bool ok = n >= 1 && n <= 63;
    for (size_t i = 0; ok && i < n; i++)
        ok = name_char(v->text[i]);
    if (!ok) {
        fcc_src_error(s, fcc_loc_of(v), "'%s' must be 1..63 characters of "
                      "letters, digits, '_', '.' or '-', found '%s'", key,
                      v->text);
        return false;
    }
    *out = v->text;
    return true;
}

bool fcc_get_short_name(const struct fcc_src *s, const struct fcc_node *map,
                        const char *key, size_t max, const char *what,
                        const char **out)
{
    const char *name;
    if (!fcc_get_name(s, map, key, &name))
        return false;
    size_t len = strlen(name);
    if (len <= max) {
        *out = name;
        return true;
    }
    fcc_src_error(s, fcc_loc_of_key(map, key), "%s '%s' is %zu characters "
                  "long, more than %zu", what, name, len, max);
    return false;
}

static const char *name_of(struct fcc_names v, size_t i)
{
    const char *name;
    memcpy(&name, (const char *)v.items + i * v.stride + v.name,
           sizeof(name));
    return name;
}

static struct fcc_loc name_loc(struct fcc_names v, size_t i)
{
    struct fcc_loc at;
    memcpy(&at, (const char *)v.items + i * v.stride + v.at, sizeof(at));
    return at;
}

/* The first item before item i with its name, or -1 (quadratic: the way
 * when out of memory). */
static long earlier_name(struct fcc_names v, size_t i)
{
    const char *name = name_of(v, i);
    for (size_t j = 0; name && j < i; j++) {
        const char *other = name_of(v, j);
        if (other && strcmp(other, name) == 0)
            return (long)j;
    }
    return -1;
}

/* An item's name and place, for sorting. */
struct named {
    const char *name;
    size_t i;
};

static int by_name_then_place(const void *x, const void *y)
{
    const struct named *p = x, *q = y;
    int c = strcmp(p->name, q->name);
    return c ? c : (p->i > q->i) - (p->i < q->i);
}

/* first[i]: the first item with item i's name (i itself when it is the
 * first), -1 when it has no name.  Sorted, so long lists stay cheap;
 * false when out of memory. */
static bool first_names(struct fcc_names v, long *first)
{
    struct named *w = calloc(v.n + 1, sizeof(*w));
    size_t n = 0;
    if (!w)
        return false;
    for (size_t i = 0; i < v.n; i++) {
        first[i] = -1;
        if (name_of(v, i))
            w[n++] = (struct named){ name_of(v, i), i };
    }
    qsort(w, n, sizeof(*w), by_name_then_place);
    for (size_t k = 0, g = 0; k < n; k++) {
        if (strcmp(w[k].name, w[g].name) != 0)
            g = k;
        first[w[k].i] = (long)w[g].i;
    }
    free(w);
    return true;
}

bool fcc_check_unique_names(const struct fcc_src *s, struct fcc_names v,
                            const char *kind, const char *owner)
{
    bool ok = true;
    long *first = calloc(v.n + 1, sizeof(*first));
    bool sorted = first && first_names(v, first);
    for (size_t i = 0; i < v.n; i++) {
        long j = sorted ? first[i] : earlier_name(v, i);
        if (j < 0 || (size_t)j == i)
            continue;
        struct fcc_loc at = name_loc(v, (size_t)j);
        fcc_src_error(s, name_loc(v, i), "duplicate %s name '%s'%s%s "
                      "(first declared at %s)", kind, name_of(v, i),
                      owner ? " in " : "", owner ? owner : "",
                      fcc_at(s, at).text);
        ok = false;
    }
    free(first);
    return ok;
}

#define ADDRESS_SPACE 0x100000000ull

bool fcc_get_range(const struct fcc_src *s, const struct fcc_node *map,
                   uint64_t *base, uint64_t *size)
{
    int64_t b = 0;
    uint64_t z = 0;
    bool ok = fcc_get_int(s, map, "base", 0, UINT32_MAX, &b);
    ok &= fcc_get_size(s, map, "size", UINT32_MAX, &z);
    if (!ok)
        return false;
    const struct fcc_node *at = fcc_map_value(map, "size");
    if (z == 0) {
        fcc_src_error(s, fcc_loc_of(at), "'size' must be > 0");
        return false;
    }
    if ((uint64_t)b + z > ADDRESS_SPACE) {
        fcc_src_error(s, fcc_loc_of(at), "range at 0x%08" PRIX64 " of size "
                      "0x%" PRIX64 " extends past the 32-bit address space",
                      (uint64_t)b, z);
        return false;
    }
    *base = (uint64_t)b;
    *size = z;
    return true;
}

/* v is a multiple of granule, else an error at key saying why. */
static bool check_granule(const struct fcc_src *s, const struct fcc_node *map,
                          const char *key, uint64_t v, uint64_t granule,
                          const char *why)
{
    if (v % granule == 0)
        return true;
    fcc_src_error(s, fcc_loc_of(fcc_map_value(map, key)),
                  "'%s' 0x%08" PRIX64 " is not a multiple of %" PRIu64
                  " (%s)", key, v, granule, why);
    return false;
}

bool fcc_get_aligned_range(const struct fcc_src *s, const struct fcc_node *map,
                           uint64_t *base, uint64_t *size)
{
    static const char why[] = "memory is protected in pages of 1024 bytes";
    if (!fcc_get_range(s, map, base, size))
        return false;
    bool ok = check_granule(s, map, "base", *base, FCC_MEM_GRANULE, why);
    ok &= check_granule(s, map, "size", *size, FCC_MEM_GRANULE, why);
    return ok;
}

bool fcc_get_mpu_range(const struct fcc_src *s, const struct fcc_node *map,
                       bool *has_base, uint64_t *base, uint64_t *size)
{
    static const char why[] = "the smallest PMSAv7 MPU region is 32 bytes";
    *has_base = fcc_map_value(map, "base") != NULL;
    if (*has_base && !fcc_get_range(s, map, base, size))
        return false;
    if (!*has_base && !fcc_get_size(s, map, "size", UINT32_MAX, size))
        return false;
    if (*size == 0) {
        fcc_src_error(s, fcc_loc_of(fcc_map_value(map, "size")),
                      "'size' must be > 0");
        return false;
    }
    bool ok = !*has_base || check_granule(s, map, "base", *base,
                                          FCC_MPU_GRANULE, why);
    ok &= check_granule(s, map, "size", *size, FCC_MPU_GRANULE, why);
    return ok;
}
