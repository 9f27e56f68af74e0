/*
 * victim.c - owns what attacker aims at.  In its first window, before
 * attacker first runs, it writes canaries (cases.h) at the first, a middle
 * and the last bytes of its data region, and a printable pattern over the
 * whole mailbox; then it only sleeps.  The test reads them back at the end.
 */
#include <stdio.h>

#include "cases.h"
#include "fenestra.h"

int main(void)
{
    for (unsigned a = 0; a < NUM_CANARY_AREAS; a++) {
        uint32_t base = canary_area(a);
        volatile uint32_t *w = (volatile uint32_t *)(uintptr_t)base;
        for (uint32_t i = 0; i < CANARY_BYTES / 4; i++)
            w[i] = canary_word(base + 4 * i);
    }
    volatile uint8_t *m = (volatile uint8_t *)(uintptr_t)MAILBOX;
    for (uint32_t i = 0; i < MAILBOX_SIZE; i++)
        m[i] = mailbox_byte(i);
    printf("canaries set\n");
    for (;;)
        fen_sleep_for(250000); /* one major frame */
}
