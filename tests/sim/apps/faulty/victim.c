/* Counts its windows; in the third, writes into beta's data memory
 * (0x20120100), which the configuration does not grant it.  Built with
 * NO_FAULT it behaves, so a test can compare the two schedules. */
#include <stdint.h>
#include <stdio.h>

#include "fenestra.h"

int main(void)
{
    for (unsigned n = 1;; n++) {
        printf("victim round %u\n", n);
#ifndef NO_FAULT
        if (n == 3)
            *(volatile uint32_t *)0x20120100u = 0xdeadbeef;
#endif
        fen_sleep_for(250000); /* one major frame */
    }
}
