/*
 * emit_ld.h - <partition>.ld: the MEMORY block and symbols that
 * user/partition.ld (which holds the sections) needs to link one partition
 * at the addresses its config gives.
 */
#ifndef FCC_EMIT_LD_H
#define FCC_EMIT_LD_H

#include <stddef.h>

#include "fcc.h"

/* The script of partition i (caller frees), or NULL if out of memory. */
char *fcc_emit_ld(const struct fcc_system *sys, size_t i);

#endif
