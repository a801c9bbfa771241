/* test_screen_compare.c — whole screens of the comparison in the
 * full-screen guide (screen/harness.h): c and C, side by side at 80x24 and
 * 200x50, stacked when narrow, d (differences only), a resize, the ASCII
 * screen, and the status messages of a set too small or too large. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/arena.h"
#include "screen.h"
#include "screen/harness.h"
#include "tui_fixtures/fixture_guide.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The fixture guide, its roles given quick facts and a fit profile (the
 * levels differ on travel only) so that the comparison has bars. */
static bl_guide *guide_with_fit(void)
{
    bl_guide *g = fixture_guide();
    assert_non_null(g);
    bl_role_facts *rf = bl_arena_array(g->arena, g->n_roles, sizeof *rf);
    assert_non_null(rf);
    static const char *const employers[] = {"INTERPOL", "Europol", "INTERPOL"};
    static const char *const reasons[] = {"Mostly at a desk", "Often on the road", "Now and then"};
    for (size_t r = 0; r < g->n_roles; r++) {
        for (int f = 0; f < BL_FACT_COUNT; f++)
            rf[r].facts[f] = f == BL_FACT_EMPLOYER ? employers[r] : "";
        for (int d = 0; d < BL_FIT_COUNT; d++)
            rf[r].fit[d] = (bl_fit){.level = d == BL_FIT_TRAVEL ? (int)r + 1 : 2,
                                    .reason = d == BL_FIT_TRAVEL ? reasons[r] : NULL};
        ((bl_entry *)&g->entries[r])->role = &rf[r];
    }
    return g;
}

struct cmp_case {
    const char *name;
    int w, h, ascii;
    const char *keys;
    const char *expected[64]; /* the screen's rows (a 200-column screen is
                                 longer than a C string literal may be) */
};

#include "screen_compare_cases.inc"

static void run_case(void **state)
{
    const struct cmp_case *c = *state;
    if (getenv("BL_SCREEN_PRINT"))
        printf("#### %s\n", c->name);
    struct harness h;
    harness_open_guide(&h, c->w, c->h, c->ascii, guide_with_fit());
    harness_keys(&h, c->keys);
    size_t len = 1;
    for (size_t i = 0; c->expected[i]; i++)
        len += strlen(c->expected[i]) + 1;
    char *expected = malloc(len);
    assert_non_null(expected);
    expected[0] = '\0';
    for (size_t i = 0; c->expected[i]; i++) {
        if (i)
            strcat(expected, "\n");
        strcat(expected, c->expected[i]);
    }
    harness_expect(&h, expected);
    free(expected);
    assert_false(harness_quit(&h));
    harness_close(&h);
}

/* q closes the comparison instead of quitting; a second q quits. */
static void test_q_closes_then_quits(void **state)
{
    (void)state;
    struct harness h;
    harness_open_guide(&h, 80, 24, 0, guide_with_fit());
    harness_keys(&h, "cjcC");
    char *open = harness_dump(&h);
    assert_non_null(strstr(open, "Comparison"));
    harness_keys(&h, "q");
    assert_false(harness_quit(&h));
    char *closed = harness_dump(&h);
    assert_null(strstr(closed, "Comparison"));
    harness_keys(&h, "q");
    assert_true(harness_quit(&h));
    free(open);
    free(closed);
    harness_close(&h);
}

/* The wheel scrolls the comparison; the titles stay pinned. */
static void test_wheel_scrolls(void **state)
{
    (void)state;
    struct harness h;
    harness_open_guide(&h, 80, 12, 0, guide_with_fit());
    harness_keys(&h, "cjcC");
    char *before = harness_dump(&h);
    harness_wheel(&h, 5, 10, 1);
    char *after = harness_dump(&h);
    assert_string_not_equal(before, after);
    /* the same first three rows: title bar and the roles' titles */
    size_t head = (size_t)(strchr(strchr(strchr(before, '\n') + 1, '\n') + 1, '\n') - before);
    assert_int_equal(strncmp(before, after, head), 0);
    free(before);
    free(after);
    harness_close(&h);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    setenv("TERM", "xterm-256color", 1);
    unsetenv("NO_COLOR");
    setenv("BORDERLESS_NO_STATE", "1", 1);
    size_t n = sizeof cases / sizeof cases[0];
    struct CMUnitTest *tests = calloc(n + 2, sizeof *tests);
    if (!tests)
        return 1;
    for (size_t i = 0; i < n; i++)
        tests[i] = (struct CMUnitTest){
            .name = cases[i].name, .test_func = run_case, .initial_state = (void *)&cases[i]};
    tests[n] =
        (struct CMUnitTest){.name = "q_closes_then_quits", .test_func = test_q_closes_then_quits};
    tests[n + 1] = (struct CMUnitTest){.name = "wheel_scrolls", .test_func = test_wheel_scrolls};
    int rc = _cmocka_run_group_tests("compare screens", tests, n + 2, NULL, NULL);
    free(tests);
    return rc;
}
