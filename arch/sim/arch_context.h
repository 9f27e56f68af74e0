/* arch_context.h (sim) - a thread's user registers, saved by the host port
 * whenever the guest CPU stops. */
#ifndef FENESTRA_ARCH_CONTEXT_H
#define FENESTRA_ARCH_CONTEXT_H

#include <stdint.h>

struct arch_context {
    uint32_t r[13]; /* r0-r12 */
    uint32_t sp, lr, pc, xpsr;
};

#endif
