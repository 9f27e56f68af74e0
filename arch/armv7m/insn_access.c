/*
 * insn_access.c - whether a faulting Thumb-2 instruction was reading or
 * writing.  The fault status registers say only "data access" (DACCVIOL,
 * PRECISERR); the kernel's fault event, like the simulator's, names the
 * access, so the handler decodes the instruction at the stacked pc.
 *
 * Stores are few and regular (ARMv7-M ARM, A5.2 and A5.3): the 16-bit
 * STR/STRH/STRB forms, PUSH and STM, and in 32-bit load/store encodings a
 * clear L bit (bit 20, bit 4 of the first halfword).  Everything else that
 * touches data reads.
 */
#include "port.h"

#include "kernel.h"

static bool thumb32(uint16_t hw1)
{
    return (hw1 >> 11) >= 0x1d; /* 0b11101, 0b11110, 0b11111 */
}

static bool store16(uint16_t hw)
{
    if ((hw >> 12) == 0x5)                    /* load/store register offset */
        return ((hw >> 9) & 7) <= 2;          /* STR, STRH, STRB */
    if ((hw >> 13) == 0x3 || (hw >> 12) == 0x8 || (hw >> 12) == 0x9)
        return !(hw & (1u << 11));            /* STR/STRB/STRH/STR SP imm */
    if ((hw & 0xfe00) == 0xb400)              /* PUSH */
        return true;
    if ((hw >> 11) == 0x18)                   /* STM */
        return true;
    return false;
}

/* Load/store multiple, dual, exclusive (1110100), single (1111100) and
 * coprocessor (111x110) encodings carry L in bit 4 of hw1. */
static bool store32(uint16_t hw1)
{
    bool ldst = (hw1 >> 9) == 0x74 || (hw1 >> 9) == 0x7c || (hw1 & 0xee00) == 0xec00;
    return ldst && !(hw1 & (1u << 4));
}

uint32_t insn_access(uint32_t pc)
{
    const volatile uint16_t *p = (const volatile uint16_t *)(uintptr_t)(pc & ~1u);
    uint16_t hw1 = p[0];
    bool store = thumb32(hw1) ? store32(hw1) : store16(hw1);
    return store ? KERN_ACCESS_WRITE : KERN_ACCESS_READ;
}
