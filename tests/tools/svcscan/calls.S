@ Calls 5 and 40 made the runtime's way (mov.w and movw before svc #0),
@ then a literal pool whose words look like svc instructions.
    .include "start.inc"
    mov.w r12, #5
    svc #0
    movw r12, #40
    svc #0
    bx lr
    .p2align 2
    .word 0xdf00df00
