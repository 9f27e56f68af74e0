/* The runtime's trap (user/svc.h) as the compiler emits it: calls 0, 10
 * and 62, the last at the top of the table. */
#include "svc.h"

int32_t _start(uint32_t a);

int32_t _start(uint32_t a)
{
    int32_t rc = fen_svc32(FEN_SYS_PARTITION_INFO, a, 0);
    if (rc < 0)
        return fen_svc32(FEN_SYS_CONSOLE_WRITE, a, 4);
    return fen_svc32(FEN_SYS_IRQ_ACK, (uint32_t)rc, 0);
}
