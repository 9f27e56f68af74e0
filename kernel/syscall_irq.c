/* syscall_irq.c - the interrupt services (kernel/abi.h 59-62): only the
 * partition that owns a line may touch it (INVALID_CONFIG otherwise). */
#include "irq.h"
#include "space.h"
#include "syscall_impl.h"
#include "thread.h"

static int32_t check_line(const struct thread *t, uint32_t line)
{
    if (line >= cfg_system.board->irq_lines || line >= CFG_IRQ_LINES)
        return -FEN_INVALID_PARAM;
    if (!cfg_system.irq_owner || cfg_system.irq_owner[line] != t->part)
        return -FEN_INVALID_CONFIG;
    return 0;
}

int32_t sys_irq_unowned(struct thread *t)
{
    return check_line(t, sys_arg(t, 0));
}

int32_t sys_irq_enable(struct thread *t)
{
    int32_t rc = check_line(t, sys_arg(t, 0));
    if (!rc)
        irq_enable(sys_arg(t, 0), true);
    return rc;
}

int32_t sys_irq_disable(struct thread *t)
{
    int32_t rc = check_line(t, sys_arg(t, 0));
    if (!rc)
        irq_enable(sys_arg(t, 0), false);
    return rc;
}

int32_t sys_irq_wait(struct thread *t)
{
    uint32_t line = sys_arg(t, 0), info = sys_arg(t, 1);
    uint64_t timeout = sys_arg64(t, 2);
    int32_t rc = check_line(t, line);
    if (rc)
        return rc;
    if (info && !space_user_buffer(t, FEN_SYS_IRQ_WAIT, info,
                                   sizeof(struct fen_irq_event), SPACE_WRITE))
        return -FEN_INVALID_PARAM;
    if (!sys_may_wait(t, timeout))
        return -FEN_INVALID_MODE;
    return irq_wait(t, line, info, thread_wait_end(timeout), timeout != 0);
}

int32_t sys_irq_ack(struct thread *t)
{
    int32_t rc = check_line(t, sys_arg(t, 0));
    return rc ? rc : irq_ack(sys_arg(t, 0));
}
