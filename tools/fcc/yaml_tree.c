/*
 * yaml_tree.c - libyaml's event stream turned into a fcc_node tree.
 *
 * The event API is used (not libyaml's document API) so that aliases can
 * be refused with a position and nesting can be bounded.  The tree is
 * built with an explicit stack of open containers.
 */
#include "yaml_tree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct builder {
    struct fcc_diag *diag;
    const char *file;
    const char *text;
    size_t len;
    struct fcc_node *root;
    struct fcc_node *stack[FCC_YAML_MAX_DEPTH];
    int depth;
    int documents;
    bool failed;
};

const char *fcc_node_kind_name(enum fcc_node_kind kind)
{
    switch (kind) {
    case FCC_NODE_SCALAR: return "a scalar";
    case FCC_NODE_SEQ: return "a sequence";
    case FCC_NODE_MAP: return "a mapping";
    }
    return "a node";
}

void fcc_node_free(struct fcc_node *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->nitems; i++)
        fcc_node_free(n->items[i]);
    free(n->items);
    free(n->text);
    free(n);
}

static void fail_at(struct builder *b, yaml_mark_t m, const char *msg)
{
    fcc_error_at(b->diag, b->file, (int)m.line + 1, (int)m.column + 1, "%s",
                 msg);
    b->failed = true;
}

static struct fcc_node *new_node(const struct builder *b,
                                 enum fcc_node_kind kind, yaml_mark_t m)
{
    struct fcc_node *n = calloc(1, sizeof(*n));
    if (n) {
        n->kind = kind;
        n->file = b->file;
        n->line = (int)m.line + 1;
        n->col = (int)m.column + 1;
    }
    return n;
}

/* Appends child to the innermost open container (a map takes its keys and
 * values in turn), or makes it the root. */
static bool attach(struct builder *b, struct fcc_node *child)
{
    if (b->depth == 0) {
        b->root = child;
        return true;
    }
    struct fcc_node *p = b->stack[b->depth - 1];
    struct fcc_node **v = realloc(p->items, (p->nitems + 1) * sizeof(*v));
    if (!v)
        return false;
    p->items = v;
    p->items[p->nitems++] = child;
    p->count = p->kind == FCC_NODE_MAP ? p->nitems / 2 : p->nitems;
    return true;
}

static void on_scalar(struct builder *b, const yaml_event_t *ev)
{
    size_t len = ev->data.scalar.length;
    /* A "\0" escape would silently cut the value short as a C string. */
    if (memchr(ev->data.scalar.value, '\0', len)) {
        fail_at(b, ev->start_mark, "a NUL character (\\0) is not allowed in a value");
        return;
    }
    struct fcc_node *n = new_node(b, FCC_NODE_SCALAR, ev->start_mark);
    if (n)
        n->text = malloc(len + 1);
    if (!n || !n->text) {
        fcc_node_free(n);
        fail_at(b, ev->start_mark, "out of memory");
        return;
    }
    memcpy(n->text, ev->data.scalar.value, len);
    n->text[len] = '\0';
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    if (!attach(b, n)) {
        fcc_node_free(n);
        fail_at(b, ev->start_mark, "out of memory");
    }
}

static void on_open(struct builder *b, const yaml_event_t *ev,
                    enum fcc_node_kind kind)
{
    if (b->depth == FCC_YAML_MAX_DEPTH) {
        fail_at(b, ev->start_mark, "nesting is deeper than 64 levels");
        return;
    }
    struct fcc_node *n = new_node(b, kind, ev->start_mark);
    if (!n || !attach(b, n)) {
        fcc_node_free(n);
        fail_at(b, ev->start_mark, "out of memory");
        return;
    }
    b->stack[b->depth++] = n;
}

static void on_document(struct builder *b, const yaml_event_t *ev)
{
    if (++b->documents > 1)
        fail_at(b, ev->start_mark,
                "only one YAML document is allowed in a config file");
}

/* One event; sets b->failed on anything the tree cannot hold. */
static void on_event(struct builder *b, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT: on_document(b, ev); break;
    case YAML_SCALAR_EVENT: on_scalar(b, ev); break;
    case YAML_SEQUENCE_START_EVENT: on_open(b, ev, FCC_NODE_SEQ); break;
    case YAML_MAPPING_START_EVENT: on_open(b, ev, FCC_NODE_MAP); break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: b->depth -= b->depth > 0; break;
    case YAML_ALIAS_EVENT:
        fail_at(b, ev->start_mark,
                "YAML aliases are not supported: write the value out");
        break;
    default: break;
    }
}

/* 1-based line and column of byte offset off, for reader errors, which
 * carry an offset but no mark. */
static yaml_mark_t mark_of_offset(const char *text, size_t len, size_t off)
{
    yaml_mark_t m = { 0, 0, 0 };
    for (size_t i = 0; i < off && i < len; i++) {
        if (text[i] == '\n') {
            m.line++;
            m.column = 0;
        } else {
            m.column++;
        }
    }
    return m;
}

/* Reports libyaml's error at its problem mark, with its context. */
static void syntax_error(struct builder *b, const yaml_parser_t *p)
{
    yaml_mark_t m = p->problem_mark;
    if (p->error == YAML_READER_ERROR)
        m = mark_of_offset(b->text, b->len, p->problem_offset);
    const char *problem = p->problem ? p->problem : "cannot parse";
    if (p->context)
        fcc_error_at(b->diag, b->file, (int)m.line + 1, (int)m.column + 1,
                     "YAML syntax error: %s (%s at %s:%d:%d)", problem,
                     p->context, b->file, (int)p->context_mark.line + 1,
                     (int)p->context_mark.column + 1);
    else
        fcc_error_at(b->diag, b->file, (int)m.line + 1, (int)m.column + 1,
                     "YAML syntax error: %s", problem);
    b->failed = true;
}

struct fcc_node *fcc_yaml_load(struct fcc_diag *d, const char *file,
                               const char *text, size_t len)
{
    struct builder b = { .diag = d, .file = file, .text = text, .len = len };
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        fcc_error_at(d, file, 0, 0, "out of memory");
        return NULL;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    bool done = false;
    while (!done && !b.failed) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            syntax_error(&b, &p);
            break;
        }
        on_event(&b, &ev);
        done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    if (b.failed) {
        fcc_node_free(b.root);
        return NULL;
    }
    return b.root;
}
