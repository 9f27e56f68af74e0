/*
 * yaml_tree.h - a YAML document loaded into a small tree of nodes, each
 * with the 1-based line and column where it starts.
 *
 * Only what config files need: mappings, sequences and scalars, one
 * document per file.  Aliases are refused (a config should say each thing
 * once, in one place an error can point at); tags and anchors are ignored.
 */
#ifndef FCC_YAML_TREE_H
#define FCC_YAML_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

enum fcc_node_kind {
    FCC_NODE_SCALAR,
    FCC_NODE_SEQ,
    FCC_NODE_MAP,
};

struct fcc_node {
    enum fcc_node_kind kind;
    const char *file; /* the file it was read from (the loader's name) */
    int line;
    int col;
    char *text;  /* scalar: the value, NUL-terminated; else NULL */
    bool plain;  /* scalar: written without quotes */
    size_t count; /* seq: items; map: complete key/value pairs */
    size_t nitems; /* entries used in items[] */
    struct fcc_node **items; /* seq: items[i]; map: key items[2i], value items[2i+1] */
};

/* Deepest nesting accepted; deeper input is an error, never a crash. */
#define FCC_YAML_MAX_DEPTH 64

/* Loads text (len bytes) named `file` in errors.  Returns the root node, or
 * NULL with an error recorded (or NULL and no error for an empty file). */
struct fcc_node *fcc_yaml_load(struct fcc_diag *d, const char *file,
                               const char *text, size_t len);
void fcc_node_free(struct fcc_node *n);

/* "a mapping", "a sequence", "a scalar": for messages. */
const char *fcc_node_kind_name(enum fcc_node_kind kind);

#endif
