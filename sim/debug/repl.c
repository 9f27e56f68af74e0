/*
 * repl.c - the debugger's command line (`debug APP`, `replay FILE
 * --step`): one command per line from a terminal, a file or a pipe, so
 * people and tests drive the same thing.  Every command is a call of the
 * session (session.h); this file only parses and prints.
 */
#define _POSIX_C_SOURCE 200809L /* sigaction */

#include "repl.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "abi.h"
#include "kernel.h"
#include "kstate.h"
#include "trace_text.h"

struct repl {
    struct dbg_session *s;
    const struct cfg_system *sys;
    FILE *out;
    unsigned errors;
};

/* ======================================================================
 * parsing helpers
 * ====================================================================== */

static bool parse_u64(const char *t, uint64_t *v)
{
    char *end;
    errno = 0;
    if (!t || !*t || *t == '-')
        return false;
    unsigned long long x = strtoull(t, &end, 0);
    if (*end || errno == ERANGE)
        return false;
    *v = x;
    return true;
}

/* An address: a number, `symbol` or `partition:symbol`. */
static bool parse_location(struct repl *r, const char *t, uint32_t *addr)
{
    uint64_t v;
    if (t && parse_u64(t, &v) && v <= UINT32_MAX) {
        *addr = (uint32_t)v;
        return true;
    }
    return t && dbg_symbol(r->s, t, addr);
}

static const char *const event_names[] = {
    [TR_BOOT] = "boot", [TR_WINDOW] = "window", [TR_THREAD_SWITCH] = "switch",
    [TR_SYSCALL] = "syscall", [TR_FAULT] = "fault", [TR_WAKE] = "wake",
    [TR_FRAME] = "frame", [TR_SLEEP] = "sleep", [TR_LOST] = "lost",
    [TR_RELEASE] = "release", [TR_PROCESS] = "process", [TR_ERROR] = "error",
    [TR_HM_ACTION] = "hm", [TR_MODE] = "mode", [TR_SCHEDULE] = "schedule",
    [TR_WINDOW_DONE] = "window_done", [TR_MESSAGE] = "message", [TR_MODULE] = "module",
    [TR_PORT] = "port", [TR_IRQ] = "irq", [TR_PRIORITY] = "priority",
};

static int event_kind(const char *name)
{
    for (unsigned i = 1; i < sizeof event_names / sizeof event_names[0]; i++)
        if (event_names[i] && name && !strcasecmp(event_names[i], name))
            return (int)i;
    return -1;
}

static void complain(struct repl *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void complain(struct repl *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("error: ", r->out);
    vfprintf(r->out, fmt, ap);
    fputc('\n', r->out);
    va_end(ap);
    r->errors++;
}

/* ======================================================================
 * stops
 * ====================================================================== */

static void print_where(struct repl *r)
{
    struct dbg_pos p = dbg_position(r->s);
    int slot = dbg_current_thread(r->s);
    fprintf(r->out, "  cycle %" PRIu64 ", instruction %" PRIu64 ", event %" PRIu64, p.cycle,
            p.insns, p.events);
    if (slot < 0) {
        fputs(", CPU idle\n", r->out);
        return;
    }
    struct dbg_thread t[CFG_NUM_THREADS];
    unsigned n = dbg_threads(r->s, t, CFG_NUM_THREADS);
    uint32_t regs[DBG_NUM_REGS];
    dbg_read_regs(r->s, (unsigned)slot, regs);
    for (unsigned i = 0; i < n; i++)
        if ((int)t[i].slot == slot)
            fprintf(r->out, ", thread %s, pc 0x%08x\n", t[i].name, regs[DBG_REG_PC]);
}

static void print_stop(struct repl *r, const struct dbg_stop_info *st)
{
    fprintf(r->out, "%s\n", st->message);
    if (st->why == DBG_STOP_EVENT) {
        char line[256];
        trace_text(r->sys, &st->event, line, sizeof line);
        fprintf(r->out, "  %s\n", line);
    }
    print_where(r);
    if (st->why == DBG_STOP_DIVERGED || st->why == DBG_STOP_ERROR)
        r->errors++;
}

/* ======================================================================
 * commands
 * ====================================================================== */

static void cmd_count(struct repl *r, const char *arg,
                      struct dbg_stop_info (*fn)(struct dbg_session *, uint64_t))
{
    uint64_t n = 1;
    if (arg && !parse_u64(arg, &n)) {
        complain(r, "'%s' is not a count", arg);
        return;
    }
    struct dbg_stop_info st = fn(r->s, n);
    print_stop(r, &st);
}

/* `continue frame N`, `window W`, `event KIND`: run to the next event
 * that matches, through a temporary event breakpoint (the user's own
 * breakpoints still stop it first). */
static void continue_to_event(struct repl *r, int type, bool match, uint32_t value)
{
    char err[128];
    int id = dbg_break_add(r->s, DBG_BREAK_EVENT, (uint32_t)type, err, sizeof err);
    if (id < 0) {
        complain(r, "%s", err);
        return;
    }
    struct dbg_stop_info st;
    for (;;) {
        st = dbg_continue(r->s);
        if (st.why != DBG_STOP_EVENT || st.id != id || !match)
            break;
        uint32_t got = type == TR_WINDOW ? st.event.a0 & 0xffff : st.event.a0;
        if (got == value)
            break;
    }
    dbg_delete(r->s, id);
    print_stop(r, &st);
}

static void cmd_continue(struct repl *r, const char *what, const char *arg)
{
    uint64_t v = 0;
    if (!what) {
        struct dbg_stop_info st = dbg_continue(r->s);
        print_stop(r, &st);
    } else if (!strcmp(what, "cycle") && parse_u64(arg, &v)) {
        if (v < dbg_position(r->s).cycle) {
            complain(r, "cycle %" PRIu64 " is behind; use goto to go back", v);
            return;
        }
        struct dbg_stop_info st = dbg_run_to_cycle(r->s, v);
        print_stop(r, &st);
    } else if (!strcmp(what, "frame") && parse_u64(arg, &v)) {
        continue_to_event(r, TR_FRAME, true, (uint32_t)v);
    } else if (!strcmp(what, "window") && parse_u64(arg, &v)) {
        continue_to_event(r, TR_WINDOW, true, (uint32_t)v);
    } else if (!strcmp(what, "event") && event_kind(arg) > 0) {
        continue_to_event(r, event_kind(arg), false, 0);
    } else {
        complain(r, "continue [cycle C | frame N | window W | event KIND]");
    }
}

static void report_id(struct repl *r, int id, const char *what, const char *err)
{
    if (id < 0)
        complain(r, "%s", err);
    else
        fprintf(r->out, "%s %d\n", what, id);
}

static int syscall_number(const char *name)
{
    uint64_t v;
    if (parse_u64(name, &v))
        return v < FEN_SYS_COUNT ? (int)v : -1;
    for (unsigned i = 0; i < FEN_SYS_COUNT; i++)
        if (trace_syscall_name(i) && !strcmp(trace_syscall_name(i), name))
            return (int)i;
    return -1;
}

static void cmd_break(struct repl *r, const char *what, const char *arg)
{
    static const struct {
        const char *name;
        enum dbg_break_kind kind;
    } kinds[] = {{"fault", DBG_BREAK_FAULT}, {"deadline", DBG_BREAK_DEADLINE},
                 {"overrun", DBG_BREAK_OVERRUN}, {"pagefault", DBG_BREAK_PAGEFAULT}};
    char err[128] = "";
    uint32_t addr;
    if (!what) {
        complain(r, "break LOCATION | syscall [NAME|N] | fault | deadline | overrun | "
                 "pagefault | event KIND");
        return;
    }
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(what, kinds[i].name))
            return report_id(r, dbg_break_add(r->s, kinds[i].kind, 0, err, sizeof err),
                             "breakpoint", err);
    if (!strcmp(what, "syscall")) {
        int n = arg ? syscall_number(arg) : (int)DBG_ANY;
        if (n < 0 && arg)
            return complain(r, "no system call '%s'", arg);
        return report_id(r, dbg_break_add(r->s, DBG_BREAK_SYSCALL, (uint32_t)n, err,
                                          sizeof err), "breakpoint", err);
    }
    if (!strcmp(what, "event")) {
        if (event_kind(arg) < 0)
            return complain(r, "no kernel event kind '%s'", arg ? arg : "");
        return report_id(r, dbg_break_add(r->s, DBG_BREAK_EVENT, (uint32_t)event_kind(arg),
                                          err, sizeof err), "breakpoint", err);
    }
    if (!parse_location(r, what, &addr))
        return complain(r, "no address or symbol '%s'", what);
    report_id(r, dbg_break_add(r->s, DBG_BREAK_ADDR, addr, err, sizeof err), "breakpoint", err);
}

static void cmd_watch(struct repl *r, enum dbg_watch_kind kind, const char *where,
                      const char *len)
{
    uint32_t addr;
    uint64_t n = 4;
    char err[128] = "";
    if (!parse_location(r, where, &addr))
        return complain(r, "no address or symbol '%s'", where ? where : "");
    if (len && (!parse_u64(len, &n) || n > UINT32_MAX))
        return complain(r, "'%s' is not a length", len);
    report_id(r, dbg_watch_add(r->s, addr, (uint32_t)n, kind, err, sizeof err), "watchpoint", err);
}

/* x/FMT LOC: count, format (x d u c) and unit size (b h w g), as GDB. */
static void cmd_examine(struct repl *r, const char *fmt, const char *where)
{
    uint64_t count = 1;
    char format = 'x', unit = 'w';
    const char *p = fmt;
    if (*p && isdigit((unsigned char)*p))
        count = strtoull(p, (char **)&p, 10);
    for (; *p; p++) {
        if (strchr("xduc", *p))
            format = *p;
        else if (strchr("bhwg", *p))
            unit = *p;
        else
            return complain(r, "x/FMT: bad format letter '%c' (count, then x d u c, then b h w g)", *p);
    }
    uint32_t addr, size = unit == 'b' ? 1 : unit == 'h' ? 2 : unit == 'w' ? 4 : 8;
    if (!parse_location(r, where, &addr))
        return complain(r, "no address or symbol '%s'", where ? where : "");
    if (count == 0 || count > 4096)
        return complain(r, "x/FMT: count 1 to 4096");
    for (uint64_t i = 0; i < count; i++) {
        uint64_t v = 0;
        uint32_t a = addr + (uint32_t)(i * size);
        if (dbg_read_mem(r->s, a, &v, size) != size)
            return complain(r, "0x%08x is not in board RAM", a);
        if (i % (16 / size) == 0)
            fprintf(r->out, "%s0x%08x:", i ? "\n" : "", a);
        if (format == 'x')
            fprintf(r->out, " 0x%0*" PRIx64, (int)size * 2, v);
        else if (format == 'c')
            fprintf(r->out, " '%c'", isprint((int)(v & 0xff)) ? (int)(v & 0xff) : '.');
        else if (format == 'd')
            fprintf(r->out, " %" PRId64, size == 8 ? (int64_t)v : (int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size));
        else
            fprintf(r->out, " %" PRIu64, v);
    }
    fputc('\n', r->out);
}

static const char help_text[] =
    "stepi [N] | si        N guest instructions forwards (a system call completes)\n"
    "next | n              to right after the next kernel event\n"
    "continue | c [cycle C | frame N | window W | event KIND]\n"
    "                      until a breakpoint, a watchpoint, the end, or that point\n"
    "                      (Ctrl-C stops stepi, next and continue where they are)\n"
    "reverse-stepi [N] | rsi    N instructions backwards\n"
    "reverse-next | rn     back to right after the previous kernel event\n"
    "reverse-continue | rc back to the latest breakpoint or watchpoint hit\n"
    "goto CYCLE            to that cycle, either way\n"
    "break LOC | break syscall [NAME|N] | break fault | break deadline |\n"
    "  break overrun | break pagefault | break event KIND\n"
    "watch LOC [LEN] | rwatch LOC [LEN] | awatch LOC [LEN]\n"
    "delete ID\n"
    "info registers|partitions|threads|windows|mpu|ports|events [N]|breakpoints|snapshots\n"
    "x/FMT LOC             memory: count, x d u c, b h w g (x/4xw counter)\n"
    "where                 the current position\n"
    "quit\n"
    "LOC: an address, a symbol, or partition:symbol.  KIND: window, switch, syscall,\n"
    "fault, frame, release, process, error, hm, mode, port, irq, ...\n";

/* ======================================================================
 * Ctrl-C: stops a forward run (stepi, next, continue) where it is; the
 * stop is printed like any other and the prompt comes back.  Elsewhere
 * SIGINT keeps the disposition it had (by default, it ends the debugger).
 * ====================================================================== */

static volatile sig_atomic_t sigint_seen;

static void on_sigint(int sig)
{
    (void)sig;
    sigint_seen = 1;
}

/* The session's interrupt hook: a Ctrl-C since the run began, once. */
static bool sigint_asked(void *user)
{
    (void)user;
    if (!sigint_seen)
        return false;
    sigint_seen = 0;
    return true;
}

/* The commands the session can interrupt: its forward runs. */
static bool interruptible(const char *c)
{
    return !strcmp(c, "continue") || !strcmp(c, "c") || !strcmp(c, "stepi") || !strcmp(c, "si") || !strcmp(c, "next") || !strcmp(c, "n");
}

/* Installed even where SIGINT was ignored (a job started in the
 * background by a script): the user of a debugger means Ctrl-C. */
static bool catch_sigint(struct sigaction *old)
{
    struct sigaction sa = {.sa_handler = on_sigint, .sa_flags = SA_RESTART};
    sigemptyset(&sa.sa_mask);
    sigint_seen = 0;
    return sigaction(SIGINT, &sa, old) == 0;
}

/* ======================================================================
 * dispatch
 * ====================================================================== */

static void run_words(struct repl *r, char *words[4]);

/* One command; false on quit. */
static bool run_command(struct repl *r, char *line)
{
    char *words[4] = {0};
    int n = 0;
    for (char *t = strtok(line, " \t\r\n"); t && n < 4; t = strtok(NULL, " \t\r\n"))
        words[n++] = t;
    const char *c = words[0];
    if (!c || c[0] == '#')
        return true;
    if (!strcmp(c, "quit") || !strcmp(c, "q"))
        return false;
    struct sigaction old;
    bool caught = interruptible(c) && catch_sigint(&old);
    run_words(r, words);
    if (caught)
        sigaction(SIGINT, &old, NULL);
    return true;
}

/* A command other than quit, split into words. */
static void run_words(struct repl *r, char *words[4])
{
    const char *c = words[0];
    if (!strcmp(c, "stepi") || !strcmp(c, "si"))
        cmd_count(r, words[1], dbg_stepi);
    else if (!strcmp(c, "reverse-stepi") || !strcmp(c, "rsi"))
        cmd_count(r, words[1], dbg_reverse_stepi);
    else if (!strcmp(c, "next") || !strcmp(c, "n") || !strcmp(c, "reverse-next") ||
             !strcmp(c, "rn") || !strcmp(c, "reverse-continue") || !strcmp(c, "rc")) {
        struct dbg_stop_info st = c[0] == 'n' ? dbg_next(r->s)
                                  : !strcmp(c, "reverse-next") || !strcmp(c, "rn")
                                      ? dbg_reverse_next(r->s) : dbg_reverse_continue(r->s);
        print_stop(r, &st);
    } else if (!strcmp(c, "continue") || !strcmp(c, "c"))
        cmd_continue(r, words[1], words[2]);
    else if (!strcmp(c, "goto")) {
        uint64_t v;
        if (!parse_u64(words[1], &v))
            return complain(r, "goto CYCLE");
        struct dbg_stop_info st = dbg_goto_cycle(r->s, v);
        print_stop(r, &st);
    } else if (!strcmp(c, "break") || !strcmp(c, "b"))
        cmd_break(r, words[1], words[2]);
    else if (!strcmp(c, "watch") || !strcmp(c, "rwatch") || !strcmp(c, "awatch"))
        cmd_watch(r, c[0] == 'w' ? DBG_WATCH_WRITE : c[0] == 'r' ? DBG_WATCH_READ : DBG_WATCH_ACCESS,
                  words[1], words[2]);
    else if (!strcmp(c, "delete") || !strcmp(c, "d")) {
        uint64_t id;
        if (!parse_u64(words[1], &id) || !dbg_delete(r->s, (int)id))
            complain(r, "no breakpoint or watchpoint '%s'", words[1] ? words[1] : "");
    } else if (!strcmp(c, "info") || !strcmp(c, "i")) {
        char what[64];
        snprintf(what, sizeof what, "%s %s", words[1] ? words[1] : "", words[2] ? words[2] : "");
        if (!dbg_info(r->s, what, r->out))
            r->errors++;
    } else if (!strncmp(c, "x/", 2) || !strcmp(c, "x"))
        cmd_examine(r, c[1] ? c + 2 : "", words[1]);
    else if (!strcmp(c, "where"))
        print_where(r);
    else if (!strcmp(c, "help") || !strcmp(c, "h"))
        fputs(help_text, r->out);
    else
        complain(r, "unknown command '%s' (help lists them)", c);
}

int repl_run(struct dbg_session *s, const struct cfg_system *sys, FILE *in, FILE *out,
             bool prompt)
{
    struct repl r = {.s = s, .sys = sys, .out = out};
    char line[1024];
    dbg_set_interrupt(s, sigint_asked, NULL);
    fprintf(out, "fenestra debugger on %s: help lists the commands\n", sys->app_name);
    print_where(&r);
    for (;;) {
        if (prompt)
            fputs("(fenestra) ", out);
        fflush(out);
        if (!fgets(line, sizeof line, in))
            break;
        if (!strchr(line, '\n') && !feof(in)) {
            complain(&r, "line longer than %zu characters", sizeof line - 2);
            int ch;
            while ((ch = fgetc(in)) != EOF && ch != '\n')
                ;
            continue;
        }
        if (!prompt && line[0] != '\n') {
            fprintf(out, "> %s", line);
            fflush(out); /* the transcript shows what runs, before it runs */
        }
        if (!run_command(&r, line))
            break;
    }
    fflush(out);
    dbg_set_interrupt(s, NULL, NULL);
    return r.errors ? 1 : 0;
}
