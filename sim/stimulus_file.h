/*
 * stimulus_file.h - scenario (stimulus) files: timestamped external inputs
 * for the simulated board, one per line (format: docs/devices.md).
 *
 *   # time    kind    device   arguments
 *   1ms       data    stim0    0x10 0x20 7
 *   2.5ms     uart    uart1    "hello\n" 0x0d
 *   3ms       irq     30
 *   4ms       buttons fpgaio   0b01
 *
 * The whole file is parsed and checked at start (every error names
 * file:line:column and what is wrong); devices are then fed lazily through
 * cursors, one per target, so the devices' own state stays bounded.
 * Times are cycles of the board clock, converted exactly from ns/us/ms/s.
 */
#ifndef FENESTRA_SIM_STIMULUS_FILE_H
#define FENESTRA_SIM_STIMULUS_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"

enum sim_stim_kind {
    SIM_STIM_DATA,    /* a record for a stimulus device */
    SIM_STIM_UART,    /* bytes for a UART's receiver */
    SIM_STIM_IRQ,     /* a pulse on an NVIC line */
    SIM_STIM_BUTTONS, /* the FPGA I/O block's push buttons */
    SIM_STIM_KINDS
};
extern const char *const sim_stim_kind_names[SIM_STIM_KINDS];

#define SIM_STIM_TARGET_NVIC 255u /* the target of irq records */
#define SIM_STIM_TARGETS 256u     /* board device indexes, then the NVIC */
#define SIM_STIM_NONE UINT32_MAX
#define SIM_STIM_MAX_WORDS 8u

struct sim_stim_record {
    uint64_t cycle;   /* when it enters the board */
    uint32_t line;    /* its line in the file */
    uint8_t kind;     /* enum sim_stim_kind */
    uint8_t target;   /* board device index; irq: SIM_STIM_TARGET_NVIC */
    uint32_t len;     /* data: words; uart: bytes */
    uint32_t value;   /* irq: the line; buttons: their state */
    uint32_t payload; /* data: first word in words[]; uart: first byte in bytes[] */
    uint32_t next;    /* the next record for the same target, or SIM_STIM_NONE */
};

struct sim_stimulus_file {
    struct sim_stim_record *recs;
    uint32_t num, cap;
    uint32_t *words;
    uint32_t num_words, cap_words;
    uint8_t *bytes;
    uint32_t num_bytes, cap_bytes;
    uint32_t first[SIM_STIM_TARGETS]; /* first record per target */
};

/* Reads and checks a scenario file for board b; false with a message
 * ("file:line:column: ...") in err.  f is empty on failure. */
bool sim_stimulus_file_load(struct sim_stimulus_file *f, const char *path,
                            const struct cfg_board *b, char *err, unsigned errlen);

/* The same from text in memory; `name` stands for the file in messages. */
bool sim_stimulus_file_parse(struct sim_stimulus_file *f, const char *name,
                             const char *text, size_t len, const struct cfg_board *b,
                             char *err, unsigned errlen);

void sim_stimulus_file_free(struct sim_stimulus_file *f);

static inline const uint32_t *sim_stim_words(const struct sim_stimulus_file *f,
                                             const struct sim_stim_record *r)
{
    return f->words + r->payload;
}

static inline const uint8_t *sim_stim_bytes(const struct sim_stimulus_file *f,
                                            const struct sim_stim_record *r)
{
    return f->bytes + r->payload;
}

/* A reader of one target's records in file order (and, for UART records,
 * of their bytes one at a time).  A cursor on no file (f NULL) is empty. */
struct sim_stim_cursor {
    const struct sim_stimulus_file *f;
    uint32_t rec;  /* the current record, or SIM_STIM_NONE */
    uint32_t byte; /* UART records: the next byte in it */
};

void sim_stim_cursor_init(struct sim_stim_cursor *c, const struct sim_stimulus_file *f,
                          unsigned target);
const struct sim_stim_record *sim_stim_cursor_peek(const struct sim_stim_cursor *c);
void sim_stim_cursor_next(struct sim_stim_cursor *c);
bool sim_stim_cursor_peek_byte(const struct sim_stim_cursor *c, uint64_t *stamp,
                               uint8_t *byte);
void sim_stim_cursor_take_byte(struct sim_stim_cursor *c);

/* NVIC lines of a board (boards older than the field: the M3's 32). */
static inline unsigned sim_board_irq_lines(const struct cfg_board *b)
{
    return b->irq_lines ? b->irq_lines : 32;
}

#endif
