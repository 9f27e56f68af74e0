/*
 * object.c - the fen_ stubs of the intra-partition object services in
 * fenestra.h.  Arguments go to registers as kernel/abi.h packs them; every
 * check is the kernel's.
 */
#include <stdint.h>

#include "fenestra.h"
#include "svc.h"

static uint32_t ptr(const void *p)
{
    return (uint32_t)(uintptr_t)p;
}

/* id | len << 16.  What does not fit is passed so that the kernel
 * refuses it rather than cut: an id beyond 16 bits as 0xffff (a partition
 * has at most 255 objects), a length as 0xffff (messages are at most
 * 8192 bytes); a buffer size is only a lower bound, so 0xffff stands for
 * any larger one. */
static uint32_t id_len(int32_t id, uint32_t len)
{
    uint32_t i = (uint32_t)id > 0xffffu ? 0xffffu : (uint32_t)id;
    return i | (len > 0xffffu ? 0xffffu : len) << 16;
}

/* The length of name, looking no further than FEN_NAME_MAX bytes: a longer
 * one is passed as FEN_NAME_MAX and the kernel refuses it. */
static uint32_t name_len(const char *name)
{
    uint32_t n = 0;
    while (n < FEN_NAME_MAX && name[n])
        n++;
    return n;
}

static int32_t svc_timeout(uint32_t num, uint32_t a0, uint32_t a1, uint64_t timeout)
{
    return (int32_t)fen_svc(num, a0, a1, (uint32_t)timeout, (uint32_t)(timeout >> 32)).r0;
}

int32_t fen_get_object_id(const char *name, enum fen_object_kind kind)
{
    return (int32_t)fen_svc(FEN_SYS_GET_OBJECT_ID, ptr(name), name_len(name), (uint32_t)kind,
                            0).r0;
}

int32_t fen_object_status(int32_t id, struct fen_object_status *status)
{
    return fen_svc32(FEN_SYS_OBJECT_STATUS, (uint32_t)id, ptr(status));
}

/* ---- semaphores and events ---------------------------------------------- */

int32_t fen_sem_wait(int32_t id, uint64_t timeout)
{
    return svc_timeout(FEN_SYS_SEM_WAIT, (uint32_t)id, 0, timeout);
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
    return svc_timeout(FEN_SYS_EVENT_WAIT, (uint32_t)id, 0, timeout);
}

/* ---- blackboards and buffers ---------------------------------------------- */

int32_t fen_blackboard_display(int32_t id, const void *msg, uint32_t length)
{
    return fen_svc32(FEN_SYS_BLACKBOARD_DISPLAY, id_len(id, length), ptr(msg));
}

int32_t fen_blackboard_read(int32_t id, void *buf, uint32_t size, uint64_t timeout)
{
    return svc_timeout(FEN_SYS_BLACKBOARD_READ, id_len(id, size), ptr(buf), timeout);
}

int32_t fen_blackboard_clear(int32_t id)
{
    return fen_svc32(FEN_SYS_BLACKBOARD_CLEAR, (uint32_t)id, 0);
}

int32_t fen_buffer_send(int32_t id, const void *msg, uint32_t length, uint64_t timeout)
{
    return svc_timeout(FEN_SYS_BUFFER_SEND, id_len(id, length), ptr(msg), timeout);
}

int32_t fen_buffer_receive(int32_t id, void *buf, uint32_t size, uint64_t timeout)
{
    return svc_timeout(FEN_SYS_BUFFER_RECEIVE, id_len(id, size), ptr(buf), timeout);
}

/* ---- mutexes ---------------------------------------------------------------- */

int32_t fen_mutex_lock(int32_t id, uint64_t timeout)
{
    return svc_timeout(FEN_SYS_MUTEX_LOCK, (uint32_t)id, 0, timeout);
}

int32_t fen_mutex_unlock(int32_t id)
{
    return fen_svc32(FEN_SYS_MUTEX_UNLOCK, (uint32_t)id, 0);
}
