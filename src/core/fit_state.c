/* fit_state.c — the fit finder's answers kept between runs (see fit.h).
 *
 * The XDG path helper here is a small one of the fit finder's own: the
 * general user-state module (branch store16) had not landed when this was
 * written.  Replace bl_fit_state_path's body with its helper once it has. */
#include "borderless/fit.h"
#include "borderless/safewrite.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int bl_fit_state_path(char *buf, size_t size)
{
    const char *xdg = getenv("XDG_STATE_HOME");
    int n;
    if (xdg && xdg[0] == '/') { /* the spec: a relative value is ignored */
        n = snprintf(buf, size, "%s/borderless/answers", xdg);
    } else {
        const char *home = getenv("HOME");
        if (!home || home[0] != '/')
            return -ENOENT;
        n = snprintf(buf, size, "%s/.local/state/borderless/answers", home);
    }
    return n > 0 && (size_t)n < size ? 0 : -ENAMETOOLONG;
}

/* mkdir -p of the folders above path (mode 0700: answers are personal). */
static int make_parents(const char *path)
{
    char dir[BL_PATH_MAX];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
        return -ENAMETOOLONG;
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST)
            return -errno;
        *p = '/';
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return -errno;
    return 0;
}

int bl_fit_state_load(const bl_guide *g, const char *path, bl_fit_answers *a, char *notice,
                      size_t size)
{
    if (notice && size)
        notice[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? 1 : -errno;
    struct stat st;
    char *buf = NULL;
    size_t len = 0;
    int rc = 0;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > 65536) {
        rc = -EINVAL;
    } else {
        buf = malloc((size_t)st.st_size + 1);
        if (!buf)
            rc = -ENOMEM;
        else
            len = fread(buf, 1, (size_t)st.st_size, f);
        if (buf && ferror(f))
            rc = -EIO;
    }
    fclose(f);
    if (rc == -ENOMEM || rc == -EIO) {
        free(buf);
        return rc;
    }
    size_t hl = strlen(BL_FIT_STATE_HEADER);
    bl_fit_answers b;
    bl_fit_answers_init(&b);
    int damaged = rc != 0 || len < hl + 1 || memcmp(buf, BL_FIT_STATE_HEADER, hl) != 0 ||
                  buf[hl] != '\n';
    if (!damaged) {
        bl_diags d;
        bl_diags_init(&d, 1);
        damaged = bl_fit_answers_parse(g, path, buf + hl + 1, len - hl - 1, &b, &d) != 0;
        bl_diags_free(&d);
    }
    free(buf);
    if (damaged) {
        /* Keep it aside for a look, never lose it; start afresh. */
        char aside[BL_PATH_MAX];
        int moved = snprintf(aside, sizeof aside, "%s.damaged", path) < (int)sizeof aside &&
                    rename(path, aside) == 0;
        if (notice && size)
            snprintf(notice, size,
                     moved ? "your saved answers could not be read; they are kept in %s "
                             "and ignored"
                           : "your saved answers in %s could not be read; ignored",
                     moved ? aside : path);
        return 2;
    }
    *a = b;
    return 0;
}

int bl_fit_state_save(const bl_guide *g, const char *path, const bl_fit_answers *a,
                      char *reason, size_t size)
{
    int rc = make_parents(path);
    if (rc < 0) {
        if (reason && size)
            snprintf(reason, size, "%s: cannot make its folder: %s", path, strerror(-rc));
        return rc;
    }
    char *text;
    size_t len;
    rc = bl_fit_answers_format(g, a, BL_FIT_STATE_HEADER, &text, &len);
    if (rc < 0) {
        if (reason && size)
            snprintf(reason, size, "%s: %s", path, strerror(-rc));
        return rc;
    }
    rc = bl_safewrite(path, text, len, BL_SAFEWRITE_OVERWRITE, reason, size);
    free(text);
    return rc;
}

int bl_fit_state_clear(const char *path)
{
    if (unlink(path) == 0)
        return 0;
    return errno == ENOENT ? 1 : -errno;
}
