/* Hand-written stand-in for tools/svcscan's output: the kernel unit tests
 * make every call (their fake partitions are not code the build reads). */
#ifndef FENESTRA_CALLS_GEN_H
#define FENESTRA_CALLS_GEN_H
#ifndef CFG_SYSCALLS
#define CFG_SYSCALLS 0xffffffffffffffffULL
#endif
#endif
