/* src.c - the sending side of the stress test (app.yaml). */
#include <inttypes.h>
#include <stdio.h>

#include "fenestra.h"
#include "stress.h"

static FEN_THREAD_STACK(pusher_stack, 1024);
static FEN_THREAD_STACK(blocker_stack, 1024);
static int32_t qa, qb, sa;

/* Every window: sends qa messages until the queue refuses one (an
 * overflow the receiver is told of), which is sent again next window. */
static void pusher(void *arg)
{
    (void)arg;
    uint32_t seq = 0, refused = 0;
    while (seq < QA_MESSAGES) {
        for (;;) {
            struct qa_msg m = {seq, stress_check(seq)};
            int32_t rc = fen_send_queuing_message(qa, &m, sizeof m, 0);
            if (rc == -FEN_NOT_AVAILABLE) {
                refused++;
                break;
            }
            if (rc < 0) {
                printf("qa: send %" PRIu32 " failed: %" PRId32 "\n", seq, rc);
                fen_stop_self();
            }
            fen_write_sampling_message(sa, &seq, sizeof seq);
            if (++seq == QA_MESSAGES)
                break;
        }
        fen_periodic_wait();
    }
    printf("qa: sent %" PRIu32 ", refused %" PRIu32 "\n", seq, refused);
    fen_stop_self();
}

/* Sends qb messages with an infinite timeout: blocks whenever qb is full. */
static void blocker(void *arg)
{
    (void)arg;
    for (uint32_t seq = 0; seq < QB_MESSAGES; seq++) {
        struct qb_msg m = {seq, stress_check(seq), 0};
        int32_t rc = fen_send_queuing_message(qb, &m, sizeof m, FEN_INFINITE_TIME);
        if (rc < 0) {
            printf("qb: send %" PRIu32 " failed: %" PRId32 "\n", seq, rc);
            break;
        }
    }
    printf("qb: sent %u\n", QB_MESSAGES);
    fen_stop_self();
}

int main(void)
{
    qa = fen_create_queuing_port("qa", sizeof(struct qa_msg), 128, FEN_PORT_SOURCE);
    qb = fen_create_queuing_port("qb", sizeof(struct qb_msg), 64, FEN_PORT_SOURCE);
    sa = fen_create_sampling_port("sa", sizeof(uint32_t) * 2, FEN_PORT_SOURCE,
                                  fen_ms_to_cycles(1));
    int32_t p = fen_create_process("pusher", pusher, pusher_stack.stack,
                                   sizeof pusher_stack.stack);
    int32_t b = fen_create_process("blocker", blocker, blocker_stack.stack,
                                   sizeof blocker_stack.stack);
    if (qa < 0 || qb < 0 || sa < 0 || p < 0 || b < 0) {
        printf("src: set-up failed: %" PRId32 " %" PRId32 " %" PRId32 " %" PRId32
               " %" PRId32 "\n", qa, qb, sa, p, b);
        return 1;
    }
    fen_start(p);
    fen_start(b);
    fen_set_partition_mode(FEN_MODE_NORMAL);
    fen_stop_self();
}
