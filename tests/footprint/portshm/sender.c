/* sender.c - a partition of tests/footprint/portshm: every 2 ms a counter
 * on the queuing port `count` and the sampling port `latest`; every tenth
 * one also raises an application error (the health monitor logs it). */
#include <inttypes.h>
#include <stdio.h>

#include "fenestra.h"

int main(void)
{
    int32_t q = fen_create_queuing_port("count", 4, 8, FEN_PORT_SOURCE);
    int32_t s = fen_create_sampling_port("latest", 4, FEN_PORT_SOURCE, fen_ms_to_cycles(10));
    if (q < 0 || s < 0) {
        printf("cannot create ports: %" PRId32 " %" PRId32 "\n", q, s);
        return 1;
    }
    fen_set_partition_mode(FEN_MODE_NORMAL);
    uint64_t period = fen_ms_to_cycles(2), due = fen_get_time();
    for (uint32_t n = 1;; n++) {
        int32_t rc = fen_send_queuing_message(q, &n, sizeof n, 0);
        fen_write_sampling_message(s, &n, sizeof n);
        if (rc < 0)
            printf("send #%" PRIu32 " refused: %" PRId32 "\n", n, rc);
        if (n % 10 == 0)
            fen_raise_application_error("tenth", 5);
        due += period; /* absolute: the simulator and QEMU stay in step */
        fen_sleep_until(due);
    }
}
