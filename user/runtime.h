/*
 * runtime.h - interfaces between the runtime's own files (crt0.c,
 * syscall.c, stdio.c).  Not for partition code.
 */
#ifndef FEN_USER_RUNTIME_H
#define FEN_USER_RUNTIME_H

#include <stdint.h>

/* stdio.c: stdout keeps one line buffer per thread, found by the thread's
 * stack range (see stdio.c).  attach gives the thread owning
 * [lo, hi) a fresh buffer; detach_self flushes and frees the caller's. */
void fen_stdio_attach(uintptr_t lo, uintptr_t hi);
void fen_stdio_detach_self(void);

/* stdio.c: writes buf to the console after the caller's pending line;
 * 0 on success, -1 if the kernel refused. */
int fen_stdio_write(const char *buf, uint32_t len);

#endif
