/* other.c - owns no device: every interrupt call on owner's line is
 * refused; `trespass` reads owner's timer; then it computes (app.yaml). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "fenestra.h"
#include "regs/cmsdk_timer.h"

#define TIMER0_BASE 0x40000000u

static FEN_THREAD_STACK(trespass_stack, 1024);

static void trespass(void *arg)
{
    (void)arg;
    printf("other: reading owner's timer\n");
    uint32_t v = *(volatile uint32_t *)(TIMER0_BASE + CMSDK_TIMER_VALUE);
    printf("other: read %" PRIu32 " (never printed)\n", v);
    fen_stop_self();
}

int main(void)
{
    struct fen_irq_event ev;
    printf("other: enable 8 -> %" PRId32 "\n", fen_irq_enable(8));
    printf("other: wait 8 -> %" PRId32 "\n", fen_irq_wait(8, &ev, 0));
    printf("other: ack 8 -> %" PRId32 "\n", fen_irq_ack(8));
    printf("other: disable 8 -> %" PRId32 "\n", fen_irq_disable(8));
    int32_t t = fen_create_process("trespass", trespass, trespass_stack.stack,
                                   sizeof trespass_stack.stack);
    if (t < 0) {
        printf("other: set-up failed\n");
        return 1;
    }
    fen_start(t); /* higher priority: runs once the partition is normal */
    fen_set_partition_mode(FEN_MODE_NORMAL);
    for (volatile uint32_t n = 0;; n++)
        ;
}
