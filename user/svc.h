/*
 * svc.h - the raw system-call trap (kernel/abi.h): number in r12, arguments
 * in r0-r3, result in r0 (r1 too for 64-bit results), `svc #0`.  The kernel
 * clobbers r1-r3 and r12 and preserves every other register.  Private to the
 * runtime; partitions use the fen_ functions of fenestra.h.
 */
#ifndef FEN_USER_SVC_H
#define FEN_USER_SVC_H

#include <stdint.h>

#include "abi.h"

#define FEN_SVC_STR_(x) #x
#define FEN_SVC_STR(x) FEN_SVC_STR_(x)

/* The two result registers of a call. */
struct fen_svc_ret {
    uint32_t r0;
    uint32_t r1;
};

/* Every call goes through here; the unused argument registers are passed
 * as 0 so the kernel never sees stale values.
 *
 * The number is an immediate ("i": a number the compiler cannot fold to a
 * constant does not compile), set in r12 by the same asm statement as the
 * svc, so every svc of the runtime is directly preceded by `mov r12, #num`
 * and nothing can branch between the two.  The build reads the calls an
 * app's partitions make from that pair (tools/svcscan) and leaves the
 * other handlers out of its kernel (docs/config.md, "Calls compiled in"). */
static inline __attribute__((always_inline)) struct fen_svc_ret
fen_svc(uint32_t num, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    register uint32_t r0 __asm__("r0") = a0;
    register uint32_t r1 __asm__("r1") = a1;
    register uint32_t r2 __asm__("r2") = a2;
    register uint32_t r3 __asm__("r3") = a3;

    __asm__ volatile("mov r12, %[num]\n\tsvc #" FEN_SVC_STR(FEN_SVC_IMM)
                     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
                     : [num] "i"(num)
                     : "r12", "memory");
    return (struct fen_svc_ret){ r0, r1 };
}

/* A call returning a 32-bit value or -enum fen_rc. */
static inline __attribute__((always_inline)) int32_t
fen_svc32(uint32_t num, uint32_t a0, uint32_t a1)
{
    return (int32_t)fen_svc(num, a0, a1, 0, 0).r0;
}

/* A call taking one 64-bit argument in r0 (low) : r1 (high). */
static inline __attribute__((always_inline)) int32_t
fen_svc_arg64(uint32_t num, uint64_t arg)
{
    return fen_svc32(num, (uint32_t)arg, (uint32_t)(arg >> 32));
}

/* A blocking call: two arguments, then a 64-bit timeout in r2 (low) : r3. */
static inline __attribute__((always_inline)) int32_t
fen_svc_timeout(uint32_t num, uint32_t a0, uint32_t a1, uint64_t timeout)
{
    return (int32_t)fen_svc(num, a0, a1, (uint32_t)timeout, (uint32_t)(timeout >> 32)).r0;
}

/* A call returning a 64-bit value in r0 (low) : r1 (high). */
static inline __attribute__((always_inline)) uint64_t
fen_svc_ret64(uint32_t num)
{
    struct fen_svc_ret r = fen_svc(num, 0, 0, 0, 0);
    return ((uint64_t)r.r1 << 32) | r.r0;
}

#endif
