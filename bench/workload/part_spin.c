/* A partition that never stops computing: every window switch away from it
 * preempts guest code mid-block (the exact-preemption path). */
#include <stdint.h>

int main(void)
{
    volatile uint32_t x = 0;
    for (;;)
        x = x * 1664525u + 1013904223u;
}
