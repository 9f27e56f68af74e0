/*
 * object.c - the fen_ stubs of the intra-partition object services in
 * fenestra.h.  Arguments go to registers as kernel/abi.h packs them; every
 * check is the kernel's.
 */
#include <stdint.h>

#include "fenestra.h"
#include "runtime.h"
#include "svc.h"

int32_t fen_get_object_id(const char *name, enum fen_object_kind kind)
{
    return (int32_t)fen_svc(FEN_SYS_GET_OBJECT_ID, fen_ptr(name), fen_name_len(name), (uint32_t)kind,
                            0).r0;
}

int32_t fen_object_status(int32_t id, struct fen_object_status *status)
{
    return fen_svc32(FEN_SYS_OBJECT_STATUS, (uint32_t)id, fen_ptr(status));
}

/* ---- semaphores and events ---------------------------------------------- */

int32_t fen_sem_wait(int32_t id, uint64_t timeout)
{
    return fen_svc_timeout(FEN_SYS_SEM_WAIT, (uint32_t)id, 0, timeout);
}

int32_t fen_sem_signal(int32_t id)
{
    return fen_svc32(FEN_SYS_SEM_SIGNAL, (uint32_t)id, 0);
}

int32_t fen_event_set(int32_t id)
{
    return fen_svc32(FEN_SYS_EVENT_SET, (uint32_t)id, 0);
}

int32_t fen_event_reset(int32_t id)
{
    return fen_svc32(FEN_SYS_EVENT_RESET, (uint32_t)id, 0);
}

int32_t fen_event_wait(int32_t id, uint64_t timeout)
{
    return fen_svc_timeout(FEN_SYS_EVENT_WAIT, (uint32_t)id, 0, timeout);
}

/* ---- blackboards and buffers ---------------------------------------------- */

int32_t fen_blackboard_display(int32_t id, const void *msg, uint32_t length)
{
    return fen_svc32(FEN_SYS_BLACKBOARD_DISPLAY, fen_id_len(id, length), fen_ptr(msg));
}

int32_t fen_blackboard_read(int32_t id, void *buf, uint32_t size, uint64_t timeout)
{
    return fen_svc_timeout(FEN_SYS_BLACKBOARD_READ, fen_id_len(id, size), fen_ptr(buf), timeout);
}

int32_t fen_blackboard_clear(int32_t id)
{
    return fen_svc32(FEN_SYS_BLACKBOARD_CLEAR, (uint32_t)id, 0);
}

int32_t fen_buffer_send(int32_t id, const void *msg, uint32_t length, uint64_t timeout)
{
    return fen_svc_timeout(FEN_SYS_BUFFER_SEND, fen_id_len(id, length), fen_ptr(msg), timeout);
}

int32_t fen_buffer_receive(int32_t id, void *buf, uint32_t size, uint64_t timeout)
{
    return fen_svc_timeout(FEN_SYS_BUFFER_RECEIVE, fen_id_len(id, size), fen_ptr(buf), timeout);
}

/* ---- mutexes ---------------------------------------------------------------- */

int32_t fen_mutex_lock(int32_t id, uint64_t timeout)
{
    return fen_svc_timeout(FEN_SYS_MUTEX_LOCK, (uint32_t)id, 0, timeout);
}

int32_t fen_mutex_unlock(int32_t id)
{
    return fen_svc32(FEN_SYS_MUTEX_UNLOCK, (uint32_t)id, 0);
}
