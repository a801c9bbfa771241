/* test_app_compare.c — the compare set and the comparison in the guide's
 * application state (app.h, app_compare.c), without curses, on the real
 * content: c adds and removes, a fourth is refused with a message, C needs
 * two, the comparison scrolls, d and a resize lay it out again keeping the
 * row at the top, and closing keeps the set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/app.h"
#include "borderless/loader.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bl_guide *guide;

static int load(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/content", getenv("BORDERLESS_SOURCE_DIR"));
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    guide = bl_load_dir(dir, &d);
    bl_diags_free(&d);
    return guide && guide->n_roles >= 4 ? 0 : -1;
}

static int unload(void **state)
{
    (void)state;
    bl_guide_free(guide);
    return 0;
}

static void resize(bl_app *a, int width, int rows)
{
    bl_app_apply(a, BL_ACT_RESIZE,
                 &(struct bl_app_arg){
                     .width = 60, .rows = rows, .list = 8, .cmp_width = width, .cmp_rows = rows});
}

static unsigned act(bl_app *a, enum bl_action x)
{
    return bl_app_apply(a, x, NULL);
}

static void test_set(void **state)
{
    (void)state;
    bl_app a;
    assert_int_equal(bl_app_init(&a, guide, 0), 0);
    resize(&a, 80, 24);
    size_t first = a.sel;
    act(&a, BL_ACT_COMPARE_TOGGLE);
    assert_int_equal(a.cmp.n, 1);
    assert_true(bl_app_compare_has(&a, first));
    assert_string_equal(bl_app_bar_label(&a, BL_ACT_COMPARE), "Compare 1");
    /* C with one role says what to do */
    act(&a, BL_ACT_COMPARE);
    assert_false(a.cmp.open);
    assert_int_equal(a.status.kind, BL_STATUS_INFO);
    assert_non_null(strstr(a.status.text, "press c on another role"));
    /* c again removes it */
    act(&a, BL_ACT_COMPARE_TOGGLE);
    assert_int_equal(a.cmp.n, 0);
    assert_null(bl_app_bar_label(&a, BL_ACT_COMPARE));
    /* three, then a fourth is refused with a message and a beep */
    for (int i = 0; i < 3; i++) {
        act(&a, BL_ACT_COMPARE_TOGGLE);
        act(&a, BL_ACT_DOWN);
    }
    assert_int_equal(a.cmp.n, 3);
    unsigned r = act(&a, BL_ACT_COMPARE_TOGGLE);
    assert_true(r & BL_APP_BEEP);
    assert_int_equal(a.cmp.n, 3);
    assert_false(bl_app_compare_has(&a, a.sel));
    assert_non_null(strstr(a.status.text, "Three roles are the most"));
    bl_app_done(&a);
}

static void test_section_is_refused(void **state)
{
    (void)state;
    bl_app a;
    assert_int_equal(bl_app_init(&a, guide, 0), 0);
    resize(&a, 80, 24);
    act(&a, BL_ACT_END); /* the last entry of the menu: a section */
    assert_int_equal(guide->entries[a.sel].kind, BL_ENTRY_SECTION);
    act(&a, BL_ACT_COMPARE_TOGGLE);
    assert_int_equal(a.cmp.n, 0);
    assert_non_null(strstr(a.status.text, "Only roles can be compared"));
    bl_app_done(&a);
}

static void test_view(void **state)
{
    (void)state;
    bl_app a;
    assert_int_equal(bl_app_init(&a, guide, 0), 0);
    resize(&a, 80, 24);
    for (int i = 0; i < 3; i++) {
        act(&a, BL_ACT_COMPARE_TOGGLE);
        act(&a, BL_ACT_DOWN);
    }
    size_t sel = a.sel;
    act(&a, BL_ACT_COMPARE);
    assert_true(a.cmp.open);
    assert_non_null(a.cmp.text);
    assert_false(a.cmp.text->side_by_side); /* three at 80: stacked */
    assert_int_equal(a.cmp.top, 0);
    /* while open, other actions do nothing */
    act(&a, BL_ACT_COMPARE_TOGGLE);
    act(&a, BL_ACT_SEARCH);
    assert_int_equal(a.cmp.n, 3);
    assert_null(a.prompt.kind);
    assert_null(bl_app_bar_label(&a, BL_ACT_SEARCH));
    assert_string_equal(bl_app_bar_label(&a, BL_ACT_COMPARE_DIFF), "Diffs");

    /* scrolling */
    size_t max = bl_app_compare_max_top(&a);
    assert_true(max > 0);
    act(&a, BL_ACT_DOWN);
    assert_int_equal(a.cmp.top, 1);
    act(&a, BL_ACT_PAGE_DOWN);
    size_t body = 24 - a.cmp.text->header_lines;
    assert_int_equal(a.cmp.top, 1 + body - 1);
    act(&a, BL_ACT_END);
    assert_int_equal(a.cmp.top, max);
    assert_int_equal(act(&a, BL_ACT_DOWN) & BL_APP_REDRAW, 0);
    act(&a, BL_ACT_HOME);
    assert_int_equal(a.cmp.top, 0);

    /* a resize to 200 columns: side by side, the same row at the top */
    for (int i = 0; i < 40; i++)
        act(&a, BL_ACT_DOWN);
    const bl_cmp_text *t = a.cmp.text;
    long row = -1;
    for (size_t i = t->header_lines + a.cmp.top; i < t->n_lines && row < 0; i++)
        row = t->lines[i].row;
    assert_true(row >= 0);
    resize(&a, 200, 50);
    t = a.cmp.text;
    assert_true(t->side_by_side);
    long now = -1;
    for (size_t i = t->header_lines + a.cmp.top; i < t->n_lines && now < 0; i++)
        now = t->lines[i].row;
    assert_int_equal(now, row);

    /* d: differences only, and back */
    act(&a, BL_ACT_COMPARE_DIFF);
    assert_true(a.cmp.diff_only);
    assert_string_equal(bl_app_bar_label(&a, BL_ACT_COMPARE_DIFF), "All rows");
    t = a.cmp.text;
    for (size_t i = t->header_lines; i < t->n_lines; i++)
        if (t->lines[i].row >= 0)
            assert_true(a.cmp.cmp->rows[t->lines[i].row].differs);
    act(&a, BL_ACT_COMPARE_DIFF);
    assert_false(a.cmp.diff_only);

    /* closing keeps the set and the selection */
    unsigned r = act(&a, BL_ACT_COMPARE_CLOSE);
    assert_true(r & BL_APP_REDRAW);
    assert_false(a.cmp.open);
    assert_null(a.cmp.text);
    assert_int_equal(a.cmp.n, 3);
    assert_int_equal(a.sel, sel);
    act(&a, BL_ACT_COMPARE);
    assert_true(a.cmp.open);
    bl_app_done(&a); /* frees the open comparison (ASan checks) */
}

/* The set goes into the session by id, in its order, and comes back from
 * one: roles only, each once, at most three; the letters follow the order. */
static void test_session(void **state)
{
    (void)state;
    bl_app a;
    assert_int_equal(bl_app_init(&a, guide, 0), 0);
    resize(&a, 80, 24);
    size_t first = a.sel;
    act(&a, BL_ACT_COMPARE_TOGGLE);
    act(&a, BL_ACT_DOWN);
    size_t second = a.sel;
    act(&a, BL_ACT_COMPARE_TOGGLE);
    assert_int_equal(bl_app_compare_index(&a, first), 0);
    assert_int_equal(bl_app_compare_index(&a, second), 1);
    /* The status line names each role with its letter. */
    char want[256];
    snprintf(want, sizeof want, "C compares (2 of 3): A %s, B ", guide->entries[first].title);
    assert_true(strncmp(a.status.text, want, strlen(want)) == 0);
    bl_session s;
    bl_app_session(&a, &s);
    assert_int_equal(s.n_compare, 2);
    assert_string_equal(s.compare[0], guide->entries[first].id);
    assert_string_equal(s.compare[1], guide->entries[second].id);
    bl_app_done(&a);

    /* Back, in a new app: second first this time, plus what is not a role
     * (a section, an unknown id) and a repeat, all dropped. */
    assert_int_equal(bl_app_init(&a, guide, 0), 0);
    resize(&a, 80, 24);
    bl_session r = {.n_compare = 3};
    snprintf(r.compare[0], sizeof r.compare[0], "%s", guide->entries[second].id);
    snprintf(r.compare[1], sizeof r.compare[1], "%s", guide->entries[guide->n_roles].id);
    snprintf(r.compare[2], sizeof r.compare[2], "%s", guide->entries[second].id);
    assert_int_equal(bl_app_restore(&a, &r), 0);
    assert_int_equal(a.cmp.n, 1);
    assert_int_equal(bl_app_compare_index(&a, second), 0);
    assert_int_equal(bl_app_compare_index(&a, first), -1);
    assert_string_equal(bl_app_bar_label(&a, BL_ACT_COMPARE), "Compare 1");
    /* Nothing the guide has: nothing restored. */
    bl_session none = {.entry = "no-such-role", .compare = {"no-such-role"}, .n_compare = 1};
    assert_int_equal(bl_app_restore(&a, &none), -1);
    assert_int_equal(a.cmp.n, 0);
    bl_app_done(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set),
        cmocka_unit_test(test_section_is_refused),
        cmocka_unit_test(test_view),
        cmocka_unit_test(test_session),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
