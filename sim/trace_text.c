/* trace_text.c - kernel events as text (see trace_text.h). */
#include "trace_text.h"

#include <inttypes.h>
#include <stdbool.h>
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
    [FEN_SYS_CREATE_PROCESS] = "create_process",
    [FEN_SYS_START] = "start",
    [FEN_SYS_DELAYED_START] = "delayed_start",
    [FEN_SYS_STOP] = "stop",
    [FEN_SYS_STOP_SELF] = "stop_self",
    [FEN_SYS_SUSPEND] = "suspend",
    [FEN_SYS_SUSPEND_SELF] = "suspend_self",
    [FEN_SYS_RESUME] = "resume",
    [FEN_SYS_LOCK_PREEMPTION] = "lock_preemption",
    [FEN_SYS_UNLOCK_PREEMPTION] = "unlock_preemption",
    [FEN_SYS_GET_PROCESS_ID] = "get_process_id",
    [FEN_SYS_GET_PROCESS_STATUS] = "get_process_status",
    [FEN_SYS_TIMED_WAIT] = "timed_wait",
    [FEN_SYS_PERIODIC_WAIT] = "periodic_wait",
    [FEN_SYS_REPLENISH] = "replenish",
    [FEN_SYS_SET_PARTITION_MODE] = "set_partition_mode",
    [FEN_SYS_GET_PARTITION_STATUS] = "get_partition_status",
    [FEN_SYS_SET_SCHEDULE] = "set_schedule",
    [FEN_SYS_GET_SCHEDULE_ID] = "get_schedule_id",
    [FEN_SYS_GET_SCHEDULE_STATUS] = "get_schedule_status",
    [FEN_SYS_WINDOW_COMPLETE] = "window_complete",
    [FEN_SYS_RAISE_ERROR] = "raise_application_error",
    [FEN_SYS_REPORT_MESSAGE] = "report_application_message",
    [FEN_SYS_CREATE_ERROR_HANDLER] = "create_error_handler",
    [FEN_SYS_GET_ERROR_STATUS] = "get_error_status",
    [FEN_SYS_CREATE_PORT] = "create_port",
    [FEN_SYS_GET_PORT_ID] = "get_port_id",
    [FEN_SYS_WRITE_SAMPLING] = "write_sampling_message",
    [FEN_SYS_READ_SAMPLING] = "read_sampling_message",
    [FEN_SYS_SEND_QUEUING] = "send_queuing_message",
    [FEN_SYS_RECEIVE_QUEUING] = "receive_queuing_message",
    [FEN_SYS_PORT_STATUS] = "port_status",
    [FEN_SYS_GET_OBJECT_ID] = "get_object_id",
    [FEN_SYS_SEM_WAIT] = "wait_semaphore",
    [FEN_SYS_SEM_SIGNAL] = "signal_semaphore",
    [FEN_SYS_EVENT_SET] = "set_event",
    [FEN_SYS_EVENT_RESET] = "reset_event",
    [FEN_SYS_EVENT_WAIT] = "wait_event",
    [FEN_SYS_BLACKBOARD_DISPLAY] = "display_blackboard",
    [FEN_SYS_BLACKBOARD_READ] = "read_blackboard",
    [FEN_SYS_BLACKBOARD_CLEAR] = "clear_blackboard",
    [FEN_SYS_BUFFER_SEND] = "send_buffer",
    [FEN_SYS_BUFFER_RECEIVE] = "receive_buffer",
    [FEN_SYS_MUTEX_LOCK] = "lock_mutex",
    [FEN_SYS_MUTEX_UNLOCK] = "unlock_mutex",
    [FEN_SYS_OBJECT_STATUS] = "object_status",
    [FEN_SYS_LOCK_WAIT] = "lock_wait",
    [FEN_SYS_LOCK_WAKE] = "lock_wake",
    [FEN_SYS_IRQ_ENABLE] = "irq_enable",
    [FEN_SYS_IRQ_DISABLE] = "irq_disable",
    [FEN_SYS_IRQ_WAIT] = "irq_wait",
    [FEN_SYS_IRQ_ACK] = "irq_ack",
};

/* enum port_op, enum irq_op (kernel/ports.h, kernel/irq.h). */
static const char *const port_ops[] = {"send", "receive", "write", "read", "refused",
                                       "blocked"};
static const char *const irq_ops[] = {"assert", "deliver", "ack", "enable", "disable",
                                      "dropped"};

/* enum process_op, enum hm_level, enum fen_mode,
 * enum fen_start_condition: as kernel/ numbers them. */
static const char *const process_ops[] = {"create", "start",  "stop",    "suspend",
                                          "resume", "complete", "restart",
                                          "replenish", "timeout"};
static const char *const hm_levels[] = {"handler", "process", "partition", "module",
                                        "default"};
static const char *const modes[] = {"idle", "cold_start", "warm_start", "normal"};
static const char *const conditions[] = {"normal_start", "partition_restart",
                                         "hm_module_restart", "hm_partition_restart"};

#define NAME_OF(table, i) ((i) < sizeof(table) / sizeof(table[0]) ? (table)[i] : "?")

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

static const char *port_name(const struct cfg_system *s, unsigned id)
{
    return id < s->num_ports ? s->ports[id].name : "?";
}

/* Ports, interrupts and mutex priorities; false for other events. */
static bool trace_text_comm(const struct cfg_system *s, const struct trace_event *e,
                            const char *who, char *buf, size_t len)
{
    const char *latency = e->flags == 1 ? "latency" : e->flags == 3 ? "age" : "length";
    switch (e->type) {
    case TR_PORT:
        snprintf(buf, len, "port thread=%s op=%s port=%s.%s seq=%u %s=%u", who,
                 NAME_OF(port_ops, e->flags), part_name(s, e->part),
                 port_name(s, e->a0), e->a1, latency, e->a2);
        return true;
    case TR_IRQ:
        if (e->flags == 1)
            snprintf(buf, len, "irq thread=%s op=deliver line=%u asserted_lo=%u "
                     "latency=%u", who, e->a0, e->a1, e->a2);
        else
            snprintf(buf, len, "irq part=%s op=%s line=%u asserted_lo=%u pending=%u",
                     part_name(s, e->part), NAME_OF(irq_ops, e->flags), e->a0, e->a1,
                     e->a2);
        return true;
    case TR_PRIORITY:
        snprintf(buf, len, "priority thread=%s new=%u old=%u mutex=%u", who, e->a0,
                 e->a1, e->a2);
        return true;
    default:
        return false;
    }
}

/* The events of processes, modes, schedules and the health monitor. */
static void trace_text_arinc(const struct cfg_system *s, const struct trace_event *e,
                             const char *who, char *buf, size_t len)
{
    const char *p = part_name(s, e->part);
    uint64_t v = (uint64_t)e->a1 << 32 | e->a0;
    switch (e->type) {
    case TR_RELEASE:
        snprintf(buf, len, "release thread=%s at=%" PRIu64 " deadline_lo=%u", who, v, e->a2);
        break;
    case TR_PROCESS:
        snprintf(buf, len, "process thread=%s op=%s arg=%" PRIu64, who,
                 NAME_OF(process_ops, e->flags), v);
        break;
    case TR_ERROR:
        snprintf(buf, len, "error part=%s thread=%s error=%s state=%s a0=0x%08x a1=0x%08x",
                 p, who, fen_error_name(e->flags), cfg_hm_state_name(e->a2), e->a0, e->a1);
        break;
    case TR_HM_ACTION:
        snprintf(buf, len, "hm part=%s thread=%s error=%s action=%s level=%s", p, who,
                 fen_error_name(e->a0), cfg_hm_action_name(e->flags),
                 NAME_OF(hm_levels, e->a1));
        break;
    case TR_MODE:
        snprintf(buf, len, "mode part=%s mode=%s condition=%s restarts=%u", p,
                 NAME_OF(modes, e->a0), NAME_OF(conditions, e->a1), e->a2);
        break;
    case TR_SCHEDULE:
        snprintf(buf, len, "schedule %s new=%s old=%s", e->flags ? "applied" : "requested",
                 e->a0 < s->num_schedules ? s->schedules[e->a0].name : "?",
                 e->a1 < s->num_schedules ? s->schedules[e->a1].name : "?");
        break;
    case TR_WINDOW_DONE:
        snprintf(buf, len, "window_complete thread=%s", who);
        break;
    case TR_MESSAGE:
        snprintf(buf, len, "message thread=%s length=%u", who, e->a0);
        break;
    case TR_MODULE:
        snprintf(buf, len, "module %s restarts=%u", cfg_hm_action_name(e->flags), e->a0);
        break;
    default:
        snprintf(buf, len, "unknown type=%u", e->type);
        break;
    }
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
        snprintf(buf, len, "frame n=%u schedule=%u", e->a0, e->a1);
        break;
    case TR_WINDOW:
        snprintf(buf, len, "window part=%s index=%u schedule=%u planned=%" PRIu64, p,
                 e->a0 & 0xffff, e->a0 >> 16, (uint64_t)e->a2 << 32 | e->a1);
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
    case TR_SLEEP:
        snprintf(buf, len, "sleep thread=%s until=%" PRIu64, who,
                 (uint64_t)e->a1 << 32 | e->a0);
        break;
    case TR_LOST:
        snprintf(buf, len, "lost events=%u (the kernel's event ring was full)", e->a0);
        break;
    case TR_WAKE:
        snprintf(buf, len, "wake thread=%s%s", who, e->flags ? " timed_out" : "");
        break;
    default:
        if (!trace_text_comm(s, e, who, buf, len))
            trace_text_arinc(s, e, who, buf, len);
        break;
    }
}

const char *trace_syscall_name(unsigned number)
{
    return number < FEN_SYS_COUNT ? syscall_names[number] : NULL;
}
