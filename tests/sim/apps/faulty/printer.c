/* A well-behaved partition: prints a numbered line, then sleeps 1 ms. */
#include <stdio.h>

#include "fenestra.h"

int main(void)
{
    for (unsigned n = 1;; n++) {
        printf("round %u\n", n);
        fen_sleep_for(25000);
    }
}
