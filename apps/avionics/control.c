/* control.c - the control law, every 10 ms: takes every sample queued on
 * `raw` since its last run (checking their sequence), runs a proportional
 * law on the newest, writes the command to the sampling port `cmd` and a
 * record of the run to the queuing port `log`.  control is the system
 * partition: at 300 ms it asks for the `degraded` schedule (the kernel
 * switches at the next major frame). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "bus.h"
#include "start.h"

#define DEGRADE_AT_MS 300

static FEN_THREAD_STACK(law_stack, AVIONICS_STACK);
static int32_t raw_port, cmd_port, log_port;

static void switch_schedule(void)
{
    int32_t id = fen_get_schedule_id("degraded");
    int32_t rc = id < 0 ? id : fen_set_schedule(id);
    printf("asking for schedule 'degraded': %s\n", rc < 0 ? "refused" : "from the next frame");
}

/* Drains `raw`; the newest sample goes to *latest.  Returns how many. */
static uint32_t take_samples(struct sample *latest, struct law_record *r,
                             uint32_t *expected)
{
    uint32_t n = 0;
    struct sample s;
    int32_t rc;
    while ((rc = fen_receive_queuing_message(raw_port, &s, sizeof s, 0)) >= 0) {
        if (rc & FEN_MSG_OVERFLOWED)
            r->overflows++;
        if (s.seq != *expected)
            r->gaps += s.seq - *expected;
        *expected = s.seq + 1;
        *latest = s;
        n++;
    }
    return n;
}

static void law(void *arg)
{
    (void)arg;
    uint64_t degrade_at = fen_ms_to_cycles(DEGRADE_AT_MS);
    struct law_record r = {0};
    struct sample latest = {0};
    uint32_t expected = 0;
    for (r.seq = 1;; r.seq++) {
        r.samples = take_samples(&latest, &r, &expected);
        struct command c = {.seq = r.seq, .sample_seq = latest.seq,
                            .elevator_mdeg = -latest.pitch_mdeg / 2,
                            .aileron_mdeg = -latest.roll_mdeg / 3};
        fen_write_sampling_message(cmd_port, &c, sizeof c);
        if (fen_send_queuing_message(log_port, &r, sizeof r, 0) < 0)
            printf("log full: law run %" PRIu32 " not logged\n", r.seq);
        if (degrade_at && fen_get_time() >= degrade_at) {
            switch_schedule();
            degrade_at = 0;
        }
        fen_periodic_wait();
    }
}

int main(void)
{
    raw_port = fen_create_queuing_port("raw", sizeof(struct sample), 8, FEN_PORT_DESTINATION);
    cmd_port = fen_create_sampling_port("cmd", sizeof(struct command), FEN_PORT_SOURCE,
                                        fen_ms_to_cycles(20));
    log_port = fen_create_queuing_port("log", sizeof(struct law_record), 8, FEN_PORT_SOURCE);
    if (raw_port < 0 || cmd_port < 0 || log_port < 0) {
        printf("cannot create ports: %" PRId32 " %" PRId32 " %" PRId32 "\n", raw_port,
               cmd_port, log_port);
        return 1;
    }
    return avionics_start("law", law, law_stack.stack, sizeof law_stack.stack);
}
