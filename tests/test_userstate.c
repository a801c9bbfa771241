/* test_userstate.c — the user's own files (issue 16): XDG folders and the
 * private mode, the shortlist store's round trip, merge between handles,
 * salvage of damaged files, version rules, concurrent writers, and the
 * session store.
 *
 * Every test works in its own temporary folder, with XDG_DATA_HOME and
 * XDG_STATE_HOME pointing into it, so nothing of the real user is touched.
 */
#include "borderless/loader.h"
#include "borderless/session.h"
#include "borderless/shortlist.h"
#include "borderless/userstate.h"
#include "core_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include <cmocka.h>

struct fx {
    char *dir; /* the temporary folder */
    char *path; /* <dir>/data/borderless/shortlist.txt */
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    f->dir = fs_tmpdir();
    char *data = fs_fmt("%s/data", f->dir), *st = fs_fmt("%s/state", f->dir);
    setenv("XDG_DATA_HOME", data, 1);
    setenv("XDG_STATE_HOME", st, 1);
    unsetenv("BORDERLESS_NO_STATE");
    f->path = fs_fmt("%s/borderless/shortlist.txt", data);
    free(data);
    free(st);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    fs_rm_rf(f->dir);
    free(f->dir);
    free(f->path);
    free(f);
    return 0;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Writes text as the shortlist file (making its folder). */
static void put_file(struct fx *f, const char *text, size_t len)
{
    assert_int_equal(bl_userstate_mkdirs_for(f->path), 0);
    fs_write(f->path, text, len);
}

static bl_shortlist *open_ok(const char *path, unsigned flags)
{
    bl_shortlist *sl = NULL;
    char why[BL_REASON_MAX] = "";
    int rc = bl_shortlist_open(path, flags, &sl, why, sizeof why);
    if (rc != 0)
        fail_msg("open failed: %d %s", rc, why);
    assert_non_null(sl);
    return sl;
}

/* The name of the one "<path>.damaged-*" file, or NULL. */
static char *damaged_copy(const struct fx *f)
{
    char *folder = fs_fmt("%s/data/borderless", f->dir);
    DIR *d = opendir(folder);
    assert_non_null(d);
    char *found = NULL;
    int count = 0;
    struct dirent *de;
    while ((de = readdir(d)))
        if (strncmp(de->d_name, "shortlist.txt.damaged-", 22) == 0) {
            free(found);
            found = fs_fmt("%s/%s", folder, de->d_name);
            count++;
        }
    closedir(d);
    free(folder);
    assert_true(count <= 1);
    return found;
}

/* ---- folders and flags ---- */

static void test_xdg_paths(void **state)
{
    (void)state;
    char out[BL_PATH_MAX];
    char *data = strdup(getenv("XDG_DATA_HOME")), *st = strdup(getenv("XDG_STATE_HOME"));
    char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    setenv("HOME", "/home/someone", 1);
    setenv("XDG_DATA_HOME", "/x/data", 1);
    setenv("XDG_STATE_HOME", "/x/state///", 1);
    assert_int_equal(bl_userstate_dir(BL_USERSTATE_DATA, out, sizeof out), 0);
    assert_string_equal(out, "/x/data/borderless");
    assert_int_equal(bl_userstate_dir(BL_USERSTATE_STATE, out, sizeof out), 0);
    assert_string_equal(out, "/x/state/borderless");
    assert_int_equal(bl_userstate_path(BL_USERSTATE_DATA, BL_SHORTLIST_FILE, out, sizeof out), 0);
    assert_string_equal(out, "/x/data/borderless/shortlist.txt");

    /* Relative and empty values are ignored (XDG Base Directory spec). */
    setenv("XDG_DATA_HOME", "relative/data", 1);
    setenv("XDG_STATE_HOME", "", 1);
    assert_int_equal(bl_userstate_dir(BL_USERSTATE_DATA, out, sizeof out), 0);
    assert_string_equal(out, "/home/someone/.local/share/borderless");
    assert_int_equal(bl_userstate_dir(BL_USERSTATE_STATE, out, sizeof out), 0);
    assert_string_equal(out, "/home/someone/.local/state/borderless");
    unsetenv("XDG_DATA_HOME");
    assert_int_equal(bl_userstate_dir(BL_USERSTATE_DATA, out, sizeof out), 0);
    assert_string_equal(out, "/home/someone/.local/share/borderless");

    /* Too small a buffer is an error, not a cut path. */
    char small[8];
    assert_int_equal(bl_userstate_dir(BL_USERSTATE_DATA, small, sizeof small), -ENAMETOOLONG);
    setenv("XDG_DATA_HOME", data, 1); /* the fixture's own values back */
    setenv("XDG_STATE_HOME", st, 1);
    if (home)
        setenv("HOME", home, 1);
    free(data);
    free(st);
    free(home);
}

static void test_flags(void **state)
{
    (void)state;
    unsetenv("BORDERLESS_NO_STATE");
    assert_int_equal(bl_userstate_flags(0), 0);
    assert_int_equal(bl_userstate_flags(1), BL_USERSTATE_PRIVATE);
    setenv("BORDERLESS_NO_STATE", "1", 1);
    assert_int_equal(bl_userstate_flags(0), BL_USERSTATE_PRIVATE);
    setenv("BORDERLESS_NO_STATE", "yes", 1);
    assert_int_equal(bl_userstate_flags(0), BL_USERSTATE_PRIVATE);
    setenv("BORDERLESS_NO_STATE", "0", 1);
    assert_int_equal(bl_userstate_flags(0), 0);
    setenv("BORDERLESS_NO_STATE", "", 1);
    assert_int_equal(bl_userstate_flags(0), 0);
    unsetenv("BORDERLESS_NO_STATE");
}

/* ---- round trip and operations ---- */

static void test_round_trip(void **state)
{
    struct fx *f = *state;
    bl_shortlist *sl = open_ok(NULL, 0); /* the XDG path */
    assert_string_equal(bl_shortlist_path(sl), f->path);
    assert_int_equal(bl_shortlist_count(sl), 0);
    assert_null(bl_shortlist_notice(sl));
    assert_false(exists(f->path)); /* nothing made before the first change */

    char why[BL_REASON_MAX];
    long long t0 = (long long)time(NULL);
    assert_int_equal(bl_shortlist_add(sl, "alpha", "2024-01-15", NULL, why, sizeof why), 0);
    assert_int_equal(bl_shortlist_add(sl, "beta", "2023-12-31", "ask about the MA \\ café — 日本",
                                      why, sizeof why),
                     0);
    assert_int_equal(bl_shortlist_add(sl, "gamma-3", NULL, "", why, sizeof why), 0);
    long long t1 = (long long)time(NULL);
    bl_shortlist_close(sl);

    struct stat st;
    char *folder = fs_fmt("%s/data/borderless", f->dir);
    assert_int_equal(stat(folder, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    free(folder);

    size_t len;
    char *text = (char *)fs_read(f->path, &len);
    assert_true(len > 0 && strncmp(text, "borderless-shortlist 1\n", 23) == 0);
    free(text);

    sl = open_ok(f->path, 0);
    assert_null(bl_shortlist_notice(sl));
    assert_int_equal(bl_shortlist_count(sl), 3);
    const bl_shortlist_entry *e = bl_shortlist_at(sl, 0);
    assert_string_equal(e->id, "alpha");
    assert_string_equal(e->reviewed, "2024-01-15");
    assert_string_equal(e->note, "");
    assert_true(e->added >= t0 && e->added <= t1);
    e = bl_shortlist_at(sl, 1);
    assert_string_equal(e->id, "beta");
    assert_string_equal(e->note, "ask about the MA \\ café — 日本");
    assert_string_equal(e->reviewed, "2023-12-31");
    e = bl_shortlist_at(sl, 2);
    assert_string_equal(e->id, "gamma-3");
    assert_string_equal(e->reviewed, "");
    assert_null(bl_shortlist_at(sl, 3));
    assert_true(bl_shortlist_is_marked(sl, "beta"));
    assert_false(bl_shortlist_is_marked(sl, "delta"));
    bl_shortlist_close(sl);
}

static void test_operations(void **state)
{
    struct fx *f = *state;
    bl_shortlist *sl = open_ok(f->path, 0);
    char why[BL_REASON_MAX];
    assert_int_equal(bl_shortlist_add(sl, "alpha", "2024-01-15", "first", why, sizeof why), 0);
    long long added = bl_shortlist_find(sl, "alpha")->added;

    /* Adding again: 1, keeps the date and the note unless a note is given. */
    assert_int_equal(bl_shortlist_add(sl, "alpha", "2030-01-01", NULL, why, sizeof why), 1);
    assert_string_equal(bl_shortlist_find(sl, "alpha")->note, "first");
    assert_string_equal(bl_shortlist_find(sl, "alpha")->reviewed, "2024-01-15");
    assert_int_equal(bl_shortlist_add(sl, "alpha", NULL, "second", why, sizeof why), 1);
    assert_string_equal(bl_shortlist_find(sl, "alpha")->note, "second");
    assert_true(bl_shortlist_find(sl, "alpha")->added == added);

    assert_int_equal(bl_shortlist_set_note(sl, "alpha", "third", why, sizeof why), 0);
    assert_string_equal(bl_shortlist_find(sl, "alpha")->note, "third");
    assert_int_equal(bl_shortlist_set_note(sl, "alpha", "", why, sizeof why), 0);
    assert_string_equal(bl_shortlist_find(sl, "alpha")->note, "");
    assert_int_equal(bl_shortlist_set_note(sl, "beta", "x", why, sizeof why), -ENOENT);
    assert_non_null(strstr(why, "not on the shortlist"));

    assert_int_equal(bl_shortlist_remove(sl, "beta", why, sizeof why), -ENOENT);
    assert_int_equal(bl_shortlist_remove(sl, "alpha", why, sizeof why), 0);
    assert_int_equal(bl_shortlist_count(sl), 0);

    /* Bad ids and notes are refused and change nothing. */
    assert_int_equal(bl_shortlist_add(sl, "Alpha", NULL, NULL, why, sizeof why), -EINVAL);
    assert_int_equal(bl_shortlist_add(sl, "a\tb", NULL, NULL, why, sizeof why), -EINVAL);
    assert_int_equal(bl_shortlist_add(sl, "", NULL, NULL, why, sizeof why), -EINVAL);
    assert_int_equal(bl_shortlist_add(sl, "x", "2024-1-1", NULL, why, sizeof why), -EINVAL);
    const char *bad_notes[] = {"two\nlines",   "a\ttab",         "esc\x1b[31m",         "cr\r",
                               "\xc2\x9b csi", "bad \xff utf-8", "line\xe2\x80\xa8sep", "del\x7f"};
    for (size_t i = 0; i < sizeof bad_notes / sizeof bad_notes[0]; i++) {
        assert_int_equal(bl_shortlist_add(sl, "alpha", NULL, bad_notes[i], why, sizeof why),
                         -EINVAL);
        assert_int_equal(bl_shortlist_check_note(bad_notes[i], why, sizeof why), -EINVAL);
    }
    char long_note[BL_SHORTLIST_NOTE_MAX + 2];
    memset(long_note, 'n', sizeof long_note - 1);
    long_note[sizeof long_note - 1] = '\0';
    assert_int_equal(bl_shortlist_add(sl, "alpha", NULL, long_note, why, sizeof why), -EINVAL);
    assert_non_null(strstr(why, "too long"));
    long_note[BL_SHORTLIST_NOTE_MAX] = '\0'; /* exactly the limit: fine */
    assert_int_equal(bl_shortlist_add(sl, "alpha", NULL, long_note, why, sizeof why), 0);
    assert_int_equal(bl_shortlist_count(sl), 1);
    bl_shortlist_close(sl);

    /* The limit on the number of roles. */
    sl = open_ok(f->path, BL_USERSTATE_PRIVATE);
    for (int i = 0; i < BL_SHORTLIST_MAX; i++) {
        char id[16];
        snprintf(id, sizeof id, "r%d", i);
        assert_int_equal(bl_shortlist_add(sl, id, NULL, NULL, why, sizeof why), 0);
    }
    assert_int_equal(bl_shortlist_add(sl, "one-more", NULL, NULL, why, sizeof why), -ENOSPC);
    assert_non_null(strstr(why, "full"));
    bl_shortlist_close(sl);
}

static void test_updated(void **state)
{
    (void)state;
    bl_shortlist_entry e = {.id = "a", .note = "", .reviewed = "2026-01-10"};
    assert_true(bl_shortlist_updated(&e, "2026-02-01"));
    assert_true(bl_shortlist_updated(&e, "2026-01-11"));
    assert_false(bl_shortlist_updated(&e, "2026-01-10"));
    assert_false(bl_shortlist_updated(&e, "2025-12-31"));
    assert_false(bl_shortlist_updated(&e, NULL));
    assert_false(bl_shortlist_updated(&e, "soon"));
    e.reviewed = "";
    assert_false(bl_shortlist_updated(&e, "2026-02-01"));
}

/* ---- merging ---- */

static void test_merge_two_handles(void **state)
{
    struct fx *f = *state;
    char why[BL_REASON_MAX];
    bl_shortlist *a = open_ok(f->path, 0), *b = open_ok(f->path, 0);

    /* Interleaved adds: neither handle has seen the other's. */
    assert_int_equal(bl_shortlist_add(a, "alpha", NULL, NULL, why, sizeof why), 0);
    assert_int_equal(bl_shortlist_add(b, "beta", NULL, NULL, why, sizeof why), 0);
    assert_int_equal(bl_shortlist_add(a, "gamma", NULL, NULL, why, sizeof why), 0);
    assert_int_equal(bl_shortlist_add(b, "delta", NULL, "from b", why, sizeof why), 0);
    assert_int_equal(bl_shortlist_count(b), 4);

    /* a can note a role only b added: the change goes to the file as it is. */
    assert_int_equal(bl_shortlist_set_note(a, "beta", "from a", why, sizeof why), 0);
    /* The same field changed by both: the later change wins. */
    assert_int_equal(bl_shortlist_set_note(a, "delta", "a's", why, sizeof why), 0);
    assert_int_equal(bl_shortlist_set_note(b, "delta", "b's", why, sizeof why), 0);
    /* A role removed in b: a's note on it fails and a shows it gone. */
    assert_int_equal(bl_shortlist_remove(b, "alpha", why, sizeof why), 0);
    assert_true(bl_shortlist_is_marked(a, "alpha")); /* a has not looked yet */
    assert_int_equal(bl_shortlist_set_note(a, "alpha", "late", why, sizeof why), -ENOENT);
    assert_false(bl_shortlist_is_marked(a, "alpha"));
    /* Added again after the removal: starts afresh, without the old note. */
    assert_int_equal(bl_shortlist_add(a, "alpha", NULL, NULL, why, sizeof why), 0);

    assert_int_equal(bl_shortlist_reload(b, why, sizeof why), 0);
    bl_shortlist_close(a);
    bl_shortlist *c = open_ok(f->path, 0);
    const char *want[] = {"beta", "gamma", "delta", "alpha"};
    const char *notes[] = {"from a", "", "b's", ""};
    for (bl_shortlist *h = b;; h = c) {
        assert_int_equal(bl_shortlist_count(h), 4);
        for (size_t i = 0; i < 4; i++) {
            assert_string_equal(bl_shortlist_at(h, i)->id, want[i]);
            assert_string_equal(bl_shortlist_at(h, i)->note, notes[i]);
        }
        if (h == c)
            break;
    }
    bl_shortlist_close(b);
    bl_shortlist_close(c);
}

/* N processes, each adding M roles of its own one at a time: all N x M end
 * up in the file, whatever the interleaving. */
static void test_concurrent_writers(void **state)
{
    struct fx *f = *state;
    enum { N = 6, M = 20 };
    pid_t pids[N];
    for (int p = 0; p < N; p++) {
        pids[p] = fork();
        assert_true(pids[p] >= 0);
        if (pids[p] == 0) {
            bl_shortlist *sl = NULL;
            char why[BL_REASON_MAX];
            if (bl_shortlist_open(f->path, 0, &sl, why, sizeof why) != 0)
                _exit(3);
            int bad = 0;
            for (int i = 0; i < M; i++) {
                char id[32], note[32];
                snprintf(id, sizeof id, "p%d-r%d", p, i);
                snprintf(note, sizeof note, "note %d/%d", p, i);
                if (bl_shortlist_add(sl, id, "2026-01-01", note, why, sizeof why) != 0)
                    bad = 1;
            }
            bl_shortlist_close(sl);
            _exit(bad);
        }
    }
    for (int p = 0; p < N; p++) {
        int status = 0;
        assert_int_equal(waitpid(pids[p], &status, 0), pids[p]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    bl_shortlist *sl = open_ok(f->path, 0);
    assert_null(bl_shortlist_notice(sl));
    assert_int_equal(bl_shortlist_count(sl), N * M);
    for (int p = 0; p < N; p++)
        for (int i = 0; i < M; i++) {
            char id[32], note[32];
            snprintf(id, sizeof id, "p%d-r%d", p, i);
            snprintf(note, sizeof note, "note %d/%d", p, i);
            const bl_shortlist_entry *e = bl_shortlist_find(sl, id);
            if (!e)
                fail_msg("lost %s", id);
            assert_string_equal(e->note, note);
        }
    bl_shortlist_close(sl);
}

/* A writer killed at any moment (SIGKILL: no clean-up at all) leaves the
 * old file or the new one, never a damaged one, and never a lock that
 * blocks the next writer. */
static void test_killed_writer(void **state)
{
    struct fx *f = *state;
    for (int round = 1; round <= 4; round++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            bl_shortlist *sl = NULL;
            char why[BL_REASON_MAX];
            if (bl_shortlist_open(f->path, 0, &sl, why, sizeof why) != 0)
                _exit(3);
            for (unsigned i = 0;; i++) { /* until killed */
                char id[32];
                snprintf(id, sizeof id, "k%u", i % 50);
                if (bl_shortlist_add(sl, id, NULL, "a note to make the file longer", why,
                                     sizeof why) < 0 ||
                    (i % 3 == 0 && bl_shortlist_remove(sl, id, why, sizeof why) < 0))
                    _exit(4);
            }
        }
        /* Let it write a while: until the file has grown past round*6
         * entries (a deadline, not a sleep). */
        struct timespec start, now, step = {.tv_sec = 0, .tv_nsec = 1000000};
        clock_gettime(CLOCK_MONOTONIC, &start);
        for (;;) {
            size_t n = 0;
            char *text = NULL;
            if (bl_userstate_read(f->path, BL_SHORTLIST_FILE_MAX, &text, &n) == 0) {
                bl_shortlist *seen = NULL;
                int grown = bl_shortlist_from_text(text, n, &seen, NULL, NULL) == 0 &&
                    bl_shortlist_count(seen) >= (size_t)round * 6;
                bl_shortlist_close(seen);
                free(text);
                if (grown)
                    break;
            }
            clock_gettime(CLOCK_MONOTONIC, &now);
            if (now.tv_sec - start.tv_sec > 20)
                fail_msg("the writer made no progress");
            nanosleep(&step, NULL);
        }
        assert_int_equal(kill(pid, SIGKILL), 0);
        int status = 0;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFSIGNALED(status)); /* it was still writing */

        bl_shortlist *sl = open_ok(f->path, 0);
        assert_null(bl_shortlist_notice(sl)); /* not damaged */
        assert_true(bl_shortlist_count(sl) > 0); /* not emptied */
        char why[BL_REASON_MAX];
        assert_int_equal(bl_shortlist_add(sl, "after", NULL, NULL, why, sizeof why), 0);
        assert_int_equal(bl_shortlist_remove(sl, "after", why, sizeof why), 0);
        bl_shortlist_close(sl);
        assert_null(damaged_copy(f));
        /* The killed writer's temporary file is gone after that change. */
        char *folder = fs_fmt("%s/data/borderless", f->dir);
        DIR *d = opendir(folder);
        assert_non_null(d);
        struct dirent *de;
        while ((de = readdir(d)))
            if (strncmp(de->d_name, ".shortlist.txt.", 15) == 0)
                fail_msg("left behind: %s", de->d_name);
        closedir(d);
        free(folder);
    }
}

/* ---- salvage ---- */

#define HEADER "borderless-shortlist 1\n"
#define LINE_A "role\talpha\tadded=2026-12-01T10:00:00Z\treviewed=2024-01-15\tnote=keep me\n"
#define LINE_B "role\tbeta\tadded=2026-12-01T11:00:00Z\treviewed=\tnote=\n"

/* Opens a damaged file: the good entries (ids, in order) come back, the
 * original bytes are kept beside it, the user is told once, and the file
 * is clean afterwards. */
static void expect_salvage(struct fx *f, const char *text, size_t len, const char *const *ids,
                           size_t n_ids)
{
    put_file(f, text, len);
    bl_shortlist *sl = open_ok(f->path, 0);
    const char *notice = bl_shortlist_notice(sl);
    assert_non_null(notice);
    assert_non_null(strstr(notice, "damaged"));
    assert_int_equal(bl_shortlist_count(sl), n_ids);
    for (size_t i = 0; i < n_ids; i++)
        assert_string_equal(bl_shortlist_at(sl, i)->id, ids[i]);
    char *copy = damaged_copy(f);
    assert_non_null(copy);
    assert_non_null(strstr(notice, copy));
    size_t clen;
    unsigned char *kept = fs_read(copy, &clen);
    assert_int_equal(clen, len);
    assert_memory_equal(kept, text, len);
    free(kept);
    bl_shortlist_close(sl);

    sl = open_ok(f->path, 0); /* told once: the file is clean now */
    assert_null(bl_shortlist_notice(sl));
    assert_int_equal(bl_shortlist_count(sl), n_ids);
    bl_shortlist_close(sl);
    unlink(copy);
    free(copy);
}

static void test_salvage_truncated(void **state)
{
    struct fx *f = *state;
    const char text[] = HEADER LINE_A LINE_B;
    const char *ids[] = {"alpha"};
    /* Cut inside beta's line, before its `added`: beta cannot be trusted. */
    size_t cut = strlen(HEADER LINE_A) + 9;
    expect_salvage(f, text, cut, ids, 1);
    /* Cut after beta's last field but before the newline: kept, still told. */
    const char *both[] = {"alpha", "beta"};
    expect_salvage(f, text, strlen(text) - 1, both, 2);
    const char *none[] = {NULL};
    expect_salvage(f, text, 12, none, 0); /* inside the header */
}

static void test_salvage_garbage(void **state)
{
    struct fx *f = *state;
    const char text[] =
        HEADER "this is not a role line\n" LINE_A "role\tbad id!\tadded=2026-12-01T10:00:00Z\n"
               "role\tgamma\tadded=yesterday\n"
               "role\tdelta\tnote=no date\n" LINE_B "}}}{{{\n";
    const char *ids[] = {"alpha", "beta"};
    expect_salvage(f, text, sizeof text - 1, ids, 2);
}

static void test_salvage_binary(void **state)
{
    struct fx *f = *state;
    char text[4096];
    size_t n = 0;
    memcpy(text + n, HEADER LINE_A, strlen(HEADER LINE_A));
    n += strlen(HEADER LINE_A);
    unsigned seed = 12345;
    for (int i = 0; i < 1500; i++) {
        seed = seed * 1103515245u + 12345u;
        unsigned char c = (unsigned char)(seed >> 16);
        text[n++] = c == '\n' ? 0 : (char)c;
    }
    text[n++] = '\n';
    /* A NUL inside an otherwise good line spoils that line only. */
    const char nul_line[] = "role\tgamma\tadded=2026-12-01T10:00:00Z\tnote=a\0b\n";
    memcpy(text + n, nul_line, sizeof nul_line - 1);
    n += sizeof nul_line - 1;
    memcpy(text + n, LINE_B, strlen(LINE_B));
    n += strlen(LINE_B);
    const char *ids[] = {"alpha", "beta"};
    expect_salvage(f, text, n, ids, 2);
}

static void test_salvage_huge(void **state)
{
    struct fx *f = *state;
    /* A line far longer than any note, between good lines. */
    size_t big = 200000;
    char *text = malloc(big + 1024);
    size_t n = 0;
    memcpy(text, HEADER LINE_A, strlen(HEADER LINE_A));
    n += strlen(HEADER LINE_A);
    memcpy(text + n, "role\tgamma\tadded=2026-12-01T10:00:00Z\tnote=", 43);
    n += 43;
    memset(text + n, 'x', big);
    n += big;
    text[n++] = '\n';
    memcpy(text + n, LINE_B, strlen(LINE_B));
    n += strlen(LINE_B);
    const char *ids[] = {"alpha", "beta"};
    expect_salvage(f, text, n, ids, 2);
    free(text);

    /* A file larger than BL_SHORTLIST_FILE_MAX: what fits is read, the
     * whole original is kept. */
    size_t huge = BL_SHORTLIST_FILE_MAX + 4096;
    text = malloc(huge);
    n = 0;
    memcpy(text, HEADER LINE_A, strlen(HEADER LINE_A));
    n += strlen(HEADER LINE_A);
    memset(text + n, 'y', huge - n - 1);
    text[huge - 1] = '\n';
    const char *one[] = {"alpha"};
    expect_salvage(f, text, huge, one, 1);
    free(text);
}

static void test_line_ends(void **state)
{
    struct fx *f = *state;
    /* CR only (old Mac), CRLF (Windows), and a byte-order mark: read in
     * full, nothing lost, nothing to tell. */
    const char *texts[] = {
        "borderless-shortlist 1\rrole\talpha\tadded=2026-12-01T10:00:00Z\tnote=a\r"
        "role\tbeta\tadded=2026-12-01T11:00:00Z\tnote=b\r",
        "borderless-shortlist 1\r\nrole\talpha\tadded=2026-12-01T10:00:00Z\tnote=a\r\n"
        "\r\nrole\tbeta\tadded=2026-12-01T11:00:00Z\tnote=b\r\n",
        "\xef\xbb\xbf" HEADER "role\talpha\tadded=2026-12-01T10:00:00Z\tnote=a\n"
        "# a comment\n\nrole\tbeta\tadded=2026-12-01T11:00:00Z\tnote=b\tlater=ignored\n",
    };
    for (size_t i = 0; i < 3; i++) {
        put_file(f, texts[i], strlen(texts[i]));
        bl_shortlist *sl = open_ok(f->path, 0);
        assert_null(bl_shortlist_notice(sl));
        assert_int_equal(bl_shortlist_count(sl), 2);
        assert_string_equal(bl_shortlist_at(sl, 0)->note, "a");
        assert_string_equal(bl_shortlist_at(sl, 1)->note, "b");
        assert_true(bl_shortlist_at(sl, 0)->added == 1796119200LL);
        bl_shortlist_close(sl);
        char *copy = damaged_copy(f);
        assert_null(copy);
    }
    /* An empty file is an empty shortlist. */
    put_file(f, "", 0);
    bl_shortlist *sl = open_ok(f->path, 0);
    assert_null(bl_shortlist_notice(sl));
    assert_int_equal(bl_shortlist_count(sl), 0);
    bl_shortlist_close(sl);
}

static void test_keep_damaged_names(void **state)
{
    struct fx *f = *state;
    put_file(f, "bytes", 5);
    char a[BL_PATH_MAX], b[BL_PATH_MAX];
    /* Two copies in the same second get different names; neither replaces
     * anything.  (A second boundary between the calls gives two plain
     * names, also different.) */
    assert_int_equal(bl_userstate_keep_damaged(f->path, "x", 1, a, sizeof a), 0);
    assert_int_equal(bl_userstate_keep_damaged(f->path, "x", 1, b, sizeof b), 0);
    assert_string_not_equal(a, b);
    assert_int_equal(strncmp(a, f->path, strlen(f->path)), 0);
    assert_non_null(strstr(a, ".damaged-"));
    size_t len;
    unsigned char *kept = fs_read(b, &len); /* a link: the file's own bytes */
    assert_int_equal(len, 5);
    assert_memory_equal(kept, "bytes", 5);
    free(kept);
}

/* ---- versions ---- */

static void test_newer_version_read_only(void **state)
{
    struct fx *f = *state;
    const char text[] = "borderless-shortlist 2\n"
                        "role\talpha\tadded=2026-12-01T10:00:00Z\tnote=mine\tcolour=red\n"
                        "folder\tmy group\tsomething new\n";
    put_file(f, text, sizeof text - 1);
    bl_shortlist *sl = open_ok(f->path, 0);
    assert_true(bl_shortlist_read_only(sl));
    assert_non_null(bl_shortlist_notice(sl));
    assert_non_null(strstr(bl_shortlist_notice(sl), "newer version"));
    assert_int_equal(bl_shortlist_count(sl), 1); /* shown as far as readable */
    assert_string_equal(bl_shortlist_at(sl, 0)->note, "mine");
    char why[BL_REASON_MAX];
    assert_int_equal(bl_shortlist_add(sl, "beta", NULL, NULL, why, sizeof why), -EROFS);
    assert_non_null(strstr(why, "newer version"));
    assert_int_equal(bl_shortlist_remove(sl, "alpha", why, sizeof why), -EROFS);
    assert_int_equal(bl_shortlist_set_note(sl, "alpha", "x", why, sizeof why), -EROFS);
    bl_shortlist_close(sl);
    size_t len;
    unsigned char *now = fs_read(f->path, &len);
    assert_int_equal(len, sizeof text - 1);
    assert_memory_equal(now, text, len);
    free(now);
    assert_null(damaged_copy(f));

    /* A handle opened before a newer borderless rewrote the file: its next
     * change finds out and refuses. */
    unlink(f->path);
    sl = open_ok(f->path, 0);
    assert_false(bl_shortlist_read_only(sl));
    put_file(f, text, sizeof text - 1);
    assert_int_equal(bl_shortlist_add(sl, "beta", NULL, NULL, why, sizeof why), -EROFS);
    assert_true(bl_shortlist_read_only(sl));
    bl_shortlist_close(sl);
    now = fs_read(f->path, &len);
    assert_memory_equal(now, text, len);
    free(now);
}

static void test_older_version_upgraded(void **state)
{
    struct fx *f = *state;
    /* Format 0: a hand-made list of ids, a note after a tab. */
    const char text[] = "alpha\nbeta\tcheck the language rule\n\ngamma\n";
    put_file(f, text, sizeof text - 1);
    bl_shortlist *sl = open_ok(f->path, 0);
    assert_null(bl_shortlist_notice(sl));
    assert_false(bl_shortlist_read_only(sl));
    assert_int_equal(bl_shortlist_count(sl), 3);
    assert_string_equal(bl_shortlist_at(sl, 1)->note, "check the language rule");
    assert_true(bl_shortlist_at(sl, 0)->added == 0);
    /* Read as it is; written in the current format on the next change. */
    size_t len;
    unsigned char *now = fs_read(f->path, &len);
    assert_memory_equal(now, text, len);
    free(now);
    char why[BL_REASON_MAX];
    assert_int_equal(bl_shortlist_add(sl, "delta", NULL, NULL, why, sizeof why), 0);
    bl_shortlist_close(sl);
    char *up = (char *)fs_read(f->path, &len);
    assert_true(strncmp(up, "borderless-shortlist 1\n", 23) == 0);
    assert_non_null(strstr(up,
                           "role\tbeta\tadded=1970-01-01T00:00:00Z\treviewed=\t"
                           "note=check the language rule\n"));
    free(up);
    sl = open_ok(f->path, 0);
    assert_int_equal(bl_shortlist_count(sl), 4);
    assert_null(bl_shortlist_notice(sl));
    bl_shortlist_close(sl);
}

/* ---- private mode ---- */

static void test_private(void **state)
{
    struct fx *f = *state;
    const char text[] = HEADER LINE_A;
    put_file(f, text, sizeof text - 1);
    bl_shortlist *sl = open_ok(NULL, BL_USERSTATE_PRIVATE);
    assert_true(bl_shortlist_is_private(sl));
    assert_string_equal(bl_shortlist_path(sl), "");
    assert_int_equal(bl_shortlist_count(sl), 0); /* nothing read */
    char why[BL_REASON_MAX];
    assert_int_equal(bl_shortlist_add(sl, "beta", NULL, "n", why, sizeof why), 0);
    assert_int_equal(bl_shortlist_add(sl, "beta", NULL, NULL, why, sizeof why), 1);
    assert_int_equal(bl_shortlist_set_note(sl, "beta", "m", why, sizeof why), 0);
    assert_int_equal(bl_shortlist_count(sl), 1);
    assert_int_equal(bl_shortlist_remove(sl, "beta", why, sizeof why), 0);
    assert_int_equal(bl_shortlist_reload(sl, why, sizeof why), 0);
    bl_shortlist_close(sl);
    size_t len;
    unsigned char *now = fs_read(f->path, &len);
    assert_memory_equal(now, text, len);
    free(now);
    char *lock = fs_fmt("%s.lock", f->path);
    assert_false(exists(lock));
    free(lock);

    /* The session: nothing read, nothing written. */
    bl_session s = {.entry = "alpha", .focus = "menu"};
    assert_int_equal(bl_session_save(NULL, 0, &s, why, sizeof why), 0);
    assert_int_equal(bl_session_load(NULL, BL_USERSTATE_PRIVATE, NULL, &s), 1);
    char *state_dir = fs_fmt("%s/state/borderless", f->dir);
    fs_rm_rf(state_dir);
    assert_int_equal(bl_session_save(NULL, BL_USERSTATE_PRIVATE, &s, why, sizeof why), 0);
    assert_false(exists(state_dir));
    free(state_dir);
}

/* ---- the session ---- */

static void test_session(void **state)
{
    struct fx *f = *state;
    char why[BL_REASON_MAX];
    bl_session s = {.entry = "alpha",
                    .pos = {.part = -1, .item = 2, .src = 30, .nth = 1},
                    .line = 17,
                    .focus = "detail"};
    assert_int_equal(bl_session_save(NULL, 0, &s, why, sizeof why), 0);
    char *path = fs_fmt("%s/state/borderless/session", f->dir);
    assert_true(exists(path));

    bl_session r;
    assert_int_equal(bl_session_load(NULL, 0, NULL, &r), 0);
    assert_string_equal(r.entry, "alpha");
    assert_int_equal(r.pos.part, -1);
    assert_int_equal(r.pos.item, 2);
    assert_int_equal(r.pos.src, 30);
    assert_int_equal(r.pos.nth, 1);
    assert_int_equal(r.line, 17);
    assert_string_equal(r.focus, "detail");

    /* Stale: the content has no such entry any more. */
    char *base = fs_fmt("%s/base", fs_env("BORDERLESS_FIXTURES"));
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    bl_guide *g = bl_load_dir(base, &d);
    bl_diags_free(&d);
    free(base);
    assert_non_null(g);
    assert_int_equal(bl_session_load(NULL, 0, g, &r), 0);
    strcpy(s.entry, "no-such-role");
    assert_int_equal(bl_session_save(NULL, 0, &s, why, sizeof why), 0);
    assert_int_equal(bl_session_load(NULL, 0, g, &r), 1);
    assert_string_equal(r.entry, "");
    bl_guide_free(g);

    /* Damaged in any way: ignored quietly. */
    const char *bad[] = {
        "",
        "borderless-session 1\nentry\talpha\npos\t0 0 0\n",
        "borderless-session 1\nentry\talpha\nline\t-3\n",
        "borderless-session 1\nentry\tAl pha\n",
        "borderless-session 1\nentry\talpha\nline\t99999999999999999999999\n",
        "borderless-session 1\nentry\talpha",
        "borderless-session 1\nentry alpha\n",
        "borderless-session\nentry\talpha\n",
        "\x7f"
        "ELF\x01\x02\x00\x00garbage",
        "borderless-session 1\rentry\talpha\r",
        "borderless-session 2\nentry\talpha\n",
        "borderless-session 1\nfocus\tmenu\n", /* no entry: nothing to restore */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fs_write_str(path, bad[i]);
        memset(&r, 'x', sizeof r);
        assert_int_equal(bl_session_load(NULL, 0, NULL, &r), 1);
        assert_string_equal(r.entry, "");
        assert_int_equal(r.line, 0);
    }
    /* Unknown keys are fine. */
    fs_write_str(path, "borderless-session 1\nentry\tbeta\nlater\twhatever it is\n");
    assert_int_equal(bl_session_load(NULL, 0, NULL, &r), 0);
    assert_string_equal(r.entry, "beta");

    /* A newer version's file is never overwritten. */
    const char newer[] = "borderless-session 7\nentry\talpha\n";
    fs_write_str(path, newer);
    strcpy(s.entry, "beta");
    assert_int_equal(bl_session_save(NULL, 0, &s, why, sizeof why), -EROFS);
    size_t len;
    unsigned char *now = fs_read(path, &len);
    assert_int_equal(len, sizeof newer - 1);
    assert_memory_equal(now, newer, len);
    free(now);

    /* Bad values are refused. */
    unlink(path);
    strcpy(s.focus, "de\ttail");
    assert_int_equal(bl_session_save(NULL, 0, &s, why, sizeof why), -EINVAL);
    strcpy(s.focus, "");
    strcpy(s.entry, "Beta\n");
    assert_int_equal(bl_session_save(NULL, 0, &s, why, sizeof why), -EINVAL);
    assert_false(exists(path));
    free(path);
}

/* ---- the compare set in the session ---- */

static bl_guide *base_guide(void)
{
    char *base = fs_fmt("%s/base", fs_env("BORDERLESS_FIXTURES"));
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    bl_guide *g = bl_load_dir(base, &d);
    bl_diags_free(&d);
    free(base);
    assert_non_null(g);
    return g;
}

/* The file's text, ended by a NUL. */
static char *read_str(const char *path)
{
    size_t len;
    unsigned char *b = fs_read(path, &len);
    char *t = realloc(b, len + 1);
    assert_non_null(t);
    t[len] = '\0';
    return t;
}

static void test_session_compare(void **state)
{
    struct fx *f = *state;
    char why[BL_REASON_MAX];
    char *path = fs_fmt("%s/state/borderless/session", f->dir);
    bl_session s = {
        .entry = "alpha", .line = 3, .focus = "menu", .compare = {"beta", "alpha"}, .n_compare = 2};
    assert_int_equal(bl_session_save(NULL, 0, &s, why, sizeof why), 0);
    char *text = read_str(path);
    assert_string_equal(text,
                        "borderless-session 1\nentry\talpha\npos\t1 0 0 0\nline\t3\n"
                        "focus\tmenu\ncompare\tbeta alpha\n");
    free(text);

    /* Round trip: the set in its order; the same session. */
    bl_session r;
    assert_int_equal(bl_session_load(NULL, 0, NULL, &r), 0);
    assert_int_equal(r.n_compare, 2);
    assert_string_equal(r.compare[0], "beta");
    assert_string_equal(r.compare[1], "alpha");
    assert_true(bl_session_same(&r, &s));
    strcpy(r.compare[1], "gamma");
    assert_false(bl_session_same(&r, &s));
    r.n_compare = 1;
    assert_false(bl_session_same(&r, &s));

    /* An empty set writes no line; a set without a place is kept alone. */
    s.n_compare = 0;
    assert_int_equal(bl_session_save(NULL, 0, &s, why, sizeof why), 0);
    text = read_str(path);
    assert_null(strstr(text, "compare"));
    free(text);
    bl_session only = {.compare = {"beta"}, .n_compare = 1};
    assert_int_equal(bl_session_save(NULL, 0, &only, why, sizeof why), 0);
    text = read_str(path);
    assert_string_equal(text, "borderless-session 1\ncompare\tbeta\n");
    free(text);
    assert_int_equal(bl_session_load(NULL, 0, NULL, &r), 0);
    assert_string_equal(r.entry, "");
    assert_int_equal(r.n_compare, 1);
    assert_string_equal(r.compare[0], "beta");

    /* A file from before the compare line: the place, an empty set. */
    fs_write_str(path,
                 "borderless-session 1\nentry\tbeta\npos\t0 1 0 0\nline\t9\n"
                 "focus\tdetail\n");
    memset(&r, 'x', sizeof r);
    assert_int_equal(bl_session_load(NULL, 0, NULL, &r), 0);
    assert_string_equal(r.entry, "beta");
    assert_int_equal(r.line, 9);
    assert_int_equal(r.n_compare, 0);

    /* With the guide: ids it has no role for, and repeats, are dropped;
     * a stale entry loses the place but not the set. */
    bl_guide *g = base_guide();
    fs_write_str(path,
                 "borderless-session 1\nentry\tgone\nline\t4\nfocus\tdetail\n"
                 "compare\tgone beta intro\n");
    assert_int_equal(bl_session_load(NULL, 0, g, &r), 0);
    assert_string_equal(r.entry, "");
    assert_int_equal(r.line, 0);
    assert_string_equal(r.focus, "");
    assert_int_equal(r.n_compare, 1);
    assert_string_equal(r.compare[0], "beta");
    fs_write_str(path, "borderless-session 1\nentry\talpha\ncompare\tbeta beta alpha\n");
    assert_int_equal(bl_session_load(NULL, 0, g, &r), 0);
    assert_string_equal(r.entry, "alpha");
    assert_int_equal(r.n_compare, 2);
    assert_string_equal(r.compare[0], "beta");
    assert_string_equal(r.compare[1], "alpha");
    /* Nothing left at all: nothing to restore. */
    fs_write_str(path, "borderless-session 1\nentry\tgone\ncompare\tgone\n");
    assert_int_equal(bl_session_load(NULL, 0, g, &r), 1);
    assert_int_equal(r.n_compare, 0);
    bl_guide_free(g);

    /* A damaged compare line: the whole file ignored, as any damage. */
    const char *bad[] = {
        "borderless-session 1\nentry\talpha\ncompare\t\n",
        "borderless-session 1\nentry\talpha\ncompare\talpha  beta\n",
        "borderless-session 1\nentry\talpha\ncompare\talpha beta \n",
        "borderless-session 1\nentry\talpha\ncompare\ta b c d\n",
        "borderless-session 1\nentry\talpha\ncompare\tAlpha\n",
        "borderless-session 1\nentry\talpha\ncompare\t-x\n",
        "borderless-session 1\nentry\talpha\ncompare\tal\x1b[2Jpha\n",
        "borderless-session 1\nentry\talpha\ncompare\talpha\tbeta\n",
        "borderless-session 1\nentry\talpha\ncompare\talpha",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fs_write_str(path, bad[i]);
        memset(&r, 'x', sizeof r);
        assert_int_equal(bl_session_load(NULL, 0, NULL, &r), 1);
        assert_string_equal(r.entry, "");
        assert_int_equal(r.n_compare, 0);
    }

    /* A bad set is refused, and nothing is written. */
    unlink(path);
    bl_session b = {.entry = "alpha", .compare = {"beta", "Be ta"}, .n_compare = 2};
    assert_int_equal(bl_session_save(NULL, 0, &b, why, sizeof why), -EINVAL);
    b = (bl_session){.entry = "alpha", .compare = {"beta", ""}, .n_compare = 2};
    assert_int_equal(bl_session_save(NULL, 0, &b, why, sizeof why), -EINVAL);
    b = (bl_session){.entry = "alpha", .compare = {"a", "b", "c"}, .n_compare = 4};
    assert_int_equal(bl_session_save(NULL, 0, &b, why, sizeof why), -EINVAL);
    assert_false(exists(path));

    /* Private: the set is neither read nor written. */
    b = (bl_session){.entry = "alpha", .compare = {"beta"}, .n_compare = 1};
    assert_int_equal(bl_session_save(NULL, BL_USERSTATE_PRIVATE, &b, why, sizeof why), 0);
    assert_false(exists(path));
    assert_int_equal(bl_session_save(NULL, 0, &b, why, sizeof why), 0);
    assert_int_equal(bl_session_load(NULL, BL_USERSTATE_PRIVATE, NULL, &r), 1);
    assert_int_equal(r.n_compare, 0);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_xdg_paths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flags, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_operations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_updated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_two_handles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_writers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_killed_writer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_salvage_truncated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_salvage_garbage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_salvage_binary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_salvage_huge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_ends, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keep_damaged_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_version_read_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_older_version_upgraded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_private, setup, teardown),
        cmocka_unit_test_setup_teardown(test_session, setup, teardown),
        cmocka_unit_test_setup_teardown(test_session_compare, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
