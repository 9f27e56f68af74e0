/* stimulus_file.c - scenario files (see stimulus_file.h, docs/devices.md). */
#include "stimulus_file.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const sim_stim_kind_names[SIM_STIM_KINDS] = {"data", "uart", "irq",
                                                         "buttons"};

/* The device type each kind feeds (irq feeds the NVIC, no device). */
static const char *const kind_device_type[SIM_STIM_KINDS] = {"stimulus", "cmsdk-uart",
                                                             NULL, "fpgaio"};

__extension__ typedef unsigned __int128 u128;

/* --- the parser's state and its messages -------------------------------- */

struct parser {
    const char *name;
    const struct cfg_board *b;
    struct sim_stimulus_file *f;
    const char *line; /* the current line, without its newline */
    size_t len;
    size_t pos;       /* next byte to read in it */
    uint32_t lineno;
    uint64_t prev;    /* the previous input's cycle, and its line */
    uint32_t prev_line;
    char *err;
    unsigned errlen;
};

/* A word of the line: [start, end); quoted strings keep their quotes. */
struct token {
    size_t start, end;
    bool quoted;
};

/* Records "name:line:column: message" (column of byte `at`, from 1). */
__attribute__((format(printf, 3, 4)))
static bool fail(struct parser *p, size_t at, const char *fmt, ...)
{
    int n = snprintf(p->err, p->errlen, "%s:%" PRIu32 ":%zu: ", p->name, p->lineno,
                     at + 1);
    if (n < 0 || (unsigned)n >= p->errlen)
        return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err + n, p->errlen - (unsigned)n, fmt, ap);
    va_end(ap);
    return false;
}

/* The token's text for a message, shortened if long. */
static const char *text(const struct parser *p, const struct token *t, char *buf,
                        size_t size)
{
    size_t n = t->end - t->start;
    if (n >= size)
        n = size - 4;
    memcpy(buf, p->line + t->start, n);
    strcpy(buf + n, n < t->end - t->start ? "..." : "");
    return buf;
}

/* --- tokens ------------------------------------------------------------ */

enum tok { TOK_NONE, TOK_OK, TOK_ERROR };

static void skip_blanks(struct parser *p)
{
    while (p->pos < p->len && (p->line[p->pos] == ' ' || p->line[p->pos] == '\t' ||
                               p->line[p->pos] == '\r'))
        p->pos++;
}

/* The next token: a quoted string (to its closing quote, escapes skipped)
 * or a bare word (to a blank or '#').  TOK_NONE at the end of the line or
 * of its code (a comment). */
static enum tok next_token(struct parser *p, struct token *t)
{
    skip_blanks(p);
    if (p->pos >= p->len || p->line[p->pos] == '#')
        return TOK_NONE;
    t->start = p->pos;
    t->quoted = p->line[p->pos] == '"';
    if (t->quoted) {
        size_t i = p->pos + 1;
        while (i < p->len && p->line[i] != '"')
            i += p->line[i] == '\\' ? 2 : 1;
        if (i >= p->len) {
            fail(p, t->start, "unterminated string (no closing '\"' on this line)");
            return TOK_ERROR;
        }
        p->pos = i + 1;
    } else {
        while (p->pos < p->len && p->line[p->pos] != ' ' && p->line[p->pos] != '\t' &&
               p->line[p->pos] != '\r' && p->line[p->pos] != '#')
            p->pos++;
    }
    t->end = p->pos;
    return TOK_OK;
}

/* Nothing may follow the last argument but blanks and a comment. */
static bool line_ends(struct parser *p, const char *after)
{
    struct token t;
    enum tok k = next_token(p, &t);
    if (k == TOK_ERROR)
        return false;
    if (k == TOK_NONE)
        return true;
    char buf[40];
    return fail(p, t.start, "trailing junk '%s' after %s", text(p, &t, buf, sizeof buf),
                after);
}

/* --- numbers and times ----------------------------------------------------- */

static int digit_value(char c, unsigned base)
{
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : 99;
    return d < (int)base ? d : -1;
}

/* A 32-bit number: decimal, 0x hex or 0b binary; with `negative`, also a
 * decimal from -2147483648 (stored as two's complement). */
static bool parse_u32(struct parser *p, const struct token *t, bool negative,
                      uint32_t *out)
{
    const char *s = p->line + t->start;
    size_t n = t->end - t->start, i = 0;
    bool minus = negative && n > 1 && s[0] == '-';
    i += minus;
    unsigned base = 10;
    if (!minus && n - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
        base = 16, i += 2;
    else if (!minus && n - i > 2 && s[i] == '0' && (s[i + 1] == 'b' || s[i + 1] == 'B'))
        base = 2, i += 2;
    uint64_t v = 0;
    bool ok = !t->quoted && i < n;
    for (; ok && i < n; i++) {
        int d = digit_value(s[i], base);
        ok = d >= 0 && (v = v * base + (unsigned)d) <= (minus ? 0x80000000ull : UINT32_MAX);
    }
    char buf[40];
    if (!ok)
        return fail(p, t->start, "bad number '%s' (decimal, 0x hex or 0b binary, "
                    "at most 32 bits)", text(p, t, buf, sizeof buf));
    *out = minus ? (uint32_t)(0u - (uint32_t)v) : (uint32_t)v;
    return true;
}

struct unit {
    const char *name;
    uint64_t per_second;
};
static const struct unit units[] = {{"ns", 1000000000u}, {"us", 1000000u},
                                    {"ms", 1000u},       {"s", 1u}};

/* Digits with an optional fraction: mantissa and number of decimals. */
static bool parse_decimal(const char *s, size_t n, size_t *used, uint64_t *mant,
                          unsigned *decimals, bool *dot)
{
    size_t i = 0, digits = 0;
    *mant = 0;
    *decimals = 0;
    *dot = false;
    for (; i < n; i++) {
        if (s[i] == '.' && !*dot) {
            *dot = true;
            continue;
        }
        if (s[i] < '0' || s[i] > '9')
            break;
        if (*mant > (UINT64_MAX - 9) / 10 || *decimals >= 18)
            return false;
        *mant = *mant * 10 + (uint64_t)(s[i] - '0');
        *decimals += *dot;
        digits++;
    }
    *used = i;
    return digits > 0 && (!*dot || *decimals > 0);
}

/* A time: whole cycles, or a decimal with a unit converted with the board
 * clock; a time that is not a whole number of cycles is refused. */
static bool parse_time(struct parser *p, const struct token *t, uint64_t *cycles)
{
    const char *s = p->line + t->start;
    size_t n = t->end - t->start, used;
    uint64_t mant;
    unsigned decimals;
    bool dot;
    char buf[40];
    text(p, t, buf, sizeof buf);
    if (t->quoted || !parse_decimal(s, n, &used, &mant, &decimals, &dot))
        return fail(p, t->start, "bad time '%s' (cycles, or a number with ns, us, ms "
                    "or s)", buf);
    const struct unit *u = NULL;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (n - used == strlen(units[i].name) && !memcmp(s + used, units[i].name, n - used))
            u = &units[i];
    if (!u && used < n)
        return fail(p, t->start + used, "bad time unit in '%s' (ns, us, ms or s)", buf);
    if (!u && dot)
        return fail(p, t->start, "'%s': a time with a fraction needs a unit (ns, us, "
                    "ms or s)", buf);
    if (!u) {
        *cycles = mant;
        return true;
    }
    u128 den = u->per_second;
    for (unsigned i = 0; i < decimals; i++)
        den *= 10;
    u128 num = (u128)mant * p->b->clock_hz;
    if (num % den)
        return fail(p, t->start, "'%s' is not a whole number of cycles at %" PRIu32
                    " Hz (between %" PRIu64 " and %" PRIu64 ")", buf, p->b->clock_hz,
                    (uint64_t)(num / den), (uint64_t)(num / den) + 1);
    if (num / den > UINT64_MAX)
        return fail(p, t->start, "'%s' is beyond the clock's 64-bit cycle count", buf);
    *cycles = (uint64_t)(num / den);
    return true;
}

/* --- storage ------------------------------------------------------------- */

static bool grow(void **a, uint32_t *cap, uint32_t need, size_t size)
{
    if (need <= *cap)
        return true;
    uint32_t n = *cap ? *cap : 64;
    while (n < need) {
        if (n > UINT32_MAX / 2)
            return false;
        n *= 2;
    }
    void *q = realloc(*a, (size_t)n * size);
    if (!q)
        return false;
    *a = q;
    *cap = n;
    return true;
}

static bool add_word(struct parser *p, uint32_t w, size_t at)
{
    struct sim_stimulus_file *f = p->f;
    if (!grow((void **)&f->words, &f->cap_words, f->num_words + 1, sizeof *f->words))
        return fail(p, at, "out of memory");
    f->words[f->num_words++] = w;
    return true;
}

static bool add_byte(struct parser *p, uint8_t c, size_t at)
{
    struct sim_stimulus_file *f = p->f;
    if (!grow((void **)&f->bytes, &f->cap_bytes, f->num_bytes + 1, sizeof *f->bytes))
        return fail(p, at, "out of memory");
    f->bytes[f->num_bytes++] = c;
    return true;
}

/* --- devices ----------------------------------------------------------- */

/* The board device a record names, checked against its kind. */
static bool device(struct parser *p, enum sim_stim_kind kind, uint8_t *index)
{
    struct token t;
    enum tok k = next_token(p, &t);
    if (k == TOK_ERROR)
        return false;
    if (k == TOK_NONE)
        return fail(p, p->pos, "'%s' needs a device name", sim_stim_kind_names[kind]);
    char buf[40];
    text(p, &t, buf, sizeof buf);
    for (uint8_t i = 0; i < p->b->num_devices; i++) {
        const struct cfg_device *d = &p->b->devices[i];
        if (strlen(d->name) != t.end - t.start ||
            memcmp(d->name, p->line + t.start, t.end - t.start))
            continue;
        if (strcmp(d->type, kind_device_type[kind]) != 0)
            return fail(p, t.start, "device '%s' is a %s: '%s' needs a device of type %s",
                        buf, d->type, sim_stim_kind_names[kind], kind_device_type[kind]);
        *index = i;
        return true;
    }
    return fail(p, t.start, "unknown device '%s' (board %s has no such device)", buf,
                p->b->name);
}

/* --- kinds --------------------------------------------------------------- */

static bool parse_data(struct parser *p, struct sim_stim_record *r)
{
    if (!device(p, SIM_STIM_DATA, &r->target))
        return false;
    r->payload = p->f->num_words;
    struct token t;
    enum tok k;
    while ((k = next_token(p, &t)) == TOK_OK) {
        uint32_t w;
        if (r->len == SIM_STIM_MAX_WORDS)
            return fail(p, t.start, "too many words: a data record holds at most %u",
                        SIM_STIM_MAX_WORDS);
        if (!parse_u32(p, &t, true, &w) || !add_word(p, w, t.start))
            return false;
        r->len++;
    }
    if (k == TOK_ERROR)
        return false;
    if (r->len == 0)
        return fail(p, p->pos, "'data' needs 1 to %u words", SIM_STIM_MAX_WORDS);
    return true;
}

/* The string's bytes, escapes decoded: \n \r \t \0 \\ \" \xHH. */
static bool decode_string(struct parser *p, const struct token *t, uint32_t *count)
{
    static const char plain[] = "nrt0\\\"", value[] = "\n\r\t\0\\\"";
    for (size_t i = t->start + 1; i + 1 < t->end; i++) {
        unsigned char c = (unsigned char)p->line[i];
        size_t at = i;
        if (c == '\\') {
            char e = p->line[++i];
            const char *k = e ? strchr(plain, e) : NULL;
            int hi, lo;
            if (k) {
                c = (unsigned char)value[k - plain];
            } else if (e == 'x' && i + 2 < t->end &&
                       (hi = digit_value(p->line[i + 1], 16)) >= 0 &&
                       (lo = digit_value(p->line[i + 2], 16)) >= 0) {
                c = (unsigned char)(hi * 16 + lo);
                i += 2;
            } else {
                return fail(p, at, "bad escape '\\%c' (\\n \\r \\t \\0 \\\\ \\\" or "
                            "\\xHH)", e);
            }
        }
        if (!add_byte(p, c, at))
            return false;
        (*count)++;
    }
    return true;
}

static bool parse_uart(struct parser *p, struct sim_stim_record *r)
{
    if (!device(p, SIM_STIM_UART, &r->target))
        return false;
    r->payload = p->f->num_bytes;
    struct token t;
    enum tok k;
    while ((k = next_token(p, &t)) == TOK_OK) {
        if (t.quoted) {
            if (!decode_string(p, &t, &r->len))
                return false;
            continue;
        }
        uint32_t v;
        if (!parse_u32(p, &t, false, &v))
            return false;
        if (v > 255)
            return fail(p, t.start, "byte %" PRIu32 " out of range (0..255)", v);
        if (!add_byte(p, (uint8_t)v, t.start))
            return false;
        r->len++;
    }
    if (k == TOK_ERROR)
        return false;
    if (r->len == 0)
        return fail(p, p->pos, "'uart' needs bytes: a string or numbers");
    return true;
}

static bool parse_irq(struct parser *p, struct sim_stim_record *r)
{
    struct token t;
    enum tok k = next_token(p, &t);
    if (k == TOK_ERROR)
        return false;
    if (k == TOK_NONE)
        return fail(p, p->pos, "'irq' needs an NVIC line number");
    unsigned lines = sim_board_irq_lines(p->b);
    if (!parse_u32(p, &t, false, &r->value))
        return false;
    if (r->value >= lines)
        return fail(p, t.start, "line %" PRIu32 " out of range: board %s has %u NVIC "
                    "lines (0..%u)", r->value, p->b->name, lines, lines - 1);
    r->target = SIM_STIM_TARGET_NVIC;
    return line_ends(p, "the irq line");
}

static bool parse_buttons(struct parser *p, struct sim_stim_record *r)
{
    if (!device(p, SIM_STIM_BUTTONS, &r->target))
        return false;
    struct token t;
    enum tok k = next_token(p, &t);
    if (k == TOK_ERROR)
        return false;
    if (k == TOK_NONE)
        return fail(p, p->pos, "'buttons' needs the buttons' state (0..3)");
    if (!parse_u32(p, &t, false, &r->value))
        return false;
    if (r->value > 3)
        return fail(p, t.start, "buttons 0x%" PRIx32 " out of range: the FPGA I/O "
                    "block has 2 buttons (0..3)", r->value);
    return line_ends(p, "the buttons' state");
}

/* --- lines -------------------------------------------------------------- */

static bool kind_of(struct parser *p, const struct token *t, enum sim_stim_kind *kind)
{
    for (int k = 0; k < SIM_STIM_KINDS; k++) {
        if (strlen(sim_stim_kind_names[k]) == t->end - t->start &&
            !memcmp(sim_stim_kind_names[k], p->line + t->start, t->end - t->start)) {
            *kind = (enum sim_stim_kind)k;
            return true;
        }
    }
    char buf[40];
    return fail(p, t->start, "unknown kind '%s' (data, uart, irq or buttons)",
                text(p, t, buf, sizeof buf));
}

static bool parse_args(struct parser *p, struct sim_stim_record *r)
{
    switch (r->kind) {
    case SIM_STIM_DATA: return parse_data(p, r);
    case SIM_STIM_UART: return parse_uart(p, r);
    case SIM_STIM_IRQ: return parse_irq(p, r);
    default: return parse_buttons(p, r);
    }
}

static bool check_order(struct parser *p, const struct token *t, uint64_t cycle)
{
    if (p->prev_line == 0 || cycle >= p->prev)
        return true;
    char buf[40];
    return fail(p, t->start, "time goes backwards: '%s' is cycle %" PRIu64 ", before "
                "cycle %" PRIu64 " of the input on line %" PRIu32,
                text(p, t, buf, sizeof buf), cycle, p->prev, p->prev_line);
}

/* One line: blank, a comment, or "time kind [device] arguments". */
static bool parse_line(struct parser *p)
{
    struct token tt, kt;
    enum tok k = next_token(p, &tt);
    if (k != TOK_OK)
        return k == TOK_NONE;
    struct sim_stim_record r = {.line = p->lineno, .next = SIM_STIM_NONE};
    enum sim_stim_kind kind;
    if (!parse_time(p, &tt, &r.cycle) || !check_order(p, &tt, r.cycle))
        return false;
    k = next_token(p, &kt);
    if (k == TOK_ERROR)
        return false;
    if (k == TOK_NONE)
        return fail(p, p->pos, "missing kind after the time (data, uart, irq or buttons)");
    if (!kind_of(p, &kt, &kind))
        return false;
    r.kind = (uint8_t)kind;
    if (!parse_args(p, &r))
        return false;
    struct sim_stimulus_file *f = p->f;
    if (!grow((void **)&f->recs, &f->cap, f->num + 1, sizeof *f->recs))
        return fail(p, tt.start, "out of memory");
    f->recs[f->num++] = r;
    p->prev = r.cycle;
    p->prev_line = r.line;
    return true;
}

/* Chains each target's records in file order. */
static void link_targets(struct sim_stimulus_file *f)
{
    uint32_t last[SIM_STIM_TARGETS];
    for (unsigned t = 0; t < SIM_STIM_TARGETS; t++)
        f->first[t] = last[t] = SIM_STIM_NONE;
    for (uint32_t i = 0; i < f->num; i++) {
        unsigned t = f->recs[i].target;
        if (last[t] == SIM_STIM_NONE)
            f->first[t] = i;
        else
            f->recs[last[t]].next = i;
        last[t] = i;
    }
}

bool sim_stimulus_file_parse(struct sim_stimulus_file *f, const char *name,
                             const char *text, size_t len, const struct cfg_board *b,
                             char *err, unsigned errlen)
{
    memset(f, 0, sizeof *f);
    struct parser p = {.name = name, .b = b, .f = f, .err = err, .errlen = errlen};
    size_t at = 0;
    while (at < len) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        p.line = text + at;
        p.len = end - at;
        p.pos = 0;
        p.lineno++;
        if (!parse_line(&p)) {
            sim_stimulus_file_free(f);
            return false;
        }
        at = end + 1;
    }
    link_targets(f);
    return true;
}

bool sim_stimulus_file_load(struct sim_stimulus_file *f, const char *path,
                            const struct cfg_board *b, char *err, unsigned errlen)
{
    memset(f, 0, sizeof *f);
    FILE *in = fopen(path, "rb");
    if (!in) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    do {
        if (len == cap) {
            char *q = realloc(buf, cap = cap ? 2 * cap : 65536);
            if (!q) {
                free(buf);
                fclose(in);
                snprintf(err, errlen, "%s: out of memory", path);
                return false;
            }
            buf = q;
        }
        n = fread(buf + len, 1, cap - len, in);
        len += n;
    } while (n > 0);
    bool ok = !ferror(in);
    fclose(in);
    if (!ok)
        snprintf(err, errlen, "%s: read error", path);
    else
        ok = sim_stimulus_file_parse(f, path, buf, len, b, err, errlen);
    free(buf);
    return ok;
}

void sim_stimulus_file_free(struct sim_stimulus_file *f)
{
    free(f->recs);
    free(f->words);
    free(f->bytes);
    memset(f, 0, sizeof *f);
}

/* --- cursors ------------------------------------------------------------- */

void sim_stim_cursor_init(struct sim_stim_cursor *c, const struct sim_stimulus_file *f,
                          unsigned target)
{
    c->f = f;
    c->rec = f && target < SIM_STIM_TARGETS ? f->first[target] : SIM_STIM_NONE;
    c->byte = 0;
}

const struct sim_stim_record *sim_stim_cursor_peek(const struct sim_stim_cursor *c)
{
    return c->f && c->rec != SIM_STIM_NONE ? &c->f->recs[c->rec] : NULL;
}

void sim_stim_cursor_next(struct sim_stim_cursor *c)
{
    const struct sim_stim_record *r = sim_stim_cursor_peek(c);
    if (r)
        c->rec = r->next;
    c->byte = 0;
}

bool sim_stim_cursor_peek_byte(const struct sim_stim_cursor *c, uint64_t *stamp,
                               uint8_t *byte)
{
    const struct sim_stim_record *r = sim_stim_cursor_peek(c);
    if (!r)
        return false;
    *stamp = r->cycle;
    *byte = sim_stim_bytes(c->f, r)[c->byte];
    return true;
}

void sim_stim_cursor_take_byte(struct sim_stim_cursor *c)
{
    const struct sim_stim_record *r = sim_stim_cursor_peek(c);
    if (r && ++c->byte >= r->len)
        sim_stim_cursor_next(c);
}
