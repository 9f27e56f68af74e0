/*
 * svc_scan.h - the system calls a partition's code can make, read from its
 * ELF file (docs/config.md, "Calls compiled in").
 *
 * The runtime makes every call as `mov r12, #<number>` directly followed
 * by `svc #0`, both from one asm statement (user/svc.h), so the number of
 * each call stands in the instruction before its svc.  The kernel takes
 * any svc as a call with the number r12 holds, whatever its immediate; so
 * one svc in the code that is not that pair (hand-written assembly, a
 * number in a register, a conditional mov, another immediate) leaves the
 * number open, and the answer is every call.
 */
#ifndef FENESTRA_SVC_SCAN_H
#define FENESTRA_SVC_SCAN_H

#include <stdbool.h>
#include <stdint.h>

struct svc_calls {
    uint64_t mask;       /* bit n: the code makes call n */
    bool all;            /* an svc whose number the code does not say */
    uint64_t at;         /* then: its address */
    char section[64];    /* its section */
    const char *why;     /* and why its number is open (a static string) */
};

/* Reads the ELF file PATH into OUT; false, with ERR naming PATH and what
 * went wrong, when it cannot be read. */
bool svc_scan_file(const char *path, struct svc_calls *out, char *err, unsigned errlen);

#endif
