/*
 * test_gdb_packets.c - the GDB stub (sim/debug/gdb_*.c) against a fake
 * session, over a real TCP connection to 127.0.0.1: framing (checksums,
 * acks, escapes, no-ack mode, Ctrl-C), every packet it serves, and
 * malformed packets, which must get error replies and leave the stub
 * serving.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "fake_session.h"
#include "gdb_client.h"
#include "gdb_stub.h"

struct fixture {
    struct dbg_session *s;
    struct gdb_server sv;
    struct gdb_client c;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);

    f->s = fake_session_new();
    server_start(&f->sv, f->s);
    client_connect(&f->c, f->sv.port);
    *state = f;
    return 0;
}

/* Ends the connection (a no-op when the test already did) and waits for
 * the stub to return. */
static int teardown(void **state)
{
    struct fixture *f = *state;

    client_close(&f->c);
    server_join(&f->sv);
    assert_true(f->sv.ok);
    fake_session_free(f->s);
    free(f);
    return 0;
}

/* ---- helpers ----------------------------------------------------------- */

static uint32_t le32(const char *hex)
{
    unsigned b[4];

    assert_int_equal(sscanf(hex, "%2x%2x%2x%2x", &b[0], &b[1], &b[2], &b[3]), 4);
    return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

static void expect(struct gdb_client *c, const char *packet, const char *reply)
{
    const char *r = client_cmd(c, packet);
    if (strcmp(r, reply) != 0)
        fail_msg("'%.60s' got '%.200s', expected '%s'", packet, r, reply);
}

static void expect_prefix(struct gdb_client *c, const char *packet, const char *prefix)
{
    const char *r = client_cmd(c, packet);
    if (strncmp(r, prefix, strlen(prefix)) != 0)
        fail_msg("'%.60s' got '%.200s', expected '%s...'", packet, r, prefix);
}

/* The whole of a qXfer document, read `chunk` bytes at a time. */
static char *xfer_all(struct gdb_client *c, const char *object, unsigned chunk)
{
    size_t cap = 1 << 16, n = 0;
    char *doc = calloc(1, cap), pkt[128];

    for (;;) {
        snprintf(pkt, sizeof pkt, "qXfer:%s:%zx,%x", object, n, chunk);
        const char *r = client_cmd(c, pkt);
        assert_true(r[0] == 'm' || r[0] == 'l');
        assert_true(c->len - 1 <= chunk);
        assert_true(n + c->len < cap);
        memcpy(doc + n, r + 1, c->len - 1);
        n += c->len - 1;
        if (r[0] == 'l')
            return doc;
    }
}

/* Tags balance: every <x ...> has its </x>; <?...?>, <!...> and <x/> stand
 * alone.  Enough to tell a broken document from a well-formed one. */
static void assert_xml_balanced(const char *doc)
{
    char stack[16][32];
    int depth = 0;

    for (const char *p = strchr(doc, '<'); p; p = strchr(p + 1, '<')) {
        const char *end = strchr(p, '>');
        assert_non_null(end);
        if (p[1] == '?' || p[1] == '!')
            continue;
        size_t n = strcspn(p + 1 + (p[1] == '/'), " />");
        assert_true(n > 0 && n < 32);
        if (p[1] == '/') {
            assert_true(depth > 0);
            depth--;
            assert_int_equal(strncmp(stack[depth], p + 2, n), 0);
            assert_int_equal(strlen(stack[depth]), n);
        } else if (end[-1] != '/') {
            assert_true(depth < 16);
            memcpy(stack[depth], p + 1, n);
            stack[depth++][n] = '\0';
        }
    }
    assert_int_equal(depth, 0);
}

/* ---- the connection ---------------------------------------------------- */

static void test_listen_and_supported(void **state)
{
    struct fixture *f = *state;
    static const char *const features[] = {
        "PacketSize=4000", "qXfer:features:read+", "qXfer:threads:read+", "ReverseStep+",
        "ReverseContinue+", "swbreak+", "hwbreak+", "QStartNoAckMode+", "vContSupported+"};

    assert_string_equal(f->sv.listen_line + strcspn(f->sv.listen_line, "\n"), "\n");
    const char *r = client_cmd(&f->c, "qSupported:multiprocess+;swbreak+;xmlRegisters=i386");
    for (size_t i = 0; i < sizeof features / sizeof features[0]; i++)
        assert_non_null(strstr(r, features[i]));
    expect(&f->c, "qAttached", "1");
    expect(&f->c, "qAttached:1", "1");
}

static void test_checksums(void **state)
{
    struct fixture *f = *state;

    client_send_raw(&f->c, "$?#00", 5); /* wrong sum */
    assert_int_equal(client_byte(&f->c, 5000), '-');
    client_send_raw(&f->c, "$?#zz", 5); /* not hex */
    assert_int_equal(client_byte(&f->c, 5000), '-');
    client_send_raw(&f->c, "++junk", 6); /* noise between packets is skipped */
    expect(&f->c, "?", "T05thread:1;");
    /* A NAK of a reply gets the same reply again. */
    client_send(&f->c, "qC", 2);
    f->c.no_ack = true; /* acks by hand */
    assert_string_equal(client_recv(&f->c), "QC1");
    client_send_raw(&f->c, "-", 1);
    assert_string_equal(client_recv(&f->c), "QC1");
    client_send_raw(&f->c, "+", 1);
    f->c.no_ack = false;
    expect(&f->c, "qC", "QC1");
    /* An escaped byte is counted in the checksum as sent. */
    client_send_raw(&f->c, "$}\x03#80", 6); /* '}' 0x03 -> '#' 0x23: unknown packet "#" */
    assert_int_equal(client_byte(&f->c, 5000), '+');
    assert_string_equal(client_recv(&f->c), "");
}

static void test_no_ack_mode(void **state)
{
    struct fixture *f = *state;

    expect(&f->c, "QStartNoAckMode", "OK");
    f->c.no_ack = true;
    expect(&f->c, "qC", "QC1");
    assert_int_equal(client_byte(&f->c, 100), -1); /* no '+' after the reply */
    client_send_raw(&f->c, "$qC#00", 6);             /* a bad packet is ignored */
    expect(&f->c, "?", "T05thread:1;");
    client_send_raw(&f->c, "\x03", 1);
    assert_string_equal(client_recv(&f->c), "T02thread:1;");
}

static void test_ctrl_c(void **state)
{
    struct fixture *f = *state;

    client_send_raw(&f->c, "\x03", 1);
    assert_string_equal(client_recv(&f->c), "T02thread:1;");
    expect(&f->c, "s", "T05thread:1;");
    assert_int_equal(f->s->pos, 1);
}

/* A Ctrl-C while a continue runs (the fake stands at position 500 as a
 * long run would) stops it there: T02 with the thread.  A packet sent
 * right behind the 0x03 is not lost: it is served next.  The stop is an
 * ordinary position: stepping both ways works, and the run goes on to
 * its end. */
static void test_ctrl_c_during_run(void **state)
{
    struct fixture *f = *state;
    const struct timespec wait = {.tv_nsec = 200000000};

    f->s->hold_at = 500;
    client_send(&f->c, "c", 1);
    nanosleep(&wait, NULL);
    client_send_raw(&f->c, "\x03$?#3f", 6);
    assert_string_equal(client_recv(&f->c), "T02thread:1;");
    assert_int_equal(f->s->pos, 500);
    assert_string_equal(client_recv(&f->c), "T05thread:1;"); /* the '?' behind it */
    expect(&f->c, "s", "T05thread:1;");
    assert_int_equal(f->s->pos, 501);
    expect(&f->c, "bs", "T05thread:1;");
    assert_int_equal(f->s->pos, 500);
    f->s->hold_at = 0;
    client_send(&f->c, "c", 1);
    assert_int_equal(client_recv(&f->c)[0], 'O');
    assert_string_equal(client_recv(&f->c), "T05thread:1;replaylog:end;");
    assert_int_equal(f->s->pos, FAKE_END);
}

static void test_detach(void **state)
{
    struct fixture *f = *state;

    expect(&f->c, "D", "OK");
    assert_int_equal(client_byte(&f->c, 5000), -1); /* the stub closed */
    client_close(&f->c);
    server_join(&f->sv);
    assert_true(f->sv.ok);
    assert_non_null(strstr(f->sv.log_text, "gdb: client connected\ngdb: the client detached\n"));
    /* Reopen so the teardown has something to join. */
    server_start(&f->sv, f->s);
    client_connect(&f->c, f->sv.port);
}

static void test_kill(void **state)
{
    struct fixture *f = *state;

    client_send(&f->c, "k", 1);
    assert_int_equal(client_byte(&f->c, 5000), -1); /* no reply: closed */
    client_close(&f->c);
    server_join(&f->sv);
    assert_true(f->sv.ok);
    assert_non_null(strstr(f->sv.log_text, "gdb: the client killed the run\n"));
    server_start(&f->sv, f->s);
    client_connect(&f->c, f->sv.port);
}

/* A client that goes away without a word ends the session too, and
 * what it left set is deleted (the session outlives the connection). */
static void test_disconnect(void **state)
{
    struct fixture *f = *state;

    expect(&f->c, "Z0,20001010,2", "OK");
    expect(&f->c, "Z1,20001020,2", "OK");
    expect(&f->c, "Z2,20000100,4", "OK");
    expect(&f->c, "z1,20001020,2", "OK");
    client_close(&f->c);
    server_join(&f->sv);
    assert_true(f->sv.ok);
    assert_non_null(strstr(f->sv.log_text, "gdb: the client disconnected\n"));
    for (unsigned i = 0; i < FAKE_MAX_POINTS; i++)
        assert_int_equal(f->s->points[i].id, 0);
    server_start(&f->sv, f->s);
    client_connect(&f->c, f->sv.port);
}

/* Refusals say why in the log (GDB's E01 cannot carry it). */
static void test_log_says_why(void **state)
{
    struct fixture *f = *state;

    expect(&f->c, "Z2,20000100,0", "E01");
    client_close(&f->c);
    server_join(&f->sv);
    assert_non_null(strstr(f->sv.log_text, "gdb: Z2 at 0x20000100 refused: bad range\n"));
    server_start(&f->sv, f->s);
    client_connect(&f->c, f->sv.port);
}

/* Failing to listen is an error with a reason, not a crash or a hang. */
static void test_serve_errors(void **state)
{
    struct dbg_session *s = fake_session_new();
    struct gdb_server sv;
    struct gdb_client c;
    char err[160] = "";
    FILE *log = tmpfile();

    (void)state;
    assert_false(gdb_serve(s, 70000, log, err, sizeof err));
    assert_non_null(strstr(err, "70000"));
    /* A port in use: the stub's own, while it waits for its client. */
    server_start(&sv, s);
    err[0] = '\0';
    assert_false(gdb_serve(s, sv.port, log, err, sizeof err));
    assert_non_null(strstr(err, "cannot listen on 127.0.0.1"));
    client_connect(&c, sv.port);
    client_close(&c);
    server_join(&sv);
    fclose(log);
    fake_session_free(s);
}

/* ---- target description and registers ---------------------------------- */

static void test_target_xml(void **state)
{
    struct fixture *f = *state;
    static const char *const names[DBG_NUM_REGS] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11",
        "r12", "sp", "lr", "pc", "xpsr", "msp", "psp", "primask", "basepri", "faultmask",
        "control"};
    char *doc = xfer_all(&f->c, "features:read:target.xml", 0x40);
    char *big = xfer_all(&f->c, "features:read:target.xml", 0x3fff);

    assert_string_equal(doc, big);
    assert_xml_balanced(doc);
    const char *m = strstr(doc, "<feature name=\"org.gnu.gdb.arm.m-profile\">");
    const char *sys = strstr(doc, "<feature name=\"org.gnu.gdb.arm.m-system\">");
    assert_non_null(m);
    assert_non_null(sys);
    const char *at = m;
    for (unsigned i = 0; i < DBG_NUM_REGS; i++) {
        char want[64];
        snprintf(want, sizeof want, "<reg name=\"%s\" bitsize=\"32\" regnum=\"%u\"", names[i], i);
        const char *p = strstr(doc, want);
        assert_non_null(p);
        assert_true(p > at); /* in order */
        assert_true(i <= DBG_REG_XPSR ? p < sys : p > sys);
        at = p;
    }
    free(doc);
    free(big);
    expect(&f->c, "qXfer:features:read:target.xml:ffff,10", "l");
    expect(&f->c, "qXfer:features:read:other.xml:0,10", "E00");
    expect(&f->c, "qXfer:features:read:target.xml:zz", "E02");
    expect(&f->c, "qXfer:features:read:target.xml:0", "E02");
}

static void test_registers(void **state)
{
    struct fixture *f = *state;
    char pkt[256];

    expect(&f->c, "?", "T05thread:1;");
    const char *g = client_cmd(&f->c, "g");
    assert_int_equal(f->c.len, 8 * DBG_NUM_REGS);
    assert_int_equal(le32(g + 8 * DBG_REG_PC), fake_pc(f->s, 0, 0));
    assert_int_equal(le32(g + 8 * 3), 3);
    assert_int_equal(le32(g + 8 * DBG_REG_SP), FAKE_RAM + 0x8000);

    /* Another thread's registers, by Hg. */
    expect(&f->c, "Hg3", "OK");
    g = client_cmd(&f->c, "g");
    assert_int_equal(le32(g + 8 * DBG_REG_PC), fake_pc(f->s, 2, 0));
    assert_int_equal(le32(g + 8 * 3), 0x103);
    expect(&f->c, "P0=78563412", "OK");
    expect(&f->c, "p0", "78563412");
    assert_int_equal(f->s->regs[1][0], 0x12345678);
    expect(&f->c, "p10", "00000001"); /* xpsr, register 16: the Thumb bit */
    expect(&f->c, "p16", "03000000"); /* control, register 22 */
    expect(&f->c, "Hg1", "OK");
    expect(&f->c, "p0", "00000000");
    expect(&f->c, "Hg0", "OK");
    expect(&f->c, "Hg-1", "OK");
    expect(&f->c, "Hc-1", "OK");
    expect(&f->c, "Hg2", "E01"); /* slot 1: no such thread */

    /* G writes what changed. */
    g = client_cmd(&f->c, "g");
    snprintf(pkt, sizeof pkt, "G%s", g);
    memcpy(pkt + 1 + 8 * 5, "efbeadde", 8);
    expect(&f->c, pkt, "OK");
    assert_int_equal(f->s->regs[0][5], 0xdeadbeef);
    expect(&f->c, "p5", "efbeadde");
    /* pc, through P */
    snprintf(pkt, sizeof pkt, "Pf=%02x%02x%02x%02x", 0x40, 0x10, 0x00, 0x20);
    expect(&f->c, pkt, "OK");
    expect(&f->c, "pf", "40100020");
}

/* ---- memory ------------------------------------------------------------ */

static void test_memory(void **state)
{
    struct fixture *f = *state;

    expect(&f->c, "M20000200,4:01020304", "OK");
    expect(&f->c, "m20000200,4", "01020304");
    expect(&f->c, "m20000201,2", "0203");
    assert_int_equal(f->s->ram[0x203], 4);
    /* X carries binary: the bytes '#', '$', '}' and '*' escaped. */
    const char x[] = "X20000300,6:}\x03}\x04}]}\x0a\x00\xff";
    client_send(&f->c, x, sizeof x - 1);
    assert_string_equal(client_recv(&f->c), "OK");
    expect(&f->c, "m20000300,6", "23247d2a00ff");
    expect(&f->c, "X20000300,0:", "OK");
    /* Outside RAM: E01.  Across its end: what there is. */
    expect(&f->c, "m10000000,4", "E01");
    expect(&f->c, "m0,4", "E01");
    expect(&f->c, "M40000000,1:00", "E01");
    expect(&f->c, "X40000000,1:a", "E01");
    expect(&f->c, "m2000fffe,4", "0000");
    expect(&f->c, "M2000fffe,4:00000000", "E01");
    expect(&f->c, "mffffffff,2000", "E01");
    expect(&f->c, "m100000000,4", "E01");
    expect(&f->c, "m20000000,0", "");
    /* The counter the fake writes every instruction. */
    client_cmd(&f->c, "s");
    expect(&f->c, "m20000100,4", "01000000");
}

/* ---- breakpoints, watchpoints, execution ------------------------------- */

static void test_breakpoints(void **state)
{
    struct fixture *f = *state;
    char pkt[64];
    uint32_t pc = fake_pc(f->s, 0, 0) + 2 * 15;
    uint64_t at = fake_pos_at_pc(f->s, 0, pc, 1);

    snprintf(pkt, sizeof pkt, "Z0,%x,2", pc);
    expect(&f->c, pkt, "OK");
    expect(&f->c, "c", "T05thread:1;swbreak:;");
    assert_int_equal(f->s->pos, at);
    expect_prefix(&f->c, "g", "");
    assert_int_equal(le32(f->c.reply + 8 * DBG_REG_PC), pc);
    snprintf(pkt, sizeof pkt, "z0,%x,2", pc);
    expect(&f->c, pkt, "OK");
    expect(&f->c, pkt, "E01"); /* gone */

    /* Z1: the same, reported as a hardware breakpoint; thread 3's code. */
    uint32_t pc3 = fake_pc(f->s, 2, 0) + 2 * 14; /* thread 3 ran 10 before `at` */
    uint64_t at3 = fake_pos_at_pc(f->s, 2, pc3, at + 1);
    snprintf(pkt, sizeof pkt, "Z1,%x,2", pc3 | 1); /* the Thumb bit is ignored */
    expect(&f->c, pkt, "OK");
    expect(&f->c, "c", "T05thread:3;hwbreak:;");
    assert_int_equal(f->s->pos, at3);
    expect(&f->c, "qC", "QC3");
    /* The stop's thread is now the general one (GDB assumes so). */
    expect_prefix(&f->c, "g", "");
    assert_int_equal(le32(f->c.reply + 8 * DBG_REG_PC), pc3);

    /* Backwards to the hit before. */
    snprintf(pkt, sizeof pkt, "Z0,%x,2", pc);
    expect(&f->c, pkt, "OK");
    expect(&f->c, "bc", "T05thread:1;swbreak:;");
    assert_int_equal(f->s->pos, at);
    expect(&f->c, "bc", "T05thread:1;replaylog:begin;");
    assert_int_equal(f->s->pos, 0);
    expect(&f->c, "Z0,100000000,2", "E01");
}

static void test_watchpoints(void **state)
{
    struct fixture *f = *state;

    expect(&f->c, "Z2,20000100,4", "OK");
    /* The stub reports the stop before the access, as GDB on ARM expects. */
    expect(&f->c, "c", "T05thread:1;watch:20000100;");
    assert_int_equal(f->s->pos, 0);
    expect(&f->c, "z2,20000100,4", "OK");
    expect(&f->c, "s", "T05thread:1;");
    expect(&f->c, "Z2,20000100,4", "OK");
    expect(&f->c, "c", "T05thread:1;watch:20000100;");
    assert_int_equal(f->s->pos, 1);
    expect(&f->c, "z2,20000100,4", "OK");
    expect(&f->c, "z2,20000100,4", "E01");

    expect(&f->c, "Z3,20000104,4", "OK");
    expect(&f->c, "c", "T05thread:1;rwatch:20000104;");
    expect(&f->c, "z3,20000104,4", "OK");
    expect(&f->c, "Z4,20000102,2", "OK");
    expect(&f->c, "c", "T05thread:1;awatch:20000102;");
    expect(&f->c, "z4,20000102,2", "OK");
    expect(&f->c, "Z2,20000100,0", "E01"); /* refused by the session */
    expect(&f->c, "Z2,30000000,4", "E01");

    /* The kernel's write is reported where the session stopped, after its
     * entry: no step back (GDB steps on from there). */
    f->s->kernel_access = true;
    uint64_t before = f->s->pos;
    expect(&f->c, "Z2,20000100,4", "OK");
    expect(&f->c, "c", "T05thread:1;watch:20000100;");
    assert_int_equal(f->s->pos, before + 1);
}

static void test_step_and_reverse(void **state)
{
    struct fixture *f = *state;

    expect(&f->c, "s", "T05thread:1;");
    expect(&f->c, "s", "T05thread:1;");
    assert_int_equal(f->s->pos, 2);
    expect(&f->c, "bs", "T05thread:1;");
    assert_int_equal(f->s->pos, 1);
    expect(&f->c, "bs", "T05thread:1;");
    expect(&f->c, "bs", "T05thread:1;replaylog:begin;");
    assert_int_equal(f->s->pos, 0);

    expect(&f->c, "vCont?", "vCont;c;C;s;S");
    expect(&f->c, "vCont;s:1", "T05thread:1;");
    expect(&f->c, "vCont;S05:1;c", "T05thread:1;");
    expect(&f->c, "vCont;s:-1", "T05thread:1;");
    assert_int_equal(f->s->pos, 3);
    expect(&f->c, "s20001100", "T05thread:1;"); /* s addr: from there */
    expect(&f->c, "pf", "02110020");

    /* To the end: the session's message on the console, then the stop. */
    client_send(&f->c, "vCont;c", 7);
    const char *r = client_recv(&f->c);
    assert_int_equal(r[0], 'O');
    assert_string_equal(client_recv(&f->c), "T05thread:1;replaylog:end;");
    assert_int_equal(f->s->pos, FAKE_END);
    client_send(&f->c, "c", 1); /* again: still there */
    assert_int_equal(client_recv(&f->c)[0], 'O');
    assert_string_equal(client_recv(&f->c), "T05thread:1;replaylog:end;");
}

/* ---- threads ----------------------------------------------------------- */

static void test_threads(void **state)
{
    struct fixture *f = *state;
    char hex[128], text[512];

    expect(&f->c, "qfThreadInfo", "m1,3");
    expect(&f->c, "qsThreadInfo", "l");
    expect(&f->c, "qC", "QC1");
    expect(&f->c, "T1", "OK");
    expect(&f->c, "T3", "OK");
    expect(&f->c, "T2", "E01");
    expect(&f->c, "T0", "E02");
    client_hex(hex, "pong/tx&rx, ready");
    expect(&f->c, "qThreadExtraInfo,3", hex);
    expect(&f->c, "qThreadExtraInfo,2", "E01");

    char *doc = xfer_all(&f->c, "threads:read:", 0x20);
    assert_xml_balanced(doc);
    assert_non_null(strstr(doc, "<thread id=\"1\" core=\"0\" name=\"ping/main\">running</thread>"));
    assert_non_null(
        strstr(doc, "<thread id=\"3\" core=\"0\" name=\"pong/tx&amp;rx\">ready</thread>"));
    free(doc);

    /* Thread 3 runs from position 10; the CPU idles from 100: the first
     * thread stands for the current one. */
    client_monitor(&f->c, "goto 15", text, sizeof text);
    expect(&f->c, "qC", "QC3");
    expect(&f->c, "?", "T05thread:3;");
    client_monitor(&f->c, "goto 105", text, sizeof text);
    expect(&f->c, "qC", "QC1");
    expect(&f->c, "?", "T05thread:1;");
    expect_prefix(&f->c, "g", "");
    assert_int_equal(le32(f->c.reply + 8 * DBG_REG_PC), fake_pc(f->s, 0, 105));
}

/* Before the kernel has created a thread: one stand-in thread, id 1, with
 * zeros for registers (GDB drops a target whose pc is unavailable). */
static void test_no_threads_yet(void **state)
{
    struct fixture *f = *state;
    char zeros[8 * DBG_NUM_REGS + 1];

    f->s->threads_from = 5; /* before the first packet: the stub is waiting */
    memset(zeros, '0', sizeof zeros - 1);
    zeros[sizeof zeros - 1] = '\0';
    expect(&f->c, "qfThreadInfo", "m1");
    expect(&f->c, "qsThreadInfo", "l");
    expect(&f->c, "qC", "QC1");
    expect(&f->c, "?", "T05thread:1;");
    expect(&f->c, "T1", "OK");
    expect(&f->c, "Hg1", "OK");
    expect(&f->c, "g", zeros);
    expect(&f->c, "pf", "00000000");
    expect(&f->c, "P0=01000000", "E01");
    expect(&f->c, "qThreadExtraInfo,1", "E01");
    char *doc = xfer_all(&f->c, "threads:read:", 0x100);
    assert_non_null(strstr(doc, "<thread id=\"1\" core=\"0\"/>"));
    free(doc);
    for (int i = 0; i < 5; i++)
        expect(&f->c, "s", "T05thread:1;");
    expect(&f->c, "qfThreadInfo", "m1,3");
    expect_prefix(&f->c, "g", "");
    assert_int_equal(le32(f->c.reply + 8 * DBG_REG_PC), fake_pc(f->s, 0, 5));
}

/* ---- monitor ----------------------------------------------------------- */

static void test_monitor(void **state)
{
    struct fixture *f = *state;
    char *text = malloc(1 << 16);

    assert_string_equal(client_monitor(&f->c, "help", text, 1 << 16), "OK");
    assert_non_null(strstr(text, "goto CYCLE"));
    assert_string_equal(client_monitor(&f->c, "partitions", text, 1 << 16), "OK");
    assert_non_null(strstr(text, "ping"));
    assert_non_null(strstr(text, "pong"));
    assert_string_equal(client_monitor(&f->c, "  bogus  ", text, 1 << 16), "OK");
    assert_string_equal(text, "unknown info 'bogus' (try: help)\n");
    assert_string_equal(client_monitor(&f->c, "goto 42", text, 1 << 16), "OK");
    assert_int_equal(f->s->pos, 42);
    assert_non_null(strstr(text, "cycle 42"));
    assert_string_equal(client_monitor(&f->c, "goto 0x10", text, 1 << 16), "OK");
    assert_int_equal(f->s->pos, 16);
    assert_string_equal(client_monitor(&f->c, "goto", text, 1 << 16), "OK");
    assert_non_null(strstr(text, "not a cycle number"));
    assert_string_equal(client_monitor(&f->c, "goto 12x", text, 1 << 16), "OK");
    assert_non_null(strstr(text, "not a cycle number"));
    assert_int_equal(f->s->pos, 16);
    assert_string_equal(client_monitor(&f->c, "position", text, 1 << 16), "OK");
    assert_string_equal(text, "cycle 16, 16 instructions, 1 events\n");
    /* Longer than one O packet. */
    assert_string_equal(client_monitor(&f->c, "big", text, 1 << 16), "OK");
    assert_non_null(strstr(text, "line 0 of"));
    assert_non_null(strstr(text, "line 399 of a long report at position 16\n"));
    free(text);

    expect(&f->c, "qRcmd,zz", "E02");
    expect(&f->c, "qRcmd,6", "E02");
    expect(&f->c, "qRcmd,6800", "E02"); /* a NUL inside */
    char *huge = malloc(2 * 300 + 8);
    strcpy(huge, "qRcmd,");
    for (int i = 0; i < 300; i++)
        strcat(huge, "61");
    expect(&f->c, huge, "E02");
    free(huge);
}

/* ---- malformed packets ------------------------------------------------- */

static void test_malformed(void **state)
{
    struct fixture *f = *state;
    static const char *const cases[][2] = {
        {"m", "E02"}, {"mzz,4", "E02"}, {"m20000000", "E02"}, {"m20000000,", "E02"},
        {"m20000000,ffffffffffff", "E02"}, {"m20000000,4x", "E02"},
        {"m123456789abcdef012,4", "E02"}, {"m20000000,2001", "E02"},
        {"M20000000,4:zz", "E02"}, {"M20000000,4:00", "E02"}, {"M20000000,2:0000ff", "E02"},
        {"M20000000,9999:00", "E02"}, {"M20000000,1", "E02"},
        {"X20000000,10:ab", "E02"}, {"X20000000,1", "E02"}, {"X20000000,ffffff:a", "E02"},
        {"Z0", "E02"}, {"Z0,zz,2", "E02"}, {"Z9,0,0", "E02"}, {"Z0,20001000", "E02"},
        {"Z0,20001000,2x", "E02"}, {"z2,20000100", "E02"}, {"z", "E02"},
        {"p", "E02"}, {"pzz", "E02"}, {"p17", "E02"}, {"pfffffffffffffffffff", "E02"},
        {"P1", "E02"}, {"P1=zz", "E02"}, {"P1=1234", "E02"}, {"P1=123456789a", "E02"},
        {"P99=00000000", "E02"}, {"G00", "E02"}, {"G", "E02"},
        {"Hgzz", "E02"}, {"Hx1", "E02"}, {"Hg", "E02"}, {"Hg1x", "E02"}, {"Hg-2", "E02"},
        {"T", "E02"}, {"Tzz", "E02"}, {"qThreadExtraInfo,zz", "E02"},
        {"qThreadExtraInfo,", "E02"},
        {"qXfer:threads:read:0,10", "E00"}, {"qXfer:threads:read::zz", "E02"},
        {"vCont;", "E02"}, {"vCont;t", "E02"}, {"vCont;c:zz", "E02"}, {"vCont;Czz", "E02"},
        {"vCont;c;", "E02"}, {"sZZ", "E02"}, {"c1,2", "E02"}, {"c100000000", "E02"},
        {"Qfoo", ""}, {"vMustReplyEmpty", ""}, {"qOffsets", ""}, {"gx", ""}, {"bs1", ""},
        {"", ""}, {"qC1", ""},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect(&f->c, cases[i][0], cases[i][1]);
    assert_int_equal(f->s->pos, 0); /* none of them ran the machine */

    /* A NUL inside a packet. */
    static const char nul[] = "m2000\0000,4";
    client_send(&f->c, nul, sizeof nul - 1);
    assert_string_equal(client_recv(&f->c), "E02");
    /* Longer than PacketSize: E03, and the stub carries on. */
    size_t n = 0x4000 + 100;
    char *big = malloc(n);
    memset(big, 'a', n);
    big[0] = 'm';
    client_send(&f->c, big, n);
    assert_string_equal(client_recv(&f->c), "E03");
    free(big);
    expect(&f->c, "?", "T05thread:1;");
}

/* Packets made of a known name and random bytes (a fixed seed, so a
 * failure repeats): each gets a reply, and the stub keeps serving. */
static void test_random_packets(void **state)
{
    struct fixture *f = *state;
    static const char *const names[] = {
        "m", "M", "X", "Z", "z", "p", "P", "G", "g", "H", "T", "s", "c", "vCont;", "bs", "bc",
        "qXfer:features:read:", "qXfer:threads:read:", "qThreadExtraInfo,", "qRcmd,",
        "qSupported", "?", "qC", "vCont?", "q", "Q", "v"};
    static const char alphabet[] = "0123456789abcdefABCDEFxz,:;=-+.$#}* \001\377";
    uint32_t x = 2463534242u;
    char pkt[96];

    for (int i = 0; i < 3000; i++) {
        const char *name = names[i % (sizeof names / sizeof names[0])];
        size_t n = strlen(name);
        memcpy(pkt, name, n);
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        size_t extra = x % 40;
        for (size_t k = 0; k < extra; k++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            char ch = alphabet[x % (sizeof alphabet - 1)];
            pkt[n++] = ch == '$' || ch == '#' || ch == '}' || ch == '*' ? 'q' : ch;
        }
        client_send(&f->c, pkt, n);
        const char *r = client_recv(&f->c);
        while (r[0] == 'O' && strcmp(r, "OK") != 0) /* console output first */
            r = client_recv(&f->c);
    }
    expect(&f->c, "qC", f->s->pos >= FAKE_IDLE_FROM && f->s->pos < FAKE_IDLE_TO ? "QC1"
                        : fake_current(f->s->pos) == 2                         ? "QC3"
                                                                               : "QC1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_listen_and_supported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checksums, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_ack_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ctrl_c, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ctrl_c_during_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_detach, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kill, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disconnect, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_says_why, setup, teardown),
        cmocka_unit_test(test_serve_errors),
        cmocka_unit_test_setup_teardown(test_target_xml, setup, teardown),
        cmocka_unit_test_setup_teardown(test_registers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_breakpoints, setup, teardown),
        cmocka_unit_test_setup_teardown(test_watchpoints, setup, teardown),
        cmocka_unit_test_setup_teardown(test_step_and_reverse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_threads_yet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_monitor, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_packets, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
