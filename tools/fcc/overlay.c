/*
 * overlay.c - board overlays (see overlay.h): find the overlay of a
 * board in a folder, check it, and move its nodes into the app's tree.
 */
#include "overlay.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "schema.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_OVERLAYS 64

static const struct fcc_key overlay_keys[] = {
    { "boards", true }, { "partitions", false }, { "shared", false },
};
static const struct fcc_key partition_keys[] = {
    { "name", true }, { "memory", true },
};

/* One overlay file, loaded. */
struct overlay {
    char *path;
    struct fcc_node *root;
    struct fcc_src src;
    const struct fcc_node *names_board; /* its entry of `boards`, or NULL */
};

/* ------------------------------------------------------------------------
 * Reading the folder
 * --------------------------------------------------------------------- */

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static bool is_yaml(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

/* The paths of dir's *.yaml files, sorted (so that errors come in a fixed
 * order); returns how many, at most max. */
static size_t list_overlays(struct fcc_diag *d, const char *dir, char **paths,
                            size_t max)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    size_t n = 0;
    if (!dp)
        fcc_error_at(d, dir, 0, 0, "cannot read the overlay folder: %s",
                     strerror(errno));
    while (dp && n < max && (e = readdir(dp)) != NULL) {
        if (!is_yaml(e->d_name))
            continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        if ((paths[n] = malloc(len)) != NULL)
            snprintf(paths[n++], len, "%s/%s", dir, e->d_name);
    }
    if (dp)
        closedir(dp);
    qsort(paths, n, sizeof(*paths), by_name);
    return n;
}

/* Its `boards`: a sequence of board names; names_board is the entry
 * equal to board, if any. */
static void read_boards(struct overlay *o, const char *board)
{
    const struct fcc_node *seq;
    if (!fcc_get_seq(&o->src, o->root, "boards", true, &seq))
        return;
    for (size_t i = 0; i < seq->count; i++) {
        const struct fcc_node *b = seq->items[i];
        if (fcc_expect_kind(&o->src, b, FCC_NODE_SCALAR, "an entry of "
                            "'boards'") && strcmp(b->text, board) == 0)
            o->names_board = b;
    }
}

static bool load(struct fcc_diag *d, char *path, const char *board,
                 struct overlay *o)
{
    size_t len;
    char *text = fcc_read_file(path, &len);
    *o = (struct overlay){ .path = path, .src = { d, path } };
    if (!text) {
        fcc_error_at(d, path, 0, 0, "cannot read the overlay: %s",
                     strerror(errno));
        return false;
    }
    o->root = fcc_yaml_load(d, path, text, len);
    free(text);
    if (!o->root)
        fcc_error_at(d, path, 1, 1, "the overlay is empty; expected a "
                     "mapping with 'boards'");
    else if (fcc_map_check(&o->src, o->root, "the overlay", overlay_keys,
                           COUNT(overlay_keys)))
        read_boards(o, board);
    return o->root != NULL;
}

/* ------------------------------------------------------------------------
 * Applying one
 * --------------------------------------------------------------------- */

/* The slot holding key's value in map, or NULL. */
static struct fcc_node **value_slot(struct fcc_node *map, const char *key)
{
    for (size_t i = 0; map && map->kind == FCC_NODE_MAP && i < map->count;
         i++) {
        struct fcc_node *k = map->items[2 * i];
        if (k->kind == FCC_NODE_SCALAR && strcmp(k->text, key) == 0)
            return &map->items[2 * i + 1];
    }
    return NULL;
}

/* The slot of the item of the app's list `key` whose name is name. */
static struct fcc_node **named_item(struct fcc_node *root, const char *key,
                                    const char *name)
{
    struct fcc_node **list = value_slot(root, key);
    for (size_t i = 0; list && (*list)->kind == FCC_NODE_SEQ &&
                       i < (*list)->count; i++) {
        const char *n = fcc_peek_string((*list)->items[i], "name");
        if (n && strcmp(n, name) == 0)
            return &(*list)->items[i];
    }
    return NULL;
}

static void swap(struct fcc_node **a, struct fcc_node **b)
{
    struct fcc_node *t = *a;
    *a = *b;
    *b = t;
}

/* The app's names of list `key` for a message: "ping, pong". */
static void names_of(struct fcc_node *root, const char *key, char *buf,
                     size_t size)
{
    struct fcc_node **list = value_slot(root, key);
    buf[0] = '\0';
    for (size_t i = 0; list && (*list)->kind == FCC_NODE_SEQ &&
                       i < (*list)->count; i++) {
        const char *n = fcc_peek_string((*list)->items[i], "name");
        if (n)
            fcc_list_append(buf, size, n);
    }
}

/* The app's item of `key` named like the overlay's item, or NULL after an
 * error at the overlay's name. */
static struct fcc_node **app_item(const struct overlay *o,
                                  struct fcc_node *item, struct fcc_node *app,
                                  const char *key, const char *kind,
                                  const char *app_file)
{
    const char *name;
    if (!fcc_get_name(&o->src, item, "name", &name))
        return NULL;
    struct fcc_node **slot = named_item(app, key, name);
    if (!slot) {
        char list[256];
        names_of(app, key, list, sizeof(list));
        fcc_src_error(&o->src, fcc_loc_of_key(item, "name"), "the overlay "
                      "names unknown %s '%s' (%s of %s: %s)", kind, name, key,
                      app_file, list[0] ? list : "none");
    }
    return slot;
}

/* A partition's entry gives its memory list: swapped with the app's, so
 * each tree still owns what it frees. */
static void apply_partitions(struct overlay *o, struct fcc_node *app,
                             const char *app_file)
{
    struct fcc_node **seq = value_slot(o->root, "partitions");
    if (!seq || !fcc_expect_kind(&o->src, *seq, FCC_NODE_SEQ, "'partitions'"))
        return;
    for (size_t i = 0; i < (*seq)->count; i++) {
        struct fcc_node *item = (*seq)->items[i];
        char what[96];
        fcc_label(what, sizeof(what), "partition",
                  fcc_peek_string(item, "name"));
        if (!fcc_map_check(&o->src, item, what, partition_keys,
                           COUNT(partition_keys)))
            continue;
        struct fcc_node **part = app_item(o, item, app, "partitions",
                                          "partition", app_file);
        struct fcc_node **mine = value_slot(item, "memory");
        struct fcc_node **theirs = part ? value_slot(*part, "memory") : NULL;
        if (mine && theirs)
            swap(mine, theirs);
    }
}

/* A shared region's entry replaces the app's entry whole. */
static void apply_shared(struct overlay *o, struct fcc_node *app,
                         const char *app_file)
{
    struct fcc_node **seq = value_slot(o->root, "shared");
    if (!seq || !fcc_expect_kind(&o->src, *seq, FCC_NODE_SEQ, "'shared'"))
        return;
    for (size_t i = 0; i < (*seq)->count; i++) {
        struct fcc_node **item = &(*seq)->items[i];
        if (!fcc_expect_kind(&o->src, *item, FCC_NODE_MAP, "a shared region"))
            continue;
        struct fcc_node **slot = app_item(o, *item, app, "shared",
                                          "shared region", app_file);
        if (slot)
            swap(item, slot);
    }
}

/* ------------------------------------------------------------------------
 * The folder's overlay for a board
 * --------------------------------------------------------------------- */

/* The overlay naming board, or NULL; two naming it is an error. */
static struct overlay *pick(struct overlay *v, size_t n, const char *board)
{
    struct overlay *found = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!v[i].names_board)
            continue;
        if (found)
            fcc_src_error(&v[i].src, fcc_loc_of(v[i].names_board), "board "
                          "'%s' already has an overlay, %s", board,
                          found->path);
        else
            found = &v[i];
    }
    return found;
}

char *fcc_overlay_apply(struct fcc_diag *d, const char *dir,
                        const char *board, const char *app_file,
                        struct fcc_node *root)
{
    char *paths[MAX_OVERLAYS];
    struct overlay v[MAX_OVERLAYS];
    size_t errors = fcc_diag_count(d);
    size_t n = list_overlays(d, dir, paths, MAX_OVERLAYS);
    for (size_t i = 0; i < n; i++)
        load(d, paths[i], board, &v[i]);
    struct overlay *o = pick(v, n, board);
    if (o && fcc_diag_count(d) == errors) {
        apply_partitions(o, root, app_file);
        apply_shared(o, root, app_file);
    }
    char *used = o && fcc_diag_count(d) == errors ? o->path : NULL;
    for (size_t i = 0; i < n; i++) {
        fcc_node_free(v[i].root);
        if (v[i].path != used)
            free(v[i].path);
    }
    return used;
}
