/* compiler.h - the few compiler attributes the kernel uses. */
#ifndef FENESTRA_COMPILER_H
#define FENESTRA_COMPILER_H

/* A small helper with several callers that link-time optimisation would
 * copy into each: one copy and the calls take fewer bytes of firmware
 * (docs/benchmarks.md, "Kernel footprint").  Speed is not at stake; these
 * are a few instructions each. */
#define KERNEL_SHARED __attribute__((noinline))

#endif
