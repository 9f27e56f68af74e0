/* part_port_recv.c - bench_ports' receiver: drains the queue, then waits
 * for its next window. */
#include <stdint.h>

#include "fenestra.h"

int main(void)
{
    int32_t port = fen_create_queuing_port("in", 16, 256, FEN_PORT_DESTINATION);
    fen_set_partition_mode(FEN_MODE_NORMAL);
    uint32_t msg[4];
    for (;;) {
        while (fen_receive_queuing_message(port, msg, sizeof msg, 0) >= 0)
            ;
        fen_timed_wait(fen_ms_to_cycles(1) / 2);
    }
}
