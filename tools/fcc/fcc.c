/*
 * fcc.c - the compiler's pipeline: read the app, find and read its board,
 * parse both, cross-check, and generate the output files.
 */
#include "fcc.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_c.h"
#include "emit_ld.h"
#include "fileio.h"
#include "overlay.h"
#include "validate.h"

/* ------------------------------------------------------------------------
 * Finding the board
 * --------------------------------------------------------------------- */

static char *board_path(const char *boards_dir, const char *name)
{
    size_t dlen = strlen(boards_dir);
    while (dlen > 1 && boards_dir[dlen - 1] == '/')
        dlen--;
    size_t n = dlen + strlen(name) + sizeof("//board.yaml");
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%.*s/%s/board.yaml", (int)dlen, boards_dir, name);
    return s;
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Names of dir's folders that hold a board.yaml, sorted, at most 64. */
static size_t find_boards(const char *dir, char **names, size_t max)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    size_t n = 0;
    while (dp && n < max && (e = readdir(dp)) != NULL) {
        char *path = e->d_name[0] == '.' ? NULL : board_path(dir, e->d_name);
        FILE *f = path ? fopen(path, "rb") : NULL;
        if (f && (names[n] = malloc(strlen(e->d_name) + 1)) != NULL)
            strcpy(names[n++], e->d_name);
        if (f)
            fclose(f);
        free(path);
    }
    if (dp)
        closedir(dp);
    qsort(names, n, sizeof(*names), by_name);
    return n;
}

static void unknown_board(const struct fcc_app *a, const char *boards_dir)
{
    char *names[64], list[512] = "";
    size_t n = find_boards(boards_dir, names, 64), used = 0;
    for (size_t i = 0; i < n; i++) {
        if (used + strlen(names[i]) + 3 < sizeof(list))
            used += (size_t)snprintf(list + used, sizeof(list) - used,
                                     "%s%s", i ? ", " : "", names[i]);
        free(names[i]);
    }
    if (n)
        fcc_src_error(&a->src, a->board_at, "unknown board '%s' (boards "
                      "found in '%s': %s)", a->board, boards_dir, list);
    else
        fcc_src_error(&a->src, a->board_at, "unknown board '%s' (no boards "
                      "found in '%s')", a->board, boards_dir);
}

/* BOARDS_DIR/<name>/board.yaml, parsed; NULL after an error. */
static struct fcc_board *load_board(struct fcc_diag *d,
                                    const struct fcc_app *a,
                                    const char *boards_dir)
{
    char *path = board_path(boards_dir, a->board);
    size_t len = 0;
    char *text = path ? fcc_read_file(path, &len) : NULL;
    struct fcc_board *b = NULL;
    if (text)
        b = fcc_board_parse(d, path, text, len, a->board);
    else if (path && (errno == ENOENT || errno == ENOTDIR))
        unknown_board(a, boards_dir);
    else
        fcc_error_at(d, path ? path : boards_dir, 0, 0, "cannot read the "
                     "board file: %s", strerror(errno));
    free(text);
    free(path);
    return b;
}

/* ------------------------------------------------------------------------
 * Building a system
 * --------------------------------------------------------------------- */

static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

static char *last_component(const char *dir)
{
    const char *slash = strrchr(dir, '/');
    return copy_string(slash ? slash + 1 : dir);
}

char *fcc_app_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path)) : copy_string(".");
    char *name = dir ? last_component(dir) : NULL;
    if (name && (!name[0] || !strcmp(name, ".") || !strcmp(name, ".."))) {
        char *real = realpath(dir[0] ? dir : "/", NULL);
        free(name);
        name = real ? last_component(real) : NULL;
        free(real);
    }
    free(dir);
    if (name && !name[0]) {
        free(name);
        name = NULL;
    }
    return name ? name : copy_string("app");
}

void fcc_system_free(struct fcc_system *sys)
{
    if (!sys)
        return;
    fcc_app_free(sys->app);
    fcc_board_free(sys->board);
    free(sys->overlay_file); /* after the app: its nodes point at it */
    free(sys->app_file);
    free(sys->app_name);
    free(sys);
}

static struct fcc_system *new_system(struct fcc_diag *d, const char *app_file)
{
    struct fcc_system *sys = calloc(1, sizeof(*sys));
    if (sys) {
        sys->app_file = copy_string(app_file);
        sys->app_name = fcc_app_name(app_file);
    }
    if (!sys || !sys->app_file || !sys->app_name) {
        fcc_system_free(sys);
        fcc_error_at(d, app_file, 0, 0, "out of memory");
        return NULL;
    }
    return sys;
}

/* Cross-checks what was loaded; the system if no error was recorded since
 * `errors`, else NULL. */
static struct fcc_system *finish(struct fcc_diag *d, size_t errors,
                                 struct fcc_system *sys)
{
    if (sys->app)
        fcc_validate(sys->app, sys->board);
    if (fcc_diag_count(d) == errors && sys->app && sys->board)
        return sys;
    fcc_system_free(sys);
    return NULL;
}

/* The app's tree with the board's overlay from the folder `overlays`
 * (NULL: none) applied; NULL after an error. */
static struct fcc_node *load_app_tree(struct fcc_diag *d,
                                      struct fcc_system *sys,
                                      const char *text, size_t len,
                                      const struct fcc_target *t)
{
    size_t errors = fcc_diag_count(d);
    struct fcc_node *root = fcc_app_load(d, sys->app_file, text, len);
    const char *board = t->board;
    if (!board && root)
        board = fcc_peek_string(root, "board");
    if (root && t->overlays && board)
        sys->overlay_file = fcc_overlay_apply(d, t->overlays, board,
                                              sys->app_file, root);
    if (root && fcc_diag_count(d) != errors) {
        fcc_node_free(root);
        root = NULL;
    }
    return root;
}

static struct fcc_system *from_text(struct fcc_diag *d, const char *app_file,
                                    const char *text, size_t len,
                                    const char *boards_dir,
                                    const struct fcc_target *t)
{
    size_t errors = fcc_diag_count(d);
    struct fcc_system *sys = new_system(d, app_file);
    if (!sys)
        return NULL;
    const char *board = t->board;
    struct fcc_node *root = load_app_tree(d, sys, text, len, t);
    if (root)
        sys->app = fcc_app_from_tree(d, sys->app_file, root);
    if (sys->app && board)
        sys->app->board = board; /* errors still point at the app's `board` */
    if (sys->app && sys->app->board)
        sys->board = load_board(d, sys->app, boards_dir);
    return finish(d, errors, sys);
}

struct fcc_system *fcc_system_from_text(struct fcc_diag *d,
                                        const char *app_file,
                                        const char *app_text,
                                        const char *boards_dir)
{
    const struct fcc_target none = { NULL, NULL };
    return from_text(d, app_file, app_text, strlen(app_text), boards_dir,
                     &none);
}

struct fcc_system *fcc_system_load(struct fcc_diag *d, const char *app_path,
                                   const char *boards_dir)
{
    const struct fcc_target none = { NULL, NULL };
    return fcc_system_load_on(d, app_path, boards_dir, &none);
}

struct fcc_system *fcc_system_load_on(struct fcc_diag *d, const char *app_path,
                                      const char *boards_dir,
                                      const struct fcc_target *t)
{
    size_t len;
    char *text = fcc_read_file(app_path, &len);
    if (!text) {
        fcc_error_at(d, app_path, 0, 0, "cannot read the app file: %s",
                     strerror(errno));
        return NULL;
    }
    struct fcc_system *sys = from_text(d, app_path, text, len, boards_dir, t);
    free(text);
    return sys;
}

struct fcc_system *fcc_system_from_texts(struct fcc_diag *d,
                                         const char *app_file,
                                         const char *app_text,
                                         const char *board_file,
                                         const char *board_text)
{
    size_t errors = fcc_diag_count(d);
    struct fcc_system *sys = new_system(d, app_file);
    if (!sys)
        return NULL;
    sys->app = fcc_app_parse(d, sys->app_file, app_text, strlen(app_text));
    sys->board = fcc_board_parse(d, board_file, board_text,
                                 strlen(board_text), NULL);
    return finish(d, errors, sys);
}

/* ------------------------------------------------------------------------
 * Output
 * --------------------------------------------------------------------- */

/* Generates every file's text; false if out of memory. */
static bool generate(const struct fcc_system *sys, struct fcc_out_file *out,
                     char **texts, char **names)
{
    size_t np = sys->app->num_partitions;
    texts[0] = fcc_emit_header(sys);
    texts[1] = fcc_emit_tables(sys);
    out[0] = (struct fcc_out_file){ "cfg_gen.h", texts[0] };
    out[1] = (struct fcc_out_file){ "cfg_gen.c", texts[1] };
    bool ok = texts[0] && texts[1];
    for (size_t i = 0; i < np; i++) {
        const char *p = sys->app->partitions[i].name;
        texts[2 + i] = fcc_emit_ld(sys, i);
        names[i] = malloc(strlen(p) + 4);
        if (names[i])
            snprintf(names[i], strlen(p) + 4, "%s.ld", p);
        out[2 + i] = (struct fcc_out_file){ names[i], texts[2 + i] };
        ok = ok && texts[2 + i] && names[i];
    }
    return ok;
}

int fcc_system_write(struct fcc_diag *d, const struct fcc_system *sys,
                     const char *outdir)
{
    size_t np = sys->app->num_partitions, n = 2 + np;
    struct fcc_out_file *out = calloc(n, sizeof(*out));
    char **texts = calloc(n, sizeof(*texts));
    char **names = calloc(np + 1, sizeof(*names));
    int rc = -1;
    if (out && texts && names && generate(sys, out, texts, names))
        rc = fcc_write_files(d, outdir, out, n);
    else
        fcc_error_at(d, outdir, 0, 0, "out of memory");
    for (size_t i = 0; texts && i < n; i++)
        free(texts[i]);
    for (size_t i = 0; names && i < np; i++)
        free(names[i]);
    free(out);
    free(texts);
    free(names);
    return rc;
}
