/* Counts its windows; in the third it misbehaves.  By default it writes
 * into beta's data memory (0x20120100), which the configuration does not
 * grant it; built with JUMP_FAULT it calls into RAM it may not execute;
 * built with NO_FAULT it behaves, so a test can compare the schedules. */
#include <stdint.h>
#include <stdio.h>

#include "fenestra.h"

#if defined(NO_FAULT)
static void misbehave(void)
{
}
#elif defined(JUMP_FAULT)
static void misbehave(void)
{
    ((void (*)(void))0x003f0001u)(); /* SSRAM1, nobody's code */
}
#else
static void misbehave(void)
{
    *(volatile uint32_t *)0x20120100u = 0xdeadbeef;
}
#endif

int main(void)
{
    for (unsigned n = 1;; n++) {
        printf("victim round %u\n", n);
        if (n == 3)
            misbehave();
        fen_sleep_for(250000); /* one major frame */
    }
}
