/* trace_text.c - kernel events as text (see trace_text.h). */
#include "trace_text.h"

#include <inttypes.h>
#include <stdio.h>

#include "abi.h"
#include "kernel.h"

static const char *const syscall_names[FEN_SYS_COUNT] = {
    [FEN_SYS_CONSOLE_WRITE] = "console_write",
    [FEN_SYS_YIELD] = "yield",
    [FEN_SYS_GET_TIME] = "get_time",
    [FEN_SYS_SLEEP_UNTIL] = "sleep_until",
    [FEN_SYS_SLEEP_FOR] = "sleep_for",
    [FEN_SYS_THREAD_CREATE] = "thread_create",
    [FEN_SYS_THREAD_START] = "thread_start",
    [FEN_SYS_THREAD_EXIT] = "thread_exit",
    [FEN_SYS_THREAD_SET_PRIORITY] = "thread_set_priority",
    [FEN_SYS_THREAD_SELF] = "thread_self",
    [FEN_SYS_PARTITION_INFO] = "partition_info",
};

static const char *part_name(const struct cfg_system *s, unsigned p)
{
    return p < s->num_partitions ? s->partitions[p].name : "-";
}

static const char *const access_names[] = {"read", "write", "execute", "?"};

/* Formats "part.thread", or "idle". */
static void thread_name(const struct cfg_system *s, unsigned part, unsigned thread,
                        char *buf, size_t len)
{
    if (part == TRACE_NONE || part >= s->num_partitions)
        snprintf(buf, len, "idle");
    else
        snprintf(buf, len, "%s.%u", part_name(s, part), thread);
}

void trace_text(const struct cfg_system *s, const struct trace_event *e,
                char *buf, size_t len)
{
    char who[40], prev[40];
    const char *p = part_name(s, e->part);
    thread_name(s, e->part, e->thread, who, sizeof who);
    int n = snprintf(buf, len, "@%" PRIu64 " ", e->cycle);
    buf += n;
    len -= (size_t)n;
    switch (e->type) {
    case TR_BOOT:
        snprintf(buf, len, "boot partitions=%u windows=%u", e->a0, e->a1);
        break;
    case TR_FRAME:
        snprintf(buf, len, "frame n=%u", e->a0);
        break;
    case TR_WINDOW:
        snprintf(buf, len, "window part=%s index=%u", p, e->a0);
        break;
    case TR_THREAD_SWITCH:
        thread_name(s, e->a0 >> 8, e->a0 & 0xff, prev, sizeof prev);
        snprintf(buf, len, "switch to=%s from=%s", who, e->a0 == 0xffff ? "idle" : prev);
        break;
    case TR_SYSCALL:
        snprintf(buf, len, "syscall thread=%s call=%s ret=%d", who,
                 e->a0 < FEN_SYS_COUNT ? syscall_names[e->a0] : "invalid",
                 (int32_t)e->a1);
        break;
    case TR_FAULT:
        if (e->flags & TRACE_FAULT_SYSCALL)
            snprintf(buf, len, "fault thread=%s error=%s access=%s addr=0x%08x "
                     "len=%u call=%s refused", who, fen_error_name(e->flags >> 4),
                     access_names[e->flags & 3], e->a0, e->a2,
                     e->a1 < FEN_SYS_COUNT ? syscall_names[e->a1] : "invalid");
        else if (e->flags & TRACE_FAULT_ADDR_VALID)
            snprintf(buf, len, "fault thread=%s error=%s access=%s addr=0x%08x "
                     "pc=0x%08x status=0x%08x", who, fen_error_name(e->flags >> 4),
                     access_names[e->flags & 3], e->a0, e->a1, e->a2);
        else
            snprintf(buf, len, "fault thread=%s error=%s access=%s pc=0x%08x "
                     "status=0x%08x", who, fen_error_name(e->flags >> 4),
                     access_names[e->flags & 3], e->a1, e->a2);
        break;
    case TR_PART_STOPPED:
        snprintf(buf, len, "stopped part=%s error=%s", p, fen_error_name(e->a0));
        break;
    case TR_THREAD_START:
        snprintf(buf, len, "thread_start thread=%s entry=0x%08x", who, e->a0);
        break;
    case TR_THREAD_EXIT:
        snprintf(buf, len, "thread_exit thread=%s", who);
        break;
    case TR_SLEEP:
        snprintf(buf, len, "sleep thread=%s until=%" PRIu64, who,
                 (uint64_t)e->a1 << 32 | e->a0);
        break;
    case TR_LOST:
        snprintf(buf, len, "lost events=%u (the kernel's event ring was full)", e->a0);
        break;
    case TR_WAKE:
        snprintf(buf, len, "wake thread=%s", who);
        break;
    default:
        snprintf(buf, len, "unknown type=%u", e->type);
        break;
    }
}
