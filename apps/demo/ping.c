/*
 * ping.c - apps/demo's ping: apps/hello/ping.c, slowed down so that the
 * demo's output stays readable (about 20 lines per 10 major frames).  With
 * a 3 ms window at the start of each 10 ms frame, a 15 ms relative sleep
 * ends outside the window every time: every line is 5 ms late.
 */
#define PING_PERIOD_US 15000
#include "../hello/ping.c"
