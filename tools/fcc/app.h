/*
 * app.h - an app description (apps/<name>/app.yaml) parsed and checked on
 * its own: shapes, types, ranges and the rules that need no board.  Times
 * stay in the units written until validate.c knows the board clock.
 */
#ifndef FCC_APP_H
#define FCC_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "channel.h"
#include "hm.h"
#include "mpu.h"
#include "object.h"
#include "process.h"
#include "schedule.h"
#include "schema.h"

enum fcc_region_kind {
    FCC_REGION_CODE,
    FCC_REGION_DATA,
    FCC_REGION_DEVICE,
    FCC_REGION_SHARED,
};

/* Unprivileged rights, as enum cfg_access in kernel/config.h. */
#define FCC_ACCESS_R 1u
#define FCC_ACCESS_W 2u
#define FCC_ACCESS_X 4u

/*
 * A memory range one or more partitions are granted: a memory region of a
 * partition, a board device it owns, or a shared region.  memory.c encodes
 * it as one PMSAv7 region (enc) and, when it has no base, places it.
 */
struct fcc_region {
    const char *name;
    enum fcc_region_kind kind;
    bool has_base;       /* base given (devices: always) */
    uint64_t base;       /* as declared; devices: the board's */
    uint64_t size;       /* as declared; devices: the board's */
    struct fcc_mpu_enc enc; /* set by memory.c when granted */
    bool granted;        /* enc holds the encoding and its place */
    int device;          /* devices: index in the board's, -1 if unknown */
    struct fcc_loc at;
    struct fcc_loc name_at;
    bool ok;             /* parsed without error */
};

struct fcc_partition {
    const char *name; /* NULL when missing */
    const char *entry;
    uint64_t stack_size; /* 0 when missing or invalid */
    uint64_t stack_guard; /* 0 when invalid */
    int priority;
    int max_threads;
    bool system;      /* may switch the module's schedule */
    size_t num_regions;
    struct fcc_region *regions;
    size_t num_devices;
    struct fcc_region *devices; /* kind FCC_REGION_DEVICE, in list order */
    size_t num_processes;
    struct fcc_process *processes; /* slots 1..num_processes, in order */
    size_t num_objects;
    struct fcc_object *objects; /* table order: semaphores, events,
                                   blackboards, buffers, mutexes */
    struct fcc_hm_table hm; /* partition level */
    int code;         /* index of the code region, -1 if not exactly one */
    int data;         /* index of the data region, -1 if not exactly one */
    unsigned first_thread; /* set by validate.c */
    struct fcc_loc at;
    struct fcc_loc name_at;
    struct fcc_loc stack_at;
    struct fcc_loc guard_at;
    bool ok;          /* every field valid */
};

/* A top-level shared region and each partition's rights to it. */
struct fcc_shared {
    struct fcc_region r;  /* kind FCC_REGION_SHARED */
    unsigned *access;     /* per partition: FCC_ACCESS_* bits, 0 = none */
    struct fcc_loc access_at;
};

struct fcc_app {
    struct fcc_src src;
    struct fcc_node *root;
    const char *board;     /* NULL when missing or invalid */
    struct fcc_loc board_at;
    size_t num_partitions;
    struct fcc_partition *partitions;
    size_t num_schedules;
    struct fcc_schedule *schedules;
    size_t initial;        /* index of the initial schedule */
    struct fcc_hm_table hm; /* module level */
    size_t num_shared;
    struct fcc_shared *shared;
    size_t num_channels;
    struct fcc_channel *channels;
    size_t num_ports;      /* set by pool.c: the channels' ends */
    size_t num_objects;    /* set by pool.c: all partitions' objects */
    uint64_t pool_bytes;   /* set by pool.c: the message pool's size */
    uint64_t max_waste;    /* bytes; FCC_DEFAULT_MAX_WASTE when absent */
    bool ok;               /* no error in this file */
};

#define FCC_MAX_PARTITIONS 255     /* cfg_window.partition is a uint8_t */
#define FCC_MAX_NAME_LEN 15        /* fen_partition_info.name[16]; also
                                      schedule, process, channel, port
                                      and object names */
#define FCC_MIN_STACK 256
#define FCC_MAX_THREADS 128 /* local ids are uint8_t, 0xff is TRACE_NONE */
#define FCC_MAX_PROCESSES (FCC_MAX_THREADS - 1) /* + the initial thread */
#define FCC_DEFAULT_THREADS 4      /* at least; see parse_threads */
#define FCC_DEFAULT_STACK_GUARD 32
#define FCC_DEFAULT_MAX_WASTE 4096
#define FCC_MAX_SHARED_NAME_LEN 31

/* Parses and checks text as app file `file` (the pointer is kept).
 * Returns NULL only on a YAML syntax error or an empty file. */
struct fcc_app *fcc_app_parse(struct fcc_diag *d, const char *file,
                              const char *text, size_t len);

/* The same in two steps, so that a board overlay can change the tree in
 * between (overlay.c): the YAML tree of text (NULL after an error), then
 * the app parsed from it (which takes the tree). */
struct fcc_node *fcc_app_load(struct fcc_diag *d, const char *file,
                              const char *text, size_t len);
struct fcc_app *fcc_app_from_tree(struct fcc_diag *d, const char *file,
                                  struct fcc_node *root);
void fcc_app_free(struct fcc_app *a);

/* Index of the partition named name, or -1. */
int fcc_app_find_partition(const struct fcc_app *a, const char *name);

/* The same for the first len characters of name. */
int fcc_app_find_partition_n(const struct fcc_app *a, const char *name,
                             size_t len);

/* "ping, pong": the partitions' names for messages. */
void fcc_app_partition_list(const struct fcc_app *a, char *buf, size_t size);

#endif
