/*
 * below.c - owns the memory below deep's stack guard (and the guard: the
 * top of its data region, which it never uses otherwise).  It fills it
 * with a canary before deep runs, then prints a round every millisecond
 * of its windows, checking the canary each time.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#include "fenestra.h"
#include "layout.h"

static volatile uint32_t *const canary = (volatile uint32_t *)(uintptr_t)CANARY_BELOW;

static bool canary_intact(void)
{
    for (uint32_t i = 0; i < CANARY_BELOW_BYTES / 4; i++)
        if (canary[i] != canary_word(CANARY_BELOW + 4 * i))
            return false;
    return true;
}

int main(void)
{
    for (uint32_t i = 0; i < CANARY_BELOW_BYTES / 4; i++)
        canary[i] = canary_word(CANARY_BELOW + 4 * i);
    printf("canary set at 0x%08" PRIx32 "..0x%08" PRIx32 "\n", CANARY_BELOW,
           DEEP_STACK_BASE - 1);
    for (unsigned n = 1;; n++) {
        printf("round %u canary %s\n", n, canary_intact() ? "intact" : "CHANGED");
        fen_sleep_for(25000); /* 1 ms */
    }
}
