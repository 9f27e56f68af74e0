/* receiver.c - a partition of tests/footprint/portshm: in each of its
 * windows takes every queued counter and reads the latest one. */
#include <inttypes.h>
#include <stdio.h>

#include "fenestra.h"

/* What the ports deliver: in .bss, so that the debugger's tests can watch
 * the kernel write it (replay.repl_kernel_watch). */
static uint32_t inbox;

int main(void)
{
    int32_t q = fen_create_queuing_port("count", 4, 8, FEN_PORT_DESTINATION);
    int32_t s = fen_create_sampling_port("latest", 4, FEN_PORT_DESTINATION, fen_ms_to_cycles(10));
    if (q < 0 || s < 0) {
        printf("cannot create ports: %" PRId32 " %" PRId32 "\n", q, s);
        return 1;
    }
    fen_set_partition_mode(FEN_MODE_NORMAL);
    uint64_t period = fen_ms_to_cycles(10), due = fen_get_time();
    for (;;) {
        uint32_t got = 0, last = 0;
        while (fen_receive_queuing_message(q, &inbox, sizeof inbox, 0) >= 0)
            got++, last = inbox;
        struct fen_sampling_info info;
        int32_t rc = fen_read_sampling_message(s, &inbox, sizeof inbox, &info);
        printf("received %" PRIu32 " (last %" PRIu32 "), latest %" PRIu32 " %s\n", got, last,
               rc > 0 ? inbox : 0, rc > 0 && info.valid ? "valid" : "stale");
        due += period; /* absolute: the simulator and QEMU stay in step */
        fen_sleep_until(due);
    }
}
