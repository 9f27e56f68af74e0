/* icount.c - instruction counts of translated blocks (see icount.h). */
#include "icount.h"


uint32_t icount_decode(const uint8_t *code, uint32_t size)
{
    uint32_t n = 0;
    for (uint32_t off = 0; off < size; n++) {
        uint16_t hw = (uint16_t)(code[off] | code[off + 1] << 8);
        off += thumb_insn_len(hw);
    }
    return n;
}

bool icount_has_it(const uint8_t *code, uint64_t k)
{
    uint32_t off = 0;
    for (; k > 0; k--) {
        uint16_t hw = (uint16_t)(code[off] | code[off + 1] << 8);
        if ((hw & 0xff00) == 0xbf00 && (hw & 0x000f) != 0) /* IT; 0 mask: hints */
            return true;
        off += thumb_insn_len(hw);
    }
    return false;
}

uint32_t icount_advance(const uint8_t *code, uint64_t k)
{
    uint32_t off = 0;
    for (; k > 0; k--)
        off += thumb_insn_len((uint16_t)(code[off] | code[off + 1] << 8));
    return off;
}

uint32_t icount_fill(struct icount_slot *s, uint32_t addr, const uint8_t *code,
                     uint32_t size)
{
    s->addr = addr;
    s->size = (uint16_t)size;
    s->count = (uint16_t)icount_decode(code, size);
    return s->count;
}
