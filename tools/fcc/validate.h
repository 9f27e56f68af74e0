/*
 * validate.h - the checks that relate parts of an app to each other and
 * to its board, and the values derived from both (cycles, thread slots).
 */
#ifndef FCC_VALIDATE_H
#define FCC_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "board.h"

/* Cross-checks a against b (NULL when the board could not be loaded) and
 * fills the fields marked "set by validate.c".  Only the valid parts of a
 * and b are checked, so that every independent error is reported once.
 * Errors are added to a's diagnostics. */
void fcc_validate(struct fcc_app *a, const struct fcc_board *b);

#endif
