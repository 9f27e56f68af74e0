/*
 * syscall.h - system-call dispatch.  Each call first decodes: it checks
 * every argument and returns an error code without changing anything; only
 * then does it invoke, which cannot fail.  ABI: kernel/abi.h.
 */
#ifndef FENESTRA_SYSCALL_H
#define FENESTRA_SYSCALL_H

#include "kstate.h"

/* Handles the call that thread t trapped with; the result is in t's
 * context (unless t blocked or exited: then it is set when relevant). */
void syscall_dispatch(struct thread *t);

#endif
