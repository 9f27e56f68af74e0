/* table.c - aligned text tables (table.h). */
#include "table.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void table_init(struct table *t, unsigned cols, const char *const *head, unsigned left)
{
    memset(t, 0, sizeof *t);
    t->cols = cols < TABLE_MAX_COLS ? cols : TABLE_MAX_COLS;
    t->head = head;
    t->left = left;
}

static bool table_grow(struct table *t)
{
    if (t->count < t->cap)
        return true;
    unsigned cap = t->cap ? 2 * t->cap : 64;
    char **cells = realloc(t->cells, cap * sizeof *cells);
    if (!cells)
        return false;
    t->cells = cells;
    t->cap = cap;
    return true;
}

void table_cell(struct table *t, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *cell = strdup(buf);
    if (!cell || !table_grow(t)) {
        free(cell);
        t->failed = true;
        return;
    }
    t->cells[t->count++] = cell;
}

static void table_put(const struct table *t, FILE *out, unsigned c, const char *text,
                      const size_t *width)
{
    bool left = t->left & (1u << c);
    bool last = c + 1 == t->cols;
    if (left)
        fprintf(out, "%-*s", last ? 0 : (int)width[c], text);
    else
        fprintf(out, "%*s", (int)width[c], text);
    fputs(last ? "\n" : "  ", out);
}

void table_print(const struct table *t, FILE *out)
{
    if (t->failed) {
        fputs("(table lost: out of memory)\n", out);
        return;
    }
    size_t width[TABLE_MAX_COLS] = {0};
    for (unsigned c = 0; c < t->cols; c++)
        width[c] = strlen(t->head[c]);
    for (unsigned i = 0; i < t->count; i++) {
        size_t n = strlen(t->cells[i]);
        if (n > width[i % t->cols])
            width[i % t->cols] = n;
    }
    for (unsigned c = 0; c < t->cols; c++)
        table_put(t, out, c, t->head[c], width);
    for (unsigned i = 0; i + t->cols <= t->count; i += t->cols)
        for (unsigned c = 0; c < t->cols; c++)
            table_put(t, out, c, t->cells[i + c], width);
}

void table_free(struct table *t)
{
    for (unsigned i = 0; i < t->count; i++)
        free(t->cells[i]);
    free(t->cells);
    t->cells = NULL;
    t->count = t->cap = 0;
}
