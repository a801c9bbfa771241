/* test_safewrite.c — the safe writer: new files, refusal and overwrite,
 * folders that are missing or are files, a folder as target, a failure at
 * each write / fsync / close / rename / fchown / fchmod (old file intact, no
 * temporary file left), devices, FIFOs (no reader, a reader that never
 * reads: the bounded wait, an interrupted wait) and terminals, the same file
 * by other names (/proc/self/fd/N, /dev/fd/N, /dev/stdin, /proc/self/cwd, a
 * deleted file behind an fd), symbolic links swapped between the probe and
 * the write, owner / group / mode kept and set-user-ID never lent, a signal
 * in the middle of a write, and bl_path_resolve().
 *
 * Tests run as root in CI, where permissions do not stop a write: "cannot
 * create here" is provoked with a file used as a folder and with /proc.  As
 * root the ownership test also gives files away and replaces root's file as
 * another user; as a normal user it checks the same decisions through
 * injected fchown refusals.
 */
#include "borderless/safewrite.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

static char dir[64];

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/bl-safewrite-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    umask(022);
    return 0;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int remove_dir(void **state)
{
    (void)state;
    return nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* A path inside the test folder (a static buffer per call site is enough:
 * each test keeps at most a few). */
static char *in_dir(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
    return buf;
}

static void put_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void assert_file(const char *path, const char *want)
{
    char *got = slurp(path);
    if (!got)
        fail_msg("cannot read %s: %s", path, strerror(errno));
    assert_string_equal(got, want);
    free(got);
}

/* The names in the test folder, sorted, joined by spaces. */
static void listing(char *out, size_t size)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    assert_true(n >= 0);
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (strcmp(names[i]->d_name, ".") != 0 && strcmp(names[i]->d_name, "..") != 0) {
            size_t l = strlen(out);
            snprintf(out + l, size - l, "%s%s", l ? " " : "", names[i]->d_name);
        }
        free(names[i]);
    }
    free(names);
}

static void assert_listing(const char *want)
{
    char got[4096];
    listing(got, sizeof got);
    assert_string_equal(got, want);
}

static void clear_dir(void)
{
    assert_int_equal(nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS), 0);
    assert_int_equal(mkdir(dir, 0700), 0);
}

/* ---- creating and replacing ------------------------------------------ */

static void test_create(void **state)
{
    (void)state;
    clear_dir();
    char p[128], reason[BL_REASON_MAX];
    in_dir(p, sizeof p, "new.txt");
    assert_int_equal(bl_safewrite(p, "hello\n", 6, 0, reason, sizeof reason), 0);
    assert_file(p, "hello\n");
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0644);
    assert_listing("new.txt");

    /* An empty document is a valid empty file. */
    in_dir(p, sizeof p, "empty.txt");
    assert_int_equal(bl_safewrite(p, "", 0, 0, reason, sizeof reason), 0);
    assert_file(p, "");

    /* The umask is respected. */
    mode_t old = umask(077);
    in_dir(p, sizeof p, "private.txt");
    assert_int_equal(bl_safewrite(p, "x", 1, 0, reason, sizeof reason), 0);
    umask(old);
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
}

static void test_refuse_and_overwrite(void **state)
{
    (void)state;
    clear_dir();
    char p[128], reason[BL_REASON_MAX], want[256];
    in_dir(p, sizeof p, "kept.txt");
    put_file(p, "precious\n");
    chmod(p, 0640);
    assert_int_equal(bl_safewrite(p, "new\n", 4, 0, reason, sizeof reason), -EEXIST);
    snprintf(want, sizeof want, "%s already exists", p);
    assert_string_equal(reason, want);
    assert_file(p, "precious\n");
    assert_listing("kept.txt");

    assert_int_equal(bl_safewrite(p, "new\n", 4, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason), 0);
    assert_file(p, "new\n");
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640); /* the old file's permissions */
    assert_listing("kept.txt");
}

/* A file that appears between the check and the move is not replaced. */
static int link_after_rival(void *ctx, const char *from, const char *to)
{
    (void)ctx;
    put_file(to, "rival\n");
    return link(from, to);
}

static void test_race_no_replace(void **state)
{
    (void)state;
    clear_dir();
    char p[128], reason[BL_REASON_MAX];
    in_dir(p, sizeof p, "race.txt");
    bl_safewrite_ops ops = {.link = link_after_rival};
    assert_int_equal(bl_safewrite_ex(p, "mine\n", 5, 0, &ops, reason, sizeof reason), -EEXIST);
    assert_file(p, "rival\n");
    assert_listing("race.txt");
}

/* ---- where a file cannot go ------------------------------------------ */

static void test_missing_folder(void **state)
{
    (void)state;
    clear_dir();
    char p[128], reason[BL_REASON_MAX], want[256];
    in_dir(p, sizeof p, "nope/x.txt");
    assert_int_equal(bl_safewrite(p, "x", 1, 0, reason, sizeof reason), -ENOENT);
    snprintf(want, sizeof want, "%s: No such file or directory", p);
    assert_string_equal(reason, want);
    assert_int_equal(bl_safewrite(p, "x", 1, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason),
                     -ENOENT);
    assert_listing("");
}

static void test_folder_target(void **state)
{
    (void)state;
    clear_dir();
    char p[128], reason[BL_REASON_MAX];
    in_dir(p, sizeof p, "sub");
    assert_int_equal(mkdir(p, 0755), 0);
    assert_int_equal(bl_safewrite(p, "x", 1, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason),
                     -EISDIR);
    assert_non_null(strstr(reason, p));
    assert_non_null(strstr(reason, "Is a directory"));
    /* A trailing slash names a folder too. */
    in_dir(p, sizeof p, "sub/");
    assert_int_equal(bl_safewrite(p, "x", 1, 0, reason, sizeof reason), -EISDIR);
    in_dir(p, sizeof p, "none/");
    assert_int_equal(bl_safewrite(p, "x", 1, 0, reason, sizeof reason), -ENOENT);
    in_dir(p, sizeof p, "sub");
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_listing("sub");
}

/* Root ignores permissions, so "cannot create a file here" comes from a file
 * used as a folder and from /proc, which takes no new files. */
static void test_cannot_create_here(void **state)
{
    (void)state;
    clear_dir();
    char p[128], reason[BL_REASON_MAX], want[256];
    in_dir(p, sizeof p, "notadir");
    put_file(p, "a file\n");
    in_dir(p, sizeof p, "notadir/x.txt");
    assert_int_equal(bl_safewrite(p, "x", 1, 0, reason, sizeof reason), -ENOTDIR);
    snprintf(want, sizeof want, "%s: Not a directory", p);
    assert_string_equal(reason, want);
    in_dir(p, sizeof p, "notadir");
    assert_file(p, "a file\n");
    assert_listing("notadir");

    const char *proc = "/proc/borderless-summary-test.txt";
    int rc = bl_safewrite(proc, "x", 1, 0, reason, sizeof reason);
    assert_true(rc < 0);
    assert_memory_equal(reason, proc, strlen(proc));
    assert_non_null(strstr(reason, strerror(-rc)));
}

static void test_no_name(void **state)
{
    (void)state;
    char reason[BL_REASON_MAX];
    assert_int_equal(bl_safewrite("", "x", 1, 0, reason, sizeof reason), -EINVAL);
    assert_string_equal(reason, "no file name given");
    assert_int_equal(bl_safewrite(NULL, "x", 1, 0, NULL, 0), -EINVAL);
}

/* ---- failures part-way ----------------------------------------------- */

enum fail_op { FAIL_WRITE, FAIL_FSYNC, FAIL_CLOSE, FAIL_RENAME, FAIL_LINK };

struct injector {
    enum fail_op op;
    int nth; /* fail the nth call of op (1-based); 0: never */
    int err;
    int calls[5];
    int eintr; /* one EINTR before the first write */
};

static int hit(struct injector *in, enum fail_op op)
{
    in->calls[op]++;
    if (in->nth > 0 && in->op == op && in->calls[op] == in->nth) {
        errno = in->err;
        return 1;
    }
    return 0;
}

/* Short writes of at most 700 bytes, so a document takes many calls. */
static ssize_t inj_write(void *ctx, int fd, const void *buf, size_t n)
{
    struct injector *in = ctx;
    if (in->eintr) {
        in->eintr = 0;
        errno = EINTR;
        return -1;
    }
    if (hit(in, FAIL_WRITE))
        return -1;
    return write(fd, buf, n > 700 ? 700 : n);
}

static int inj_fsync(void *ctx, int fd)
{
    return hit(ctx, FAIL_FSYNC) ? -1 : fsync(fd);
}

static int inj_close(void *ctx, int fd)
{
    if (hit(ctx, FAIL_CLOSE)) {
        int e = errno;
        close(fd); /* a failed close still closes on Linux */
        errno = e;
        return -1;
    }
    return close(fd);
}

static int inj_rename(void *ctx, const char *from, const char *to)
{
    return hit(ctx, FAIL_RENAME) ? -1 : rename(from, to);
}

static int inj_link(void *ctx, const char *from, const char *to)
{
    return hit(ctx, FAIL_LINK) ? -1 : link(from, to);
}

static char *big_document(size_t *len)
{
    size_t n = 10000;
    char *doc = malloc(n + 1);
    assert_non_null(doc);
    for (size_t i = 0; i < n; i++)
        doc[i] = (char)('a' + i % 26);
    doc[n - 1] = '\n';
    doc[n] = '\0';
    *len = n;
    return doc;
}

static void check_injected(const char *name, const char *old, unsigned flags, enum fail_op op,
                           int nth, int err, const char *doc, size_t len)
{
    char p[128], reason[BL_REASON_MAX];
    in_dir(p, sizeof p, name);
    struct injector in = {.op = op, .nth = nth, .err = err};
    bl_safewrite_ops ops = {.write = inj_write,
                            .fsync = inj_fsync,
                            .close = inj_close,
                            .rename = inj_rename,
                            .link = inj_link,
                            .ctx = &in};
    int rc = bl_safewrite_ex(p, doc, len, flags, &ops, reason, sizeof reason);
    if (rc != -err)
        fail_msg("op %d call %d: got %d (%s), want %d", (int)op, nth, rc, reason, -err);
    char want[256];
    snprintf(want, sizeof want, "%s: %s", p, strerror(err));
    assert_string_equal(reason, want);
    if (old) {
        assert_file(p, old);
        assert_listing(name);
    } else {
        assert_listing("");
    }
}

static void test_fail_at_each_write(void **state)
{
    (void)state;
    clear_dir();
    size_t len = 0;
    char *doc = big_document(&len);
    char p[128], reason[BL_REASON_MAX];
    in_dir(p, sizeof p, "doc.txt");
    put_file(p, "the old summary\n");

    /* Count the write calls of a whole run (and survive an EINTR). */
    struct injector count = {.eintr = 1};
    bl_safewrite_ops ops = {.write = inj_write,
                            .fsync = inj_fsync,
                            .close = inj_close,
                            .rename = inj_rename,
                            .link = inj_link,
                            .ctx = &count};
    char other[128];
    in_dir(other, sizeof other, "count.txt");
    assert_int_equal(bl_safewrite_ex(other, doc, len, 0, &ops, reason, sizeof reason), 0);
    char *back = slurp(other);
    assert_string_equal(back, doc);
    free(back);
    unlink(other);
    int writes = count.calls[FAIL_WRITE];
    assert_int_equal(writes, (int)((len + 699) / 700));
    assert_int_equal(count.calls[FAIL_LINK], 1);

    for (int nth = 1; nth <= writes; nth++) {
        check_injected("doc.txt", "the old summary\n", BL_SAFEWRITE_OVERWRITE, FAIL_WRITE, nth,
                       ENOSPC, doc, len);
        check_injected("doc.txt", "the old summary\n", BL_SAFEWRITE_OVERWRITE, FAIL_WRITE, nth, EIO,
                       doc, len);
    }
    check_injected("doc.txt", "the old summary\n", BL_SAFEWRITE_OVERWRITE, FAIL_FSYNC, 1, EIO, doc,
                   len);
    check_injected("doc.txt", "the old summary\n", BL_SAFEWRITE_OVERWRITE, FAIL_CLOSE, 1, EDQUOT,
                   doc, len);
    check_injected("doc.txt", "the old summary\n", BL_SAFEWRITE_OVERWRITE, FAIL_RENAME, 1, EROFS,
                   doc, len);
    assert_int_equal(unlink(p), 0);

    /* Creating a new file: nothing may be left behind either. */
    for (int nth = 1; nth <= writes; nth++)
        check_injected("new.txt", NULL, 0, FAIL_WRITE, nth, ENOSPC, doc, len);
    check_injected("new.txt", NULL, 0, FAIL_FSYNC, 1, ENOSPC, doc, len);
    check_injected("new.txt", NULL, 0, FAIL_CLOSE, 1, EIO, doc, len);
    check_injected("new.txt", NULL, 0, FAIL_LINK, 1, EROFS, doc, len);
    /* A file system without hard links falls back to rename. */
    in_dir(p, sizeof p, "nolinks.txt");
    struct injector nolinks = {.op = FAIL_LINK, .nth = 1, .err = EPERM};
    ops.ctx = &nolinks;
    assert_int_equal(bl_safewrite_ex(p, "ok\n", 3, 0, &ops, reason, sizeof reason), 0);
    assert_int_equal(nolinks.calls[FAIL_RENAME], 1);
    assert_file(p, "ok\n");
    assert_listing("nolinks.txt");
    free(doc);
}

/* ---- devices, FIFOs, links ------------------------------------------- */

static void test_dev_null(void **state)
{
    (void)state;
    char reason[BL_REASON_MAX];
    /* No overwrite flag needed: nothing is lost. */
    assert_int_equal(bl_safewrite("/dev/null", "x\n", 2, 0, reason, sizeof reason), 0);
    struct stat st;
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_fifo(void **state)
{
    (void)state;
    clear_dir();
    char p[128], reason[BL_REASON_MAX];
    in_dir(p, sizeof p, "pipe");
    assert_int_equal(mkfifo(p, 0600), 0);

    /* No reader: fails at once, the FIFO stays. */
    double t0 = now();
    assert_int_equal(bl_safewrite(p, "x\n", 2, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason),
                     -ENXIO);
    assert_true(now() - t0 < 1.0);
    assert_non_null(strstr(reason, p));
    assert_non_null(strstr(reason, "nothing is reading"));
    struct stat st;
    assert_int_equal(lstat(p, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));

    /* With a reader: written directly. */
    int rfd = open(p, O_RDONLY | O_NONBLOCK);
    assert_true(rfd >= 0);
    assert_int_equal(bl_safewrite(p, "through\n", 8, 0, reason, sizeof reason), 0);
    char buf[32] = {0};
    assert_int_equal(read(rfd, buf, sizeof buf - 1), 8);
    assert_string_equal(buf, "through\n");
    close(rfd);
    assert_int_equal(lstat(p, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_listing("pipe");
}

/* A reader that goes away mid-write is an error, not a SIGPIPE death. */
static ssize_t close_reader_then_write(void *ctx, int fd, const void *buf, size_t n)
{
    int *rfd = ctx;
    if (*rfd >= 0) {
        close(*rfd);
        *rfd = -1;
    }
    return write(fd, buf, n);
}

static void test_fifo_reader_leaves(void **state)
{
    (void)state;
    clear_dir();
    char p[128], reason[BL_REASON_MAX];
    in_dir(p, sizeof p, "pipe");
    assert_int_equal(mkfifo(p, 0600), 0);
    int rfd = open(p, O_RDONLY | O_NONBLOCK);
    assert_true(rfd >= 0);
    bl_safewrite_ops ops = {.write = close_reader_then_write, .ctx = &rfd};
    assert_int_equal(bl_safewrite_ex(p, "x\n", 2, 0, &ops, reason, sizeof reason), -EPIPE);
    assert_non_null(strstr(reason, "Broken pipe"));
    /* No SIGPIPE is left pending either. */
    sigset_t pending;
    sigpending(&pending);
    assert_int_equal(sigismember(&pending, SIGPIPE), 0);
}

static void test_symlinks(void **state)
{
    (void)state;
    clear_dir();
    char p[128], link_path[128], reason[BL_REASON_MAX];
    in_dir(p, sizeof p, "real.txt");
    in_dir(link_path, sizeof link_path, "link.txt");
    put_file(p, "old\n");
    assert_int_equal(symlink("real.txt", link_path), 0);
    assert_int_equal(bl_safewrite(link_path, "new\n", 4, 0, reason, sizeof reason), -EEXIST);
    assert_file(p, "old\n");
    /* The link's target is replaced; the link stays a link. */
    assert_int_equal(
        bl_safewrite(link_path, "new\n", 4, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason), 0);
    assert_file(p, "new\n");
    struct stat st;
    assert_int_equal(lstat(link_path, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_listing("link.txt real.txt");

    /* A dangling link is refused rather than guessed at. */
    in_dir(link_path, sizeof link_path, "dangling.txt");
    assert_int_equal(symlink("missing/target.txt", link_path), 0);
    assert_int_equal(bl_safewrite(link_path, "x", 1, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason),
                     -ENOENT);
    assert_non_null(strstr(reason, "symbolic link to a missing file"));
    assert_listing("dangling.txt link.txt real.txt");
}

/* ---- what the target is, not how it is spelled ------------------------ */

static void test_probe_kinds(void **state)
{
    (void)state;
    clear_dir();
    char p[128], l[128], reason[BL_REASON_MAX];
    bl_safewrite_target t;

    in_dir(p, sizeof p, "new.txt");
    assert_int_equal(bl_safewrite_probe(p, &t, reason, sizeof reason), 0);
    assert_int_equal(t.kind, BL_SAFEWRITE_NEW);
    assert_string_equal(t.file, p);

    put_file(p, "x");
    assert_int_equal(bl_safewrite_probe(p, &t, reason, sizeof reason), 0);
    assert_int_equal(t.kind, BL_SAFEWRITE_FILE);
    assert_string_equal(t.file, p);
    assert_int_equal(t.linked, 0);

    in_dir(l, sizeof l, "link.txt");
    assert_int_equal(symlink("new.txt", l), 0);
    assert_int_equal(bl_safewrite_probe(l, &t, reason, sizeof reason), 0);
    assert_int_equal(t.kind, BL_SAFEWRITE_FILE);
    assert_string_equal(t.given, l);
    assert_string_equal(t.file, p); /* the file the link points to */
    assert_int_equal(t.linked, 1);

    assert_int_equal(bl_safewrite_probe("/dev/null", &t, reason, sizeof reason), 0);
    assert_int_equal(t.kind, BL_SAFEWRITE_DEVICE);
    in_dir(p, sizeof p, "pipe");
    assert_int_equal(mkfifo(p, 0600), 0);
    assert_int_equal(bl_safewrite_probe(p, &t, reason, sizeof reason), 0);
    assert_int_equal(t.kind, BL_SAFEWRITE_DEVICE);

    assert_int_equal(bl_safewrite_probe(dir, &t, reason, sizeof reason), -EISDIR);
    assert_int_equal(t.kind, 0);
    in_dir(p, sizeof p, "new.txt/");
    assert_int_equal(bl_safewrite_probe(p, &t, reason, sizeof reason), -ENOTDIR);
    in_dir(l, sizeof l, "dangling");
    assert_int_equal(symlink("nowhere", l), 0);
    assert_int_equal(bl_safewrite_probe(l, &t, reason, sizeof reason), -ENOENT);
    assert_non_null(strstr(reason, "symbolic link to a missing file"));

    /* A target that was never probed is not written. */
    memset(&t, 0, sizeof t);
    assert_int_equal(
        bl_safewrite_to(&t, "x", 1, BL_SAFEWRITE_OVERWRITE, NULL, reason, sizeof reason), -EINVAL);
    assert_int_equal(bl_safewrite_to(NULL, "x", 1, 0, NULL, reason, sizeof reason), -EINVAL);
}

static void test_socket(void **state)
{
    (void)state;
    clear_dir();
    char p[128], reason[BL_REASON_MAX];
    in_dir(p, sizeof p, "sock");
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    assert_true(strlen(p) < sizeof sa.sun_path);
    memcpy(sa.sun_path, p, strlen(p) + 1);
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(bl_safewrite(p, "x", 1, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason),
                     -ENXIO);
    assert_non_null(strstr(reason, "is a socket"));
    close(fd);
    struct stat st;
    assert_int_equal(lstat(p, &st), 0);
    assert_true(S_ISSOCK(st.st_mode));
    assert_listing("sock");
}

/* /proc/self/fd/N, /dev/fd/N, /dev/stdin and /proc/self/cwd/x name a regular
 * file: no-clobber, then a replacement of the real file, never an append. */
static void check_fd_name(const char *name, int use_stdin)
{
    clear_dir();
    char p[128], via[128], reason[BL_REASON_MAX], want[512];
    in_dir(p, sizeof p, "notes.txt");
    put_file(p, "my notes\n");
    int fd = open(p, O_RDONLY);
    assert_true(fd >= 0);
    int saved_stdin = -1;
    if (use_stdin) {
        saved_stdin = dup(0);
        assert_true(saved_stdin >= 0);
        assert_int_equal(dup2(fd, 0), 0);
        snprintf(via, sizeof via, "%s", name);
    } else {
        snprintf(via, sizeof via, "%s%d", name, fd);
    }

    int rc = bl_safewrite(via, "new\n", 4, 0, reason, sizeof reason);
    if (rc != -EEXIST)
        fail_msg("%s: got %d (%s), want -EEXIST", via, rc, reason);
    snprintf(want, sizeof want, "%s leads to %s, which already exists", via, p);
    assert_string_equal(reason, want);
    assert_file(p, "my notes\n");
    assert_listing("notes.txt");

    /* With consent: the real file is replaced (a new inode); the open
     * descriptor still reads what it read. */
    rc = bl_safewrite(via, "new\n", 4, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason);
    if (rc != 0)
        fail_msg("%s: got %d (%s)", via, rc, reason);
    if (use_stdin) {
        assert_int_equal(dup2(saved_stdin, 0), 0);
        close(saved_stdin);
    }
    assert_file(p, "new\n");
    assert_listing("notes.txt");
    char buf[32] = {0};
    assert_int_equal(pread(fd, buf, sizeof buf - 1, 0), 9);
    assert_string_equal(buf, "my notes\n");
    struct stat st;
    assert_int_equal(lstat(p, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    close(fd);
}

static void test_fd_names(void **state)
{
    (void)state;
    check_fd_name("/proc/self/fd/", 0);
    check_fd_name("/dev/fd/", 0);
    check_fd_name("/dev/stdin", 1);
}

static void test_cwd_name(void **state)
{
    (void)state;
    clear_dir();
    char old_cwd[BL_PATH_MAX], p[128], reason[BL_REASON_MAX];
    assert_non_null(getcwd(old_cwd, sizeof old_cwd));
    assert_int_equal(chdir(dir), 0);
    in_dir(p, sizeof p, "notes.txt");
    put_file(p, "my notes\n");
    const char *via = "/proc/self/cwd/notes.txt";
    assert_int_equal(bl_safewrite(via, "new\n", 4, 0, reason, sizeof reason), -EEXIST);
    assert_file(p, "my notes\n");
    assert_int_equal(bl_safewrite(via, "new\n", 4, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason),
                     0);
    assert_file(p, "new\n");
    /* A new file through the same spelling. */
    assert_int_equal(bl_safewrite("/proc/self/cwd/fresh.txt", "f\n", 2, 0, reason, sizeof reason),
                     0);
    assert_listing("fresh.txt notes.txt");
    assert_int_equal(chdir(old_cwd), 0);

    /* /dev/shm is a folder like any other. */
    char shm[] = "/dev/shm/bl-safewrite-XXXXXX";
    int fd = mkstemp(shm);
    if (fd >= 0) {
        assert_int_equal(write(fd, "old\n", 4), 4);
        close(fd);
        assert_int_equal(bl_safewrite(shm, "new\n", 4, 0, reason, sizeof reason), -EEXIST);
        assert_file(shm, "old\n");
        unlink(shm);
    }
}

/* A file that is open but has no name any more cannot be replaced, and is
 * never written in place. */
static void test_deleted_behind_fd(void **state)
{
    (void)state;
    clear_dir();
    char p[128], via[64], reason[BL_REASON_MAX];
    in_dir(p, sizeof p, "gone.txt");
    put_file(p, "still here\n");
    int fd = open(p, O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(unlink(p), 0);
    snprintf(via, sizeof via, "/proc/self/fd/%d", fd);
    assert_int_equal(bl_safewrite(via, "new\n", 4, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason),
                     -ESTALE);
    assert_non_null(strstr(reason, via));
    assert_non_null(strstr(reason, "cannot tell which file this is"));
    char buf[32] = {0};
    assert_int_equal(pread(fd, buf, sizeof buf - 1, 0), 11);
    assert_string_equal(buf, "still here\n");
    struct stat st;
    assert_int_equal(fstat(fd, &st), 0);
    assert_int_equal(st.st_size, 11);
    close(fd);
    assert_listing("");
}

/* ---- links that change between the question and the write -------------- */

static void setup_ab(char *a, char *b, char *l, size_t size)
{
    clear_dir();
    in_dir(a, size, "a.txt");
    in_dir(b, size, "b.txt");
    in_dir(l, size, "link.txt");
    put_file(a, "A\n");
    put_file(b, "B\n");
    assert_int_equal(symlink("a.txt", l), 0);
}

static void assert_ab_untouched(const char *a, const char *b)
{
    assert_file(a, "A\n");
    assert_file(b, "B\n");
    assert_listing("a.txt b.txt link.txt");
}

struct swapper {
    const char *link;
    const char *to;
    int done;
};

static void swap_link(struct swapper *sw)
{
    if (sw->done++)
        return;
    assert_int_equal(unlink(sw->link), 0);
    assert_int_equal(symlink(sw->to, sw->link), 0);
}

static int fsync_then_swap(void *ctx, int fd)
{
    swap_link(ctx);
    return fsync(fd);
}

static void test_swapped_link(void **state)
{
    (void)state;
    char a[128], b[128], l[128], reason[BL_REASON_MAX];
    bl_safewrite_target t;

    /* Unchanged: the file the link points to is replaced, the link stays. */
    setup_ab(a, b, l, sizeof a);
    assert_int_equal(bl_safewrite_probe(l, &t, reason, sizeof reason), 0);
    assert_int_equal(bl_safewrite_to(&t, "new\n", 4, 0, NULL, reason, sizeof reason), -EEXIST);
    assert_int_equal(
        bl_safewrite_to(&t, "new\n", 4, BL_SAFEWRITE_OVERWRITE, NULL, reason, sizeof reason), 0);
    assert_file(a, "new\n");
    struct stat st;
    assert_int_equal(lstat(l, &st), 0);
    assert_true(S_ISLNK(st.st_mode));

    /* Swapped between the question and the write: refused, nothing made. */
    setup_ab(a, b, l, sizeof a);
    assert_int_equal(bl_safewrite_probe(l, &t, reason, sizeof reason), 0);
    struct swapper sw = {.link = l, .to = "b.txt"};
    swap_link(&sw);
    assert_int_equal(
        bl_safewrite_to(&t, "new\n", 4, BL_SAFEWRITE_OVERWRITE, NULL, reason, sizeof reason),
        -ESTALE);
    assert_non_null(strstr(reason, l));
    assert_non_null(strstr(reason, "changed since it was checked"));
    assert_ab_untouched(a, b);

    /* Swapped while the new copy is written: refused just before the
     * rename, the temporary file removed. */
    setup_ab(a, b, l, sizeof a);
    sw = (struct swapper){.link = l, .to = "b.txt"};
    bl_safewrite_ops ops = {.fsync = fsync_then_swap, .ctx = &sw};
    assert_int_equal(
        bl_safewrite_ex(l, "new\n", 4, BL_SAFEWRITE_OVERWRITE, &ops, reason, sizeof reason),
        -ESTALE);
    assert_int_equal(sw.done, 1);
    assert_non_null(strstr(reason, "nothing was replaced"));
    assert_ab_untouched(a, b);

    /* The link now points to a link to the same file: the real path is the
     * same, so it is the same file. */
    setup_ab(a, b, l, sizeof a);
    assert_int_equal(bl_safewrite_probe(l, &t, reason, sizeof reason), 0);
    char l2[128];
    in_dir(l2, sizeof l2, "l2");
    assert_int_equal(symlink("a.txt", l2), 0);
    sw = (struct swapper){.link = l, .to = "l2"};
    swap_link(&sw);
    assert_int_equal(
        bl_safewrite_to(&t, "new\n", 4, BL_SAFEWRITE_OVERWRITE, NULL, reason, sizeof reason), 0);
    assert_file(a, "new\n");

    /* The file itself replaced by another (same name, new inode), or by a
     * link elsewhere: refused. */
    setup_ab(a, b, l, sizeof a);
    assert_int_equal(bl_safewrite_probe(a, &t, reason, sizeof reason), 0);
    char other[128];
    in_dir(other, sizeof other, "other");
    put_file(other, "A\n");
    assert_int_equal(rename(other, a), 0);
    assert_int_equal(
        bl_safewrite_to(&t, "new\n", 4, BL_SAFEWRITE_OVERWRITE, NULL, reason, sizeof reason),
        -ESTALE);
    assert_ab_untouched(a, b);
    assert_int_equal(bl_safewrite_probe(a, &t, reason, sizeof reason), 0);
    assert_int_equal(unlink(a), 0);
    assert_int_equal(symlink("b.txt", a), 0);
    assert_int_equal(
        bl_safewrite_to(&t, "new\n", 4, BL_SAFEWRITE_OVERWRITE, NULL, reason, sizeof reason),
        -ESTALE);
    assert_file(b, "B\n");
    /* Gone altogether. */
    assert_int_equal(bl_safewrite_probe(b, &t, reason, sizeof reason), 0);
    assert_int_equal(unlink(b), 0);
    assert_int_equal(
        bl_safewrite_to(&t, "new\n", 4, BL_SAFEWRITE_OVERWRITE, NULL, reason, sizeof reason),
        -ESTALE);
    assert_listing("a.txt link.txt");
}

/* ---- owner, group and permission bits --------------------------------- */

static mode_t mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mode & 07777;
}

struct chown_log {
    int calls;
    int fail_first; /* EPERM for the first call (uid and gid) */
    int fail_all; /* EPERM for every call */
    int err; /* if set: this errno for every call */
    uid_t uid[4];
    gid_t gid[4];
};

static int log_fchown(void *ctx, int fd, uid_t uid, gid_t gid)
{
    struct chown_log *c = ctx;
    if (c->calls < 4) {
        c->uid[c->calls] = uid;
        c->gid[c->calls] = gid;
    }
    c->calls++;
    if (c->err) {
        errno = c->err;
        return -1;
    }
    if (c->fail_all || (c->fail_first && c->calls == 1)) {
        errno = EPERM;
        return -1;
    }
    return fchown(fd, uid, gid);
}

static void test_keep_mode_and_owner(void **state)
{
    (void)state;
    clear_dir();
    char p[128], reason[BL_REASON_MAX];
    in_dir(p, sizeof p, "f");
    struct stat st;

    /* Permission bits, including set-user-ID and set-group-ID of a file we
     * own (the new file's owner is the old one's). */
    const mode_t modes[] = {0600, 0640, 0751, 04755, 02750, 06755};
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        put_file(p, "old\n");
        assert_int_equal(chmod(p, modes[i]), 0);
        assert_int_equal(bl_safewrite(p, "new\n", 4, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason),
                         0);
        assert_file(p, "new\n");
        if (mode_of(p) != modes[i])
            fail_msg("mode %o became %o", (unsigned)modes[i], (unsigned)mode_of(p));
        assert_int_equal(stat(p, &st), 0);
        assert_int_equal(st.st_uid, geteuid());
    }
    assert_listing("f");

    /* The owner and group are asked for; when the owner cannot be given,
     * the group still is. */
    put_file(p, "old\n");
    assert_int_equal(chmod(p, 02755), 0);
    struct chown_log log = {.fail_first = 1};
    bl_safewrite_ops ops = {.fchown = log_fchown, .ctx = &log};
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(
        bl_safewrite_ex(p, "new\n", 4, BL_SAFEWRITE_OVERWRITE, &ops, reason, sizeof reason), 0);
    assert_int_equal(log.calls, 2);
    assert_int_equal(log.uid[0], st.st_uid);
    assert_int_equal(log.gid[0], st.st_gid);
    assert_int_equal(log.uid[1], (uid_t)-1);
    assert_int_equal(log.gid[1], st.st_gid);
    assert_int_equal(mode_of(p), 02755); /* same owner and group: kept */

    /* Set-user-ID and set-group-ID are never lent to another owner: the
     * old file belonged to someone the process cannot give files to. */
    put_file(p, "old\n");
    assert_int_equal(chmod(p, 06755), 0);
    bl_safewrite_target t;
    assert_int_equal(bl_safewrite_probe(p, &t, reason, sizeof reason), 0);
    t.uid = geteuid() + 1; /* as if another user owned it */
    log = (struct chown_log){.fail_all = 1};
    assert_int_equal(
        bl_safewrite_to(&t, "new\n", 4, BL_SAFEWRITE_OVERWRITE, &ops, reason, sizeof reason), 0);
    assert_int_equal(log.calls, 2);
    assert_file(p, "new\n");
    assert_int_equal(mode_of(p), 0755);
    /* The same owner but another group: set-group-ID goes, set-user-ID
     * stays. */
    assert_int_equal(chmod(p, 06755), 0);
    assert_int_equal(bl_safewrite_probe(p, &t, reason, sizeof reason), 0);
    t.gid = t.gid + 1;
    log = (struct chown_log){.fail_all = 1};
    assert_int_equal(
        bl_safewrite_to(&t, "new\n", 4, BL_SAFEWRITE_OVERWRITE, &ops, reason, sizeof reason), 0);
    assert_int_equal(mode_of(p), 04755);

    /* Any other failure to set the owner stops the write. */
    put_file(p, "old\n");
    log = (struct chown_log){.err = EIO};
    assert_int_equal(
        bl_safewrite_ex(p, "new\n", 4, BL_SAFEWRITE_OVERWRITE, &ops, reason, sizeof reason), -EIO);
    assert_file(p, "old\n");
    assert_listing("f");

    if (geteuid() != 0)
        return; /* giving files away needs root: the rest is root's view */

    /* Root keeps another user's ownership and rights. */
    put_file(p, "old\n");
    assert_int_equal(chown(p, 65534, 65534), 0);
    assert_int_equal(chmod(p, 06750), 0);
    assert_int_equal(bl_safewrite(p, "new\n", 4, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason), 0);
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_uid, 65534);
    assert_int_equal(st.st_gid, 65534);
    assert_int_equal(st.st_mode & 07777, 06750);

    /* A real other user replacing root's set-user-ID file: the new file is
     * that user's, without the bit. */
    char sub[128], q[160];
    in_dir(sub, sizeof sub, "open");
    assert_int_equal(mkdir(sub, 0777), 0);
    assert_int_equal(chmod(sub, 0777), 0);
    snprintf(q, sizeof q, "%s/tool", sub);
    put_file(q, "root's\n");
    assert_int_equal(chown(q, 0, 0), 0);
    assert_int_equal(chmod(q, 06755), 0);
    assert_int_equal(chmod(dir, 0711), 0); /* the other user may pass */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (setgroups(0, NULL) < 0 || setgid(65534) < 0 || setuid(65534) < 0)
            _exit(2);
        char why[BL_REASON_MAX];
        _exit(bl_safewrite(q, "mine\n", 5, BL_SAFEWRITE_OVERWRITE, why, sizeof why) == 0 ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(chmod(dir, 0700), 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_file(q, "mine\n");
    assert_int_equal(stat(q, &st), 0);
    assert_int_equal(st.st_uid, 65534);
    assert_int_equal(st.st_gid, 65534);
    assert_int_equal(st.st_mode & 07777, 0755);
}

static int fail_fchmod(void *ctx, int fd, mode_t mode)
{
    (void)ctx;
    (void)fd;
    (void)mode;
    errno = EROFS;
    return -1;
}

/* Full disk and friends on the new paths: attributes, fd-named targets,
 * direct writes. */
static void test_injected_new_paths(void **state)
{
    (void)state;
    clear_dir();
    char p[128], via[64], reason[BL_REASON_MAX], want[256];
    in_dir(p, sizeof p, "f.txt");
    put_file(p, "old\n");
    bl_safewrite_ops ops = {.fchmod = fail_fchmod};
    assert_int_equal(
        bl_safewrite_ex(p, "new\n", 4, BL_SAFEWRITE_OVERWRITE, &ops, reason, sizeof reason),
        -EROFS);
    snprintf(want, sizeof want, "%s: %s", p, strerror(EROFS));
    assert_string_equal(reason, want);
    assert_file(p, "old\n");
    assert_listing("f.txt");
    char q[128];
    in_dir(q, sizeof q, "new.txt");
    assert_int_equal(bl_safewrite_ex(q, "new\n", 4, 0, &ops, reason, sizeof reason), -EROFS);
    assert_listing("f.txt");

    /* Through /proc/self/fd/N: every write failing in turn. */
    size_t len = 0;
    char *doc = big_document(&len);
    int fd = open(p, O_RDONLY);
    assert_true(fd >= 0);
    snprintf(via, sizeof via, "/proc/self/fd/%d", fd);
    for (int nth = 1; nth <= 3; nth++) {
        struct injector in = {.op = FAIL_WRITE, .nth = nth, .err = ENOSPC};
        bl_safewrite_ops inj = {.write = inj_write,
                                .fsync = inj_fsync,
                                .close = inj_close,
                                .rename = inj_rename,
                                .link = inj_link,
                                .ctx = &in};
        assert_int_equal(
            bl_safewrite_ex(via, doc, len, BL_SAFEWRITE_OVERWRITE, &inj, reason, sizeof reason),
            -ENOSPC);
        snprintf(want, sizeof want, "%s (%s): %s", via, p, strerror(ENOSPC));
        assert_string_equal(reason, want);
        assert_file(p, "old\n");
        assert_listing("f.txt");
    }
    close(fd);

    /* A FIFO whose write fails part-way. */
    in_dir(q, sizeof q, "pipe");
    assert_int_equal(mkfifo(q, 0600), 0);
    int rfd = open(q, O_RDONLY | O_NONBLOCK);
    assert_true(rfd >= 0);
    struct injector in = {.op = FAIL_WRITE, .nth = 2, .err = ENOSPC};
    bl_safewrite_ops inj = {.write = inj_write, .ctx = &in};
    assert_int_equal(bl_safewrite_ex(q, doc, len, 0, &inj, reason, sizeof reason), -ENOSPC);
    snprintf(want, sizeof want, "%s: %s", q, strerror(ENOSPC));
    assert_string_equal(reason, want);
    close(rfd);
    assert_listing("f.txt pipe");
    free(doc);
}

/* ---- direct writes never block ------------------------------------------ */

static char *huge_document(size_t len)
{
    char *doc = malloc(len);
    assert_non_null(doc);
    for (size_t i = 0; i < len; i++)
        doc[i] = (char)('a' + i % 23);
    return doc;
}

static void test_fifo_slow_reader(void **state)
{
    (void)state;
    clear_dir();
    char p[128], reason[BL_REASON_MAX];
    in_dir(p, sizeof p, "pipe");
    assert_int_equal(mkfifo(p, 0600), 0);
    size_t len = 1 << 20; /* far more than a pipe holds */
    char *doc = huge_document(len);

    /* A reader that never reads: the bounded wait, then a clear reason. */
    int rfd = open(p, O_RDONLY | O_NONBLOCK);
    assert_true(rfd >= 0);
    bl_safewrite_ops ops = {.wait_ms = 200};
    double t0 = now();
    assert_int_equal(bl_safewrite_ex(p, doc, len, 0, &ops, reason, sizeof reason), -ETIMEDOUT);
    double took = now() - t0;
    assert_true(took >= 0.19);
    assert_true(took < 2.0);
    char want[256];
    snprintf(want, sizeof want, "%s: no reader took the data within 0.2 seconds", p);
    assert_string_equal(reason, want);
    close(rfd);

    /* A reader that keeps reading gets it all. */
    rfd = open(p, O_RDONLY | O_NONBLOCK);
    assert_true(rfd >= 0);
    int hold = open(p, O_WRONLY | O_NONBLOCK); /* no EOF before our write */
    assert_true(hold >= 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(hold);
        int fl = fcntl(rfd, F_GETFL);
        fcntl(rfd, F_SETFL, fl & ~O_NONBLOCK);
        size_t got = 0;
        int ok = 1;
        char buf[65536];
        ssize_t n;
        while ((n = read(rfd, buf, sizeof buf)) > 0) {
            for (ssize_t i = 0; i < n; i++)
                if (got + (size_t)i >= len || buf[i] != doc[got + (size_t)i])
                    ok = 0;
            got += (size_t)n;
        }
        _exit(ok && got == len ? 0 : 1);
    }
    close(rfd);
    assert_int_equal(bl_safewrite(p, doc, len, 0, reason, sizeof reason), 0);
    close(hold);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    free(doc);
    assert_listing("pipe");
}

static int poll_result;
static int poll_errno;

static int fake_poll(void *ctx, struct pollfd *fds, nfds_t n, int timeout_ms)
{
    int *calls = ctx;
    (*calls)++;
    (void)fds;
    (void)n;
    assert_true(timeout_ms > 0);
    assert_true(timeout_ms <= BL_SAFEWRITE_WAIT_MS);
    errno = poll_errno;
    return poll_result;
}

static void test_fifo_wait_interrupted(void **state)
{
    (void)state;
    clear_dir();
    char p[128], reason[BL_REASON_MAX], want[256];
    in_dir(p, sizeof p, "pipe");
    assert_int_equal(mkfifo(p, 0600), 0);
    size_t len = 1 << 20;
    char *doc = huge_document(len);
    int rfd = open(p, O_RDONLY | O_NONBLOCK);
    assert_true(rfd >= 0);
    int calls = 0;
    bl_safewrite_ops ops = {.poll = fake_poll, .ctx = &calls};

    /* A signal during the wait (the guide's Ctrl-C) ends it at once. */
    poll_result = -1;
    poll_errno = EINTR;
    assert_int_equal(bl_safewrite_ex(p, doc, len, 0, &ops, reason, sizeof reason), -EINTR);
    assert_int_equal(calls, 1);
    snprintf(want, sizeof want, "%s: interrupted before all was written", p);
    assert_string_equal(reason, want);

    /* The default wait, as the message says it. */
    poll_result = 0;
    poll_errno = 0;
    calls = 0;
    assert_int_equal(bl_safewrite_ex(p, doc, len, 0, &ops, reason, sizeof reason), -ETIMEDOUT);
    assert_int_equal(calls, 1);
    snprintf(want, sizeof want, "%s: no reader took the data within 3 seconds", p);
    assert_string_equal(reason, want);
    close(rfd);
    free(doc);
}

/* ---- terminals ---------------------------------------------------------- */

static void test_tty(void **state)
{
    (void)state;
    char reason[BL_REASON_MAX];
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    assert_true(master >= 0);
    assert_int_equal(grantpt(master), 0);
    assert_int_equal(unlockpt(master), 0);
    char slave[128];
    snprintf(slave, sizeof slave, "%s", ptsname(master));

    int sfd = open(slave, O_RDWR | O_NOCTTY); /* the master sees no hang-up */
    assert_true(sfd >= 0);

    /* Refused where the caller draws a screen: nothing reaches it. */
    assert_int_equal(
        bl_safewrite(slave, "hello\n", 6, BL_SAFEWRITE_REFUSE_TTY, reason, sizeof reason), -EBUSY);
    char want[256];
    snprintf(want, sizeof want, "%s: that is a terminal, not a file; choose a file", slave);
    assert_string_equal(reason, want);
    struct pollfd pf = {.fd = master, .events = POLLIN};
    assert_int_equal(poll(&pf, 1, 0), 0);

    /* The program's own terminal is named as such. */
    int saved = dup(0);
    assert_true(saved >= 0);
    assert_int_equal(dup2(sfd, 0), 0);
    int rc = bl_safewrite(slave, "hello\n", 6, BL_SAFEWRITE_REFUSE_TTY, reason, sizeof reason);
    assert_int_equal(dup2(saved, 0), 0);
    close(saved);
    assert_int_equal(rc, -EBUSY);
    snprintf(want, sizeof want, "%s: that is the terminal the guide is drawn on; choose a file",
             slave);
    assert_string_equal(reason, want);

    /* Without the flag (the command line) a terminal is written. */
    assert_int_equal(bl_safewrite(slave, "hello\n", 6, 0, reason, sizeof reason), 0);
    char buf[64] = {0};
    size_t got = 0;
    double deadline = now() + 5.0;
    while (got < 5 && now() < deadline) {
        assert_true(poll(&pf, 1, 100) >= 0);
        if (pf.revents & POLLIN) {
            ssize_t n = read(master, buf + got, sizeof buf - 1 - got);
            assert_true(n > 0);
            got += (size_t)n;
        }
    }
    assert_memory_equal(buf, "hello", 5);
    close(sfd);
    close(master);
}

/* ---- interruption -------------------------------------------------------- */

struct raiser {
    int sig;
    int calls;
};

static ssize_t raise_mid_write(void *ctx, int fd, const void *buf, size_t n)
{
    struct raiser *r = ctx;
    if (++r->calls == 2)
        raise(r->sig);
    return write(fd, buf, n > 700 ? 700 : n);
}

/* Runs one write in a child that gets `sig` in the middle of it (with the
 * guard, after `ignore`d if asked); returns the child's wait status. */
static int interrupted_write(const char *path, unsigned flags, int sig, int ignore)
{
    size_t len = 0;
    char *doc = big_document(&len);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (ignore)
            signal(sig, SIG_IGN);
        if (bl_safewrite_guard_signals() != 0)
            _exit(10);
        struct raiser r = {.sig = sig};
        bl_safewrite_ops ops = {.write = raise_mid_write, .ctx = &r};
        char why[BL_REASON_MAX];
        int rc = bl_safewrite_ex(path, doc, len, flags, &ops, why, sizeof why);
        _exit(rc == 0 ? 0 : 11);
    }
    free(doc);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

static void test_interrupted_write(void **state)
{
    (void)state;
    const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    char p[128];
    for (size_t i = 0; i < 3; i++) {
        clear_dir();
        in_dir(p, sizeof p, "doc.txt");
        /* A new file: nothing at all is left. */
        int status = interrupted_write(p, 0, sigs[i], 0);
        if (!WIFSIGNALED(status) || WTERMSIG(status) != sigs[i])
            fail_msg("signal %d: child status %#x", sigs[i], (unsigned)status);
        assert_listing("");
        /* Replacing a file: the old file, and nothing else. */
        put_file(p, "the old summary\n");
        status = interrupted_write(p, BL_SAFEWRITE_OVERWRITE, sigs[i], 0);
        assert_true(WIFSIGNALED(status));
        assert_int_equal(WTERMSIG(status), sigs[i]);
        assert_file(p, "the old summary\n");
        assert_listing("doc.txt");
    }

    /* An ignored signal stays ignored (nohup): the write completes. */
    clear_dir();
    in_dir(p, sizeof p, "doc.txt");
    int status = interrupted_write(p, 0, SIGHUP, 1);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_listing("doc.txt");
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_size, 10000);
}

/* ---- paths ----------------------------------------------------------- */

static void check_resolve(const char *typed, const char *want)
{
    char out[BL_PATH_MAX];
    int rc = bl_path_resolve(typed, out, sizeof out);
    if (rc != 0)
        fail_msg("resolve(%s) = %d", typed, rc);
    if (strcmp(out, want) != 0)
        fail_msg("resolve(%s) = %s, want %s", typed, out, want);
}

static void test_resolve(void **state)
{
    (void)state;
    char old_cwd[BL_PATH_MAX];
    assert_non_null(getcwd(old_cwd, sizeof old_cwd));
    const char *h = getenv("HOME");
    char *saved_home = h ? strdup(h) : NULL;

    assert_int_equal(setenv("HOME", "/home/student/", 1), 0);
    check_resolve("~", "/home/student");
    check_resolve("~/", "/home/student/");
    check_resolve("~/x.txt", "/home/student/x.txt");
    check_resolve("~/./a//b.md", "/home/student/a/b.md");
    check_resolve("~root/x", "/root/x");
    check_resolve("/abs/./p//q", "/abs/p/q");
    check_resolve("/a/../b", "/a/../b");
    check_resolve("/", "/");

    assert_int_equal(chdir("/tmp"), 0);
    check_resolve("./interpol-agent-summary.txt", "/tmp/interpol-agent-summary.txt");
    check_resolve("a/b", "/tmp/a/b");
    check_resolve(".", "/tmp");
    check_resolve("x~", "/tmp/x~");

    /* No $HOME: the password database. */
    unsetenv("HOME");
    char out[BL_PATH_MAX];
    assert_int_equal(bl_path_resolve("~/x", out, sizeof out), 0);
    assert_true(out[0] == '/');
    assert_non_null(strstr(out, "/x"));

    assert_int_equal(bl_path_resolve("", out, sizeof out), -EINVAL);
    assert_int_equal(bl_path_resolve("~no-such-user-here/x", out, sizeof out), -ENOENT);
    assert_int_equal(bl_path_resolve("/a/long/path", out, 6), -ENAMETOOLONG);

    if (saved_home) {
        setenv("HOME", saved_home, 1);
        free(saved_home);
    }
    assert_int_equal(chdir(old_cwd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create),
        cmocka_unit_test(test_refuse_and_overwrite),
        cmocka_unit_test(test_race_no_replace),
        cmocka_unit_test(test_missing_folder),
        cmocka_unit_test(test_folder_target),
        cmocka_unit_test(test_cannot_create_here),
        cmocka_unit_test(test_no_name),
        cmocka_unit_test(test_fail_at_each_write),
        cmocka_unit_test(test_dev_null),
        cmocka_unit_test(test_fifo),
        cmocka_unit_test(test_fifo_reader_leaves),
        cmocka_unit_test(test_symlinks),
        cmocka_unit_test(test_probe_kinds),
        cmocka_unit_test(test_socket),
        cmocka_unit_test(test_fd_names),
        cmocka_unit_test(test_cwd_name),
        cmocka_unit_test(test_deleted_behind_fd),
        cmocka_unit_test(test_swapped_link),
        cmocka_unit_test(test_keep_mode_and_owner),
        cmocka_unit_test(test_injected_new_paths),
        cmocka_unit_test(test_fifo_slow_reader),
        cmocka_unit_test(test_fifo_wait_interrupted),
        cmocka_unit_test(test_tty),
        cmocka_unit_test(test_interrupted_write),
        cmocka_unit_test(test_resolve),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
