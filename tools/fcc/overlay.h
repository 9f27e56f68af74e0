/*
 * overlay.h - board overlays: an app's memory on another board
 * (docs/config.md, "Board overlays").
 *
 * An app folder may hold a folder of overlays (apps/<app>/boards/, one
 * YAML file each).
 * Each names the boards it is for and gives, for the partitions and
 * shared regions it lists, the memory to use on those boards instead of
 * the app's: a small chip has its flash and SRAM where a big one has
 * none, and less of it.  The overlay is applied to the app's YAML tree
 * before the app is parsed, so every rule of app.yaml holds for what it
 * gives, and errors in it name the overlay's file and line.
 */
#ifndef FCC_OVERLAY_H
#define FCC_OVERLAY_H

#include "diag.h"
#include "yaml_tree.h"

/* Reads every *.yaml file of dir, checks it, and applies the one that
 * names `board` to the app tree `root` (the app's file is app_file):
 * each partition it lists gets its `memory` list, each shared region it
 * lists is replaced whole.  Returns that overlay's file name, which the
 * moved nodes point at (the caller frees it after the tree), or NULL when
 * no overlay names the board or after an error (recorded in d). */
char *fcc_overlay_apply(struct fcc_diag *d, const char *dir,
                        const char *board, const char *app_file,
                        struct fcc_node *root);

#endif
