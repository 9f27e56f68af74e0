/* console.c - line-prefixed console output (see console.h). */
#include "console.h"

#include <stdarg.h>

#include "ktime.h"

/* The decimal form of v in buf; returns its length (at most 20). */
static uint32_t fmt_u64(char *buf, uint64_t v)
{
    char tmp[20];
    uint32_t n = 0;
    do {
        uint32_t digit;
        v = ktime_udiv(v, 10, &digit);
        tmp[n++] = (char)('0' + digit);
    } while (v);
    for (uint32_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    return n;
}

/* "0x" and eight hex digits. */
static uint32_t fmt_hex32(char *buf, uint32_t v)
{
    static const char digits[] = "0123456789abcdef";
    buf[0] = '0';
    buf[1] = 'x';
    for (int i = 0; i < 8; i++)
        buf[2 + i] = digits[(v >> (28 - 4 * i)) & 0xf];
    return 10;
}

/* --- kernel lines ------------------------------------------------------ */

static void line_put(struct console_line *l, char c)
{
    if (l->len < sizeof l->text)
        l->text[l->len++] = c;
    else
        l->cut = true;
}

static void line_puts(struct console_line *l, const char *s, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        line_put(l, s[i]);
}

static void line_vadd(struct console_line *l, const char *fmt, va_list ap)
{
    char num[20];
    for (; *fmt; fmt++) {
        if (*fmt != '%' || !fmt[1]) {
            line_put(l, *fmt);
            continue;
        }
        switch (*++fmt) {
        case 's':
            for (const char *s = va_arg(ap, const char *); *s; s++)
                line_put(l, *s);
            break;
        case 'u': line_puts(l, num, fmt_u64(num, va_arg(ap, uint32_t))); break;
        case 'x': line_puts(l, num, fmt_hex32(num, va_arg(ap, uint32_t))); break;
        case '%': line_put(l, '%'); break;
        default: /* not a conversion: kept as written */
            line_put(l, '%');
            line_put(l, *fmt);
            break;
        }
    }
}

void console_line_add(struct console_line *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    line_vadd(l, fmt, ap);
    va_end(ap);
}

void console_line_text(struct console_line *l, const char *s, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        line_put(l, s[i] == '\n' ? ' ' : s[i]);
}

void console_line_write(struct console_line *l)
{
    if (l->cut) {
        static const char mark[] = "...\n";
        for (uint32_t i = 0; i < 4; i++)
            l->text[sizeof l->text - 4 + i] = mark[i];
    }
    console_write(0, l->text, l->len);
}

void console_report(const char *fmt, ...)
{
    struct console_line l = {0};
    va_list ap;
    va_start(ap, fmt);
    line_vadd(&l, fmt, ap);
    va_end(ap);
    console_line_write(&l);
}

/* Right-aligns the decimal form of v in a field of `width` characters,
 * zero-filled to `zeros` digits. */
static uint32_t fmt_padded(char *buf, uint64_t v, uint32_t width, uint32_t zeros)
{
    char digits[20];
    uint32_t n = fmt_u64(digits, v);
    uint32_t len = n < zeros ? zeros : n;
    uint32_t pad = len < width ? width - len : 0;
    uint32_t o = 0;
    while (o < pad)
        buf[o++] = ' ';
    for (uint32_t i = n; i < zeros; i++)
        buf[o++] = '0';
    for (uint32_t i = 0; i < n; i++)
        buf[o++] = digits[i];
    return o;
}

/* "[    0.005000] name: " like dmesg: seconds with microseconds. */
static void write_prefix(const char *name)
{
    char buf[64];
    uint64_t sec;
    uint32_t ns;
    ktime_to_sec_ns(arch_now(), cfg_system.board->clock_hz, &sec, &ns);
    uint32_t o = 0;
    buf[o++] = '[';
    o += fmt_padded(buf + o, sec, 5, 1);
    buf[o++] = '.';
    o += fmt_padded(buf + o, ns / 1000, 6, 6);
    buf[o++] = ']';
    buf[o++] = ' ';
    for (uint32_t i = 0; name[i] && o < sizeof buf - 2; i++)
        buf[o++] = name[i];
    buf[o++] = ':';
    buf[o++] = ' ';
    arch_console_write(buf, o);
}

void console_write(struct part *p, const char *buf, uint32_t len)
{
    bool *at_start = p ? &p->console_at_line_start
                       : &kstate.kernel_console_at_line_start;
    const char *name = p ? p->cfg->name : "kernel";
    uint32_t i = 0;
    while (i < len) {
        if (*at_start)
            write_prefix(name);
        uint32_t j = i;
        while (j < len && buf[j] != '\n')
            j++;
        *at_start = j < len;
        if (j < len)
            j++; /* include the newline */
        arch_console_write(buf + i, j - i);
        i = j;
    }
}
