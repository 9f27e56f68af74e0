/*
 * hm.h - health-monitor tables: rules (error, state) -> action, at the
 * level of the module, of a partition or of a process, and the rules on
 * what each level may hold.  Everything here needs no board, so tables
 * are checked while the app is parsed.
 */
#ifndef FCC_HM_H
#define FCC_HM_H

#include <stdbool.h>
#include <stddef.h>

#include "schema.h"

enum fcc_hm_level {
    FCC_HM_MODULE,
    FCC_HM_PARTITION,
    FCC_HM_PROCESS,
};

/* Indices into the name tables below; -1 while unknown.  The numbers are
 * fcc's own: the generated tables use the kernel's enumerators by name
 * (fcc_hm_*_cname), so the compiler ties them to kernel/abi.h and
 * kernel/config.h. */
struct fcc_hm_rule {
    int error;  /* as enum fen_error */
    int state;  /* as enum cfg_hm_state */
    int action; /* as enum cfg_hm_action */
    struct fcc_loc at;
};

struct fcc_hm_table {
    size_t num_rules;
    struct fcc_hm_rule *rules; /* NULL when empty */
};

/* Reads the optional `health_monitor` sequence of map into t (left empty
 * when absent) and checks it for `level`.  owner names the table's owner
 * in messages ("partition 'ping'", "process 'worker' of partition
 * 'ping'", "the module").  False after an error. */
bool fcc_hm_parse(const struct fcc_src *s, const struct fcc_node *map,
                  enum fcc_hm_level level, const char *owner,
                  struct fcc_hm_table *t);
void fcc_hm_free(struct fcc_hm_table *t);

/* The C enumerators of a rule's fields ("FEN_ERR_POWER_FAIL",
 * "CFG_HM_NORMAL", "CFG_HM_RESTART_MODULE"). */
const char *fcc_hm_error_cname(int error);
const char *fcc_hm_state_cname(int state);
const char *fcc_hm_action_cname(int action);

#endif
