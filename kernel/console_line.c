/* console_line.c - the kernel's line formatter (see console_line.h). */
#include "console_line.h"

#include "compiler.h"
#include "ktime.h"

/* Text is added in runs (a piece of the format, a string, a number), one
 * call each: on a board a call per character made the kernel's console
 * lines cost QEMU's frame starts 2,000 cycles more. */
static KERNEL_SHARED void line_puts(struct console_line *l, const char *s, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (l->len == sizeof l->text) {
            l->cut = true;
            return;
        }
        l->text[l->len++] = s[i];
    }
}

/* v in decimal, right-aligned in `width` characters of `pad`. */
static void put_decimal(struct console_line *l, uint64_t v, uint32_t width, char pad)
{
    char digits[20];
    uint32_t first = sizeof digits;
    do {
        uint32_t digit;
        v = ktime_udiv(v, 10, &digit);
        digits[--first] = (char)('0' + digit);
    } while (v);
    for (uint32_t n = sizeof digits - first; n < width; n++)
        line_puts(l, &pad, 1);
    line_puts(l, digits + first, sizeof digits - first);
}

/* "0x" and eight hex digits. */
static void put_hex32(struct console_line *l, uint32_t v)
{
    char text[10] = {'0', 'x'};
    for (int i = 0; i < 8; i++)
        text[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xf];
    line_puts(l, text, sizeof text);
}

void console_line_vadd(struct console_line *l, const char *fmt, va_list ap)
{
    while (*fmt) {
        if (*fmt != '%' || !fmt[1]) { /* a run of plain text */
            uint32_t n = 1;
            while (fmt[n] && fmt[n] != '%')
                n++;
            line_puts(l, fmt, n);
            fmt += n;
            continue;
        }
        const char *spec = ++fmt;
        char pad = *fmt == '0' ? '0' : ' ';
        uint32_t width = 0;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (uint32_t)(*fmt++ - '0');
        bool wide = fmt[0] == 'l' && fmt[1] == 'l' && fmt[2] == 'u';
        if (wide)
            fmt += 2;
        switch (*fmt) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            uint32_t n = 0;
            while (s[n])
                n++;
            line_puts(l, s, n);
            break;
        }
        case 'u':
            put_decimal(l, wide ? va_arg(ap, unsigned long long) : va_arg(ap, uint32_t), width,
                        pad);
            break;
        case 'x': put_hex32(l, va_arg(ap, uint32_t)); break;
        case '%': line_puts(l, fmt, 1); break;
        default: /* not a conversion: "%" and what follows, kept as written */
            fmt = spec - 1;
            line_puts(l, fmt, 1);
            break;
        }
        fmt++;
    }
}

void console_line_add(struct console_line *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    console_line_vadd(l, fmt, ap);
    va_end(ap);
}

void console_line_text(struct console_line *l, const char *s, uint32_t len)
{
    while (len > 0) {
        uint32_t n = 0;
        while (n < len && s[n] != '\n')
            n++;
        line_puts(l, s, n);
        if (n < len) {
            line_puts(l, " ", 1);
            n++;
        }
        s += n;
        len -= n;
    }
}
