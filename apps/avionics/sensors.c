/* sensors.c - the sensor front end.  Samples (pitch, roll, airspeed) come
 * from the board's stimulus device (fed by apps/avionics/stimulus.txt, a
 * test rig's recording) with an interrupt per sample.  The interrupt
 * process `acquire` runs in sensors' windows: it takes every waiting
 * record, queues it to control on port `raw` and copies the newest to the
 * shared region `samples`, then acknowledges the line. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "bus.h"
#include "regs/stimulus.h"
#include "start.h"

#define STIMULUS_LINE 30 /* boards/mps2-an385/board.yaml: stimulus, "data" */

static FEN_THREAD_STACK(acquire_stack, AVIONICS_STACK);
static int32_t raw_port;

static uint32_t reg(uint32_t offset)
{
    return *(volatile uint32_t *)(STIMULUS_SIM_BASE + offset);
}

static void set_reg(uint32_t offset, uint32_t value)
{
    *(volatile uint32_t *)(STIMULUS_SIM_BASE + offset) = value;
}

/* The head record as a sample, then popped. */
static struct sample take_record(void)
{
    struct sample s = {
        .seq = reg(STIMULUS_SEQ),
        .pitch_mdeg = (int32_t)reg(STIMULUS_WORD(0)),
        .roll_mdeg = (int32_t)reg(STIMULUS_WORD(1)),
        .airspeed_cms = (int32_t)reg(STIMULUS_WORD(2)),
        .taken_at = (uint64_t)reg(STIMULUS_TIME_HI) << 32 | reg(STIMULUS_TIME_LO),
    };
    set_reg(STIMULUS_POP, 1);
    return s;
}

static void publish(const struct sample *s)
{
    volatile struct sample *bulk = BUS_SAMPLE;
    bulk->pitch_mdeg = s->pitch_mdeg;
    bulk->roll_mdeg = s->roll_mdeg;
    bulk->airspeed_cms = s->airspeed_cms;
    bulk->taken_at = s->taken_at;
    bulk->seq = s->seq;
}

static void acquire(void *arg)
{
    (void)arg;
    for (;;) {
        struct fen_irq_event ev;
        fen_irq_wait(STIMULUS_LINE, &ev, FEN_INFINITE_TIME);
        if (reg(STIMULUS_STATUS) & STIMULUS_STATUS_OVERFLOW) {
            printf("stimulus overflow: %" PRIu32 " records lost\n", reg(STIMULUS_OVERFLOWS));
            set_reg(STIMULUS_STATUS, STIMULUS_STATUS_OVERFLOW);
        }
        while (reg(STIMULUS_COUNT)) {
            struct sample s = take_record();
            if (fen_send_queuing_message(raw_port, &s, sizeof s, 0) < 0)
                printf("raw full: sample #%" PRIu32 " not sent\n", s.seq);
            publish(&s);
        }
        set_reg(STIMULUS_INTCLEAR, STIMULUS_INT_ARRIVAL | STIMULUS_INT_OVERFLOW);
        fen_irq_ack(STIMULUS_LINE);
    }
}

int main(void)
{
    raw_port = fen_create_queuing_port("raw", sizeof(struct sample), 8, FEN_PORT_SOURCE);
    set_reg(STIMULUS_CTRL, STIMULUS_CTRL_INT_EN);
    int32_t rc = fen_irq_enable(STIMULUS_LINE);
    if (raw_port < 0 || rc < 0) {
        printf("cannot set up: port %" PRId32 ", line %" PRId32 "\n", raw_port, rc);
        return 1;
    }
    return avionics_start("acquire", acquire, acquire_stack.stack, sizeof acquire_stack.stack);
}
