/* console.c - line-prefixed console output (see console.h). */
#include "console.h"

#include <stdarg.h>

#include "ktime.h"

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
    struct console_line l;
    console_line_start(&l);
    va_list ap;
    va_start(ap, fmt);
    console_line_vadd(&l, fmt, ap);
    va_end(ap);
    console_line_write(&l);
}

/* "[    0.005000] name: " like dmesg: seconds with microseconds. */
static void write_prefix(const char *name)
{
    uint64_t sec;
    uint32_t ns;
    ktime_to_sec_ns(arch_now(), cfg_system.board->clock_hz, &sec, &ns);
    struct console_line l;
    console_line_start(&l);
    console_line_add(&l, "[%5llu.%06u] %s: ", (unsigned long long)sec, ns / 1000, name);
    arch_console_write(l.text, l.len);
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
