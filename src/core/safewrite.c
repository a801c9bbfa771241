/* safewrite.c — see safewrite.h for the rules. */
#include "borderless/safewrite.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
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

static int op_fchown(const bl_safewrite_ops *ops, int fd, uid_t uid, gid_t gid)
{
    return ops && ops->fchown ? ops->fchown(ops->ctx, fd, uid, gid) : fchown(fd, uid, gid);
}

static int op_fchmod(const bl_safewrite_ops *ops, int fd, mode_t mode)
{
    return ops && ops->fchmod ? ops->fchmod(ops->ctx, fd, mode) : fchmod(fd, mode);
}

static int op_poll(const bl_safewrite_ops *ops, struct pollfd *fds, nfds_t n, int timeout_ms)
{
    return ops && ops->poll ? ops->poll(ops->ctx, fds, n, timeout_ms) : poll(fds, n, timeout_ms);
}

static int wait_ms_of(const bl_safewrite_ops *ops)
{
    return ops && ops->wait_ms > 0 ? ops->wait_ms : BL_SAFEWRITE_WAIT_MS;
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

/* ---- removing the temporary file on a signal ------------------------ */

/* The one piece of program-wide state, because a signal handler can reach
 * nothing else: the temporary file of the write in progress.  It is changed
 * only with the guarded signals blocked, so the handler never sees half a
 * name. */
static char pending_temp[BL_PATH_MAX];
static volatile sig_atomic_t pending_set;

static const int guarded_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define N_GUARDED (sizeof guarded_signals / sizeof guarded_signals[0])

static void guarded_set(sigset_t *set)
{
    sigemptyset(set);
    for (size_t i = 0; i < N_GUARDED; i++)
        sigaddset(set, guarded_signals[i]);
}

static void guard_handler(int sig)
{
    int saved = errno;
    if (pending_set)
        (void)unlink(pending_temp);
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    (void)sigaction(sig, &dfl, NULL);
    /* Blocked while the handler runs: delivered, with the default action,
     * as soon as it returns. */
    (void)raise(sig);
    errno = saved;
}

int bl_safewrite_guard_signals(void)
{
    for (size_t i = 0; i < N_GUARDED; i++) {
        struct sigaction old;
        if (sigaction(guarded_signals[i], NULL, &old) < 0)
            return -errno;
        if (old.sa_handler != SIG_DFL || (old.sa_flags & SA_SIGINFO))
            continue; /* ignored, someone else's, or already ours */
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = guard_handler;
        guarded_set(&sa.sa_mask);
        if (sigaction(guarded_signals[i], &sa, NULL) < 0)
            return -errno;
    }
    return 0;
}

/* mkstemp() with the name registered for the handler. */
static int temp_make(char *tmp)
{
    sigset_t set, old;
    guarded_set(&set);
    int masked = sigprocmask(SIG_BLOCK, &set, &old) == 0;
    int fd = mkstemp(tmp);
    int err = errno;
    if (fd >= 0 && strlen(tmp) < sizeof pending_temp) {
        memcpy(pending_temp, tmp, strlen(tmp) + 1);
        pending_set = 1;
    }
    if (masked)
        sigprocmask(SIG_SETMASK, &old, NULL);
    errno = err;
    return fd;
}

/* The temporary file is done with: removed (unless it was moved) and
 * forgotten by the handler. */
static void temp_done(const char *tmp, int remove_it)
{
    sigset_t set, old;
    guarded_set(&set);
    int masked = sigprocmask(SIG_BLOCK, &set, &old) == 0;
    if (remove_it)
        (void)unlink(tmp);
    pending_set = 0;
    if (masked)
        sigprocmask(SIG_SETMASK, &old, NULL);
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

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Writes all of data to a non-blocking fd, waiting (poll) at most wait_ms in
 * all for it to take the data.  0, -ETIMEDOUT, -EINTR (a signal during the
 * wait) or -errno. */
static int write_all_bounded(const bl_safewrite_ops *ops, int fd, const char *data, size_t len,
                             int wait_ms)
{
    long long deadline = now_ms() + wait_ms;
    while (len > 0) {
        size_t chunk = len > (size_t)1 << 30 ? (size_t)1 << 30 : len;
        ssize_t n = op_write(ops, fd, data, chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            long long left = deadline - now_ms();
            if (left <= 0)
                return -ETIMEDOUT;
            struct pollfd p = {.fd = fd, .events = POLLOUT};
            int r = op_poll(ops, &p, 1, left > INT_MAX ? INT_MAX : (int)left);
            if (r < 0)
                return errno ? -errno : -EIO;
            if (r == 0)
                return -ETIMEDOUT;
            continue; /* ready, or an error the next write reports */
        }
        if (n < 0)
            return errno ? -errno : -EIO;
        if (n == 0)
            return -EIO;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Is this terminal (rdev) the one the program runs in? */
static int own_terminal(dev_t rdev)
{
    struct stat st;
    for (int fd = 0; fd <= 2; fd++)
        if (fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == rdev)
            return 1;
    return stat("/dev/tty", &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == rdev;
}

/* Writes to a device or FIFO the probe found.  SIGPIPE is blocked during the
 * write so that a reader going away is an EPIPE error, not the end of the
 * program; a SIGPIPE raised by our own write is consumed. */
static int write_direct(const bl_safewrite_target *t, unsigned flags, const char *data, size_t len,
                        const bl_safewrite_ops *ops, char *reason, size_t size)
{
    /* O_NONBLOCK: a FIFO without a reader fails with ENXIO instead of
     * waiting forever, and a slow reader cannot hold the write.  O_APPEND:
     * should the name have become a regular file meanwhile, opening it
     * changes nothing before the check below refuses it. */
    int fd = open(t->file, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_APPEND | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        if (err == ENXIO && S_ISFIFO(t->mode)) {
            say(reason, size, "%s: nothing is reading from this FIFO (%s)", t->given,
                strerror(err));
            return -err;
        }
        return fail(reason, size, t->given, err);
    }
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int err = errno;
        close(fd);
        return fail(reason, size, t->given, err);
    }
    if (!S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode)) {
        close(fd);
        say(reason, size,
            "%s: no longer a device or FIFO, it changed since it was checked; "
            "nothing was written",
            t->given);
        return -ESTALE;
    }
    if ((flags & BL_SAFEWRITE_REFUSE_TTY) && isatty(fd)) {
        close(fd);
        say(reason, size, "%s: that is %s; choose a file", t->given,
            own_terminal(st.st_rdev) ? "the terminal the guide is drawn on"
                                     : "a terminal, not a file");
        return -EBUSY;
    }

    sigset_t pipe_set, old_mask, pending;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    int masked = sigprocmask(SIG_BLOCK, &pipe_set, &old_mask) == 0;
    int was_pending = masked && sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;

    int wait_ms = wait_ms_of(ops);
    int rc = write_all_bounded(ops, fd, data, len, wait_ms);

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
        if (rc == -ETIMEDOUT)
            say(reason, size, "%s: %s within %g seconds", t->given,
                S_ISFIFO(st.st_mode) ? "no reader took the data"
                                     : "the device did not take the data",
                wait_ms / 1000.0);
        else if (rc == -EINTR)
            say(reason, size, "%s: interrupted before all was written", t->given);
        else
            fail(reason, size, t->given, -rc);
        return rc;
    }
    if (op_close(ops, fd) < 0)
        return fail(reason, size, t->given, errno);
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
    return err == EPERM || err == EOPNOTSUPP || err == ENOTSUP || err == ENOSYS || err == EMLINK ||
        err == EXDEV;
}

/* 0 when t->given still leads to the regular file the probe found; else
 * -ESTALE with the reason (`what` says what did not happen). */
static int still_same(const bl_safewrite_target *t, const char *what, char *reason, size_t size)
{
    char *real = realpath(t->given, NULL);
    struct stat st;
    int same = real && strcmp(real, t->file) == 0 && lstat(t->file, &st) == 0 &&
        S_ISREG(st.st_mode) && st.st_dev == t->dev && st.st_ino == t->ino;
    free(real);
    if (same)
        return 0;
    say(reason, size, "%s: the file or a link to it changed since it was checked; %s", t->given,
        what);
    return -ESTALE;
}

/* Gives the new file fd the old file's owner, group and permission bits as
 * far as the process may.  Only a refusal (EPERM, or EINVAL for an id this
 * system cannot map) is accepted quietly; 0 or an errno. */
static int keep_attributes(const bl_safewrite_ops *ops, int fd, const bl_safewrite_target *old)
{
    if (op_fchown(ops, fd, old->uid, old->gid) < 0) {
        if (errno != EPERM && errno != EINVAL)
            return errno ? errno : EIO;
        /* The owner cannot be given away; the group can, if we are in it. */
        if (op_fchown(ops, fd, (uid_t)-1, old->gid) < 0 && errno != EPERM && errno != EINVAL)
            return errno ? errno : EIO;
    }
    mode_t mode = old->mode & 07777;
    if (mode & (S_ISUID | S_ISGID)) {
        /* Never lend the old owner's or group's rights to another owner:
         * when in doubt, drop them. */
        struct stat now;
        if (fstat(fd, &now) < 0 || now.st_uid != old->uid)
            mode &= ~(mode_t)(S_ISUID | S_ISGID);
        else if (now.st_gid != old->gid)
            mode &= ~(mode_t)S_ISGID;
    }
    if (op_fchmod(ops, fd, mode) < 0)
        return errno ? errno : EIO;
    return 0;
}

/* Writes a temporary file next to `target` and moves it into place:
 * no_replace with link(2) (fails if target appeared meanwhile), otherwise
 * with rename(2).  old: the file being replaced (its attributes are kept and
 * its identity checked just before the rename), NULL for a new file.
 * `shown` is the path named in reasons. */
static int write_via_temp(const char *target, const char *shown, const bl_safewrite_target *old,
                          int no_replace, const char *data, size_t len, const bl_safewrite_ops *ops,
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

    int fd = temp_make(tmp);
    if (fd < 0)
        return fail(reason, size, shown, errno);

    /* mkstemp() has no O_CLOEXEC in this feature set; the window before
     * fcntl() only matters to a program that forks from another thread. */
    int err = 0;
    if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
        err = errno;
    if (!err) {
        int rc = write_all(ops, fd, data, len);
        if (rc < 0)
            err = -rc;
    }
    /* Owner before mode: a change of owner clears set-user-ID. */
    if (!err && old)
        err = keep_attributes(ops, fd, old);
    else if (!err && op_fchmod(ops, fd, 0644 & ~current_umask()) < 0)
        err = errno ? errno : EIO;
    if (!err && op_fsync(ops, fd) < 0)
        err = errno ? errno : EIO;
    if (err) {
        close(fd);
    } else if (op_close(ops, fd) < 0) {
        err = errno ? errno : EIO;
    }

    int stale = 0;
    if (!err && old && still_same(old, "nothing was replaced", reason, size) < 0)
        stale = err = ESTALE;
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
    temp_done(tmp, err != 0);
    if (stale)
        return -ESTALE;
    if (err)
        return fail(reason, size, shown, err);

    /* Make the new name durable too.  Best effort: some file systems do not
     * fsync folders, and the file itself is already safe. */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    return 0;
}

/* ---- what a path names --------------------------------------------- */

int bl_safewrite_probe(const char *path, bl_safewrite_target *t, char *reason, size_t size)
{
    if (reason && size)
        reason[0] = '\0';
    if (!t)
        return -EINVAL;
    memset(t, 0, sizeof *t);
    if (!path || !*path) {
        say(reason, size, "no file name given");
        return -EINVAL;
    }
    size_t plen = strlen(path);
    if (plen >= BL_PATH_MAX)
        return fail(reason, size, path, ENAMETOOLONG);
    int slash_end = path[plen - 1] == '/';

    struct stat st;
    if (stat(path, &st) < 0) {
        int err = errno;
        if (err != ENOENT)
            return fail(reason, size, path, err);
        struct stat lst;
        if (!slash_end && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
            say(reason, size, "%s is a symbolic link to a missing file (%s)", path,
                strerror(ENOENT));
            return -ENOENT;
        }
        if (slash_end)
            return fail(reason, size, path, ENOENT);
        t->kind = BL_SAFEWRITE_NEW;
        memcpy(t->given, path, plen + 1);
        memcpy(t->file, path, plen + 1);
        return 0;
    }

    if (S_ISDIR(st.st_mode))
        return fail(reason, size, path, EISDIR);
    if (slash_end)
        return fail(reason, size, path, ENOTDIR);
    if (S_ISBLK(st.st_mode)) {
        say(reason, size, "%s is a block device; a summary is not written to a disk", path);
        return -EINVAL;
    }
    if (S_ISSOCK(st.st_mode)) {
        say(reason, size, "%s is a socket, not a file", path);
        return -ENXIO;
    }
    memcpy(t->given, path, plen + 1);
    t->dev = st.st_dev;
    t->ino = st.st_ino;
    t->mode = st.st_mode;
    t->uid = st.st_uid;
    t->gid = st.st_gid;
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
        t->kind = BL_SAFEWRITE_DEVICE;
        memcpy(t->file, path, plen + 1);
        return 0;
    }
    if (!S_ISREG(st.st_mode)) {
        say(reason, size, "%s is neither a file nor a device", path);
        memset(t, 0, sizeof *t);
        return -EINVAL;
    }

    /* A regular file: find the name it is replaced under.  The identity
     * check catches a name that is not this file any more (a deleted file
     * behind /proc/self/fd/N reads "... (deleted)"). */
    char *real = realpath(path, NULL);
    struct stat rst;
    int found = real && strlen(real) < sizeof t->file && lstat(real, &rst) == 0 &&
        S_ISREG(rst.st_mode) && rst.st_dev == st.st_dev && rst.st_ino == st.st_ino;
    if (!found) {
        free(real);
        memset(t, 0, sizeof *t);
        say(reason, size,
            "%s: cannot tell which file this is (it has no name in a folder, "
            "perhaps deleted); give the file's own path",
            path);
        return -ESTALE;
    }
    memcpy(t->file, real, strlen(real) + 1);
    free(real);
    struct stat lst;
    t->linked = lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode);
    t->kind = BL_SAFEWRITE_FILE;
    return 0;
}

/* ---- writing to a probed target ------------------------------------ */

int bl_safewrite_to(const bl_safewrite_target *t, const void *data, size_t len, unsigned flags,
                    const bl_safewrite_ops *ops, char *reason, size_t size)
{
    if (reason && size)
        reason[0] = '\0';
    if (!t || t->kind < BL_SAFEWRITE_NEW || t->kind > BL_SAFEWRITE_DEVICE ||
        !memchr(t->given, '\0', sizeof t->given) || !memchr(t->file, '\0', sizeof t->file)) {
        say(reason, size, "nothing to write to (the path was not checked)");
        return -EINVAL;
    }
    if (!data && len > 0)
        return fail(reason, size, t->given, EINVAL);
    int overwrite = (flags & BL_SAFEWRITE_OVERWRITE) != 0;

    switch (t->kind) {
    case BL_SAFEWRITE_NEW:
        return write_via_temp(t->file, t->given, NULL, !overwrite, data, len, ops, reason, size);
    case BL_SAFEWRITE_DEVICE:
        return write_direct(t, flags, data, len, ops, reason, size);
    case BL_SAFEWRITE_FILE:
        break;
    }

    if (!overwrite) {
        if (t->linked)
            say(reason, size, "%s leads to %s, which already exists", t->given, t->file);
        else
            say(reason, size, "%s already exists", t->given);
        return -EEXIST;
    }
    int rc = still_same(t, "nothing was written", reason, size);
    if (rc < 0)
        return rc;
    /* Failures name both the link and the file it leads to. */
    char shown[2 * BL_PATH_MAX + 4];
    if (t->linked)
        snprintf(shown, sizeof shown, "%s (%s)", t->given, t->file);
    else
        snprintf(shown, sizeof shown, "%s", t->given);
    return write_via_temp(t->file, shown, t, 0, data, len, ops, reason, size);
}

int bl_safewrite_ex(const char *path, const void *data, size_t len, unsigned flags,
                    const bl_safewrite_ops *ops, char *reason, size_t size)
{
    bl_safewrite_target t;
    int rc = bl_safewrite_probe(path, &t, reason, size);
    if (rc < 0)
        return rc;
    return bl_safewrite_to(&t, data, len, flags, ops, reason, size);
}

int bl_safewrite(const char *path, const void *data, size_t len, unsigned flags, char *reason,
                 size_t reason_size)
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
