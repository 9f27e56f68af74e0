/* other.c - owns no device: every interrupt call on owner's lines is
 * refused; `spin` measures what owner's interrupts cost its window;
 * `trespass` touches owner's device (app.yaml). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "fenestra.h"
#include "regs/stimulus.h"

#define BATCHES 600
#define SPINS 100

static FEN_THREAD_STACK(spin_stack, 1024);
static FEN_THREAD_STACK(trespass_stack, 1024);

/* Cycles each batch took, from one clock read to the next (read by
 * tests/sim/test_irq.c). */
uint32_t durations[BATCHES];

static void try_calls(void)
{
    struct fen_irq_event ev;
    printf("other: enable 30 -> %" PRId32 "\n", fen_irq_enable(30));
    printf("other: disable 30 -> %" PRId32 "\n", fen_irq_disable(30));
    printf("other: wait 30 -> %" PRId32 "\n", fen_irq_wait(30, &ev, 0));
    printf("other: ack 30 -> %" PRId32 "\n", fen_irq_ack(30));
    printf("other: enable 2 -> %" PRId32 "\n", fen_irq_enable(2));
    printf("other: enable 7 -> %" PRId32 "\n", fen_irq_enable(7));
    printf("other: enable 45 -> %" PRId32 "\n", fen_irq_enable(45));
}

static void spin(void *arg)
{
    (void)arg;
    for (uint32_t b = 0; b < BATCHES; b++) {
        uint64_t t0 = fen_get_time();
        for (volatile uint32_t i = 0; i < SPINS; i++)
            ;
        durations[b] = (uint32_t)(fen_get_time() - t0);
    }
    printf("other: %u batches measured\n", BATCHES);
    fen_stop_self();
}

static void trespass(void *arg)
{
    (void)arg;
    printf("other: reading owner's stimulus device\n");
    uint32_t v = *(volatile uint32_t *)(STIMULUS_SIM_BASE + STIMULUS_COUNT);
    printf("other: read %" PRIu32 " (never printed)\n", v);
    fen_stop_self();
}

int main(void)
{
    try_calls();
    int32_t s = fen_create_process("spin", spin, spin_stack.stack, sizeof spin_stack.stack);
    int32_t t = fen_create_process("trespass", trespass, trespass_stack.stack,
                                   sizeof trespass_stack.stack);
    if (s < 0 || t < 0) {
        printf("other: set-up failed\n");
        return 1;
    }
    fen_start(s);
    fen_start(t);
    fen_set_partition_mode(FEN_MODE_NORMAL);
    fen_stop_self();
}
