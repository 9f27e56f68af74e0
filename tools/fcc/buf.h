/*
 * buf.h - a growable text buffer for the generated files, with the
 * escaping that C string literals and comments need.
 */
#ifndef FCC_BUF_H
#define FCC_BUF_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct fcc_buf {
    char *s;
    size_t len;
    size_t cap;
    bool failed; /* an allocation failed; the text is incomplete */
};

void fcc_buf_printf(struct fcc_buf *b, const char *fmt, ...) FCC_PRINTF(2, 3);

/* s as a C string literal, quotes included. */
void fcc_buf_cstring(struct fcc_buf *b, const char *s);

/* s as text that cannot end a C or linker-script comment. */
void fcc_buf_comment(struct fcc_buf *b, const char *s);

/* The text (caller frees), or NULL if anything failed; resets b. */
char *fcc_buf_take(struct fcc_buf *b);

#endif
