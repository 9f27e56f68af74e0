/*
 * fileio.h - reading an input file whole, and writing a set of output
 * files so that none is left half-written.
 */
#ifndef FCC_FILEIO_H
#define FCC_FILEIO_H

#include <stddef.h>

#include "diag.h"

/* The contents of path, NUL-terminated (caller frees), with its length in
 * *len; NULL with errno set on failure. */
char *fcc_read_file(const char *path, size_t *len);

struct fcc_out_file {
    const char *name; /* file name inside the output directory */
    const char *text;
};

/* Creates dir (and its parents) if needed, writes every file to a
 * temporary name in dir, then renames them all into place.  On failure
 * no temporary is left behind; returns -1 after recording an error. */
int fcc_write_files(struct fcc_diag *d, const char *dir,
                    const struct fcc_out_file *files, size_t n);

#endif
