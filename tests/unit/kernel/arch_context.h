/* The fake port's context: the registers a system call reads and writes. */
#ifndef FENESTRA_ARCH_CONTEXT_H
#define FENESTRA_ARCH_CONTEXT_H
#include <stdint.h>
struct arch_context {
    uint32_t r[13];
    uint32_t sp, lr, pc, xpsr;
};
#endif
