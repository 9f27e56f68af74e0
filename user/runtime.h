/*
 * runtime.h - interfaces between the runtime's own files (crt0.c,
 * syscall.c, stdio.c, and the stubs' argument packing shared by
 * process.c, port.c and object.c).  Not for partition code.
 */
#ifndef FEN_USER_RUNTIME_H
#define FEN_USER_RUNTIME_H

#include <stdint.h>

#include "abi.h"

/* stdio.c: stdout keeps one line buffer per thread, found by the thread's
 * stack range (see stdio.c).  attach gives the thread owning
 * [lo, hi) a fresh buffer; detach_self flushes and frees the caller's. */
void fen_stdio_attach(uintptr_t lo, uintptr_t hi);
void fen_stdio_detach_self(void);

/* stdio.c: writes buf to the console after the caller's pending line;
 * 0 on success, -1 if the kernel refused. */
int fen_stdio_write(const char *buf, uint32_t len);

/* Stub helpers: a pointer as the 32-bit guest address the kernel takes. */
static inline uint32_t fen_ptr(const void *p)
{
    return (uint32_t)(uintptr_t)p;
}

/* The length of name, looking no further than FEN_NAME_MAX bytes: a longer
 * one is passed as FEN_NAME_MAX and the kernel refuses it. */
static inline uint32_t fen_name_len(const char *name)
{
    uint32_t n = 0;
    while (n < FEN_NAME_MAX && name[n])
        n++;
    return n;
}

/* id | len << 16 (kernel/abi.h).  What does not fit is passed so that the
 * kernel refuses it rather than aliasing or cutting it: an id beyond 16
 * bits (or a negative error code) as 0xffff, which no port or object has;
 * a length as 0xffff (messages are at most 8192 bytes; a buffer size is a
 * lower bound, so 0xffff stands for any larger one). */
static inline uint32_t fen_id_len(int32_t id, uint32_t len)
{
    uint32_t i = (uint32_t)id > 0xffffu ? 0xffffu : (uint32_t)id;
    return i | (len > 0xffffu ? 0xffffu : len) << 16;
}

#endif
