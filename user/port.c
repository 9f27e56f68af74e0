/*
 * port.c - the fen_ stubs of the port and interrupt services in
 * fenestra.h.  Arguments go to registers as kernel/abi.h packs them; every
 * check is the kernel's.
 */
#include <stdint.h>
#include <string.h>

#include "fenestra.h"
#include "runtime.h"
#include "svc.h"

static int32_t create(const char *name, uint32_t kind, uint32_t direction,
                      uint32_t max_message, uint32_t depth, uint64_t refresh)
{
    struct fen_port_create a = {.kind = kind, .direction = direction,
                                .max_message = max_message, .depth = depth,
                                .refresh = refresh};
    uint32_t n = fen_name_len(name);
    if (n >= FEN_NAME_MAX)
        return -FEN_INVALID_CONFIG; /* no declared port has such a name */
    memcpy(a.name, name, n);
    return fen_svc32(FEN_SYS_CREATE_PORT, fen_ptr(&a), 0);
}

int32_t fen_create_sampling_port(const char *name, uint32_t max_message,
                                 enum fen_port_direction direction, uint64_t refresh)
{
    return create(name, FEN_PORT_SAMPLING, direction, max_message, 0, refresh);
}

int32_t fen_create_queuing_port(const char *name, uint32_t max_message, uint32_t depth,
                                enum fen_port_direction direction)
{
    return create(name, FEN_PORT_QUEUING, direction, max_message, depth, 0);
}

int32_t fen_get_port_id(const char *name)
{
    return fen_svc32(FEN_SYS_GET_PORT_ID, fen_ptr(name), fen_name_len(name));
}

int32_t fen_write_sampling_message(int32_t id, const void *msg, uint32_t length)
{
    return fen_svc32(FEN_SYS_WRITE_SAMPLING, fen_id_len(id, length), fen_ptr(msg));
}

int32_t fen_read_sampling_message(int32_t id, void *buf, uint32_t size,
                                  struct fen_sampling_info *info)
{
    return (int32_t)fen_svc(FEN_SYS_READ_SAMPLING, fen_id_len(id, size), fen_ptr(buf), fen_ptr(info), 0).r0;
}

int32_t fen_send_queuing_message(int32_t id, const void *msg, uint32_t length,
                                 uint64_t timeout)
{
    return fen_svc_timeout(FEN_SYS_SEND_QUEUING, fen_id_len(id, length), fen_ptr(msg), timeout);
}

int32_t fen_receive_queuing_message(int32_t id, void *buf, uint32_t size, uint64_t timeout)
{
    return fen_svc_timeout(FEN_SYS_RECEIVE_QUEUING, fen_id_len(id, size), fen_ptr(buf), timeout);
}

int32_t fen_get_port_status(int32_t id, struct fen_port_status *status)
{
    return fen_svc32(FEN_SYS_PORT_STATUS, (uint32_t)id, fen_ptr(status));
}

int32_t fen_irq_enable(uint32_t line)
{
    return fen_svc32(FEN_SYS_IRQ_ENABLE, line, 0);
}

int32_t fen_irq_disable(uint32_t line)
{
    return fen_svc32(FEN_SYS_IRQ_DISABLE, line, 0);
}

int32_t fen_irq_wait(uint32_t line, struct fen_irq_event *event, uint64_t timeout)
{
    return fen_svc_timeout(FEN_SYS_IRQ_WAIT, line, fen_ptr(event), timeout);
}

int32_t fen_irq_ack(uint32_t line)
{
    return fen_svc32(FEN_SYS_IRQ_ACK, line, 0);
}
