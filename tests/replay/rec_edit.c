/*
 * rec_edit.c - the replay tests' knife for recordings (docs/formats.md,
 * "Recordings, version 2") and partition ELF files.  It reads the chunk
 * layout and the event encoding itself, from the documented format,
 * never through sim/replay (recording.c, event_codec.h): the tests check
 * the reader against what the document says, so the knife must not share
 * the reader's mistakes.  It uses xxHash and zlib for the checksums.
 *
 *   rec_edit chunks FILE
 *       one line per whole chunk: "chunk OFFSET TYPE LENGTH SEQ CRC_OK"
 *       (the checksum of its type: XXH3 for DATA, CRC-32 for the rest),
 *       then "size BYTES"
 *   rec_edit records FILE
 *       one line per record of the DATA chunks, in file order:
 *       "event OFFSET CYCLE TYPE PART THREAD FLAGS A0 A1 A2" (absolute
 *       cycle, arguments as u32),
 *       "host OFFSET STAMP DEVICE BYTE",
 *       "input OFFSET STAMP CYCLE KIND DEVICE VALUE LEN"
 *   rec_edit head FILE
 *       HEAD's fields: "field NAME OFFSET SIZE" (offsets in the file);
 *       "partition NAME ELF HASH_OFFSET" for each partition
 *   rec_edit write IN OUT [--crc] OFFSET=VALUE...
 *       a copy with the values written (VALUE: u8:N, u16:N, u32:N, u64:N,
 *       or xor:N, which XORs the byte at OFFSET with N); --crc then
 *       recomputes the checksum of every chunk, so only the edit differs
 *   rec_edit event IN OUT [--crc] OFFSET FIELD=VALUE...
 *       a copy with the event record at OFFSET changed, as a value: FIELD
 *       is cycle, type, part, thread, flags, a0, a1 or a2; VALUE is N,
 *       +N or -N (relative) or xor:N.  Its DATA chunk is decoded to
 *       absolute values and encoded again (its length may change; the
 *       header says the new one), so the other events keep their cycles;
 *       --crc as for write.  Prints the event's new "event ..." line (its
 *       offset is unchanged).
 *   rec_edit cut IN OUT LEN     the first LEN bytes of IN
 *   rec_edit pad IN OUT N       IN and N more bytes (0x00)
 *   rec_edit elf-comment ELF
 *       flips one byte of the .comment section in place (the loader never
 *       reads it), prints "comment OFFSET"
 *
 * Exit 0, or 1 with a message on stderr.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>
#include <zlib.h>

#define MAGIC "FENREC\r\n"
#define MAGIC_SIZE 8
#define CHUNK_HEADER 16

struct buf {
    uint8_t *p;
    size_t len;
};

static void die(const char *fmt, const char *arg)
{
    fprintf(stderr, "rec_edit: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(1);
}

static struct buf load(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open %s", path);
    struct buf b = {NULL, 0};
    size_t cap = 0;
    for (;;) {
        if (b.len == cap) {
            cap = cap ? 2 * cap : 65536;
            b.p = realloc(b.p, cap);
            if (!b.p)
                die("out of memory reading %s", path);
        }
        size_t got = fread(b.p + b.len, 1, cap - b.len, f);
        if (got == 0)
            break;
        b.len += got;
    }
    if (ferror(f))
        die("cannot read %s", path);
    fclose(f);
    return b;
}

static void save(const char *path, const uint8_t *p, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || (len && fwrite(p, 1, len, f) != len) || fclose(f) != 0)
        die("cannot write %s", path);
}

static uint64_t le(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = n; i-- > 0;)
        v = v << 8 | p[i];
    return v;
}

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++, v >>= 8)
        p[i] = (uint8_t)v;
}

static uint64_t number(const char *s)
{
    char *end;
    uint64_t v = strtoull(s, &end, 0);
    if (!*s || *end)
        die("'%s' is not a number", s);
    return v;
}

/* ----------------------------------------------------------------------
 * chunks
 * ---------------------------------------------------------------------- */

struct chunk {
    size_t at; /* offset of the header */
    char type[5];
    uint32_t len, seq, crc;
    int crc_ok;
};

/* The checksum of the chunk whose header is at hdr (payload behind it):
 * DATA's is XXH3-64's low half, seeded with the header's type and length
 * (a u64) XOR its sequence number; the others' CRC-32 of header bytes
 * 0-11 and the payload. */
static uint32_t chunk_crc(const uint8_t *hdr, uint32_t len)
{
    if (memcmp(hdr, "DATA", 4) == 0) {
        uint64_t seed = le(hdr, 8) ^ le(hdr + 8, 4);
        return (uint32_t)XXH3_64bits_withSeed(hdr + CHUNK_HEADER, len, seed);
    }
    uLong c = crc32(0L, Z_NULL, 0);
    c = crc32(c, hdr, 12);
    return (uint32_t)crc32(c, hdr + CHUNK_HEADER, len);
}

/* The chunk at *pos if it is whole; advances *pos past it. */
static int next_chunk(const struct buf *b, size_t *pos, struct chunk *c)
{
    if (*pos + CHUNK_HEADER > b->len)
        return 0;
    const uint8_t *h = b->p + *pos;
    uint32_t len = (uint32_t)le(h + 4, 4);
    if (len > b->len - *pos - CHUNK_HEADER)
        return 0;
    c->at = *pos;
    memcpy(c->type, h, 4);
    c->type[4] = '\0';
    for (int i = 0; i < 4; i++)
        if (c->type[i] == ' ')
            c->type[i] = '_';
    c->len = len;
    c->seq = (uint32_t)le(h + 8, 4);
    c->crc = (uint32_t)le(h + 12, 4);
    c->crc_ok = chunk_crc(h, len) == c->crc;
    *pos += CHUNK_HEADER + len;
    return 1;
}

static void check_magic(const struct buf *b, const char *path)
{
    if (b->len < MAGIC_SIZE || memcmp(b->p, MAGIC, MAGIC_SIZE) != 0)
        die("%s: not a recording", path);
}

static int cmd_chunks(const char *path)
{
    struct buf b = load(path);
    check_magic(&b, path);
    size_t pos = MAGIC_SIZE;
    struct chunk c;
    while (next_chunk(&b, &pos, &c))
        printf("chunk %zu %s %" PRIu32 " %" PRIu32 " %d\n", c.at, c.type, c.len, c.seq,
               c.crc_ok);
    printf("size %zu\n", b.len);
    free(b.p);
    return 0;
}

/* ----------------------------------------------------------------------
 * records
 * ---------------------------------------------------------------------- */

/* An event record after decoding: absolute values. */
struct event {
    uint64_t cycle;
    uint8_t type, part, thread, flags;
    uint32_t a[3];
};

/* Width codes (two bits of the sizes byte) -> bytes. */
static const unsigned cycle_bytes[4] = {1, 2, 4, 8};
static const unsigned arg_bytes[4] = {0, 1, 2, 4};

/* The bytes of the event record whose sizes byte is s, kind byte included. */
static size_t event_size(uint8_t s)
{
    return 6 + cycle_bytes[s & 3] + arg_bytes[s >> 2 & 3] + arg_bytes[s >> 4 & 3] +
           arg_bytes[s >> 6 & 3];
}

/* The event record at r (kind byte first) into *e; *last is the previous
 * event's cycle in the chunk (0 at its start) and becomes this one's.
 * Its size, or 0 when it runs past the left bytes of its chunk. */
static size_t event_decode(const uint8_t *r, size_t left, uint64_t *last, struct event *e)
{
    if (left < 2 || event_size(r[1]) > left)
        return 0;
    uint8_t s = r[1];
    e->type = r[2];
    e->part = r[3];
    e->thread = r[4];
    e->flags = r[5];
    const uint8_t *p = r + 6;
    uint64_t z = le(p, cycle_bytes[s & 3]);
    p += cycle_bytes[s & 3];
    e->cycle = *last + ((z >> 1) ^ (0 - (z & 1))); /* unzigzag, mod 2^64 */
    *last = e->cycle;
    for (int i = 0; i < 3; i++) {
        unsigned w = arg_bytes[s >> (2 + 2 * i) & 3];
        uint32_t za = (uint32_t)le(p, w);
        p += w;
        e->a[i] = (za >> 1) ^ (0u - (za & 1));
    }
    return event_size(s);
}

/* The narrowest width code whose bytes hold v. */
static unsigned width_code(uint64_t v, const unsigned bytes[4])
{
    unsigned c = 0;
    while (c < 3 && bytes[c] < 8 && v >> (8 * bytes[c]))
        c++;
    return c;
}

/* Encodes e as a record at out, kind byte first, after the event of cycle
 * *last (updated); its size. */
static size_t event_encode(uint8_t *out, const struct event *e, uint64_t *last)
{
    uint64_t d = e->cycle - *last;
    uint64_t zd = (d << 1) ^ (0 - (d >> 63));
    *last = e->cycle;
    unsigned cd = width_code(zd, cycle_bytes);
    uint8_t *p = out + 6;
    put_le(p, zd, cycle_bytes[cd]);
    p += cycle_bytes[cd];
    uint8_t sizes = (uint8_t)cd;
    for (int i = 0; i < 3; i++) {
        uint32_t za = (e->a[i] << 1) ^ (0u - (e->a[i] >> 31));
        unsigned c = width_code(za, arg_bytes);
        put_le(p, za, arg_bytes[c]);
        p += arg_bytes[c];
        sizes |= (uint8_t)(c << (2 + 2 * i));
    }
    out[0] = 1;
    out[1] = sizes;
    out[2] = e->type;
    out[3] = e->part;
    out[4] = e->thread;
    out[5] = e->flags;
    return (size_t)(p - out);
}

/* The size of the record at r (an event decoded into *e), or 0 when it
 * is of no known kind or runs past the left bytes of its chunk. */
static size_t record_at(const uint8_t *r, size_t left, uint64_t *last, struct event *e)
{
    size_t n;
    switch (r[0]) {
    case 1: return event_decode(r, left, last, e);
    case 2: n = 11; break;
    case 3: n = left >= 33 ? 33 + 4 * (size_t)le(r + 29, 4) : 33; break;
    default: return 0;
    }
    return n <= left ? n : 0;
}

static void print_event(size_t at, const struct event *e)
{
    printf("event %zu %" PRIu64 " %u %u %u %u %" PRIu32 " %" PRIu32 " %" PRIu32 "\n", at,
           e->cycle, e->type, e->part, e->thread, e->flags, e->a[0], e->a[1], e->a[2]);
}

static void print_record(const uint8_t *r, size_t at, const struct event *e)
{
    if (r[0] == 1)
        print_event(at, e);
    else if (r[0] == 2)
        printf("host %zu %" PRIu64 " %u %u\n", at, le(r + 1, 8), r[9], r[10]);
    else
        printf("input %zu %" PRIu64 " %" PRIu64 " %u %u %" PRIu32 " %" PRIu32 "\n", at,
               le(r + 1, 8), le(r + 9, 8), r[17], r[19], (uint32_t)le(r + 25, 4),
               (uint32_t)le(r + 29, 4));
}

static int cmd_records(const char *path)
{
    struct buf b = load(path);
    check_magic(&b, path);
    size_t pos = MAGIC_SIZE;
    struct chunk c;
    while (next_chunk(&b, &pos, &c)) {
        if (strcmp(c.type, "DATA") != 0)
            continue;
        size_t at = c.at + CHUNK_HEADER, end = at + c.len;
        uint64_t last = 0; /* each chunk's cycles start from 0 */
        while (at < end) {
            struct event e;
            size_t n = record_at(b.p + at, end - at, &last, &e);
            if (n == 0)
                die("%s: a record this tool cannot read", path);
            print_record(b.p + at, at, &e);
            at += n;
        }
    }
    free(b.p);
    return 0;
}

/* ----------------------------------------------------------------------
 * HEAD's fields
 * ---------------------------------------------------------------------- */

struct cursor {
    const uint8_t *p;
    size_t at, end;
};

static size_t field(struct cursor *c, const char *name, size_t size)
{
    if (c->at + size > c->end)
        die("HEAD ends inside %s", name);
    if (name)
        printf("field %s %zu %zu\n", name, c->at, size);
    size_t at = c->at;
    c->at += size;
    return at;
}

static size_t string(struct cursor *c, const char *name, char *out, size_t outlen)
{
    size_t at = field(c, NULL, 2);
    size_t n = (size_t)le(c->p + at, 2);
    if (name)
        printf("field %s %zu %zu\n", name, at, 2 + n);
    size_t s = field(c, NULL, n);
    if (out) {
        size_t k = n < outlen - 1 ? n : outlen - 1;
        memcpy(out, c->p + s, k);
        out[k] = '\0';
    }
    return at;
}

static int cmd_head(const char *path)
{
    struct buf b = load(path);
    check_magic(&b, path);
    size_t pos = MAGIC_SIZE;
    struct chunk ch;
    if (!next_chunk(&b, &pos, &ch) || strcmp(ch.type, "HEAD") != 0)
        die("%s: no whole HEAD chunk first", path);
    struct cursor c = {b.p, ch.at + CHUNK_HEADER, ch.at + CHUNK_HEADER + ch.len};
    field(&c, "version", 4);
    field(&c, "trace_version", 4);
    string(&c, "app", NULL, 0);
    string(&c, "board", NULL, 0);
    string(&c, "cpu", NULL, 0);
    field(&c, "clock_hz", 8);
    field(&c, "kernel_entry_cycles", 4);
    field(&c, "limit", 8);
    field(&c, "config_sha256", 32);
    field(&c, "sim_sha256", 32);
    uint32_t parts = (uint32_t)le(b.p + field(&c, "num_partitions", 4), 4);
    for (uint32_t i = 0; i < parts; i++) {
        char name[256], elf[256];
        string(&c, NULL, name, sizeof name);
        string(&c, NULL, elf, sizeof elf);
        size_t hash = field(&c, NULL, 32);
        printf("partition %s %s %zu\n", name, elf, hash);
        uint32_t procs = (uint32_t)le(b.p + field(&c, NULL, 4), 4);
        for (uint32_t k = 0; k < procs; k++)
            string(&c, NULL, NULL, 0);
    }
    free(b.p);
    return 0;
}

/* ----------------------------------------------------------------------
 * editing
 * ---------------------------------------------------------------------- */

static void fix_crcs(struct buf *b)
{
    size_t pos = MAGIC_SIZE;
    struct chunk c;
    while (next_chunk(b, &pos, &c))
        put_le(b->p + c.at + 12, chunk_crc(b->p + c.at, c.len), 4);
}

static void apply(struct buf *b, const char *edit)
{
    char *eq = strchr(edit, '=');
    char *colon = eq ? strchr(eq, ':') : NULL;
    if (!eq || !colon)
        die("'%s' is not OFFSET=KIND:VALUE", edit);
    char off[32];
    snprintf(off, sizeof off, "%.*s", (int)(eq - edit), edit);
    size_t at = (size_t)number(off);
    uint64_t v = number(colon + 1);
    unsigned size = !strncmp(eq + 1, "u8:", 3) || !strncmp(eq + 1, "xor:", 4) ? 1
                    : !strncmp(eq + 1, "u16:", 4) ? 2
                    : !strncmp(eq + 1, "u32:", 4) ? 4
                    : !strncmp(eq + 1, "u64:", 4) ? 8 : 0;
    if (!size)
        die("'%s': the kind is u8, u16, u32, u64 or xor", edit);
    if (at + size > b->len)
        die("'%s' is past the end of the file", edit);
    if (!strncmp(eq + 1, "xor:", 4))
        b->p[at] ^= (uint8_t)v;
    else
        put_le(b->p + at, v, size);
}

static int cmd_write(int argc, char **argv)
{
    struct buf b = load(argv[0]);
    int crc = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--crc"))
            crc = 1;
        else
            apply(&b, argv[i]);
    }
    if (crc)
        fix_crcs(&b);
    save(argv[1], b.p, b.len);
    free(b.p);
    return 0;
}

/* --- event: an edit of values, the chunk encoded again ------------------- */

/* FIELD=VALUE applied to e (VALUE: N, +N, -N or xor:N). */
static void event_edit(struct event *e, const char *edit)
{
    static const char *const names[] = {"cycle", "type", "part", "thread",
                                        "flags", "a0",   "a1",   "a2"};
    const char *eq = strchr(edit, '=');
    int f = 0;
    while (f < 8 && (!eq || strlen(names[f]) != (size_t)(eq - edit) ||
                     strncmp(edit, names[f], (size_t)(eq - edit)) != 0))
        f++;
    if (f == 8)
        die("'%s' is not FIELD=VALUE with FIELD cycle, type, part, thread, flags, a0, "
            "a1 or a2", edit);
    uint8_t *bytes[] = {&e->type, &e->part, &e->thread, &e->flags};
    uint64_t old = f == 0 ? e->cycle : f < 5 ? *bytes[f - 1] : e->a[f - 5];
    const char *v = eq + 1;
    uint64_t now = !strncmp(v, "xor:", 4) ? old ^ number(v + 4)
                   : v[0] == '+'          ? old + number(v + 1)
                   : v[0] == '-'          ? old - number(v + 1)
                                          : number(v);
    if (f == 0) {
        e->cycle = now;
    } else if (f < 5) {
        if (now > 0xff)
            die("'%s': the value does not fit the byte", edit);
        *bytes[f - 1] = (uint8_t)now;
    } else {
        if (v[0] != '+' && v[0] != '-' && now > UINT32_MAX)
            die("'%s': the value does not fit 32 bits", edit);
        e->a[f - 5] = (uint32_t)now; /* relative: modulo 2^32, as the kernel's u32 */
    }
}

/* The DATA payload p (len bytes) encoded again into out, with the event
 * at payload offset edit_at (none: SIZE_MAX) changed by the edits; its
 * length, SIZE_MAX when a record cannot be read.  *found: the edited
 * event's new values, when *found_ok. */
static size_t chunk_encode(const uint8_t *p, size_t len, uint8_t *out, size_t edit_at,
                           char **edits, int nedits, struct event *found, int *found_ok)
{
    uint64_t last_in = 0, last_out = 0;
    size_t o = 0;
    *found_ok = 0;
    for (size_t at = 0; at < len;) {
        struct event e;
        size_t n = record_at(p + at, len - at, &last_in, &e);
        if (n == 0)
            return SIZE_MAX;
        if (p[at] != 1) {
            memcpy(out + o, p + at, n);
            o += n;
        } else {
            if (at == edit_at) {
                for (int i = 0; i < nedits; i++)
                    event_edit(&e, edits[i]);
                *found = e;
                *found_ok = 1;
            }
            o += event_encode(out + o, &e, &last_out);
        }
        at += n;
    }
    return o;
}

static int cmd_event(int argc, char **argv)
{
    struct buf b = load(argv[0]);
    check_magic(&b, argv[0]);
    char **args = argv + 2; /* OFFSET and the edits, --crc taken out */
    int nargs = 0, crc = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--crc"))
            crc = 1;
        else
            args[nargs++] = argv[i];
    }
    if (nargs < 2)
        die("event: expected %s", "OFFSET FIELD=VALUE...");
    size_t off = (size_t)number(args[0]);
    size_t pos = MAGIC_SIZE;
    struct chunk c;
    int in = 0;
    while (!in && next_chunk(&b, &pos, &c))
        in = !strcmp(c.type, "DATA") && off >= c.at + CHUNK_HEADER &&
             off < c.at + CHUNK_HEADER + c.len;
    if (!in)
        die("event: offset %s is not inside a whole DATA chunk", args[0]);
    const uint8_t *payload = b.p + c.at + CHUNK_HEADER;
    /* An event grows to at most 26 bytes, and a record takes at least 6. */
    uint8_t *out = malloc(5 * (size_t)c.len + 64);
    if (!out)
        die("out of memory for %s", args[0]);
    struct event e;
    int found;
    /* Unedited, the chunk must come out as it is (the narrowest widths
     * docs/formats.md asks for): else more than the edit would change. */
    size_t n = chunk_encode(payload, c.len, out, SIZE_MAX, NULL, 0, &e, &found);
    if (n == SIZE_MAX)
        die("event: a record this tool cannot read in the DATA chunk holding %s", args[0]);
    if (n != c.len || memcmp(out, payload, n) != 0)
        die("event: the DATA chunk holding %s is not in the narrowest encoding", args[0]);
    n = chunk_encode(payload, c.len, out, off - c.at - CHUNK_HEADER, args + 1, nargs - 1,
                     &e, &found);
    if (!found)
        die("event: no event record starts at offset %s", args[0]);
    size_t tail = c.at + CHUNK_HEADER + c.len;
    struct buf nb = {malloc(b.len - c.len + n), b.len - c.len + n};
    if (!nb.p)
        die("out of memory for %s", args[0]);
    memcpy(nb.p, b.p, c.at + CHUNK_HEADER);
    memcpy(nb.p + c.at + CHUNK_HEADER, out, n);
    memcpy(nb.p + c.at + CHUNK_HEADER + n, b.p + tail, b.len - tail);
    put_le(nb.p + c.at + 4, n, 4);
    if (crc)
        fix_crcs(&nb);
    save(argv[1], nb.p, nb.len);
    print_event(off, &e);
    free(out);
    free(nb.p);
    free(b.p);
    return 0;
}

static int cmd_cut(const char *in, const char *out, const char *len, int pad)
{
    struct buf b = load(in);
    size_t n = (size_t)number(len);
    if (pad) {
        b.p = realloc(b.p, b.len + n + 1);
        if (!b.p)
            die("out of memory for %s", len);
        memset(b.p + b.len, 0, n);
        b.len += n;
    } else if (n > b.len) {
        die("%s is longer than the file", len);
    } else {
        b.len = n;
    }
    save(out, b.p, b.len);
    free(b.p);
    return 0;
}

/* ----------------------------------------------------------------------
 * ELF: a byte nobody loads
 * ---------------------------------------------------------------------- */

static int cmd_elf_comment(const char *path)
{
    struct buf b = load(path);
    if (b.len < 52 || memcmp(b.p, "\x7f" "ELF\x01\x01", 6) != 0)
        die("%s: not a 32-bit little-endian ELF file", path);
    size_t shoff = (size_t)le(b.p + 0x20, 4), shentsize = (size_t)le(b.p + 0x2e, 2);
    size_t shnum = (size_t)le(b.p + 0x30, 2), shstrndx = (size_t)le(b.p + 0x32, 2);
    if (shentsize < 40 || shstrndx >= shnum || shoff + shnum * shentsize > b.len)
        die("%s: bad section header table", path);
    const uint8_t *strs = b.p + shoff + shstrndx * shentsize;
    size_t stroff = (size_t)le(strs + 16, 4), strsize = (size_t)le(strs + 20, 4);
    for (size_t i = 0; i < shnum; i++) {
        const uint8_t *sh = b.p + shoff + i * shentsize;
        size_t name = (size_t)le(sh, 4), off = (size_t)le(sh + 16, 4);
        size_t size = (size_t)le(sh + 20, 4);
        if (name + 9 > strsize || stroff + strsize > b.len ||
            memcmp(b.p + stroff + name, ".comment", 9) != 0)
            continue;
        if (size < 2 || off + size > b.len)
            die("%s: .comment is empty or outside the file", path);
        size_t at = off + size / 2;
        b.p[at] ^= 0x20; /* a letter changes case, a space becomes a NUL */
        save(path, b.p, b.len);
        printf("comment %zu\n", at);
        free(b.p);
        return 0;
    }
    die("%s: no .comment section", path);
    return 1;
}

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : "";
    if (!strcmp(cmd, "chunks") && argc == 3)
        return cmd_chunks(argv[2]);
    if (!strcmp(cmd, "records") && argc == 3)
        return cmd_records(argv[2]);
    if (!strcmp(cmd, "head") && argc == 3)
        return cmd_head(argv[2]);
    if (!strcmp(cmd, "write") && argc >= 5)
        return cmd_write(argc - 2, argv + 2);
    if (!strcmp(cmd, "event") && argc >= 6)
        return cmd_event(argc - 2, argv + 2);
    if ((!strcmp(cmd, "cut") || !strcmp(cmd, "pad")) && argc == 5)
        return cmd_cut(argv[2], argv[3], argv[4], cmd[0] == 'p');
    if (!strcmp(cmd, "elf-comment") && argc == 3)
        return cmd_elf_comment(argv[2]);
    fprintf(stderr, "usage: rec_edit chunks|records|head FILE | write IN OUT [--crc] "
                    "OFFSET=KIND:VALUE... | event IN OUT [--crc] OFFSET FIELD=VALUE... | "
                    "cut|pad IN OUT N | elf-comment ELF\n");
    return 1;
}
