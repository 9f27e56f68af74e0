/*
 * diag.h - error reports of the config compiler.
 *
 * Every error is kept (file, line, column, message) so that fcc can report
 * all of them, and so that tests can look at them without parsing stderr.
 * Lines and columns are 1-based, as editors show them; 0 means "no
 * position" (a whole-file problem such as "cannot read").
 */
#ifndef FCC_DIAG_H
#define FCC_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#if defined(__GNUC__)
#define FCC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define FCC_PRINTF(f, a)
/* Appends ", item" (or "item" first) to the list in buf; "..." once it
 * is full.  For lists in messages ("partitions: ping, pong"). */
void fcc_list_append(char *buf, size_t size, const char *item);

#endif

struct fcc_diag_entry {
    char *file;
    int line;
    int col;
    char *msg;
};

struct fcc_diag {
    size_t count;
    size_t cap;
    struct fcc_diag_entry *v;
    size_t lost; /* errors that could not be stored (out of memory) */
};

struct fcc_diag *fcc_diag_new(void);
void fcc_diag_free(struct fcc_diag *d);

/* Records "FILE:LINE:COL: error: MSG" (or "FILE: error: MSG" when line is 0). */
void fcc_error_at(struct fcc_diag *d, const char *file, int line, int col,
                  const char *fmt, ...) FCC_PRINTF(5, 6);
void fcc_verror_at(struct fcc_diag *d, const char *file, int line, int col,
                   const char *fmt, va_list ap) FCC_PRINTF(5, 0);

/* Errors recorded, including lost ones: 0 means the input is valid. */
size_t fcc_diag_count(const struct fcc_diag *d);
const struct fcc_diag_entry *fcc_diag_get(const struct fcc_diag *d, size_t i);

/* Formats entry i as it is printed; returns a malloc'd string. */
char *fcc_diag_format(const struct fcc_diag *d, size_t i);
void fcc_diag_print(const struct fcc_diag *d, FILE *to);

/* Appends ", item" (or "item" first) to the list in buf; "..." once it
 * is full.  For lists in messages ("partitions: ping, pong"). */
void fcc_list_append(char *buf, size_t size, const char *item);

#endif
