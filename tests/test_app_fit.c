/* test_app_fit.c — the fit finder in the guide's application state (app.h,
 * app_fit.c), without curses, on the test content (tests/fixtures/base: two
 * roles, thirteen questions): the question screens (answers, number keys,
 * important, back, crime areas), the ranking (ties, editing re-ranks, a
 * role opened and Back), the mouse's actions, answers kept between runs or not at all
 * (private), clearing them, saving the report, and the explanation's
 * lines: within the width, never a verdict's words.  Every test works in
 * its own $XDG_DATA_HOME and $XDG_STATE_HOME under a temporary folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/app.h"
#include "borderless/fit.h"
#include "borderless/layout.h"
#include "borderless/loader.h"
#include "borderless/userstate.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

struct fixture {
    bl_guide *g;
    bl_app app;
    char dir[64];
    char state[256];
};

static void resize(bl_app *n, int width)
{
    bl_app_apply(n, BL_ACT_RESIZE,
                 &(struct bl_app_arg){.width = width, .rows = 10, .list = 8, .body_w = width});
}

static bl_guide *load_base(void)
{
    const char *fx = getenv("BORDERLESS_FIXTURES");
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/base", fx ? fx : "tests/fixtures");
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    bl_guide *g = bl_load_dir(dir, &d);
    bl_diags_free(&d);
    return g;
}

static int setup(void **state)
{
    static struct fixture f;
    memset(&f, 0, sizeof f);
    snprintf(f.dir, sizeof f.dir, "/tmp/bl-appfit.XXXXXX");
    if (!mkdtemp(f.dir))
        return -1;
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s/data", f.dir);
    setenv("XDG_DATA_HOME", p, 1);
    snprintf(f.state, sizeof f.state, "%s/state", f.dir);
    setenv("XDG_STATE_HOME", f.state, 1);
    unsetenv("BORDERLESS_NO_STATE");
    f.g = load_base();
    if (!f.g || bl_app_init(&f.app, f.g, 0) != 0)
        return -1;
    resize(&f.app, 60);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    bl_app_done(&f->app);
    bl_guide_free(f->g);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    return system(cmd) == 0 ? 0 : -1;
}

static unsigned act(bl_app *a, enum bl_action x)
{
    return bl_app_apply(a, x, NULL);
}

static unsigned pick(bl_app *a, long n)
{
    return bl_app_apply(a, BL_ACT_FIT_PICK, &(struct bl_app_arg){.n = n});
}

static char *answers_file(const struct fixture *f)
{
    char p[PATH_MAX + 32];
    snprintf(p, sizeof p, "%s/borderless/" BL_FIT_STATE_FILE, f->state);
    FILE *fp = fopen(p, "r");
    if (!fp)
        return NULL;
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/* Answers every question: desk_field 1 (Mostly desk), the rest as given
 * by `key` (a digit), then the ranking. */
static void answer_all(bl_app *a, long digit)
{
    assert_int_equal(a->fit.screen, BL_FITUI_QUESTION);
    for (size_t q = 0; q < a->g->n_fit_questions; q++) {
        if (a->g->fit_questions[q].kind == BL_FITQ_LEVEL)
            pick(a, digit);
        act(a, BL_ACT_FIT_NEXT);
    }
    assert_int_equal(a->fit.screen, BL_FITUI_RESULTS);
}

/* ---- the questions -------------------------------------------------------- */

/* Ranking reads every role: starting the guide ranks nothing, f does. */
static void test_ranked_when_opened(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    assert_int_equal(bl_app_open_state(a, 0), 0);
    act(a, BL_ACT_DOWN);
    assert_int_equal(a->fit.rankings, 0);
    assert_false(a->fit.ranked);
    assert_null(a->fit.rank.v);
    act(a, BL_ACT_FIT);
    assert_int_equal(a->fit.rankings, 1);
    assert_true(a->fit.ranked);
    assert_non_null(a->fit.rank.v);
    assert_int_equal(a->fit.rank.n, a->g->n_roles);
    /* left and opened again: the same ranking, not made again */
    act(a, BL_ACT_FIT_LEAVE);
    act(a, BL_ACT_FIT);
    assert_int_equal(a->fit.rankings, 1);
    pick(a, 2); /* an answer changes it at once */
    assert_int_equal(a->fit.rankings, 2);
    act(a, BL_ACT_FIT_LEAVE);

    /* A second run with answers kept: reading them ranks nothing either;
     * f opens on a ranking of them, with its explanation. */
    bl_app b;
    assert_int_equal(bl_app_init(&b, f->g, 0), 0);
    resize(&b, 60);
    assert_int_equal(bl_app_open_state(&b, 0), 0);
    assert_int_equal(b.fit.ans.level[BL_FIT_DESK_FIELD], 1);
    assert_int_equal(b.fit.rankings, 0);
    assert_null(b.fit.rank.v);
    act(&b, BL_ACT_FIT);
    assert_int_equal(b.fit.screen, BL_FITUI_RESULTS);
    assert_int_equal(b.fit.rankings, 1);
    assert_int_equal(b.fit.rank.n, b.g->n_roles);
    assert_true(b.fit.n_lines > 0);
    assert_int_equal(b.fit.sel, 0);
    bl_app_done(&b);
}

static void test_first_question(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    assert_true(act(a, BL_ACT_FIT) & BL_APP_REDRAW);
    assert_int_equal(a->fit.screen, BL_FITUI_QUESTION);
    assert_int_equal(a->fit.q, 0);
    /* five answers and "no preference", which is the answer so far */
    assert_int_equal(bl_app_fit_rows(a, 0), 6);
    assert_int_equal(a->fit.cursor, 5);
    assert_true(bl_app_fit_row_on(a, 0, 5));
    assert_string_equal(bl_app_fit_row_label(a, 0, 0), "Desk");
    assert_string_equal(bl_app_fit_row_label(a, 0, 5), "No preference");
    /* the bar: Enter goes on, no going back from the first */
    assert_string_equal(bl_app_bar_label(a, BL_ACT_FIT_NEXT), "Next");
    assert_null(bl_app_bar_label(a, BL_ACT_FIT_PREV));
    assert_null(bl_app_bar_label(a, BL_ACT_SEARCH));
    act(a, BL_ACT_FIT_PREV);
    assert_int_equal(a->fit.q, 0);
    assert_string_equal(a->status.text, "This is the first question");
}

static void test_arrows_numbers_back(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    act(a, BL_ACT_FIT);
    act(a, BL_ACT_UP); /* from "no preference" to the fifth answer */
    assert_int_equal(a->fit.ans.level[BL_FIT_DESK_FIELD], 4);
    act(a, BL_ACT_HOME);
    assert_int_equal(a->fit.ans.level[BL_FIT_DESK_FIELD], 0);
    pick(a, 2);
    assert_int_equal(a->fit.ans.level[BL_FIT_DESK_FIELD], 1);
    assert_int_equal(a->fit.cursor, 1);
    assert_true(pick(a, 6) & BL_APP_BEEP); /* no sixth answer */
    assert_int_equal(a->fit.ans.level[BL_FIT_DESK_FIELD], 1);
    act(a, BL_ACT_FIT_NEXT);
    assert_int_equal(a->fit.q, 1);
    assert_string_equal(bl_app_bar_label(a, BL_ACT_FIT_PREV), "Prev");
    pick(a, 0);
    assert_int_equal(a->fit.ans.level[BL_FIT_TRAVEL], BL_FIT_NONE);
    /* Backspace: the question before, its answer highlighted */
    act(a, BL_ACT_FIT_PREV);
    assert_int_equal(a->fit.q, 0);
    assert_int_equal(a->fit.cursor, 1);
    pick(a, 0);
    assert_int_equal(a->fit.ans.level[BL_FIT_DESK_FIELD], BL_FIT_NONE);
    assert_int_equal(a->fit.cursor, 5);
}

static void test_important(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    act(a, BL_ACT_FIT);
    /* no preference has no weight to double: refused, said why */
    act(a, BL_ACT_FIT_IMPORTANT);
    assert_false(a->fit.ans.important[BL_FIT_DESK_FIELD]);
    assert_false(bl_app_fit_important(a, 0));
    assert_string_equal(a->status.text,
                        "Choose an answer first: no preference cannot be important");
    pick(a, 2);
    act(a, BL_ACT_FIT_IMPORTANT);
    assert_true(a->fit.ans.important[BL_FIT_DESK_FIELD]);
    assert_true(bl_app_fit_important(a, 0));
    assert_string_equal(a->status.text, "Marked important: this answer counts double");
    act(a, BL_ACT_FIT_IMPORTANT);
    assert_false(a->fit.ans.important[BL_FIT_DESK_FIELD]);
    assert_string_equal(a->status.text, "No longer marked important");
    /* an important answer changed to another keeps its mark; to no
     * preference loses it, saying so */
    act(a, BL_ACT_FIT_IMPORTANT);
    act(a, BL_ACT_UP); /* from 2 (level 1) to 1 (level 0) */
    assert_int_equal(a->fit.ans.level[BL_FIT_DESK_FIELD], 0);
    assert_true(a->fit.ans.important[BL_FIT_DESK_FIELD]);
    pick(a, 0);
    assert_int_equal(a->fit.ans.level[BL_FIT_DESK_FIELD], BL_FIT_NONE);
    assert_false(a->fit.ans.important[BL_FIT_DESK_FIELD]);
    assert_string_equal(a->status.text,
                        "No preference carries no weight: no longer marked important");
    pick(a, 3);
    assert_false(a->fit.ans.important[BL_FIT_DESK_FIELD]);
    /* the route-check questions have no weight to double */
    size_t n = a->g->n_fit_questions;
    for (size_t q = 0; q + 1 < n; q++)
        act(a, BL_ACT_FIT_NEXT);
    assert_int_equal(a->g->fit_questions[a->fit.q].kind, BL_FITQ_CITIZENSHIP);
    assert_null(bl_app_bar_label(a, BL_ACT_FIT_IMPORTANT));
    assert_string_equal(bl_app_bar_label(a, BL_ACT_FIT_NEXT), "Ranking");
    act(a, BL_ACT_FIT_IMPORTANT);
    assert_string_equal(a->status.text, "This question only checks the ways in: it has no weight");
    pick(a, 1);
    assert_int_equal(a->fit.ans.citizenship, 0);
}

static void test_crime_areas(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    act(a, BL_ACT_FIT);
    while (a->g->fit_questions[a->fit.q].kind != BL_FITQ_AREAS)
        act(a, BL_ACT_FIT_NEXT);
    size_t q = a->fit.q;
    assert_int_equal(bl_app_fit_rows(a, q), 3); /* two areas, then "no preference" */
    assert_int_equal(a->fit.cursor, 0);
    assert_string_equal(bl_app_bar_label(a, BL_ACT_FIT_TOGGLE), "Pick");
    act(a, BL_ACT_FIT_TOGGLE);
    act(a, BL_ACT_DOWN);
    act(a, BL_ACT_FIT_TOGGLE);
    assert_int_equal(a->fit.ans.n_areas, 2);
    assert_true(bl_app_fit_row_on(a, q, 0) && bl_app_fit_row_on(a, q, 1));
    char buf[64];
    assert_string_equal(bl_app_fit_answer_text(a, q, buf, sizeof buf), "2 picked");
    act(a, BL_ACT_FIT_TOGGLE); /* unpicks */
    assert_int_equal(a->fit.ans.n_areas, 1);
    assert_string_equal(bl_app_fit_answer_text(a, q, buf, sizeof buf), "Smuggling");
    act(a, BL_ACT_FIT_IMPORTANT);
    assert_true(a->fit.ans.areas_important);
    pick(a, 0); /* no preference: no picks, and so not important */
    assert_int_equal(a->fit.ans.n_areas, 0);
    assert_true(bl_app_fit_row_on(a, q, 2));
    assert_false(a->fit.ans.areas_important);
    assert_string_equal(a->status.text,
                        "No preference carries no weight: no longer marked important");
    act(a, BL_ACT_FIT_IMPORTANT);
    assert_false(a->fit.ans.areas_important);
    assert_string_equal(a->status.text, "Pick an area first: no preference cannot be important");
    /* unpicking the last pick is no preference too */
    pick(a, 2);
    act(a, BL_ACT_FIT_IMPORTANT);
    assert_true(a->fit.ans.areas_important);
    pick(a, 2);
    assert_int_equal(a->fit.ans.n_areas, 0);
    assert_false(a->fit.ans.areas_important);
}

/* ---- the ranking --------------------------------------------------------- */

static void test_all_no_preference_ties(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    act(a, BL_ACT_FIT);
    for (size_t q = 0; q < a->g->n_fit_questions; q++)
        act(a, BL_ACT_FIT_NEXT);
    assert_int_equal(a->fit.screen, BL_FITUI_RESULTS);
    assert_int_equal(a->fit.rank.n, 2);
    assert_int_equal(a->fit.rank.answered, 0);
    assert_true(a->fit.rank.all_tied);
    assert_int_equal(a->fit.rank.v[0].rank, 1);
    assert_int_equal(a->fit.rank.v[1].rank, 1);
    assert_string_equal(bl_app_bar_label(a, BL_ACT_FIT_EDIT), "Edit");
    assert_string_equal(bl_app_bar_label(a, BL_ACT_SAVE), "Save");
}

static size_t entry_of(const bl_guide *g, const char *id)
{
    for (size_t i = 0; i < g->n_entries; i++)
        if (strcmp(g->entries[i].id, id) == 0)
            return i;
    fail_msg("no entry %s", id);
    return 0;
}

/* Edit one answer from the ranking: it re-ranks at once, the selected
 * role stays selected.  Alone, desk_field "Field" (4) puts alpha (level 1)
 * first and "Desk" (0) beta (level 0). */
static void test_edit_reranks(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    size_t alpha = entry_of(a->g, "alpha"), beta = entry_of(a->g, "beta");
    act(a, BL_ACT_FIT);
    for (size_t q = 0; q < a->g->n_fit_questions; q++)
        act(a, BL_ACT_FIT_NEXT);
    assert_true(a->fit.rank.all_tied);
    if (a->fit.rank.v[0].role != beta)
        act(a, BL_ACT_DOWN);
    assert_int_equal(a->fit.rank.v[a->fit.sel].role, beta);
    /* e: which question; Enter: answer it; Enter: back to the ranking */
    act(a, BL_ACT_FIT_EDIT);
    assert_int_equal(a->fit.screen, BL_FITUI_PICK);
    assert_string_equal(bl_app_bar_label(a, BL_ACT_FIT_LEAVE), "Ranking");
    act(a, BL_ACT_FIT_NEXT);
    assert_int_equal(a->fit.screen, BL_FITUI_QUESTION);
    assert_int_equal(a->fit.q, 0);
    assert_true(a->fit.edit_one);
    assert_string_equal(bl_app_bar_label(a, BL_ACT_FIT_NEXT), "Ranking");
    pick(a, 5);
    act(a, BL_ACT_FIT_NEXT);
    assert_int_equal(a->fit.screen, BL_FITUI_RESULTS);
    assert_false(a->fit.rank.all_tied);
    assert_int_equal(a->fit.rank.v[0].role, alpha);
    assert_int_equal(a->fit.rank.v[a->fit.sel].role, beta); /* still selected */
    assert_int_equal(a->fit.sel, 1);
    /* again, Backspace back to the list, Esc back to the ranking */
    act(a, BL_ACT_FIT_EDIT);
    act(a, BL_ACT_FIT_NEXT);
    pick(a, 1);
    act(a, BL_ACT_FIT_PREV);
    assert_int_equal(a->fit.screen, BL_FITUI_PICK);
    act(a, BL_ACT_FIT_LEAVE);
    assert_int_equal(a->fit.screen, BL_FITUI_RESULTS);
    assert_int_equal(a->fit.rank.v[0].role, beta);
    assert_int_equal(a->fit.sel, 0);
}

static void test_open_role_and_back(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    act(a, BL_ACT_FIT);
    answer_all(a, 3);
    act(a, BL_ACT_END);
    size_t role = a->fit.rank.v[a->fit.sel].role;
    unsigned r = act(a, BL_ACT_OPEN);
    assert_true(r & BL_APP_ENTRY);
    assert_int_equal(a->fit.screen, BL_FITUI_OFF);
    assert_int_equal(a->sel, role);
    assert_int_equal(a->focus, BL_FOCUS_DETAIL);
    assert_string_equal(bl_app_bar_label(a, BL_ACT_BACK), "Back");
    act(a, BL_ACT_BACK);
    assert_int_equal(a->fit.screen, BL_FITUI_RESULTS);
    assert_int_equal(a->fit.rank.v[a->fit.sel].role, role);
    /* Esc leaves; f comes back to the ranking, the answers kept */
    act(a, BL_ACT_FIT_LEAVE);
    assert_int_equal(a->fit.screen, BL_FITUI_OFF);
    act(a, BL_ACT_FIT);
    assert_int_equal(a->fit.screen, BL_FITUI_RESULTS);
    assert_int_equal(a->fit.rank.answered, BL_FIT_COUNT);
}

/* ---- the mouse --------------------------------------------------------------- */

static unsigned with(bl_app *a, enum bl_action x, long n)
{
    return bl_app_apply(a, x, &(struct bl_app_arg){.n = n});
}

/* A click (FIT_CLICK, row arg.n) chooses an answer, picks or unpicks a
 * crime area, selects a question or a role and opens it when clicked
 * again; the wheel (MENU_STEP, SCROLL) moves and scrolls.  Rows out of
 * range do nothing. */
static void test_mouse(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    act(a, BL_ACT_FIT);
    assert_true(with(a, BL_ACT_FIT_CLICK, 2) & BL_APP_REDRAW);
    assert_int_equal(a->fit.ans.level[BL_FIT_DESK_FIELD], 2);
    assert_int_equal(a->fit.cursor, 2);
    assert_int_equal(with(a, BL_ACT_FIT_CLICK, 6), 0); /* past the last row */
    assert_int_equal(with(a, BL_ACT_FIT_CLICK, -1), 0);
    assert_int_equal(a->fit.ans.level[BL_FIT_DESK_FIELD], 2);
    with(a, BL_ACT_FIT_CLICK, 5); /* the last row: no preference */
    assert_int_equal(a->fit.ans.level[BL_FIT_DESK_FIELD], BL_FIT_NONE);
    with(a, BL_ACT_MENU_STEP, -1); /* the wheel: as Up */
    assert_int_equal(a->fit.ans.level[BL_FIT_DESK_FIELD], 4);
    /* the crime areas: a click picks, again unpicks; the last row clears */
    while (a->g->fit_questions[a->fit.q].kind != BL_FITQ_AREAS)
        act(a, BL_ACT_FIT_NEXT);
    with(a, BL_ACT_FIT_CLICK, 1);
    with(a, BL_ACT_FIT_CLICK, 0);
    assert_int_equal(a->fit.ans.n_areas, 2);
    with(a, BL_ACT_FIT_CLICK, 1);
    assert_int_equal(a->fit.ans.n_areas, 1);
    assert_int_equal(a->fit.ans.areas[0], 0);
    with(a, BL_ACT_FIT_CLICK, (long)a->g->n_crime_areas);
    assert_int_equal(a->fit.ans.n_areas, 0);
    while (a->fit.screen == BL_FITUI_QUESTION)
        act(a, BL_ACT_FIT_NEXT);
    /* the ranking: a click selects, again opens the role's page */
    assert_int_equal(a->fit.sel, 0);
    assert_int_equal(with(a, BL_ACT_FIT_CLICK, 2), 0);
    with(a, BL_ACT_FIT_CLICK, 1);
    assert_int_equal(a->fit.sel, 1);
    assert_int_equal(a->fit.screen, BL_FITUI_RESULTS);
    with(a, BL_ACT_MENU_STEP, -1);
    assert_int_equal(a->fit.sel, 0);
    with(a, BL_ACT_MENU_STEP, 1);
    assert_int_equal(a->fit.sel, 1);
    assert_true(a->fit.n_lines > 3);
    with(a, BL_ACT_SCROLL, 3);
    assert_int_equal(a->fit.top, 3);
    with(a, BL_ACT_SCROLL, -10);
    assert_int_equal(a->fit.top, 0);
    size_t role = a->fit.rank.v[1].role;
    assert_true(with(a, BL_ACT_FIT_CLICK, 1) & BL_APP_ENTRY);
    assert_int_equal(a->fit.screen, BL_FITUI_OFF);
    assert_int_equal(a->sel, role);
    act(a, BL_ACT_BACK);
    assert_int_equal(a->fit.screen, BL_FITUI_RESULTS);
    /* the questions to edit: a click selects one, again answers it */
    act(a, BL_ACT_FIT_EDIT);
    with(a, BL_ACT_FIT_CLICK, 3);
    assert_int_equal(a->fit.pick, 3);
    assert_int_equal(a->fit.screen, BL_FITUI_PICK);
    assert_int_equal(with(a, BL_ACT_FIT_CLICK, (long)a->g->n_fit_questions), 0);
    with(a, BL_ACT_MENU_STEP, 1);
    assert_int_equal(a->fit.pick, 4);
    with(a, BL_ACT_FIT_CLICK, 4);
    assert_int_equal(a->fit.screen, BL_FITUI_QUESTION);
    assert_int_equal(a->fit.q, 4);
    assert_true(a->fit.edit_one);
}

/* ---- what the help lists ------------------------------------------------------- */

struct snap {
    bl_app_fit fit;
    size_t sel;
    enum bl_focus focus;
    const struct bl_prompt_kind *prompt;
};

static struct snap snap_of(const bl_app *a)
{
    return (struct snap){.fit = a->fit, .sel = a->sel, .focus = a->focus, .prompt = a->prompt.kind};
}

/* Every action the help could list (with a help line, or sharing one)
 * that bl_app_fit_offers() leaves out changes nothing on that screen:
 * the help in the fit finder hides no key that works there. */
static void check_not_offered(bl_app *a, const char *where)
{
    for (int x = 1; x < BL_ACT_COUNT; x++) {
        const struct bl_action_info *info = bl_action_info((enum bl_action)x);
        int listed = info->help != NULL;
        for (int y = 1; y < BL_ACT_COUNT && !listed; y++)
            listed = bl_action_info((enum bl_action)y)->pair == (enum bl_action)x;
        if (!listed || bl_app_fit_offers(a, (enum bl_action)x))
            continue;
        struct snap before = snap_of(a);
        unsigned r = with(a, (enum bl_action)x, 1);
        struct snap after = snap_of(a);
        if (r & (BL_APP_QUIT | BL_APP_HELP | BL_APP_ENTRY) ||
            after.fit.screen != before.fit.screen || after.fit.q != before.fit.q ||
            after.fit.cursor != before.fit.cursor || after.fit.sel != before.fit.sel ||
            after.fit.pick != before.fit.pick || after.fit.top != before.fit.top ||
            after.fit.edit_one != before.fit.edit_one ||
            memcmp(&after.fit.ans, &before.fit.ans, sizeof after.fit.ans) != 0 ||
            after.sel != before.sel || after.focus != before.focus || after.prompt != before.prompt)
            fail_msg("%s: action %d is not in the help but did something", where, x);
    }
}

static void test_offers(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    assert_false(bl_app_fit_offers(a, BL_ACT_HELP)); /* not shown */
    act(a, BL_ACT_FIT);
    pick(a, 2);
    assert_true(bl_app_fit_offers(a, BL_ACT_FIT_PICK));
    assert_true(bl_app_fit_offers(a, BL_ACT_QUIT));
    assert_true(bl_app_fit_offers(a, BL_ACT_CLICK));
    assert_false(bl_app_fit_offers(a, BL_ACT_SEARCH));
    assert_false(bl_app_fit_offers(a, BL_ACT_FIT_SAVE));
    check_not_offered(a, "a question");
    while (a->g->fit_questions[a->fit.q].kind != BL_FITQ_AREAS)
        act(a, BL_ACT_FIT_NEXT);
    check_not_offered(a, "the crime areas");
    while (a->fit.screen == BL_FITUI_QUESTION)
        act(a, BL_ACT_FIT_NEXT);
    assert_true(bl_app_fit_offers(a, BL_ACT_FIT_SAVE));
    assert_true(bl_app_fit_offers(a, BL_ACT_OPEN));
    assert_false(bl_app_fit_offers(a, BL_ACT_FIT_IMPORTANT));
    assert_false(bl_app_fit_offers(a, BL_ACT_BACK));
    check_not_offered(a, "the ranking");
    act(a, BL_ACT_FIT_EDIT);
    assert_false(bl_app_fit_offers(a, BL_ACT_FIT_PICK));
    assert_true(bl_app_fit_offers(a, BL_ACT_FIT_PREV));
    check_not_offered(a, "the questions to edit");
}

/* ---- kept between runs ------------------------------------------------------ */

static void test_kept_between_runs(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    assert_int_equal(bl_app_open_state(a, 0), 0);
    act(a, BL_ACT_FIT);
    assert_null(answers_file(f));
    pick(a, 2); /* written as soon as it changes */
    char *file = answers_file(f);
    assert_non_null(file);
    assert_non_null(strstr(file, BL_FIT_STATE_HEADER));
    assert_non_null(strstr(file, "desk_field=1"));
    act(a, BL_ACT_FIT_NEXT);
    pick(a, 3);
    act(a, BL_ACT_FIT_IMPORTANT); /* written at once */
    assert_non_null(strstr(answers_file(f), "travel=2!"));
    /* no preference: the mark goes too, on screen and in the file alike */
    pick(a, 0);
    assert_false(bl_app_fit_important(a, a->fit.q));
    assert_non_null(strstr(answers_file(f), "travel=none\n"));
    pick(a, 3);
    act(a, BL_ACT_FIT_IMPORTANT);
    assert_non_null(strstr(answers_file(f), "travel=2!"));
    /* Esc keeps what was answered; a new run starts on the ranking */
    act(a, BL_ACT_FIT_LEAVE);
    bl_app b;
    assert_int_equal(bl_app_init(&b, f->g, 0), 0);
    resize(&b, 60);
    assert_int_equal(bl_app_open_state(&b, 0), 0);
    assert_int_equal(b.fit.ans.level[BL_FIT_DESK_FIELD], 1);
    assert_true(b.fit.ans.important[BL_FIT_TRAVEL]);
    act(&b, BL_ACT_FIT);
    assert_int_equal(b.fit.screen, BL_FITUI_RESULTS);
    /* x, y: cleared, the file gone, the questions from the start */
    act(&b, BL_ACT_FIT_CLEAR);
    assert_non_null(b.prompt.kind);
    assert_true(b.prompt.kind->question);
    act(&b, BL_ACT_YES);
    assert_null(b.prompt.kind);
    assert_int_equal(b.fit.screen, BL_FITUI_QUESTION);
    assert_int_equal(b.fit.q, 0);
    assert_int_equal(b.fit.ans.level[BL_FIT_DESK_FIELD], BL_FIT_NONE);
    assert_null(answers_file(f));
    assert_string_equal(b.status.text, "Answers cleared: the questions start again");
    bl_app_done(&b);
}

static void test_clear_no_keeps(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    act(a, BL_ACT_FIT);
    answer_all(a, 2);
    act(a, BL_ACT_FIT_CLEAR);
    bl_app_apply(a, BL_ACT_NONE, NULL); /* any key but y */
    assert_null(a->prompt.kind);
    assert_string_equal(a->status.text, "Answers kept");
    assert_int_equal(a->fit.ans.level[BL_FIT_DESK_FIELD], 1);
    assert_int_equal(a->fit.screen, BL_FITUI_RESULTS);
}

static void test_private_writes_nothing(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    char p[PATH_MAX + 32];
    snprintf(p, sizeof p, "%s/borderless", f->state);
    assert_int_equal(bl_userstate_mkdirs_for(p), 0);
    assert_int_equal(mkdir(p, 0700), 0);
    snprintf(p, sizeof p, "%s/borderless/" BL_FIT_STATE_FILE, f->state);
    FILE *fp = fopen(p, "w");
    assert_non_null(fp);
    fputs(BL_FIT_STATE_HEADER "\ndesk_field=4\n", fp);
    assert_int_equal(fclose(fp), 0);
    bl_app_open_state(a, BL_USERSTATE_PRIVATE);
    assert_int_equal(a->fit.ans.level[BL_FIT_DESK_FIELD], BL_FIT_NONE); /* not read */
    act(a, BL_ACT_FIT);
    answer_all(a, 1);
    act(a, BL_ACT_FIT_LEAVE);
    assert_string_equal(a->status.text,
                        "Answers kept until you quit: f opens the fit finder again");
    assert_string_equal(answers_file(f), BL_FIT_STATE_HEADER "\ndesk_field=4\n"); /* not written */
}

/* ---- the report and the explanation ---------------------------------------- */

static void test_save_report(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    act(a, BL_ACT_FIT);
    answer_all(a, 3);
    const char *exts[] = {"txt", "md"};
    for (int i = 0; i < 2; i++) {
        act(a, BL_ACT_SAVE);
        assert_non_null(a->prompt.kind);
        assert_string_equal(a->prompt.kind->label, "Save report (.md: Markdown) to: ");
        assert_string_equal(bl_lineedit_text(&a->save_path), "./fit-report.txt");
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/report.%s", f->dir, exts[i]);
        bl_lineedit_set(&a->save_path, path, strlen(path));
        act(a, BL_ACT_ACCEPT);
        assert_null(a->prompt.kind);
        assert_string_equal(a->status.text, "Saved ");
        assert_string_equal(a->status.path, path);
        char *want = NULL;
        size_t len = 0;
        assert_int_equal(bl_fit_report_render(a->g, &a->fit.ans,
                                              i ? BL_SUMMARY_MARKDOWN : BL_SUMMARY_TEXT, 0, &want,
                                              &len),
                         0);
        FILE *fp = fopen(path, "r");
        assert_non_null(fp);
        char *got = calloc(1, len + 2);
        assert_non_null(got);
        assert_int_equal(fread(got, 1, len + 1, fp), len);
        fclose(fp);
        assert_memory_equal(got, want, len);
        free(got);
        free(want);
        assert_int_equal(a->fit.screen, BL_FITUI_RESULTS);
    }
    /* the same name again: asked, and n keeps the file */
    act(a, BL_ACT_SAVE);
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/report.txt", f->dir);
    bl_lineedit_set(&a->save_path, path, strlen(path));
    act(a, BL_ACT_ACCEPT);
    assert_non_null(a->prompt.kind);
    assert_true(a->prompt.kind->question);
    act(a, BL_ACT_NONE);
    assert_string_equal(a->status.text, "Kept ");
    /* p on a question says where it saves from */
    act(a, BL_ACT_FIT_EDIT);
    act(a, BL_ACT_SAVE);
    assert_null(a->prompt.kind);
    assert_string_equal(a->status.text, "p saves the report from the ranking");
}

static int has_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (; *s; s++)
        if (strncasecmp(s, w, n) == 0)
            return 1;
    return 0;
}

static void check_lines(const bl_app *a, int width)
{
    assert_true(a->fit.n_lines > 0);
    for (size_t i = 0; i < a->fit.n_lines; i++) {
        const char *t = a->fit.lines[i].text;
        if (!strstr(t, "://"))
            assert_true(bl_text_width(t, strlen(t)) <= width - 2);
        assert_false(has_word(t, "eligible"));
        assert_false(has_word(t, "qualified"));
        assert_false(has_word(t, "you will"));
    }
}

static void test_explanation(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    act(a, BL_ACT_FIT);
    answer_all(a, 5);
    check_lines(a, 60);
    int head = 0, matched = 0, held = 0, ways = 0, change = 0, sources = 0;
    for (size_t i = 0; i < a->fit.n_lines; i++) {
        const char *t = a->fit.lines[i].text;
        head += a->fit.lines[i].kind == BL_FITUI_HEAD;
        matched += strcmp(t, "Matched because:") == 0;
        held += strcmp(t, "Held back by:") == 0;
        ways += strncmp(t, "Ways in", 7) == 0;
        change += strcmp(t, "What would change:") == 0;
        sources += strcmp(t, "Sources:") == 0;
    }
    assert_int_equal(head, 1);
    assert_int_equal(matched + held + ways + change + sources, 5);
    /* narrower: wrapped again, never wider */
    resize(a, 30);
    check_lines(a, 30);
    act(a, BL_ACT_DOWN);
    check_lines(a, 30);
    /* PgDn scrolls it, never past its last line */
    bl_app_apply(a, BL_ACT_PAGE_DOWN, &(struct bl_app_arg){.n = 1000});
    assert_int_equal(a->fit.top, a->fit.n_lines - 1);
    bl_app_apply(a, BL_ACT_PAGE_UP, &(struct bl_app_arg){.n = 1000});
    assert_int_equal(a->fit.top, 0);
    /* every status the fit finder says is no verdict either */
    assert_false(has_word(a->status.text, "eligible"));
}

static void test_no_questions(void **state)
{
    (void)state;
    bl_guide g = {.title = "Empty"};
    bl_app a;
    assert_int_equal(bl_app_init(&a, &g, 0), 0);
    act(&a, BL_ACT_FIT);
    assert_int_equal(a.fit.screen, BL_FITUI_OFF);
    assert_string_equal(a.status.text, "This guide has no fit finder questions");
    assert_null(bl_app_bar_label(&a, BL_ACT_FIT));
    bl_app_done(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ranked_when_opened, setup, teardown),
        cmocka_unit_test_setup_teardown(test_first_question, setup, teardown),
        cmocka_unit_test_setup_teardown(test_arrows_numbers_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_important, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crime_areas, setup, teardown),
        cmocka_unit_test_setup_teardown(test_all_no_preference_ties, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edit_reranks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_role_and_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mouse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_offers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kept_between_runs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clear_no_keeps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_private_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_explanation, setup, teardown),
        cmocka_unit_test(test_no_questions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
