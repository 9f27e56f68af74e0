/* Wakes in every one of its windows: it sleeps one major frame (1 ms in
 * the window benchmark), which falls due when its next window begins, so
 * each window is a real switch into a thread that runs, then sleeps. */
#include "fenestra.h"

int main(void)
{
    for (;;)
        fen_sleep_for(25000);
}
