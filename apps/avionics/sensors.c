/* sensors.c - samples attitude and airspeed every 10 ms (a periodic
 * process) into the shared `samples` region.  The signals are triangle
 * waves: deterministic and cheap, like a test rig's sensor model. */
#include <stdint.h>

#include "bus.h"
#include "start.h"

static FEN_THREAD_STACK(sample_stack, AVIONICS_STACK);

/* A triangle wave of the given amplitude and period, in samples. */
static int32_t triangle(uint32_t n, uint32_t period, int32_t amplitude)
{
    uint32_t phase = n % period, half = period / 2;
    int32_t up = (int32_t)(phase < half ? phase : period - phase);
    return (int32_t)((int64_t)amplitude * (4 * up - (int32_t)period) / (int32_t)period);
}

static void sample(void *arg)
{
    (void)arg;
    for (uint32_t n = 1;; n++) {
        volatile struct sample *s = BUS_SAMPLE;
        s->pitch_mdeg = triangle(n, 40, 5000);
        s->roll_mdeg = triangle(n + 7, 64, 12000);
        s->airspeed_cms = 6000 + triangle(n, 100, 500);
        s->taken_at = fen_get_time();
        s->seq = n;
        fen_periodic_wait();
    }
}

int main(void)
{
    return avionics_start("sample", sample, sample_stack.stack, sizeof sample_stack.stack);
}
