/* test_screen_groups.c — whole screens of the menu by groups, a role's
 * quick facts and its glossary links, in-process (screen/harness.h).
 * The content is tests/screen_groups/content: the base fixture (two
 * groups, "Field roles" and "Lab roles"; beta before alpha in reading
 * order but in the later group) whose alpha uses the glossary term ABC. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "screen/harness.h"

#include "borderless/diag.h"
#include "borderless/loader.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct groups_case {
    const char *name;
    int w, h;
    const char *keys;
    const char *expected;
};

#include "screen_groups/cases.inc"

static bl_guide *load_content(void)
{
    const char *src = getenv("BORDERLESS_SOURCE_DIR");
    assert_non_null(src);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/screen_groups/content", src);
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    bl_guide *g = bl_load_dir(dir, &d);
    if (!g)
        bl_diags_print(&d, stderr);
    bl_diags_free(&d);
    assert_non_null(g);
    return g;
}

static void run_case(void **state)
{
    const struct groups_case *c = *state;
    struct harness h;
    if (getenv("BL_SCREEN_PRINT"))
        printf("#### %s\n", c->name);
    harness_open_guide(&h, c->w, c->h, 0, load_content());
    harness_keys(&h, c->keys);
    harness_expect(&h, c->expected);
    harness_close(&h);
}

/* Clicks on a group heading do nothing; a click on a role selects it. */
static void test_click_heading(void **state)
{
    (void)state;
    struct harness h;
    harness_open_guide(&h, 100, 30, 0, load_content());
    char *before = harness_dump(&h);
    harness_click(&h, 3, 4); /* "Lab roles" */
    char *after = harness_dump(&h);
    assert_string_equal(before, after);
    harness_click(&h, 4, 4); /* Beta analyst */
    after = (free(after), harness_dump(&h));
    assert_non_null(strstr(after, "Role 2/2"));
    assert_non_null(strstr(after, "\u25b8 Beta analyst"));
    free(before);
    free(after);
    harness_close(&h);
}

/* Scrolled to the top, the first group's heading shows above its role. */
static void test_heading_kept_at_top(void **state)
{
    (void)state;
    struct harness h;
    harness_open_guide(&h, 60, 8, 0, load_content());
    harness_keys(&h, "GggjG<Home>");
    char *s = harness_dump(&h);
    assert_non_null(strstr(s, " Field roles"));
    assert_non_null(strstr(s, "\u25b8 Alpha officer"));
    free(s);
    harness_close(&h);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    setenv("TERM", "xterm-256color", 1);
    struct CMUnitTest tests[sizeof cases / sizeof cases[0] + 2];
    size_t n = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        tests[n++] = (struct CMUnitTest){
            .name = cases[i].name, .test_func = run_case, .initial_state = (void *)&cases[i]};
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_click_heading);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_heading_kept_at_top);
    return _cmocka_run_group_tests("screen_groups", tests, n, NULL, NULL);
}
