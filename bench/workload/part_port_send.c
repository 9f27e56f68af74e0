/* part_port_send.c - bench_ports' sender: fills the queue, then waits for
 * its next window (the refusal that ends each burst is counted by the
 * kernel as an overflow). */
#include <stdint.h>

#include "fenestra.h"

int main(void)
{
    int32_t port = fen_create_queuing_port("out", 16, 256, FEN_PORT_SOURCE);
    fen_set_partition_mode(FEN_MODE_NORMAL);
    uint32_t msg[4] = {0, 1, 2, 3};
    for (;;) {
        while (fen_send_queuing_message(port, msg, sizeof msg, 0) == 0)
            msg[0]++;
        fen_timed_wait(fen_ms_to_cycles(1) / 2);
    }
}
