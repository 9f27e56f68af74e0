/*
 * test_ipcstress.c - 100,000 messages and more through every kind of
 * channel on real partition code (tests/sim/apps/ipcstress): none lost,
 * none duplicated, none out of order, every overflow flagged and counted
 * (the console, the kernel's port statistics and its events agree).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "abi.h"
#include "config.h"
#include "ports.h"
#include "scenario.h"

#define FRAMES 900

static struct scenario run;

static int run_once(void **state)
{
    (void)state;
    scenario_run(&run, IPCSTRESS_ELF_DIR, FRAMES);
    return 0;
}

static int free_run(void **state)
{
    (void)state;
    scenario_free(&run);
    return 0;
}

/* The number after `key` in the console line starting with `prefix`. */
static unsigned long console_value(const char *prefix, const char *key)
{
    const char *line = strstr(run.console, prefix);
    if (!line) {
        print_error("no console line '%s' in:\n%s\n", prefix, run.console);
        fail();
    }
    const char *end = strchr(line, '\n');
    const char *k = strstr(line, key);
    assert_non_null(k);
    assert_true(!end || k < end);
    return strtoul(k + strlen(key), NULL, 10);
}

static uint32_t port_id(const char *part, const char *name)
{
    for (uint16_t i = 0; i < cfg_system.num_ports; i++) {
        const struct cfg_port *p = &cfg_system.ports[i];
        if (!strcmp(p->name, name) && !strcmp(cfg_system.partitions[p->partition].name, part))
            return i;
    }
    fail_msg("no port %s.%s", part, name);
    return 0;
}

static void every_message_arrives_in_order(void **state)
{
    (void)state;
    assert_int_equal(console_value("qa: received", "received "), 80000);
    assert_int_equal(console_value("qa: received", "wrong "), 0);
    assert_int_equal(console_value("fwd: received", "received "), 80000);
    assert_int_equal(console_value("fwd: received", "wrong "), 0);
    assert_int_equal(console_value("qb: received", "received "), 20000);
    assert_int_equal(console_value("qb: received", "wrong "), 0);
    assert_int_equal(console_value("qa: sent", "sent "), 80000);
}

/* Every refusal is counted at both ends and each overflow episode is
 * flagged to the receiver once (refusals between two receives make one
 * flag). */
static void overflows_are_flagged_and_counted(void **state)
{
    (void)state;
    unsigned long refused = console_value("qa: sent", "refused ");
    unsigned long flags = console_value("qa: received", "overflow flags ");
    assert_true(refused > 100); /* an episode nearly every frame */
    assert_true(flags >= 1 && flags <= refused);
    struct fen_port_status src, dst;
    ports_status(port_id("src", "qa"), &src);
    ports_status(port_id("dst", "qa"), &dst);
    assert_int_equal(src.overflows, refused);
    assert_int_equal(dst.overflows, refused);
    assert_int_equal(src.messages, 80000);
    assert_int_equal(dst.messages, 80000);
    size_t events = 0;
    for (long i = 0; (i = scenario_find_flags(&run, (size_t)i, TR_PORT, -1,
                                              PORT_OP_REFUSED)) >= 0; i++)
        events++;
    assert_int_equal(events, refused);
}

/* The blocking channel never refused: its sender waited instead. */
static void blocking_sends_wait_instead_of_failing(void **state)
{
    (void)state;
    struct fen_port_status src;
    ports_status(port_id("src", "qb"), &src);
    assert_int_equal(src.overflows, 0);
    assert_int_equal(src.messages, 20000);
    long blocked = scenario_find_flags(&run, 0, TR_PORT, -1, PORT_OP_BLOCKED);
    assert_true(blocked >= 0);
}

static void samples_never_go_back(void **state)
{
    (void)state;
    assert_true(console_value("sa: reads", "reads ") > 100);
    assert_int_equal(console_value("sa: reads", "went back "), 0);
    assert_int_equal(console_value("sa: reads", "newest "), 79999);
    assert_int_equal(console_value("latest: went", "went back "), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_message_arrives_in_order),
        cmocka_unit_test(overflows_are_flagged_and_counted),
        cmocka_unit_test(blocking_sends_wait_instead_of_failing),
        cmocka_unit_test(samples_never_go_back),
    };
    return cmocka_run_group_tests(tests, run_once, free_run);
}
