/*
 * test_generated_comms.c - links the cfg_gen.c that the fcc executable
 * generated at build time from data/comms/app.yaml (board
 * data/boards/testboard) and checks the communication tables the kernel
 * would see: ports, channels, partition objects, the message pool and
 * IRQ ownership.  Compiled with -Werror, like test_generated.c.
 *
 * The pool by hand (a slot is 16 bytes of header + the message rounded up
 * to 8): samples 8 x 48 = 384 at 0; attitude 1 x 32 at 384; loop 2 x 24
 * at 416; then the objects in global order: control's latest 1 x 1040 at
 * 464, control's cmds 4 x 40 at 1504; 1664 in all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"
#include "cfg_gen.h"

#define MS(n) ((uint64_t)(n) * 25000u) /* at the test board's 25 MHz */

enum { SENSORS, CONTROL, DISPLAY };

static void pool_sizes(void **state)
{
    (void)state;
    assert_int_equal(CFG_PORT_POOL, 7);
    assert_int_equal(CFG_CHANNEL_POOL, 3);
    assert_int_equal(CFG_OBJECT_POOL, 8);
    assert_int_equal(CFG_MSG_POOL_BYTES, 1664);
    assert_int_equal(CFG_IRQ_LINES, 32);
    assert_int_equal(CFG_HAS_PROCESSES, 0);
    assert_int_equal(CFG_HAS_OBJECTS, 1);
    assert_int_equal(CFG_HAS_PORTS, 1);
    assert_int_equal(CFG_HAS_IRQ_OWNERS, 1);
    assert_int_equal(cfg_system.num_ports, 7);
    assert_int_equal(cfg_system.num_channels, 3);
}

static void expect_port(unsigned i, const char *name, unsigned part,
                        unsigned direction, unsigned channel)
{
    const struct cfg_port *p = &cfg_system.ports[i];
    assert_string_equal(p->name, name);
    assert_int_equal(p->partition, part);
    assert_int_equal(p->direction, direction);
    assert_int_equal(p->channel, channel);
}

/* Each channel's source, then its destinations, channels in order. */
static void ports(void **state)
{
    (void)state;
    expect_port(0, "out", SENSORS, CFG_PORT_SOURCE, 0);
    expect_port(1, "in", CONTROL, CFG_PORT_DESTINATION, 0);
    expect_port(2, "att", CONTROL, CFG_PORT_SOURCE, 1);
    expect_port(3, "att", DISPLAY, CFG_PORT_DESTINATION, 1);
    expect_port(4, "att", SENSORS, CFG_PORT_DESTINATION, 1);
    expect_port(5, "self_out", CONTROL, CFG_PORT_SOURCE, 2);
    expect_port(6, "self_in", CONTROL, CFG_PORT_DESTINATION, 2);
}

static void queuing_channel(void **state)
{
    (void)state;
    const struct cfg_channel *c = &cfg_system.channels[0];
    assert_string_equal(c->name, "samples");
    assert_int_equal(c->kind, CFG_PORT_QUEUING);
    assert_int_equal(c->discipline, CFG_DISCIPLINE_PRIORITY);
    assert_int_equal(c->depth, 8);
    assert_int_equal(c->max_message, 32);
    assert_true(c->refresh == 0);
    assert_int_equal(c->store, 0);
    assert_int_equal(c->source, 0);
    assert_int_equal(c->num_destinations, 1);
    assert_int_equal(c->destinations[0], 1);
}

static void sampling_channel(void **state)
{
    (void)state;
    const struct cfg_channel *c = &cfg_system.channels[1];
    assert_string_equal(c->name, "attitude");
    assert_int_equal(c->kind, CFG_PORT_SAMPLING);
    assert_int_equal(c->discipline, CFG_DISCIPLINE_FIFO);
    assert_int_equal(c->depth, 1);
    assert_int_equal(c->max_message, 13);
    assert_true(c->refresh == MS(20));
    assert_int_equal(c->store, 384);
    assert_int_equal(c->source, 2);
    assert_int_equal(c->num_destinations, 2);
    assert_int_equal(c->destinations[0], 3);
    assert_int_equal(c->destinations[1], 4);
}

/* Source and destination in one partition; fifo by default. */
static void channel_within_a_partition(void **state)
{
    (void)state;
    const struct cfg_channel *c = &cfg_system.channels[2];
    assert_string_equal(c->name, "loop");
    assert_int_equal(c->discipline, CFG_DISCIPLINE_FIFO);
    assert_int_equal(c->store, 416);
    assert_int_equal(c->source, 5);
    assert_int_equal(c->destinations[0], 6);
    assert_int_equal(cfg_system.ports[5].partition,
                     cfg_system.ports[6].partition);
}

/* Stores are multiples of 8, and each store's slots end where the next
 * begins or at the pool's end. */
static void stores_fit_the_pool(void **state)
{
    (void)state;
    for (unsigned i = 0; i < cfg_system.num_channels; i++) {
        const struct cfg_channel *c = &cfg_system.channels[i];
        assert_int_equal(c->store % 8, 0);
        assert_true(c->store + c->depth * CFG_MSG_SLOT(c->max_message) <=
                    CFG_MSG_POOL_BYTES);
    }
    const struct cfg_object *o = cfg_system.partitions[CONTROL].objects;
    assert_int_equal(o[3].store + o[3].depth * CFG_MSG_SLOT(o[3].max_message),
                     CFG_MSG_POOL_BYTES);
}

static void expect_object(const struct cfg_object *o, const char *name,
                          unsigned kind, unsigned index)
{
    assert_string_equal(o->name, name);
    assert_int_equal(o->kind, kind);
    assert_int_equal(o->index, index);
}

/* Table order: semaphores, events, blackboards, buffers, mutexes,
 * whatever the order of the lists in the file; indexes count across
 * partitions. */
static void objects(void **state)
{
    (void)state;
    const struct cfg_partition *p = cfg_system.partitions;
    assert_int_equal(p[SENSORS].num_objects, 1);
    expect_object(&p[SENSORS].objects[0], "ready", CFG_OBJ_SEMAPHORE, 0);
    assert_int_equal(p[SENSORS].objects[0].initial, 0);
    assert_int_equal(p[SENSORS].objects[0].maximum, 1);
    assert_int_equal(p[SENSORS].objects[0].discipline, CFG_DISCIPLINE_FIFO);

    const struct cfg_object *o = p[CONTROL].objects;
    assert_int_equal(p[CONTROL].num_objects, 6);
    expect_object(&o[0], "slots", CFG_OBJ_SEMAPHORE, 1);
    assert_int_equal(o[0].initial, 2);
    assert_int_equal(o[0].maximum, 3);
    assert_int_equal(o[0].discipline, CFG_DISCIPLINE_PRIORITY);
    expect_object(&o[1], "go", CFG_OBJ_EVENT, 2);
    expect_object(&o[2], "latest", CFG_OBJ_BLACKBOARD, 3);
    assert_int_equal(o[2].max_message, 1024);
    assert_int_equal(o[2].depth, 1);
    assert_int_equal(o[2].store, 464);
    expect_object(&o[3], "cmds", CFG_OBJ_BUFFER, 4);
    assert_int_equal(o[3].max_message, 20);
    assert_int_equal(o[3].depth, 4);
    assert_int_equal(o[3].discipline, CFG_DISCIPLINE_PRIORITY);
    assert_int_equal(o[3].store, 1504);
    expect_object(&o[4], "state", CFG_OBJ_MUTEX, 5);
    assert_int_equal(o[4].protocol, CFG_MUTEX_CEILING);
    assert_int_equal(o[4].ceiling, 40);
    assert_int_equal(o[4].discipline, CFG_DISCIPLINE_PRIORITY);
    expect_object(&o[5], "log", CFG_OBJ_MUTEX, 6);
    assert_int_equal(o[5].protocol, CFG_MUTEX_INHERIT);

    assert_int_equal(p[DISPLAY].num_objects, 1);
    expect_object(&p[DISPLAY].objects[0], "tick", CFG_OBJ_EVENT, 7);
}

/* Owning a device is owning all its lines; the console's lines (uart1:
 * 2 and 3) stay the kernel's. */
static void irq_owner(void **state)
{
    (void)state;
    const uint8_t *owner = cfg_system.irq_owner;
    assert_int_equal(cfg_system.board->irq_lines, 32);
    for (unsigned i = 0; i < CFG_IRQ_LINES; i++) {
        unsigned want = i == 4 || i == 5 ? SENSORS
                        : i == 8         ? CONTROL
                                         : CFG_IRQ_NO_OWNER;
        assert_int_equal(owner[i], want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pool_sizes),
        cmocka_unit_test(ports),
        cmocka_unit_test(queuing_channel),
        cmocka_unit_test(sampling_channel),
        cmocka_unit_test(channel_within_a_partition),
        cmocka_unit_test(stores_fit_the_pool),
        cmocka_unit_test(objects),
        cmocka_unit_test(irq_owner),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
