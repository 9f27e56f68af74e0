/* A partition with nothing to do: it sleeps for ever, so its windows pass
 * idle (the window-switch benchmark measures the kernel, not guest code). */
#include "fenestra.h"

int main(void)
{
    for (;;)
        fen_sleep_for(UINT64_C(1) << 62);
}
