/*
 * crt0.c - where every partition starts.  The linker script puts
 * .text.crt0 first in the code region, so _start is the code region's base
 * and the ELF entry point (with the Thumb bit).  The kernel starts the
 * initial thread here, unprivileged, with sp at __stack_top (the top of the
 * initial stack, at the base of the data region) and r0 = the mode it
 * starts in (enum fen_mode): COLD_START or WARM_START.
 *
 * _start prepares the C environment, then runs the partition's configured
 * entry function (__part_main, an alias partition.ld's includer defines),
 * then ends the thread.  It does not run destructors or atexit handlers:
 * other threads of the partition may still be running.
 */
#include <picolibc.h> /* before picotls.h, which needs PICOLIBC_TLS */
#include <picotls.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fenestra.h"
#include "runtime.h"

/* From partition.ld. */
extern char __stack_bottom[], __stack_top[];
extern char __data_start[], __data_end[], __data_source[];
extern char __tdata_start[], __tdata_end[], __tdata_source[];
extern char __bss_start[], __bss_end[]; /* .tbss and .bss */
extern char __tls_base[];

/* An empty input section for partition.ld's .stack, which would otherwise
 * (having no input) be marked read-only in the ELF. */
__asm__(".section .stack.crt0,\"aw\",%nobits\n\t.previous");

/* The partition's entry function, `int f(void)`, named in the config. */
extern int __part_main(void);

/* picolibc: runs .preinit_array and .init_array (constructors). */
extern void __libc_init_array(void);

__attribute__((noreturn)) void _start(uint32_t mode);

/* A cold start (power-on, or a restart that asks for it) gives .data and
 * .tdata their initial values from their load images in the code region
 * and zeroes .tbss and .bss; a warm start keeps them as they were. */
__attribute__((section(".text.crt0"), noreturn, used)) void _start(uint32_t mode)
{
    bool cold = mode != FEN_MODE_WARM_START;
    if (cold) {
        memcpy(__data_start, __data_source, (size_t)(__data_end - __data_start));
        memcpy(__tdata_start, __tdata_source, (size_t)(__tdata_end - __tdata_start));
        memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
    }

    /* picolibc keeps errno and friends in TLS.  There is one TLS block per
     * partition, used in place: see README.md. */
    _set_tls(__tls_base);

    fen_stdio_attach((uintptr_t)__stack_bottom, (uintptr_t)__stack_top);
    if (cold)
        __libc_init_array(); /* constructors ran on the data kept */

    (void)__part_main();

    fen_thread_exit(); /* flushes this thread's stdout line */
}
