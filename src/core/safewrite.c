/* safewrite.c — see safewrite.h for the rules. */
#include "borderless/safewrite.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#if defined(__GNUC__)
#define SW_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define SW_PRINTF(a, b)
#endif

/* The longest name a temporary file takes from its target, so that
 * ".<name>.XXXXXX" stays within NAME_MAX (255 on every Linux file system). */
#define TEMP_NAME_KEEP 200

/* ---- the failable calls -------------------------------------------- */

static ssize_t op_write(const bl_safewrite_ops *ops, int fd, const void *buf, size_t n)
{
    return ops && ops->write ? ops->write(ops->ctx, fd, buf, n) : write(fd, buf, n);
}

static int op_fsync(const bl_safewrite_ops *ops, int fd)
{
    return ops && ops->fsync ? ops->fsync(ops->ctx, fd) : fsync(fd);
}

static int op_close(const bl_safewrite_ops *ops, int fd)
{
    return ops && ops->close ? ops->close(ops->ctx, fd) : close(fd);
}

static int op_rename(const bl_safewrite_ops *ops, const char *from, const char *to)
{
    return ops && ops->rename ? ops->rename(ops->ctx, from, to) : rename(from, to);
}

static int op_link(const bl_safewrite_ops *ops, const char *from, const char *to)
{
    return ops && ops->link ? ops->link(ops->ctx, from, to) : link(from, to);
}

/* ---- reasons ------------------------------------------------------- */

static void say(char *reason, size_t size, const char *fmt, ...) SW_PRINTF(3, 4);
static void say(char *reason, size_t size, const char *fmt, ...)
{
    if (!reason || size == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, size, fmt, ap);
    va_end(ap);
}

/* "<path>: <strerror>", returns -err. */
static int fail(char *reason, size_t size, const char *path, int err)
{
    if (err == EEXIST)
        say(reason, size, "%s already exists", path);
    else if (err == EISDIR)
        say(reason, size, "%s is a folder (%s)", path, strerror(err));
    else
        say(reason, size, "%s: %s", path, strerror(err));
    return -err;
}

/* ---- writing ------------------------------------------------------- */

/* Writes all of data; short writes continue, EINTR retries.  0 or -errno. */
static int write_all(const bl_safewrite_ops *ops, int fd, const char *data, size_t len)
{
    while (len > 0) {
        size_t chunk = len > (size_t)1 << 30 ? (size_t)1 << 30 : len;
        ssize_t n = op_write(ops, fd, data, chunk);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno ? -errno : -EIO;
        }
        if (n == 0)
            return -EIO; /* no progress and no reason: do not spin */
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Writes to a device or FIFO that is already there.  SIGPIPE is blocked
 * during the write so that a reader going away is an EPIPE error, not the
 * end of the program; a SIGPIPE raised by our own write is consumed. */
static int write_direct(const char *path, int is_fifo, const char *data, size_t len,
                        const bl_safewrite_ops *ops, char *reason, size_t size)
{
    /* O_NONBLOCK: a FIFO without a reader fails with ENXIO instead of
     * waiting forever.  O_APPEND: /dev/stdout redirected to a regular file
     * opens that file afresh at offset 0; appending keeps what the shell
     * put there. */
    int fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_APPEND | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        if (err == ENXIO && is_fifo) {
            say(reason, size, "%s: nothing is reading from this FIFO (%s)", path,
                strerror(err));
            return -err;
        }
        return fail(reason, size, path, err);
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
        int err = errno;
        close(fd);
        return fail(reason, size, path, err);
    }

    sigset_t pipe_set, old_mask, pending;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    int masked = sigprocmask(SIG_BLOCK, &pipe_set, &old_mask) == 0;
    int was_pending = masked && sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;

    int rc = write_all(ops, fd, data, len);

    if (masked) {
        if (rc == -EPIPE && !was_pending) {
            struct timespec zero = {0, 0};
            while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
                ;
        }
        sigprocmask(SIG_SETMASK, &old_mask, NULL);
    }
    if (rc < 0) {
        op_close(ops, fd);
        return fail(reason, size, path, -rc);
    }
    if (op_close(ops, fd) < 0)
        return fail(reason, size, path, errno);
    return 0;
}

/* umask() can only be read by setting it; the program is single-threaded
 * where this runs, so the brief change is not seen by anyone. */
static mode_t current_umask(void)
{
    mode_t u = umask(022);
    umask(u);
    return u;
}

static int fs_without_links(int err)
{
    return err == EPERM || err == EOPNOTSUPP || err == ENOTSUP || err == ENOSYS ||
           err == EMLINK || err == EXDEV;
}

/* Writes a temporary file next to `target` and moves it into place:
 * no_replace with link(2) (fails if target appeared meanwhile), otherwise
 * with rename(2).  `shown` is the path named in reasons. */
static int write_via_temp(const char *target, const char *shown, mode_t mode, int no_replace,
                          const char *data, size_t len, const bl_safewrite_ops *ops,
                          char *reason, size_t size)
{
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    size_t dir_len = slash ? (size_t)(slash - target) : 0;
    size_t base_len = strlen(base);
    if (base_len == 0)
        return fail(reason, size, shown, EISDIR);
    if (base_len > TEMP_NAME_KEEP)
        base_len = TEMP_NAME_KEEP;

    char dir[BL_PATH_MAX];
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (dir_len == 0)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)dir_len, target);

    char tmp[BL_PATH_MAX];
    int n = snprintf(tmp, sizeof tmp, "%s%s.%.*s.XXXXXX", slash ? dir : "",
                     slash && dir_len > 0 ? "/" : "", (int)base_len, base);
    if (n < 0 || (size_t)n >= sizeof tmp)
        return fail(reason, size, shown, ENAMETOOLONG);

    int fd = mkstemp(tmp);
    if (fd < 0)
        return fail(reason, size, shown, errno);

    /* mkstemp() has no O_CLOEXEC in this feature set; the window before
     * fcntl() only matters to a program that forks from another thread. */
    int err = 0;
    if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0 || fchmod(fd, mode) < 0)
        err = errno;
    if (!err) {
        int rc = write_all(ops, fd, data, len);
        if (rc < 0)
            err = -rc;
    }
    if (!err && op_fsync(ops, fd) < 0)
        err = errno ? errno : EIO;
    if (err) {
        close(fd);
    } else if (op_close(ops, fd) < 0) {
        err = errno ? errno : EIO;
    }

    if (!err && no_replace) {
        if (op_link(ops, tmp, target) == 0) {
            unlink(tmp);
        } else if (fs_without_links(errno)) {
            if (op_rename(ops, tmp, target) < 0)
                err = errno ? errno : EIO;
        } else {
            err = errno ? errno : EIO;
        }
    } else if (!err) {
        if (op_rename(ops, tmp, target) < 0)
            err = errno ? errno : EIO;
    }
    if (err) {
        unlink(tmp);
        return fail(reason, size, shown, err);
    }

    /* Make the new name durable too.  Best effort: some file systems do not
     * fsync folders, and the file itself is already safe. */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    return 0;
}

static int in_device_tree(const char *path)
{
    return strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0;
}

int bl_safewrite_ex(const char *path, const void *data, size_t len, unsigned flags,
                    const bl_safewrite_ops *ops, char *reason, size_t size)
{
    if (reason && size)
        reason[0] = '\0';
    if (!path || !*path) {
        say(reason, size, "no file name given");
        return -EINVAL;
    }
    if (strlen(path) >= BL_PATH_MAX)
        return fail(reason, size, path, ENAMETOOLONG);
    if (!data && len > 0)
        return fail(reason, size, path, EINVAL);
    int overwrite = (flags & BL_SAFEWRITE_OVERWRITE) != 0;

    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return fail(reason, size, path, EISDIR);
        if (path[strlen(path) - 1] == '/')
            return fail(reason, size, path, ENOTDIR);
        if (S_ISBLK(st.st_mode)) {
            say(reason, size, "%s is a block device; a summary is not written to a disk",
                path);
            return -EINVAL;
        }
        if (S_ISSOCK(st.st_mode)) {
            say(reason, size, "%s is a socket, not a file", path);
            return -ENXIO;
        }
        /* Replacing /dev/stdout or /proc/self/fd/N would not reach the file
         * they stand for: those are always written directly. */
        if (!S_ISREG(st.st_mode) || in_device_tree(path))
            return write_direct(path, S_ISFIFO(st.st_mode), data, len, ops, reason, size);
        if (!overwrite)
            return fail(reason, size, path, EEXIST);

        struct stat lst;
        const char *target = path;
        char real[PATH_MAX];
        if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
            if (!realpath(path, real))
                return fail(reason, size, path, errno);
            target = real;
        }
        return write_via_temp(target, path, st.st_mode & 07777, 0, data, len, ops, reason,
                              size);
    }

    int err = errno;
    if (err != ENOENT)
        return fail(reason, size, path, err);
    if (path[strlen(path) - 1] == '/')
        return fail(reason, size, path, ENOENT);
    struct stat lst;
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        say(reason, size, "%s is a symbolic link to a missing file (%s)", path,
            strerror(ENOENT));
        return -ENOENT;
    }
    return write_via_temp(path, path, 0644 & ~current_umask(), !overwrite, data, len, ops,
                          reason, size);
}

int bl_safewrite(const char *path, const void *data, size_t len, unsigned flags,
                 char *reason, size_t reason_size)
{
    return bl_safewrite_ex(path, data, len, flags, NULL, reason, reason_size);
}

/* ---- paths --------------------------------------------------------- */

/* The home folder of "~" (name empty) or "~name"; NULL if unknown. */
static const char *home_of(const char *name, size_t name_len)
{
    if (name_len == 0) {
        const char *home = getenv("HOME");
        if (home && *home)
            return home;
        struct passwd *pw = getpwuid(getuid());
        return pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : NULL;
    }
    char user[256];
    if (name_len >= sizeof user)
        return NULL;
    memcpy(user, name, name_len);
    user[name_len] = '\0';
    struct passwd *pw = getpwnam(user);
    return pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : NULL;
}

int bl_path_resolve(const char *typed, char *out, size_t size)
{
    if (!typed || !*typed)
        return -EINVAL;
    char raw[BL_PATH_MAX * 2];
    int n;
    if (typed[0] == '~') {
        const char *end = strchr(typed, '/');
        size_t name_len = end ? (size_t)(end - typed - 1) : strlen(typed + 1);
        const char *home = home_of(typed + 1, name_len);
        if (!home)
            return -ENOENT;
        n = snprintf(raw, sizeof raw, "%s/%s", home, end ? end + 1 : "");
    } else if (typed[0] != '/') {
        char cwd[BL_PATH_MAX];
        if (!getcwd(cwd, sizeof cwd))
            return errno == ERANGE ? -ENAMETOOLONG : -errno;
        n = snprintf(raw, sizeof raw, "%s/%s", cwd, typed);
    } else {
        n = snprintf(raw, sizeof raw, "%s", typed);
    }
    if (n < 0 || (size_t)n >= sizeof raw)
        return -ENAMETOOLONG;
    /* For "~" alone the trailing slash was added here, not typed. */
    int trailing = typed[strlen(typed) - 1] == '/';

    /* Rebuild from the parts, dropping empty and "." ones. */
    size_t o = 0;
    const char *p = raw;
    while (*p) {
        while (*p == '/')
            p++;
        const char *start = p;
        while (*p && *p != '/')
            p++;
        size_t part = (size_t)(p - start);
        if (part == 0 || (part == 1 && start[0] == '.'))
            continue;
        if (o + 1 + part >= size)
            return -ENAMETOOLONG;
        out[o++] = '/';
        memcpy(out + o, start, part);
        o += part;
    }
    if (o == 0 || (trailing && o + 1 < size)) {
        if (o + 2 > size)
            return -ENAMETOOLONG;
        out[o++] = '/';
    } else if (trailing) {
        return -ENAMETOOLONG;
    }
    out[o] = '\0';
    return 0;
}
