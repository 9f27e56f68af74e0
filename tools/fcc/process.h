/*
 * process.h - the processes a partition declares (`processes:`): their
 * names, priorities, periods and time capacities, their health-monitor
 * tables, and the rules relating their periods to the partition's time
 * in each schedule.
 */
#ifndef FCC_PROCESS_H
#define FCC_PROCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "hm.h"
#include "schema.h"

struct fcc_app;
struct fcc_partition;

struct fcc_process {
    const char *name;          /* NULL when missing or invalid */
    int priority;
    bool has_period;           /* period_t given and valid */
    struct fcc_time period_t;
    uint64_t period;           /* cycles, set by the checks; 0: aperiodic */
    bool has_capacity;         /* capacity_t given and valid */
    struct fcc_time capacity_t;
    uint64_t time_capacity;    /* cycles, set by the checks; 0: infinite */
    struct fcc_hm_table hm;
    struct fcc_loc at;
    struct fcc_loc name_at;
    struct fcc_loc period_at;
    struct fcc_loc capacity_at;
};

/* Reads the optional `processes` sequence of partition mapping n into p;
 * `what` names the partition ("partition 'ping'").  False after an
 * error. */
bool fcc_processes_parse(const struct fcc_src *s, const struct fcc_node *n,
                         const char *what, struct fcc_partition *p);

/* Converts the processes' times at the board clock hz and checks them
 * against each other and against the partitions' periods in the
 * schedules (fcc_schedules_check must have run). */
void fcc_processes_check(struct fcc_app *a, uint64_t hz);

void fcc_processes_free(struct fcc_partition *p);

#endif
