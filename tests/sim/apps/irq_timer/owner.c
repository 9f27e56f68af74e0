/* owner.c - owns CMSDK timer0 (line 8): an interrupt every 3 ms, served by
 * the interrupt process `tick` (app.yaml). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "fenestra.h"
#include "regs/cmsdk_timer.h"

#define TIMER0_BASE 0x40000000u
#define TIMER0_LINE 8
#define PERIOD 75000u /* 3 ms at 25 MHz */

static FEN_THREAD_STACK(tick_stack, 1024);

static volatile uint32_t *reg(uint32_t offset)
{
    return (volatile uint32_t *)(TIMER0_BASE + offset);
}

/* Each delivery: whether the assertion waited for owner's window (1 ms
 * is far more than a few kernel entries, far less than other's window),
 * the timer cleared, then the line acknowledged (unmasked again). */
static void tick(void *arg)
{
    (void)arg;
    for (uint32_t n = 1;; n++) {
        struct fen_irq_event ev;
        fen_irq_wait(TIMER0_LINE, &ev, FEN_INFINITE_TIME);
        uint64_t ran = fen_get_time();
        *reg(CMSDK_TIMER_INTCLEAR) = CMSDK_TIMER_INT;
        printf("tick %" PRIu32 ": waited %s\n", n,
               ran - ev.asserted < 25000 ? "no window" : "for owner's window");
        fen_irq_ack(TIMER0_LINE);
    }
}

int main(void)
{
    int32_t t = fen_create_process("tick", tick, tick_stack.stack, sizeof tick_stack.stack);
    int32_t e = fen_irq_enable(TIMER0_LINE);
    if (t < 0 || e < 0) {
        printf("owner: set-up failed\n");
        return 1;
    }
    *reg(CMSDK_TIMER_RELOAD) = PERIOD - 1; /* also the count: every PERIOD cycles */
    *reg(CMSDK_TIMER_CTRL) = CMSDK_TIMER_CTRL_EN | CMSDK_TIMER_CTRL_IRQ_EN;
    fen_start(t);
    fen_set_partition_mode(FEN_MODE_NORMAL);
    fen_stop_self();
}
