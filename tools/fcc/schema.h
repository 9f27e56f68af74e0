/*
 * schema.h - typed reading of YAML nodes, with an error for every node
 * that does not have the expected shape.
 *
 * The pattern in board.c and app.c: fcc_map_check() a mapping against its
 * allowed keys (reporting unknown, duplicate and missing keys), then read
 * each field with a fcc_get_*() getter.  A getter returns false for an
 * absent key without reporting it (fcc_map_check already did, if the key
 * is required), and false with an error for a value of the wrong type.
 */
#ifndef FCC_SCHEMA_H
#define FCC_SCHEMA_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "mpu.h"
#include "units.h"
#include "yaml_tree.h"

/* Where errors go: the diagnostics and the file name they carry. */
struct fcc_src {
    struct fcc_diag *diag;
    const char *file;
};

/* A position in `file`, or in the file of the owning fcc_src when file
 * is NULL (an overlay's nodes sit in an app's tree: docs/config.md,
 * "Board overlays"); line 0 = unknown. */
struct fcc_loc {
    int line;
    int col;
    const char *file;
};

struct fcc_key {
    const char *name;
    bool required;
};

struct fcc_loc fcc_loc_of(const struct fcc_node *n);

void fcc_src_error(const struct fcc_src *s, struct fcc_loc at,
                   const char *fmt, ...) FCC_PRINTF(3, 4);

/* "file:line:col" of a second place an error points at (at.file, else
 * s's file): with board overlays it may be in another file than the
 * error's.  Valid until the end of the full expression:
 * fcc_at(s, o->at).text as a printf argument. */
struct fcc_at_text {
    char text[512];
};
struct fcc_at_text fcc_at(const struct fcc_src *s, struct fcc_loc at);

/* The position of key's value in map; line 0 when absent. */
struct fcc_loc fcc_loc_of_key(const struct fcc_node *map, const char *key);

/* Reports n unless it is of `kind`; `what` names it ("'memory'"). */
bool fcc_expect_kind(const struct fcc_src *s, const struct fcc_node *n,
                     enum fcc_node_kind kind, const char *what);

/* Checks that n is a mapping whose keys are all in keys[] (each once) and
 * that every required key is present.  `what` names the mapping in
 * messages ("partition 'ping'").  False only when n is not a mapping. */
bool fcc_map_check(const struct fcc_src *s, const struct fcc_node *n,
                   const char *what, const struct fcc_key *keys,
                   size_t nkeys);

/* Checks that n is a mapping with scalar keys, each once, whatever they
 * are (a mapping of names: `irqs: { rx: 0, tx: 1 }`).  False when n is
 * not a mapping or a key is bad. */
bool fcc_map_check_any(const struct fcc_src *s, const struct fcc_node *n,
                       const char *what);

/* The value of key in map (first occurrence), or NULL. */
const struct fcc_node *fcc_map_value(const struct fcc_node *map,
                                     const char *key);

/* The scalar text of key if it is a plain identifier-ish string, for
 * labels in messages before the mapping is checked; NULL otherwise. */
const char *fcc_peek_string(const struct fcc_node *map, const char *key);

bool fcc_get_string(const struct fcc_src *s, const struct fcc_node *map,
                    const char *key, const char **out);
bool fcc_get_int(const struct fcc_src *s, const struct fcc_node *map,
                 const char *key, int64_t min, int64_t max, int64_t *out);
bool fcc_get_size(const struct fcc_src *s, const struct fcc_node *map,
                  const char *key, uint64_t max, uint64_t *out);
bool fcc_get_time(const struct fcc_src *s, const struct fcc_node *map,
                  const char *key, struct fcc_time *out);

/* The index in names[] of the string under key, or -1 (absent, or after
 * an error "'key' must be a, b or c, found 'x'"). */
int fcc_get_choice(const struct fcc_src *s, const struct fcc_node *map,
                   const char *key, const char *const *names, size_t n);

/* true or false. */
bool fcc_get_bool(const struct fcc_src *s, const struct fcc_node *map,
                  const char *key, bool *out);

/* fcc_get_time for a time that must be > 0: what a period, a frame or a
 * capacity of 0 would mean is better said by leaving the key out. */
bool fcc_get_positive_time(const struct fcc_src *s, const struct fcc_node *map,
                           const char *key, struct fcc_time *out);

/* t in cycles at hz, or false after an error at `at` naming key, the time
 * and the clock (and the granule that would be whole). */
bool fcc_to_cycles(const struct fcc_src *s, struct fcc_loc at,
                   const char *key, struct fcc_time t, uint64_t hz,
                   uint64_t *cycles);

/* A sequence under key; an empty one is an error when nonempty is set. */
bool fcc_get_seq(const struct fcc_src *s, const struct fcc_node *map,
                 const char *key, bool nonempty, const struct fcc_node **out);

/* An optional sequence under key: *out is NULL when the key is absent or
 * the sequence empty (nothing to read).  False after an error. */
bool fcc_get_opt_seq(const struct fcc_src *s, const struct fcc_node *map,
                     const char *key, const struct fcc_node **out);

/* Label "<kind> '<name>'" or "<kind>" when the name is not known. */
void fcc_label(char *buf, size_t size, const char *kind, const char *name);


/* A name: 1..63 characters of letters, digits, '_', '.', '-'. */
bool fcc_get_name(const struct fcc_src *s, const struct fcc_node *map,
                  const char *key, const char **out);

/* fcc_get_name of at most max characters (it must fit a fixed name field
 * of the kernel's); `what` names it in the error ("schedule name"). */
bool fcc_get_short_name(const struct fcc_src *s, const struct fcc_node *map,
                        const char *key, size_t max, const char *what,
                        const char **out);

/* An array of n structs of `stride` bytes, each with a name (a const
 * char *, NULL when unknown) at byte `name` and the name's position (a
 * struct fcc_loc) at byte `at`. */
struct fcc_names {
    const void *items;
    size_t n;
    size_t stride;
    size_t name;
    size_t at;
};

/* Reports every item whose name an earlier item has, at the later one:
 * "duplicate <kind> name '<name>' in <owner> (first declared at L:C)",
 * without " in <owner>" when owner is NULL.  False if there is one. */
bool fcc_check_unique_names(const struct fcc_src *s, struct fcc_names v,
                            const char *kind, const char *owner);

/* `base` and `size` of a 32-bit address range: base an integer, size a
 * size > 0, and base + size <= 4 GiB.  False if either is missing or bad. */
bool fcc_get_range(const struct fcc_src *s, const struct fcc_node *map,
                   uint64_t *base, uint64_t *size);

/* Board memory blocks are described in pages of this size (the
 * simulator's page). */
#define FCC_MEM_GRANULE 1024

/* fcc_get_range for board memory: base and size also multiples of
 * FCC_MEM_GRANULE, each refused at its own position. */
bool fcc_get_aligned_range(const struct fcc_src *s, const struct fcc_node *map,
                           uint64_t *base, uint64_t *size);

/* The range of an app memory or shared region: `size` > 0 required,
 * `base` optional (has_base says whether it was given), both multiples of
 * FCC_MPU_GRANULE, each refused at its own position; base + size <= 4 GiB.
 * False if size is missing or anything is bad. */
bool fcc_get_mpu_range(const struct fcc_src *s, const struct fcc_node *map,
                       bool *has_base, uint64_t *base, uint64_t *size);

#endif
