/*
 * fcc.h - the config compiler as a library (fcc_core): load an app and
 * its board, validate them, and generate the kernel's tables and the
 * partitions' linker scripts.  main.c is only the command line around it;
 * the unit tests call these functions on in-memory text.
 */
#ifndef FCC_H
#define FCC_H

#include <stddef.h>

#include "app.h"
#include "board.h"
#include "diag.h"

/* A valid app with its board: everything the generators need. */
struct fcc_system {
    struct fcc_app *app;
    struct fcc_board *board;
    char *app_file; /* as given: named in errors and generated comments */
    char *app_name; /* the app file's folder name, e.g. "hello" */
    char *overlay_file; /* the board overlay applied, or NULL */
};

/* What an app is compiled for, when not for the board it names. */
struct fcc_target {
    const char *board;    /* instead of the app's board; NULL: the app's */
    const char *overlays; /* a folder of board overlays (overlay.h), or
                             NULL */
};

/* Reads app_path and its board BOARDS_DIR/<board>/board.yaml.  Returns the
 * system, or NULL when any error was recorded in d. */
struct fcc_system *fcc_system_load(struct fcc_diag *d, const char *app_path,
                                   const char *boards_dir);

/* The same for target t: another board than the app names, with the
 * overlay for it (docs/boards.md, "One app, several boards"). */
struct fcc_system *fcc_system_load_on(struct fcc_diag *d, const char *app_path,
                                      const char *boards_dir,
                                      const struct fcc_target *t);

/* The same with the app's text given; the board is still read from
 * boards_dir. */
struct fcc_system *fcc_system_from_text(struct fcc_diag *d,
                                        const char *app_file,
                                        const char *app_text,
                                        const char *boards_dir);

/* The same with both texts given (nothing is read from disk); the board's
 * folder-name check is skipped. */
struct fcc_system *fcc_system_from_texts(struct fcc_diag *d,
                                         const char *app_file,
                                         const char *app_text,
                                         const char *board_file,
                                         const char *board_text);

void fcc_system_free(struct fcc_system *sys);

/* Writes cfg_gen.h, cfg_gen.c and one <partition>.ld into outdir (created
 * if missing), each through a temporary file renamed into place once all
 * are written.  Returns 0, or -1 after recording an error in d. */
int fcc_system_write(struct fcc_diag *d, const struct fcc_system *sys,
                     const char *outdir);

/* The name of the folder holding path ("apps/hello/app.yaml" -> "hello");
 * a relative path without a folder uses the current directory's name.
 * Caller frees. */
char *fcc_app_name(const char *path);

#endif
