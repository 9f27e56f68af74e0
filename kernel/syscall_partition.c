/* syscall_partition.c - partition modes, schedules and the health
 * monitor's services (kernel/abi.h).  Each call checks every argument
 * first and changes nothing on an error. */
#include "console.h"
#include "hm.h"
#include "ktime.h"
#include "part.h"
#include "process.h"
#include "sched.h"
#include "space.h"
#include "syscall_impl.h"
#include "thread.h"

/* ARINC 653's transitions: NORMAL only from an init mode, WARM_START not
 * from COLD_START; a restart begins the partition again at crt0. */
int32_t sys_set_partition_mode(struct thread *t)
{
    struct part *p = sys_part(t);
    uint32_t mode = sys_arg(t, 0);
    switch (mode) {
    case FEN_MODE_NORMAL:
        if (p->mode == FEN_MODE_NORMAL)
            return -FEN_NO_ACTION;
        part_set_normal(p);
        return 0;
    case FEN_MODE_IDLE:
        part_set_idle(p);
        return 0;
    case FEN_MODE_WARM_START:
        if (p->mode == FEN_MODE_COLD_START)
            return -FEN_INVALID_MODE;
        /* fall through */
    case FEN_MODE_COLD_START:
        part_start(p, (uint8_t)mode, FEN_START_PARTITION_RESTART);
        return 0;
    default:
        return -FEN_INVALID_PARAM;
    }
}

int32_t sys_get_partition_status(struct thread *t)
{
    struct part *p = sys_part(t);
    uint32_t us = sys_arg(t, 0);
    struct fen_partition_status st = {0};
    if (!space_user_buffer(t, FEN_SYS_GET_PARTITION_STATUS, us, sizeof st, SPACE_WRITE))
        return -FEN_INVALID_PARAM;
    const struct cfg_sched_part *sp = &kstate.sched.schedule->parts[part_index(p)];
    st.period = sp->period;
    st.duration = sp->duration;
    st.id = part_index(p);
    st.mode = p->mode;
    st.start_condition = p->start_condition;
    st.restarts = p->restarts;
    st.lock_level = p->lock_level;
    st.module_restarts = kstate.module_restarts;
    arch_copy_to_user(us, &st, sizeof st);
    return 0;
}

int32_t sys_set_schedule(struct thread *t)
{
    uint32_t id = sys_arg(t, 0);
    if (!sys_part(t)->cfg->system)
        return -FEN_INVALID_CONFIG;
    if (id >= cfg_system.num_schedules)
        return -FEN_INVALID_PARAM;
    sched_request((uint8_t)id);
    return 0;
}

int32_t sys_get_schedule_id(struct thread *t)
{
    char name[FEN_NAME_MAX];
    if (!sys_copy_name(t, FEN_SYS_GET_SCHEDULE_ID, sys_arg(t, 0), sys_arg(t, 1), name))
        return -FEN_INVALID_PARAM;
    for (uint8_t i = 0; i < cfg_system.num_schedules; i++)
        if (sys_name_equal(cfg_system.schedules[i].name, name))
            return i;
    return -FEN_INVALID_CONFIG;
}

int32_t sys_get_schedule_status(struct thread *t)
{
    uint32_t us = sys_arg(t, 0);
    struct fen_schedule_status st = {0};
    if (!space_user_buffer(t, FEN_SYS_GET_SCHEDULE_STATUS, us, sizeof st, SPACE_WRITE))
        return -FEN_INVALID_PARAM;
    st.last_switch = kstate.sched.last_switch;
    st.current = kstate.sched.schedule_id;
    st.next = kstate.sched.next_schedule;
    arch_copy_to_user(us, &st, sizeof st);
    return 0;
}

int32_t sys_window_complete(struct thread *t)
{
    struct part *p = sys_part(t);
    if (!p->work_pending)
        return -FEN_NO_ACTION;
    p->work_pending = false;
    trace_emit(TR_WINDOW_DONE, t->part, t->local_id, 0, 0, 0);
    return 0;
}

/* A message of at most FEN_MAX_ERROR_MESSAGE bytes from the caller;
 * longer ones are refused, never cut. */
static bool copy_message(struct thread *t, uint32_t call, char *out, uint32_t *len)
{
    uint32_t addr = sys_arg(t, 0);
    *len = sys_arg(t, 1);
    if (*len > FEN_MAX_ERROR_MESSAGE || !space_user_buffer(t, call, addr, *len, SPACE_READ))
        return false;
    arch_copy_from_user(out, addr, *len);
    return true;
}

int32_t sys_raise_error(struct thread *t)
{
    char msg[FEN_MAX_ERROR_MESSAGE];
    uint32_t len;
    if (!copy_message(t, FEN_SYS_RAISE_ERROR, msg, &len))
        return -FEN_INVALID_PARAM;
    struct hm_detail d = {.message = msg, .length = len};
    hm_raise(sys_part(t), t, FEN_ERR_APPLICATION_ERROR, &d);
    return 0;
}

/* "message from payload/worker: text" */
int32_t sys_report_message(struct thread *t)
{
    char msg[FEN_MAX_ERROR_MESSAGE];
    uint32_t len;
    if (!copy_message(t, FEN_SYS_REPORT_MESSAGE, msg, &len))
        return -FEN_INVALID_PARAM;
    trace_emit(TR_MESSAGE, t->part, t->local_id, 0, len, 0);
    struct console_line l;
    console_line_start(&l);
    console_line_add(&l, "message from ");
    thread_add_name(&l, t);
    console_line_add(&l, ": ");
    console_line_text(&l, msg, len);
    console_line_add(&l, "\n");
    console_line_write(&l);
    return 0;
}

/* The handler runs above every process of the partition; it is created in
 * an init mode and started by the first error. */
int32_t sys_create_error_handler(struct thread *t)
{
    struct part *p = sys_part(t);
    uint32_t entry = sys_arg(t, 0), base = sys_arg(t, 1), size = sys_arg(t, 2);
    uint32_t exit_to = sys_arg(t, 3);
    if (!sys_thread_layout_ok(t, entry, base, size, exit_to))
        return -FEN_INVALID_PARAM;
    if (p->mode != FEN_MODE_COLD_START && p->mode != FEN_MODE_WARM_START)
        return -FEN_INVALID_MODE;
    if (p->handler)
        return -FEN_NO_ACTION;
    struct thread *h = thread_alloc(p);
    if (!h)
        return -FEN_NOT_AVAILABLE;
    h->entry = entry;
    h->arg = 0;
    h->exit_to = exit_to;
    h->stack_base = base;
    h->stack_size = size;
    h->base_priority = h->priority = FEN_PRIORITY_MAX;
    h->period = 0;
    h->capacity = KTIME_NEVER;
    p->handler = h;
    trace_emit(TR_PROCESS, t->part, h->local_id, PROC_OP_CREATE, entry, 1);
    return h->local_id;
}

int32_t sys_get_error_status(struct thread *t)
{
    struct part *p = sys_part(t);
    uint32_t us = sys_arg(t, 0);
    struct fen_error_status st = {0};
    if (t != p->handler)
        return -FEN_INVALID_CONFIG;
    if (!space_user_buffer(t, FEN_SYS_GET_ERROR_STATUS, us, sizeof st, SPACE_WRITE))
        return -FEN_INVALID_PARAM;
    struct hm_pending e;
    if (!hm_take_pending(p, &e))
        return -FEN_NO_ACTION;
    st.error = e.error;
    st.process = e.process;
    st.addr = e.addr;
    st.pc = e.pc;
    st.length = e.length;
    for (uint32_t i = 0; i < e.length; i++)
        st.message[i] = e.message[i];
    arch_copy_to_user(us, &st, sizeof st);
    return 0;
}
