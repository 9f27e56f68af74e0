/*
 * test_recording.c - the recording file (sim/replay/recording.c).
 *
 * Round trips of a full header and of thousands of records over several
 * DATA chunks, then every error a reader gives, each on a file damaged at
 * a known offset.  The tests find chunks by walking the file themselves
 * and decode events themselves (layout from docs/formats.md, not from the
 * code), and forge chunks with the checksums (XXH3 for DATA, zlib's crc32
 * for the rest) where a damage must pass the checksum to reach the check
 * behind it.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <xxhash.h>
#include <zlib.h>

#include "recording.h"

/* --- files --------------------------------------------------------------- */

static char dir[64];
static char path[128];
static char err[512];

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/test_recording.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/run.rec", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    return rmdir(dir);
}

struct bytes {
    uint8_t *p;
    size_t len;
};

static struct bytes slurp(void)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    struct bytes b = {0};
    fseek(f, 0, SEEK_END);
    b.len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    b.p = malloc(b.len + 1);
    assert_non_null(b.p);
    assert_int_equal(fread(b.p, 1, b.len, f), b.len);
    fclose(f);
    return b;
}

static void spill(const uint8_t *p, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static void wr32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void wr64(uint8_t *p, uint64_t v)
{
    wr32(p, (uint32_t)v);
    wr32(p + 4, (uint32_t)(v >> 32));
}

/* --- chunks, walked and forged independently of the code -------------------- */

#define MAX_CHUNKS 64

struct chunk {
    size_t off; /* of its 16-byte header */
    char type[5];
    uint32_t len;
};

struct layout {
    struct chunk c[MAX_CHUNKS];
    int n;
};

/* Chunk headers from offset 8: type, length, sequence, CRC. */
static struct layout walk(const struct bytes *b)
{
    struct layout l = {0};
    size_t off = 8;
    while (off + 16 <= b->len && l.n < MAX_CHUNKS) {
        struct chunk *c = &l.c[l.n++];
        c->off = off;
        memcpy(c->type, b->p + off, 4);
        c->len = rd32(b->p + off + 4);
        off += 16 + c->len;
    }
    assert_int_equal(off, b->len);
    return l;
}

/* The checksum of the chunk at off, after its bytes were edited: DATA's
 * the low half of XXH3-64 seeded with header bytes 0-7 (as a u64) XOR
 * bytes 8-11, the others' CRC-32 of header bytes 0-11 and the payload. */
static void recrc(uint8_t *file, size_t off)
{
    uint32_t len = rd32(file + off + 4);
    uint32_t sum;
    if (memcmp(file + off, "DATA", 4) == 0) {
        uint64_t seed = (rd32(file + off) | (uint64_t)len << 32) ^ rd32(file + off + 8);
        sum = (uint32_t)XXH3_64bits_withSeed(file + off + 16, len, seed);
    } else {
        uLong crc = crc32(0, file + off, 12);
        sum = (uint32_t)crc32(crc, file + off + 16, len);
    }
    wr32(file + off + 12, sum);
}

/* Appends a chunk to a file image being forged. */
static size_t forge(uint8_t *file, size_t at, const char *type, uint32_t seq,
                    const void *payload, uint32_t len)
{
    memcpy(file + at, type, 4);
    wr32(file + at + 4, len);
    wr32(file + at + 8, seq);
    memcpy(file + at + 16, payload, len);
    recrc(file, at);
    return at + 16 + len;
}

/* --- DATA records, decoded independently of the code --------------------- */

/* Event record widths by two-bit code: the cycle's, an argument's. */
static const unsigned cycle_w[4] = {1, 2, 4, 8};
static const unsigned arg_w[4] = {0, 1, 2, 4};

static uint64_t rdn(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* A zigzag number of width code c (of widths w) at *q, which it passes;
 * the code must be the narrowest that holds it (docs/formats.md). */
static uint64_t unzig(const uint8_t **q, unsigned c, const unsigned w[4])
{
    uint64_t z = rdn(*q, w[c]);
    *q += w[c];
    if (c > 0)
        assert_true(z >> (8 * w[c - 1]) != 0);
    return (z >> 1) ^ (0 - (z & 1));
}

/* One DATA payload: its events into ev[*nev...] (up to max), *nev
 * advanced; returns the bytes its records took in the writer's staging
 * buffer (an event staged as its kind byte and the struct, an input as
 * in the file), to tell a full chunk. */
static size_t data_walk(const uint8_t *p, uint32_t len, struct trace_event *ev, size_t max,
                        size_t *nev)
{
    size_t staged = 0;
    uint64_t prev = 0; /* cycles restart from 0 in each chunk */
    for (uint32_t at = 0; at < len;) {
        const uint8_t *r = p + at;
        uint32_t size;
        if (r[0] == REC_EVENT) {
            assert_true(len - at >= 2);
            uint8_t s = r[1];
            size = 6 + cycle_w[s & 3] + arg_w[s >> 2 & 3] + arg_w[s >> 4 & 3] + arg_w[s >> 6];
            assert_true(size <= len - at);
            const uint8_t *q = r + 6;
            struct trace_event e = {.type = r[2], .part = r[3], .thread = r[4], .flags = r[5]};
            e.cycle = prev + unzig(&q, s & 3, cycle_w);
            e.a0 = (uint32_t)unzig(&q, s >> 2 & 3, arg_w);
            e.a1 = (uint32_t)unzig(&q, s >> 4 & 3, arg_w);
            e.a2 = (uint32_t)unzig(&q, s >> 6, arg_w);
            prev = e.cycle;
            if (*nev < max)
                ev[*nev] = e;
            ++*nev;
            staged += 1 + sizeof(struct trace_event);
        } else {
            assert_true(r[0] == REC_HOST_INPUT || r[0] == REC_INPUT);
            size = r[0] == REC_HOST_INPUT ? 11 : 33 + 4 * rd32(r + 29);
            staged += size;
        }
        at += size;
    }
    return staged;
}

/* --- a header with every field --------------------------------------------- */

static char *names[] = {"sensors", "sensors.elf", "fusion", "fusion.elf", "reader",
                        "filter", "logger", "sensors.out", "fusion.in", "sensors"};
static struct rec_process procs_sensors[] = {{"reader"}, {"filter"}};
static struct rec_process procs_fusion[] = {{"logger"}};
static struct rec_partition parts[2];
static uint64_t frames[] = {1000000, 2000000};
static struct rec_window windows[] = {
    {0, 0, 0, 500000}, {0, 1, 500000, 500000}, {1, 1, 0, 2000000}};
static struct rec_named ports[] = {{"sensors.out", 0}, {"fusion.in", 1}};
static struct rec_named irqs[] = {{"sensors", 17}};
static char scenario[] = "# scenario\n@1000 uart 0 \"hi\"\n@2000 irq 17\n";

static struct rec_header full_header(bool with_scenario)
{
    parts[0] = (struct rec_partition){.name = names[0], .elf = names[1],
                                      .num_processes = 2, .processes = procs_sensors};
    parts[1] = (struct rec_partition){.name = names[2], .elf = names[3],
                                      .num_processes = 1, .processes = procs_fusion};
    for (int i = 0; i < REC_HASH_SIZE; i++) {
        parts[0].elf_sha256[i] = (uint8_t)(0x10 + i);
        parts[1].elf_sha256[i] = (uint8_t)(0x80 + i);
    }
    struct rec_header h = {
        .version = REC_FORMAT_VERSION, .trace_version = TRACE_FORMAT_VERSION,
        .app = "avionics", .board = "mps2-an385", .cpu = "cortex-m3",
        .clock_hz = 25000000, .kernel_entry_cycles = 40, .limit = 0x123456789abull,
        .num_partitions = 2, .partitions = parts,
        .num_schedules = 2, .major_frames = frames, .initial_schedule = 1,
        .num_windows = 3, .windows = windows,
        .num_ports = 2, .ports = ports, .num_irqs = 1, .irqs = irqs,
    };
    for (int i = 0; i < REC_HASH_SIZE; i++) {
        h.config_sha256[i] = (uint8_t)i;
        h.sim_sha256[i] = (uint8_t)(0xff - i);
    }
    if (with_scenario) {
        h.scenario_name = "tests/feed.scn";
        h.scenario_text = scenario;
        h.scenario_len = strlen(scenario);
    }
    return h;
}

static void assert_same_header(const struct rec_header *a, const struct rec_header *b)
{
    assert_int_equal(b->version, REC_FORMAT_VERSION);
    assert_int_equal(a->trace_version, b->trace_version);
    assert_string_equal(a->app, b->app);
    assert_string_equal(a->board, b->board);
    assert_string_equal(a->cpu, b->cpu);
    assert_true(a->clock_hz == b->clock_hz && a->limit == b->limit);
    assert_int_equal(a->kernel_entry_cycles, b->kernel_entry_cycles);
    assert_memory_equal(a->config_sha256, b->config_sha256, REC_HASH_SIZE);
    assert_memory_equal(a->sim_sha256, b->sim_sha256, REC_HASH_SIZE);
    assert_int_equal(a->num_partitions, b->num_partitions);
    for (uint32_t i = 0; i < a->num_partitions; i++) {
        const struct rec_partition *p = &a->partitions[i], *q = &b->partitions[i];
        assert_string_equal(p->name, q->name);
        assert_string_equal(p->elf, q->elf);
        assert_memory_equal(p->elf_sha256, q->elf_sha256, REC_HASH_SIZE);
        assert_int_equal(p->num_processes, q->num_processes);
        for (uint32_t j = 0; j < p->num_processes; j++)
            assert_string_equal(p->processes[j].name, q->processes[j].name);
    }
    assert_int_equal(a->num_schedules, b->num_schedules);
    assert_memory_equal(a->major_frames, b->major_frames, a->num_schedules * 8);
    assert_int_equal(a->initial_schedule, b->initial_schedule);
    assert_int_equal(a->num_windows, b->num_windows);
    for (uint32_t i = 0; i < a->num_windows; i++) {
        assert_int_equal(a->windows[i].schedule, b->windows[i].schedule);
        assert_int_equal(a->windows[i].partition, b->windows[i].partition);
        assert_true(a->windows[i].offset == b->windows[i].offset);
        assert_true(a->windows[i].duration == b->windows[i].duration);
    }
    assert_int_equal(a->num_ports, b->num_ports);
    for (uint32_t i = 0; i < a->num_ports; i++) {
        assert_string_equal(a->ports[i].name, b->ports[i].name);
        assert_int_equal(a->ports[i].index, b->ports[i].index);
    }
    assert_int_equal(a->num_irqs, b->num_irqs);
    for (uint32_t i = 0; i < a->num_irqs; i++) {
        assert_string_equal(a->irqs[i].name, b->irqs[i].name);
        assert_int_equal(a->irqs[i].index, b->irqs[i].index);
    }
    if (!a->scenario_name) {
        assert_null(b->scenario_name);
        return;
    }
    assert_string_equal(a->scenario_name, b->scenario_name);
    assert_int_equal(a->scenario_len, b->scenario_len);
    assert_memory_equal(a->scenario_text, b->scenario_text, a->scenario_len);
}

/* --- records: a deterministic mix ------------------------------------------- */

static uint32_t rng = 12345;

static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void make_record(int i, struct rec_record *r)
{
    memset(r, 0, sizeof *r);
    uint32_t x = next_rand();
    uint64_t cycle = (uint64_t)i * 1000 + (x & 0xff) + ((uint64_t)(i & 3) << 40);
    switch (x % 3) {
    case 0:
        r->kind = REC_EVENT;
        r->event = (struct trace_event){
            .cycle = cycle, .type = (uint8_t)(1 + x % 24), .part = (uint8_t)(x >> 8),
            .thread = (uint8_t)(x >> 16), .flags = (uint8_t)(x >> 24), .a0 = next_rand(),
            .a1 = next_rand(), .a2 = next_rand()};
        break;
    case 1:
        r->kind = REC_HOST_INPUT;
        r->host = (struct rec_host_input){.stamp = cycle, .device = (uint8_t)(x >> 8),
                                          .byte = (uint8_t)(x >> 16)};
        break;
    default:
        r->kind = REC_INPUT;
        r->input = (struct rec_input){
            .stamp = cycle, .cycle = cycle + 7, .kind = (uint8_t)(x >> 4 & 3),
            .source = (uint8_t)(x >> 6 & 1), .device = (uint8_t)(x >> 8),
            .lost = (uint8_t)(x >> 16 & 1), .file_line = x >> 12, .value = next_rand(),
            .len = (x >> 20) % (REC_MAX_WORDS + 1)};
        for (uint32_t w = 0; w < r->input.len; w++)
            r->input.words[w] = next_rand();
        break;
    }
}

static void write_record(struct rec_writer *w, const struct rec_record *r)
{
    if (r->kind == REC_EVENT)
        rec_write_event(w, &r->event);
    else if (r->kind == REC_HOST_INPUT)
        rec_write_host_input(w, &r->host);
    else
        rec_write_input(w, &r->input);
}

static void assert_same_record(const struct rec_record *a, const struct rec_record *b)
{
    assert_int_equal(a->kind, b->kind);
    if (a->kind == REC_EVENT) {
        assert_true(a->event.cycle == b->event.cycle);
        assert_int_equal(a->event.type, b->event.type);
        assert_int_equal(a->event.part, b->event.part);
        assert_int_equal(a->event.thread, b->event.thread);
        assert_int_equal(a->event.flags, b->event.flags);
        assert_int_equal(a->event.a0, b->event.a0);
        assert_int_equal(a->event.a1, b->event.a1);
        assert_int_equal(a->event.a2, b->event.a2);
    } else if (a->kind == REC_HOST_INPUT) {
        assert_true(a->host.stamp == b->host.stamp);
        assert_int_equal(a->host.device, b->host.device);
        assert_int_equal(a->host.byte, b->host.byte);
    } else {
        const struct rec_input *p = &a->input, *q = &b->input;
        assert_true(p->stamp == q->stamp && p->cycle == q->cycle);
        assert_int_equal(p->kind, q->kind);
        assert_int_equal(p->source, q->source);
        assert_int_equal(p->device, q->device);
        assert_int_equal(p->lost, q->lost);
        assert_int_equal(p->file_line, q->file_line);
        assert_int_equal(p->value, q->value);
        assert_int_equal(p->len, q->len);
        assert_memory_equal(p->words, q->words, sizeof p->words);
    }
}

/* Enough for four DATA chunks or more, whatever the staging size. */
#define NUM_RECORDS ((int)(12000 * (REC_DATA_CHUNK >> 16)))

static const struct rec_end END_TOTALS = {.cycle = 99000000, .insns = 98000000,
                                          .halted = 1};

/* Writes the full header, n mixed records and END; the counts by kind. */
static void write_file(bool with_scenario, int n, uint64_t counts[4])
{
    struct rec_header h = full_header(with_scenario);
    struct rec_writer w;
    assert_true(rec_writer_open(&w, path, &h, err, sizeof err));
    rng = 12345;
    memset(counts, 0, 4 * sizeof counts[0]);
    for (int i = 0; i < n; i++) {
        struct rec_record r;
        make_record(i, &r);
        write_record(&w, &r);
        counts[r.kind]++;
    }
    if (!rec_writer_close(&w, &END_TOTALS, err, sizeof err))
        fail_msg("%s", err);
}

/* Opens the file, expecting success. */
static void open_ok(struct rec_reader *r, struct rec_header *h)
{
    if (!rec_reader_open(r, path, h, err, sizeof err))
        fail_msg("%s", err);
}

/* Reads to the end; the error text, or "" at a whole END; *n records. */
static const char *read_all(struct rec_reader *r, int *n, uint64_t last_offset_below)
{
    struct rec_record rec;
    int rc;
    *n = 0;
    while ((rc = rec_reader_next(r, &rec)) == 1) {
        assert_true(rec.offset < last_offset_below);
        (*n)++;
    }
    return rc == 0 ? "" : r->error;
}

static void assert_open_fails(const char *expect)
{
    struct rec_reader r;
    struct rec_header h;
    assert_false(rec_reader_open(&r, path, &h, err, sizeof err));
    assert_string_equal(err, expect);
    assert_null(h.app);
}

/* "path: offset N: what". */
static const char *msg(const char *fmt, ...)
{
    static char buf[600];
    int n = snprintf(buf, sizeof buf, "%s: ", path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
    va_end(ap);
    return buf;
}

/* --- round trips ------------------------------------------------------------- */

static void test_header_round_trip(void **state)
{
    (void)state;
    for (int with = 0; with < 2; with++) {
        uint64_t counts[4];
        write_file(with, 0, counts);
        struct rec_header want = full_header(with), got;
        struct rec_reader r;
        open_ok(&r, &got);
        assert_same_header(&want, &got);
        struct rec_record rec;
        assert_int_equal(rec_reader_next(&r, &rec), 0);
        assert_int_equal(rec_reader_next(&r, &rec), 0);
        assert_true(r.end.cycle == END_TOTALS.cycle && r.end.insns == END_TOTALS.insns);
        assert_int_equal(r.end.halted, 1);
        assert_true(r.end.events == 0 && r.end.inputs == 0 && r.end.host_inputs == 0);
        rec_reader_close(&r);
        rec_header_free(&got);

        /* HEAD, SCEN only with a scenario, END. */
        struct bytes b = slurp();
        assert_memory_equal(b.p, "FENREC\r\n", 8);
        struct layout l = walk(&b);
        assert_int_equal(l.n, with ? 3 : 2);
        assert_string_equal(l.c[0].type, "HEAD");
        if (with)
            assert_string_equal(l.c[1].type, "SCEN");
        assert_string_equal(l.c[l.n - 1].type, "END ");
        free(b.p);
    }
}

static void test_records_round_trip(void **state)
{
    (void)state;
    uint64_t counts[4];
    write_file(true, NUM_RECORDS, counts);
    struct bytes b = slurp();
    struct layout l = walk(&b);
    int data = 0;
    for (int i = 0; i < l.n; i++) {
        if (strcmp(l.c[i].type, "DATA") == 0) {
            /* REC_DATA_CHUNK is what the writer stages; the file's chunk
             * is its encoding. */
            size_t nev = 0;
            size_t staged = data_walk(b.p + l.c[i].off + 16, l.c[i].len, NULL, 0, &nev);
            data++;
            assert_true(staged <= REC_DATA_CHUNK);
            if (strcmp(l.c[i + 1].type, "DATA") == 0) /* full, but the last */
                assert_true(staged > REC_DATA_CHUNK - 65);
        }
        assert_int_equal(rd32(b.p + l.c[i].off + 8), i); /* sequence */
    }
    assert_true(data >= 4);
    free(b.p);

    struct rec_header h;
    struct rec_reader r;
    open_ok(&r, &h);
    rng = 12345;
    uint64_t prev = 0;
    struct rec_record want, got;
    for (int i = 0; i < NUM_RECORDS; i++) {
        make_record(i, &want);
        assert_int_equal(rec_reader_next(&r, &got), 1);
        assert_same_record(&want, &got);
        assert_true(got.offset > prev);
        prev = got.offset;
    }
    assert_int_equal(rec_reader_next(&r, &got), 0);
    assert_true(r.end.events == counts[REC_EVENT]);
    assert_true(r.end.inputs == counts[REC_INPUT]);
    assert_true(r.end.host_inputs == counts[REC_HOST_INPUT]);
    assert_true(counts[REC_EVENT] > 3000 && counts[REC_INPUT] > 3000 &&
                counts[REC_HOST_INPUT] > 3000);
    assert_true(r.end.cycle == END_TOTALS.cycle && r.end.insns == END_TOTALS.insns);
    rec_reader_close(&r);
    rec_header_free(&h);
}

/* The first records' bytes are exactly docs/formats.md's event layout
 * (version 2), worked out by hand below. */
static void test_event_encoding(void **state)
{
    (void)state;
    struct rec_header h = full_header(false);
    struct rec_writer w;
    assert_true(rec_writer_open(&w, path, &h, err, sizeof err));
    const uint64_t c1 = 0x0102030405060708ull;
    struct trace_event ev[3] = {
        {.cycle = c1, .type = 0x11, .part = 0x22, .thread = 0x33, .flags = 0x44,
         .a0 = 0xa0a1a2a3, .a1 = 0xb0b1b2b3, .a2 = 0xc0c1c2c3},
        {.cycle = c1 + 300, .type = 5, .part = 1, .thread = 2, .flags = 0, .a0 = 0,
         .a1 = 0xffffffff, .a2 = 0x80},
        {.cycle = c1 + 299, .type = 6, .part = 0xff, .thread = 0xff, .flags = 0x80},
    };
    for (int i = 0; i < 3; i++)
        rec_write_event(&w, &ev[i]);
    struct rec_end end = {0};
    assert_true(rec_writer_close(&w, &end, err, sizeof err));
    struct bytes b = slurp();
    struct layout l = walk(&b);
    assert_string_equal(l.c[1].type, "DATA");
    assert_int_equal(l.c[1].len, 26 + 11 + 7);
    static const uint8_t want[26 + 11 + 7] = {
        /* The chunk's first event: the cycle's difference is to 0.
         * zigzag(0x0102030405060708) = 0x0102030405060708 << 1 (top bit 0)
         *   = 0x020406080a0c0e10: 8 bytes (code 3);
         * zigzag(0xa0a1a2a3) = 0x41434546 ^ 0xffffffff = 0xbebcbab9 (top bit 1),
         * zigzag(0xb0b1b2b3) = 0x61636566 ^ 0xffffffff = 0x9e9c9a99,
         * zigzag(0xc0c1c2c3) = 0x81838586 ^ 0xffffffff = 0x7e7c7a79: 4 bytes
         *   each (code 3); sizes = 3 | 3 << 2 | 3 << 4 | 3 << 6 = 0xff.
         * 1 + 1 + 4 + 8 + 3 * 4 = 26 bytes. */
        0x01, 0xff, 0x11, 0x22, 0x33, 0x44,
        0x10, 0x0e, 0x0c, 0x0a, 0x08, 0x06, 0x04, 0x02,
        0xb9, 0xba, 0xbc, 0xbe, 0x99, 0x9a, 0x9c, 0x9e, 0x79, 0x7a, 0x7c, 0x7e,
        /* 300 cycles later: zigzag(300) = 600 = 0x258, 2 bytes (code 1);
         * a0 = 0: 0 bytes (code 0); a1 = -1: zigzag 1, 1 byte (code 1);
         * a2 = 0x80: zigzag 0x100, 2 bytes (code 2);
         * sizes = 1 | 0 << 2 | 1 << 4 | 2 << 6 = 0x91.  11 bytes. */
        0x01, 0x91, 0x05, 0x01, 0x02, 0x00, 0x58, 0x02, 0x01, 0x00, 0x01,
        /* One cycle back: zigzag(-1) = 1, 1 byte (code 0); no argument
         * bytes; sizes = 0.  7 bytes. */
        0x01, 0x00, 0x06, 0xff, 0xff, 0x80, 0x01};
    assert_memory_equal(b.p + l.c[1].off + 16, want, sizeof want);
    free(b.p);

    /* And they read back as they were written. */
    struct rec_reader r;
    open_ok(&r, &h);
    for (int i = 0; i < 3; i++) {
        struct rec_record got, exp = {.kind = REC_EVENT, .event = ev[i]};
        assert_int_equal(rec_reader_next(&r, &got), 1);
        assert_same_record(&exp, &got);
        assert_true(got.offset == l.c[1].off + 16 + (i == 0 ? 0 : i == 1 ? 26 : 37));
    }
    struct rec_record got;
    assert_int_equal(rec_reader_next(&r, &got), 0);
    rec_reader_close(&r);
    rec_header_free(&h);
}

/* Edge values through the writer and the reader, over several DATA
 * chunks: cycle differences at every width's boundary (zigzag 0xff, 0x100,
 * 0xffff, 0x10000, 2^32 - 1, 2^32), jumps of 2^40 and 2^63, backwards ones,
 * and arguments 0, 1, -1, INT32_MIN, INT32_MAX, 0xff, 0x100, 0xffff,
 * 0x10000 and those whose zigzag sits at a boundary.  The file is also
 * decoded here, independently, which checks the narrowest widths. */
#define EDGE_EVENTS ((int)(9000 * (REC_DATA_CHUNK >> 16)))

static const uint64_t edge_delta[] = {
    0, 1, (uint64_t)-1, 127, 128, (uint64_t)-128, (uint64_t)-129, 32767, 32768,
    (uint64_t)-32768, (uint64_t)-32769, 0x7fffffff, 0x80000000, (uint64_t)-0x80000000ll,
    (uint64_t)-0x80000001ll, 1ull << 40, 1ull << 63, (uint64_t)-(1ll << 40), 3};
static const uint32_t edge_arg[] = {
    0, 1, 0xffffffff, 0x80000000, 0x7fffffff, 0xff, 0x100, 0xffff, 0x10000,
    0x7f, 0x80, 0xffffff80, 0xffffff7f, 0x7fff, 0x8000, 0xffff8000, 0xffff7fff, 2};

#define N_DELTA (sizeof edge_delta / sizeof edge_delta[0])
#define N_ARG (sizeof edge_arg / sizeof edge_arg[0])

static struct trace_event edge_event(int i, uint64_t *cycle)
{
    /* Cycle 0 first, and every 1000th event back to 0 from wherever. */
    *cycle = i % 1000 == 0 ? 0 : *cycle + edge_delta[(size_t)i % N_DELTA];
    return (struct trace_event){
        .cycle = *cycle, .type = (uint8_t)i, .part = (uint8_t)(i >> 8),
        .thread = (uint8_t)(0xff - i), .flags = (uint8_t)(i * 7),
        .a0 = edge_arg[(size_t)i % N_ARG], .a1 = edge_arg[(size_t)(i / N_ARG) % N_ARG],
        .a2 = edge_arg[(size_t)(i * 5 + 3) % N_ARG]};
}

static void test_event_edges(void **state)
{
    (void)state;
    struct rec_header h = full_header(false);
    struct rec_writer w;
    assert_true(rec_writer_open(&w, path, &h, err, sizeof err));
    static struct trace_event want[EDGE_EVENTS], decoded[EDGE_EVENTS];
    uint64_t cycle = 0;
    for (int i = 0; i < EDGE_EVENTS; i++) {
        want[i] = edge_event(i, &cycle);
        rec_write_event(&w, &want[i]);
    }
    assert_true(rec_writer_close(&w, &END_TOTALS, err, sizeof err));

    struct bytes b = slurp();
    struct layout l = walk(&b);
    size_t n = 0;
    int data = 0;
    for (int i = 0; i < l.n; i++) {
        if (strcmp(l.c[i].type, "DATA") == 0) {
            data_walk(b.p + l.c[i].off + 16, l.c[i].len, decoded, EDGE_EVENTS, &n);
            data++;
        }
    }
    free(b.p);
    assert_true(data >= 3);
    assert_int_equal(n, EDGE_EVENTS);
    struct rec_reader r;
    open_ok(&r, &h);
    for (int i = 0; i < EDGE_EVENTS; i++) {
        struct rec_record got, exp = {.kind = REC_EVENT, .event = want[i]};
        struct rec_record dec = {.kind = REC_EVENT, .event = decoded[i]};
        assert_int_equal(rec_reader_next(&r, &got), 1);
        assert_same_record(&exp, &got);
        assert_same_record(&exp, &dec);
    }
    struct rec_record got;
    assert_int_equal(rec_reader_next(&r, &got), 0);
    assert_true(r.end.events == EDGE_EVENTS);
    rec_reader_close(&r);
    rec_header_free(&h);
}

/* --- damaged files ------------------------------------------------------------ */

static void test_checksum_mismatch(void **state)
{
    (void)state;
    uint64_t counts[4];
    write_file(false, NUM_RECORDS, counts);
    struct bytes b = slurp();
    struct layout l = walk(&b);
    const struct chunk *c = &l.c[3]; /* the third DATA chunk */
    assert_string_equal(c->type, "DATA");
    b.p[c->off + 16 + 1000] ^= 0x40;
    spill(b.p, b.len);

    struct rec_header h;
    struct rec_reader r;
    open_ok(&r, &h);
    int n;
    /* Nothing from the damaged chunk is returned. */
    assert_string_equal(read_all(&r, &n, c->off),
                        msg("offset %zu: checksum mismatch in chunk 3 (DATA)", c->off));
    assert_true(n > 0);
    rec_reader_close(&r);
    rec_header_free(&h);

    /* In HEAD, the file does not open. */
    b.p[c->off + 16 + 1000] ^= 0x40;
    b.p[8 + 16 + 10] ^= 1;
    spill(b.p, b.len);
    assert_open_fails(msg("offset 8: checksum mismatch in chunk 0 (HEAD)"));
    free(b.p);
}

/* Cut at n bytes; the reader's message, from open or from reading. */
static const char *cut_at(const struct bytes *b, size_t n)
{
    spill(b->p, n);
    static char out[600];
    struct rec_header h;
    struct rec_reader r;
    if (!rec_reader_open(&r, path, &h, out, sizeof out))
        return out;
    int count;
    snprintf(out, sizeof out, "%s", read_all(&r, &count, UINT64_MAX));
    rec_reader_close(&r);
    rec_header_free(&h);
    return out;
}

static void test_truncated(void **state)
{
    (void)state;
    uint64_t counts[4];
    write_file(true, NUM_RECORDS, counts);
    struct bytes b = slurp();
    struct layout l = walk(&b);
    const struct chunk *data = &l.c[2], *last = &l.c[l.n - 1], *before = &l.c[l.n - 2];
    assert_string_equal(data->type, "DATA");
    assert_string_equal(last->type, "END ");

    assert_string_equal(cut_at(&b, 5), msg("offset 0: not a recording (bad magic)"));
    assert_string_equal(cut_at(&b, 8), msg("offset 8: truncated: no HEAD chunk"));
    assert_string_equal(cut_at(&b, 13), msg("offset 8: truncated: chunk at offset 8 "
                                            "needs 16 bytes, the file has 5"));
    assert_string_equal(cut_at(&b, 8 + 16 + 20),
                        msg("offset 8: truncated: chunk at offset 8 needs %u bytes, the "
                            "file has 36", 16 + l.c[0].len));
    /* Mid DATA header and mid DATA payload. */
    assert_string_equal(cut_at(&b, data->off + 3),
                        msg("offset %zu: truncated: chunk at offset %zu needs 16 bytes, "
                            "the file has 3", data->off, data->off));
    assert_string_equal(cut_at(&b, data->off + 16 + 500),
                        msg("offset %zu: truncated: chunk at offset %zu needs %u bytes, "
                            "the file has 516", data->off, data->off, 16 + data->len));
    /* Right before END, and inside it. */
    assert_string_equal(cut_at(&b, last->off),
                        msg("offset %zu: truncated: no END chunk after offset %zu",
                            last->off, before->off));
    assert_string_equal(cut_at(&b, last->off + 20),
                        msg("offset %zu: truncated: chunk at offset %zu needs 57 bytes, "
                            "the file has 20", last->off, last->off));
    /* The whole file still reads. */
    assert_string_equal(cut_at(&b, b.len), "");
    free(b.p);
}

static void test_not_a_recording(void **state)
{
    (void)state;
    spill((const uint8_t *)"FENTRACE and more", 17);
    assert_open_fails(msg("offset 0: not a recording (bad magic)"));
    spill((const uint8_t *)"", 0);
    assert_open_fails(msg("offset 0: not a recording (bad magic)"));
    assert_false(rec_reader_open(&(struct rec_reader){0}, "/nonexistent/x.rec",
                                 &(struct rec_header){0}, err, sizeof err));
    assert_string_equal(err, "/nonexistent/x.rec: No such file or directory");
}

/* HEAD's payload offsets of the fields the tests damage: version, then the
 * counts after the strings "avionics", "mps2-an385", "cortex-m3". */
#define HEAD_PAYLOAD 24
#define AT_VERSION HEAD_PAYLOAD
#define AT_APP_LEN (HEAD_PAYLOAD + 8)
#define AT_PARTITIONS (HEAD_PAYLOAD + 8 + (2 + 8) + (2 + 10) + (2 + 9) + 8 + 4 + 8 + 64)
/* Then "sensors" "sensors.elf" hash, 2 processes "reader" "filter";
 * "fusion" "fusion.elf" hash, 1 process "logger"; 2 frames, the initial
 * schedule, 3 windows: the first window's partition byte. */
#define AT_WINDOW0_PART                                                              \
    (AT_PARTITIONS + 4 + (9 + 13 + 32 + 4 + 8 + 8) + (8 + 12 + 32 + 4 + 8) + 4 + 16 + 4 + \
     4 + 1)

static void test_other_version(void **state)
{
    (void)state;
    uint64_t counts[4];
    write_file(false, 10, counts);
    struct bytes b = slurp();
    assert_int_equal(rd32(b.p + AT_VERSION), 2);
    wr32(b.p + AT_VERSION, 3);
    spill(b.p, b.len);
    assert_open_fails(msg("offset 8: checksum mismatch in chunk 0 (HEAD)"));
    recrc(b.p, 8);
    spill(b.p, b.len);
    assert_open_fails(msg("offset %d: recording format version 3 is newer than this "
                          "build reads (2)", AT_VERSION));
    /* Version 1 (fixed-size events, CRC-32 on DATA): refused, not misread. */
    wr32(b.p + AT_VERSION, 1);
    recrc(b.p, 8);
    spill(b.p, b.len);
    assert_open_fails(msg("offset %d: recording format version 1 is older than this "
                          "build reads (2): record the run again", AT_VERSION));
    free(b.p);
}

static void test_lying_counts(void **state)
{
    (void)state;
    uint64_t counts[4];
    write_file(false, 10, counts);
    struct bytes b = slurp();
    uint32_t head_len = rd32(b.p + 12);
    assert_int_equal(rd32(b.p + AT_PARTITIONS), 2);

    /* A count of 2^28 partitions: an error, not a 4 GiB calloc. */
    wr32(b.p + AT_PARTITIONS, 1u << 28);
    recrc(b.p, 8);
    spill(b.p, b.len);
    uint32_t left = head_len - (AT_PARTITIONS + 4 - HEAD_PAYLOAD);
    assert_open_fails(msg("offset %d: HEAD: 268435456 partitions cannot fit in the %u "
                          "bytes left of the chunk", AT_PARTITIONS, left));

    /* Three partitions where two are encoded: the reader runs out inside
     * the payload and says where. */
    wr32(b.p + AT_PARTITIONS, 3);
    recrc(b.p, 8);
    spill(b.p, b.len);
    struct rec_reader r;
    struct rec_header h;
    assert_false(rec_reader_open(&r, path, &h, err, sizeof err));
    assert_non_null(strstr(err, msg("offset ")));
    assert_non_null(strstr(err, ": HEAD: "));

    /* A string length past the payload. */
    wr32(b.p + AT_PARTITIONS, 2);
    b.p[AT_APP_LEN] = 0xff;
    b.p[AT_APP_LEN + 1] = 0xff;
    recrc(b.p, 8);
    spill(b.p, b.len);
    assert_open_fails(msg("offset %d: HEAD: the app name needs 65535 bytes, the chunk "
                          "has %u left", AT_APP_LEN + 2, head_len - 10));

    /* Restored, it opens. */
    b.p[AT_APP_LEN] = 8;
    b.p[AT_APP_LEN + 1] = 0;
    recrc(b.p, 8);
    spill(b.p, b.len);
    struct rec_header ok;
    open_ok(&r, &ok);
    rec_reader_close(&r);
    rec_header_free(&ok);

    /* A window naming a partition the header lacks. */
    assert_int_equal(b.p[AT_WINDOW0_PART], 0);
    b.p[AT_WINDOW0_PART] = 7;
    recrc(b.p, 8);
    spill(b.p, b.len);
    assert_open_fails(msg("offset 8: HEAD: window 0 names schedule 0 and partition 7, "
                          "of 2 schedules and 2 partitions"));
    free(b.p);
}

/* The HEAD and (forged) chunks after it, to test the sequence rules. */
struct forged {
    uint8_t file[4096];
    size_t len;
    uint32_t seq;
};

static void forge_start(struct forged *f)
{
    struct rec_header h = full_header(false);
    struct rec_writer w;
    assert_true(rec_writer_open(&w, path, &h, err, sizeof err));
    assert_true(rec_writer_close(&w, &(struct rec_end){0}, err, sizeof err));
    struct bytes b = slurp();
    struct layout l = walk(&b);
    f->len = l.c[1].off; /* magic and HEAD, without END */
    assert_true(f->len < sizeof f->file / 2);
    memcpy(f->file, b.p, f->len);
    f->seq = 1;
    free(b.p);
}

static size_t forge_add(struct forged *f, const char *type, const void *payload,
                        uint32_t len)
{
    size_t at = f->len;
    f->len = forge(f->file, f->len, type, f->seq++, payload, len);
    return at;
}

/* END totals for the counts given. */
static size_t forge_end(struct forged *f, uint64_t events, uint64_t inputs, uint64_t host)
{
    uint8_t end[41] = {0};
    wr64(end + 16, events);
    wr64(end + 24, inputs);
    wr64(end + 32, host);
    return forge_add(f, "END ", end, sizeof end);
}

/* Opens the forged file and reads it; the message (or ""). */
static const char *forged_read(struct forged *f, int *n)
{
    spill(f->file, f->len);
    static char out[600];
    struct rec_header h;
    struct rec_reader r;
    *n = 0;
    if (!rec_reader_open(&r, path, &h, out, sizeof out))
        return out;
    snprintf(out, sizeof out, "%s", read_all(&r, n, UINT64_MAX));
    rec_reader_close(&r);
    rec_header_free(&h);
    return out;
}

/* An event record of 11 bytes: sizes 0x55 (a 2-byte cycle, three 1-byte
 * arguments), type, part, thread, flags, cycle zigzag 10000 (5000), a0
 * zigzag 2 (1), a1 zigzag 3 (-2), a2 zigzag 4 (2). */
#define EV_LEN 11
static const uint8_t one_event[EV_LEN] = {REC_EVENT, 0x55, 3, 0, 1, 0, 0x10, 0x27, 2, 3, 4};

static void test_records_damaged(void **state)
{
    (void)state;
    struct forged f;
    int n;

    /* A forged file of the right shape reads: the forging is right. */
    forge_start(&f);
    forge_add(&f, "DATA", one_event, EV_LEN);
    forge_end(&f, 1, 0, 0);
    assert_string_equal(forged_read(&f, &n), "");
    assert_int_equal(n, 1);

    /* An unknown record kind, after a good record. */
    forge_start(&f);
    uint8_t two[2 * EV_LEN];
    memcpy(two, one_event, EV_LEN);
    memcpy(two + EV_LEN, one_event, EV_LEN);
    two[EV_LEN] = 9;
    size_t at = forge_add(&f, "DATA", two, sizeof two);
    forge_end(&f, 2, 0, 0);
    assert_string_equal(forged_read(&f, &n),
                        msg("offset %zu: unknown record kind 9", at + 16 + EV_LEN));
    assert_int_equal(n, 1);

    /* A record running past its chunk. */
    forge_start(&f);
    at = forge_add(&f, "DATA", one_event, EV_LEN - 2);
    forge_end(&f, 1, 0, 0);
    assert_string_equal(forged_read(&f, &n),
                        msg("offset %zu: record of kind 1 (11 bytes) runs past its chunk "
                            "(9 bytes left)", at + 16));

    /* The last event's sizes byte claims the widest fields (26 bytes in
     * all) where 8 bytes are left; the good event before it is read. */
    forge_start(&f);
    uint8_t claim[EV_LEN + 8];
    memcpy(claim, one_event, EV_LEN);
    memcpy(claim + EV_LEN, (const uint8_t[8]){REC_EVENT, 0xff, 1, 2, 3, 4, 5, 6}, 8);
    at = forge_add(&f, "DATA", claim, sizeof claim);
    forge_end(&f, 2, 0, 0);
    assert_string_equal(forged_read(&f, &n),
                        msg("offset %zu: record of kind 1 (26 bytes) runs past its chunk "
                            "(8 bytes left)", at + 16 + EV_LEN));
    assert_int_equal(n, 1);
    /* A chunk that ends right after an event's kind byte. */
    forge_start(&f);
    at = forge_add(&f, "DATA", claim, EV_LEN + 1);
    forge_end(&f, 2, 0, 0);
    assert_string_equal(forged_read(&f, &n),
                        msg("offset %zu: record of kind 1 (2 bytes) runs past its chunk "
                            "(1 bytes left)", at + 16 + EV_LEN));

    /* An input with more words than a record holds. */
    forge_start(&f);
    uint8_t input[33 + 4 * 9] = {REC_INPUT};
    wr32(input + 29, 9);
    at = forge_add(&f, "DATA", input, sizeof input);
    forge_end(&f, 0, 1, 0);
    assert_string_equal(forged_read(&f, &n),
                        msg("offset %zu: input record with 9 words (at most 8)", at + 16));

    /* END's totals disagree with the records. */
    forge_start(&f);
    forge_add(&f, "DATA", one_event, EV_LEN);
    at = forge_end(&f, 2, 0, 0);
    assert_string_equal(forged_read(&f, &n),
                        msg("offset %zu: END counts 2 events, 0 inputs, 0 host inputs; "
                            "the file holds 1, 0, 0", at));
}

static void test_chunks_damaged(void **state)
{
    (void)state;
    struct forged f;
    int n;

    /* Trailing bytes after END. */
    forge_start(&f);
    forge_add(&f, "DATA", one_event, EV_LEN);
    size_t at = forge_end(&f, 1, 0, 0);
    memcpy(f.file + f.len, "junk", 4);
    f.len += 4;
    assert_string_equal(forged_read(&f, &n),
                        msg("offset %zu: trailing bytes after the END chunk at offset %zu",
                            at + 16 + 41, at));
    assert_int_equal(n, 1);

    /* A sequence gap (a chunk removed). */
    forge_start(&f);
    forge_add(&f, "DATA", one_event, EV_LEN);
    f.seq++;
    at = forge_add(&f, "DATA", one_event, EV_LEN);
    forge_end(&f, 2, 0, 0);
    assert_string_equal(forged_read(&f, &n),
                        msg("offset %zu: chunk out of sequence: DATA chunk number 3, "
                            "expected 2 (a chunk is missing or repeated)", at));
    assert_int_equal(n, 1);

    /* An unknown chunk type. */
    forge_start(&f);
    at = forge_add(&f, "XDAT", one_event, EV_LEN);
    forge_end(&f, 0, 0, 0);
    assert_string_equal(forged_read(&f, &n),
                        msg("offset %zu: unknown chunk type 'XDAT'", at));

    /* A second HEAD; SCEN after DATA. */
    forge_start(&f);
    at = forge_add(&f, "HEAD", f.file + 8 + 16, rd32(f.file + 12));
    forge_end(&f, 0, 0, 0);
    assert_string_equal(forged_read(&f, &n), msg("offset %zu: a second HEAD chunk", at));
    forge_start(&f);
    forge_add(&f, "DATA", one_event, EV_LEN);
    at = forge_add(&f, "SCEN", "\0\0\0\0\0\0", 6);
    forge_end(&f, 1, 0, 0);
    assert_string_equal(forged_read(&f, &n),
                        msg("offset %zu: SCEN chunk not directly after HEAD", at));

    /* A length over the limit: refused before anything is read for it. */
    forge_start(&f);
    at = forge_add(&f, "DATA", one_event, EV_LEN);
    wr32(f.file + at + 4, 0x7fffffff);
    assert_string_equal(forged_read(&f, &n),
                        msg("offset %zu: chunk payload of 2147483647 bytes is over the "
                            "limit (1048576): corrupt header", at));

    /* No HEAD: the file starts with DATA. */
    f.len = forge(f.file, 8, "DATA", 0, one_event, EV_LEN);
    assert_string_equal(forged_read(&f, &n),
                        msg("offset 8: no HEAD chunk: the first chunk is 'DATA'"));
}

/* --- the writer ------------------------------------------------------------- */

static void test_writer_failure(void **state)
{
    (void)state;
    if (access("/dev/full", W_OK) != 0)
        skip();
    struct rec_header h = full_header(true);
    struct rec_writer w;
    /* The header fits stdio's buffer: the failure shows at the first chunk
     * written through, and close reports it. */
    assert_true(rec_writer_open(&w, "/dev/full", &h, err, sizeof err));
    struct trace_event ev = {.cycle = 1};
    for (int i = 0; i < 10000; i++)
        rec_write_event(&w, &ev);
    assert_false(rec_writer_close(&w, &END_TOTALS, err, sizeof err));
    assert_string_equal(err, "/dev/full: write failed: No space left on device "
                             "(the recording is incomplete)");

    /* A header too short to reach the disk: close still reports. */
    assert_true(rec_writer_open(&w, "/dev/full", &h, err, sizeof err));
    assert_false(rec_writer_close(&w, &END_TOTALS, err, sizeof err));
    assert_non_null(strstr(err, "No space left on device"));

    assert_false(rec_writer_open(&w, "/nonexistent/x.rec", &h, err, sizeof err));
    assert_string_equal(err, "/nonexistent/x.rec: No such file or directory");
}

static void test_writer_refuses(void **state)
{
    (void)state;
    struct rec_header h = full_header(false);
    struct rec_writer w;
    struct rec_window bad = {.schedule = 0, .partition = 5};
    h.windows = &bad;
    h.num_windows = 1;
    assert_false(rec_writer_open(&w, path, &h, err, sizeof err));
    assert_string_equal(err, msg("header: window 0 names schedule 0 and partition 5, "
                                 "of 2 schedules and 2 partitions"));

    /* An input with too many words is a caller's bug: close says so. */
    h = full_header(false);
    assert_true(rec_writer_open(&w, path, &h, err, sizeof err));
    struct rec_input in = {.cycle = 77, .len = REC_MAX_WORDS + 1};
    rec_write_input(&w, &in);
    assert_false(rec_writer_close(&w, &END_TOTALS, err, sizeof err));
    assert_string_equal(err, msg("input at cycle 77 has 9 words (at most 8) "
                                 "(the recording is incomplete)"));
}

/* --- hashes --------------------------------------------------------------- */

static void test_sha256(void **state)
{
    (void)state;
    uint8_t d[REC_HASH_SIZE];
    char hex[2 * REC_HASH_SIZE + 1];
    static const char abc[] =
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    rec_sha256("abc", 3, d);
    rec_hash_hex(d, hex);
    assert_string_equal(hex, abc);

    spill((const uint8_t *)"abc", 3);
    memset(d, 0, sizeof d);
    assert_true(rec_sha256_file(path, d));
    rec_hash_hex(d, hex);
    assert_string_equal(hex, abc);
    assert_false(rec_sha256_file("/nonexistent/x", d));

    rec_sha256("", 0, d);
    rec_hash_hex(d, hex);
    assert_string_equal(hex,
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_round_trip),
        cmocka_unit_test(test_records_round_trip),
        cmocka_unit_test(test_event_encoding),
        cmocka_unit_test(test_event_edges),
        cmocka_unit_test(test_checksum_mismatch),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_not_a_recording),
        cmocka_unit_test(test_other_version),
        cmocka_unit_test(test_lying_counts),
        cmocka_unit_test(test_records_damaged),
        cmocka_unit_test(test_chunks_damaged),
        cmocka_unit_test(test_writer_failure),
        cmocka_unit_test(test_writer_refuses),
        cmocka_unit_test(test_sha256),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
