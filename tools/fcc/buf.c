/*
 * buf.c - growable text buffer.
 */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool reserve(struct fcc_buf *b, size_t more)
{
    if (b->failed)
        return false;
    if (b->len + more + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
        b->failed = true;
        return false;
    }
    b->s = s;
    b->cap = cap;
    return true;
}

void fcc_buf_printf(struct fcc_buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n >= 0 && reserve(b, (size_t)n)) {
        vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
    va_end(ap);
}

/* Quotes, backslashes, '?' (trigraphs) and anything not printable ASCII
 * are escaped; octal escapes are always three digits so a following
 * digit cannot join them. */
void fcc_buf_cstring(struct fcc_buf *b, const char *s)
{
    fcc_buf_printf(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\' || *p == '?')
            fcc_buf_printf(b, "\\%c", *p);
        else if (*p < 0x20 || *p >= 0x7f)
            fcc_buf_printf(b, "\\%03o", *p);
        else
            fcc_buf_printf(b, "%c", *p);
    }
    fcc_buf_printf(b, "\"");
}

void fcc_buf_comment(struct fcc_buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p >= 0x7f)
            fcc_buf_printf(b, "?");
        else if ((*p == '*' && p[1] == '/') || (*p == '/' && p[1] == '*'))
            fcc_buf_printf(b, "%c ", *p);
        else
            fcc_buf_printf(b, "%c", *p);
    }
}

char *fcc_buf_take(struct fcc_buf *b)
{
    char *s = b->failed ? NULL : b->s;
    if (b->failed)
        free(b->s);
    else if (!s)
        s = calloc(1, 1);
    memset(b, 0, sizeof(*b));
    return s;
}
