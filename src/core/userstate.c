/* userstate.c — folders, locks and raw file access for the user's own files
 * (see userstate.h). */
#include "borderless/userstate.h"

#include "borderless/safewrite.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

unsigned bl_userstate_flags(int no_state_option)
{
    const char *env = getenv("BORDERLESS_NO_STATE");
    if (no_state_option || (env && *env && strcmp(env, "0") != 0))
        return BL_USERSTATE_PRIVATE;
    return 0;
}

static int put(char *out, size_t size, const char *a, const char *b)
{
    int w = snprintf(out, size, "%s%s", a, b);
    return w >= 0 && (size_t)w < size ? 0 : -ENAMETOOLONG;
}

static const char *home_dir(void)
{
    const char *home = getenv("HOME");
    if (home && home[0] == '/')
        return home;
    struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_dir && pw->pw_dir[0] == '/')
        return pw->pw_dir;
    return NULL;
}

int bl_userstate_dir(enum bl_userstate_kind kind, char *out, size_t size)
{
    const char *var = kind == BL_USERSTATE_DATA ? "XDG_DATA_HOME" : "XDG_STATE_HOME";
    const char *fallback = kind == BL_USERSTATE_DATA ? "/.local/share" : "/.local/state";
    const char *base = getenv(var);
    char buf[BL_PATH_MAX];
    if (!base || base[0] != '/') { /* unset, empty or relative: ignored */
        const char *home = home_dir();
        if (!home)
            return -ENOENT;
        if (put(buf, sizeof buf, home, fallback) != 0)
            return -ENAMETOOLONG;
        base = buf;
    }
    size_t n = strlen(base);
    while (n > 1 && base[n - 1] == '/')
        n--;
    int w = snprintf(out, size, "%.*s/borderless", (int)n, base);
    return w >= 0 && (size_t)w < size ? 0 : -ENAMETOOLONG;
}

int bl_userstate_path(enum bl_userstate_kind kind, const char *name, char *out, size_t size)
{
    char dir[BL_PATH_MAX];
    int rc = bl_userstate_dir(kind, dir, sizeof dir);
    if (rc < 0)
        return rc;
    int w = snprintf(out, size, "%s/%s", dir, name);
    return w >= 0 && (size_t)w < size ? 0 : -ENAMETOOLONG;
}

int bl_userstate_mkdirs_for(const char *path)
{
    char dir[BL_PATH_MAX];
    if (put(dir, sizeof dir, path, "") != 0)
        return -ENAMETOOLONG;
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = '\0';
    /* Make each missing part from the top down. */
    for (char *p = dir + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST)
            return -errno;
        *p = c;
        if (c == '\0')
            break;
    }
    struct stat st;
    if (stat(dir, &st) != 0)
        return -errno;
    return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
}

int bl_userstate_lock(const char *path)
{
    char lock[BL_PATH_MAX];
    if (put(lock, sizeof lock, path, ".lock") != 0)
        return -ENAMETOOLONG;
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return -errno;
    /* A writer holds the lock for one read-merge-write, milliseconds; wait
     * with a deadline so a stopped program cannot hang us for ever. */
    struct timespec step = {.tv_sec = 0, .tv_nsec = 5 * 1000 * 1000};
    for (int tries = 0;; tries++) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            return fd;
        int err = errno;
        if (err == EINTR)
            continue;
        if (err != EWOULDBLOCK || tries >= 2000) {
            close(fd);
            return err == ENOLCK || err == EINVAL || err == EOPNOTSUPP ? -ENOLCK : -err;
        }
        nanosleep(&step, NULL);
    }
}

void bl_userstate_unlock(int fd)
{
    if (fd >= 0)
        close(fd); /* closing drops the flock */
}

void bl_userstate_clean_temps(const char *path)
{
    char dir[BL_PATH_MAX];
    if (put(dir, sizeof dir, path, "") != 0)
        return;
    char *slash = strrchr(dir, '/');
    const char *base = slash ? slash + 1 : dir;
    if (slash == dir)
        slash[1] = '\0', base = path + 1;
    else if (slash)
        *slash = '\0';
    size_t bl = strlen(base);
    DIR *d = opendir(slash ? dir : ".");
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *n = de->d_name;
        size_t len = strlen(n);
        if (len != bl + 8 || n[0] != '.' || strncmp(n + 1, base, bl) != 0 || n[bl + 1] != '.')
            continue;
        int ok = 1;
        for (size_t i = bl + 2; i < len; i++)
            if (!((n[i] >= 'a' && n[i] <= 'z') || (n[i] >= 'A' && n[i] <= 'Z') ||
                  (n[i] >= '0' && n[i] <= '9')))
                ok = 0;
        if (ok)
            unlinkat(dirfd(d), n, 0);
    }
    closedir(d);
}

int bl_userstate_read(const char *path, size_t max, char **buf, size_t *len)
{
    *buf = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int err = errno;
        close(fd);
        return -err;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
    }
    char *b = malloc(max + 1);
    if (!b) {
        close(fd);
        return -ENOMEM;
    }
    size_t n = 0;
    int more = 0;
    for (;;) {
        if (n == max) {
            char extra;
            ssize_t r = read(fd, &extra, 1);
            more = r > 0;
            break;
        }
        ssize_t r = read(fd, b + n, max - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int err = errno;
            free(b);
            close(fd);
            return -err;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    b[n] = '\0';
    *buf = b;
    *len = n;
    return more;
}

int bl_userstate_keep_damaged(const char *path, const char *data, size_t len, char *out,
                              size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm))
        return -EINVAL;
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    for (int n = 1; n < 100; n++) {
        char name[BL_PATH_MAX];
        int w = n == 1 ? snprintf(name, sizeof name, "%s.damaged-%s", path, stamp)
                       : snprintf(name, sizeof name, "%s.damaged-%s-%d", path, stamp, n);
        if (w < 0 || (size_t)w >= sizeof name)
            return -ENAMETOOLONG;
        /* A hard link keeps every byte of the original, however large, and
         * survives the rename of the repaired file over it; where links are
         * not possible, a copy of what was read. */
        struct stat st;
        int rc = -EPERM;
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) /* not a symbolic link */
            rc = link(path, name) == 0 ? 0 : -errno;
        if (rc != 0 && rc != -EEXIST)
            rc = bl_safewrite(name, data, len, 0, NULL, 0);
        if (rc == -EEXIST)
            continue;
        if (rc == 0 && put(out, size, name, "") != 0)
            return -ENAMETOOLONG;
        return rc;
    }
    return -EEXIST;
}
