/* dive.h - unbounded recursion (dive.c). */
#ifndef OVERFLOW_DIVE_H
#define OVERFLOW_DIVE_H

/* Recurses until the stack overflows; never returns. */
unsigned dive(unsigned depth);

#endif
