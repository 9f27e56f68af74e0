/*
 * dive.c - recursion without bound.  Each level pushes r7 and lr and
 * writes all of a 16-byte local array with volatile stores, so every frame
 * (24 bytes) is really pushed and touched, and no call is a tail call the
 * compiler could turn into a loop.  No store lands more than 16 bytes
 * below the lowest one before it, so the first store below the stack
 * lands in its 32-byte guard, never beyond it.
 */
#include "dive.h"

#include <stdint.h>

/* Never reached; read at every level so the compiler sees a way out
 * (clang would otherwise warn of infinite recursion). */
volatile unsigned dive_limit = 0xFFFFFFFFu;

__attribute__((noinline)) unsigned dive(unsigned depth)
{
    volatile uint32_t frame[4];
    if (depth == dive_limit)
        return 0;
    frame[3] = depth;
    frame[2] = depth ^ 0x11111111u;
    frame[1] = depth ^ 0x22222222u;
    frame[0] = depth ^ 0x33333333u;
    return dive(depth + 1) + frame[0] + frame[3];
}
