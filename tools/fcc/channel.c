/*
 * channel.c - parsing of `channels:` and the rules on channels and their
 * ports: kinds and what each kind may say, message sizes, depths,
 * refresh times, endpoints, and port names unique within a partition.
 */
#include "channel.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct fcc_key channel_keys[] = {
    { "name", true }, { "kind", true }, { "message_size", true },
    { "depth", false }, { "discipline", false }, { "refresh", false },
    { "source", true }, { "destination", false }, { "destinations", false },
};

/* ------------------------------------------------------------------------
 * Values shared with object.c
 * --------------------------------------------------------------------- */

bool fcc_get_message_size(const struct fcc_src *s, const struct fcc_node *map,
                          uint64_t *out)
{
    uint64_t v;
    if (!fcc_get_size(s, map, "message_size", UINT64_MAX, &v))
        return false;
    if (v >= 1 && v <= FCC_MAX_MESSAGE) {
        *out = v;
        return true;
    }
    fcc_src_error(s, fcc_loc_of_key(map, "message_size"), "'message_size' "
                  "is %s, out of range 1..%d bytes",
                  fcc_map_value(map, "message_size")->text, FCC_MAX_MESSAGE);
    return false;
}

bool fcc_get_depth(const struct fcc_src *s, const struct fcc_node *map,
                   unsigned *out)
{
    int64_t v;
    if (!fcc_get_int(s, map, "depth", 1, FCC_MAX_DEPTH, &v))
        return false;
    *out = (unsigned)v;
    return true;
}

bool fcc_get_discipline(const struct fcc_src *s, const struct fcc_node *map,
                        int *out)
{
    static const char *const names[] = { "fifo", "priority" };
    *out = FCC_DISCIPLINE_FIFO;
    if (!fcc_map_value(map, "discipline"))
        return true;
    *out = fcc_get_choice(s, map, "discipline", names, COUNT(names));
    return *out >= 0;
}

/* ------------------------------------------------------------------------
 * Endpoints
 * --------------------------------------------------------------------- */

static bool port_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Why text is not <partition>.<port>, or NULL when it is. */
static const char *endpoint_problem(const char *text, const char *dot)
{
    if (!dot)
        return "it has no '.'";
    if (dot == text)
        return "the partition name is empty";
    if (dot[1] == '\0')
        return "the port name is empty";
    for (const char *p = dot + 1; *p; p++)
        if (!port_char(*p))
            return "a port name has only letters, digits, '_' and '-'";
    return NULL;
}

/* v as `<partition>.<port>` of a partition of a; `role` is "source" or
 * "destination", `what` the channel ("channel 'samples'"). */
static bool parse_endpoint(const struct fcc_app *a, const struct fcc_node *v,
                           const char *role, const char *what,
                           struct fcc_endpoint *ep)
{
    const struct fcc_src *s = &a->src;
    char label[64];
    ep->part = -1;
    ep->at = fcc_loc_of(v);
    snprintf(label, sizeof(label), "the %s of %s", role, what);
    if (!fcc_expect_kind(s, v, FCC_NODE_SCALAR, label))
        return false;
    ep->text = v->text;
    const char *dot = strchr(v->text, '.');
    const char *why = endpoint_problem(v->text, dot);
    if (why) {
        fcc_src_error(s, ep->at, "%s '%s' of %s is not <partition>.<port>: "
                      "%s", role, v->text, what, why);
        return false;
    }
    size_t len = strlen(dot + 1);
    if (len > FCC_MAX_NAME_LEN) {
        fcc_src_error(s, ep->at, "port name '%s' of %s '%s' of %s is %zu "
                      "characters long, more than %d", dot + 1, role,
                      v->text, what, len, FCC_MAX_NAME_LEN);
        return false;
    }
    ep->part = fcc_app_find_partition_n(a, v->text, (size_t)(dot - v->text));
    if (ep->part < 0) {
        char names[512];
        fcc_app_partition_list(a, names, sizeof(names));
        fcc_src_error(s, ep->at, "%s '%s' of %s names unknown partition "
                      "'%.*s' (partitions: %s)", role, v->text, what,
                      (int)(dot - v->text), v->text, names);
        return false;
    }
    ep->port = dot + 1;
    ep->ok = true;
    return true;
}

/* ------------------------------------------------------------------------
 * Destinations
 * --------------------------------------------------------------------- */

/* A queuing channel has one receiver; a sampling channel up to
 * FCC_MAX_DESTINATIONS readers. */
static bool check_destination_count(const struct fcc_src *s,
                                    const struct fcc_node *seq,
                                    const char *what,
                                    const struct fcc_channel *ch)
{
    if (ch->kind == FCC_CHANNEL_QUEUING && seq->count > 1)
        fcc_src_error(s, fcc_loc_of(seq), "queuing %s has %zu destinations; "
                      "a queuing channel has exactly one", what, seq->count);
    else if (ch->kind == FCC_CHANNEL_SAMPLING &&
             seq->count > FCC_MAX_DESTINATIONS)
        fcc_src_error(s, fcc_loc_of(seq), "sampling %s has %zu destinations, "
                      "more than %d", what, seq->count, FCC_MAX_DESTINATIONS);
    else
        return true;
    return false;
}

static bool parse_destination_list(const struct fcc_app *a,
                                   const struct fcc_node *n, const char *what,
                                   struct fcc_channel *ch)
{
    const struct fcc_node *seq;
    if (!fcc_get_seq(&a->src, n, "destinations", true, &seq) ||
        !check_destination_count(&a->src, seq, what, ch))
        return false;
    ch->destinations = calloc(seq->count, sizeof(*ch->destinations));
    if (!ch->destinations)
        return false;
    ch->num_destinations = seq->count;
    bool ok = true;
    for (size_t i = 0; i < seq->count; i++)
        ok &= parse_endpoint(a, seq->items[i], "destination", what,
                             &ch->destinations[i]);
    return ok;
}

/* `destination: p.x` or `destinations: [p.x, q.y]`, one of them. */
static bool parse_destinations(const struct fcc_app *a,
                               const struct fcc_node *n, const char *what,
                               struct fcc_channel *ch)
{
    const struct fcc_node *one = fcc_map_value(n, "destination");
    const struct fcc_node *many = fcc_map_value(n, "destinations");
    if (one && many) {
        fcc_src_error(&a->src, fcc_loc_of(many), "%s has both 'destination' "
                      "and 'destinations' (destination at %s); give one "
                      "of them", what, fcc_at(&a->src, fcc_loc_of(one)).text);
        return false;
    }
    if (!one && !many) {
        fcc_src_error(&a->src, fcc_loc_of(n), "%s is missing required key "
                      "'destination' (or 'destinations')", what);
        return false;
    }
    if (many)
        return parse_destination_list(a, n, what, ch);
    ch->destinations = calloc(1, sizeof(*ch->destinations));
    if (!ch->destinations)
        return false;
    ch->num_destinations = 1;
    return parse_endpoint(a, one, "destination", what, ch->destinations);
}

/* ------------------------------------------------------------------------
 * What each kind may say
 * --------------------------------------------------------------------- */

/* Reports key in n, which a channel of this kind cannot have. */
static bool refuse_key(const struct fcc_src *s, const struct fcc_node *n,
                       const char *key, const char *kind, const char *what,
                       const char *why)
{
    if (!fcc_map_value(n, key))
        return true;
    fcc_src_error(s, fcc_loc_of_key(n, key), "%s %s cannot have '%s' (%s)",
                  kind, what, key, why);
    return false;
}

static bool require_key(const struct fcc_src *s, const struct fcc_node *n,
                        const char *key, const char *kind, const char *what)
{
    if (fcc_map_value(n, key))
        return true;
    fcc_src_error(s, fcc_loc_of(n), "%s %s is missing required key '%s'",
                  kind, what, key);
    return false;
}

static bool parse_queuing(const struct fcc_src *s, const struct fcc_node *n,
                          const char *what, struct fcc_channel *ch)
{
    bool ok = refuse_key(s, n, "refresh", "queuing", what, "only sampling "
                         "messages expire");
    if (require_key(s, n, "depth", "queuing", what))
        ok &= fcc_get_depth(s, n, &ch->depth);
    else
        ok = false;
    ok &= fcc_get_discipline(s, n, &ch->discipline);
    return ok;
}

/* A sampling channel holds the latest message, valid for `refresh`;
 * nobody waits on it, so it has no discipline. */
static bool parse_sampling(const struct fcc_src *s, const struct fcc_node *n,
                           const char *what, struct fcc_channel *ch)
{
    bool ok = refuse_key(s, n, "depth", "sampling", what, "it holds one "
                         "message, the latest");
    ok &= refuse_key(s, n, "discipline", "sampling", what, "no process "
                     "waits on a sampling port");
    ch->depth = 1;
    ch->discipline = FCC_DISCIPLINE_FIFO;
    ch->refresh_at = fcc_loc_of_key(n, "refresh");
    if (!require_key(s, n, "refresh", "sampling", what))
        return false;
    ch->has_refresh = fcc_get_positive_time(s, n, "refresh", &ch->refresh_t);
    return ok && ch->has_refresh;
}

static bool parse_kind(const struct fcc_src *s, const struct fcc_node *n,
                       const char *what, struct fcc_channel *ch)
{
    static const char *const names[] = { "queuing", "sampling" };
    static const int kinds[] = { FCC_CHANNEL_QUEUING, FCC_CHANNEL_SAMPLING };
    int i = fcc_map_value(n, "kind")
                ? fcc_get_choice(s, n, "kind", names, COUNT(names)) : -1;
    if (i < 0)
        return false; /* reported, or missing (reported by the map check) */
    ch->kind = kinds[i];
    if (ch->kind == FCC_CHANNEL_QUEUING)
        return parse_queuing(s, n, what, ch);
    return parse_sampling(s, n, what, ch);
}

/* ------------------------------------------------------------------------
 * Channels
 * --------------------------------------------------------------------- */

static void parse_channel(const struct fcc_app *a, const struct fcc_node *n,
                          struct fcc_channel *ch)
{
    const struct fcc_src *s = &a->src;
    char what[64];
    fcc_label(what, sizeof(what), "channel", fcc_peek_string(n, "name"));
    ch->at = fcc_loc_of(n);
    ch->name_at = fcc_loc_of_key(n, "name");
    ch->kind = -1;
    ch->source.part = -1;
    if (!fcc_map_check(s, n, what, channel_keys, COUNT(channel_keys)))
        return;
    bool ok = fcc_get_short_name(s, n, "name", FCC_MAX_NAME_LEN,
                                 "channel name", &ch->name);
    ok &= parse_kind(s, n, what, ch);
    ok &= fcc_get_message_size(s, n, &ch->max_message);
    if (fcc_map_value(n, "source"))
        ok &= parse_endpoint(a, fcc_map_value(n, "source"), "source", what,
                             &ch->source);
    else
        ok = false;
    ok &= parse_destinations(a, n, what, ch);
    ch->ok = ok;
}

/* The number of ports of the channels: one per end. */
static size_t count_ports(const struct fcc_app *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->num_channels; i++)
        n += 1 + a->channels[i].num_destinations;
    return n;
}

/* ------------------------------------------------------------------------
 * Ports
 * --------------------------------------------------------------------- */

/* A channel from a port to itself would have a partition read its own
 * messages through one name; the table has one direction per port. */
static void check_loops(const struct fcc_app *a, struct fcc_channel *ch)
{
    const struct fcc_endpoint *src = &ch->source;
    for (size_t i = 0; src->ok && i < ch->num_destinations; i++) {
        struct fcc_endpoint *d = &ch->destinations[i];
        if (!d->ok || d->part != src->part || strcmp(d->port, src->port))
            continue;
        fcc_src_error(&a->src, d->at, "destination '%s' of channel '%s' is "
                      "its source (at %s)", d->text,
                      ch->name ? ch->name : "?", fcc_at(&a->src, src->at).text);
        d->ok = false; /* not a duplicate port as well */
    }
}

/* A well-formed endpoint and its place in the ports table. */
struct port_ref {
    const struct fcc_endpoint *ep;
    size_t order;
};

static void add_port(struct port_ref *v, size_t *n,
                     const struct fcc_endpoint *ep)
{
    if (!ep->ok)
        return;
    v[*n] = (struct port_ref){ ep, *n };
    (*n)++;
}

/* The well-formed endpoints, in ports-table order; *n their count. */
static struct port_ref *list_ports(const struct fcc_app *a, size_t *n)
{
    struct port_ref *v = calloc(count_ports(a) + 1, sizeof(*v));
    *n = 0;
    for (size_t i = 0; v && i < a->num_channels; i++) {
        const struct fcc_channel *ch = &a->channels[i];
        add_port(v, n, &ch->source);
        for (size_t j = 0; j < ch->num_destinations; j++)
            add_port(v, n, &ch->destinations[j]);
    }
    return v;
}

static bool loc_before(struct fcc_loc x, struct fcc_loc y)
{
    return x.line < y.line || (x.line == y.line && x.col < y.col);
}

/* By partition, then port name, then position in the file (so the
 * first of equal names is the one declared first). */
static int by_port(const void *x, const void *y)
{
    const struct fcc_endpoint *p = ((const struct port_ref *)x)->ep;
    const struct fcc_endpoint *q = ((const struct port_ref *)y)->ep;
    if (p->part != q->part)
        return p->part < q->part ? -1 : 1;
    int c = strcmp(p->port, q->port);
    if (c)
        return c;
    return loc_before(p->at, q->at) ? -1 : loc_before(q->at, p->at);
}

/* first[order]: the endpoint first declared with the same partition and
 * port name as the one at `order` in the table (itself if none). */
static void find_firsts(struct port_ref *v, size_t n,
                        const struct fcc_endpoint **first)
{
    qsort(v, n, sizeof(*v), by_port);
    for (size_t i = 0, g = 0; i < n; i++) {
        if (v[i].ep->part != v[g].ep->part ||
            strcmp(v[i].ep->port, v[g].ep->port) != 0)
            g = i;
        first[v[i].order] = v[g].ep;
    }
}

/* A partition finds a port by its name: within a partition, names are
 * unique across all channels.  Sorted, so many ports stay cheap; reported
 * in table order. */
static void check_port_names(const struct fcc_app *a)
{
    size_t n;
    struct port_ref *v = list_ports(a, &n);
    const struct fcc_endpoint **first = calloc(n + 1, sizeof(*first));
    const struct fcc_endpoint **ep = calloc(n + 1, sizeof(*ep));
    for (size_t i = 0; v && ep && i < n; i++)
        ep[i] = v[i].ep;
    if (v && first && ep)
        find_firsts(v, n, first);
    for (size_t i = 0; v && first && ep && i < n; i++) {
        if (first[i] == ep[i])
            continue;
        fcc_src_error(&a->src, ep[i]->at, "duplicate port name '%s' in "
                      "partition '%s' (first declared at %s)", ep[i]->port,
                      a->partitions[ep[i]->part].name,
                      fcc_at(&a->src, first[i]->at).text);
    }
    free(v);
    free(first);
    free(ep);
}

static bool check_port_count(struct fcc_app *a, const struct fcc_node *seq)
{
    size_t n = count_ports(a);
    if (n <= FCC_MAX_PORTS)
        return true;
    fcc_src_error(&a->src, fcc_loc_of(seq), "the channels have %zu ports, "
                  "more than the %d the tables can hold", n, FCC_MAX_PORTS);
    return false;
}

/* ------------------------------------------------------------------------
 * The list
 * --------------------------------------------------------------------- */

void fcc_channels_parse(struct fcc_app *a)
{
    const struct fcc_node *seq;
    if (!fcc_get_opt_seq(&a->src, a->root, "channels", &seq) || !seq)
        return;
    if (seq->count > FCC_MAX_CHANNELS) {
        fcc_src_error(&a->src, fcc_loc_of(seq), "%zu channels, more than "
                      "the %d allowed", seq->count, FCC_MAX_CHANNELS);
        return;
    }
    a->channels = calloc(seq->count, sizeof(*a->channels));
    if (!a->channels)
        return;
    a->num_channels = seq->count;
    for (size_t i = 0; i < seq->count; i++)
        parse_channel(a, seq->items[i], &a->channels[i]);
    struct fcc_names v = {
        a->channels, a->num_channels, sizeof(*a->channels),
        offsetof(struct fcc_channel, name),
        offsetof(struct fcc_channel, name_at),
    };
    fcc_check_unique_names(&a->src, v, "channel", NULL);
    if (!check_port_count(a, seq))
        return;
    for (size_t i = 0; i < a->num_channels; i++)
        check_loops(a, &a->channels[i]);
    check_port_names(a);
}

void fcc_channels_check(struct fcc_app *a, uint64_t hz)
{
    for (size_t i = 0; hz > 0 && i < a->num_channels; i++) {
        struct fcc_channel *ch = &a->channels[i];
        if (ch->has_refresh &&
            !fcc_to_cycles(&a->src, ch->refresh_at, "refresh", ch->refresh_t,
                           hz, &ch->refresh))
            ch->ok = false;
    }
}

void fcc_channels_free(struct fcc_app *a)
{
    for (size_t i = 0; i < a->num_channels; i++)
        free(a->channels[i].destinations);
    free(a->channels);
    a->channels = NULL;
    a->num_channels = 0;
}
