/*
 * test_fp_scan.c - the simulator's refusal of FP partitions (sim/fp_scan.c):
 * the Thumb-2 scan on hand-assembled halfwords (FP instructions of
 * coprocessors 10 and 11 found, other instructions and data not, ranges
 * cut short, marks out of order or past the end), and the ELF walk on a
 * hand-built ELF image in memory (mapping symbols, non-code sections, the
 * error message).  Buffers are allocated to their exact size, so that ASan
 * catches a read past the end.
 */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fp_scan.h"

/* Halfwords (little-endian) into a buffer of exactly their size. */
static uint8_t *code_of(const uint16_t *hw, size_t n)
{
    uint8_t *b = malloc(n * 2);
    for (size_t i = 0; i < n; i++) {
        b[2 * i] = (uint8_t)hw[i];
        b[2 * i + 1] = (uint8_t)(hw[i] >> 8);
    }
    return b;
}

static bool find(const uint16_t *hw, size_t n, struct thumb_mark *marks, size_t nmarks,
                 struct sim_fp_hit *hit)
{
    uint8_t *b = code_of(hw, n);
    bool found = sim_fp_find(b, n * 2, marks, nmarks, hit);
    free(b);
    return found;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* movs r0, #1; vadd.f32 s0, s0, s1; bx lr */
static void finds_a_coprocessor_10_instruction(void **state)
{
    (void)state;
    const uint16_t hw[] = {0x2001, 0xee30, 0x0a20, 0x4770};
    struct sim_fp_hit hit;
    assert_true(find(hw, N(hw), NULL, 0, &hit));
    assert_int_equal(hit.offset, 2);
    assert_int_equal(hit.hw1, 0xee30);
    assert_int_equal(hit.hw2, 0x0a20);
}

/* bl; vldr d0, [pc, #8] (coprocessor 11) */
static void finds_a_coprocessor_11_instruction(void **state)
{
    (void)state;
    const uint16_t hw[] = {0xf000, 0xf800, 0xed9f, 0x0b02};
    struct sim_fp_hit hit;
    assert_true(find(hw, N(hw), NULL, 0, &hit));
    assert_int_equal(hit.offset, 4);
    assert_int_equal(hit.hw2 >> 8 & 0xf, 11);
}

/* 16-bit code, bl, ldr.w, an MRC of coprocessor 15, a 32-bit instruction
 * outside the coprocessor space whose second halfword reads like one of
 * coprocessor 10: no FP. */
static void passes_integer_code(void **state)
{
    (void)state;
    const uint16_t hw[] = {0xb510, 0xf000, 0xf800, 0xf8d1, 0x0004,
                           0xee10, 0x0f10, 0xf240, 0x0a20, 0xbd10};
    struct sim_fp_hit hit;
    assert_false(find(hw, N(hw), NULL, 0, &hit));
}

/* ldr.w lr, [r1, #0xe30] is f8d1 ee30: a scan out of step would read its
 * second halfword and the next (0a20, a 16-bit lsrs) as a vadd. */
static void steps_over_the_second_halfword(void **state)
{
    (void)state;
    const uint16_t hw[] = {0xf8d1, 0xee30, 0x0a20, 0x4770};
    struct sim_fp_hit hit;
    assert_false(find(hw, N(hw), NULL, 0, &hit));
}

/* An FP first halfword as the last one: cut, not an instruction; an odd
 * byte at the end is never read as a halfword. */
static void a_cut_instruction_is_not_read_past_the_end(void **state)
{
    (void)state;
    const uint16_t hw[] = {0x2001, 0xee30};
    struct sim_fp_hit hit;
    assert_false(find(hw, N(hw), NULL, 0, &hit));
    uint8_t *b = malloc(5);
    memcpy(b, (const uint8_t[]){0x01, 0x20, 0x30, 0xee, 0x20}, 5);
    assert_false(sim_fp_find(b, 5, NULL, 0, &hit));
    free(b);
}

/* A literal pool ($d) holding FP-looking words is skipped; the same words
 * under $t are code.  Marks arrive out of order. */
static void data_between_mapping_symbols_is_skipped(void **state)
{
    (void)state;
    const uint16_t hw[] = {0x4801, 0x4770, 0xee30, 0x0a20, 0x2001, 0x4770};
    struct thumb_mark data[] = {{8, true}, {4, false}, {0, true}};
    struct sim_fp_hit hit;
    assert_false(find(hw, N(hw), data, N(data), &hit));
    struct thumb_mark code[] = {{8, true}, {4, true}, {0, true}};
    assert_true(find(hw, N(hw), code, N(code), &hit));
    assert_int_equal(hit.offset, 4);
}

/* A range ends at the next mark: an instruction it cuts is not one. */
static void a_range_ends_at_the_next_mark(void **state)
{
    (void)state;
    const uint16_t hw[] = {0x2001, 0xee30, 0x0a20, 0x0000};
    struct thumb_mark marks[] = {{0, true}, {4, false}};
    struct sim_fp_hit hit;
    assert_false(find(hw, N(hw), marks, N(marks), &hit));
}

/* Code before the first mark is scanned; marks past the end are clipped. */
static void before_the_first_mark_and_past_the_end(void **state)
{
    (void)state;
    const uint16_t hw[] = {0xee30, 0x0a20, 0x2001, 0x4770};
    struct thumb_mark late[] = {{4, false}};
    struct sim_fp_hit hit;
    assert_true(find(hw, N(hw), late, N(late), &hit));
    assert_int_equal(hit.offset, 0);
    const uint16_t tail[] = {0x2001, 0x4770, 0xee30, 0x0a20};
    struct thumb_mark beyond[] = {{0, true}, {100, false}, {1000, true}};
    assert_true(find(tail, N(tail), beyond, N(beyond), &hit));
    assert_int_equal(hit.offset, 4);
}

/* --- the ELF walk, on an image built here --------------------------------- */

/* .text (code, at 0x00100000, with mapping symbols $t.0 at 0 and $d.1 at
 * DATA_AT), .rodata (not code) holding the same bytes, .symtab, .strtab,
 * .shstrtab. */
struct image {
    uint8_t *bytes;
    size_t size;
};

static const char shstr[] = "\0.text\0.rodata\0.symtab\0.strtab\0.shstrtab";
static const char str[] = "\0$t.0\0$d.1\0main";

static uint32_t put(uint8_t *img, uint32_t at, const void *p, size_t n)
{
    memcpy(img + at, p, n);
    return (uint32_t)((at + n + 3) & ~3u);
}

static struct image build_elf(const uint16_t *hw, size_t n, uint32_t data_at)
{
    static uint8_t img[1024];
    memset(img, 0, sizeof img);
    uint32_t text = sizeof(Elf32_Ehdr), len = (uint32_t)n * 2;
    uint8_t *code = code_of(hw, n);
    uint32_t rodata = put(img, text, code, len);
    uint32_t strtab = put(img, rodata, code, len);
    free(code);
    uint32_t shstrtab = put(img, strtab, str, sizeof str);
    uint32_t symtab = put(img, shstrtab, shstr, sizeof shstr);
    const Elf32_Sym syms[] = {
        {0},
        {.st_name = 1, .st_value = 0x00100000, .st_shndx = 1},
        {.st_name = 6, .st_value = 0x00100000 + data_at, .st_shndx = 1},
        {.st_name = 11, .st_value = 0x00100001, .st_shndx = 1,
         .st_info = ELF32_ST_INFO(STB_GLOBAL, STT_FUNC)},
    };
    uint32_t shoff = put(img, symtab, syms, sizeof syms);
    const Elf32_Shdr sh[] = {
        {0},
        {.sh_name = 1, .sh_type = SHT_PROGBITS, .sh_flags = SHF_ALLOC | SHF_EXECINSTR,
         .sh_addr = 0x00100000, .sh_offset = text, .sh_size = len, .sh_addralign = 4},
        {.sh_name = 7, .sh_type = SHT_PROGBITS, .sh_flags = SHF_ALLOC,
         .sh_addr = 0x00101000, .sh_offset = rodata, .sh_size = len, .sh_addralign = 4},
        {.sh_name = 15, .sh_type = SHT_SYMTAB, .sh_offset = symtab, .sh_size = sizeof syms,
         .sh_link = 4, .sh_info = 3, .sh_addralign = 4, .sh_entsize = sizeof(Elf32_Sym)},
        {.sh_name = 23, .sh_type = SHT_STRTAB, .sh_offset = strtab, .sh_size = sizeof str,
         .sh_addralign = 1},
        {.sh_name = 31, .sh_type = SHT_STRTAB, .sh_offset = shstrtab, .sh_size = sizeof shstr,
         .sh_addralign = 1},
    };
    uint32_t end = put(img, shoff, sh, sizeof sh);
    Elf32_Ehdr eh = {.e_type = ET_EXEC, .e_machine = EM_ARM, .e_version = EV_CURRENT,
                     .e_entry = 0x00100001, .e_shoff = shoff, .e_ehsize = sizeof eh,
                     .e_shentsize = sizeof(Elf32_Shdr), .e_shnum = N(sh), .e_shstrndx = 5};
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS32;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    memcpy(img, &eh, sizeof eh);
    assert_true(end <= sizeof img);
    return (struct image){img, end};
}

static bool check(struct image im, char *err, unsigned errlen)
{
    assert_int_not_equal(elf_version(EV_CURRENT), EV_NONE);
    Elf *e = elf_memory((char *)im.bytes, im.size);
    assert_non_null(e);
    bool ok = sim_fp_check(e, "alpha", "dir/alpha.elf", err, errlen);
    elf_end(e);
    return ok;
}

/* The FP instruction in .text: refused, with partition, file, instruction
 * and address named. */
static void an_elf_with_fp_code_is_refused(void **state)
{
    (void)state;
    const uint16_t hw[] = {0x2001, 0x4770, 0xee30, 0x0a20};
    char err[512] = "";
    assert_false(check(build_elf(hw, N(hw), 8), err, sizeof err));
    assert_non_null(strstr(err, "partition alpha (dir/alpha.elf) uses the FPU: instruction "
                                "0xee300a20 (coprocessor 10) at 0x00100004 in .text"));
    assert_non_null(strstr(err, "./fenestra qemu"));
}

/* The same words after $d.1 (a literal pool), and in .rodata: accepted. */
static void fp_looking_data_is_accepted(void **state)
{
    (void)state;
    const uint16_t hw[] = {0x2001, 0x4770, 0xee30, 0x0a20};
    char err[512] = "";
    assert_true(check(build_elf(hw, N(hw), 4), err, sizeof err));
    assert_string_equal(err, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_a_coprocessor_10_instruction),
        cmocka_unit_test(finds_a_coprocessor_11_instruction),
        cmocka_unit_test(passes_integer_code),
        cmocka_unit_test(steps_over_the_second_halfword),
        cmocka_unit_test(a_cut_instruction_is_not_read_past_the_end),
        cmocka_unit_test(data_between_mapping_symbols_is_skipped),
        cmocka_unit_test(a_range_ends_at_the_next_mark),
        cmocka_unit_test(before_the_first_mark_and_past_the_end),
        cmocka_unit_test(an_elf_with_fp_code_is_refused),
        cmocka_unit_test(fp_looking_data_is_accepted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
