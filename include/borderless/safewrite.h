/* safewrite.h — write a whole buffer to a file without ever losing what was
 * there before, and turn a path as a person typed it into an absolute one.
 *
 * The rules of bl_safewrite(), by what the path names:
 *  - nothing: a temporary file ".<name>.XXXXXX" is made in the same folder
 *    (mode 0644 less the umask), written in full, fsynced and closed (each
 *    step checked), then moved into place.  Without BL_SAFEWRITE_OVERWRITE
 *    the move is link(2) + unlink, so a file that appears meanwhile is still
 *    never replaced (falls back to rename(2) where the file system has no
 *    hard links).  The folder is fsynced afterwards (best effort).
 *  - a regular file: refused with -EEXIST unless BL_SAFEWRITE_OVERWRITE;
 *    with it, replaced in the same way by rename(2), keeping the old file's
 *    permission bits.  (A hard link to the old file keeps the old content.)
 *  - a symbolic link to a regular file: as above for the link's final
 *    target (realpath), so the link itself stays; a dangling link is
 *    refused (-ENOENT) rather than guessed at.
 *  - anything else that exists and is not a folder (/dev/null, /dev/stdout,
 *    a terminal, a FIFO): opened without O_CREAT and written directly, never
 *    replaced; no overwrite flag is needed since nothing is lost.  A FIFO
 *    with no reader fails at once with -ENXIO instead of blocking.  SIGPIPE
 *    is held off during the write, so a reader that goes away gives -EPIPE
 *    instead of ending the program.
 *  - a folder: -EISDIR.
 * On any failure the temporary file is removed and an existing target is left
 * byte-for-byte as it was.  Nothing is printed; nothing exits.
 */
#ifndef BORDERLESS_SAFEWRITE_H
#define BORDERLESS_SAFEWRITE_H

#include <stddef.h>
#include <sys/types.h>

/* Room for a path, and for a reason naming a path. */
#define BL_PATH_MAX 4096
#define BL_REASON_MAX (BL_PATH_MAX + 256)

enum { BL_SAFEWRITE_OVERWRITE = 1 };

/* The system calls the writer makes that can fail part-way, so a test can
 * inject failures (short writes, ENOSPC at the Nth write, a failed fsync,
 * close or rename).  Each NULL member means the real call; errors are
 * reported through errno like the real calls.  For tests: programs pass
 * NULL for the whole table. */
typedef struct bl_safewrite_ops {
    ssize_t (*write)(void *ctx, int fd, const void *buf, size_t n);
    int (*fsync)(void *ctx, int fd);
    int (*close)(void *ctx, int fd);
    int (*rename)(void *ctx, const char *from, const char *to);
    int (*link)(void *ctx, const char *from, const char *to);
    void *ctx;
} bl_safewrite_ops;

/* Writes data[0..len) to path by the rules above.  Returns 0, or -errno
 * (-EEXIST: an existing regular file and no BL_SAFEWRITE_OVERWRITE).  On
 * failure reason (may be NULL) gets a sentence naming the path and the
 * cause, e.g. "/x/a.txt: No space left on device". */
int bl_safewrite(const char *path, const void *data, size_t len, unsigned flags,
                 char *reason, size_t reason_size);

/* The same, making its failable calls through ops (NULL: the real ones). */
int bl_safewrite_ex(const char *path, const void *data, size_t len, unsigned flags,
                    const bl_safewrite_ops *ops, char *reason, size_t reason_size);

/* Turns a path as typed into an absolute one in out[0..size): "~" and "~/x"
 * are the home folder ($HOME, else the password database), "~name/x" is
 * that user's; a relative path is taken from the current folder.  "." parts
 * and repeated slashes are dropped; ".." is kept (symbolic links make it
 * mean something else than the text suggests).  A trailing slash is kept.
 * Returns 0, -EINVAL for an empty path, -ENOENT for an unknown home,
 * -ENAMETOOLONG, or -errno of getcwd(). */
int bl_path_resolve(const char *typed, char *out, size_t size);

#endif
