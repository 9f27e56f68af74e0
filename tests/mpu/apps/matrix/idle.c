/* A partition of the isolation matrix: the test never runs it, it only
 * needs an image at the configured addresses; if run, it sleeps. */
#include "fenestra.h"

int main(void)
{
    for (;;)
        fen_sleep_for(250000);
}
