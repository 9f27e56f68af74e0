/*
 * board_none.c - board_init() of a board that needs no set-up before the
 * console (the MPS2 boards: their UARTs are clocked and wired at reset).
 * A board with a boards/<board>/board.c uses that instead
 * (cmake/Firmware.cmake).
 */
#include "port.h"

void board_init(void)
{
}
