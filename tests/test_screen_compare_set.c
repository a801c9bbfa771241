/* test_screen_compare_set.c — the compare set in the full-screen guide
 * (screen/harness.h), each case in its own $XDG_DATA_HOME and
 * $XDG_STATE_HOME: the menu marking each role of the set with its letter
 * (the comparison's column), in UTF-8 and ASCII, beside the shortlist's
 * mark, and the shortlist view doing the same; the set kept in the session
 * and restored by the next start; a
 * private session that keeps nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/session.h"
#include "borderless/userstate.h"
#include "screen.h"
#include "screen/harness.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct set_case {
    const char *name;
    int w, h, ascii;
    const char *before; /* keys of an earlier run whose session is restored, or NULL */
    const char *shortlist; /* the shortlist file to start with, or NULL */
    const char *keys;
    const char *expected;
    int attr_row; /* a row whose attributes are checked, or -1 */
    const char *attrs;
};

#include "screen_compare_set_cases.inc"

/* A fresh temporary folder for the user's files; its name in tmp. */
static void fresh_state(char tmp[static 32])
{
    char p[PATH_MAX];
    strcpy(tmp, "/tmp/bl-screencs.XXXXXX");
    assert_non_null(mkdtemp(tmp));
    snprintf(p, sizeof p, "%s/data", tmp);
    setenv("XDG_DATA_HOME", p, 1);
    snprintf(p, sizeof p, "%s/state", tmp);
    setenv("XDG_STATE_HOME", p, 1);
    unsetenv("BORDERLESS_NO_STATE");
}

static void remove_state(const char *tmp)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    assert_int_equal(system(cmd), 0);
}

static void put_shortlist(const char *tmp, const char *text)
{
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s/data/borderless", tmp);
    assert_int_equal(bl_userstate_mkdirs_for(p), 0);
    assert_int_equal(mkdir(p, 0700), 0);
    snprintf(p, sizeof p, "%s/data/borderless/" BL_SHORTLIST_FILE, tmp);
    FILE *fp = fopen(p, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

/* A run of the guide: keys, then the session saved on the way out. */
static void run_keys(struct harness *h, const struct set_case *c, const char *keys)
{
    harness_open_guide(h, c->w, c->h, c->ascii, NULL);
    screen_open_state(h->s, 0, 1);
    harness_keys(h, keys);
}

static void run_case(void **state)
{
    const struct set_case *c = *state;
    char tmp[32];
    fresh_state(tmp);
    if (getenv("BL_SCREEN_PRINT"))
        printf("#### %s\n", c->name);
    if (c->shortlist)
        put_shortlist(tmp, c->shortlist);
    struct harness h;
    if (c->before) {
        run_keys(&h, c, c->before);
        screen_save_state(h.s, 0);
        harness_close(&h);
    }
    run_keys(&h, c, c->keys);
    harness_expect(&h, c->expected);
    if (c->attr_row >= 0)
        harness_expect_attrs(&h, c->attr_row, c->attrs);
    harness_close(&h);
    remove_state(tmp);
}

/* The set is in the session file after a run, in the order added, and the
 * next run's C compares it without c being pressed again. */
static void test_kept_and_compared(void **state)
{
    (void)state;
    char tmp[32];
    fresh_state(tmp);
    struct harness h;
    harness_open(&h, 80, 24);
    screen_open_state(h.s, 0, 1);
    harness_keys(&h, "jjcjc"); /* gamma, then the first section: not a role */
    harness_keys(&h, "kkkc"); /* alpha */
    screen_save_state(h.s, 0);
    harness_close(&h);
    bl_session back;
    assert_int_equal(bl_session_load(NULL, 0, NULL, &back), 0);
    assert_int_equal(back.n_compare, 2);
    assert_string_equal(back.compare[0], "gamma");
    assert_string_equal(back.compare[1], "alpha");

    harness_open(&h, 80, 24);
    screen_open_state(h.s, 0, 1);
    harness_keys(&h, "C");
    char *dump = harness_dump(&h);
    /* The comparison's columns: A the first added, B the second. */
    assert_non_null(strstr(dump, "A Gamma Analyst"));
    assert_non_null(strstr(dump, "B Alpha Agent"));
    free(dump);
    /* Emptied: the next session has no set. */
    harness_keys(&h, "<Esc>");
    harness_keys(&h, "c"); /* alpha, selected again, leaves the set */
    screen_save_state(h.s, 0);
    harness_close(&h);
    assert_int_equal(bl_session_load(NULL, 0, NULL, &back), 0);
    assert_int_equal(back.n_compare, 1);
    assert_string_equal(back.compare[0], "gamma");
    remove_state(tmp);
}

/* A session whose set names roles the content no longer has: the others
 * are restored, and the menu marks them with their new letters. */
static void test_unknown_ids_dropped(void **state)
{
    (void)state;
    char tmp[32];
    fresh_state(tmp);
    bl_session s = {
        .entry = "beta", .focus = "menu", .compare = {"gone", "gamma", "alpha"}, .n_compare = 3};
    assert_int_equal(bl_session_save(NULL, 0, &s, NULL, 0), 0);
    struct harness h;
    harness_open(&h, 80, 24);
    screen_open_state(h.s, 0, 1);
    harness_keys(&h, "");
    char *dump = harness_dump(&h);
    assert_non_null(strstr(dump, "  Alpha Agent  B\xe2\x94\x82"));
    assert_non_null(strstr(dump, "\xe2\x96\xb8 Beta Liaison  \xe2\x94\x82"));
    assert_non_null(strstr(dump, "  Gamma AnalystA\xe2\x94\x82"));
    free(dump);
    harness_close(&h);
    remove_state(tmp);
}

/* --no-state: a saved set is not restored, and nothing is written. */
static void test_private(void **state)
{
    (void)state;
    char tmp[32];
    fresh_state(tmp);
    bl_session s = {.entry = "alpha", .focus = "menu", .compare = {"beta"}, .n_compare = 1};
    assert_int_equal(bl_session_save(NULL, 0, &s, NULL, 0), 0);
    char file[PATH_MAX];
    snprintf(file, sizeof file, "%s/state/borderless/session", tmp);
    struct stat before, after;
    assert_int_equal(stat(file, &before), 0);
    struct harness h;
    harness_open(&h, 80, 24);
    unsigned flags = bl_userstate_flags(1);
    screen_open_state(h.s, flags, 1);
    harness_keys(&h, "");
    char *dump = harness_dump(&h);
    assert_non_null(strstr(dump, "  Beta Liaison  \xe2\x94\x82"));
    free(dump);
    harness_keys(&h, "jjc");
    screen_checkpoint(h.s, flags);
    screen_save_state(h.s, flags);
    harness_close(&h);
    assert_int_equal(stat(file, &after), 0);
    assert_int_equal(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
    assert_int_equal(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
    bl_session back;
    assert_int_equal(bl_session_load(NULL, 0, NULL, &back), 0);
    assert_int_equal(back.n_compare, 1);
    assert_string_equal(back.compare[0], "beta");
    remove_state(tmp);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    setenv("TERM", "xterm-256color", 1);
    unsetenv("NO_COLOR");
    size_t n = sizeof cases / sizeof cases[0];
    struct CMUnitTest *tests = calloc(n + 3, sizeof *tests);
    if (!tests)
        return 1;
    for (size_t i = 0; i < n; i++)
        tests[i] = (struct CMUnitTest){
            .name = cases[i].name, .test_func = run_case, .initial_state = (void *)&cases[i]};
    tests[n] =
        (struct CMUnitTest){.name = "kept_and_compared", .test_func = test_kept_and_compared};
    tests[n + 1] =
        (struct CMUnitTest){.name = "unknown_ids_dropped", .test_func = test_unknown_ids_dropped};
    tests[n + 2] = (struct CMUnitTest){.name = "private", .test_func = test_private};
    int rc = _cmocka_run_group_tests("compare set screens", tests, n + 3, NULL, NULL);
    free(tests);
    return rc;
}
