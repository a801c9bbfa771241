/* test_screen_shortlist.c — whole screens of the shortlist and the session
 * in the full-screen guide (screen/harness.h), each in its own
 * $XDG_DATA_HOME and $XDG_STATE_HOME: the menu with marks, the note
 * prompt, the shortlist in place of the menu, a session restored. */
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

struct sl_case {
    const char *name;
    int w, h, ascii;
    const char *before; /* keys of an earlier run whose session is restored, or NULL */
    const char *shortlist; /* the shortlist file to start with, or NULL */
    const char *keys;
    const char *expected;
};

#include "screen_shortlist_cases.inc"

static void run_case(void **state)
{
    const struct sl_case *c = *state;
    char tmp[] = "/tmp/bl-screensl.XXXXXX", p[PATH_MAX];
    assert_non_null(mkdtemp(tmp));
    snprintf(p, sizeof p, "%s/data", tmp);
    setenv("XDG_DATA_HOME", p, 1);
    snprintf(p, sizeof p, "%s/state", tmp);
    setenv("XDG_STATE_HOME", p, 1);
    unsetenv("BORDERLESS_NO_STATE");
    if (getenv("BL_SCREEN_PRINT"))
        printf("#### %s\n", c->name);
    if (c->shortlist) {
        snprintf(p, sizeof p, "%s/data/borderless", tmp);
        assert_int_equal(bl_userstate_mkdirs_for(p), 0);
        assert_int_equal(mkdir(p, 0700), 0);
        snprintf(p, sizeof p, "%s/data/borderless/" BL_SHORTLIST_FILE, tmp);
        FILE *fp = fopen(p, "w");
        assert_non_null(fp);
        fputs(c->shortlist, fp);
        assert_int_equal(fclose(fp), 0);
    }
    struct harness h;
    if (c->before) {
        /* The earlier run: where it ends is saved on the way out. */
        harness_open_guide(&h, c->w, c->h, c->ascii, NULL);
        screen_open_state(h.s, 0, 1);
        harness_keys(&h, c->before);
        screen_save_state(h.s, 0);
        harness_close(&h);
    }
    harness_open_guide(&h, c->w, c->h, c->ascii, NULL);
    screen_open_state(h.s, 0, 1);
    harness_keys(&h, c->keys);
    harness_expect(&h, c->expected);
    /* On the way out the session is saved where the reader is. */
    screen_save_state(h.s, 0);
    harness_close(&h);
    bl_session back;
    assert_int_equal(bl_session_load(NULL, 0, NULL, &back), 0);
    assert_true(back.entry[0] != '\0');
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    assert_int_equal(system(cmd), 0);
}

/* --no-state: the guide writes nothing at all. */
static void test_private_writes_nothing(void **state)
{
    (void)state;
    char tmp[] = "/tmp/bl-screensl.XXXXXX", p[PATH_MAX];
    assert_non_null(mkdtemp(tmp));
    snprintf(p, sizeof p, "%s/data", tmp);
    setenv("XDG_DATA_HOME", p, 1);
    snprintf(p, sizeof p, "%s/state", tmp);
    setenv("XDG_STATE_HOME", p, 1);
    struct harness h;
    harness_open(&h, 100, 30);
    unsigned flags = bl_userstate_flags(1);
    screen_open_state(h.s, flags, 1);
    harness_keys(&h, "majo<Enter>j");
    screen_save_state(h.s, flags);
    harness_close(&h);
    char cmd[PATH_MAX + 64];
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", tmp);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    assert_int_equal(system(cmd), 0);
}

/* At a pause the session is kept once per change (screen_checkpoint), so
 * that a crash or a kill loses nothing. */
static void test_checkpoint(void **state)
{
    (void)state;
    char tmp[] = "/tmp/bl-screensl.XXXXXX", p[PATH_MAX], file[PATH_MAX];
    assert_non_null(mkdtemp(tmp));
    snprintf(p, sizeof p, "%s/data", tmp);
    setenv("XDG_DATA_HOME", p, 1);
    snprintf(p, sizeof p, "%s/state", tmp);
    setenv("XDG_STATE_HOME", p, 1);
    unsetenv("BORDERLESS_NO_STATE");
    snprintf(file, sizeof file, "%s/state/borderless/session", tmp);
    struct harness h;
    harness_open(&h, 100, 30);
    screen_open_state(h.s, 0, 1);
    /* Nothing moved: nothing written. */
    screen_checkpoint(h.s, 0);
    assert_int_not_equal(access(file, F_OK), 0);
    harness_keys(&h, "j<Enter>");
    screen_checkpoint(h.s, 0);
    bl_session back;
    assert_int_equal(bl_session_load(NULL, 0, NULL, &back), 0);
    assert_string_equal(back.entry, "beta");
    assert_string_equal(back.focus, "detail");
    /* The same place again: not written again. */
    assert_int_equal(unlink(file), 0);
    screen_checkpoint(h.s, 0);
    assert_int_not_equal(access(file, F_OK), 0);
    /* Moved: written. */
    harness_keys(&h, "<Esc>j");
    screen_checkpoint(h.s, 0);
    assert_int_equal(bl_session_load(NULL, 0, NULL, &back), 0);
    assert_string_equal(back.entry, "gamma");
    assert_string_equal(back.focus, "menu");
    /* A private session: never. */
    assert_int_equal(unlink(file), 0);
    harness_keys(&h, "k");
    screen_checkpoint(h.s, bl_userstate_flags(1));
    assert_int_not_equal(access(file, F_OK), 0);
    harness_close(&h);
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    setenv("TERM", "xterm-256color", 1);
    unsetenv("NO_COLOR");
    size_t n = sizeof cases / sizeof cases[0];
    struct CMUnitTest *tests = calloc(n + 2, sizeof *tests);
    if (!tests)
        return 1;
    for (size_t i = 0; i < n; i++)
        tests[i] = (struct CMUnitTest){
            .name = cases[i].name, .test_func = run_case, .initial_state = (void *)&cases[i]};
    tests[n] = (struct CMUnitTest){.name = "private_writes_nothing",
                                   .test_func = test_private_writes_nothing};
    tests[n + 1] = (struct CMUnitTest){.name = "checkpoint", .test_func = test_checkpoint};
    int rc = _cmocka_run_group_tests("shortlist screens", tests, n + 2, NULL, NULL);
    free(tests);
    return rc;
}
