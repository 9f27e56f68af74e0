/* display.c - every 20 ms takes the law's log records (queuing port `log`)
 * and reads the latest command (sampling port `cmd`) with its validity;
 * every 100 ms it prints them with the latest sample from the shared
 * region. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "bus.h"
#include "start.h"

static FEN_THREAD_STACK(logger_stack, AVIONICS_STACK);
static int32_t cmd_port, log_port;

static void print_state(const struct command *c, const struct fen_sampling_info *info,
                        const struct law_record *r, uint32_t records)
{
    const volatile struct sample *s = BUS_SAMPLE;
    printf("sample #%" PRIu32 " pitch %" PRId32 " roll %" PRId32 " speed %" PRId32
           " | command #%" PRIu32 " (sample #%" PRIu32 ") elevator %" PRId32
           " aileron %" PRId32 " %s age %" PRIu64 " us | law runs logged %" PRIu32
           " gaps %" PRIu32 " overflows %" PRIu32 "\n",
           s->seq, s->pitch_mdeg, s->roll_mdeg, s->airspeed_cms, c->seq, c->sample_seq,
           c->elevator_mdeg, c->aileron_mdeg, info->valid ? "valid" : "STALE",
           fen_cycles_to_us(info->age), records, r->gaps, r->overflows);
}

static void logger(void *arg)
{
    (void)arg;
    struct law_record last = {0};
    uint32_t records = 0;
    for (uint32_t n = 1;; n++) {
        while (fen_receive_queuing_message(log_port, &last, sizeof last, 0) >= 0)
            records++;
        struct command c = {0};
        struct fen_sampling_info info = {0};
        int32_t rc = fen_read_sampling_message(cmd_port, &c, sizeof c, &info);
        if (n % 5 == 0 && rc > 0)
            print_state(&c, &info, &last, records);
        fen_periodic_wait();
    }
}

int main(void)
{
    cmd_port = fen_create_sampling_port("cmd", sizeof(struct command), FEN_PORT_DESTINATION,
                                        fen_ms_to_cycles(20));
    log_port = fen_create_queuing_port("log", sizeof(struct law_record), 8,
                                       FEN_PORT_DESTINATION);
    if (cmd_port < 0 || log_port < 0) {
        printf("cannot create ports: %" PRId32 " %" PRId32 "\n", cmd_port, log_port);
        return 1;
    }
    return avionics_start("logger", logger, logger_stack.stack, sizeof logger_stack.stack);
}
