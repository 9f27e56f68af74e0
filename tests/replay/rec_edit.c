/*
 * rec_edit.c - the replay tests' knife for recordings (docs/formats.md,
 * "Recordings, version 1") and partition ELF files.  It reads the chunk
 * layout itself, from the documented format, never through
 * sim/replay/recording.c: the tests check the reader against what the
 * document says, so the knife must not share the reader's mistakes.
 *
 *   rec_edit chunks FILE
 *       one line per whole chunk: "chunk OFFSET TYPE LENGTH SEQ CRC_OK",
 *       then "size BYTES"
 *   rec_edit records FILE
 *       one line per record of the DATA chunks, in file order:
 *       "event OFFSET CYCLE TYPE PART THREAD FLAGS A0 A1 A2",
 *       "host OFFSET STAMP DEVICE BYTE",
 *       "input OFFSET STAMP CYCLE KIND DEVICE VALUE LEN"
 *   rec_edit head FILE
 *       HEAD's fields: "field NAME OFFSET SIZE" (offsets in the file);
 *       "partition NAME ELF HASH_OFFSET" for each partition
 *   rec_edit write IN OUT [--crc] OFFSET=VALUE...
 *       a copy with the values written (VALUE: u8:N, u16:N, u32:N, u64:N,
 *       or xor:N, which XORs the byte at OFFSET with N); --crc then
 *       recomputes the CRC of every chunk, so only the edit differs
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

static uint32_t chunk_crc(const uint8_t *hdr, uint32_t len)
{
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

static size_t record_size(const uint8_t *r, size_t left)
{
    switch (r[0]) {
    case 1: return 25;
    case 2: return 11;
    case 3: return left >= 33 ? 33 + 4 * (size_t)le(r + 29, 4) : 33;
    default: return 0;
    }
}

static void print_record(const uint8_t *r, size_t at)
{
    if (r[0] == 1)
        printf("event %zu %" PRIu64 " %u %u %u %u %" PRIu32 " %" PRIu32 " %" PRIu32 "\n", at,
               le(r + 1, 8), r[9], r[10], r[11], r[12], (uint32_t)le(r + 13, 4),
               (uint32_t)le(r + 17, 4), (uint32_t)le(r + 21, 4));
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
        while (at < end) {
            size_t n = record_size(b.p + at, end - at);
            if (n == 0 || n > end - at)
                die("%s: a record this tool cannot read", path);
            print_record(b.p + at, at);
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
    if ((!strcmp(cmd, "cut") || !strcmp(cmd, "pad")) && argc == 5)
        return cmd_cut(argv[2], argv[3], argv[4], cmd[0] == 'p');
    if (!strcmp(cmd, "elf-comment") && argc == 3)
        return cmd_elf_comment(argv[2]);
    fprintf(stderr, "usage: rec_edit chunks|records|head FILE | write IN OUT [--crc] "
                    "OFFSET=KIND:VALUE... | cut|pad IN OUT N | elf-comment ELF\n");
    return 1;
}
