/*
 * object.c - parsing of a partition's semaphores, events, blackboards,
 * buffers and mutexes, and the rules on them.
 */
#include "object.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct fcc_key semaphore_keys[] = {
    { "name", true }, { "initial", false }, { "maximum", true },
    { "discipline", false },
};
static const struct fcc_key event_keys[] = {
    { "name", true },
};
static const struct fcc_key blackboard_keys[] = {
    { "name", true }, { "message_size", true },
};
static const struct fcc_key buffer_keys[] = {
    { "name", true }, { "message_size", true }, { "depth", true },
    { "discipline", false },
};
static const struct fcc_key mutex_keys[] = {
    { "name", true }, { "protocol", false }, { "ceiling", false },
};

typedef bool parse_fn(const struct fcc_src *s, const struct fcc_node *n,
                      const char *what, struct fcc_object *o);

/* One kind of object: its list in app.yaml and how an entry is read. */
struct kind {
    const char *list;  /* "semaphores" */
    const char *word;  /* "semaphore" */
    const char *cname; /* "CFG_OBJ_SEMAPHORE" */
    const struct fcc_key *keys;
    size_t nkeys;
    parse_fn *parse;   /* the keys besides the name; NULL: none */
};

static parse_fn parse_semaphore, parse_blackboard, parse_buffer, parse_mutex;

/* In enum fcc_object_kind order, which is the table order. */
static const struct kind kinds[FCC_OBJ_KIND_COUNT] = {
    { "semaphores", "semaphore", "CFG_OBJ_SEMAPHORE", semaphore_keys,
      COUNT(semaphore_keys), parse_semaphore },
    { "events", "event", "CFG_OBJ_EVENT", event_keys, COUNT(event_keys),
      NULL },
    { "blackboards", "blackboard", "CFG_OBJ_BLACKBOARD", blackboard_keys,
      COUNT(blackboard_keys), parse_blackboard },
    { "buffers", "buffer", "CFG_OBJ_BUFFER", buffer_keys, COUNT(buffer_keys),
      parse_buffer },
    { "mutexes", "mutex", "CFG_OBJ_MUTEX", mutex_keys, COUNT(mutex_keys),
      parse_mutex },
};

const char *fcc_object_kind_word(int kind)
{
    return kinds[kind].word;
}

const char *fcc_object_kind_cname(int kind)
{
    return kinds[kind].cname;
}

unsigned fcc_object_slots(const struct fcc_object *o)
{
    if (o->kind == FCC_OBJ_BLACKBOARD || o->kind == FCC_OBJ_BUFFER)
        return o->depth;
    return 0;
}

/* ------------------------------------------------------------------------
 * Each kind
 * --------------------------------------------------------------------- */

static bool parse_semaphore(const struct fcc_src *s, const struct fcc_node *n,
                            const char *what, struct fcc_object *o)
{
    bool ok = fcc_get_discipline(s, n, &o->discipline);
    bool counts = fcc_get_int(s, n, "maximum", 1, FCC_MAX_SEMAPHORE,
                              &o->maximum);
    if (fcc_map_value(n, "initial"))
        counts &= fcc_get_int(s, n, "initial", 0, FCC_MAX_SEMAPHORE,
                              &o->initial);
    if (!counts || o->initial <= o->maximum)
        return ok && counts;
    fcc_src_error(s, fcc_loc_of_key(n, "initial"), "initial %" PRId64
                  " of %s is more than its maximum %" PRId64, o->initial,
                  what, o->maximum);
    return false;
}

/* A blackboard holds one message, the latest. */
static bool parse_blackboard(const struct fcc_src *s, const struct fcc_node *n,
                             const char *what, struct fcc_object *o)
{
    (void)what;
    o->depth = 1;
    return fcc_get_message_size(s, n, &o->max_message);
}

static bool parse_buffer(const struct fcc_src *s, const struct fcc_node *n,
                         const char *what, struct fcc_object *o)
{
    (void)what;
    bool ok = fcc_get_message_size(s, n, &o->max_message);
    ok &= fcc_get_depth(s, n, &o->depth);
    ok &= fcc_get_discipline(s, n, &o->discipline);
    return ok;
}

/* The ceiling is the priority a holder runs at; it says something only
 * with the ceiling protocol, and that protocol needs it.  Waiters are
 * always served by priority. */
static bool parse_mutex(const struct fcc_src *s, const struct fcc_node *n,
                        const char *what, struct fcc_object *o)
{
    static const char *const protocols[] = { "inherit", "ceiling" };
    const struct fcc_node *c = fcc_map_value(n, "ceiling");
    int64_t ceiling = 0;
    o->discipline = FCC_DISCIPLINE_PRIORITY;
    o->protocol = FCC_MUTEX_INHERIT;
    if (fcc_map_value(n, "protocol") &&
        (o->protocol = fcc_get_choice(s, n, "protocol", protocols,
                                      COUNT(protocols))) < 0)
        return false;
    if (o->protocol == FCC_MUTEX_INHERIT && c) {
        fcc_src_error(s, fcc_loc_of(c), "%s cannot have 'ceiling': its "
                      "protocol is inherit (give 'protocol: ceiling')", what);
        return false;
    }
    if (o->protocol == FCC_MUTEX_CEILING && !c) {
        fcc_src_error(s, fcc_loc_of(n), "%s is missing required key "
                      "'ceiling' (its protocol is ceiling)", what);
        return false;
    }
    bool ok = !c || fcc_get_int(s, n, "ceiling", 1, 255, &ceiling);
    o->ceiling = (unsigned)ceiling;
    return ok;
}

/* ------------------------------------------------------------------------
 * The lists
 * --------------------------------------------------------------------- */

static void parse_object(const struct fcc_src *s, const struct fcc_node *n,
                         int kind, const char *part, struct fcc_object *o)
{
    const struct kind *k = &kinds[kind];
    char label[64], what[160], name_what[32];
    fcc_label(label, sizeof(label), k->word, fcc_peek_string(n, "name"));
    snprintf(what, sizeof(what), "%s of %s", label, part);
    snprintf(name_what, sizeof(name_what), "%s name", k->word);
    o->kind = kind;
    o->at = fcc_loc_of(n);
    o->name_at = fcc_loc_of_key(n, "name");
    if (!fcc_map_check(s, n, what, k->keys, k->nkeys))
        return;
    bool ok = fcc_get_short_name(s, n, "name", FCC_MAX_NAME_LEN, name_what,
                                 &o->name);
    if (k->parse)
        ok &= k->parse(s, n, what, o);
    o->ok = ok;
}

static bool loc_before(struct fcc_loc x, struct fcc_loc y)
{
    return x.line < y.line || (x.line == y.line && x.col < y.col);
}

/* The object of p declared first in the file with o's name, when that is
 * not o (the kinds' lists may come in any order). */
static const struct fcc_object *first_named(const struct fcc_partition *p,
                                            const struct fcc_object *o)
{
    const struct fcc_object *first = o;
    for (size_t i = 0; i < p->num_objects; i++) {
        const struct fcc_object *q = &p->objects[i];
        if (q->name && strcmp(q->name, o->name) == 0 &&
            loc_before(q->name_at, first->name_at))
            first = q;
    }
    return first == o ? NULL : first;
}

/* A process finds an object by its name: unique across all kinds. */
static bool check_unique(const struct fcc_src *s, const char *what,
                         const struct fcc_partition *p)
{
    bool ok = true;
    for (size_t i = 0; i < p->num_objects; i++) {
        const struct fcc_object *o = &p->objects[i];
        const struct fcc_object *first = o->name ? first_named(p, o) : NULL;
        if (!first)
            continue;
        fcc_src_error(s, o->name_at, "duplicate object name '%s' in %s "
                      "(first declared at %s)", o->name, what,
                      fcc_at(s, first->name_at).text);
        ok = false;
    }
    return ok;
}

/* The entry that is object number FCC_MAX_OBJECTS + 1 in table order. */
static const struct fcc_node *
first_too_many(const struct fcc_node *const seqs[FCC_OBJ_KIND_COUNT])
{
    size_t left = FCC_MAX_OBJECTS;
    for (int k = 0; k < FCC_OBJ_KIND_COUNT; k++) {
        size_t n = seqs[k] ? seqs[k]->count : 0;
        if (n > left)
            return seqs[k]->items[left];
        left -= n;
    }
    return NULL;
}

bool fcc_objects_parse(const struct fcc_src *s, const struct fcc_node *n,
                       const char *what, struct fcc_partition *p)
{
    const struct fcc_node *seqs[FCC_OBJ_KIND_COUNT];
    size_t total = 0;
    bool ok = true;
    for (int k = 0; k < FCC_OBJ_KIND_COUNT; k++) {
        ok &= fcc_get_opt_seq(s, n, kinds[k].list, &seqs[k]);
        total += seqs[k] ? seqs[k]->count : 0;
    }
    if (total > FCC_MAX_OBJECTS) {
        fcc_src_error(s, fcc_loc_of(first_too_many(seqs)), "%zu objects in "
                      "%s, more than the %d a partition can have", total,
                      what, FCC_MAX_OBJECTS);
        return false;
    }
    if (total == 0)
        return ok;
    p->objects = calloc(total, sizeof(*p->objects));
    if (!p->objects)
        return false;
    for (int k = 0; k < FCC_OBJ_KIND_COUNT; k++)
        for (size_t i = 0; seqs[k] && i < seqs[k]->count; i++) {
            struct fcc_object *o = &p->objects[p->num_objects++];
            parse_object(s, seqs[k]->items[i], k, what, o);
            ok &= o->ok;
        }
    return check_unique(s, what, p) && ok;
}

void fcc_objects_free(struct fcc_partition *p)
{
    free(p->objects);
    p->objects = NULL;
    p->num_objects = 0;
}
