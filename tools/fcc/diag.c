/*
 * diag.c - collecting and printing errors.
 */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

struct fcc_diag *fcc_diag_new(void)
{
    return calloc(1, sizeof(struct fcc_diag));
}

void fcc_diag_free(struct fcc_diag *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++) {
        free(d->v[i].file);
        free(d->v[i].msg);
    }
    free(d->v);
    free(d);
}

/* vsnprintf into a fresh buffer of the right size. */
static char *vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *s = malloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

static int grow(struct fcc_diag *d)
{
    if (d->count < d->cap)
        return 0;
    size_t cap = d->cap ? d->cap * 2 : 16;
    struct fcc_diag_entry *v = realloc(d->v, cap * sizeof(*v));
    if (!v)
        return -1;
    d->v = v;
    d->cap = cap;
    return 0;
}

void fcc_verror_at(struct fcc_diag *d, const char *file, int line, int col,
                   const char *fmt, va_list ap)
{
    if (grow(d) != 0) {
        d->lost++;
        return;
    }
    struct fcc_diag_entry *e = &d->v[d->count];
    e->file = dup_str(file ? file : "fcc");
    e->msg = vformat(fmt, ap);
    e->line = line;
    e->col = col;
    if (!e->file || !e->msg) {
        free(e->file);
        free(e->msg);
        d->lost++;
        return;
    }
    d->count++;
}

void fcc_error_at(struct fcc_diag *d, const char *file, int line, int col,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fcc_verror_at(d, file, line, col, fmt, ap);
    va_end(ap);
}

size_t fcc_diag_count(const struct fcc_diag *d)
{
    return d->count + d->lost;
}

const struct fcc_diag_entry *fcc_diag_get(const struct fcc_diag *d, size_t i)
{
    return i < d->count ? &d->v[i] : NULL;
}

static char *format_entry(const struct fcc_diag_entry *e)
{
    size_t n = strlen(e->file) + strlen(e->msg) + 64;
    char *s = malloc(n);
    if (!s)
        return NULL;
    if (e->line > 0)
        snprintf(s, n, "%s:%d:%d: error: %s", e->file, e->line, e->col, e->msg);
    else
        snprintf(s, n, "%s: error: %s", e->file, e->msg);
    return s;
}

char *fcc_diag_format(const struct fcc_diag *d, size_t i)
{
    return i < d->count ? format_entry(&d->v[i]) : NULL;
}

void fcc_diag_print(const struct fcc_diag *d, FILE *to)
{
    for (size_t i = 0; i < d->count; i++) {
        char *s = format_entry(&d->v[i]);
        if (s)
            fprintf(to, "%s\n", s);
        free(s);
    }
    if (d->lost)
        fprintf(to, "fcc: error: out of memory; %zu more error(s) not shown\n",
                d->lost);
}

void fcc_list_append(char *buf, size_t size, const char *item)
{
    size_t used = strlen(buf);
    if (used >= 3 && strcmp(buf + used - 3, "...") == 0)
        return;
    if (used + strlen(item) + 8 < size)
        snprintf(buf + used, size - used, "%s%s", used ? ", " : "", item);
    else
        snprintf(buf + used, size - used, "%s...", used ? ", " : "");
}
