/* syscall_port.c - the port services (kernel/abi.h 36-42): argument
 * checks, in ARINC 653's order, then ports.c.  A refused call changes
 * nothing. */
#include "part.h"
#include "compiler.h"
#include "ports.h"
#include "space.h"
#include "syscall_impl.h"

/* The caller's declared port of that name, or NULL. */
static const struct cfg_port *declared(const struct thread *t, const char *name)
{
    if (!CFG_HAS_PORTS)
        return 0;
    for (uint16_t i = 0; i < cfg_system.num_ports; i++) {
        const struct cfg_port *c = &cfg_system.ports[i];
        if (c->partition == t->part && sys_name_equal(c->name, name))
            return c;
    }
    return 0;
}

static bool attributes_match(const struct cfg_port *c, const struct fen_port_create *a)
{
    const struct cfg_channel *cc = &cfg_system.channels[c->channel];
    if (a->kind != cc->kind || a->direction != c->direction ||
        a->max_message != cc->max_message)
        return false;
    if (cc->kind == CFG_PORT_QUEUING)
        return a->depth == cc->depth;
    return a->refresh == cc->refresh;
}

int32_t sys_create_port(struct thread *t)
{
    uint32_t ua = sys_arg(t, 0);
    struct fen_port_create a;
    if (!space_user_buffer(t, FEN_SYS_CREATE_PORT, ua, sizeof a, SPACE_READ))
        return -FEN_INVALID_PARAM;
    arch_copy_from_user(&a, ua, sizeof a);
    a.name[FEN_NAME_MAX - 1] = 0;
    const struct cfg_port *c = declared(t, a.name);
    if (!c || !attributes_match(c, &a))
        return -FEN_INVALID_CONFIG;
    if (!part_in_init_mode(sys_part(t)))
        return -FEN_INVALID_MODE;
    uint32_t id = (uint32_t)(c - cfg_system.ports);
    if (kstate.ports[id].created)
        return -FEN_NO_ACTION;
    kstate.ports[id].created = true;
    return (int32_t)id;
}

int32_t sys_get_port_id(struct thread *t)
{
    char name[FEN_NAME_MAX];
    if (!sys_copy_name(t, FEN_SYS_GET_PORT_ID, sys_arg(t, 0), sys_arg(t, 1), name))
        return -FEN_INVALID_PARAM;
    const struct cfg_port *c = declared(t, name);
    if (!c || !kstate.ports[c - cfg_system.ports].created)
        return -FEN_INVALID_CONFIG;
    return (int32_t)(c - cfg_system.ports);
}

/* A transfer's port and buffer: a created port of the caller's, of that
 * kind and direction (a wrong direction is INVALID_MODE, as ARINC 653 has
 * it), and either a message to send (1..max_message bytes the caller may
 * read) or room to receive one (max_message bytes it may write, since the
 * message may arrive after the check). */
static KERNEL_SHARED int32_t check_transfer(const struct thread *t, uint32_t call,
                                            uint32_t id, uint8_t kind, uint8_t direction,
                                            uint32_t buf, uint32_t len)
{
    const struct cfg_port *c = ports_of(t->part, id);
    if (!c || cfg_system.channels[c->channel].kind != kind)
        return -FEN_INVALID_PARAM;
    if (c->direction != direction)
        return -FEN_INVALID_MODE;
    uint32_t max = cfg_system.channels[c->channel].max_message;
    bool send = direction == CFG_PORT_SOURCE;
    if (send ? len == 0 || len > max : len < max)
        return -FEN_INVALID_PARAM;
    if (!space_user_buffer(t, call, buf, send ? len : max, send ? SPACE_READ : SPACE_WRITE))
        return -FEN_INVALID_PARAM;
    return 0;
}

int32_t sys_write_sampling(struct thread *t)
{
    uint32_t id = sys_arg_id(t, 0), len = sys_arg_len(t, 0), msg = sys_arg(t, 1);
    int32_t rc = check_transfer(t, FEN_SYS_WRITE_SAMPLING, id, CFG_PORT_SAMPLING,
                                CFG_PORT_SOURCE, msg, len);
    return rc ? rc : ports_write_sampling(t, id, msg, len);
}

int32_t sys_read_sampling(struct thread *t)
{
    uint32_t id = sys_arg_id(t, 0), size = sys_arg_len(t, 0);
    uint32_t buf = sys_arg(t, 1), info = sys_arg(t, 2);
    int32_t rc = check_transfer(t, FEN_SYS_READ_SAMPLING, id, CFG_PORT_SAMPLING,
                                CFG_PORT_DESTINATION, buf, size);
    if (!rc && info &&
        !space_user_buffer(t, FEN_SYS_READ_SAMPLING, info,
                           sizeof(struct fen_sampling_info), SPACE_WRITE))
        rc = -FEN_INVALID_PARAM;
    return rc ? rc : ports_read_sampling(t, id, buf, info);
}

int32_t sys_send_queuing(struct thread *t)
{
    uint32_t id = sys_arg_id(t, 0), len = sys_arg_len(t, 0), msg = sys_arg(t, 1);
    uint64_t timeout = sys_arg64(t, 2);
    int32_t rc = check_transfer(t, FEN_SYS_SEND_QUEUING, id, CFG_PORT_QUEUING,
                                CFG_PORT_SOURCE, msg, len);
    if (!rc && !sys_may_wait(t, timeout))
        rc = -FEN_INVALID_MODE;
    return rc ? rc : ports_send(t, id, msg, len, timeout);
}

int32_t sys_receive_queuing(struct thread *t)
{
    uint32_t id = sys_arg_id(t, 0), size = sys_arg_len(t, 0), buf = sys_arg(t, 1);
    uint64_t timeout = sys_arg64(t, 2);
    int32_t rc = check_transfer(t, FEN_SYS_RECEIVE_QUEUING, id, CFG_PORT_QUEUING,
                                CFG_PORT_DESTINATION, buf, size);
    if (!rc && !sys_may_wait(t, timeout))
        rc = -FEN_INVALID_MODE;
    return rc ? rc : ports_receive(t, id, buf, timeout);
}

int32_t sys_port_status(struct thread *t)
{
    uint32_t id = sys_arg(t, 0), out = sys_arg(t, 1);
    if (!ports_of(t->part, id))
        return -FEN_INVALID_PARAM;
    struct fen_port_status st;
    if (!space_user_buffer(t, FEN_SYS_PORT_STATUS, out, sizeof st, SPACE_WRITE))
        return -FEN_INVALID_PARAM;
    ports_status(id, &st);
    arch_copy_to_user(out, &st, sizeof st);
    return 0;
}
