/* core_util.h — temporary folders and files for the loader tests.
 *
 * Header-only (static functions) so that each test program includes what it
 * uses.  Every function aborts the test program on a system error: a test
 * that cannot set up its fixture must fail loudly, never pass.
 */
#ifndef BL_TEST_CORE_UTIL_H
#define BL_TEST_CORE_UTIL_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#if defined(__GNUC__)
#define FS_UNUSED __attribute__((unused))
#define FS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define FS_UNUSED
#define FS_PRINTF(a, b)
#endif

static void fs_die(const char *what, const char *arg) FS_UNUSED;
static void fs_die(const char *what, const char *arg)
{
    fprintf(stderr, "test setup failed: %s %s: %s\n", what, arg ? arg : "", strerror(errno));
    abort();
}

/* A malloc'd printf. */
static char *fs_fmt(const char *fmt, ...) FS_PRINTF(1, 2) FS_UNUSED;
static char *fs_fmt(const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        fs_die("vsnprintf", fmt);
    char *s = malloc((size_t)n + 1);
    if (!s)
        fs_die("malloc", NULL);
    vsnprintf(s, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return s;
}

/* $name, which the test runner (tests/CMakeLists.txt) must set. */
static const char *fs_env(const char *name) FS_UNUSED;
static const char *fs_env(const char *name)
{
    const char *v = getenv(name);
    if (!v || !*v) {
        fprintf(stderr, "test setup failed: $%s is not set (run through ctest)\n", name);
        abort();
    }
    return v;
}

static unsigned char *fs_read(const char *path, size_t *len) FS_UNUSED;
static unsigned char *fs_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fs_die("open", path);
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    if (!buf)
        fs_die("malloc", NULL);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            unsigned char *nb = realloc(buf, cap);
            if (!nb)
                fs_die("realloc", NULL);
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    if (ferror(f))
        fs_die("read", path);
    fclose(f);
    *len = n;
    return buf;
}

static void fs_write(const char *path, const void *buf, size_t len) FS_UNUSED;
static void fs_write(const char *path, const void *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        fs_die("create", path);
    if (fwrite(buf, 1, len, f) != len || fclose(f) != 0)
        fs_die("write", path);
}

static void fs_write_str(const char *path, const char *s) FS_UNUSED;
static void fs_write_str(const char *path, const char *s)
{
    fs_write(path, s, strlen(s));
}

static void fs_mkdir(const char *path) FS_UNUSED;
static void fs_mkdir(const char *path)
{
    if (mkdir(path, 0700) != 0)
        fs_die("mkdir", path);
}

/* A new empty folder under $TMPDIR (or /tmp); malloc'd path. */
static char *fs_tmpdir(void) FS_UNUSED;
static char *fs_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char *tmpl = fs_fmt("%s/borderless-test-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpl))
        fs_die("mkdtemp", tmpl);
    return tmpl;
}

static int fs_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path) == 0 ? 0 : -1;
}

/* rm -rf path (symlinks are removed, never followed). */
static void fs_rm_rf(const char *path) FS_UNUSED;
static void fs_rm_rf(const char *path)
{
    if (nftw(path, fs_rm_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
        fs_die("remove", path);
}

/* Copies the regular files of src into dst (created), one level deep plus
 * the subfolder `roles` (the content layout). */
static void fs_copy_guide(const char *src, const char *dst) FS_UNUSED;
static void fs_copy_guide(const char *src, const char *dst)
{
    const char *sub[] = {"", "/roles"};
    for (int i = 0; i < 2; i++) {
        char *from = fs_fmt("%s%s", src, sub[i]);
        char *to = fs_fmt("%s%s", dst, sub[i]);
        struct stat st;
        if (stat(to, &st) != 0)
            fs_mkdir(to);
        DIR *d = opendir(from);
        if (!d)
            fs_die("opendir", from);
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            char *f = fs_fmt("%s/%s", from, de->d_name);
            if (stat(f, &st) == 0 && S_ISREG(st.st_mode)) {
                size_t len;
                unsigned char *buf = fs_read(f, &len);
                char *t = fs_fmt("%s/%s", to, de->d_name);
                fs_write(t, buf, len);
                /* A minute old, as a copy that keeps times would be: the
                 * content cache is not stored for files changed within the
                 * last moment (cache.h, racy). */
                struct timespec ts[2] = {{.tv_nsec = UTIME_NOW}, {0}};
                clock_gettime(CLOCK_REALTIME, &ts[1]);
                ts[1].tv_sec -= 60;
                if (utimensat(AT_FDCWD, t, ts, 0) != 0)
                    fs_die("utimensat", t);
                free(t);
                free(buf);
            }
            free(f);
        }
        closedir(d);
        /* the folder too (its time changed with every file made in it) */
        struct timespec ts[2] = {{.tv_nsec = UTIME_NOW}, {0}};
        clock_gettime(CLOCK_REALTIME, &ts[1]);
        ts[1].tv_sec -= 60;
        if (utimensat(AT_FDCWD, to, ts, 0) != 0)
            fs_die("utimensat", to);
        free(from);
        free(to);
    }
}

/* A line that holds one web address (after its indent, bullet or label) may be
 * wider than the width: addresses are never broken, so they can be copied. */
static int is_url_line(const char *p, size_t n) FS_UNUSED;
static int is_url_line(const char *p, size_t n)
{
    const char *end = p + n;
    while (p < end && *p == ' ')
        p++;
    static const char *const labels[] = {"- ", "* ", "\u2022 ", "Source: "};
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
        size_t l = strlen(labels[i]);
        if ((size_t)(end - p) > l && memcmp(p, labels[i], l) == 0) {
            p += l;
            break;
        }
    }
    if (memchr(p, ' ', (size_t)(end - p)))
        return 0;
    for (const char *q = p; q + 3 <= end; q++)
        if (q[0] == ':' && q[1] == '/' && q[2] == '/')
            return 1;
    return 0;
}

#endif
