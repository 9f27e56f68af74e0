/* gdb_monitor.c - GDB's `monitor CMD` (qRcmd,hex): the session's `info`
 * reports, `goto CYCLE`, `position` and `help`.  Output goes to GDB's
 * console as O packets, then OK (see gdb_cmd.h). */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "gdb_cmd.h"

#define GDB_MONITOR_MAX 256 /* longest command, in bytes */

static const char help_text[] =
    "Fenestra monitor commands:\n"
    "  monitor help                 this list\n"
    "  monitor position             the run's position: cycle, instructions, events\n"
    "  monitor goto CYCLE           go to the first position at or after CYCLE\n"
    "                               (forwards or backwards; then `maint flush\n"
    "                               register-cache` so GDB re-reads the registers)\n"
    "  monitor registers | partitions | threads | windows | mpu | ports |\n"
    "          events [N] | breakpoints | snapshots\n"
    "                               the session's reports, as `info` in the REPL\n";

static void print_position(struct gdb_stub *st, FILE *out)
{
    struct dbg_pos p = dbg_position(st->s);

    fprintf(out, "cycle %" PRIu64 ", %" PRIu64 " instructions, %" PRIu64 " events\n", p.cycle,
            p.insns, p.events);
}

/* goto CYCLE: a decimal (or 0x hex) cycle number. */
static void go_to(struct gdb_stub *st, const char *arg, FILE *out)
{
    char *end;

    errno = 0;
    while (*arg == ' ')
        arg++;
    uint64_t cycle = strtoull(arg, &end, 0);
    if (*arg == '\0' || *arg == '-' || *end != '\0' || errno) {
        fprintf(out, "goto: '%s' is not a cycle number\n", arg);
        return;
    }
    struct dbg_stop_info info = dbg_goto_cycle(st->s, cycle);
    if (info.message[0])
        fprintf(out, "%.*s\n", (int)sizeof info.message - 1, info.message);
    print_position(st, out);
}

static void run_command(struct gdb_stub *st, const char *cmd, FILE *out)
{
    if (strcmp(cmd, "help") == 0 || cmd[0] == '\0')
        fputs(help_text, out);
    else if (strcmp(cmd, "position") == 0)
        print_position(st, out);
    else if (strncmp(cmd, "goto", 4) == 0 && (cmd[4] == ' ' || cmd[4] == '\0'))
        go_to(st, cmd + 4, out);
    else
        (void)dbg_info(st->s, cmd, out); /* it says so when it does not know cmd */
}

/* The command decoded from hex, spaces trimmed at both ends; false when
 * it is not hex, too long or holds a NUL. */
static bool decode(struct gdb_scan *args, char *cmd)
{
    size_t n = gdb_scan_left(args) / 2;

    if (gdb_scan_left(args) % 2 || n > GDB_MONITOR_MAX || !gdb_scan_bytes(args, cmd, n) ||
        memchr(cmd, '\0', n))
        return false;
    while (n > 0 && cmd[n - 1] == ' ')
        n--;
    cmd[n] = '\0';
    size_t lead = strspn(cmd, " ");
    memmove(cmd, cmd + lead, n - lead + 1);
    return true;
}

void gdb_cmd_monitor(struct gdb_stub *st, struct gdb_scan *args)
{
    char cmd[GDB_MONITOR_MAX + 1];
    char *text = NULL;
    size_t len = 0;

    if (!decode(args, cmd)) {
        gdb_reply_error(&st->reply, GDB_E_PACKET);
        return;
    }
    FILE *out = open_memstream(&text, &len);
    if (!out) {
        gdb_reply_error(&st->reply, GDB_E_TARGET);
        return;
    }
    run_command(st, cmd, out);
    fclose(out);
    if (gdb_console(st, text, len))
        gdb_reply_str(&st->reply, "OK");
    else
        st->no_reply = true; /* the connection failed: the loop sees it next */
    free(text);
}
