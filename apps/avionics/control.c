/* control.c - the control law, every 10 ms: a proportional law on the
 * latest sample, written to `commands`.  control is the system partition:
 * at 300 ms it asks for the `degraded` schedule (the kernel switches at the
 * next major frame). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "bus.h"
#include "start.h"

#define DEGRADE_AT_MS 300

static FEN_THREAD_STACK(law_stack, AVIONICS_STACK);

static void switch_schedule(void)
{
    int32_t id = fen_get_schedule_id("degraded");
    int32_t rc = id < 0 ? id : fen_set_schedule(id);
    printf("asking for schedule 'degraded': %s\n", rc < 0 ? "refused" : "from the next frame");
}

static void law(void *arg)
{
    (void)arg;
    uint64_t degrade_at = fen_ms_to_cycles(DEGRADE_AT_MS);
    for (uint32_t n = 1;; n++) {
        volatile struct command *c = BUS_COMMAND;
        const volatile struct sample *s = BUS_SAMPLE;
        c->sample_seq = s->seq;
        c->elevator_mdeg = -s->pitch_mdeg / 2;
        c->aileron_mdeg = -s->roll_mdeg / 3;
        c->seq = n;
        if (degrade_at && fen_get_time() >= degrade_at) {
            switch_schedule();
            degrade_at = 0;
        }
        fen_periodic_wait();
    }
}

int main(void)
{
    return avionics_start("law", law, law_stack.stack, sizeof law_stack.stack);
}
