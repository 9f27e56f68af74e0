/*
 * pong.c - apps/demo's pong: apps/hello/pong.c with a 25 ms period, so that
 * its deadlines fall alternately inside its 3 ms window (on time) and
 * outside it (late until the next frame's window).
 */
#define PONG_PERIOD_US 25000
#include "../hello/pong.c"
