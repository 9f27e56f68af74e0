/*
 * recording.h - the recording file: what `run --record FILE` writes and
 * `replay`, `export` and `stats` read (format: docs/formats.md,
 * "Recordings").
 *
 * A recording is a magic string, then chunks.  Each chunk has a 16-byte
 * header (type, payload length, sequence number, checksum of header
 * fields and payload: XXH3 for DATA, CRC-32 for the rest) and a payload of at most REC_MAX_CHUNK bytes.  The first
 * chunk is HEAD (the run's identity: app, board, clock, hashes of the
 * config and of every partition binary, names for tools); an optional SCEN
 * chunk carries the scenario file the run was fed; DATA chunks carry
 * records (kernel events and external inputs) in the order they happened;
 * the last chunk is END (totals).  A file without END is truncated.
 *
 * The writer streams: records gather in one chunk-sized buffer that is
 * written when full, so a long run does not grow in memory.  The reader
 * streams too, one chunk at a time, and every error names the byte offset
 * of the chunk (or field) that is wrong; it never returns a record from a
 * chunk whose checksum failed.
 *
 * Host code only (the simulator and tools/trace); no Unicorn needed.
 */
#ifndef FENESTRA_SIM_RECORDING_H
#define FENESTRA_SIM_RECORDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "trace.h" /* struct trace_event */

#define REC_FORMAT_VERSION 2
#define REC_MAGIC "FENREC\r\n" /* 8 bytes, no NUL in the file */
#define REC_MAX_CHUNK (1u << 20) /* payload bytes; larger is corruption */
/* The writer's staging buffer: a DATA chunk holds what it staged, encoded.
 * Large, since each hand-over to the flusher thread costs the run about
 * 10 us (bench_ports' recording overhead: 7.8% at 64 KiB, 3.7% here). */
#define REC_DATA_CHUNK (512u << 10)
#define REC_HASH_SIZE 32        /* SHA-256 */
#define REC_MAX_WORDS 8         /* words of one data input (stimulus) */

/* --- the header ------------------------------------------------------- */

struct rec_process {
    char *name;                 /* declared process; its thread's local id is
                                   index + 1 (0 is the partition's main) */
};

struct rec_partition {
    char *name;
    char *elf;                  /* file name of its ELF, e.g. "sensors.elf" */
    uint8_t elf_sha256[REC_HASH_SIZE];
    uint32_t num_processes;
    struct rec_process *processes;
};

struct rec_window {
    uint8_t schedule;           /* index in the config's schedules */
    uint8_t partition;
    uint64_t offset, duration;  /* cycles from the frame's start */
};

struct rec_named {              /* a port ("partition.port") or IRQ line */
    char *name;
    uint32_t index;             /* port index / line number */
};

struct rec_header {
    uint32_t version;           /* REC_FORMAT_VERSION when written */
    uint32_t trace_version;     /* TRACE_FORMAT_VERSION of the events */
    char *app, *board, *cpu;
    uint64_t clock_hz;
    uint32_t kernel_entry_cycles;
    uint64_t limit;             /* the run's requested end cycle */
    uint8_t config_sha256[REC_HASH_SIZE];   /* of the app and board YAML */
    uint8_t sim_sha256[REC_HASH_SIZE];      /* of the simulator executable */
    uint32_t num_partitions;
    struct rec_partition *partitions;
    uint32_t num_schedules;
    uint64_t *major_frames;     /* per schedule */
    uint32_t initial_schedule;
    uint32_t num_windows;       /* of every schedule */
    struct rec_window *windows;
    uint32_t num_ports;
    struct rec_named *ports;
    uint32_t num_irqs;          /* owned lines only */
    struct rec_named *irqs;     /* name: the owning partition */
    char *scenario_name;        /* NULL: the run had no scenario */
    char *scenario_text;        /* its whole text (SCEN chunk) */
    size_t scenario_len;
};

/* Frees what rec_reader_open allocated in h (not h itself). */
void rec_header_free(struct rec_header *h);

/* --- records ------------------------------------------------------------ */

enum rec_kind {
    REC_EVENT = 1,      /* a kernel event, as drained */
    REC_HOST_INPUT = 2, /* a byte read from the host (keyboard) into a UART's
                           ring: the one input replay must feed itself */
    REC_INPUT = 3,      /* any external input as it took effect on a device
                           (scenario or host): replay checks it */
};

/* An external input taking effect (struct sim_input, flattened). */
struct rec_input {
    uint64_t stamp;     /* the cycle it entered with */
    uint64_t cycle;     /* the cycle it took effect */
    uint8_t kind;       /* enum sim_stim_kind */
    uint8_t source;     /* enum sim_input_source */
    uint8_t device;     /* board device index; 0xff: none (irq) */
    uint8_t lost;       /* data: lost to a full FIFO */
    uint32_t file_line; /* its line in the scenario (0: from the host) */
    uint32_t value;
    uint32_t len;       /* data: words (<= REC_MAX_WORDS) */
    uint32_t words[REC_MAX_WORDS];
};

struct rec_host_input {
    uint64_t stamp;     /* the cycle it was read at */
    uint8_t device;     /* board device index of the UART */
    uint8_t byte;
};

struct rec_record {
    enum rec_kind kind;
    uint64_t offset;    /* byte offset of the record in the file */
    union {
        struct trace_event event;
        struct rec_host_input host;
        struct rec_input input;
    };
};

/* Totals written last; their presence proves the file is whole. */
struct rec_end {
    uint64_t cycle;     /* clock at the end of the run */
    uint64_t insns;     /* guest instructions retired */
    uint64_t events, inputs, host_inputs; /* records written of each kind */
    uint8_t halted;     /* 1: the module stopped itself before the limit */
};

/* --- writing ------------------------------------------------------------ */

struct rec_writer {
    FILE *f;
    char *path;
    uint8_t *buf;       /* the DATA chunk being filled, records staged
                           (recording.c, "DATA chunks") */
    uint32_t used;
    uint8_t *frame;     /* a DATA chunk's file form (the flusher's while
                           it runs) */
    uint32_t seq;       /* next chunk's sequence number */
    uint64_t events, inputs, host_inputs;
    bool failed;        /* a write failed: close reports it */
    char error[256];
    uint8_t *spare;     /* the staging buffer the flusher is not using */
    struct rec_flusher *flusher; /* encodes, checksums and writes DATA chunks
                                    on a second thread; NULL: done in line */
};

/* Creates path and writes the magic, HEAD and (when h->scenario_name is
 * set) SCEN.  False with a message naming the path. */
bool rec_writer_open(struct rec_writer *w, const char *path, const struct rec_header *h,
                     char *err, unsigned errlen);
void rec_write_event(struct rec_writer *w, const struct trace_event *ev);
void rec_write_input(struct rec_writer *w, const struct rec_input *in);
void rec_write_host_input(struct rec_writer *w, const struct rec_host_input *in);
/* Flushes the last DATA chunk, writes END and closes.  END's record
 * counts are the writer's own (end->events, inputs and host_inputs are
 * not used): they are what the file holds.  False with a message when any
 * write failed (disk full ...): the file is then not a whole recording,
 * and says so to a reader. */
bool rec_writer_close(struct rec_writer *w, const struct rec_end *end, char *err,
                      unsigned errlen);

/* --- reading ------------------------------------------------------------ */

struct rec_reader {
    FILE *f;
    char *path;
    uint8_t *chunk;     /* the current DATA chunk's payload */
    uint32_t len, pos;  /* its length and the next record's position */
    uint64_t last_cycle; /* of the chunk's last event read (event_codec.h) */
    uint64_t chunk_offset; /* file offset of its header */
    uint32_t cap;       /* bytes allocated at chunk */
    uint64_t next;      /* file offset of the next chunk's header */
    uint32_t seq;       /* sequence number expected next */
    uint64_t events, inputs, host_inputs; /* records read of each kind,
                                             checked against END */
    bool at_end;        /* END was read */
    struct rec_end end;
    char error[512];
};

/* Opens path and reads the magic, HEAD and SCEN into *h (allocated;
 * rec_header_free).  False with "path: offset N: what is wrong" in err:
 * not a recording, a newer format, a bad checksum, a short file. */
bool rec_reader_open(struct rec_reader *r, const char *path, struct rec_header *h,
                     char *err, unsigned errlen);

/* The next record: 1 with *out set; 0 at END (r->end then holds the
 * totals, checked against the records read); -1 on any error, with
 * "path: offset N: ..." in r->error (truncated file, checksum mismatch,
 * chunk out of sequence, unknown record kind, a record running past its
 * chunk, totals that disagree with the records). */
int rec_reader_next(struct rec_reader *r, struct rec_record *out);

void rec_reader_close(struct rec_reader *r);

/* SHA-256 of a file (false when it cannot be read) and of a buffer. */
bool rec_sha256_file(const char *path, uint8_t out[REC_HASH_SIZE]);
void rec_sha256(const void *data, size_t len, uint8_t out[REC_HASH_SIZE]);
/* 64 lowercase hex digits and a NUL. */
void rec_hash_hex(const uint8_t h[REC_HASH_SIZE], char out[2 * REC_HASH_SIZE + 1]);

#endif
