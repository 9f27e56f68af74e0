/* display.c - logs the latest sample and command every 100 ms (every
 * fifth activation of a 20 ms periodic process). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "bus.h"
#include "start.h"

static FEN_THREAD_STACK(logger_stack, AVIONICS_STACK);

static void logger(void *arg)
{
    (void)arg;
    for (uint32_t n = 1;; n++) {
        if (n % 5 == 0) {
            const volatile struct sample *s = BUS_SAMPLE;
            const volatile struct command *c = BUS_COMMAND;
            printf("sample #%" PRIu32 " pitch %" PRId32 " roll %" PRId32 " speed %" PRId32
                   " | command #%" PRIu32 " elevator %" PRId32 " aileron %" PRId32 "\n",
                   s->seq, s->pitch_mdeg, s->roll_mdeg, s->airspeed_cms, c->seq,
                   c->elevator_mdeg, c->aileron_mdeg);
        }
        fen_periodic_wait();
    }
}

int main(void)
{
    return avionics_start("logger", logger, logger_stack.stack, sizeof logger_stack.stack);
}
