/* Sleeps 1.5 s (past two SysTick reloads), then 100 ms, and says when it
 * woke each time. */
#include <inttypes.h>
#include <stdio.h>

#include "fenestra.h"

int main(void)
{
    uint64_t until = 37500000; /* 1.5 s at 25 MHz */
    fen_sleep_until(until);
    printf("woke at %" PRIu64 " for %" PRIu64 "\n", fen_get_time(), until);
    until += 2500000;
    fen_sleep_until(until);
    printf("woke at %" PRIu64 " for %" PRIu64 "\n", fen_get_time(), until);
    for (;;)
        fen_sleep_for(UINT64_C(1) << 40);
}
