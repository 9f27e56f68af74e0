/* gdb_threads.c - the kernel's threads as GDB's (see gdb_cmd.h).  GDB's
 * thread id is the kernel thread slot + 1 (GDB reserves 0 for "any" and
 * -1 for "all"); its name is "partition/process".  While the CPU idles,
 * the first thread stands for the current one, since GDB needs one; when
 * no thread exists yet, id 1 stands alone with no registers. */
#include "gdb_cmd.h"

static unsigned list_threads(struct gdb_stub *st)
{
    st->threads.n = dbg_threads(st->s, st->threads.t, GDB_MAX_THREADS);
    if (st->threads.n > GDB_MAX_THREADS)
        st->threads.n = GDB_MAX_THREADS;
    return st->threads.n;
}

/* The listed thread GDB calls `id`, NULL when none. */
static const struct dbg_thread *find_thread(struct gdb_stub *st, unsigned id)
{
    unsigned n = list_threads(st);

    for (unsigned i = 0; i < n; i++) {
        if (st->threads.t[i].slot + 1 == id)
            return &st->threads.t[i];
    }
    return NULL;
}

static bool id_alive(struct gdb_stub *st, unsigned id)
{
    return find_thread(st, id) != NULL || (st->threads.n == 0 && id == 1);
}

unsigned gdb_thread_id(int slot)
{
    return slot < 0 ? 1 : (unsigned)slot + 1;
}

int gdb_current_slot(struct gdb_stub *st)
{
    int cur = dbg_current_thread(st->s);

    if (cur >= 0)
        return cur;
    return list_threads(st) > 0 ? (int)st->threads.t[0].slot : -1;
}

int gdb_selected_slot(struct gdb_stub *st)
{
    if (st->thread == 0)
        return gdb_current_slot(st);
    const struct dbg_thread *t = find_thread(st, st->thread);
    return t ? (int)t->slot : -1;
}

/* A thread id as GDB writes one: -1 (all) and 0 (any) both mean "the
 * current one" here (*id = 0), else a positive hex number. */
static bool scan_thread_id(struct gdb_scan *args, unsigned *id)
{
    uint64_t v;

    if (gdb_scan_lit(args, "-1")) {
        *id = 0;
        return gdb_scan_at_end(args);
    }
    if (!gdb_scan_hex(args, UINT32_MAX, &v) || !gdb_scan_at_end(args))
        return false;
    *id = (unsigned)v;
    return true;
}

/* Hg selects the thread whose registers g/G/p/P see.  Hc (whose thread
 * resumes) is accepted and ignored: the whole machine runs. */
void gdb_cmd_set_thread(struct gdb_stub *st, struct gdb_scan *args)
{
    bool general = gdb_scan_char(args, 'g');
    unsigned id;

    if ((!general && !gdb_scan_char(args, 'c')) || !scan_thread_id(args, &id)) {
        gdb_reply_error(&st->reply, GDB_E_PACKET);
        return;
    }
    if (id != 0 && !id_alive(st, id)) {
        gdb_reply_error(&st->reply, GDB_E_TARGET);
        return;
    }
    if (general)
        st->thread = id;
    gdb_reply_str(&st->reply, "OK");
}

/* T id: OK while the thread exists. */
void gdb_cmd_thread_alive(struct gdb_stub *st, struct gdb_scan *args)
{
    unsigned id;

    if (!scan_thread_id(args, &id) || id == 0) {
        gdb_reply_error(&st->reply, GDB_E_PACKET);
        return;
    }
    if (id_alive(st, id))
        gdb_reply_str(&st->reply, "OK");
    else
        gdb_reply_error(&st->reply, GDB_E_TARGET);
}

void gdb_cmd_current_thread(struct gdb_stub *st, struct gdb_scan *args)
{
    (void)args;
    gdb_reply_fmt(&st->reply, "QC%x", gdb_thread_id(gdb_current_slot(st)));
}

/* qfThreadInfo: all ids in one reply (they fit); qsThreadInfo: the end. */
void gdb_cmd_first_threads(struct gdb_stub *st, struct gdb_scan *args)
{
    unsigned n = list_threads(st);

    (void)args;
    if (n == 0) {
        gdb_reply_str(&st->reply, "m1");
        return;
    }
    for (unsigned i = 0; i < n; i++)
        gdb_reply_fmt(&st->reply, "%c%x", i ? ',' : 'm', st->threads.t[i].slot + 1);
}

void gdb_cmd_more_threads(struct gdb_stub *st, struct gdb_scan *args)
{
    (void)args;
    gdb_reply_str(&st->reply, "l");
}

/* qThreadExtraInfo,id: "partition/process, state", in hex. */
void gdb_cmd_thread_extra(struct gdb_stub *st, struct gdb_scan *args)
{
    char text[sizeof st->threads.t[0].name + 32];
    unsigned id;

    if (!scan_thread_id(args, &id) || id == 0) {
        gdb_reply_error(&st->reply, GDB_E_PACKET);
        return;
    }
    const struct dbg_thread *t = find_thread(st, id);
    if (!t) {
        gdb_reply_error(&st->reply, GDB_E_TARGET);
        return;
    }
    int n = snprintf(text, sizeof text, "%.*s, %s", (int)sizeof t->name, t->name,
                     t->state ? t->state : "?");
    size_t len = n < 0 ? 0 : (size_t)n < sizeof text ? (size_t)n : sizeof text - 1;
    gdb_reply_hex(&st->reply, text, len);
}

/* Text as XML character data or an attribute value. */
static void xml_text(struct gdb_reply *x, const char *s, size_t max)
{
    for (size_t i = 0; i < max && s[i]; i++) {
        switch (s[i]) {
        case '&': gdb_reply_str(x, "&amp;"); break;
        case '<': gdb_reply_str(x, "&lt;"); break;
        case '>': gdb_reply_str(x, "&gt;"); break;
        case '"': gdb_reply_str(x, "&quot;"); break;
        case '\'': gdb_reply_str(x, "&apos;"); break;
        default: gdb_reply_bytes(x, &s[i], 1); break;
        }
    }
}

static void threads_xml(struct gdb_stub *st, struct gdb_reply *x)
{
    unsigned n = list_threads(st);

    gdb_reply_str(x, "<?xml version=\"1.0\"?>\n<threads>\n");
    for (unsigned i = 0; i < n; i++) {
        const struct dbg_thread *t = &st->threads.t[i];
        gdb_reply_fmt(x, "  <thread id=\"%x\" core=\"0\" name=\"", t->slot + 1);
        xml_text(x, t->name, sizeof t->name);
        gdb_reply_str(x, "\">");
        xml_text(x, t->state ? t->state : "", 64);
        gdb_reply_str(x, "</thread>\n");
    }
    if (n == 0)
        gdb_reply_str(x, "  <thread id=\"1\" core=\"0\"/>\n");
    gdb_reply_str(x, "</threads>\n");
}

/* qXfer:threads:read::offset,length (the annex is empty). */
void gdb_cmd_xfer_threads(struct gdb_stub *st, struct gdb_scan *args)
{
    if (!gdb_scan_char(args, ':')) {
        gdb_reply_error(&st->reply, 0); /* E00: no such annex */
        return;
    }
    gdb_reply_clear(&st->text);
    threads_xml(st, &st->text);
    if (st->text.full) {
        gdb_reply_error(&st->reply, GDB_E_TARGET);
        return;
    }
    gdb_reply_xfer(&st->reply, st->text.buf, st->text.len, args);
}
