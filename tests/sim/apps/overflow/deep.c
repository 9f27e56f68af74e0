/*
 * deep.c - in its window of frame DEEP_OVERFLOW_FRAME, its initial thread
 * recurses without bound: its stack (at the base of its data region)
 * overflows into the guard below, which is the top of below's data.
 */
#include <stdio.h>

#include "dive.h"
#include "fenestra.h"
#include "layout.h"

int main(void)
{
    struct fen_partition_info info;
    fen_partition_info(&info);
    printf("will dive in frame %u\n", DEEP_OVERFLOW_FRAME);
    fen_sleep_until(DEEP_OVERFLOW_FRAME * info.major_frame);
    printf("diving\n");
    dive(0);
    printf("survived\n");
    return 0;
}
