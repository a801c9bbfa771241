/* userstate.h — where the guide keeps what a person does with it (the
 * shortlist, the session), and the rules every such file shares.
 *
 * Folders (XDG Base Directory Specification 0.8):
 *  - data  (the shortlist, worth backing up): $XDG_DATA_HOME/borderless,
 *    else ~/.local/share/borderless;
 *  - state (the session, fit answers in progress; may be lost):
 *    $XDG_STATE_HOME/borderless, else ~/.local/state/borderless.
 * A relative or empty $XDG_* value is ignored, as the specification asks.
 * The home folder is $HOME when absolute, else the password database.
 * Folders are made (mode 0700) only when a file is first written.
 *
 * A private session (--no-state, or BORDERLESS_NO_STATE set to anything but
 * "" or "0") reads and writes none of these files: the stores work in memory
 * and forget everything at exit.  Callers pass BL_USERSTATE_PRIVATE to the
 * stores' open functions; bl_userstate_flags() computes it.
 *
 * Writers hold an advisory lock (flock(2) on "<file>.lock" beside the file)
 * around read-merge-write, so that two programs never lose each other's
 * changes; the file itself is replaced with bl_safewrite() (temporary file,
 * fsync, rename, fsync of the folder).  Nothing here prints or exits.
 */
#ifndef BORDERLESS_USERSTATE_H
#define BORDERLESS_USERSTATE_H

#include "borderless/safewrite.h" /* BL_PATH_MAX, BL_REASON_MAX */

#include <stddef.h>

enum {
    BL_USERSTATE_PRIVATE = 1 /* read and write nothing (--no-state) */
};

enum bl_userstate_kind {
    BL_USERSTATE_DATA, /* $XDG_DATA_HOME/borderless */
    BL_USERSTATE_STATE /* $XDG_STATE_HOME/borderless */
};

/* The file names inside those folders. */
#define BL_SHORTLIST_FILE "shortlist.txt" /* in the data folder */
#define BL_SESSION_FILE "session" /* in the state folder */

/* BL_USERSTATE_PRIVATE when no_state_option is non-zero or the environment
 * has BORDERLESS_NO_STATE set to a value other than "" and "0"; else 0.
 * Give the result to bl_shortlist_open() and bl_session_load/save(). */
unsigned bl_userstate_flags(int no_state_option);

/* The folder of this kind (without a trailing slash) into out[0..size), by
 * the rules above.  Returns 0, -ENOENT when no home folder can be found, or
 * -ENAMETOOLONG.  Looks at the environment only; touches no file. */
int bl_userstate_dir(enum bl_userstate_kind kind, char *out, size_t size);

/* The folder of kind joined with name ("shortlist.txt").  As above. */
int bl_userstate_path(enum bl_userstate_kind kind, const char *name, char *out, size_t size);

/* Makes the folder holding file `path` and any missing parents (new ones
 * with mode 0700).  0 or -errno. */
int bl_userstate_mkdirs_for(const char *path);

/* Takes the writer's lock for `path`: an exclusive flock(2) on
 * "<path>.lock" (made if missing), waiting at most about 10 seconds.
 * Returns the lock's descriptor (>= 0) for bl_userstate_unlock(), or
 * -errno (-EWOULDBLOCK: still held by another program after the wait).
 * A file system without flock (-ENOLCK, -EINVAL) gives -ENOLCK; callers may
 * then go on without the lock. */
int bl_userstate_lock(const char *path);

/* Releases a lock from bl_userstate_lock(); a negative fd is ignored. */
void bl_userstate_unlock(int fd);

/* Removes the safe writer's temporary files for path (".<name>.XXXXXX"
 * beside it) left by a writer that was killed part-way.  Call only with
 * the lock held: then no writer can be using one. */
void bl_userstate_clean_temps(const char *path);

/* Reads at most max bytes of the file into a new buffer (NUL-terminated,
 * so *len + 1 bytes).  Returns 0, 1 when the file is larger than max (the
 * first max bytes are in *buf), -ENOENT when there is no file, or -errno.
 * Free *buf with free(). */
int bl_userstate_read(const char *path, size_t max, char **buf, size_t *len);

/* Keeps the damaged file at path beside it as
 * "<path>.damaged-YYYYMMDD-HHMMSS" (a "-N" suffix if that exists): a hard
 * link to it, else a copy of data[0..len) (what was read), written
 * safely and never replacing anything.  The name used goes to
 * out[0..size).  0 or -errno. */
int bl_userstate_keep_damaged(const char *path, const char *data, size_t len, char *out,
                              size_t size);

#endif
