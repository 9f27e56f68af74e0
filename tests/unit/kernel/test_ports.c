/*
 * test_ports.c - inter-partition sampling and queuing ports on the fake
 * port, to the cycle.  System: arinc/test_config.c (ctl [0,40) and
 * [100,140), pay [40,80) and [140,180), gaps [80,100) and [180,200)), with
 * its channels:
 *   q  queuing, depth 2, 16 bytes, FIFO:      ctl.qout (0) -> pay.qin (1)
 *   s  sampling, 8 bytes, refresh 50:         ctl.sout (2) -> pay.sin (3),
 *                                                            ctl.sback (4)
 *   pq queuing, depth 1, 4 bytes, by priority: pay.pout (5) -> ctl.pin (6)
 */
#include <string.h>

#include "arinc/harness.h"
#include "ports.h"

#define NEVER FEN_INFINITE_TIME
#define PACK(id, len) ((uint32_t)(id) | (uint32_t)(len) << 16)

enum { QOUT, QIN, SOUT, SIN, SBACK, POUT, PIN, NUM_PORTS };

/* CREATE_PORT blocks that match the config, port by port. */
static const struct fen_port_create attrs[NUM_PORTS] = {
    {"qout", FEN_PORT_QUEUING, FEN_PORT_SOURCE, 16, 2, 0},
    {"qin", FEN_PORT_QUEUING, FEN_PORT_DESTINATION, 16, 2, 0},
    {"sout", FEN_PORT_SAMPLING, FEN_PORT_SOURCE, 8, 0, 50},
    {"sin", FEN_PORT_SAMPLING, FEN_PORT_DESTINATION, 8, 0, 50},
    {"sback", FEN_PORT_SAMPLING, FEN_PORT_DESTINATION, 8, 0, 50},
    {"pout", FEN_PORT_QUEUING, FEN_PORT_SOURCE, 4, 1, 0},
    {"pin", FEN_PORT_QUEUING, FEN_PORT_DESTINATION, 4, 1, 0},
};
static const int port_part[NUM_PORTS] = {CTL, PAY, CTL, PAY, CTL, PAY, CTL};

/* --- guest memory: per thread, in its partition's data region ----------- */

static uint32_t tx(int who) /* the messages it sends or writes */
{
    return data_base(PART_OF(who)) + 0xd00 + (uint32_t)ID_OF(who) * 0x20;
}

static uint32_t create_block(int part)
{
    return data_base(part) + 0xd80;
}

static uint32_t name_at(int part)
{
    return data_base(part) + 0xdc0;
}

static uint32_t rx(int who) /* its receive and read buffer */
{
    return data_base(PART_OF(who)) + 0xe00 + (uint32_t)ID_OF(who) * 0x20;
}

static uint32_t info_at(int who) /* its fen_sampling_info */
{
    return data_base(PART_OF(who)) + 0xf00 + (uint32_t)ID_OF(who) * 0x20;
}

/* --- calls --------------------------------------------------------------- */

static int32_t create_port_as(int who, const struct fen_port_create *a)
{
    uint32_t at = create_block(PART_OF(who));
    memcpy(fake_memory + at, a, sizeof *a);
    return sys(who, FEN_SYS_CREATE_PORT, at, 0);
}

static void create_port(int who, int id)
{
    assert_int_equal(create_port_as(who, &attrs[id]), id);
}

/* Every port of `part`, by its initial thread. */
static void create_ports(int part)
{
    for (int id = 0; id < NUM_PORTS; id++)
        if (port_part[id] == part)
            create_port(WHO(part, 0), id);
}

static int32_t get_port_id(int who, const char *name)
{
    uint32_t at = name_at(PART_OF(who));
    memcpy(fake_memory + at, name, strlen(name));
    return sys(who, FEN_SYS_GET_PORT_ID, at, (uint32_t)strlen(name));
}

static int32_t q_send(int who, int id, const char *msg, uint64_t timeout)
{
    uint32_t len = (uint32_t)strlen(msg);
    memcpy(fake_memory + tx(who), msg, len);
    return sys4(who, FEN_SYS_SEND_QUEUING, PACK(id, len), tx(who), (uint32_t)timeout,
                (uint32_t)(timeout >> 32));
}

/* A receive into rx(who), filled with 0xa5 first, of the port's size. */
static int32_t q_receive(int who, int id, uint64_t timeout)
{
    memset(fake_memory + rx(who), 0xa5, 0x20);
    return sys4(who, FEN_SYS_RECEIVE_QUEUING, PACK(id, attrs[id].max_message), rx(who),
                (uint32_t)timeout, (uint32_t)(timeout >> 32));
}

/* rx(who) holds msg, and nothing after it was written. */
static void expect_rx(int who, const char *msg)
{
    size_t len = strlen(msg);
    assert_memory_equal(fake_memory + rx(who), msg, len);
    assert_int_equal(fake_memory[rx(who) + len], 0xa5);
}

static int32_t s_write(int who, int id, const char *msg)
{
    uint32_t len = (uint32_t)strlen(msg);
    memcpy(fake_memory + tx(who), msg, len);
    return sys(who, FEN_SYS_WRITE_SAMPLING, PACK(id, len), tx(who));
}

/* A read into rx(who) with its info at info_at(who) (both filled with 0xa5
 * first), copied to *info; info NULL: the call passes none. */
static int32_t s_read(int who, int id, struct fen_sampling_info *info)
{
    memset(fake_memory + rx(who), 0xa5, 0x20);
    memset(fake_memory + info_at(who), 0xa5, sizeof *info);
    int32_t rc = sys4(who, FEN_SYS_READ_SAMPLING, PACK(id, 8), rx(who),
                      info ? info_at(who) : 0, 0);
    if (info)
        memcpy(info, fake_memory + info_at(who), sizeof *info);
    return rc;
}

static struct fen_port_status port_status(int who, int id)
{
    struct fen_port_status st;
    uint32_t at = scratch(PART_OF(who));
    memset(fake_memory + at, 0xa5, sizeof st);
    assert_int_equal(sys(who, FEN_SYS_PORT_STATUS, (uint32_t)id, at), 0);
    memcpy(&st, fake_memory + at, sizeof st);
    return st;
}

static int32_t r0_of(int who)
{
    return (int32_t)th(who)->ctx.r[0];
}

static int32_t raise_app_error(int who)
{
    uint32_t at = scratch(PART_OF(who)) + 0x200;
    memcpy(fake_memory + at, "x", 1);
    return sys(who, FEN_SYS_RAISE_ERROR, at, 1);
}

/* The one TR_PORT event of this op by `who` on port id, at `cycle`, with
 * sequence number seq (ANY: not checked) and a2. */
static void expect_port_event(int op, int who, int id, uint64_t cycle, int64_t seq,
                              uint32_t a2)
{
    const struct trace_event *e = 0;
    int n = 0;
    for (int i = 0; (e = ev_nth(TR_PORT, op, who, i)) != 0; i++) {
        if (e->cycle != cycle || e->a0 != (uint32_t)id || (seq != ANY && e->a1 != seq))
            continue;
        n++;
        assert_int_equal(e->a2, a2);
    }
    if (n != 1)
        fail_msg("%d TR_PORT events op %d by %d/%d on port %d at %llu, expected 1", n, op,
                 PART_OF(who), ID_OF(who), id, (unsigned long long)cycle);
}

/* --- creation --------------------------------------------------------------- */

static void create_port_binds_declared_ports(void **state)
{
    (void)state;
    run_to(5);
    create_ports(CTL);
    struct fen_port_status st = port_status(A0, QOUT);
    assert_int_equal(st.kind, FEN_PORT_QUEUING);
    assert_int_equal(st.direction, FEN_PORT_SOURCE);
    assert_int_equal(st.max_message, 16);
    assert_int_equal(st.depth, 2);
    assert_int_equal(st.count, 0);
    assert_int_equal(st.waiting, 0);
    assert_int_equal(st.messages, 0);
    assert_int_equal(st.overflows, 0);
    assert_int_equal(st.max_latency, 0);
    st = port_status(A0, SBACK);
    assert_int_equal(st.kind, FEN_PORT_SAMPLING);
    assert_int_equal(st.direction, FEN_PORT_DESTINATION);
    assert_int_equal(st.max_message, 8);
    assert_int_equal(st.refresh, 50);
    assert_int_equal(st.last_write, 0);
    assert_int_equal(st.count, 0);
    st = port_status(A0, PIN);
    assert_int_equal(st.kind, FEN_PORT_QUEUING);
    assert_int_equal(st.direction, FEN_PORT_DESTINATION);
    assert_int_equal(st.max_message, 4);
    assert_int_equal(st.depth, 1);
    assert_int_equal(get_port_id(A0, "qout"), QOUT);
    assert_int_equal(get_port_id(A0, "sback"), SBACK);
    assert_int_equal(get_port_id(A0, "pin"), PIN);
    /* a queuing port's refresh and a sampling port's depth are ignored */
    run_to(45);
    struct fen_port_create qin = attrs[QIN], sin = attrs[SIN];
    qin.refresh = 99;
    sin.depth = 7;
    assert_int_equal(create_port_as(B0, &qin), QIN);
    assert_int_equal(create_port_as(B0, &sin), SIN);
    create_port(B0, POUT);
    assert_int_equal(get_port_id(B0, "pout"), POUT);
    assert_int_equal(get_port_id(B0, "qin"), QIN);
    for (int id = 0; id < NUM_PORTS; id++)
        assert_true(kstate.ports[id].created);
    assert_int_equal(ev_count(TR_PORT, ANY, ANY), 0);
}

static void create_port_refuses_what_the_config_does_not_declare(void **state)
{
    (void)state;
    static const struct {
        const char *what;
        struct fen_port_create a;
    } bad[] = {
        {"unknown name", {"nope", FEN_PORT_QUEUING, FEN_PORT_SOURCE, 16, 2, 0}},
        {"pay's port", {"qin", FEN_PORT_QUEUING, FEN_PORT_DESTINATION, 16, 2, 0}},
        {"pay's port as a source", {"pout", FEN_PORT_QUEUING, FEN_PORT_SOURCE, 4, 1, 0}},
        {"unterminated name", {"qoutqoutqoutqout", FEN_PORT_QUEUING, FEN_PORT_SOURCE, 16, 2, 0}},
        {"queuing as sampling", {"qout", FEN_PORT_SAMPLING, FEN_PORT_SOURCE, 16, 2, 0}},
        {"queuing kind 2", {"qout", 2, FEN_PORT_SOURCE, 16, 2, 0}},
        {"queuing source as destination", {"qout", FEN_PORT_QUEUING, FEN_PORT_DESTINATION, 16, 2, 0}},
        {"queuing destination as source", {"pin", FEN_PORT_QUEUING, FEN_PORT_SOURCE, 4, 1, 0}},
        {"queuing max_message smaller", {"qout", FEN_PORT_QUEUING, FEN_PORT_SOURCE, 15, 2, 0}},
        {"queuing max_message larger", {"qout", FEN_PORT_QUEUING, FEN_PORT_SOURCE, 17, 2, 0}},
        {"queuing depth smaller", {"qout", FEN_PORT_QUEUING, FEN_PORT_SOURCE, 16, 1, 0}},
        {"queuing depth larger", {"qout", FEN_PORT_QUEUING, FEN_PORT_SOURCE, 16, 3, 0}},
        {"sampling as queuing", {"sout", FEN_PORT_QUEUING, FEN_PORT_SOURCE, 8, 1, 50}},
        {"sampling source as destination", {"sout", FEN_PORT_SAMPLING, FEN_PORT_DESTINATION, 8, 0, 50}},
        {"sampling destination as source", {"sback", FEN_PORT_SAMPLING, FEN_PORT_SOURCE, 8, 0, 50}},
        {"sampling max_message smaller", {"sout", FEN_PORT_SAMPLING, FEN_PORT_SOURCE, 7, 0, 50}},
        {"sampling max_message larger", {"sout", FEN_PORT_SAMPLING, FEN_PORT_SOURCE, 9, 0, 50}},
        {"sampling refresh shorter", {"sout", FEN_PORT_SAMPLING, FEN_PORT_SOURCE, 8, 0, 49}},
        {"sampling refresh longer", {"sout", FEN_PORT_SAMPLING, FEN_PORT_SOURCE, 8, 0, 51}},
        {"sampling refresh 2^32 + 50", {"sout", FEN_PORT_SAMPLING, FEN_PORT_SOURCE, 8, 0, 50 + (1ull << 32)}},
    };
    struct misuse m[COUNT(bad)];
    for (size_t i = 0; i < COUNT(bad); i++) {
        uint32_t at = data_base(CTL) + 0x400 + (uint32_t)(i * 0x30);
        memcpy(fake_memory + at, &bad[i].a, sizeof bad[i].a);
        m[i] = (struct misuse){bad[i].what, FEN_SYS_CREATE_PORT, at, 0, 0, 0, -FEN_INVALID_CONFIG};
    }
    run_to(5);
    expect_refusals_untouched(A0, m, COUNT(m), false);
    /* a block that is not ctl's memory: pay's, past ctl's data, wrapping */
    memcpy(fake_memory + 0x9000, &attrs[QOUT], sizeof attrs[QOUT]);
    const struct misuse faulting[] = {
        REFUSE("block in pay's data", CREATE_PORT, 0x9000, 0, 0, 0, INVALID_PARAM),
        REFUSE("block past ctl's data", CREATE_PORT, 0x8fe0, 0, 0, 0, INVALID_PARAM),
        REFUSE("block wrapping", CREATE_PORT, 0xfffffff0, 0, 0, 0, INVALID_PARAM),
    };
    expect_refusals_untouched(A0, faulting, COUNT(faulting), true);
    for (int id = 0; id < NUM_PORTS; id++)
        assert_false(kstate.ports[id].created);

    create_port(A0, QOUT);
    memcpy(fake_memory + data_base(CTL) + 0x400, &attrs[QOUT], sizeof attrs[QOUT]);
    memcpy(fake_memory + data_base(CTL) + 0x440, &attrs[SOUT], sizeof attrs[SOUT]);
    const struct misuse twice[] = {
        REFUSE("created twice", CREATE_PORT, data_base(CTL) + 0x400, 0, 0, 0, NO_ACTION),
    };
    expect_refusals_untouched(A0, twice, COUNT(twice), false);

    /* GET_PORT_ID: only created ports of the caller's */
    uint32_t names = name_at(CTL);
    memcpy(fake_memory + names, "soutqinnopeqout", 15);
    memcpy(fake_memory + 0x9000, "qout", 4);
    const struct misuse ids[] = {
        REFUSE("id of a port not created", GET_PORT_ID, names, 4, 0, 0, INVALID_CONFIG),
        REFUSE("id of pay's port", GET_PORT_ID, names + 4, 3, 0, 0, INVALID_CONFIG),
        REFUSE("id of an unknown port", GET_PORT_ID, names + 7, 4, 0, 0, INVALID_CONFIG),
        REFUSE("id of a name of length 0", GET_PORT_ID, names + 11, 0, 0, 0, INVALID_PARAM),
        REFUSE("id of a name of length 16", GET_PORT_ID, names + 11, 16, 0, 0, INVALID_PARAM),
    };
    expect_refusals_untouched(A0, ids, COUNT(ids), false);
    const struct misuse id_faults[] = {
        REFUSE("id of a name in pay's memory", GET_PORT_ID, 0x9000, 4, 0, 0, INVALID_PARAM),
    };
    expect_refusals_untouched(A0, id_faults, COUNT(id_faults), true);
    assert_int_equal(sys(A0, FEN_SYS_GET_PORT_ID, names + 11, 4), QOUT);

    /* only in the init modes */
    set_normal(CTL);
    const struct misuse normal[] = {
        REFUSE("created in normal", CREATE_PORT, data_base(CTL) + 0x440, 0, 0, 0, INVALID_MODE),
    };
    expect_refusals_untouched(A0, normal, COUNT(normal), false);
    assert_false(kstate.ports[SOUT].created);
    assert_int_equal(get_port_id(A0, "sout"), -FEN_INVALID_CONFIG);
}

/* --- refusals ------------------------------------------------------------------ */

/* Every call on a port the caller cannot use is refused and changes
 * nothing: another partition's, not created, out of range, of the other
 * kind (INVALID_PARAM) or of the other direction (INVALID_MODE); a length
 * or size out of range, a buffer outside its memory (with a TR_FAULT). */
static void calls_on_ports_not_the_callers_are_refused(void **state)
{
    (void)state;
    uint32_t m = tx(A0), b = rx(A0), inf = info_at(A0), st = scratch(CTL);
    memcpy(fake_memory + m, "0123456789abcdefgh", 18);
    run_to(1);
    const struct misuse uncreated[] = {
        REFUSE("send on a port not created", SEND_QUEUING, PACK(QOUT, 2), m, 0, 0, INVALID_PARAM),
        REFUSE("receive on a port not created", RECEIVE_QUEUING, PACK(PIN, 4), b, 0, 0, INVALID_PARAM),
        REFUSE("write on a port not created", WRITE_SAMPLING, PACK(SOUT, 2), m, 0, 0, INVALID_PARAM),
        REFUSE("read on a port not created", READ_SAMPLING, PACK(SBACK, 8), b, inf, 0, INVALID_PARAM),
        REFUSE("status of a port not created", PORT_STATUS, QOUT, st, 0, 0, INVALID_PARAM),
    };
    expect_refusals_untouched(A0, uncreated, COUNT(uncreated), false);
    run_to(5);
    create_ports(CTL);
    assert_int_equal(s_write(A0, SOUT, "sample"), 0);
    assert_int_equal(q_send(A0, QOUT, "queued", 0), 0);
    run_to(45);
    create_ports(PAY);
    assert_int_equal(q_send(B0, POUT, "pq", 0), 0);
    run_to(100);
    memcpy(fake_memory + m, "0123456789abcdefgh", 18);
    const struct misuse ctl_calls[] = {
        REFUSE("send on pay's destination", SEND_QUEUING, PACK(QIN, 2), m, 0, 0, INVALID_PARAM),
        REFUSE("send on pay's source", SEND_QUEUING, PACK(POUT, 2), m, 0, 0, INVALID_PARAM),
        REFUSE("send on port 7", SEND_QUEUING, PACK(7, 2), m, 0, 0, INVALID_PARAM),
        REFUSE("send on port 0xffff", SEND_QUEUING, PACK(0xffff, 2), m, 0, 0, INVALID_PARAM),
        REFUSE("send on a sampling port", SEND_QUEUING, PACK(SOUT, 2), m, 0, 0, INVALID_PARAM),
        REFUSE("send on its destination", SEND_QUEUING, PACK(PIN, 2), m, 0, 0, INVALID_MODE),
        REFUSE("send of 0 bytes", SEND_QUEUING, PACK(QOUT, 0), m, 0, 0, INVALID_PARAM),
        REFUSE("send of 17 bytes", SEND_QUEUING, PACK(QOUT, 17), m, 0, 0, INVALID_PARAM),
        REFUSE("send of 0xffff bytes", SEND_QUEUING, PACK(QOUT, 0xffff), m, 0, 0, INVALID_PARAM),
        REFUSE("receive on pay's destination", RECEIVE_QUEUING, PACK(QIN, 16), b, 0, 0, INVALID_PARAM),
        REFUSE("receive on pay's source", RECEIVE_QUEUING, PACK(POUT, 16), b, 0, 0, INVALID_PARAM),
        REFUSE("receive on port 7", RECEIVE_QUEUING, PACK(7, 16), b, 0, 0, INVALID_PARAM),
        REFUSE("receive on a sampling port", RECEIVE_QUEUING, PACK(SBACK, 16), b, 0, 0, INVALID_PARAM),
        REFUSE("receive on its source", RECEIVE_QUEUING, PACK(QOUT, 16), b, 0, 0, INVALID_MODE),
        REFUSE("receive into 3 bytes", RECEIVE_QUEUING, PACK(PIN, 3), b, 0, 0, INVALID_PARAM),
        REFUSE("receive into 0 bytes", RECEIVE_QUEUING, PACK(PIN, 0), b, 0, 0, INVALID_PARAM),
        REFUSE("write on pay's port", WRITE_SAMPLING, PACK(SIN, 2), m, 0, 0, INVALID_PARAM),
        REFUSE("write on port 7", WRITE_SAMPLING, PACK(7, 2), m, 0, 0, INVALID_PARAM),
        REFUSE("write on a queuing port", WRITE_SAMPLING, PACK(QOUT, 2), m, 0, 0, INVALID_PARAM),
        REFUSE("write on its destination", WRITE_SAMPLING, PACK(SBACK, 2), m, 0, 0, INVALID_MODE),
        REFUSE("write of 0 bytes", WRITE_SAMPLING, PACK(SOUT, 0), m, 0, 0, INVALID_PARAM),
        REFUSE("write of 9 bytes", WRITE_SAMPLING, PACK(SOUT, 9), m, 0, 0, INVALID_PARAM),
        REFUSE("read on pay's port", READ_SAMPLING, PACK(SIN, 8), b, inf, 0, INVALID_PARAM),
        REFUSE("read on port 7", READ_SAMPLING, PACK(7, 8), b, inf, 0, INVALID_PARAM),
        REFUSE("read on a queuing port", READ_SAMPLING, PACK(PIN, 8), b, inf, 0, INVALID_PARAM),
        REFUSE("read on its source", READ_SAMPLING, PACK(SOUT, 8), b, inf, 0, INVALID_MODE),
        REFUSE("read into 7 bytes", READ_SAMPLING, PACK(SBACK, 7), b, inf, 0, INVALID_PARAM),
        REFUSE("status of pay's port", PORT_STATUS, QIN, st, 0, 0, INVALID_PARAM),
        REFUSE("status of port 7", PORT_STATUS, 7, st, 0, 0, INVALID_PARAM),
        REFUSE("status of port 0x10000", PORT_STATUS, 0x10000, st, 0, 0, INVALID_PARAM),
    };
    expect_refusals_untouched(A0, ctl_calls, COUNT(ctl_calls), false);
    const struct misuse ctl_faults[] = {
        REFUSE("send from pay's data", SEND_QUEUING, PACK(QOUT, 4), 0x9000, 0, 0, INVALID_PARAM),
        REFUSE("send from past ctl's data", SEND_QUEUING, PACK(QOUT, 16), 0x8ff8, 0, 0, INVALID_PARAM),
        REFUSE("send wrapping", SEND_QUEUING, PACK(QOUT, 16), 0xfffffff8, 0, 0, INVALID_PARAM),
        REFUSE("receive into pay's data", RECEIVE_QUEUING, PACK(PIN, 4), 0x9000, 0, 0, INVALID_PARAM),
        REFUSE("receive into ctl's code", RECEIVE_QUEUING, PACK(PIN, 4), 0x1800, 0, 0, INVALID_PARAM),
        REFUSE("receive past ctl's data", RECEIVE_QUEUING, PACK(PIN, 4), 0x8ffe, 0, 0, INVALID_PARAM),
        REFUSE("receive wrapping", RECEIVE_QUEUING, PACK(PIN, 4), 0xfffffffe, 0, 0, INVALID_PARAM),
        REFUSE("write from pay's data", WRITE_SAMPLING, PACK(SOUT, 8), 0x9000, 0, 0, INVALID_PARAM),
        REFUSE("write wrapping", WRITE_SAMPLING, PACK(SOUT, 8), 0xfffffffc, 0, 0, INVALID_PARAM),
        REFUSE("read into pay's data", READ_SAMPLING, PACK(SBACK, 8), 0x9000, inf, 0, INVALID_PARAM),
        REFUSE("read into ctl's code", READ_SAMPLING, PACK(SBACK, 8), 0x1800, inf, 0, INVALID_PARAM),
        REFUSE("read info in pay's data", READ_SAMPLING, PACK(SBACK, 8), b, 0x9000, 0, INVALID_PARAM),
        REFUSE("read info in ctl's code", READ_SAMPLING, PACK(SBACK, 8), b, 0x1800, 0, INVALID_PARAM),
        REFUSE("read info past ctl's data", READ_SAMPLING, PACK(SBACK, 8), b, 0x8ff0, 0, INVALID_PARAM),
        REFUSE("read info wrapping", READ_SAMPLING, PACK(SBACK, 8), b, 0xfffffff0, 0, INVALID_PARAM),
        REFUSE("status into pay's data", PORT_STATUS, QOUT, 0x9000, 0, 0, INVALID_PARAM),
        REFUSE("status into ctl's code", PORT_STATUS, QOUT, 0x1800, 0, 0, INVALID_PARAM),
    };
    expect_refusals_untouched(A0, ctl_faults, COUNT(ctl_faults), true);
    run_to(140);
    const struct misuse pay_calls[] = {
        REFUSE("send on ctl's source", SEND_QUEUING, PACK(QOUT, 2), tx(B0), 0, 0, INVALID_PARAM),
        REFUSE("receive on ctl's destination", RECEIVE_QUEUING, PACK(PIN, 4), rx(B0), 0, 0, INVALID_PARAM),
        REFUSE("write on ctl's source", WRITE_SAMPLING, PACK(SOUT, 2), tx(B0), 0, 0, INVALID_PARAM),
        REFUSE("read on ctl's destination", READ_SAMPLING, PACK(SBACK, 8), rx(B0), 0, 0, INVALID_PARAM),
        REFUSE("status of ctl's port", PORT_STATUS, PIN, scratch(PAY), 0, 0, INVALID_PARAM),
        REFUSE("receive into ctl's data", RECEIVE_QUEUING, PACK(QIN, 16), rx(A0), 0, 0, INVALID_PARAM),
    };
    expect_refusals_untouched(B0, pay_calls, COUNT(pay_calls) - 1, false);
    expect_refusals_untouched(B0, pay_calls + COUNT(pay_calls) - 1, 1, true);
    /* what was there still is */
    assert_int_equal(q_receive(B0, QIN, 0), 6);
    expect_rx(B0, "queued");
    struct fen_sampling_info info;
    assert_int_equal(s_read(B0, SIN, &info), 6);
    expect_rx(B0, "sample");
}

/* Waiting (a timeout other than 0) is refused to the holder of the
 * preemption lock and to the error handler; not waiting is not. */
static void waits_are_refused_with_the_lock_and_to_the_error_handler(void **state)
{
    (void)state;
    run_to(5);
    create_port(A0, QOUT);
    create_port(A0, PIN);
    set_normal(CTL);
    assert_int_equal(sys(A0, FEN_SYS_LOCK_PREEMPTION, 0, 0), 1);
    memcpy(fake_memory + tx(A0), "abcd", 4);
    const struct misuse locked[] = {
        REFUSE("send with a timeout", SEND_QUEUING, PACK(QOUT, 4), tx(A0), 5, 0, INVALID_MODE),
        REFUSE("send for ever", SEND_QUEUING, PACK(QOUT, 4), tx(A0), 0xffffffff, 0xffffffff, INVALID_MODE),
        REFUSE("send with a timeout of 2^32", SEND_QUEUING, PACK(QOUT, 4), tx(A0), 0, 1, INVALID_MODE),
        REFUSE("receive with a timeout", RECEIVE_QUEUING, PACK(PIN, 4), rx(A0), 5, 0, INVALID_MODE),
        REFUSE("receive for ever", RECEIVE_QUEUING, PACK(PIN, 4), rx(A0), 0xffffffff, 0xffffffff, INVALID_MODE),
        /* not a wait: an empty queue's answer */
        REFUSE("receive from an empty queue", RECEIVE_QUEUING, PACK(PIN, 4), rx(A0), 0, 0, NOT_AVAILABLE),
    };
    expect_refusals_untouched(A0, locked, COUNT(locked), false);
    assert_int_equal(q_send(A0, QOUT, "abcd", 0), 0);
    assert_int_equal(port_status(A0, QOUT).count, 1);
    assert_int_equal(sys(A0, FEN_SYS_UNLOCK_PREEMPTION, 0, 0), 0);

    run_to(45);
    create_port(B0, QIN);
    create_port(B0, POUT);
    assert_int_equal(create_handler(PAY), ID_OF(B_HANDLER));
    set_normal(PAY);
    raise_app_error(B0);
    expect_running(B_HANDLER);
    memcpy(fake_memory + tx(B_HANDLER), "wxyz", 4);
    const struct misuse handler[] = {
        REFUSE("handler's receive with a timeout", RECEIVE_QUEUING, PACK(QIN, 16), rx(B_HANDLER), 5, 0, INVALID_MODE),
        REFUSE("handler's send for ever", SEND_QUEUING, PACK(POUT, 4), tx(B_HANDLER), 0xffffffff, 0xffffffff, INVALID_MODE),
    };
    expect_refusals_untouched(B_HANDLER, handler, COUNT(handler), false);
    assert_int_equal(q_receive(B_HANDLER, QIN, 0), 4);
    expect_rx(B_HANDLER, "abcd");
    assert_int_equal(q_send(B_HANDLER, POUT, "wxyz", 0), 0);
    int32_t rc;
    error_status(B_HANDLER, &rc); /* the error read: the handler is done */
    assert_int_equal(rc, 0);
    sys(B_HANDLER, FEN_SYS_STOP_SELF, 0, 0);
    expect_running(B0);
}

/* --- queuing ------------------------------------------------------------------- */

static void queuing_delivers_in_order_with_exact_bytes(void **state)
{
    (void)state;
    run_to(5);
    create_port(A0, QOUT);
    assert_int_equal(q_send(A0, QOUT, "alpha", 0), 0);
    run_to(6);
    assert_int_equal(q_send(A0, QOUT, "0123456789abcdef", NEVER), 0); /* 16: the most */
    expect_port_event(PORT_OP_SEND, A0, QOUT, 5, 0, 5);
    expect_port_event(PORT_OP_SEND, A0, QOUT, 6, 1, 16);
    struct fen_port_status st = port_status(A0, QOUT);
    assert_int_equal(st.count, 2);
    assert_int_equal(st.messages, 2);
    assert_int_equal(st.overflows, 0);
    run_to(45);
    create_port(B0, QIN);
    assert_int_equal(port_status(B0, QIN).count, 2);
    assert_int_equal(q_receive(B0, QIN, 0), 5);
    expect_rx(B0, "alpha");
    expect_port_event(PORT_OP_RECEIVE, B0, QIN, 45, 0, 40);
    run_to(50);
    assert_int_equal(q_receive(B0, QIN, NEVER), 16);
    assert_memory_equal(fake_memory + rx(B0), "0123456789abcdef", 16);
    expect_port_event(PORT_OP_RECEIVE, B0, QIN, 50, 1, 44);
    assert_int_equal(q_receive(B0, QIN, 0), -FEN_NOT_AVAILABLE);
    assert_int_equal(fake_memory[rx(B0)], 0xa5);
    st = port_status(B0, QIN);
    assert_int_equal(st.count, 0);
    assert_int_equal(st.messages, 2);
    assert_int_equal(st.max_latency, 44);
    assert_int_equal(st.overflows, 0);
    /* the queue goes round */
    run_to(100);
    assert_int_equal(q_send(A0, QOUT, "three", 0), 0);
    assert_int_equal(q_send(A0, QOUT, "four", 0), 0);
    run_to(101);
    assert_int_equal(q_send(A0, QOUT, "five", 0), -FEN_NOT_AVAILABLE);
    run_to(140);
    assert_int_equal(FEN_MSG_LEN(q_receive(B0, QIN, 0)), 5);
    expect_rx(B0, "three");
    assert_int_equal(q_receive(B0, QIN, 0), 4);
    expect_rx(B0, "four");
}

/* A send to a full queue that does not wait is refused: counted at the
 * source and the destination, and flagged to the next receive only. */
static void full_queue_refuses_and_flags_the_overflow(void **state)
{
    (void)state;
    run_to(5);
    create_port(A0, QOUT);
    assert_int_equal(q_send(A0, QOUT, "one", 0), 0);
    assert_int_equal(q_send(A0, QOUT, "two", 0), 0);
    run_to(7);
    assert_int_equal(q_send(A0, QOUT, "three", 0), -FEN_NOT_AVAILABLE);
    expect_port_event(PORT_OP_REFUSED, A0, QOUT, 7, ANY, 0);
    run_to(8);
    assert_int_equal(q_send(A0, QOUT, "four", 0), -FEN_NOT_AVAILABLE);
    struct fen_port_status st = port_status(A0, QOUT);
    assert_int_equal(st.count, 2);
    assert_int_equal(st.messages, 2);
    assert_int_equal(st.overflows, 2);
    assert_int_equal(ev_count(TR_PORT, PORT_OP_REFUSED, A0), 2);
    run_to(45);
    create_port(B0, QIN);
    st = port_status(B0, QIN);
    assert_int_equal(st.overflows, 2);
    assert_int_equal(st.count, 2);
    int32_t rc = q_receive(B0, QIN, 0);
    assert_int_equal(rc, 3 | FEN_MSG_OVERFLOWED);
    assert_int_equal(FEN_MSG_LEN(rc), 3);
    expect_rx(B0, "one");
    assert_int_equal(q_receive(B0, QIN, 0), 3);
    expect_rx(B0, "two");
    assert_int_equal(q_receive(B0, QIN, 0), -FEN_NOT_AVAILABLE);
    assert_int_equal(port_status(B0, QIN).overflows, 2);
    /* a new message after the flag was given: none */
    run_to(100);
    assert_int_equal(q_send(A0, QOUT, "five", 0), 0);
    run_to(140);
    assert_int_equal(q_receive(B0, QIN, 0), 4);
    expect_rx(B0, "five");
}

/* A blocked send or receive times out at its cycle inside its partition's
 * window, else when its next window begins: TIMED_OUT, and a sender's
 * refused message is an overflow, flagged to the next receive. */
struct timeout_case {
    const char *name;
    int who;                   /* A0 sends on a full q, B0 receives on an empty q */
    uint64_t at, timeout, due, woken;
};

static struct timeout_case timeout_cases[] = {
    {"send times out within its window", A0, 20, 10, 30, 30},
    {"send times out at its window's end", A0, 20, 20, 40, 100},
    {"send times out in pay's window", A0, 20, 50, 70, 100},
    {"send times out in the gap", A0, 20, 70, 90, 100},
    {"send times out in its next window", A0, 20, 90, 110, 110},
    {"send times out at its next window's start", A0, 20, 80, 100, 100},
    {"receive times out within its window", B0, 45, 10, 55, 55},
    {"receive times out at its last cycle", B0, 45, 34, 79, 79},
    {"receive times out at its window's end", B0, 45, 35, 80, 140},
    {"receive times out in ctl's window", B0, 45, 60, 105, 140},
    {"receive times out in its next window", B0, 45, 100, 145, 145},
};

static void blocked_call_times_out_at_exact_cycle(void **state)
{
    const struct timeout_case *c = *state;
    bool sender = PART_OF(c->who) == CTL;
    int port = sender ? QOUT : QIN;
    run_to(5);
    create_port(A0, QOUT);
    if (sender) {
        assert_int_equal(q_send(A0, QOUT, "one", 0), 0);
        assert_int_equal(q_send(A0, QOUT, "two", 0), 0);
    } else {
        run_to(45);
        create_port(B0, QIN);
    }
    run_to(c->at);
    int32_t rc = sender ? q_send(A0, QOUT, "three", c->timeout) : q_receive(B0, QIN, c->timeout);
    assert_int_equal(rc, 0);
    expect_idle();
    assert_int_equal(th(c->who)->state, THREAD_WAITING);
    expect_event(TR_SLEEP, WAIT_OBJECT, c->who, c->at, (int64_t)c->due, 0);
    expect_port_event(PORT_OP_BLOCKED, c->who, port, c->at, ANY, sender ? 5 : 0);
    run_to(c->woken - 1);
    assert_int_equal(th(c->who)->state, THREAD_WAITING);
    assert_int_equal(ev_count(TR_WAKE, ANY, c->who), 0);
    assert_int_equal(kstate.ports[QOUT].overflows, 0);
    run_to(c->woken);
    expect_event(TR_WAKE, 1, c->who, c->woken, (int64_t)c->due, 0);
    expect_running(c->who);
    assert_int_equal(r0_of(c->who), -FEN_TIMED_OUT);
    struct fen_port_status st = port_status(c->who, port);
    assert_int_equal(st.waiting, 0);
    assert_int_equal(st.overflows, sender ? 1 : 0);
    assert_int_equal(st.count, sender ? 2 : 0);
    assert_int_equal(ev_count(TR_PORT, PORT_OP_REFUSED, ANY), sender ? 1 : 0);
    if (sender) {
        expect_port_event(PORT_OP_REFUSED, A0, QOUT, c->woken, ANY, 0);
        run_to(140);
        create_port(B0, QIN);
        assert_int_equal(port_status(B0, QIN).overflows, 1);
        assert_int_equal(q_receive(B0, QIN, 0), 3 | FEN_MSG_OVERFLOWED);
        expect_rx(B0, "one");
        assert_int_equal(q_receive(B0, QIN, 0), 3);
        expect_rx(B0, "two");
        assert_int_equal(q_receive(B0, QIN, 0), -FEN_NOT_AVAILABLE);
    } else {
        /* it is no longer a receiver: a message sent now stays queued */
        run_to(c->woken < 100 ? 100 : 200);
        assert_int_equal(q_send(A0, QOUT, "late", 0), 0);
        assert_int_equal(port_status(A0, QOUT).count, 1);
        assert_int_equal(th(B0)->state, THREAD_READY);
    }
}

/* A receive from a full queue with a sender blocked lets that sender's
 * message in, stamped with the cycle of its call, and wakes it with 0. */
static void receive_lets_a_blocked_sender_in(void **state)
{
    (void)state;
    run_to(5);
    create_port(A0, QOUT);
    assert_int_equal(q_send(A0, QOUT, "m1", 0), 0);
    run_to(6);
    assert_int_equal(q_send(A0, QOUT, "m2", 0), 0);
    run_to(10);
    assert_int_equal(q_send(A0, QOUT, "m3!", NEVER), 0);
    expect_idle();
    assert_int_equal(ev_count(TR_SLEEP, ANY, A0), 0); /* no timeout */
    run_to(45);
    create_port(B0, QIN);
    struct fen_port_status st = port_status(B0, QIN);
    assert_int_equal(st.count, 2);
    assert_int_equal(st.waiting, 0); /* the destination's: receivers */
    run_to(50);
    assert_int_equal(q_receive(B0, QIN, 0), 2);
    expect_rx(B0, "m1");
    /* m3 went in now, in A0's name */
    expect_port_event(PORT_OP_SEND, A0, QOUT, 50, 2, 3);
    assert_int_equal(th(A0)->state, THREAD_READY);
    assert_int_equal(r0_of(A0), 0);
    expect_running(B0); /* ctl's thread waits for ctl's window */
    assert_int_equal(port_status(B0, QIN).count, 2);
    run_to(60);
    assert_int_equal(q_receive(B0, QIN, 0), 2);
    expect_rx(B0, "m2");
    run_to(61);
    assert_int_equal(q_receive(B0, QIN, 0), 3);
    expect_rx(B0, "m3!");
    expect_port_event(PORT_OP_RECEIVE, B0, QIN, 61, 2, 51); /* from its call at 10 */
    assert_int_equal(port_status(B0, QIN).max_latency, 54); /* m2's, 6 to 60 */
    run_to(100);
    expect_running(A0);
    assert_int_equal(r0_of(A0), 0);
    st = port_status(A0, QOUT);
    assert_int_equal(st.messages, 3);
    assert_int_equal(st.overflows, 0);
    assert_int_equal(st.waiting, 0);
    assert_int_equal(st.count, 0);
    assert_int_equal(ev_count(TR_PORT, PORT_OP_REFUSED, ANY), 0);
}

/* A receiver blocked on an empty queue gets the message sent in ctl's
 * window at once, in its buffer with r0 its length; its latency is taken
 * when it runs, at pay's next window. */
static void blocked_receiver_gets_the_message_and_its_latency_when_it_runs(void **state)
{
    (void)state;
    run_to(5);
    create_port(A0, QOUT);
    run_to(45);
    create_port(B0, QIN);
    assert_int_equal(q_receive(B0, QIN, NEVER), 0);
    expect_idle();
    expect_port_event(PORT_OP_BLOCKED, B0, QIN, 45, 0, 0);
    run_to(100);
    assert_int_equal(q_send(A0, QOUT, "ping", NEVER), 0);
    expect_running(A0);
    assert_int_equal(th(B0)->state, THREAD_READY);
    assert_int_equal(r0_of(B0), 4);
    expect_rx(B0, "ping");
    expect_port_event(PORT_OP_SEND, A0, QOUT, 100, 0, 4);
    assert_int_equal(ev_count(TR_PORT, PORT_OP_RECEIVE, ANY), 0);
    struct fen_port_status st = port_status(A0, QOUT);
    assert_int_equal(st.messages, 1);
    assert_int_equal(st.count, 0);
    run_to(105);
    assert_int_equal(q_send(A0, QOUT, "later", 0), 0);
    run_to(130);
    assert_int_equal(q_send(A0, QOUT, "last", 0), 0);
    run_to(139);
    assert_int_equal(ev_count(TR_PORT, PORT_OP_RECEIVE, ANY), 0);
    assert_int_equal(kstate.ports[QIN].messages, 0);
    run_to(140);
    expect_running(B0);
    expect_port_event(PORT_OP_RECEIVE, B0, QIN, 140, 0, 40);
    assert_int_equal(r0_of(B0), 4);
    st = port_status(B0, QIN);
    assert_int_equal(st.messages, 1);
    assert_int_equal(st.max_latency, 40);
    assert_int_equal(st.count, 2);
    run_to(150);
    assert_int_equal(q_receive(B0, QIN, 0), 5);
    expect_rx(B0, "later");
    expect_port_event(PORT_OP_RECEIVE, B0, QIN, 150, 1, 45);
    assert_int_equal(q_receive(B0, QIN, 0), 4);
    expect_rx(B0, "last");
    expect_port_event(PORT_OP_RECEIVE, B0, QIN, 150, 2, 20);
    st = port_status(B0, QIN);
    assert_int_equal(st.messages, 3);
    assert_int_equal(st.max_latency, 45);
    assert_int_equal(ev_count(TR_PORT, PORT_OP_RECEIVE, ANY), 3);
}

/* pq serves its blocked senders by priority: wrk (20) before peer (10),
 * though peer came first; among equals (peer, then the initial thread,
 * both 10) in arrival order. */
static void priority_channel_serves_the_higher_priority_sender_first(void **state)
{
    (void)state;
    run_to(5);
    create_port(A0, PIN);
    run_to(45);
    create_port(B0, POUT);
    assert_int_equal(create(B_WRK), ID_OF(B_WRK));
    assert_int_equal(create(B_PEER), ID_OF(B_PEER));
    set_normal(PAY);
    assert_int_equal(q_send(B0, POUT, "p1", 0), 0);
    start(B0, B_PEER);
    expect_running(B0);
    assert_int_equal(sys64(B0, FEN_SYS_TIMED_WAIT, 0), 0);
    expect_running(B_PEER);
    run_to(46);
    assert_int_equal(q_send(B_PEER, POUT, "peer", NEVER), 0);
    expect_running(B0);
    run_to(47);
    start(B0, B_WRK);
    expect_running(B_WRK);
    assert_int_equal(q_send(B_WRK, POUT, "wrk!", NEVER), 0);
    expect_running(B0);
    struct fen_port_status st = port_status(B0, POUT);
    assert_int_equal(st.waiting, 2);
    assert_int_equal(st.count, 1);
    assert_int_equal(st.messages, 1);
    run_to(48);
    assert_int_equal(q_send(B0, POUT, "b0", NEVER), 0);
    expect_idle();
    run_to(100);
    assert_int_equal(q_receive(A0, PIN, 0), 2);
    expect_rx(A0, "p1");
    expect_port_event(PORT_OP_SEND, B_WRK, POUT, 100, 1, 4);
    assert_int_equal(th(B_WRK)->state, THREAD_READY);
    assert_int_equal(th(B_PEER)->state, THREAD_WAITING);
    assert_int_equal(q_receive(A0, PIN, 0), 4);
    expect_rx(A0, "wrk!");
    expect_port_event(PORT_OP_RECEIVE, A0, PIN, 100, 1, 53);
    assert_int_equal(th(B_PEER)->state, THREAD_READY);
    assert_int_equal(th(B0)->state, THREAD_WAITING);
    assert_int_equal(q_receive(A0, PIN, 0), 4);
    expect_rx(A0, "peer");
    expect_port_event(PORT_OP_RECEIVE, A0, PIN, 100, 2, 54);
    assert_int_equal(th(B0)->state, THREAD_READY);
    assert_int_equal(q_receive(A0, PIN, 0), 2);
    expect_rx(A0, "b0");
    expect_port_event(PORT_OP_RECEIVE, A0, PIN, 100, 3, 52);
    assert_int_equal(q_receive(A0, PIN, 0), -FEN_NOT_AVAILABLE);
    assert_int_equal(port_status(A0, PIN).max_latency, 55);
}

/* q serves its blocked senders in arrival order: hmp (12) before aper
 * (30). */
static void fifo_channel_serves_senders_in_arrival_order(void **state)
{
    (void)state;
    run_to(5);
    create_port(A0, QOUT);
    assert_int_equal(create(A_APER), ID_OF(A_APER));
    assert_int_equal(create(A_HMP), ID_OF(A_HMP));
    set_normal(CTL);
    assert_int_equal(q_send(A0, QOUT, "m1", 0), 0);
    assert_int_equal(q_send(A0, QOUT, "m2", 0), 0);
    start(A0, A_HMP);
    expect_running(A_HMP);
    assert_int_equal(q_send(A_HMP, QOUT, "hmp", NEVER), 0);
    expect_running(A0);
    run_to(6);
    start(A0, A_APER);
    expect_running(A_APER);
    assert_int_equal(q_send(A_APER, QOUT, "aper", NEVER), 0);
    expect_running(A0);
    assert_int_equal(port_status(A0, QOUT).waiting, 2);
    run_to(45);
    create_port(B0, QIN);
    static const char *const order[] = {"m1", "m2", "hmp", "aper"};
    for (size_t i = 0; i < COUNT(order); i++) {
        assert_int_equal(q_receive(B0, QIN, 0), (int32_t)strlen(order[i]));
        expect_rx(B0, order[i]);
    }
    assert_int_equal(q_receive(B0, QIN, 0), -FEN_NOT_AVAILABLE);
    assert_int_equal(th(A_HMP)->state, THREAD_READY);
    assert_int_equal(th(A_APER)->state, THREAD_READY);
}

/* A blocked sender whose priority changes takes its new place in pq's
 * queue: peer, raised to 30, goes before wrk (20). */
static void priority_change_reorders_the_blocked_senders(void **state)
{
    (void)state;
    run_to(5);
    create_port(A0, PIN);
    run_to(45);
    create_port(B0, POUT);
    assert_int_equal(create(B_WRK), ID_OF(B_WRK));
    assert_int_equal(create(B_PEER), ID_OF(B_PEER));
    set_normal(PAY);
    assert_int_equal(q_send(B0, POUT, "p1", 0), 0);
    start(B0, B_WRK);
    assert_int_equal(q_send(B_WRK, POUT, "wrk!", NEVER), 0);
    start(B0, B_PEER);
    assert_int_equal(sys64(B0, FEN_SYS_TIMED_WAIT, 0), 0);
    assert_int_equal(q_send(B_PEER, POUT, "peer", NEVER), 0);
    expect_running(B0);
    assert_int_equal(sys(B0, FEN_SYS_THREAD_SET_PRIORITY, ID_OF(B_PEER), 30), 0);
    expect_running(B0);
    run_to(100);
    static const char *const order[] = {"p1", "peer", "wrk!"};
    for (size_t i = 0; i < COUNT(order); i++) {
        assert_int_equal(q_receive(A0, PIN, 0), (int32_t)strlen(order[i]));
        expect_rx(A0, order[i]);
    }
}

/* Blocked receivers are served in the channel's discipline too: on pq by
 * priority (aper 30 before hmp 12), on q in arrival order (peer 10 before
 * wrk 20). */
static void receivers_are_served_in_the_channels_discipline(void **state)
{
    (void)state;
    run_to(5);
    create_port(A0, PIN);
    create_port(A0, QOUT);
    assert_int_equal(create(A_APER), ID_OF(A_APER));
    assert_int_equal(create(A_HMP), ID_OF(A_HMP));
    set_normal(CTL);
    start(A0, A_HMP);
    assert_int_equal(q_receive(A_HMP, PIN, NEVER), 0);
    start(A0, A_APER);
    assert_int_equal(q_receive(A_APER, PIN, NEVER), 0);
    expect_running(A0);
    assert_int_equal(port_status(A0, PIN).waiting, 2);
    run_to(45);
    create_ports(PAY);
    assert_int_equal(create(B_WRK), ID_OF(B_WRK));
    assert_int_equal(create(B_PEER), ID_OF(B_PEER));
    set_normal(PAY);
    assert_int_equal(q_send(B0, POUT, "r1", 0), 0);
    assert_int_equal(th(A_APER)->state, THREAD_READY);
    assert_int_equal(r0_of(A_APER), 2);
    expect_rx(A_APER, "r1");
    assert_int_equal(th(A_HMP)->state, THREAD_WAITING);
    assert_int_equal(q_send(B0, POUT, "r2!", 0), 0);
    assert_int_equal(r0_of(A_HMP), 3);
    expect_rx(A_HMP, "r2!");
    start(B0, B_PEER);
    assert_int_equal(sys64(B0, FEN_SYS_TIMED_WAIT, 0), 0);
    assert_int_equal(q_receive(B_PEER, QIN, NEVER), 0);
    start(B0, B_WRK);
    assert_int_equal(q_receive(B_WRK, QIN, NEVER), 0);
    expect_running(B0);
    assert_int_equal(port_status(B0, QIN).waiting, 2);
    run_to(100);
    /* aper, woken first, runs first: its latency ends now */
    expect_running(A_APER);
    expect_port_event(PORT_OP_RECEIVE, A_APER, PIN, 100, 0, 55);
    assert_int_equal(q_send(A_APER, QOUT, "q1", 0), 0);
    assert_int_equal(r0_of(B_PEER), 2);
    expect_rx(B_PEER, "q1");
    assert_int_equal(th(B_WRK)->state, THREAD_WAITING);
    assert_int_equal(q_send(A_APER, QOUT, "q2", 0), 0);
    expect_rx(B_WRK, "q2");
    assert_int_equal(th(B_WRK)->state, THREAD_READY);
}

/* A restart leaves the partition's ports to be created again, and its
 * blocked threads out of every channel; the messages stay. */
static void restart_uncreates_ports_and_keeps_messages(void **state)
{
    (void)state;
    run_to(5);
    create_port(A0, QOUT);
    create_port(A0, SOUT);
    assert_int_equal(q_send(A0, QOUT, "keep", 0), 0);
    assert_int_equal(s_write(A0, SOUT, "sample"), 0);
    run_to(10);
    sys(A0, FEN_SYS_SET_PARTITION_MODE, FEN_MODE_COLD_START, 0);
    check_restarted(CTL, FEN_MODE_COLD_START, FEN_START_PARTITION_RESTART, 1);
    assert_false(kstate.ports[QOUT].created);
    assert_false(kstate.ports[SOUT].created);
    assert_int_equal(get_port_id(A0, "qout"), -FEN_INVALID_CONFIG);
    memcpy(fake_memory + tx(A0), "gone", 4);
    const struct misuse m[] = {
        REFUSE("send after the restart", SEND_QUEUING, PACK(QOUT, 4), tx(A0), 0, 0, INVALID_PARAM),
        REFUSE("write after the restart", WRITE_SAMPLING, PACK(SOUT, 4), tx(A0), 0, 0, INVALID_PARAM),
        REFUSE("status after the restart", PORT_STATUS, QOUT, scratch(CTL), 0, 0, INVALID_PARAM),
    };
    expect_refusals_untouched(A0, m, COUNT(m), false);
    create_port(A0, QOUT);
    assert_int_equal(port_status(A0, QOUT).count, 1);

    run_to(45);
    create_ports(PAY);
    assert_int_equal(create(B_WRK), ID_OF(B_WRK));
    set_normal(PAY);
    assert_int_equal(q_receive(B0, QIN, 0), 4);
    expect_rx(B0, "keep");
    struct fen_sampling_info info;
    assert_int_equal(s_read(B0, SIN, &info), 6);
    expect_rx(B0, "sample");
    assert_int_equal(info.written_at, 5);
    start(B0, B_WRK);
    expect_running(B_WRK);
    assert_int_equal(q_receive(B_WRK, QIN, NEVER), 0);
    expect_running(B0);
    assert_int_equal(port_status(B0, QIN).waiting, 1);
    run_to(50);
    sys(B0, FEN_SYS_SET_PARTITION_MODE, FEN_MODE_COLD_START, 0);
    check_restarted(PAY, FEN_MODE_COLD_START, FEN_START_PARTITION_RESTART, 1);
    for (int id = 0; id < NUM_PORTS; id++)
        assert_int_equal(kstate.ports[id].created, id == QOUT);
    assert_null(kstate.channels[0].receivers.head);
    run_to(100);
    assert_int_equal(q_send(A0, QOUT, "post", 0), 0);
    assert_int_equal(port_status(A0, QOUT).count, 1); /* nobody took it */
    run_to(140);
    create_port(B0, QIN);
    assert_int_equal(q_receive(B0, QIN, 0), 4);
    expect_rx(B0, "post");
}

/* --- sampling ------------------------------------------------------------------- */

static void sampling_read_before_any_write_is_no_action(void **state)
{
    (void)state;
    run_to(5);
    create_port(A0, SOUT);
    create_port(A0, SBACK);
    struct fen_sampling_info info;
    assert_int_equal(s_read(A0, SBACK, &info), -FEN_NO_ACTION);
    assert_int_equal(info.valid, 0);
    assert_int_equal(info.length, 0);
    assert_int_equal(info.written_at, 0);
    assert_int_equal(info.age, 0);
    assert_int_equal(fake_memory[rx(A0)], 0xa5);
    assert_int_equal(s_read(A0, SBACK, NULL), -FEN_NO_ACTION);
    struct fen_port_status st = port_status(A0, SBACK);
    assert_int_equal(st.last_write, 0);
    assert_int_equal(st.count, 0);
    assert_int_equal(st.messages, 0);
    run_to(45);
    create_port(B0, SIN);
    assert_int_equal(s_read(B0, SIN, &info), -FEN_NO_ACTION);
    assert_int_equal(info.valid, 0);
    assert_int_equal(ev_count(TR_PORT, ANY, ANY), 0);
}

/* Written at 5 with a refresh of 50: valid at 55 (age 50), invalid at 56,
 * the message returned either way. */
static void sampling_message_is_valid_for_exactly_its_refresh(void **state)
{
    (void)state;
    run_to(5);
    create_port(A0, SOUT);
    create_port(A0, SBACK);
    assert_int_equal(s_write(A0, SOUT, "abcdefgh"), 0);
    expect_port_event(PORT_OP_WRITE, A0, SOUT, 5, 0, 8);
    struct fen_sampling_info info;
    assert_int_equal(s_read(A0, SBACK, &info), 8);
    assert_int_equal(info.valid, 1);
    assert_int_equal(info.age, 0);
    assert_int_equal(info.written_at, 5);
    assert_int_equal(info.length, 8);
    assert_memory_equal(fake_memory + rx(A0), "abcdefgh", 8);
    run_to(45);
    create_port(B0, SIN);
    run_to(55);
    assert_int_equal(s_read(B0, SIN, &info), 8);
    assert_int_equal(info.valid, 1);
    assert_int_equal(info.age, 50);
    assert_int_equal(info.written_at, 5);
    assert_int_equal(info.length, 8);
    assert_memory_equal(fake_memory + rx(B0), "abcdefgh", 8);
    expect_port_event(PORT_OP_READ, B0, SIN, 55, 0, 50);
    run_to(56);
    assert_int_equal(s_read(B0, SIN, &info), 8);
    assert_int_equal(info.valid, 0);
    assert_int_equal(info.age, 51);
    assert_int_equal(info.written_at, 5);
    assert_int_equal(info.length, 8);
    assert_memory_equal(fake_memory + rx(B0), "abcdefgh", 8);
    expect_port_event(PORT_OP_READ, B0, SIN, 56, 0, 51);
    struct fen_port_status st = port_status(B0, SIN);
    assert_int_equal(st.messages, 2);
    assert_int_equal(st.max_latency, 51);
    assert_int_equal(st.last_write, 5);
    assert_int_equal(st.refresh, 50);
    run_to(100);
    st = port_status(A0, SOUT);
    assert_int_equal(st.messages, 1);
    assert_int_equal(st.last_write, 5);
    assert_int_equal(st.count, 1);
    assert_int_equal(s_read(A0, SBACK, &info), 8);
    assert_int_equal(info.valid, 0);
    assert_int_equal(info.age, 95);
    /* a new write makes it valid again */
    run_to(101);
    assert_int_equal(s_write(A0, SOUT, "ABCDEFGH"), 0);
    run_to(151);
    assert_int_equal(s_read(B0, SIN, &info), 8);
    assert_int_equal(info.valid, 1);
    assert_int_equal(info.age, 50);
    assert_int_equal(info.written_at, 101);
    assert_memory_equal(fake_memory + rx(B0), "ABCDEFGH", 8);
}

/* The latest write replaces the message for every destination; info may
 * be NULL. */
static void sampling_newer_write_replaces_the_message_for_both_readers(void **state)
{
    (void)state;
    run_to(5);
    create_port(A0, SOUT);
    create_port(A0, SBACK);
    assert_int_equal(s_write(A0, SOUT, "12345678"), 0);
    run_to(6);
    assert_int_equal(s_write(A0, SOUT, "abc"), 0);
    expect_port_event(PORT_OP_WRITE, A0, SOUT, 6, 1, 3);
    run_to(7);
    struct fen_sampling_info info;
    assert_int_equal(s_read(A0, SBACK, &info), 3);
    expect_rx(A0, "abc");
    assert_int_equal(info.length, 3);
    assert_int_equal(info.written_at, 6);
    assert_int_equal(info.age, 1);
    assert_int_equal(info.valid, 1);
    assert_int_equal(s_read(A0, SBACK, NULL), 3);
    expect_rx(A0, "abc");
    struct fen_port_status st = port_status(A0, SOUT);
    assert_int_equal(st.messages, 2);
    assert_int_equal(st.last_write, 6);
    run_to(45);
    create_port(B0, SIN);
    assert_int_equal(s_read(B0, SIN, NULL), 3);
    expect_rx(B0, "abc");
    expect_port_event(PORT_OP_READ, B0, SIN, 45, 1, 39);
    run_to(46);
    assert_int_equal(s_read(B0, SIN, &info), 3);
    expect_rx(B0, "abc");
    assert_int_equal(info.written_at, 6);
    assert_int_equal(info.age, 40);
    assert_int_equal(info.valid, 1);
    assert_int_equal(info.length, 3);
    expect_port_event(PORT_OP_READ, B0, SIN, 46, 1, 40);
    assert_int_equal(ev_count(TR_PORT, PORT_OP_READ, B0), 2);
}

/* --- the test list ----------------------------------------------------------- */

int main(void)
{
    add_test(TEST(create_port_binds_declared_ports));
    add_test(TEST(create_port_refuses_what_the_config_does_not_declare));
    add_test(TEST(calls_on_ports_not_the_callers_are_refused));
    add_test(TEST(waits_are_refused_with_the_lock_and_to_the_error_handler));
    add_test(TEST(queuing_delivers_in_order_with_exact_bytes));
    add_test(TEST(full_queue_refuses_and_flags_the_overflow));
    ADD_CASES(blocked_call_times_out_at_exact_cycle, timeout_cases);
    add_test(TEST(receive_lets_a_blocked_sender_in));
    add_test(TEST(blocked_receiver_gets_the_message_and_its_latency_when_it_runs));
    add_test(TEST(priority_channel_serves_the_higher_priority_sender_first));
    add_test(TEST(fifo_channel_serves_senders_in_arrival_order));
    add_test(TEST(priority_change_reorders_the_blocked_senders));
    add_test(TEST(receivers_are_served_in_the_channels_discipline));
    add_test(TEST(restart_uncreates_ports_and_keeps_messages));
    add_test(TEST(sampling_read_before_any_write_is_no_action));
    add_test(TEST(sampling_message_is_valid_for_exactly_its_refresh));
    add_test(TEST(sampling_newer_write_replaces_the_message_for_both_readers));
    return run_arinc_tests("kernel.ports");
}
