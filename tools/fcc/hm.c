/*
 * hm.c - health-monitor tables: parsing of their rules, the errors and
 * actions each level may hold, and rules that could never match.
 */
#include "hm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A value as written in app.yaml and the enumerator it becomes. */
struct hm_name {
    const char *yaml;
    const char *c;
};

/* enum fen_error (kernel/abi.h), in its order. */
static const struct hm_name errors[] = {
    { "DEADLINE_MISSED", "FEN_ERR_DEADLINE_MISSED" },
    { "APPLICATION_ERROR", "FEN_ERR_APPLICATION_ERROR" },
    { "NUMERIC_ERROR", "FEN_ERR_NUMERIC_ERROR" },
    { "ILLEGAL_REQUEST", "FEN_ERR_ILLEGAL_REQUEST" },
    { "STACK_OVERFLOW", "FEN_ERR_STACK_OVERFLOW" },
    { "MEMORY_VIOLATION", "FEN_ERR_MEMORY_VIOLATION" },
    { "HARDWARE_FAULT", "FEN_ERR_HARDWARE_FAULT" },
    { "POWER_FAIL", "FEN_ERR_POWER_FAIL" },
    { "OVERRUN", "FEN_ERR_OVERRUN" },
    { "CONFIG_ERROR", "FEN_ERR_CONFIG_ERROR" },
};
enum { ERR_POWER_FAIL = 7, ERR_OVERRUN = 8, ERR_CONFIG_ERROR = 9 };

/* enum cfg_hm_state (kernel/config.h), in its order. */
static const struct hm_name states[] = {
    { "any", "CFG_HM_ANY" },
    { "init", "CFG_HM_INIT" },
    { "normal", "CFG_HM_NORMAL" },
    { "error_handler", "CFG_HM_HANDLER" },
};
enum { STATE_ANY = 0 };

/* enum cfg_hm_action (kernel/config.h), in its order. */
static const struct hm_name actions[] = {
    { "ignore", "CFG_HM_IGNORE" },
    { "log", "CFG_HM_LOG" },
    { "stop_process", "CFG_HM_STOP_PROCESS" },
    { "restart_process", "CFG_HM_RESTART_PROCESS" },
    { "warm_start", "CFG_HM_WARM_START" },
    { "cold_start", "CFG_HM_COLD_START" },
    { "idle", "CFG_HM_IDLE" },
    { "stop_module", "CFG_HM_STOP_MODULE" },
    { "restart_module", "CFG_HM_RESTART_MODULE" },
};

enum { ACT_IGNORE = 0, ACT_LOG = 1, ACT_STOP_PROCESS = 2,
       ACT_RESTART_PROCESS = 3, ACT_STOP_MODULE = 7, ACT_RESTART_MODULE = 8 };

static const struct fcc_key rule_keys[] = {
    { "error", true }, { "state", false }, { "action", true },
};

const char *fcc_hm_error_cname(int error)
{
    return errors[error].c;
}

const char *fcc_hm_state_cname(int state)
{
    return states[state].c;
}

const char *fcc_hm_action_cname(int action)
{
    return actions[action].c;
}

/* ------------------------------------------------------------------------
 * One rule
 * --------------------------------------------------------------------- */

/* The index in names[] of the value under key, or -1 after an error that
 * lists the values allowed. */
static int parse_choice(const struct fcc_src *s, const struct fcc_node *rule,
                        const char *key, const struct hm_name *names,
                        size_t n)
{
    const char *v;
    char list[512] = "";
    if (!fcc_get_string(s, rule, key, &v))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i].yaml, v) == 0)
            return (int)i;
    for (size_t i = 0; i < n; i++)
        fcc_list_append(list, sizeof(list), names[i].yaml);
    fcc_src_error(s, fcc_loc_of_key(rule, key), "unknown %s '%s' "
                  "(%ss: %s)", key, v, key, list);
    return -1;
}

/* The module's own table can only act on the whole module: at that level
 * there is no erring partition or process to stop or restart. */
static bool module_action(int action)
{
    return action == ACT_IGNORE || action == ACT_LOG ||
           action == ACT_STOP_MODULE || action == ACT_RESTART_MODULE;
}

static bool check_level_action(const struct fcc_src *s,
                               const struct fcc_node *n,
                               enum fcc_hm_level level, int action)
{
    if (level != FCC_HM_MODULE || action < 0 || module_action(action))
        return true;
    fcc_src_error(s, fcc_loc_of_key(n, "action"), "action '%s' "
                  "cannot be in the module's health_monitor (a module-level "
                  "rule may only ignore, log, stop_module or restart_module)",
                  actions[action].yaml);
    return false;
}

/* OVERRUN is raised for a partition, with no process in error: a rule
 * stopping or restarting "the process" would do nothing. */
static bool check_process_action(const struct fcc_src *s, const struct fcc_node *n,
                                 int error, int action)
{
    if (error != ERR_OVERRUN || (action != ACT_STOP_PROCESS && action != ACT_RESTART_PROCESS))
        return true;
    fcc_src_error(s, fcc_loc_of_key(n, "action"), "action '%s' needs a process in "
                  "error, and OVERRUN is raised for the partition as a whole",
                  actions[action].yaml);
    return false;
}

/* Errors the kernel raises only at a higher level than the table's, where
 * a rule for them here would never be consulted. */
static const char *raised_above(enum fcc_hm_level level, int error)
{
    if (level != FCC_HM_MODULE &&
        (error == ERR_POWER_FAIL || error == ERR_CONFIG_ERROR))
        return "is raised at module level only";
    if (level == FCC_HM_PROCESS && error == ERR_OVERRUN)
        return "is a partition-level error";
    return NULL;
}

static bool check_level_error(const struct fcc_src *s,
                              const struct fcc_node *n,
                              enum fcc_hm_level level, const char *owner,
                              int error)
{
    const char *why = error < 0 ? NULL : raised_above(level, error);
    if (!why)
        return true;
    fcc_src_error(s, fcc_loc_of_key(n, "error"), "error %s %s; it "
                  "cannot be in the health_monitor of %s", errors[error].yaml,
                  why, owner);
    return false;
}

static bool parse_rule(const struct fcc_src *s, const struct fcc_node *n,
                       enum fcc_hm_level level, const char *owner,
                       struct fcc_hm_rule *r)
{
    r->at = fcc_loc_of(n);
    r->error = r->state = r->action = -1;
    if (!fcc_map_check(s, n, "health-monitor rule", rule_keys,
                       COUNT(rule_keys)))
        return false;
    r->error = parse_choice(s, n, "error", errors, COUNT(errors));
    r->action = parse_choice(s, n, "action", actions, COUNT(actions));
    r->state = STATE_ANY;
    if (fcc_map_value(n, "state"))
        r->state = parse_choice(s, n, "state", states, COUNT(states));
    bool ok = r->error >= 0 && r->action >= 0 && r->state >= 0;
    ok &= check_level_action(s, n, level, r->action);
    if (level != FCC_HM_PROCESS) /* there OVERRUN is refused as such */
        ok &= check_process_action(s, n, r->error, r->action);
    ok &= check_level_error(s, n, level, owner, r->error);
    return ok;
}

/* ------------------------------------------------------------------------
 * The table
 * --------------------------------------------------------------------- */

/* The first rule that matches wins, so a rule is dead when an earlier one
 * has its error and its state, or its error and state `any`. */
static const struct fcc_hm_rule *
shadowing_rule(const struct fcc_hm_table *t, size_t i)
{
    const struct fcc_hm_rule *r = &t->rules[i];
    for (size_t j = 0; r->error >= 0 && r->state >= 0 && j < i; j++) {
        const struct fcc_hm_rule *o = &t->rules[j];
        if (o->error == r->error &&
            (o->state == r->state || o->state == STATE_ANY))
            return o;
    }
    return NULL;
}

static bool check_reachable(const struct fcc_src *s,
                            const struct fcc_hm_table *t)
{
    bool ok = true;
    for (size_t i = 0; i < t->num_rules; i++) {
        const struct fcc_hm_rule *r = &t->rules[i];
        const struct fcc_hm_rule *o = shadowing_rule(t, i);
        if (!o)
            continue;
        fcc_src_error(s, r->at, "health-monitor rule (%s, %s) can never "
                      "match: the rule (%s, %s) at %s comes first and "
                      "matches the same errors", errors[r->error].yaml,
                      states[r->state].yaml, errors[o->error].yaml,
                      states[o->state].yaml, fcc_at(s, o->at).text);
        ok = false;
    }
    return ok;
}

bool fcc_hm_parse(const struct fcc_src *s, const struct fcc_node *map,
                  enum fcc_hm_level level, const char *owner,
                  struct fcc_hm_table *t)
{
    const struct fcc_node *seq;
    if (!fcc_get_opt_seq(s, map, "health_monitor", &seq))
        return false;
    if (!seq)
        return true;
    t->rules = calloc(seq->count, sizeof(*t->rules));
    if (!t->rules)
        return false;
    t->num_rules = seq->count;
    bool ok = true;
    for (size_t i = 0; i < seq->count; i++)
        ok &= parse_rule(s, seq->items[i], level, owner, &t->rules[i]);
    return check_reachable(s, t) && ok;
}

void fcc_hm_free(struct fcc_hm_table *t)
{
    free(t->rules);
    t->rules = NULL;
    t->num_rules = 0;
}
