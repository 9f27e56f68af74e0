/* gdb_points.c - GDB's breakpoints and watchpoints (Z and z) as the
 * session's (see gdb_cmd.h).  Z0 and Z1 both become address breakpoints
 * (the simulator needs no breakpoint instruction in memory, so "software"
 * and "hardware" ones are the same); Z2, Z3 and Z4 become write, read and
 * access watchpoints of `kind` bytes. */
#include "gdb_cmd.h"

/* ---- what the stub set ------------------------------------------------- */

/* Every point set through GDB, with the kind GDB asked for: a stop then
 * reports a Z1 breakpoint as hwbreak and a Z3 watchpoint as rwatch (the
 * session keeps address and range only), and what is left at the end is
 * deleted. */

static bool remember(struct gdb_stub *st, int id, char kind)
{
    if (st->npoints == GDB_MAX_POINTS)
        return false;
    st->points[st->npoints++] = (struct gdb_point){.id = id, .kind = kind};
    return true;
}

static void forget(struct gdb_stub *st, int id)
{
    for (unsigned i = 0; i < st->npoints; i++) {
        if (st->points[i].id == id) {
            st->points[i] = st->points[--st->npoints];
            return;
        }
    }
}

/* GDB removes its points at every stop and before it detaches, but a
 * client that vanishes mid-way leaves some: the session outlives the
 * connection, so they go with it. */
void gdb_points_drop(struct gdb_stub *st)
{
    while (st->npoints > 0)
        (void)dbg_delete(st->s, st->points[--st->npoints].id);
}

char gdb_point_kind(const struct gdb_stub *st, int id)
{
    for (unsigned i = 0; i < st->npoints; i++) {
        if (st->points[i].id == id)
            return st->points[i].kind;
    }
    return 0;
}

/* ---- Z and z ----------------------------------------------------------- */

struct point_req {
    char type; /* '0'..'4' */
    uint64_t addr, kind;
};

/* "type,addr,kind" and, ignored, any ";cond..." after it. */
static bool scan_point(struct gdb_scan *args, struct point_req *p)
{
    if (gdb_scan_at_end(args) || *args->p < '0' || *args->p > '4')
        return false;
    p->type = *args->p++;
    if (!gdb_scan_char(args, ',') || !gdb_scan_hex(args, UINT64_MAX, &p->addr) ||
        !gdb_scan_char(args, ',') || !gdb_scan_hex(args, UINT32_MAX, &p->kind))
        return false;
    return gdb_scan_at_end(args) || gdb_scan_char(args, ';');
}

static enum dbg_watch_kind watch_kind(char type)
{
    return type == '2' ? DBG_WATCH_WRITE : type == '3' ? DBG_WATCH_READ : DBG_WATCH_ACCESS;
}

static bool is_break(char type)
{
    return type == '0' || type == '1';
}

void gdb_cmd_insert_point(struct gdb_stub *st, struct gdb_scan *args)
{
    struct point_req p;
    char err[160] = "";
    int id;

    if (!scan_point(args, &p)) {
        gdb_reply_error(&st->reply, GDB_E_PACKET);
        return;
    }
    if (p.addr > UINT32_MAX)
        id = -1;
    else if (is_break(p.type))
        id = dbg_break_add(st->s, DBG_BREAK_ADDR, (uint32_t)p.addr, err, sizeof err);
    else
        id = dbg_watch_add(st->s, (uint32_t)p.addr, (uint32_t)p.kind, watch_kind(p.type), err,
                           sizeof err);
    if (id >= 0 && !remember(st, id, p.type)) {
        (void)dbg_delete(st->s, id);
        id = -1;
        snprintf(err, sizeof err, "more than %d set through GDB", GDB_MAX_POINTS);
    }
    if (id < 0) {
        fprintf(st->log, "gdb: Z%c at 0x%llx refused: %s\n", p.type, (unsigned long long)p.addr,
                err[0] ? err : "no such address");
        gdb_reply_error(&st->reply, GDB_E_TARGET);
        return;
    }
    gdb_reply_str(&st->reply, "OK");
}

void gdb_cmd_remove_point(struct gdb_stub *st, struct gdb_scan *args)
{
    struct point_req p;
    int id = -1;

    if (!scan_point(args, &p)) {
        gdb_reply_error(&st->reply, GDB_E_PACKET);
        return;
    }
    if (p.addr <= UINT32_MAX && is_break(p.type))
        id = dbg_find_break(st->s, (uint32_t)p.addr);
    else if (p.addr <= UINT32_MAX)
        id = dbg_find_watch(st->s, (uint32_t)p.addr, (uint32_t)p.kind, watch_kind(p.type));
    if (id < 0 || !dbg_delete(st->s, id)) {
        gdb_reply_error(&st->reply, GDB_E_TARGET);
        return;
    }
    forget(st, id);
    gdb_reply_str(&st->reply, "OK");
}
