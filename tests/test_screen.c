/* test_screen.c — whole screens of the full-screen guide, in-process
 * (screen/harness.h): each case is a terminal size, a key script and the
 * screen expected after it, every row of it.  The fixture guide
 * (tui_fixtures) is the content, so that editing the real guide does not
 * change these screens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "screen/harness.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct screen_case {
    const char *name;
    int w, h;
    int ascii;
    const char *keys;
    const char *expected;
    int attr_row; /* a row whose attributes matter, or -1 */
    const char *attrs;
    int cursor; /* check where the cursor rests: */
    int cursor_y, cursor_x;
};

#include "screen/cases.inc"

static void run_case(void **state)
{
    const struct screen_case *c = *state;
    struct harness h;
    if (getenv("BL_SCREEN_PRINT"))
        printf("#### %s\n", c->name);
    /* A fresh folder to save in, with a folder "dir" inside. */
    char tmp[] = "/tmp/bl-screen.XXXXXX", real[PATH_MAX], old[PATH_MAX];
    assert_non_null(mkdtemp(tmp));
    assert_non_null(realpath(tmp, real));
    assert_non_null(getcwd(old, sizeof old));
    assert_int_equal(chdir(real), 0);
    assert_int_equal(mkdir("dir", 0700), 0);
    harness_open_guide(&h, c->w, c->h, c->ascii, NULL);
    h.mask = real;
    harness_keys(&h, c->keys);
    harness_expect(&h, c->expected);
    if (strcmp(c->name, "help_80x24") == 0) {
        /* The rule: the help fits 80x24 without cutting a word. */
        char *dump = harness_dump(&h);
        if (strstr(dump, "\u2026"))
            fail_msg("the help at 80x24 cuts a description");
        free(dump);
    }
    if (c->attrs)
        harness_expect_attrs(&h, c->attr_row, c->attrs);
    int y, x;
    harness_cursor(&h, &y, &x);
    if (getenv("BL_SCREEN_PRINT")) {
        printf("cursor: %d,%d\n", y, x);
    } else if (c->cursor) {
        assert_int_equal(y, c->cursor_y);
        assert_int_equal(x, c->cursor_x);
    }
    harness_close(&h);
    assert_int_equal(chdir(old), 0);
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", real);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    setenv("TERM", "xterm-256color", 1);
    unsetenv("NO_COLOR");
    size_t n = sizeof cases / sizeof cases[0];
    struct CMUnitTest *tests = calloc(n, sizeof *tests);
    if (!tests)
        return 1;
    for (size_t i = 0; i < n; i++)
        tests[i] = (struct CMUnitTest){
            .name = cases[i].name, .test_func = run_case, .initial_state = (void *)&cases[i]};
    int rc = _cmocka_run_group_tests("screens", tests, n, NULL, NULL);
    free(tests);
    return rc;
}
