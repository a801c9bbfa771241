/* fit_state.c — the fit finder's answers kept between runs (see fit.h),
 * in the state folder of the user-state store (userstate.h): its path
 * rules, folder making, writer's lock and damaged-file keeping. */
#include "borderless/fit.h"
#include "borderless/safewrite.h"
#include "borderless/userstate.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_STATE 65536

int bl_fit_state_path(char *buf, size_t size)
{
    return bl_userstate_path(BL_USERSTATE_STATE, BL_FIT_STATE_FILE, buf, size);
}

int bl_fit_state_load(const bl_guide *g, const char *path, bl_fit_answers *a, char *notice,
                      size_t size)
{
    if (notice && size)
        notice[0] = '\0';
    char *buf = NULL;
    size_t len = 0;
    int rc = bl_userstate_read(path, MAX_STATE, &buf, &len);
    if (rc == -ENOENT)
        return 1;
    if (rc < 0)
        return rc;
    size_t hl = strlen(BL_FIT_STATE_HEADER);
    bl_fit_answers b;
    bl_fit_answers_init(&b);
    int damaged =
        rc == 1 || len < hl + 1 || memcmp(buf, BL_FIT_STATE_HEADER, hl) != 0 || buf[hl] != '\n';
    if (!damaged) {
        bl_diags d;
        bl_diags_init(&d, 1);
        damaged = bl_fit_answers_parse(g, path, buf + hl + 1, len - hl - 1, &b, &d) != 0;
        bl_diags_free(&d);
    }
    if (damaged) {
        /* Keep it beside for a look, never lose it; start afresh. */
        char aside[BL_PATH_MAX];
        int kept = bl_userstate_keep_damaged(path, buf, len, aside, sizeof aside) == 0 &&
            unlink(path) == 0;
        if (notice && size)
            snprintf(notice, size,
                     kept ? "your saved answers could not be read; they are kept in %s "
                            "and ignored"
                          : "your saved answers in %s could not be read; ignored",
                     kept ? aside : path);
        free(buf);
        return 2;
    }
    free(buf);
    *a = b;
    return 0;
}

int bl_fit_state_save(const bl_guide *g, const char *path, const bl_fit_answers *a, char *reason,
                      size_t size)
{
    int rc = bl_userstate_mkdirs_for(path);
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
    int lock = bl_userstate_lock(path);
    if (lock < 0 && lock != -ENOLCK) {
        if (reason && size)
            snprintf(reason, size, "%s: another borderless is writing it: %s", path,
                     strerror(-lock));
        free(text);
        return lock;
    }
    if (lock >= 0)
        bl_userstate_clean_temps(path);
    rc = bl_safewrite(path, text, len, BL_SAFEWRITE_OVERWRITE, reason, size);
    bl_userstate_unlock(lock);
    free(text);
    return rc;
}

int bl_fit_state_clear(const char *path)
{
    if (unlink(path) == 0)
        return 0;
    return errno == ENOENT ? 1 : -errno;
}
