/* steady.c - prints once a frame, whatever its neighbour goes through. */
#include <inttypes.h>
#include <stdio.h>

#include "fenestra.h"

int main(void)
{
    for (uint32_t n = 1;; n++) {
        printf("tick %" PRIu32 "\n", n);
        fen_timed_wait(fen_ms_to_cycles(10));
    }
}
