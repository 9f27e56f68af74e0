/*
 * libc_hooks.c - the operating-system hooks picolibc calls that are not
 * stdio streams: _exit (from exit, abort, assert, stack-protector failure)
 * and write (dprintf, psignal, ...).  sbrk needs no hook: it takes the
 * heap between __heap_start and __heap_end from partition.ld.
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#include "fenestra.h"
#include "runtime.h"

/* The ABI has no call that stops the whole partition, so exit() and
 * abort() end the calling thread only; the status is not reported. */
void _exit(int status)
{
    (void)status;
    fen_thread_exit();
}

/* Only the console exists: fds 1 and 2 are it, everything else is EBADF. */
ssize_t write(int fd, const void *buf, size_t len)
{
    if (fd != STDOUT_FILENO && fd != STDERR_FILENO) {
        errno = EBADF;
        return -1;
    }
    if (fen_stdio_write(buf, (uint32_t)len) != 0) {
        errno = EIO;
        return -1;
    }
    return (ssize_t)len;
}
