/* dst.c - the receiving side of the stress test (app.yaml): every
 * sequence number is checked where it arrives, and again after the
 * intra-partition buffer. */
#include <inttypes.h>
#include <stdio.h>

#include "fenestra.h"
#include "stress.h"

static FEN_THREAD_STACK(drain_stack, 1024);
static FEN_THREAD_STACK(sink_stack, 1024);
static FEN_THREAD_STACK(taker_stack, 1024);
static int32_t qa, qb, sa, fwd, latest;

/* A message that is not the next one expected, or whose check word does
 * not match its sequence number. */
static uint32_t wrong(uint32_t seq, uint32_t check, uint32_t *expected)
{
    uint32_t bad = seq != *expected || check != stress_check(seq);
    *expected = seq + 1;
    return bad;
}

/* The newest sampling message never goes back. */
static void check_sample(uint32_t *reads, uint32_t *newest, uint32_t *back)
{
    uint32_t seq = 0;
    if (fen_read_sampling_message(sa, &seq, 8, NULL) <= 0)
        return;
    (*reads)++;
    if (seq < *newest)
        (*back)++;
    *newest = seq;
}

static void drain(void *arg)
{
    (void)arg;
    uint32_t expected = 0, flags = 0, bad = 0, reads = 0, newest = 0, back = 0;
    while (expected < QA_MESSAGES) {
        struct qa_msg m;
        int32_t rc;
        while ((rc = fen_receive_queuing_message(qa, &m, sizeof m, 0)) >= 0) {
            if (rc & FEN_MSG_OVERFLOWED)
                flags++;
            bad += FEN_MSG_LEN(rc) != sizeof m || wrong(m.seq, m.check, &expected);
            fen_buffer_send(fwd, &m, sizeof m, FEN_INFINITE_TIME);
        }
        check_sample(&reads, &newest, &back);
        if (expected < QA_MESSAGES)
            fen_periodic_wait();
    }
    printf("qa: received %" PRIu32 ", wrong %" PRIu32 ", overflow flags %" PRIu32 "\n",
           expected, bad, flags);
    printf("sa: reads %" PRIu32 ", newest %" PRIu32 ", went back %" PRIu32 "\n", reads,
           newest, back);
    fen_stop_self();
}

static void sink(void *arg)
{
    (void)arg;
    uint32_t expected = 0, bad = 0;
    while (expected < QA_MESSAGES) {
        struct qa_msg m;
        int32_t rc = fen_buffer_receive(fwd, &m, sizeof m, FEN_INFINITE_TIME);
        bad += rc != sizeof m || wrong(m.seq, m.check, &expected);
        fen_blackboard_display(latest, &m.seq, sizeof m.seq);
    }
    printf("fwd: received %" PRIu32 ", wrong %" PRIu32 "\n", expected, bad);
    fen_stop_self();
}

static void taker(void *arg)
{
    (void)arg;
    uint32_t expected = 0, bad = 0, shown = 0, back = 0;
    while (expected < QB_MESSAGES) {
        struct qb_msg m;
        int32_t rc = fen_receive_queuing_message(qb, &m, sizeof m, FEN_INFINITE_TIME);
        bad += FEN_MSG_LEN(rc) != sizeof m || wrong(m.seq, m.check, &expected);
        uint32_t seq = 0;
        if (fen_blackboard_read(latest, &seq, 8, 0) > 0) {
            back += seq < shown;
            shown = seq;
        }
    }
    printf("qb: received %" PRIu32 ", wrong %" PRIu32 "\n", expected, bad);
    printf("latest: went back %" PRIu32 "\n", back);
    fen_stop_self();
}

int main(void)
{
    qa = fen_create_queuing_port("qa", sizeof(struct qa_msg), 128, FEN_PORT_DESTINATION);
    qb = fen_create_queuing_port("qb", sizeof(struct qb_msg), 64, FEN_PORT_DESTINATION);
    sa = fen_create_sampling_port("sa", 8, FEN_PORT_DESTINATION, fen_ms_to_cycles(1));
    fwd = fen_get_object_id("fwd", FEN_OBJ_BUFFER);
    latest = fen_get_object_id("latest", FEN_OBJ_BLACKBOARD);
    int32_t d = fen_create_process("drain", drain, drain_stack.stack, sizeof drain_stack.stack);
    int32_t s = fen_create_process("sink", sink, sink_stack.stack, sizeof sink_stack.stack);
    int32_t t = fen_create_process("taker", taker, taker_stack.stack, sizeof taker_stack.stack);
    if (qa < 0 || qb < 0 || sa < 0 || fwd < 0 || latest < 0 || d < 0 || s < 0 || t < 0) {
        printf("dst: set-up failed\n");
        return 1;
    }
    fen_start(d);
    fen_start(s);
    fen_start(t);
    fen_set_partition_mode(FEN_MODE_NORMAL);
    fen_stop_self();
}
