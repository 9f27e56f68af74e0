/*
 * emit_c.h - cfg_gen.h and cfg_gen.c: the tables of kernel/config.h for a
 * validated system.  Output depends only on the system, so the same input
 * gives the same bytes.
 */
#ifndef FCC_EMIT_C_H
#define FCC_EMIT_C_H

#include "fcc.h"

/* Each returns the file's text (caller frees), or NULL if out of memory. */
char *fcc_emit_header(const struct fcc_system *sys);
char *fcc_emit_tables(const struct fcc_system *sys);

#endif
