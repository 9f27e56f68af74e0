/* gdb_run.c - execution for GDB and the stop replies it waits for (see
 * gdb_cmd.h).  Resuming runs the whole machine (every partition, the
 * kernel and the devices) whatever thread GDB names: a partitioned system
 * cannot run one thread alone.
 *
 * The session runs synchronously: a resume returns only when it stops
 * (breakpoint, watchpoint, end, ...).  While it runs forwards the session
 * asks now and then (session.h, dbg_set_interrupt) whether GDB sent a
 * Ctrl-C: the stub looks at the socket without waiting, and a 0x03 stops
 * the run where it is, answered with T02 (SIGINT) and the thread; any
 * other byte stays in the connection's buffer for the packet reader.  A
 * Ctrl-C the run did not see (a reverse resume, or one that came as the
 * run stopped by itself) is dropped when the stop reply goes out (GDB
 * gets one stop reply per resume); one that arrives while the target is
 * stopped is answered with T02 at the current position. */
#include "gdb_cmd.h"

#define GDB_SIGINT 2
#define GDB_SIGTRAP 5

enum resume { RESUME_STEP, RESUME_CONTINUE, RESUME_BACK_STEP, RESUME_BACK_CONTINUE };

/* ---- stop replies ------------------------------------------------------ */

static const char *watch_reason(const struct gdb_stub *st, const struct dbg_stop_info *info)
{
    switch (gdb_point_kind(st, info->id)) {
    case '2': return "watch";
    case '3': return "rwatch";
    case '4': return "awatch";
    default: return info->write ? "watch" : "rwatch"; /* set by another front end */
    }
}

/* T<signal>thread:<id>; and why.  GDB takes the thread named here as its
 * general thread from now on (it sends no Hg for it), so the stub does
 * the same. */
static void stop_reply(struct gdb_stub *st, const struct dbg_stop_info *info, unsigned sig)
{
    struct gdb_reply *r = &st->reply;
    unsigned id = gdb_thread_id(gdb_current_slot(st));

    st->thread = id;
    gdb_reply_clear(r);
    gdb_reply_fmt(r, "T%02xthread:%x;", sig, id);
    switch (info->why) {
    case DBG_STOP_BREAKPOINT:
        gdb_reply_str(r, gdb_point_kind(st, info->id) == '1' ? "hwbreak:;" : "swbreak:;");
        break;
    case DBG_STOP_WATCHPOINT:
        gdb_reply_fmt(r, "%s:%x;", watch_reason(st, info), (unsigned)info->addr);
        break;
    case DBG_STOP_START:
        gdb_reply_str(r, "replaylog:begin;");
        break;
    case DBG_STOP_END:
        gdb_reply_str(r, "replaylog:end;");
        break;
    default:
        break;
    }
}

/* Stops GDB would not explain by itself are told on its console. */
static void tell_why(struct gdb_stub *st, const struct dbg_stop_info *info)
{
    char line[sizeof info->message + 1];

    if (info->why != DBG_STOP_EVENT && info->why != DBG_STOP_END &&
        info->why != DBG_STOP_DIVERGED && info->why != DBG_STOP_ERROR)
        return;
    int n = snprintf(line, sizeof line, "%.*s\n", (int)sizeof info->message - 1, info->message);
    if (n > 1)
        (void)gdb_console(st, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

void gdb_reply_interrupt(struct gdb_stub *st)
{
    struct dbg_stop_info info = {.why = DBG_STOP_STEP, .id = -1};

    stop_reply(st, &info, GDB_SIGINT);
}

void gdb_cmd_why(struct gdb_stub *st, struct gdb_scan *args)
{
    struct dbg_stop_info info = {.why = DBG_STOP_STEP, .id = -1};

    (void)args;
    stop_reply(st, &info, GDB_SIGTRAP);
}

/* ---- resuming ---------------------------------------------------------- */

static struct dbg_stop_info run(struct dbg_session *s, enum resume how)
{
    switch (how) {
    case RESUME_STEP: return dbg_stepi(s, 1);
    case RESUME_CONTINUE: return dbg_continue(s);
    case RESUME_BACK_STEP: return dbg_reverse_stepi(s, 1);
    case RESUME_BACK_CONTINUE: break;
    }
    return dbg_reverse_continue(s);
}

/* The session's interrupt hook while a resume runs: has GDB sent a
 * Ctrl-C?  Asked without waiting; late acks are skipped, anything else
 * is left unread. */
static bool ctrl_c_arrived(void *user)
{
    struct gdb_stub *st = user;

    return gdb_packet_take_interrupt(&st->conn);
}

/* GDB on ARM takes a watchpoint to stop *before* the access (ARM's
 * watchpoints are "non-steppable") and steps over the accessing
 * instruction itself, with the watchpoint removed, before it compares
 * values.  The session stops after the access, so going forwards the
 * stub steps back one instruction first: GDB's own step then ends where
 * the session stopped.  (Backwards, GDB steps back over the access from
 * the position after it, which is where a reverse stop already is.)  The
 * kernel's access is reported where it is, after its kernel entry: one
 * instruction back could be before an interrupt's entry, which no
 * instruction makes, and GDB's step would not meet the write, resume, and
 * meet it again without end; GDB steps one instruction on and shows the
 * values there. */
static void resume(struct gdb_stub *st, enum resume how)
{
    dbg_set_interrupt(st->s, ctrl_c_arrived, st);
    struct dbg_stop_info info = run(st->s, how);
    dbg_set_interrupt(st->s, NULL, NULL);

    if (info.why == DBG_STOP_WATCHPOINT && !info.kernel &&
        (how == RESUME_STEP || how == RESUME_CONTINUE))
        (void)dbg_reverse_stepi(st->s, 1);
    (void)gdb_packet_take_interrupt(&st->conn); /* answered by this stop */
    tell_why(st, &info);
    stop_reply(st, &info, info.why == DBG_STOP_INTERRUPT ? GDB_SIGINT : GDB_SIGTRAP);
}

/* s [addr] and c [addr]: resume, first moving the current thread's pc to
 * addr when one is given. */
static void resume_at(struct gdb_stub *st, struct gdb_scan *args, enum resume how)
{
    uint64_t addr;

    if (!gdb_scan_at_end(args)) {
        int slot = gdb_current_slot(st);
        if (!gdb_scan_hex(args, UINT32_MAX, &addr) || !gdb_scan_at_end(args)) {
            gdb_reply_error(&st->reply, GDB_E_PACKET);
            return;
        }
        if (slot < 0 || !dbg_write_reg(st->s, (unsigned)slot, DBG_REG_PC, (uint32_t)addr)) {
            gdb_reply_error(&st->reply, GDB_E_TARGET);
            return;
        }
    }
    resume(st, how);
}

void gdb_cmd_step(struct gdb_stub *st, struct gdb_scan *args)
{
    resume_at(st, args, RESUME_STEP);
}

void gdb_cmd_continue(struct gdb_stub *st, struct gdb_scan *args)
{
    resume_at(st, args, RESUME_CONTINUE);
}

void gdb_cmd_back_step(struct gdb_stub *st, struct gdb_scan *args)
{
    (void)args;
    resume(st, RESUME_BACK_STEP);
}

void gdb_cmd_back_continue(struct gdb_stub *st, struct gdb_scan *args)
{
    (void)args;
    resume(st, RESUME_BACK_CONTINUE);
}

/* ---- vCont ------------------------------------------------------------- */

void gdb_cmd_vcont_query(struct gdb_stub *st, struct gdb_scan *args)
{
    (void)args;
    gdb_reply_str(&st->reply, "vCont;c;C;s;S");
}

/* One action: c, s, Cxx or Sxx (the signal is ignored: the guest has
 * none), then an optional ":thread" (ignored, see the top).  *step is
 * set for s and S. */
static bool scan_action(struct gdb_scan *args, bool *step)
{
    uint64_t v;

    if (gdb_scan_at_end(args))
        return false;
    char a = *args->p++;
    if (a != 'c' && a != 's' && a != 'C' && a != 'S')
        return false;
    if ((a == 'C' || a == 'S') && !gdb_scan_hex(args, 0xff, &v))
        return false;
    *step |= a == 's' || a == 'S';
    if (!gdb_scan_char(args, ':'))
        return true;
    return gdb_scan_lit(args, "-1") || gdb_scan_hex(args, UINT32_MAX, &v);
}

/* vCont;action[:thread][;action[:thread]...]: a step when any action
 * steps (the machine steps one instruction), else a continue. */
void gdb_cmd_vcont(struct gdb_stub *st, struct gdb_scan *args)
{
    bool step = false;

    do {
        if (!scan_action(args, &step)) {
            gdb_reply_error(&st->reply, GDB_E_PACKET);
            return;
        }
    } while (gdb_scan_char(args, ';'));
    if (!gdb_scan_at_end(args)) {
        gdb_reply_error(&st->reply, GDB_E_PACKET);
        return;
    }
    resume(st, step ? RESUME_STEP : RESUME_CONTINUE);
}
