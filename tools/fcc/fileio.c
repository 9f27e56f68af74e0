/*
 * fileio.c - whole-file reads and all-or-nothing writes.
 */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *fcc_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *s = malloc(cap);
    while (s) {
        n += fread(s + n, 1, cap - n - 1, f);
        if (ferror(f) || feof(f))
            break;
        char *t = realloc(s, cap * 2);
        if (!t) {
            free(s);
            s = NULL;
            break;
        }
        s = t;
        cap *= 2;
    }
    int err = !s ? ENOMEM : ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);
    if (err) {
        free(s);
        errno = err;
        return NULL;
    }
    s[n] = '\0';
    *len = n;
    return s;
}

/* mkdir -p: each missing component of dir, in order. */
static int make_dirs(const char *dir)
{
    size_t n = strlen(dir);
    char *p = malloc(n + 1);
    int rc = 0;
    if (!p)
        return -1;
    memcpy(p, dir, n + 1);
    for (size_t i = 1; i <= n && rc == 0; i++) {
        char c = p[i];
        if (c != '/' && c != '\0')
            continue;
        p[i] = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = -1;
        p[i] = c;
    }
    free(p);
    return rc;
}

static char *join(const char *dir, const char *prefix, const char *name,
                  const char *suffix)
{
    size_t n = strlen(dir) + strlen(prefix) + strlen(name) + strlen(suffix)
               + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/%s%s%s", dir, prefix, name, suffix);
    return s;
}

static int write_all(int fd, const char *text)
{
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t w = write(fd, text + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        done += (size_t)w;
    }
    return 0;
}

/* Writes text to a new file path (mode 0666 less the umask). */
static int write_new(const char *path, const char *text)
{
    unlink(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0)
        return -1;
    int rc = write_all(fd, text);
    int err = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        err = errno;
    }
    errno = err;
    return rc;
}

/* Removes the temporaries still named in tmp[] and frees the list. */
static void remove_temps(char **tmp, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (tmp[i])
            unlink(tmp[i]);
        free(tmp[i]);
    }
    free(tmp);
}

/* Writes each file to dir/.NAME.tmpPID; fills tmp[] with the names. */
static int write_temps(struct fcc_diag *d, const char *dir,
                       const struct fcc_out_file *files, size_t n,
                       char **tmp)
{
    char suffix[32];
    snprintf(suffix, sizeof(suffix), ".tmp%ld", (long)getpid());
    for (size_t i = 0; i < n; i++) {
        tmp[i] = join(dir, ".", files[i].name, suffix);
        if (!tmp[i] || write_new(tmp[i], files[i].text) != 0) {
            fcc_error_at(d, dir, 0, 0, "cannot write %s: %s", files[i].name,
                         strerror(errno));
            return -1;
        }
    }
    return 0;
}

/* Renames each temporary into place; tmp[i] is freed and cleared once
 * renamed, so the caller removes only those left. */
static int rename_all(struct fcc_diag *d, const char *dir,
                      const struct fcc_out_file *files, size_t n, char **tmp)
{
    for (size_t i = 0; i < n; i++) {
        char *final = join(dir, "", files[i].name, "");
        int rc = final ? rename(tmp[i], final) : -1;
        free(final);
        if (rc != 0) {
            fcc_error_at(d, dir, 0, 0, "cannot rename into %s: %s",
                         files[i].name, strerror(errno));
            return -1;
        }
        free(tmp[i]);
        tmp[i] = NULL;
    }
    return 0;
}

int fcc_write_files(struct fcc_diag *d, const char *dir,
                    const struct fcc_out_file *files, size_t n)
{
    char **tmp = calloc(n + 1, sizeof(*tmp));
    if (!tmp || make_dirs(dir) != 0) {
        fcc_error_at(d, dir, 0, 0, "cannot create output directory: %s",
                     strerror(errno));
        free(tmp);
        return -1;
    }
    int rc = write_temps(d, dir, files, n, tmp);
    if (rc == 0)
        rc = rename_all(d, dir, files, n, tmp);
    remove_temps(tmp, n);
    return rc;
}
