/*
 * recording.c - the recording file (see recording.h; layout in
 * docs/formats.md, "Recordings, version 2").
 *
 * Every multi-byte field is encoded byte by byte, little-endian, so the
 * file is the same on every host and nothing is read through a cast of a
 * possibly unaligned pointer.  The reader trusts no length it has not
 * checked against the bytes it actually holds.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "recording.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>
#include <xxhash.h>
#include <zlib.h>

#include "event_codec.h"

/* --- little-endian fields ------------------------------------------------ */

static inline uint8_t *put8(uint8_t *p, uint8_t v)
{
    *p = v;
    return p + 1;
}

static inline uint8_t *put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    return p + 2;
}

static inline uint8_t *put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
    return p + 4;
}

static inline uint8_t *put64(uint8_t *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    return put32(p + 4, (uint32_t)(v >> 32));
}

static inline uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static inline uint64_t get64(const uint8_t *p)
{
    return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

/* --- chunks and records ---------------------------------------------------- */

/* A chunk type is four ASCII bytes in file order (a hex dump shows "HEAD"),
 * read as a little-endian u32 like every other field. */
#define CHUNK_TYPE(a, b, c, d)                                                     \
    ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)
#define T_HEAD CHUNK_TYPE('H', 'E', 'A', 'D')
#define T_SCEN CHUNK_TYPE('S', 'C', 'E', 'N')
#define T_DATA CHUNK_TYPE('D', 'A', 'T', 'A')
#define T_END CHUNK_TYPE('E', 'N', 'D', ' ')

#define MAGIC_SIZE 8
#define CHUNK_HEADER 16 /* type, length, sequence, checksum */
#define CRC_SPAN 12     /* header bytes the checksum covers, before the payload */
#define END_SIZE 41     /* five u64 and a u8 */

/* Record sizes, kind byte included; an input adds 4 bytes per word; an
 * event takes 6 to 1 + REC_EVENT_MAX (event_codec.h). */
#define HOST_SIZE 11
#define INPUT_FIXED 33
#define INPUT_LEN_AT 29 /* offset of an input's word count in its record */

#define MAX_STRING 0xffffu /* u16 length */

/* Minimum encoded size of one element of each HEAD array: what a count is
 * checked against before anything is allocated for it. */
#define MIN_PARTITION (2 + 2 + REC_HASH_SIZE + 4)
#define MIN_PROCESS 2
#define MIN_FRAME 8
#define MIN_WINDOW 18
#define MIN_NAMED 6

/* A chunk's checksum.  DATA, nearly all of a file's bytes, uses XXH3-64
 * (a tenth of CRC-32's cost per byte here), seeded with the header fields
 * it covers; HEAD, SCEN and END keep CRC-32, so a reader of any version
 * can verify HEAD and say which version a file is. */
static uint32_t chunk_crc(const uint8_t header[CRC_SPAN], const uint8_t *payload,
                          uint32_t len)
{
    if (get32(header) == T_DATA) {
        uint64_t seed = get64(header) ^ get32(header + 8);
        return (uint32_t)XXH3_64bits_withSeed(payload, len, seed);
    }
    uLong crc = crc32(0, header, CRC_SPAN);
    return (uint32_t)crc32(crc, payload, len);
}

/* The type for a message: its four characters, or hex when they are not
 * printable (a corrupt header). */
static const char *type_name(uint32_t type, char buf[12])
{
    uint8_t c[4];
    put32(c, type);
    for (int i = 0; i < 4; i++) {
        if (c[i] < 0x20 || c[i] > 0x7e || c[i] == '\'') {
            snprintf(buf, 12, "0x%08" PRIx32, type);
            return buf;
        }
    }
    memcpy(buf, c, 4);
    buf[4] = '\0';
    return buf;
}

/* --- the header's cross references ------------------------------------------ */

/* The indices a tool follows without checking (a window's partition and
 * schedule, the initial schedule): the writer refuses a header where one
 * points nowhere, and so does the reader. */
static bool header_consistent(const struct rec_header *h, char *msg, size_t size)
{
    if (h->num_schedules && h->initial_schedule >= h->num_schedules) {
        snprintf(msg, size, "initial schedule %" PRIu32 " of %" PRIu32 " schedules",
                 h->initial_schedule, h->num_schedules);
        return false;
    }
    for (uint32_t i = 0; i < h->num_windows; i++) {
        const struct rec_window *win = &h->windows[i];
        if (win->schedule >= h->num_schedules || win->partition >= h->num_partitions) {
            snprintf(msg, size,
                     "window %" PRIu32 " names schedule %u and partition %u, of %" PRIu32
                     " schedules and %" PRIu32 " partitions",
                     i, win->schedule, win->partition, h->num_schedules,
                     h->num_partitions);
            return false;
        }
    }
    return true;
}

/* --- writing: HEAD and SCEN ---------------------------------------------- */

/* A growing buffer for the chunks written once at open; it starts with
 * room for the chunk header so the chunk is written with one fwrite. */
struct enc {
    uint8_t *p;
    size_t len, cap;
    const char *too_long; /* the first string over MAX_STRING bytes */
    bool oom;
};

static uint8_t *enc_room(struct enc *e, size_t n)
{
    if (e->oom)
        return NULL;
    if (e->len + n > e->cap) {
        size_t cap = e->cap ? e->cap : 256;
        while (cap < e->len + n)
            cap *= 2;
        uint8_t *p = realloc(e->p, cap);
        if (!p) {
            e->oom = true;
            return NULL;
        }
        e->p = p;
        e->cap = cap;
    }
    uint8_t *at = e->p + e->len;
    e->len += n;
    return at;
}

static void enc_u8(struct enc *e, uint8_t v)
{
    uint8_t *p = enc_room(e, 1);
    if (p)
        put8(p, v);
}

static void enc_u32(struct enc *e, uint32_t v)
{
    uint8_t *p = enc_room(e, 4);
    if (p)
        put32(p, v);
}

static void enc_u64(struct enc *e, uint64_t v)
{
    uint8_t *p = enc_room(e, 8);
    if (p)
        put64(p, v);
}

static void enc_bytes(struct enc *e, const void *data, size_t n)
{
    uint8_t *p = enc_room(e, n);
    if (p && n)
        memcpy(p, data, n);
}

/* u16 length and the bytes; NULL is written as "". */
static void enc_str(struct enc *e, const char *s, const char *what)
{
    size_t n = s ? strlen(s) : 0;
    if (n > MAX_STRING) {
        if (!e->too_long)
            e->too_long = what;
        n = 0;
    }
    uint8_t *p = enc_room(e, 2);
    if (p)
        put16(p, (uint16_t)n);
    enc_bytes(e, s, n);
}

static void enc_named(struct enc *e, uint32_t count, const struct rec_named *v,
                      const char *what)
{
    enc_u32(e, count);
    for (uint32_t i = 0; i < count; i++) {
        enc_str(e, v[i].name, what);
        enc_u32(e, v[i].index);
    }
}

static void enc_partitions(struct enc *e, const struct rec_header *h)
{
    enc_u32(e, h->num_partitions);
    for (uint32_t i = 0; i < h->num_partitions; i++) {
        const struct rec_partition *pt = &h->partitions[i];
        enc_str(e, pt->name, "a partition name");
        enc_str(e, pt->elf, "a partition's ELF name");
        enc_bytes(e, pt->elf_sha256, REC_HASH_SIZE);
        enc_u32(e, pt->num_processes);
        for (uint32_t j = 0; j < pt->num_processes; j++)
            enc_str(e, pt->processes[j].name, "a process name");
    }
}

static void enc_schedules(struct enc *e, const struct rec_header *h)
{
    enc_u32(e, h->num_schedules);
    for (uint32_t i = 0; i < h->num_schedules; i++)
        enc_u64(e, h->major_frames[i]);
    enc_u32(e, h->initial_schedule);
    enc_u32(e, h->num_windows);
    for (uint32_t i = 0; i < h->num_windows; i++) {
        enc_u8(e, h->windows[i].schedule);
        enc_u8(e, h->windows[i].partition);
        enc_u64(e, h->windows[i].offset);
        enc_u64(e, h->windows[i].duration);
    }
}

/* The HEAD chunk (header space first), field by field in file order. */
static void encode_head(struct enc *e, const struct rec_header *h)
{
    enc_room(e, CHUNK_HEADER);
    enc_u32(e, REC_FORMAT_VERSION);
    enc_u32(e, h->trace_version);
    enc_str(e, h->app, "the app name");
    enc_str(e, h->board, "the board name");
    enc_str(e, h->cpu, "the cpu name");
    enc_u64(e, h->clock_hz);
    enc_u32(e, h->kernel_entry_cycles);
    enc_u64(e, h->limit);
    enc_bytes(e, h->config_sha256, REC_HASH_SIZE);
    enc_bytes(e, h->sim_sha256, REC_HASH_SIZE);
    enc_partitions(e, h);
    enc_schedules(e, h);
    enc_named(e, h->num_ports, h->ports, "a port name");
    enc_named(e, h->num_irqs, h->irqs, "an IRQ owner name");
}

static void encode_scen(struct enc *e, const struct rec_header *h)
{
    enc_room(e, CHUNK_HEADER);
    enc_str(e, h->scenario_name, "the scenario name");
    if (h->scenario_len > UINT32_MAX) {
        e->too_long = "the scenario text";
        return;
    }
    enc_u32(e, (uint32_t)h->scenario_len);
    enc_bytes(e, h->scenario_text, h->scenario_len);
}

/* Why an encoded chunk cannot be written, or NULL. */
static const char *enc_problem(const struct enc *e, char *buf, size_t size)
{
    if (e->oom)
        return "out of memory";
    if (e->too_long) {
        snprintf(buf, size, "%s is longer than %u bytes", e->too_long, MAX_STRING);
        return buf;
    }
    if (e->len - CHUNK_HEADER > REC_MAX_CHUNK) {
        snprintf(buf, size, "a chunk of %zu bytes is more than a recording holds (%u)",
                 e->len - CHUNK_HEADER, REC_MAX_CHUNK);
        return buf;
    }
    return NULL;
}

/* --- writing: chunks ------------------------------------------------------ */

/* Keeps the first error: it is the cause, later ones follow from it. */
__attribute__((format(printf, 2, 3)))
static void wfail(struct rec_writer *w, const char *fmt, ...)
{
    if (w->failed)
        return;
    w->failed = true;
    int n = snprintf(w->error, sizeof w->error, "%s: ", w->path);
    if (n < 0 || (size_t)n >= sizeof w->error)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->error + n, sizeof w->error - (size_t)n, fmt, ap);
    va_end(ap);
}

/* Fills the header in front of a payload (frame: CHUNK_HEADER bytes, then
 * len payload bytes), all but its checksum. */
static void frame_header(uint32_t type, uint32_t seq, uint8_t *frame, uint32_t len)
{
    uint8_t *p = put32(frame, type);
    p = put32(p, len);
    put32(p, seq);
}

/* Checksums a framed chunk and writes it with one fwrite; the reason of a
 * failure into why (empty: none). */
static void frame_write(FILE *f, uint8_t *frame, uint32_t len, char *why, size_t whylen)
{
    put32(frame + 12, chunk_crc(frame, frame + CHUNK_HEADER, len));
    size_t n = CHUNK_HEADER + (size_t)len;
    if (fwrite(frame, 1, n, f) != n && !why[0])
        snprintf(why, whylen, "write failed: %s", strerror(errno));
}

static void emit(struct rec_writer *w, uint32_t type, uint8_t *frame, uint32_t len)
{
    char why[200] = "";
    frame_header(type, w->seq++, frame, len);
    frame_write(w->f, frame, len, why, sizeof why);
    if (why[0])
        wfail(w, "%s", why);
}

/* --- writing: DATA chunks ------------------------------------------------ */

/* The simulation stages records cheaply, an event as its kind byte and
 * the struct as it is (STAGED_EVENT bytes, one copy); the chunk's file
 * form is made from them off the simulation's path, on the flusher thread
 * (event_codec.h costs about a hundred instructions an event, a copy a
 * quarter of that).  Inputs are staged in their file form already. */
#define STAGED_EVENT (1 + sizeof(struct trace_event))

/* Room the file form of a staged payload of len bytes may need: an event
 * grows by at most one byte, and the codec stores 8 bytes at a time. */
static size_t data_frame_size(uint32_t len)
{
    return CHUNK_HEADER + (size_t)len + len / STAGED_EVENT + 1 + 8;
}

/* The file form of a staged payload into out; its length. */
static uint32_t data_encode(const uint8_t *staged, uint32_t len, uint8_t *out)
{
    uint8_t *o = out;
    uint64_t last = 0; /* each chunk's events decode on their own */
    for (uint32_t i = 0; i < len;) {
        const uint8_t *p = staged + i;
        uint32_t size;
        if (p[0] == REC_EVENT) {
            struct trace_event ev;
            memcpy(&ev, p + 1, sizeof ev);
            o = rec_event_encode(put8(o, REC_EVENT), &ev, &last);
            i += STAGED_EVENT;
            continue;
        }
        size = p[0] == REC_HOST_INPUT ? HOST_SIZE : INPUT_FIXED + 4 * get32(p + INPUT_LEN_AT);
        memcpy(o, p, size);
        o += size;
        i += size;
    }
    return (uint32_t)(o - out);
}

/* Encodes, frames, checksums and writes one DATA chunk; the reason of a
 * failure into why. */
static void data_write(FILE *f, const uint8_t *staged, uint32_t len, uint32_t seq,
                       uint8_t *frame, char *why, size_t whylen)
{
    uint32_t n = data_encode(staged, len, frame + CHUNK_HEADER);
    frame_header(T_DATA, seq, frame, n);
    frame_write(f, frame, n, why, whylen);
}

/* --- writing: the flusher thread ------------------------------------------ */

/* DATA chunks are encoded, checksummed and written on a second thread
 * while the simulation fills the next one: the recording's cost on the
 * run is then only the staging (docs/benchmarks.md).  One chunk at a time
 * is in flight; the order of the file is the order chunks are handed over. */
struct rec_flusher {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    FILE *f;
    const uint8_t *staged; /* the chunk handed over; NULL: idle */
    uint32_t len, seq;
    uint8_t *frame;        /* its file form: the writer's frame buffer, which
                              the writer does not use while a thread runs */
    bool stop;
    char error[200]; /* the first write failure */
};

static void *flusher_main(void *arg)
{
    struct rec_flusher *fl = arg;
    pthread_mutex_lock(&fl->mu);
    for (;;) {
        while (!fl->staged && !fl->stop)
            pthread_cond_wait(&fl->cv, &fl->mu);
        if (!fl->staged)
            break;
        const uint8_t *staged = fl->staged;
        uint32_t len = fl->len, seq = fl->seq;
        pthread_mutex_unlock(&fl->mu);
        data_write(fl->f, staged, len, seq, fl->frame, fl->error, sizeof fl->error);
        pthread_mutex_lock(&fl->mu);
        fl->staged = NULL;
        pthread_cond_broadcast(&fl->cv);
    }
    pthread_mutex_unlock(&fl->mu);
    return NULL;
}

static void flusher_wait_idle(struct rec_flusher *fl)
{
    pthread_mutex_lock(&fl->mu);
    while (fl->staged)
        pthread_cond_wait(&fl->cv, &fl->mu);
    pthread_mutex_unlock(&fl->mu);
}

static void flusher_start(struct rec_writer *w)
{
    struct rec_flusher *fl = calloc(1, sizeof *fl);
    w->spare = malloc(REC_DATA_CHUNK);
    if (!fl || !w->spare)
        goto in_line;
    fl->f = w->f;
    fl->frame = w->frame;
    pthread_mutex_init(&fl->mu, NULL);
    pthread_cond_init(&fl->cv, NULL);
    if (pthread_create(&fl->thread, NULL, flusher_main, fl) == 0) {
        w->flusher = fl;
        return;
    }
    pthread_mutex_destroy(&fl->mu);
    pthread_cond_destroy(&fl->cv);
in_line: /* no thread: the writer encodes and writes in line */
    free(fl);
    free(w->spare);
    w->spare = NULL;
}

/* Waits for the last chunk, ends the thread, and takes over its error. */
static void flusher_stop(struct rec_writer *w)
{
    struct rec_flusher *fl = w->flusher;
    if (!fl)
        return;
    pthread_mutex_lock(&fl->mu);
    fl->stop = true;
    pthread_cond_broadcast(&fl->cv);
    pthread_mutex_unlock(&fl->mu);
    pthread_join(fl->thread, NULL);
    if (fl->error[0])
        wfail(w, "%s", fl->error);
    pthread_mutex_destroy(&fl->mu);
    pthread_cond_destroy(&fl->cv);
    free(fl);
    w->flusher = NULL;
}

static void flush_data(struct rec_writer *w)
{
    if (!w->used)
        return;
    struct rec_flusher *fl = w->flusher;
    if (fl) {
        flusher_wait_idle(fl);
        pthread_mutex_lock(&fl->mu);
        fl->staged = w->buf;
        fl->len = w->used;
        fl->seq = w->seq++;
        pthread_cond_broadcast(&fl->cv);
        pthread_mutex_unlock(&fl->mu);
        uint8_t *t = w->buf; /* fill the other buffer meanwhile */
        w->buf = w->spare;
        w->spare = t;
    } else {
        char why[200] = "";
        data_write(w->f, w->buf, w->used, w->seq++, w->frame, why, sizeof why);
        if (why[0])
            wfail(w, "%s", why);
    }
    w->used = 0;
}

/* Room for one record of n bytes; a record never spans two chunks. */
static inline uint8_t *data_room(struct rec_writer *w, uint32_t n)
{
    if (w->used + n > REC_DATA_CHUNK)
        flush_data(w);
    uint8_t *p = w->buf + w->used;
    w->used += n;
    return p;
}

static void writer_free(struct rec_writer *w)
{
    flusher_stop(w);
    free(w->spare);
    w->spare = NULL;
    if (w->f)
        fclose(w->f);
    free(w->path);
    free(w->buf);
    free(w->frame);
    w->f = NULL;
    w->path = NULL;
    w->buf = NULL;
    w->frame = NULL;
}

/* "path: message" in err; false. */
__attribute__((format(printf, 4, 5)))
static bool open_fail(const char *path, char *err, unsigned errlen, const char *fmt, ...)
{
    int n = snprintf(err, errlen, "%s: ", path);
    if (n < 0 || (unsigned)n >= errlen)
        return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + n, errlen - (unsigned)n, fmt, ap);
    va_end(ap);
    return false;
}

/* Encodes HEAD and SCEN before the file is created, so a header that
 * cannot be written leaves no file behind. */
static bool encode_start(const char *path, const struct rec_header *h, struct enc *head,
                         struct enc *scen, char *err, unsigned errlen)
{
    char why[200], buf[200];
    if (!header_consistent(h, why, sizeof why))
        return open_fail(path, err, errlen, "header: %s", why);
    encode_head(head, h);
    const char *problem = enc_problem(head, buf, sizeof buf);
    if (!problem && h->scenario_name) {
        encode_scen(scen, h);
        problem = enc_problem(scen, buf, sizeof buf);
    }
    if (problem)
        return open_fail(path, err, errlen, "header: %s", problem);
    return true;
}

bool rec_writer_open(struct rec_writer *w, const char *path, const struct rec_header *h,
                     char *err, unsigned errlen)
{
    memset(w, 0, sizeof *w);
    struct enc head = {0}, scen = {0};
    bool ok = encode_start(path, h, &head, &scen, err, errlen);
    if (ok) {
        w->path = strdup(path);
        w->buf = malloc(REC_DATA_CHUNK);
        w->frame = malloc(data_frame_size(REC_DATA_CHUNK));
        if (!w->path || !w->buf || !w->frame)
            ok = open_fail(path, err, errlen, "out of memory");
    }
    if (ok && !(w->f = fopen(path, "wb")))
        ok = open_fail(path, err, errlen, "%s", strerror(errno));
    if (ok) {
        if (fwrite(REC_MAGIC, 1, MAGIC_SIZE, w->f) != MAGIC_SIZE)
            wfail(w, "write failed: %s", strerror(errno));
        emit(w, T_HEAD, head.p, (uint32_t)(head.len - CHUNK_HEADER));
        if (h->scenario_name)
            emit(w, T_SCEN, scen.p, (uint32_t)(scen.len - CHUNK_HEADER));
        if (w->failed) {
            snprintf(err, errlen, "%s", w->error);
            ok = false;
        }
    }
    if (ok)
        flusher_start(w);
    free(head.p);
    free(scen.p);
    if (!ok)
        writer_free(w);
    return ok;
}

/* --- writing: records -------------------------------------------------------- */

void rec_write_event(struct rec_writer *w, const struct trace_event *ev)
{
    if (!w->f)
        return;
    uint8_t *p = data_room(w, STAGED_EVENT);
    p[0] = REC_EVENT;
    memcpy(p + 1, ev, sizeof *ev);
    w->events++;
}

void rec_write_host_input(struct rec_writer *w, const struct rec_host_input *in)
{
    if (!w->f)
        return;
    uint8_t *p = data_room(w, HOST_SIZE);
    p = put8(p, REC_HOST_INPUT);
    p = put64(p, in->stamp);
    p = put8(p, in->device);
    put8(p, in->byte);
    w->host_inputs++;
}

void rec_write_input(struct rec_writer *w, const struct rec_input *in)
{
    if (!w->f)
        return;
    if (in->len > REC_MAX_WORDS) {
        /* A caller's bug; the reader would refuse the record. */
        wfail(w, "input at cycle %" PRIu64 " has %" PRIu32 " words (at most %u)",
              in->cycle, in->len, REC_MAX_WORDS);
        return;
    }
    uint8_t *p = data_room(w, INPUT_FIXED + 4 * in->len);
    p = put8(p, REC_INPUT);
    p = put64(p, in->stamp);
    p = put64(p, in->cycle);
    p = put8(p, in->kind);
    p = put8(p, in->source);
    p = put8(p, in->device);
    p = put8(p, in->lost);
    p = put32(p, in->file_line);
    p = put32(p, in->value);
    p = put32(p, in->len);
    for (uint32_t i = 0; i < in->len; i++)
        p = put32(p, in->words[i]);
    w->inputs++;
}

/* The record counts are the writer's own: they are what the file holds. */
static void write_end(struct rec_writer *w, const struct rec_end *end)
{
    uint8_t frame[CHUNK_HEADER + END_SIZE];
    uint8_t *p = frame + CHUNK_HEADER;
    p = put64(p, end->cycle);
    p = put64(p, end->insns);
    p = put64(p, w->events);
    p = put64(p, w->inputs);
    p = put64(p, w->host_inputs);
    put8(p, end->halted ? 1 : 0);
    emit(w, T_END, frame, END_SIZE);
}

bool rec_writer_close(struct rec_writer *w, const struct rec_end *end, char *err,
                      unsigned errlen)
{
    if (!w->f) {
        snprintf(err, errlen, "recording: not open");
        return false;
    }
    flush_data(w);
    flusher_stop(w); /* END follows every DATA chunk */
    write_end(w, end);
    if (fflush(w->f) != 0)
        wfail(w, "write failed: %s", strerror(errno));
    FILE *f = w->f;
    w->f = NULL;
    if (fclose(f) != 0)
        wfail(w, "close failed: %s", strerror(errno));
    bool ok = !w->failed;
    if (!ok)
        snprintf(err, errlen, "%s (the recording is incomplete)", w->error);
    writer_free(w);
    return ok;
}

/* --- reading: errors and chunks ------------------------------------------- */

/* "path: offset N: message" in r->error, once: the first error is the one
 * that explains the rest.  Returns false. */
__attribute__((format(printf, 3, 4)))
static bool rfail(struct rec_reader *r, uint64_t offset, const char *fmt, ...)
{
    if (r->error[0])
        return false;
    int n = snprintf(r->error, sizeof r->error, "%s: offset %" PRIu64 ": ", r->path,
                     offset);
    if (n < 0 || (size_t)n >= sizeof r->error)
        return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error + n, sizeof r->error - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

/* The payload buffer grows to the largest chunk read; the length has
 * been checked against REC_MAX_CHUNK before this is called. */
static bool reserve(struct rec_reader *r, uint32_t len)
{
    if (len <= r->cap && r->chunk)
        return true;
    uint32_t cap = len > REC_DATA_CHUNK ? len : REC_DATA_CHUNK;
    uint8_t *p = realloc(r->chunk, cap + REC_EVENT_SLACK); /* event_codec.h */
    if (!p)
        return rfail(r, r->next, "out of memory for a chunk of %" PRIu32 " bytes", len);
    r->chunk = p;
    r->cap = cap;
    return true;
}

/* The file ended (or failed) where a chunk header was expected. */
static bool chunk_missing(struct rec_reader *r)
{
    if (ferror(r->f))
        return rfail(r, r->next, "read error: %s", strerror(errno));
    if (r->seq == 0)
        return rfail(r, r->next, "truncated: no HEAD chunk");
    return rfail(r, r->next, "truncated: no END chunk after offset %" PRIu64,
                 r->chunk_offset);
}

static bool chunk_short(struct rec_reader *r, uint64_t need, uint64_t have)
{
    if (ferror(r->f))
        return rfail(r, r->next, "read error: %s", strerror(errno));
    return rfail(r, r->next,
                 "truncated: chunk at offset %" PRIu64 " needs %" PRIu64
                 " bytes, the file has %" PRIu64,
                 r->next, need, have);
}

/* Checksum, then sequence: a number is trusted only once its CRC is. */
static bool chunk_verify(struct rec_reader *r, const uint8_t hdr[CHUNK_HEADER],
                         uint32_t len)
{
    char name[12];
    if (chunk_crc(hdr, r->chunk, len) != get32(hdr + CRC_SPAN))
        return rfail(r, r->next, "checksum mismatch in chunk %" PRIu32 " (%s)", r->seq,
                     type_name(get32(hdr), name));
    uint32_t seq = get32(hdr + 8);
    if (seq != r->seq)
        return rfail(r, r->next,
                     "chunk out of sequence: %s chunk number %" PRIu32 ", expected %" PRIu32
                     " (a chunk is missing or repeated)",
                     type_name(get32(hdr), name), seq, r->seq);
    return true;
}

/* Reads the whole chunk at r->next into r->chunk and verifies it before
 * anything in it is decoded. */
static bool read_chunk(struct rec_reader *r, uint32_t *type)
{
    uint8_t hdr[CHUNK_HEADER];
    size_t n = fread(hdr, 1, sizeof hdr, r->f);
    if (n == 0)
        return chunk_missing(r);
    if (n < sizeof hdr)
        return chunk_short(r, CHUNK_HEADER, n);
    uint32_t len = get32(hdr + 4);
    if (len > REC_MAX_CHUNK)
        return rfail(r, r->next,
                     "chunk payload of %" PRIu32
                     " bytes is over the limit (%u): corrupt header",
                     len, REC_MAX_CHUNK);
    if (!reserve(r, len))
        return false;
    size_t got = fread(r->chunk, 1, len, r->f);
    if (got < len)
        return chunk_short(r, CHUNK_HEADER + (uint64_t)len, CHUNK_HEADER + (uint64_t)got);
    if (!chunk_verify(r, hdr, len))
        return false;
    *type = get32(hdr);
    r->chunk_offset = r->next;
    r->next += CHUNK_HEADER + (uint64_t)len;
    r->len = len;
    r->pos = 0;
    r->last_cycle = 0;
    r->seq++;
    return true;
}

/* --- reading: HEAD and SCEN fields ---------------------------------------- */

/* A cursor over a verified HEAD or SCEN payload; every read is checked
 * against what is left, and the first failure sticks. */
struct cur {
    struct rec_reader *r;
    const char *chunk; /* "HEAD" or "SCEN", for messages */
    const uint8_t *p;
    uint32_t len, pos;
    uint64_t base; /* file offset of p[0] */
    bool ok;
};

static uint64_t cur_at(const struct cur *c)
{
    return c->base + c->pos;
}

static bool need(struct cur *c, uint64_t n, const char *what)
{
    if (!c->ok)
        return false;
    if (n <= c->len - c->pos)
        return true;
    c->ok = rfail(c->r, cur_at(c),
                  "%s: %s needs %" PRIu64 " bytes, the chunk has %" PRIu32 " left",
                  c->chunk, what, n, c->len - c->pos);
    return false;
}

static uint8_t cur_u8(struct cur *c, const char *what)
{
    if (!need(c, 1, what))
        return 0;
    return c->p[c->pos++];
}

static uint32_t cur_u32(struct cur *c, const char *what)
{
    if (!need(c, 4, what))
        return 0;
    uint32_t v = get32(c->p + c->pos);
    c->pos += 4;
    return v;
}

static uint64_t cur_u64(struct cur *c, const char *what)
{
    if (!need(c, 8, what))
        return 0;
    uint64_t v = get64(c->p + c->pos);
    c->pos += 8;
    return v;
}

static void cur_bytes(struct cur *c, void *out, uint32_t n, const char *what)
{
    if (!need(c, n, what))
        return;
    memcpy(out, c->p + c->pos, n);
    c->pos += n;
}

/* n bytes as a NUL-terminated string (NULL on failure). */
static char *cur_text(struct cur *c, uint32_t n, const char *what)
{
    if (!need(c, n, what))
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s) {
        c->ok = rfail(c->r, cur_at(c), "%s: out of memory for %s", c->chunk, what);
        return NULL;
    }
    memcpy(s, c->p + c->pos, n);
    s[n] = '\0';
    c->pos += n;
    return s;
}

static char *cur_str(struct cur *c, const char *what)
{
    if (!need(c, 2, what))
        return NULL;
    uint16_t n = get16(c->p + c->pos);
    c->pos += 2;
    return cur_text(c, n, what);
}

/* A u32 count and a zeroed array for it.  The count is checked against
 * the bytes left (each element takes at least min_size) before anything
 * is allocated, so a lying count is an error, not a huge calloc.  *count
 * is set only with the array, so rec_header_free never walks a NULL. */
static void *cur_array(struct cur *c, uint32_t *count, size_t elem, uint32_t min_size,
                       const char *what)
{
    uint64_t at = cur_at(c);
    uint32_t n = cur_u32(c, what);
    if (!c->ok || n == 0)
        return NULL;
    uint32_t left = c->len - c->pos;
    if ((uint64_t)n * min_size > left) {
        c->ok = rfail(c->r, at,
                      "%s: %" PRIu32 " %s cannot fit in the %" PRIu32
                      " bytes left of the chunk",
                      c->chunk, n, what, left);
        return NULL;
    }
    void *a = calloc(n, elem);
    if (!a) {
        c->ok = rfail(c->r, at, "%s: out of memory for %" PRIu32 " %s", c->chunk, n, what);
        return NULL;
    }
    *count = n;
    return a;
}

static void read_partitions(struct cur *c, struct rec_header *h)
{
    h->partitions = cur_array(c, &h->num_partitions, sizeof *h->partitions,
                              MIN_PARTITION, "partitions");
    for (uint32_t i = 0; c->ok && i < h->num_partitions; i++) {
        struct rec_partition *pt = &h->partitions[i];
        pt->name = cur_str(c, "a partition name");
        pt->elf = cur_str(c, "a partition's ELF name");
        cur_bytes(c, pt->elf_sha256, REC_HASH_SIZE, "a partition's ELF hash");
        pt->processes = cur_array(c, &pt->num_processes, sizeof *pt->processes,
                                  MIN_PROCESS, "processes");
        for (uint32_t j = 0; c->ok && j < pt->num_processes; j++)
            pt->processes[j].name = cur_str(c, "a process name");
    }
}

static void read_schedules(struct cur *c, struct rec_header *h)
{
    h->major_frames = cur_array(c, &h->num_schedules, sizeof *h->major_frames, MIN_FRAME,
                                "schedules");
    for (uint32_t i = 0; c->ok && i < h->num_schedules; i++)
        h->major_frames[i] = cur_u64(c, "a major frame");
    h->initial_schedule = cur_u32(c, "the initial schedule");
    h->windows = cur_array(c, &h->num_windows, sizeof *h->windows, MIN_WINDOW, "windows");
    for (uint32_t i = 0; c->ok && i < h->num_windows; i++) {
        struct rec_window *win = &h->windows[i];
        win->schedule = cur_u8(c, "a window's schedule");
        win->partition = cur_u8(c, "a window's partition");
        win->offset = cur_u64(c, "a window's offset");
        win->duration = cur_u64(c, "a window's duration");
    }
}

static struct rec_named *read_named(struct cur *c, uint32_t *count, const char *what)
{
    struct rec_named *v = cur_array(c, count, sizeof *v, MIN_NAMED, what);
    for (uint32_t i = 0; c->ok && i < *count; i++) {
        v[i].name = cur_str(c, what);
        v[i].index = cur_u32(c, what);
    }
    return v;
}

/* The version comes first and is checked before any other field: a newer
 * file may lay out everything after it differently. */
static bool read_version(struct cur *c, struct rec_header *h)
{
    uint64_t at = cur_at(c);
    h->version = cur_u32(c, "the format version");
    if (!c->ok)
        return false;
    if (h->version > REC_FORMAT_VERSION)
        return c->ok = rfail(c->r, at,
                             "recording format version %" PRIu32
                             " is newer than this build reads (%u)",
                             h->version, REC_FORMAT_VERSION);
    if (h->version < REC_FORMAT_VERSION)
        return c->ok = rfail(c->r, at,
                             "recording format version %" PRIu32
                             " is older than this build reads (%u): record the run again",
                             h->version, REC_FORMAT_VERSION);
    return true;
}

static void read_head_fields(struct cur *c, struct rec_header *h)
{
    if (!read_version(c, h))
        return;
    h->trace_version = cur_u32(c, "the trace version");
    h->app = cur_str(c, "the app name");
    h->board = cur_str(c, "the board name");
    h->cpu = cur_str(c, "the cpu name");
    h->clock_hz = cur_u64(c, "the clock");
    h->kernel_entry_cycles = cur_u32(c, "the kernel entry cost");
    h->limit = cur_u64(c, "the limit");
    cur_bytes(c, h->config_sha256, REC_HASH_SIZE, "the config hash");
    cur_bytes(c, h->sim_sha256, REC_HASH_SIZE, "the simulator hash");
    read_partitions(c, h);
    read_schedules(c, h);
    h->ports = read_named(c, &h->num_ports, "ports");
    h->irqs = read_named(c, &h->num_irqs, "irqs");
}

static struct cur cursor(struct rec_reader *r, const char *chunk)
{
    return (struct cur){.r = r, .chunk = chunk, .p = r->chunk, .len = r->len,
                        .base = r->chunk_offset + CHUNK_HEADER, .ok = true};
}

/* Every byte of the payload must have been a field. */
static bool cur_done(struct cur *c)
{
    if (c->ok && c->pos != c->len)
        c->ok = rfail(c->r, cur_at(c), "%s: %" PRIu32 " bytes after its last field",
                      c->chunk, c->len - c->pos);
    return c->ok;
}

static bool read_head(struct rec_reader *r, struct rec_header *h)
{
    uint32_t type;
    char name[12];
    if (!read_chunk(r, &type))
        return false;
    if (type != T_HEAD)
        return rfail(r, r->chunk_offset, "no HEAD chunk: the first chunk is '%s'",
                     type_name(type, name));
    struct cur c = cursor(r, "HEAD");
    read_head_fields(&c, h);
    if (!cur_done(&c))
        return false;
    char why[200];
    if (!header_consistent(h, why, sizeof why))
        return rfail(r, r->chunk_offset, "HEAD: %s", why);
    r->pos = r->len; /* consumed */
    return true;
}

static bool read_scen(struct rec_reader *r, struct rec_header *h)
{
    struct cur c = cursor(r, "SCEN");
    h->scenario_name = cur_str(&c, "the scenario name");
    uint32_t n = cur_u32(&c, "the scenario text's length");
    h->scenario_text = cur_text(&c, n, "the scenario text");
    h->scenario_len = h->scenario_text ? n : 0;
    r->pos = r->len;
    return cur_done(&c);
}

void rec_header_free(struct rec_header *h)
{
    free(h->app);
    free(h->board);
    free(h->cpu);
    for (uint32_t i = 0; h->partitions && i < h->num_partitions; i++) {
        struct rec_partition *pt = &h->partitions[i];
        free(pt->name);
        free(pt->elf);
        for (uint32_t j = 0; pt->processes && j < pt->num_processes; j++)
            free(pt->processes[j].name);
        free(pt->processes);
    }
    free(h->partitions);
    free(h->major_frames);
    free(h->windows);
    for (uint32_t i = 0; h->ports && i < h->num_ports; i++)
        free(h->ports[i].name);
    free(h->ports);
    for (uint32_t i = 0; h->irqs && i < h->num_irqs; i++)
        free(h->irqs[i].name);
    free(h->irqs);
    free(h->scenario_name);
    free(h->scenario_text);
    memset(h, 0, sizeof *h);
}

/* --- reading: END and the chunk sequence ----------------------------------- */

/* END's totals must match the records read, and nothing may follow it. */
static bool read_end(struct rec_reader *r)
{
    uint64_t at = r->chunk_offset;
    if (r->len != END_SIZE)
        return rfail(r, at, "END chunk of %" PRIu32 " bytes, expected %u", r->len,
                     END_SIZE);
    const uint8_t *p = r->chunk;
    struct rec_end e = {.cycle = get64(p), .insns = get64(p + 8), .events = get64(p + 16),
                        .inputs = get64(p + 24), .host_inputs = get64(p + 32),
                        .halted = p[40]};
    if (e.halted > 1)
        return rfail(r, at, "END: halted flag is %u (0 or 1)", e.halted);
    if (e.events != r->events || e.inputs != r->inputs || e.host_inputs != r->host_inputs)
        return rfail(r, at,
                     "END counts %" PRIu64 " events, %" PRIu64 " inputs, %" PRIu64
                     " host inputs; the file holds %" PRIu64 ", %" PRIu64 ", %" PRIu64,
                     e.events, e.inputs, e.host_inputs, r->events, r->inputs,
                     r->host_inputs);
    if (fgetc(r->f) != EOF)
        return rfail(r, r->next, "trailing bytes after the END chunk at offset %" PRIu64,
                     at);
    if (ferror(r->f))
        return rfail(r, r->next, "read error: %s", strerror(errno));
    r->end = e;
    r->at_end = true;
    r->pos = r->len;
    return true;
}

/* What a chunk after HEAD (and SCEN) may be: DATA, whose records are then
 * read from r->chunk, or END. */
static bool take_chunk(struct rec_reader *r, uint32_t type)
{
    char name[12];
    switch (type) {
    case T_DATA:
        return true;
    case T_END:
        return read_end(r);
    case T_HEAD:
        return rfail(r, r->chunk_offset, "a second HEAD chunk");
    case T_SCEN:
        return rfail(r, r->chunk_offset, "SCEN chunk not directly after HEAD");
    default:
        return rfail(r, r->chunk_offset, "unknown chunk type '%s'", type_name(type, name));
    }
}

static bool next_chunk(struct rec_reader *r)
{
    uint32_t type;
    return read_chunk(r, &type) && take_chunk(r, type);
}

/* The chunk after HEAD: SCEN when the run had a scenario, else the first
 * DATA (kept for rec_reader_next) or END. */
static bool read_after_head(struct rec_reader *r, struct rec_header *h)
{
    uint32_t type;
    if (!read_chunk(r, &type))
        return false;
    if (type == T_SCEN)
        return read_scen(r, h);
    return take_chunk(r, type);
}

static bool read_magic(struct rec_reader *r)
{
    char magic[MAGIC_SIZE];
    size_t n = fread(magic, 1, MAGIC_SIZE, r->f);
    if (n < MAGIC_SIZE && ferror(r->f))
        return rfail(r, 0, "read error: %s", strerror(errno));
    if (n < MAGIC_SIZE || memcmp(magic, REC_MAGIC, MAGIC_SIZE) != 0)
        return rfail(r, 0, "not a recording (bad magic)");
    r->next = MAGIC_SIZE;
    return true;
}

bool rec_reader_open(struct rec_reader *r, const char *path, struct rec_header *h,
                     char *err, unsigned errlen)
{
    memset(r, 0, sizeof *r);
    memset(h, 0, sizeof *h);
    if (!(r->path = strdup(path)))
        return open_fail(path, err, errlen, "out of memory");
    if (!(r->f = fopen(path, "rb"))) {
        open_fail(path, err, errlen, "%s", strerror(errno));
        rec_reader_close(r);
        return false;
    }
    if (read_magic(r) && read_head(r, h) && read_after_head(r, h))
        return true;
    snprintf(err, errlen, "%s", r->error);
    rec_header_free(h);
    rec_reader_close(r);
    return false;
}

/* --- reading: records ---------------------------------------------------- */

/* The record's size, once its kind (and an input's word count) is known
 * and checked; 0 after an error. */
static uint32_t record_size(struct rec_reader *r, const uint8_t *p, uint32_t left,
                            uint64_t at)
{
    switch (p[0]) {
    case REC_HOST_INPUT:
        return HOST_SIZE;
    case REC_INPUT: {
        if (left < INPUT_FIXED)
            return INPUT_FIXED; /* the caller reports it running past */
        uint32_t words = get32(p + INPUT_LEN_AT);
        if (words > REC_MAX_WORDS) {
            rfail(r, at, "input record with %" PRIu32 " words (at most %u)", words,
                  REC_MAX_WORDS);
            return 0;
        }
        return INPUT_FIXED + 4 * words;
    }
    default:
        rfail(r, at, "unknown record kind %u", p[0]);
        return 0;
    }
}

static void decode_input(const uint8_t *p, struct rec_input *in)
{
    in->stamp = get64(p + 1);
    in->cycle = get64(p + 9);
    in->kind = p[17];
    in->source = p[18];
    in->device = p[19];
    in->lost = p[20];
    in->file_line = get32(p + 21);
    in->value = get32(p + 25);
    in->len = get32(p + INPUT_LEN_AT);
    for (uint32_t i = 0; i < in->len; i++)
        in->words[i] = get32(p + INPUT_FIXED + 4 * i);
}

/* An event record: its size is known once it is decoded. */
static int read_event(struct rec_reader *r, const uint8_t *p, uint32_t left, uint64_t at,
                      struct rec_record *out)
{
    uint32_t size = left < 2 ? 2 : 1 + rec_event_length(p[1]);
    if (size > left) {
        rfail(r, at, "record of kind %u (%" PRIu32 " bytes) runs past its chunk (%" PRIu32
              " bytes left)", p[0], size, left);
        return -1;
    }
    rec_event_decode(p + 1, &out->event, &r->last_cycle);
    out->kind = REC_EVENT;
    out->offset = at;
    r->events++;
    r->pos += size;
    return 1;
}

static int read_record(struct rec_reader *r, struct rec_record *out)
{
    const uint8_t *p = r->chunk + r->pos;
    uint32_t left = r->len - r->pos;
    uint64_t at = r->chunk_offset + CHUNK_HEADER + r->pos;
    if (p[0] == REC_EVENT)
        return read_event(r, p, left, at, out);
    uint32_t size = record_size(r, p, left, at);
    if (size == 0)
        return -1;
    if (size > left) {
        rfail(r, at, "record of kind %u (%" PRIu32 " bytes) runs past its chunk (%" PRIu32
              " bytes left)", p[0], size, left);
        return -1;
    }
    memset(out, 0, sizeof *out);
    out->kind = (enum rec_kind)p[0];
    out->offset = at;
    if (p[0] == REC_HOST_INPUT) {
        out->host = (struct rec_host_input){.stamp = get64(p + 1), .device = p[9],
                                            .byte = p[10]};
        r->host_inputs++;
    } else {
        decode_input(p, &out->input);
        r->inputs++;
    }
    r->pos += size;
    return 1;
}

int rec_reader_next(struct rec_reader *r, struct rec_record *out)
{
    if (r->error[0] || !r->f)
        return -1;
    while (!r->at_end && r->pos == r->len) {
        if (!next_chunk(r))
            return -1;
    }
    if (r->at_end)
        return 0;
    return read_record(r, out);
}

void rec_reader_close(struct rec_reader *r)
{
    if (r->f)
        fclose(r->f);
    free(r->path);
    free(r->chunk);
    r->f = NULL;
    r->path = NULL;
    r->chunk = NULL;
    r->len = r->pos = r->cap = 0;
}

/* --- hashes ------------------------------------------------------------- */

void rec_sha256(const void *data, size_t len, uint8_t out[REC_HASH_SIZE])
{
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, len, data);
    sha256_digest(&ctx, REC_HASH_SIZE, out);
}

bool rec_sha256_file(const char *path, uint8_t out[REC_HASH_SIZE])
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    uint8_t buf[16384];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sha256_update(&ctx, n, buf);
    bool ok = !ferror(f);
    fclose(f);
    if (ok)
        sha256_digest(&ctx, REC_HASH_SIZE, out);
    return ok;
}

void rec_hash_hex(const uint8_t h[REC_HASH_SIZE], char out[2 * REC_HASH_SIZE + 1])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < REC_HASH_SIZE; i++) {
        out[2 * i] = digits[h[i] >> 4];
        out[2 * i + 1] = digits[h[i] & 15];
    }
    out[2 * REC_HASH_SIZE] = '\0';
}
