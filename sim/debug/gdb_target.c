/* gdb_target.c - what the target is to GDB: its description (an ARM
 * M-profile core and its system registers) and its registers (see
 * gdb_cmd.h).  Remote register numbers are the DBG_REG_* order, stated
 * as regnum in the description so GDB uses the same. */
#include <string.h>

#include "gdb_cmd.h"

/* ---- the target description -------------------------------------------- */

struct reg_desc {
    const char *name;
    const char *type; /* NULL: GDB's default, a 32-bit integer */
};

static const struct reg_desc regs[DBG_NUM_REGS] = {
    {"r0", NULL},  {"r1", NULL},  {"r2", NULL},          {"r3", NULL},
    {"r4", NULL},  {"r5", NULL},  {"r6", NULL},          {"r7", NULL},
    {"r8", NULL},  {"r9", NULL},  {"r10", NULL},         {"r11", NULL},
    {"r12", NULL}, {"sp", "data_ptr"}, {"lr", NULL},     {"pc", "code_ptr"},
    {"xpsr", NULL},
    {"msp", "data_ptr"}, {"psp", "data_ptr"}, {"primask", NULL}, {"basepri", NULL},
    {"faultmask", NULL}, {"control", NULL},
};

/* Registers [first, last] as one feature. */
static void feature(struct gdb_reply *x, const char *name, unsigned first, unsigned last,
                    const char *group)
{
    gdb_reply_fmt(x, "  <feature name=\"%s\">\n", name);
    for (unsigned i = first; i <= last; i++) {
        gdb_reply_fmt(x, "    <reg name=\"%s\" bitsize=\"32\" regnum=\"%u\"", regs[i].name, i);
        if (regs[i].type)
            gdb_reply_fmt(x, " type=\"%s\"", regs[i].type);
        if (group)
            gdb_reply_fmt(x, " group=\"%s\"", group);
        gdb_reply_str(x, "/>\n");
    }
    gdb_reply_str(x, "  </feature>\n");
}

/* org.gnu.gdb.arm.m-profile tells GDB this is an M-profile core (exception
 * frames, Thumb only); m-system adds the banked stack pointers, which GDB
 * uses to unwind through exception returns, and the mask registers. */
static void target_xml(struct gdb_reply *x)
{
    gdb_reply_str(x, "<?xml version=\"1.0\"?>\n"
                     "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
                     "<target version=\"1.0\">\n"
                     "  <architecture>arm</architecture>\n");
    feature(x, "org.gnu.gdb.arm.m-profile", 0, DBG_REG_XPSR, NULL);
    feature(x, "org.gnu.gdb.arm.m-system", DBG_REG_MSP, DBG_REG_CONTROL, "system");
    gdb_reply_str(x, "</target>\n");
}

/* qXfer:features:read:target.xml:offset,length */
void gdb_cmd_xfer_features(struct gdb_stub *st, struct gdb_scan *args)
{
    if (!gdb_scan_lit(args, "target.xml:")) {
        gdb_reply_error(&st->reply, 0); /* E00: no such annex */
        return;
    }
    gdb_reply_clear(&st->text);
    target_xml(&st->text);
    gdb_reply_xfer(&st->reply, st->text.buf, st->text.len, args);
}

/* ---- registers --------------------------------------------------------- */

static void reply_word(struct gdb_reply *r, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    gdb_reply_hex(r, b, sizeof b);
}

/* The general thread's registers; false when it has none to show (no
 * thread exists, or it has gone since GDB chose it). */
static bool read_selected(struct gdb_stub *st, uint32_t v[DBG_NUM_REGS], int *slot)
{
    *slot = gdb_selected_slot(st);
    return *slot >= 0 && dbg_read_regs(st->s, (unsigned)*slot, v);
}

/* Registers for g and p.  Before any thread exists, the stand-in thread
 * shows zeros: GDB gives up on a target whose pc is "unavailable" (x),
 * and it must stay connected to run the system up to its threads.  A
 * thread that has gone since GDB chose it shows "unavailable". */
static bool regs_to_show(struct gdb_stub *st, uint32_t v[DBG_NUM_REGS])
{
    int slot;

    if (read_selected(st, v, &slot))
        return true;
    memset(v, 0, sizeof(uint32_t) * DBG_NUM_REGS);
    return gdb_current_slot(st) < 0;
}

/* g: every register in order. */
void gdb_cmd_read_regs(struct gdb_stub *st, struct gdb_scan *args)
{
    uint32_t v[DBG_NUM_REGS];

    (void)args;
    bool ok = regs_to_show(st, v);
    for (unsigned i = 0; i < DBG_NUM_REGS; i++) {
        if (ok)
            reply_word(&st->reply, v[i]);
        else
            gdb_reply_str(&st->reply, "xxxxxxxx");
    }
}

/* G: every register; only those that change are written, since a write
 * makes the run depart from its history. */
void gdb_cmd_write_regs(struct gdb_stub *st, struct gdb_scan *args)
{
    uint32_t old[DBG_NUM_REGS], v[DBG_NUM_REGS];
    int slot;

    for (unsigned i = 0; i < DBG_NUM_REGS; i++) {
        if (!gdb_scan_word_le(args, &v[i])) {
            gdb_reply_error(&st->reply, GDB_E_PACKET);
            return;
        }
    }
    if (!gdb_scan_at_end(args)) {
        gdb_reply_error(&st->reply, GDB_E_PACKET);
        return;
    }
    if (!read_selected(st, old, &slot)) {
        gdb_reply_error(&st->reply, GDB_E_TARGET);
        return;
    }
    for (unsigned i = 0; i < DBG_NUM_REGS; i++) {
        if (v[i] != old[i] && !dbg_write_reg(st->s, (unsigned)slot, i, v[i])) {
            gdb_reply_error(&st->reply, GDB_E_TARGET);
            return;
        }
    }
    gdb_reply_str(&st->reply, "OK");
}

/* p n */
void gdb_cmd_read_reg(struct gdb_stub *st, struct gdb_scan *args)
{
    uint32_t v[DBG_NUM_REGS];
    uint64_t n;

    if (!gdb_scan_hex(args, DBG_NUM_REGS - 1, &n) || !gdb_scan_at_end(args)) {
        gdb_reply_error(&st->reply, GDB_E_PACKET);
        return;
    }
    if (regs_to_show(st, v))
        reply_word(&st->reply, v[n]);
    else
        gdb_reply_str(&st->reply, "xxxxxxxx");
}

/* P n=value */
void gdb_cmd_write_reg(struct gdb_stub *st, struct gdb_scan *args)
{
    uint64_t n;
    uint32_t v;

    if (!gdb_scan_hex(args, DBG_NUM_REGS - 1, &n) || !gdb_scan_char(args, '=') ||
        !gdb_scan_word_le(args, &v) || !gdb_scan_at_end(args)) {
        gdb_reply_error(&st->reply, GDB_E_PACKET);
        return;
    }
    int slot = gdb_selected_slot(st);
    if (slot < 0 || !dbg_write_reg(st->s, (unsigned)slot, (unsigned)n, v)) {
        gdb_reply_error(&st->reply, GDB_E_TARGET);
        return;
    }
    gdb_reply_str(&st->reply, "OK");
}
