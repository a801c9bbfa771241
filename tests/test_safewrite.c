/* test_safewrite.c — the safe writer: new files, refusal and overwrite,
 * folders that are missing or are files, a folder as target, a failure at
 * each write / fsync / close / rename (old file intact, no temporary file
 * left), devices and FIFOs written directly, symbolic links, and
 * bl_path_resolve().
 *
 * Tests run as root in CI, where permissions do not stop a write: "cannot
 * create here" is provoked with a file used as a folder and with /proc.
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
#include <sys/stat.h>
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

    assert_int_equal(bl_safewrite(p, "new\n", 4, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason),
                     0);
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
    int nth;    /* fail the nth call of op (1-based); 0: never */
    int err;
    int calls[5];
    int eintr;  /* one EINTR before the first write */
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

static void check_injected(const char *name, const char *old, unsigned flags,
                           enum fail_op op, int nth, int err, const char *doc, size_t len)
{
    char p[128], reason[BL_REASON_MAX];
    in_dir(p, sizeof p, name);
    struct injector in = {.op = op, .nth = nth, .err = err};
    bl_safewrite_ops ops = {.write = inj_write, .fsync = inj_fsync, .close = inj_close,
                            .rename = inj_rename, .link = inj_link, .ctx = &in};
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
    bl_safewrite_ops ops = {.write = inj_write, .fsync = inj_fsync, .close = inj_close,
                            .rename = inj_rename, .link = inj_link, .ctx = &count};
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
        check_injected("doc.txt", "the old summary\n", BL_SAFEWRITE_OVERWRITE, FAIL_WRITE, nth,
                       EIO, doc, len);
    }
    check_injected("doc.txt", "the old summary\n", BL_SAFEWRITE_OVERWRITE, FAIL_FSYNC, 1, EIO,
                   doc, len);
    check_injected("doc.txt", "the old summary\n", BL_SAFEWRITE_OVERWRITE, FAIL_CLOSE, 1,
                   EDQUOT, doc, len);
    check_injected("doc.txt", "the old summary\n", BL_SAFEWRITE_OVERWRITE, FAIL_RENAME, 1,
                   EROFS, doc, len);
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
    assert_int_equal(
        bl_safewrite(link_path, "x", 1, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason), -ENOENT);
    assert_non_null(strstr(reason, "symbolic link to a missing file"));
    assert_listing("dangling.txt link.txt real.txt");
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
        cmocka_unit_test(test_resolve),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
