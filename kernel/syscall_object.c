/* syscall_object.c - the intra-partition object and lightweight-lock
 * services (kernel/abi.h 43-58): every argument checked, in ARINC 653's
 * order (object, parameters, buffers, mode), then the kind's operation in
 * object.h.  A refused call changes nothing. */
#include "ktime.h"
#include "object.h"
#include "space.h"
#include "syscall_impl.h"
#include "thread.h"

/* The caller's object named by the id in argument 0 ("id" or "id | len
 * << 16"), if it is of `kind`. */
static struct object_state *object_arg(const struct thread *t, uint8_t kind)
{
    return object_of(sys_part(t), sys_arg_id(t, 0), kind);
}

/* A call that waits: argument 0 must carry nothing but the id. */
static struct object_state *plain_object_arg(const struct thread *t, uint8_t kind)
{
    return sys_arg_len(t, 0) ? 0 : object_arg(t, kind);
}

/* An operation found the object unavailable and the caller asked to
 * wait: only then is anything of the caller's set for the wait. */
static bool must_wait(int32_t rc, uint64_t timeout)
{
    return rc == -FEN_NOT_AVAILABLE && timeout != 0;
}

/* The caller waits; its r0 is set when it is served, or to TIMED_OUT. */
static int32_t block(struct thread *t, struct object_state *o, uint64_t timeout)
{
    object_block(o, t, thread_wait_end(timeout));
    return 0;
}

/* An operation that needs nothing of the caller's kept while it waits. */
static int32_t wait_if_asked(struct thread *t, struct object_state *o, int32_t rc,
                             uint64_t timeout)
{
    return must_wait(rc, timeout) ? block(t, o, timeout) : rc;
}

/* A message to store: 1..max_message bytes the caller may read. */
static bool message_ok(const struct thread *t, uint32_t call, const struct object_state *o,
                       uint32_t msg, uint32_t len)
{
    return len >= 1 && len <= o->cfg->max_message &&
           space_user_buffer(t, call, msg, len, SPACE_READ);
}

/* A receiving buffer: as large as the largest message (which may come
 * after the check, while the caller waits), and writable. */
static bool buffer_ok(const struct thread *t, uint32_t call, const struct object_state *o,
                      uint32_t buf, uint32_t size)
{
    return size >= o->cfg->max_message &&
           space_user_buffer(t, call, buf, o->cfg->max_message, SPACE_WRITE);
}

int32_t sys_get_object_id(struct thread *t)
{
    char name[FEN_NAME_MAX];
    uint32_t kind = sys_arg(t, 2);
    if (!sys_copy_name(t, FEN_SYS_GET_OBJECT_ID, sys_arg(t, 0), sys_arg(t, 1), name) ||
        kind >= CFG_OBJ_KIND_COUNT)
        return -FEN_INVALID_PARAM;
    const struct cfg_partition *c = sys_part(t)->cfg;
    for (uint8_t i = 0; i < c->num_objects; i++)
        if (sys_name_equal(c->objects[i].name, name))
            return c->objects[i].kind == kind ? i : -FEN_INVALID_CONFIG;
    return -FEN_INVALID_CONFIG;
}

/* --- semaphores and events --------------------------------------------------- */

int32_t sys_sem_wait(struct thread *t)
{
    struct object_state *o = plain_object_arg(t, CFG_OBJ_SEMAPHORE);
    uint64_t timeout = sys_arg64(t, 2);
    if (!o)
        return -FEN_INVALID_PARAM;
    if (!sys_may_wait(t, timeout))
        return -FEN_INVALID_MODE;
    return wait_if_asked(t, o, sem_wait(o), timeout);
}

int32_t sys_sem_signal(struct thread *t)
{
    struct object_state *o = plain_object_arg(t, CFG_OBJ_SEMAPHORE);
    return o ? sem_signal(o) : -FEN_INVALID_PARAM;
}

int32_t sys_event_set(struct thread *t)
{
    struct object_state *o = plain_object_arg(t, CFG_OBJ_EVENT);
    if (!o)
        return -FEN_INVALID_PARAM;
    event_set(o);
    return 0;
}

int32_t sys_event_reset(struct thread *t)
{
    struct object_state *o = plain_object_arg(t, CFG_OBJ_EVENT);
    if (!o)
        return -FEN_INVALID_PARAM;
    event_reset(o);
    return 0;
}

int32_t sys_event_wait(struct thread *t)
{
    struct object_state *o = plain_object_arg(t, CFG_OBJ_EVENT);
    uint64_t timeout = sys_arg64(t, 2);
    if (!o)
        return -FEN_INVALID_PARAM;
    if (!sys_may_wait(t, timeout))
        return -FEN_INVALID_MODE;
    return wait_if_asked(t, o, event_wait(o), timeout);
}

/* --- blackboards -------------------------------------------------------------- */

int32_t sys_blackboard_display(struct thread *t)
{
    struct object_state *o = object_arg(t, CFG_OBJ_BLACKBOARD);
    uint32_t len = sys_arg_len(t, 0), msg = sys_arg(t, 1);
    if (!o || !message_ok(t, FEN_SYS_BLACKBOARD_DISPLAY, o, msg, len))
        return -FEN_INVALID_PARAM;
    blackboard_display(o, msg, len);
    return 0;
}

int32_t sys_blackboard_read(struct thread *t)
{
    struct object_state *o = object_arg(t, CFG_OBJ_BLACKBOARD);
    uint32_t size = sys_arg_len(t, 0), buf = sys_arg(t, 1);
    uint64_t timeout = sys_arg64(t, 2);
    if (!o || !buffer_ok(t, FEN_SYS_BLACKBOARD_READ, o, buf, size))
        return -FEN_INVALID_PARAM;
    if (!sys_may_wait(t, timeout))
        return -FEN_INVALID_MODE;
    int32_t rc = blackboard_read(o, buf);
    if (!must_wait(rc, timeout))
        return rc;
    t->wait_buf = buf;
    return block(t, o, timeout);
}

int32_t sys_blackboard_clear(struct thread *t)
{
    struct object_state *o = plain_object_arg(t, CFG_OBJ_BLACKBOARD);
    if (!o)
        return -FEN_INVALID_PARAM;
    blackboard_clear(o);
    return 0;
}

/* --- buffers -------------------------------------------------------------------- */

int32_t sys_buffer_send(struct thread *t)
{
    struct object_state *o = object_arg(t, CFG_OBJ_BUFFER);
    uint32_t len = sys_arg_len(t, 0), msg = sys_arg(t, 1);
    uint64_t timeout = sys_arg64(t, 2);
    if (!o || !message_ok(t, FEN_SYS_BUFFER_SEND, o, msg, len))
        return -FEN_INVALID_PARAM;
    if (!sys_may_wait(t, timeout))
        return -FEN_INVALID_MODE;
    int32_t rc = buffer_send(o, msg, len);
    if (!must_wait(rc, timeout))
        return rc;
    t->wait_buf = msg; /* copied in when a slot frees, stamped now */
    t->wait_len = len;
    t->wait_stamp = arch_now();
    return block(t, o, timeout);
}

int32_t sys_buffer_receive(struct thread *t)
{
    struct object_state *o = object_arg(t, CFG_OBJ_BUFFER);
    uint32_t size = sys_arg_len(t, 0), buf = sys_arg(t, 1);
    uint64_t timeout = sys_arg64(t, 2);
    if (!o || !buffer_ok(t, FEN_SYS_BUFFER_RECEIVE, o, buf, size))
        return -FEN_INVALID_PARAM;
    if (!sys_may_wait(t, timeout))
        return -FEN_INVALID_MODE;
    int32_t rc = buffer_receive(o, buf);
    if (!must_wait(rc, timeout))
        return rc;
    t->wait_buf = buf;
    return block(t, o, timeout);
}

/* --- mutexes ---------------------------------------------------------------------- */

int32_t sys_mutex_lock(struct thread *t)
{
    struct object_state *o = plain_object_arg(t, CFG_OBJ_MUTEX);
    uint64_t timeout = sys_arg64(t, 2);
    if (!o)
        return -FEN_INVALID_PARAM;
    if (!sys_may_wait(t, timeout))
        return -FEN_INVALID_MODE;
    return wait_if_asked(t, o, mutex_lock(o, t), timeout);
}

int32_t sys_mutex_unlock(struct thread *t)
{
    struct object_state *o = plain_object_arg(t, CFG_OBJ_MUTEX);
    return o ? mutex_unlock(o, t) : -FEN_INVALID_PARAM;
}

/* --- status ------------------------------------------------------------------------- */

int32_t sys_object_status(struct thread *t)
{
    const struct part *p = sys_part(t);
    uint32_t id = sys_arg(t, 0), out = sys_arg(t, 1);
    struct fen_object_status st;
    if (id >= p->cfg->num_objects ||
        !space_user_buffer(t, FEN_SYS_OBJECT_STATUS, out, sizeof st, SPACE_WRITE))
        return -FEN_INVALID_PARAM;
    object_status(&kstate.objects[p->cfg->objects[id].index], &st);
    arch_copy_to_user(out, &st, sizeof st);
    return 0;
}

/* --- the lightweight lock's slow path ------------------------------------------------ */

/* A lock word: 4-aligned, in memory the caller may read and write. */
static bool word_ok(const struct thread *t, uint32_t call, uint32_t word)
{
    return word % 4 == 0 && space_user_buffer(t, call, word, 4, SPACE_READ | SPACE_WRITE);
}

/* Blocks only while the word still holds what the caller saw: a release
 * that came in between makes it try again (NO_ACTION). */
int32_t sys_lock_wait(struct thread *t)
{
    uint32_t word = sys_arg(t, 0), expected = sys_arg(t, 1), now;
    uint64_t timeout = sys_arg64(t, 2);
    if (!word_ok(t, FEN_SYS_LOCK_WAIT, word))
        return -FEN_INVALID_PARAM;
    if (!sys_may_wait(t, timeout))
        return -FEN_INVALID_MODE;
    arch_copy_from_user(&now, word, sizeof now);
    if (now != expected)
        return -FEN_NO_ACTION;
    if (timeout == 0)
        return -FEN_NOT_AVAILABLE;
    lwlock_block(t, word, thread_wait_end(timeout));
    return 0;
}

int32_t sys_lock_wake(struct thread *t)
{
    uint32_t word = sys_arg(t, 0), max = sys_arg(t, 1);
    if (!word_ok(t, FEN_SYS_LOCK_WAKE, word))
        return -FEN_INVALID_PARAM;
    return (int32_t)lwlock_wake(sys_part(t), word, max);
}
