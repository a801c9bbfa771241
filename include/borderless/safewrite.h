/* safewrite.h — write a whole buffer to a file without ever changing an
 * existing file without consent, and turn a path as a person typed it into an
 * absolute one.
 *
 * What happens is decided by what the path names (stat), never by how it is
 * spelled: /proc/self/cwd/x, /dev/fd/3, /dev/stdin and /dev/shm/x are treated
 * like any other name of the same thing.
 *  - nothing: a temporary file ".<name>.XXXXXX" is made in the same folder
 *    (mode 0644 less the umask), written in full, fsynced and closed (each
 *    step checked), then moved into place.  Without BL_SAFEWRITE_OVERWRITE
 *    the move is link(2) + unlink, so a file that appears meanwhile is still
 *    never replaced (falls back to rename(2) where the file system has no
 *    hard links).  The folder is fsynced afterwards (best effort).
 *  - a regular file, by any name — a symbolic link to it (as editors do: the
 *    link stays, the file it points to is replaced), /proc/self/fd/N or
 *    /dev/fd/N, /dev/stdin redirected from it: refused with -EEXIST unless
 *    BL_SAFEWRITE_OVERWRITE.  With it, the file's real path (every link
 *    resolved) is replaced in the same way by rename(2) from a temporary
 *    file in the real file's folder.  The new file keeps the old one's
 *    permission bits, owner and group where the process may set them;
 *    set-user-ID and set-group-ID are kept only when the new file's owner
 *    (and, for set-group-ID, group) is the old one's.  A name that cannot
 *    be traced to the file in a folder (a deleted file still open, a memfd)
 *    is refused: such a file is never written in place.  A hard link to the
 *    old file keeps the old content.
 *  - a dangling symbolic link: refused (-ENOENT) rather than guessed at.
 *  - a character device or a FIFO (/dev/null, /dev/tty, a pipe behind
 *    /dev/stdout): opened without O_CREAT and written directly, never
 *    replaced; no overwrite flag is needed since nothing is lost.  A FIFO
 *    with no reader fails at once (-ENXIO).  The write never blocks: when
 *    the reader or device takes nothing for the wait (3 seconds) it fails
 *    with -ETIMEDOUT ("no reader took the data within 3 seconds"); a signal
 *    during the wait gives -EINTR, so a caller's signal flag is honoured.
 *    SIGPIPE is held off, so a reader that goes away gives -EPIPE instead of
 *    ending the program.  With BL_SAFEWRITE_REFUSE_TTY a terminal is refused
 *    (-EBUSY) before anything is written.
 *  - a folder: -EISDIR; a block device or a socket: refused (-EINVAL,
 *    -ENXIO).
 * On any failure the temporary file is removed and an existing target is left
 * byte-for-byte as it was.  Nothing is printed; nothing exits.
 *
 * Asking before replacing (the protocol for a program that asks "Overwrite
 * X?"): the question and the write must be about the same file, even if a
 * link is swapped or the file replaced while the person thinks.
 *
 *     bl_safewrite_target t;
 *     if (bl_safewrite_probe(path, &t, reason, size) < 0)  -> say reason
 *     rc = bl_safewrite_to(&t, data, len, 0, NULL, reason, size);
 *     if (rc == -EEXIST && ask("Overwrite ...?"))
 *         rc = bl_safewrite_to(&t, data, len, BL_SAFEWRITE_OVERWRITE, ...);
 *
 * The probe resolves links once and records the file's identity (device and
 * inode).  bl_safewrite_to() checks it again before it starts and once more
 * just before the rename: the given path must still resolve to the same real
 * path, and that must still be the same regular file.  Otherwise nothing is
 * replaced and it returns -ESTALE ("... changed since it was checked"); a
 * swapped link is never followed.  bl_safewrite() is probe + write in one
 * call, for a program whose consent comes with the request (--force).
 */
#ifndef BORDERLESS_SAFEWRITE_H
#define BORDERLESS_SAFEWRITE_H

#include <poll.h>
#include <stddef.h>
#include <sys/types.h>

/* Room for a path, and for a reason naming a path. */
#define BL_PATH_MAX 4096
#define BL_REASON_MAX (BL_PATH_MAX + 256)

/* The wait for a FIFO or device to take the data, unless ops say otherwise. */
#define BL_SAFEWRITE_WAIT_MS 3000

enum {
    BL_SAFEWRITE_OVERWRITE = 1, /* an existing regular file may be replaced */
    BL_SAFEWRITE_REFUSE_TTY = 2, /* a terminal is not written (a full-screen program
                                  * would have its screen garbled) */
};

/* What a path names, as bl_safewrite_probe() found it. */
enum bl_safewrite_kind {
    BL_SAFEWRITE_NEW = 1, /* nothing: a file is created */
    BL_SAFEWRITE_FILE, /* an existing regular file: replaced only with consent */
    BL_SAFEWRITE_DEVICE, /* a character device or a FIFO: written directly */
};

typedef struct bl_safewrite_target {
    enum bl_safewrite_kind kind; /* 0 until probed */
    char given[BL_PATH_MAX]; /* the path as given; reasons name it */
    char file[BL_PATH_MAX]; /* FILE: its real path, every link resolved;
                                  * NEW, DEVICE: the path as given */
    int linked; /* FILE: given is a symbolic link (or a
                                  * /proc/self/fd/N) to file */
    dev_t dev; /* FILE, DEVICE: what the probe found */
    ino_t ino;
    mode_t mode; /* FILE: kept by the new file */
    uid_t uid;
    gid_t gid;
} bl_safewrite_target;

/* The system calls the writer makes that can fail part-way, so a test can
 * inject failures (short writes, ENOSPC at the Nth write, a failed fsync,
 * close, rename, fchown or fchmod, a poll that times out or is interrupted).
 * Each NULL member means the real call; errors are reported through errno
 * like the real calls.  wait_ms: the bounded wait of a direct write (0:
 * BL_SAFEWRITE_WAIT_MS).  For tests: programs pass NULL for the whole table. */
typedef struct bl_safewrite_ops {
    ssize_t (*write)(void *ctx, int fd, const void *buf, size_t n);
    int (*fsync)(void *ctx, int fd);
    int (*close)(void *ctx, int fd);
    int (*rename)(void *ctx, const char *from, const char *to);
    int (*link)(void *ctx, const char *from, const char *to);
    int (*fchown)(void *ctx, int fd, uid_t uid, gid_t gid);
    int (*fchmod)(void *ctx, int fd, mode_t mode);
    int (*poll)(void *ctx, struct pollfd *fds, nfds_t n, int timeout_ms);
    void *ctx;
    int wait_ms;
} bl_safewrite_ops;

/* Finds out what path names (the rules above) and fills *t.  Returns 0, or
 * -errno with reason (may be NULL) set: -EISDIR, -ENOENT (a dangling link,
 * or a folder on the way is missing), -EINVAL (a block device), -ENXIO (a
 * socket), -ESTALE (a regular file that no path leads to), or stat's error.
 * An existing regular file is not an error here: t->kind says FILE. */
int bl_safewrite_probe(const char *path, bl_safewrite_target *t, char *reason, size_t reason_size);

/* Writes data[0..len) to the target a probe found, by the rules above.
 * flags: BL_SAFEWRITE_OVERWRITE, BL_SAFEWRITE_REFUSE_TTY.  ops may be NULL.
 * Returns 0, or -errno with reason set: -EEXIST (a FILE and no overwrite
 * flag), -ESTALE (the file or a link to it changed since the probe),
 * -ETIMEDOUT, -EINTR, -EBUSY (a terminal refused), -EINVAL (t not probed). */
int bl_safewrite_to(const bl_safewrite_target *t, const void *data, size_t len, unsigned flags,
                    const bl_safewrite_ops *ops, char *reason, size_t reason_size);

/* Probe and write in one call.  Returns 0, or -errno (-EEXIST: an existing
 * regular file and no BL_SAFEWRITE_OVERWRITE).  On failure reason (may be
 * NULL) gets a sentence naming the path and the cause, e.g. "/x/a.txt: No
 * space left on device". */
int bl_safewrite(const char *path, const void *data, size_t len, unsigned flags, char *reason,
                 size_t reason_size);

/* The same, making its failable calls through ops (NULL: the real ones). */
int bl_safewrite_ex(const char *path, const void *data, size_t len, unsigned flags,
                    const bl_safewrite_ops *ops, char *reason, size_t reason_size);

/* Makes SIGINT, SIGTERM and SIGHUP remove the temporary file of a write in
 * progress before they end the program; the program then ends by the same
 * signal as it would have (status and core dump unchanged).  Only signals
 * whose action is the default get the handler: an ignored SIGHUP (nohup)
 * stays ignored, a program's own handler stays.  For a command-line program,
 * once before it writes; a program whose own handlers let the write finish
 * (the guide) does not need it.  Idempotent.  Returns 0 or -errno. */
int bl_safewrite_guard_signals(void);

/* Turns a path as typed into an absolute one in out[0..size): "~" and "~/x"
 * are the home folder ($HOME, else the password database), "~name/x" is
 * that user's; a relative path is taken from the current folder.  "." parts
 * and repeated slashes are dropped; ".." is kept (symbolic links make it
 * mean something else than the text suggests).  A trailing slash is kept.
 * Returns 0, -EINVAL for an empty path, -ENOENT for an unknown home,
 * -ENAMETOOLONG, or -errno of getcwd(). */
int bl_path_resolve(const char *typed, char *out, size_t size);

#endif
