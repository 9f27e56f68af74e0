/*
 * stdio.c - picolibc tinystdio glue: stdin, stdout and stderr of a
 * partition.  printf/puts/putchar output goes to the partition's console
 * through FEN_SYS_CONSOLE_WRITE, one line per system call.
 *
 * Line buffering, per thread.  Threads of a partition preempt each other by
 * priority, so one shared buffer would lose or interleave characters when a
 * thread is preempted inside printf.  Each thread gets its own line buffer
 * instead, found by its stack: the thread whose stack range holds the
 * current sp owns the buffer.  That lookup costs no system call, and the
 * runtime knows every stack: crt0 attaches the initial thread's, and
 * fen_thread_create() attaches each new thread's.
 *
 * A buffer is written out on '\n', when full, on fflush(stdout), and when
 * its thread ends (return from the entry function, fen_thread_exit, exit,
 * _exit).  Output is never dropped silently: a write the kernel refuses
 * makes the stdio call fail (printf returns a negative value).  A thread
 * without a buffer (more than FEN_STDIO_THREADS threads, or one created
 * without fen_thread_create) still prints, one system call per character.
 *
 * stderr is stdout (picolibc's convention); stdin is always at end of file:
 * the ABI has no console input yet.
 */
#include <stdint.h>
#include <stdio.h>

#include "fenestra.h"
#include "runtime.h"

#ifndef FEN_STDIO_THREADS
#define FEN_STDIO_THREADS 8 /* threads with a line buffer of their own */
#endif
#ifndef FEN_STDIO_LINE
#define FEN_STDIO_LINE 128 /* bytes per line buffer */
#endif
/* A console that keeps accepting 0 bytes is given this many yields. */
#define FEN_STDIO_STALLS 64

enum line_state { LINE_FREE, LINE_CLAIMED, LINE_ACTIVE };

struct line {
    uint32_t state;    /* enum line_state, accessed atomically */
    uintptr_t lo, hi;  /* the owner's stack; it owns sp in (lo, hi] */
    uint32_t len;
    char buf[FEN_STDIO_LINE];
};

static struct line lines[FEN_STDIO_THREADS];
static uint32_t last_found; /* a hint only: checked before use */

/* ---- console output ---------------------------------------------------- */

/* Writes all of buf, resuming after partial writes.  0 on success, -1 if
 * the kernel refuses (negative result) or stalls. */
static int console_write_all(const char *buf, uint32_t len)
{
    unsigned stalls = 0;

    while (len > 0) {
        int32_t n = fen_console_write(buf, len);
        if (n < 0)
            return -1;
        if (n == 0) {
            if (++stalls > FEN_STDIO_STALLS)
                return -1;
            fen_yield();
            continue;
        }
        if ((uint32_t)n > len)
            n = (int32_t)len;
        buf += n;
        len -= (uint32_t)n;
    }
    return 0;
}

static int line_flush(struct line *l)
{
    uint32_t len = l->len;

    l->len = 0;
    return len ? console_write_all(l->buf, len) : 0;
}

/* ---- which thread is this? --------------------------------------------- */

static uintptr_t current_sp(void)
{
    uintptr_t sp;

    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

/* Stacks are full-descending: the owner's sp is in (lo, hi]. */
static int line_owns(const struct line *l, uintptr_t sp)
{
    return __atomic_load_n(&l->state, __ATOMIC_ACQUIRE) == LINE_ACTIVE &&
           sp > l->lo && sp <= l->hi;
}

static struct line *line_of_caller(void)
{
    uintptr_t sp = current_sp();
    uint32_t hint = __atomic_load_n(&last_found, __ATOMIC_RELAXED);

    if (hint < FEN_STDIO_THREADS && line_owns(&lines[hint], sp))
        return &lines[hint];
    for (uint32_t i = 0; i < FEN_STDIO_THREADS; i++) {
        if (line_owns(&lines[i], sp)) {
            __atomic_store_n(&last_found, i, __ATOMIC_RELAXED);
            return &lines[i];
        }
    }
    return NULL;
}

/* Live threads have disjoint stacks, so a buffer still attached over any
 * part of [lo, hi) belongs to a thread that ended without detaching
 * (stopped or restarted by the kernel): write out what it left, free it. */
static void release_overlapping(uintptr_t lo, uintptr_t hi)
{
    for (uint32_t i = 0; i < FEN_STDIO_THREADS; i++) {
        struct line *l = &lines[i];
        if (__atomic_load_n(&l->state, __ATOMIC_ACQUIRE) != LINE_ACTIVE)
            continue;
        if (l->lo < hi && lo < l->hi) {
            (void)line_flush(l);
            __atomic_store_n(&l->state, LINE_FREE, __ATOMIC_RELEASE);
        }
    }
}

void fen_stdio_attach(uintptr_t lo, uintptr_t hi)
{
    release_overlapping(lo, hi);
    for (uint32_t i = 0; i < FEN_STDIO_THREADS; i++) {
        struct line *l = &lines[i];
        uint32_t expected = LINE_FREE;
        if (!__atomic_compare_exchange_n(&l->state, &expected, LINE_CLAIMED, 0,
                                         __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            continue;
        l->lo = lo;
        l->hi = hi;
        l->len = 0;
        __atomic_store_n(&l->state, LINE_ACTIVE, __ATOMIC_RELEASE);
        return;
    }
    /* No buffer left: this thread's output goes out unbuffered. */
}

void fen_stdio_detach_self(void)
{
    struct line *l = line_of_caller();

    if (l) {
        (void)line_flush(l);
        __atomic_store_n(&l->state, LINE_FREE, __ATOMIC_RELEASE);
    }
}

/* ---- the streams ---------------------------------------------------------- */

static int stdout_put(char c, FILE *f)
{
    struct line *l = line_of_caller();
    int ok;

    (void)f;
    if (!l) {
        ok = console_write_all(&c, 1) == 0;
    } else {
        l->buf[l->len++] = c;
        ok = (c != '\n' && l->len < sizeof l->buf) || line_flush(l) == 0;
    }
    return ok ? (unsigned char)c : EOF;
}

static int stdout_flush(FILE *f)
{
    struct line *l = line_of_caller();

    (void)f;
    return (l && line_flush(l) != 0) ? EOF : 0;
}

static int stdin_get(FILE *f)
{
    (void)f;
    return _FDEV_EOF;
}

static FILE fen_stdout = FDEV_SETUP_STREAM(stdout_put, NULL, stdout_flush, _FDEV_SETUP_WRITE);
static FILE fen_stdin = FDEV_SETUP_STREAM(NULL, stdin_get, NULL, _FDEV_SETUP_READ);

FILE *const stdin = &fen_stdin;
FILE *const stdout = &fen_stdout;
FILE *const stderr = &fen_stdout;

/* ---- for libc_hooks.c ------------------------------------------------------ */

/* write(1 or 2, ...): keeps order with this thread's pending printf text. */
int fen_stdio_write(const char *buf, uint32_t len)
{
    struct line *l = line_of_caller();

    if (l && line_flush(l) != 0)
        return -1;
    return console_write_all(buf, len);
}
