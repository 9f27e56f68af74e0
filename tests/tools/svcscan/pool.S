@ `mov.w r12, #9`, a literal pool, then an svc: the mov is not the
@ instruction before the svc, the pool is (data, which does not run).
@ The pool holds the bytes of the same mov: read whole when stripped.
    .include "start.inc"
    mov.w r12, #2
    svc #0
    b 1f
    mov.w r12, #9
    .p2align 2
    .word 0x0c09f04f
1:
    svc #0
    bx lr
