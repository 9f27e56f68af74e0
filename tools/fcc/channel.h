/*
 * channel.h - communication between partitions (`channels:`): the
 * channels, the ports at their ends, and the rules on both.
 *
 * A channel has one source port and one (queuing) or 1..8 (sampling)
 * destination ports.  A port is written `<partition>.<port>`; its name is
 * unique within its partition, across all channels.  The ports table
 * lists, for each channel in declaration order, its source and then its
 * destinations.
 */
#ifndef FCC_CHANNEL_H
#define FCC_CHANNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "schema.h"

struct fcc_app;

/* As enum cfg_port_kind and enum cfg_discipline in kernel/config.h. */
enum fcc_channel_kind { FCC_CHANNEL_SAMPLING = 0, FCC_CHANNEL_QUEUING = 1 };
enum fcc_discipline { FCC_DISCIPLINE_FIFO = 0, FCC_DISCIPLINE_PRIORITY = 1 };

/* One end of a channel: `sensors.out`. */
struct fcc_endpoint {
    const char *text; /* as written; NULL when not a scalar */
    const char *port; /* the name after the '.', inside text */
    int part;         /* the partition's index; -1 when unknown */
    bool ok;          /* well formed, its partition known, not refused */
    struct fcc_loc at;
};

struct fcc_channel {
    const char *name;       /* NULL when missing or invalid */
    int kind;               /* enum fcc_channel_kind; -1 when unknown */
    int discipline;         /* enum fcc_discipline; queuing only */
    unsigned depth;         /* queuing: 1..65535; sampling: 1 */
    uint64_t max_message;   /* bytes, 1..FCC_MAX_MESSAGE; 0 when invalid */
    bool has_refresh;       /* sampling: refresh_t given and valid */
    struct fcc_time refresh_t;
    uint64_t refresh;       /* cycles, set by the checks; queuing: 0 */
    struct fcc_endpoint source;
    size_t num_destinations;
    struct fcc_endpoint *destinations;
    size_t first_port;      /* set by pool.c: its source's index in the
                               ports table; the destinations follow */
    uint64_t store;         /* set by pool.c: offset of its first slot in
                               the message pool */
    struct fcc_loc at;
    struct fcc_loc name_at;
    struct fcc_loc refresh_at;
    bool ok;                /* every field valid */
};

#define FCC_MAX_MESSAGE 8192     /* CFG_MAX_MESSAGE */
#define FCC_MAX_DEPTH 65535      /* cfg_channel.depth is a uint16_t */
#define FCC_MAX_DESTINATIONS 8   /* of a sampling channel */
#define FCC_MAX_CHANNELS 65535   /* cfg_port.channel is a uint16_t */
#define FCC_MAX_PORTS 65535      /* cfg_system.num_ports is a uint16_t */

/* Reads the optional top-level `channels` of a (after its partitions:
 * ports name them) with every rule that needs no board. */
void fcc_channels_parse(struct fcc_app *a);

/* Converts the sampling channels' refresh times to cycles at the board
 * clock hz (0: unknown, nothing converted). */
void fcc_channels_check(struct fcc_app *a, uint64_t hz);

void fcc_channels_free(struct fcc_app *a);

/* Shared with object.c (blackboards and buffers hold messages too). */

/* `message_size`: a size of 1..FCC_MAX_MESSAGE bytes. */
bool fcc_get_message_size(const struct fcc_src *s, const struct fcc_node *map,
                          uint64_t *out);

/* `depth`: 1..FCC_MAX_DEPTH messages. */
bool fcc_get_depth(const struct fcc_src *s, const struct fcc_node *map,
                   unsigned *out);

/* `discipline`: fifo (also when absent) or priority. */
bool fcc_get_discipline(const struct fcc_src *s, const struct fcc_node *map,
                        int *out);

#endif
