/* test_app.c — the application state of the full-screen guide: actions in,
 * state out, with no curses.  Whole flows (search, open, n, Esc; save,
 * "exists", y) are tested here on the fixture guide. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/app.h"
#include "borderless/diag.h"
#include "borderless/loader.h"
#include "borderless/layout.h"
#include "borderless/marks.h"
#include "borderless/search.h"
#include "tui_fixtures/fixture_guide.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct fixture {
    bl_guide *g;
    bl_app app;
};

static void resize(bl_app *n, int width, int rows)
{
    bl_app_apply(n, BL_ACT_RESIZE, &(struct bl_app_arg){.width = width, .rows = rows, .list = 8});
}

static int setup(void **state)
{
    static struct fixture f;
    memset(&f, 0, sizeof f);
    f.g = fixture_guide();
    if (!f.g || bl_app_init(&f.app, f.g, 0) != 0)
        return -1;
    resize(&f.app, 40, 10);
    bl_app_apply(&f.app, BL_ACT_NONE, NULL); /* the welcome: test_first_time_welcome */
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    bl_app_done(&f->app);
    bl_guide_free(f->g);
    return 0;
}

static unsigned act(bl_app *n, enum bl_action a)
{
    return bl_app_apply(n, a, NULL);
}

static void apply(bl_app *n, const enum bl_action *acts, size_t count)
{
    for (size_t i = 0; i < count; i++)
        act(n, acts[i]);
}

#define APPLY(n, ...)                                                                              \
    do {                                                                                           \
        const enum bl_action acts_[] = {__VA_ARGS__};                                              \
        apply((n), acts_, sizeof acts_ / sizeof acts_[0]);                                         \
    } while (0)

/* Types q into the open prompt (replacing its text). */
static unsigned type(bl_app *n, const char *q)
{
    unsigned r = act(n, BL_ACT_EDIT_KILL_START) | act(n, BL_ACT_EDIT_KILL_END);
    for (const char *p = q; *p; p++)
        r |= bl_app_apply(n, BL_ACT_INSERT, &(struct bl_app_arg){.cp = (unsigned char)*p});
    return r;
}

/* "/" and the query typed: the results replace the menu. */
static const bl_search_results *search(bl_app *n, const char *q)
{
    if (!n->prompt.kind)
        act(n, BL_ACT_SEARCH);
    type(n, q);
    return n->search.res;
}

static int msg(const bl_app *n)
{
    return n->status.kind != BL_STATUS_NONE;
}

static void test_initial_state(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(f->app.sel, 0);
    assert_int_equal(f->app.focus, BL_FOCUS_MENU);
    assert_int_equal(f->app.top, 0);
    assert_int_equal(f->app.link, -1);
    assert_non_null(f->app.lay);
    assert_int_equal(f->app.lay->width, 40);
}

static void test_menu_moves(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    assert_int_equal(act(n, BL_ACT_UP), 0); /* already at the top */
    assert_int_equal(n->sel, 0);
    unsigned r = act(n, BL_ACT_DOWN);
    assert_true(r & BL_APP_REDRAW);
    assert_true(r & BL_APP_ENTRY);
    APPLY(n, BL_ACT_DOWN);
    assert_int_equal(n->sel, 2);
    /* The detail pane follows: the layout is that of the selection. */
    assert_string_equal(n->lay->lines[0].text, "Gamma Analyst");
    APPLY(n, BL_ACT_END);
    assert_int_equal(n->sel, 4);
    assert_int_equal(act(n, BL_ACT_DOWN), 0);
    APPLY(n, BL_ACT_HOME);
    assert_int_equal(n->sel, 0);
    APPLY(n, BL_ACT_PAGE_DOWN);
    assert_int_equal(n->sel, 4); /* a page of 19 entries, clamped */
    APPLY(n, BL_ACT_PAGE_UP);
    assert_int_equal(n->sel, 0);
    /* Detail-only actions do nothing in the menu. */
    assert_int_equal(act(n, BL_ACT_NEXT_LINK), 0);
    assert_int_equal(act(n, BL_ACT_NEXT_HEADING), 0);
    assert_int_equal(n->focus, BL_FOCUS_MENU);
}

static void test_focus_and_scroll(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    APPLY(n, BL_ACT_DOWN, BL_ACT_DOWN, BL_ACT_OPEN); /* gamma: long */
    assert_int_equal(n->focus, BL_FOCUS_DETAIL);
    assert_int_equal(n->sel, 2);
    size_t max = bl_app_max_top(n);
    assert_true(max > 10);
    APPLY(n, BL_ACT_DOWN, BL_ACT_DOWN);
    assert_int_equal(n->top, 2);
    assert_int_equal(n->sel, 2); /* scrolling leaves the selection alone */
    APPLY(n, BL_ACT_UP);
    assert_int_equal(n->top, 1);
    APPLY(n, BL_ACT_PAGE_DOWN);
    assert_int_equal(n->top, 10); /* 1 + a page of 9 */
    APPLY(n, BL_ACT_END);
    assert_int_equal(n->top, max);
    assert_int_equal(act(n, BL_ACT_DOWN), 0);
    assert_int_equal(n->top, max);
    APPLY(n, BL_ACT_PAGE_UP);
    assert_int_equal(n->top, max - 9);
    APPLY(n, BL_ACT_HOME);
    assert_int_equal(n->top, 0);
    APPLY(n, BL_ACT_CLOSE);
    assert_int_equal(n->focus, BL_FOCUS_MENU);
    /* Moving the selection starts the next entry at its top. */
    APPLY(n, BL_ACT_OPEN, BL_ACT_END, BL_ACT_CLOSE, BL_ACT_UP);
    assert_int_equal(n->sel, 1);
    assert_int_equal(n->top, 0);
}

static void test_headings(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    resize(n, 40, 6);
    APPLY(n, BL_ACT_DOWN, BL_ACT_DOWN, BL_ACT_OPEN); /* gamma */
    const bl_layout *l = n->lay;
    assert_int_equal(l->n_headings, 4);
    APPLY(n, BL_ACT_NEXT_HEADING);
    assert_int_equal(n->top, l->headings[0]);
    APPLY(n, BL_ACT_NEXT_HEADING);
    assert_int_equal(n->top, l->headings[1]);
    APPLY(n, BL_ACT_NEXT_HEADING);
    assert_int_equal(n->top, l->headings[2]);
    APPLY(n, BL_ACT_PREV_HEADING);
    assert_int_equal(n->top, l->headings[1]);
    APPLY(n, BL_ACT_PREV_HEADING, BL_ACT_PREV_HEADING);
    assert_int_equal(n->top, 0); /* back to the title */
    assert_false(msg(n));
    act(n, BL_ACT_PREV_HEADING);
    assert_true(msg(n));
    /* Near the end the last heading cannot reach the top: clamped. */
    APPLY(n, BL_ACT_END);
    act(n, BL_ACT_NEXT_HEADING);
    assert_int_equal(n->top, bl_app_max_top(n));
    assert_true(msg(n));
}

static void test_links_and_history(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    APPLY(n, BL_ACT_OPEN); /* alpha: links to beta and gamma */
    act(n, BL_ACT_FOLLOW);
    assert_true(msg(n)); /* no link chosen yet */
    assert_int_equal(n->sel, 0);

    APPLY(n, BL_ACT_NEXT_LINK);
    assert_int_equal(n->link, 0);
    size_t line = n->lay->links[0];
    assert_true(line >= n->top && line < n->top + 10); /* scrolled into view */
    APPLY(n, BL_ACT_NEXT_LINK);
    assert_int_equal(n->link, 1);
    APPLY(n, BL_ACT_NEXT_LINK);
    assert_int_equal(n->link, 0); /* wraps */
    APPLY(n, BL_ACT_PREV_LINK);
    assert_int_equal(n->link, 1);
    size_t top_before = n->top;

    unsigned r = act(n, BL_ACT_FOLLOW);
    assert_true(r & BL_APP_ENTRY);
    assert_int_equal(n->sel, 2); /* gamma */
    assert_int_equal(n->focus, BL_FOCUS_DETAIL);
    assert_int_equal(n->top, 0);
    assert_int_equal(n->link, -1);
    assert_int_equal(n->n_hist, 1);
    /* gamma has no links */
    act(n, BL_ACT_NEXT_LINK);
    assert_true(msg(n));
    assert_int_equal(n->link, -1);

    r = act(n, BL_ACT_BACK);
    assert_true(r & BL_APP_ENTRY);
    assert_int_equal(n->sel, 0);
    assert_int_equal(n->top, top_before);
    assert_int_equal(n->link, 1);
    assert_int_equal(n->n_hist, 0);
    act(n, BL_ACT_BACK);
    assert_true(msg(n));
    assert_int_equal(n->sel, 0);

    /* Two hops and back twice; Backspace works from the menu too. */
    APPLY(n, BL_ACT_HOME, BL_ACT_NEXT_LINK, BL_ACT_FOLLOW); /* -> beta */
    assert_int_equal(n->sel, 1);
    APPLY(n, BL_ACT_NEXT_LINK, BL_ACT_FOLLOW); /* beta -> alpha */
    assert_int_equal(n->sel, 0);
    APPLY(n, BL_ACT_CLOSE, BL_ACT_BACK);
    assert_int_equal(n->sel, 1);
    APPLY(n, BL_ACT_BACK);
    assert_int_equal(n->sel, 0);
}

static void test_link_starts_from_view(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    resize(n, 40, 4);
    APPLY(n, BL_ACT_OPEN, BL_ACT_END);
    /* From the end, Shift-Tab takes the last link above the bottom. */
    APPLY(n, BL_ACT_PREV_LINK);
    assert_int_equal(n->link, 1);
    /* Scrolling the focused link out of view drops the focus. */
    APPLY(n, BL_ACT_HOME);
    assert_int_equal(n->link, -1);
}

static void test_history_bounded(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    APPLY(n, BL_ACT_OPEN);
    for (int i = 0; i < BL_APP_HISTORY + 10; i++)
        APPLY(n, BL_ACT_HOME, BL_ACT_NEXT_LINK, BL_ACT_FOLLOW); /* alpha <-> beta */
    assert_int_equal(n->n_hist, BL_APP_HISTORY);
    for (int i = 0; i < BL_APP_HISTORY; i++)
        APPLY(n, BL_ACT_BACK);
    assert_int_equal(n->n_hist, 0);
    act(n, BL_ACT_BACK);
    assert_true(msg(n));
}

static void test_narrow(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    resize(n, 30, 10);
    APPLY(n, BL_ACT_DOWN, BL_ACT_OPEN);
    assert_int_equal(n->focus, BL_FOCUS_DETAIL);
    assert_int_equal(n->lay->width, 30);
    APPLY(n, BL_ACT_CLOSE);
    assert_int_equal(n->focus, BL_FOCUS_MENU);
    assert_int_equal(n->sel, 1);
}

static void test_resize_keeps_place(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    APPLY(n, BL_ACT_DOWN, BL_ACT_DOWN, BL_ACT_OPEN, BL_ACT_NEXT_HEADING, BL_ACT_NEXT_HEADING,
          BL_ACT_DOWN, BL_ACT_DOWN);
    const bl_line *ln = &n->lay->lines[n->top];
    int part = ln->part;
    size_t item = ln->item;
    resize(n, 12, 5); /* narrower and shorter */
    assert_int_equal(n->sel, 2);
    assert_int_equal(n->focus, BL_FOCUS_DETAIL);
    assert_int_equal(n->lay->width, 12);
    assert_int_equal(n->lay->lines[n->top].part, part);
    assert_int_equal(n->lay->lines[n->top].item, item);
    resize(n, 40, 10); /* and back */
    assert_int_equal(n->lay->lines[n->top].part, part);
    assert_int_equal(n->lay->lines[n->top].item, item);
    /* Tiny and zero sizes are fine. */
    resize(n, 0, 0);
    APPLY(n, BL_ACT_DOWN, BL_ACT_PAGE_DOWN, BL_ACT_END, BL_ACT_NEXT_HEADING, BL_ACT_CLOSE,
          BL_ACT_PAGE_DOWN);
    assert_true(n->top <= bl_app_max_top(n));
}

static bl_search_results *query(const bl_search_index *ix, const char *q)
{
    bl_search_results *r = bl_search_run(ix, q, strlen(q), 0);
    assert_non_null(r);
    return r;
}

static void test_marks_on_lines(void **state)
{
    struct fixture *f = *state;
    const bl_guide *g = f->g;
    bl_search_index *ix = bl_search_index_build(g);
    for (int ascii = 0; ascii <= 1; ascii++) {
        /* A text match in the second paragraph: found by bytes, though
         * the line's item is the paragraph number. */
        bl_search_results *r = query(ix, "paragraph");
        assert_int_equal(r->n_hits, 1);
        assert_int_equal(bl_search_detail(ix, r, 0), 0);
        const bl_entry *e = &g->entries[r->hits[0].entry];
        bl_layout *l = bl_layout_entry_ex(g, e, 30, ascii ? BL_LAYOUT_ASCII : 0);
        const bl_search_match *m = NULL;
        for (size_t k = 0; k < r->hits[0].n_matches; k++)
            if (r->hits[0].matches[k].part == BL_FIELD_SUMMARY)
                m = &r->hits[0].matches[k];
        assert_non_null(m);
        long line = bl_marks_line_of(l, e, m);
        assert_true(line > 0);
        assert_int_equal(l->lines[line].item, 1);
        int col, cols;
        assert_true(bl_marks_on_line(e, &l->lines[line], m, &col, &cols));
        assert_int_equal(cols, 9);
        assert_memory_equal(l->lines[line].text + col, "paragraph", 9);
        bl_layout_free(l);
        bl_search_results_free(r);

        /* After a wide character and an accent: columns, not bytes. */
        r = query(ix, "liaison");
        size_t beta = 1;
        size_t i = 0;
        while (i < r->n_hits && r->hits[i].entry != beta)
            i++;
        assert_true(i < r->n_hits);
        bl_search_detail(ix, r, i);
        e = &g->entries[beta];
        l = bl_layout_entry_ex(g, e, 40, ascii ? BL_LAYOUT_ASCII : 0);
        int found_title = 0, found_text = 0;
        for (size_t k = 0; k < r->hits[i].n_matches; k++) {
            m = &r->hits[i].matches[k];
            line = bl_marks_line_of(l, e, m);
            assert_true(line >= 0);
            assert_true(bl_marks_on_line(e, &l->lines[line], m, &col, &cols));
            assert_int_equal(cols, 7);
            if (m->part == BL_PART_TITLE) {
                found_title = 1;
                assert_int_equal(col, 5); /* "Beta " */
            } else {
                found_text = 1;
                assert_int_equal(col, 10); /* "Beta café " */
            }
        }
        assert_true(found_title && found_text);
        /* A decoration line shows no match. */
        assert_null(bl_marks_source(e, &l->lines[l->headings[0]]));
        bl_layout_free(l);
        bl_search_results_free(r);
    }
    /* A list item: the indent counts. */
    bl_search_results *r = query(ix, "patience");
    assert_int_equal(bl_search_detail(ix, r, 0), 0);
    const bl_entry *e = &g->entries[0];
    bl_layout *l = bl_layout_entry(g, e, 40);
    long line = bl_marks_line_of(l, e, &r->hits[0].matches[0]);
    assert_true(line >= 0);
    assert_int_equal(l->lines[line].style, BL_LINE_ITEM);
    int col, cols;
    bl_marks_on_line(e, &l->lines[line], &r->hits[0].matches[0], &col, &cols);
    assert_int_equal(col, l->lines[line].indent);
    assert_int_equal(cols, 8);
    /* The same match on another item's line does not show. */
    bl_search_match other = r->hits[0].matches[0];
    other.item = 0;
    assert_false(bl_marks_on_line(e, &l->lines[line], &other, &col, &cols));
    bl_layout_free(l);
    bl_search_results_free(r);
    bl_search_index_free(ix);
}

/* ---- mouse, as the views turn it into actions ---------------------- */

static unsigned with(bl_app *n, enum bl_action a, long v)
{
    return bl_app_apply(n, a, &(struct bl_app_arg){.n = v});
}

static void test_mouse(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    unsigned r = with(n, BL_ACT_SELECT_ENTRY, 1);
    assert_true(r & BL_APP_ENTRY);
    assert_int_equal(n->sel, 1);
    assert_int_equal(n->focus, BL_FOCUS_MENU);
    /* A second click opens. */
    with(n, BL_ACT_SELECT_ENTRY, 1);
    assert_int_equal(n->focus, BL_FOCUS_DETAIL);
    /* A click on a link follows it. */
    r = with(n, BL_ACT_CLICK_LINE, (long)n->lay->links[0]);
    assert_true(r & BL_APP_ENTRY);
    assert_int_equal(n->sel, 0);
    assert_int_equal(n->n_hist, 1);
    /* The wheel scrolls the entry, and moves the menu selection. */
    with(n, BL_ACT_SCROLL, 3);
    assert_int_equal(n->top, 3);
    with(n, BL_ACT_SCROLL, -10);
    assert_int_equal(n->top, 0);
    with(n, BL_ACT_MENU_STEP, 1);
    assert_int_equal(n->sel, 1);
    assert_int_equal(with(n, BL_ACT_SELECT_ENTRY, -1), 0);
    assert_int_equal(with(n, BL_ACT_SELECT_ENTRY, 1000), 0);
    assert_int_equal(with(n, BL_ACT_SELECT_HIT, 0), 0); /* no search */
}

static void test_empty_guide(void **state)
{
    (void)state;
    bl_guide g = {.title = "empty"};
    bl_app n;
    assert_int_equal(bl_app_init(&n, &g, 0), 0);
    resize(&n, 40, 10);
    for (int a = BL_ACT_UP; a < BL_ACT_COUNT; a++) {
        if (a == BL_ACT_RESIZE || a == BL_ACT_SEARCH || a == BL_ACT_SAVE)
            continue;
        assert_int_equal(bl_app_apply(&n, (enum bl_action)a, NULL) & BL_APP_ENTRY, 0);
    }
    assert_int_equal(bl_app_lines(&n), 0);
    assert_false(bl_app_entry_shown(&n));
    bl_app_done(&n);
}

/* ---- search ----------------------------------------------------------- */

/* The line of the current match is on screen. */
static void assert_match_visible(const bl_app *n)
{
    assert_true(n->search.match >= 0);
    long line =
        bl_marks_line_of(n->lay, &n->g->entries[n->sel], &n->search.matches[n->search.match]);
    assert_true(line >= 0);
    assert_true((size_t)line >= n->top);
    assert_true((size_t)line < n->top + (size_t)n->rows);
}

static void test_results_replace_menu(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    act(n, BL_ACT_SEARCH);
    assert_false(n->search.open); /* nothing typed yet: the menu stays */
    const bl_search_results *r = search(n, "liaison");
    assert_non_null(r);
    assert_true(r->n_hits >= 2);
    assert_int_equal(n->search.open, 1);
    assert_int_equal(n->focus, BL_FOCUS_MENU);
    assert_int_equal(n->search.hit, 0);
    /* The first hit's entry, with its matches, the first one current. */
    assert_int_equal(n->sel, r->hits[0].entry);
    assert_int_equal(r->hits[0].detailed, 1);
    assert_ptr_equal(n->search.matches, r->hits[0].matches);
    assert_match_visible(n);
    /* Ctrl-N and Ctrl-P move over the hits while the prompt is open. */
    assert_true(act(n, BL_ACT_RESULT_NEXT) & BL_APP_ENTRY);
    assert_int_equal(n->search.hit, 1);
    assert_int_equal(n->sel, r->hits[1].entry);
    act(n, BL_ACT_RESULT_PREV);
    assert_int_equal(n->search.hit, 0);
    /* Enter: the prompt closes, the hit is read. */
    act(n, BL_ACT_ACCEPT);
    assert_null(n->prompt.kind);
    assert_int_equal(n->focus, BL_FOCUS_DETAIL);
    /* Esc: back to the results; the menu keys move over the hits. */
    act(n, BL_ACT_CLOSE);
    assert_int_equal(n->focus, BL_FOCUS_MENU);
    assert_int_equal(n->search.open, 1);
    assert_true(act(n, BL_ACT_DOWN) & BL_APP_ENTRY);
    assert_int_equal(n->search.hit, 1);
    act(n, BL_ACT_END);
    assert_int_equal(n->search.hit, r->n_hits - 1);
    assert_int_equal(act(n, BL_ACT_DOWN), 0);
    act(n, BL_ACT_HOME);
    assert_int_equal(n->search.hit, 0);
    /* A new query replaces the results. */
    act(n, BL_ACT_SEARCH);
    r = search(n, "languages");
    assert_int_equal(n->sel, 0); /* alpha */
    assert_ptr_equal(n->search.matches, r->hits[0].matches);
    act(n, BL_ACT_CANCEL);
    assert_int_equal(n->search.open, 0);
    assert_null(n->search.res);
    assert_null(n->search.matches);
}

/* search -> open -> n -> Esc -> Esc */
static void test_search_open_n_esc(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    resize(n, 40, 6);
    APPLY(n, BL_ACT_DOWN);
    /* "Seven" is item 6 of gamma's skills and of its threats. */
    const bl_search_results *r = search(n, "seven");
    assert_int_equal(r->n_hits, 1);
    assert_int_equal(n->sel, 2);
    assert_int_equal(n->search.n_matches, 2);
    size_t cur = 99;
    assert_int_equal(bl_app_matches_shown(n, &cur), 2);
    assert_int_equal(cur, 1);
    assert_true(n->top > 0); /* scrolled to the first match, far down */
    assert_match_visible(n);
    size_t top1 = n->top;
    act(n, BL_ACT_ACCEPT);
    assert_int_equal(n->focus, BL_FOCUS_DETAIL);
    act(n, BL_ACT_NEXT_MATCH);
    assert_int_equal(n->search.match, 1);
    assert_string_equal(n->status.text, "match 2/2");
    assert_match_visible(n);
    assert_true(n->top > top1);
    act(n, BL_ACT_NEXT_MATCH);
    assert_string_equal(n->status.text, "match 1/2");
    act(n, BL_ACT_PREV_MATCH);
    assert_string_equal(n->status.text, "match 2/2");
    /* A resize keeps the matches (they are source bytes, not lines). */
    resize(n, 15, 6);
    assert_int_equal(bl_app_matches_shown(n, &cur), 2);
    assert_int_equal(cur, 2);
    /* Esc: the results; Esc again: the menu and the place it began. */
    act(n, BL_ACT_CLOSE);
    assert_int_equal(n->focus, BL_FOCUS_MENU);
    assert_int_equal(bl_app_bar_label(n, BL_ACT_END_SEARCH) != NULL, 1);
    act(n, BL_ACT_END_SEARCH);
    assert_int_equal(n->search.open, 0);
    assert_int_equal(n->sel, 1);
    assert_int_equal(n->search.n_matches, 0);
    /* n with the search closed: the last search again (less). */
    act(n, BL_ACT_NEXT_MATCH);
    assert_int_equal(n->search.open, 1);
    assert_int_equal(n->sel, 2);
    assert_int_equal(n->focus, BL_FOCUS_DETAIL);
    assert_string_equal(n->status.text, "match 1/2");
    /* "Esc Results" in the entry opened from the search, "Esc Menu" else. */
    assert_string_equal(bl_app_bar_label(n, BL_ACT_CLOSE), "Results");
    act(n, BL_ACT_END_SEARCH);
    assert_string_equal(bl_app_bar_label(n, BL_ACT_CLOSE), "Menu");
}

static void test_search_history(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    search(n, "beta");
    act(n, BL_ACT_ACCEPT);
    act(n, BL_ACT_END_SEARCH);
    search(n, "gamma");
    act(n, BL_ACT_CANCEL);
    /* Enter on an empty prompt: the last search. */
    act(n, BL_ACT_SEARCH);
    assert_string_equal(bl_lineedit_text(&n->search.query), "");
    act(n, BL_ACT_ACCEPT);
    assert_int_equal(n->search.open, 1);
    assert_int_equal(n->sel, 2);
    assert_string_equal(bl_lineedit_text(&n->search.query), "gamma");
    act(n, BL_ACT_END_SEARCH);
    /* Up recalls earlier queries, Down comes back. */
    act(n, BL_ACT_SEARCH);
    act(n, BL_ACT_HISTORY_PREV);
    assert_string_equal(bl_lineedit_text(&n->search.query), "gamma");
    act(n, BL_ACT_HISTORY_PREV);
    assert_string_equal(bl_lineedit_text(&n->search.query), "beta");
    assert_int_equal(n->sel, 1);
    assert_true(act(n, BL_ACT_HISTORY_PREV) & BL_APP_BEEP);
    act(n, BL_ACT_HISTORY_NEXT);
    act(n, BL_ACT_HISTORY_NEXT);
    assert_string_equal(bl_lineedit_text(&n->search.query), "");
    act(n, BL_ACT_CANCEL);
    assert_null(n->prompt.kind);
}

static void test_search_no_match_is_empty(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    APPLY(n, BL_ACT_DOWN);
    search(n, "gamma");
    assert_true(bl_app_entry_shown(n));
    search(n, "zzzzzz");
    assert_int_equal(n->search.res->n_hits, 0);
    assert_false(bl_app_entry_shown(n)); /* not gamma's entry any more */
    assert_int_equal(act(n, BL_ACT_RESULT_NEXT), 0);
    assert_true(act(n, BL_ACT_ACCEPT) & BL_APP_BEEP); /* the query can be fixed */
    assert_non_null(n->prompt.kind);
    /* An empty query: back to where the search began. */
    search(n, "");
    assert_true(bl_app_entry_shown(n));
    assert_int_equal(n->sel, 1);
    act(n, BL_ACT_CANCEL);
    assert_int_equal(n->sel, 1);
}

/* ---- picking a suggestion (Tab, Shift-Tab, a click) ---------------------- */

static const char *typed_query(const bl_app *n)
{
    return bl_lineedit_text(&n->search.query);
}

static const char *offered(const bl_app *n, size_t k, long *chosen)
{
    size_t count;
    const char *const *sg = bl_app_suggestions(n, &count, chosen);
    return sg && k < count ? sg[k] : NULL;
}

static void test_suggest_cycle(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    long chosen;
    search(n, "agnet liasion patiance");
    assert_non_null(bl_app_bar_label(n, BL_ACT_SUGGEST_NEXT)); /* the prompt's hint */
    assert_string_equal(offered(n, 0, &chosen), "agent");
    assert_int_equal(chosen, -1);
    /* Tab: the first suggested query, in the prompt and run. */
    unsigned r = act(n, BL_ACT_SUGGEST_NEXT);
    assert_true(r & BL_APP_ENTRY);
    assert_string_equal(typed_query(n), "agent liasion patiance");
    assert_int_equal(n->search.res->n_terms, 3);
    /* The typed query's suggestions stay offered, the one tried chosen. */
    assert_string_equal(offered(n, 1, &chosen), "liaison");
    assert_int_equal(chosen, 0);
    act(n, BL_ACT_SUGGEST_NEXT);
    assert_string_equal(typed_query(n), "agnet liaison patiance");
    offered(n, 0, &chosen);
    assert_int_equal(chosen, 1);
    act(n, BL_ACT_SUGGEST_NEXT);
    assert_string_equal(typed_query(n), "agnet liasion patience");
    /* Past the last: the query as typed, then round again. */
    act(n, BL_ACT_SUGGEST_NEXT);
    assert_string_equal(typed_query(n), "agnet liasion patiance");
    offered(n, 0, &chosen);
    assert_int_equal(chosen, -1);
    act(n, BL_ACT_SUGGEST_PREV);
    assert_string_equal(typed_query(n), "agnet liasion patience");
    act(n, BL_ACT_SUGGEST_PREV);
    assert_string_equal(typed_query(n), "agnet liaison patiance");
    assert_true(bl_app_hits(n) > 0);
    assert_int_equal(n->sel, n->search.res->hits[0].entry); /* the first hit shown */
    /* Enter reads the query tried, and remembers it. */
    act(n, BL_ACT_ACCEPT);
    assert_null(n->prompt.kind);
    assert_int_equal(n->focus, BL_FOCUS_DETAIL);
    assert_null(n->search.offer);
    assert_string_equal(n->search.recent[n->search.n_recent - 1], "agnet liaison patiance");
}

static void test_suggest_edit_and_cancel(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    long chosen;
    APPLY(n, BL_ACT_DOWN);
    search(n, "gamma liasion");
    assert_int_equal(bl_app_hits(n), 0);
    act(n, BL_ACT_SUGGEST_NEXT);
    assert_string_equal(typed_query(n), "gamma liaison");
    assert_non_null(offered(n, 0, &chosen));
    assert_int_equal(chosen, 0);
    /* Any edit: the query typed now is the one, with its own suggestions. */
    act(n, BL_ACT_EDIT_BACKSPACE);
    assert_string_equal(typed_query(n), "gamma liaiso");
    assert_null(n->search.offer);
    assert_int_equal(n->search.pick, -1);
    /* No suggestions (every word matched): Tab beeps and says so, and
     * changes nothing. */
    size_t count;
    type(n, "gamma");
    assert_null(bl_app_suggestions(n, &count, &chosen));
    assert_int_equal(count, 0);
    assert_null(bl_app_bar_label(n, BL_ACT_SUGGEST_NEXT));
    assert_true(act(n, BL_ACT_SUGGEST_NEXT) & BL_APP_BEEP);
    assert_true(msg(n));
    assert_string_equal(typed_query(n), "gamma");
    /* Esc while one is tried: the search ends as ever. */
    type(n, "sevn");
    act(n, BL_ACT_SUGGEST_NEXT);
    assert_string_equal(typed_query(n), "seven");
    act(n, BL_ACT_CANCEL);
    assert_null(n->prompt.kind);
    assert_false(n->search.open);
    assert_null(n->search.offer);
    assert_null(bl_app_suggestions(n, &count, &chosen));
    assert_int_equal(n->sel, 1); /* where the search began */
    /* Not in another prompt: Tab in the file name does nothing. */
    act(n, BL_ACT_SAVE);
    assert_non_null(n->prompt.kind);
    assert_int_equal(act(n, BL_ACT_SUGGEST_NEXT), 0);
    assert_null(bl_app_bar_label(n, BL_ACT_SUGGEST_NEXT));
    act(n, BL_ACT_CANCEL);
}

static void test_suggest_click(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    long chosen;
    search(n, "agnet liasion patiance");
    /* A click in the prompt's time: suggestion 2 runs. */
    bl_app_apply(n, BL_ACT_SELECT_SUGGESTION, &(struct bl_app_arg){.n = 2});
    assert_string_equal(typed_query(n), "agnet liasion patience");
    offered(n, 0, &chosen);
    assert_int_equal(chosen, 2);
    /* Out of range, or the one already tried: nothing. */
    assert_int_equal(bl_app_apply(n, BL_ACT_SELECT_SUGGESTION, &(struct bl_app_arg){.n = 9}), 0);
    assert_int_equal(bl_app_apply(n, BL_ACT_SELECT_SUGGESTION, &(struct bl_app_arg){.n = -1}), 0);
    assert_int_equal(bl_app_apply(n, BL_ACT_SELECT_SUGGESTION, &(struct bl_app_arg){.n = 2}), 0);
    /* With the results list focused (the prompt closed), a click works too. */
    search(n, "alpah liasion");
    act(n, BL_ACT_ACCEPT);
    assert_null(n->prompt.kind);
    act(n, BL_ACT_CLOSE); /* back to the results list */
    assert_int_equal(n->focus, BL_FOCUS_MENU);
    assert_string_equal(offered(n, 1, &chosen), "liaison");
    bl_app_apply(n, BL_ACT_SELECT_SUGGESTION, &(struct bl_app_arg){.n = 1});
    assert_string_equal(typed_query(n), "alpah liaison");
    assert_int_equal(n->focus, BL_FOCUS_MENU);
    offered(n, 0, &chosen);
    assert_int_equal(chosen, 1);
    /* / then Tab goes on from there. */
    act(n, BL_ACT_SEARCH);
    act(n, BL_ACT_SUGGEST_NEXT);
    assert_string_equal(typed_query(n), "alpah liasion");
    /* Without a search: nothing. */
    act(n, BL_ACT_CANCEL);
    assert_int_equal(bl_app_apply(n, BL_ACT_SELECT_SUGGESTION, &(struct bl_app_arg){.n = 0}), 0);
}

static void test_prompt_quit_and_help(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    act(n, BL_ACT_SEARCH);
    assert_true(act(n, BL_ACT_HELP) & BL_APP_HELP);
    assert_non_null(n->prompt.kind);
    /* Ctrl-C is Cancel in a prompt: the guide goes on. */
    assert_false(act(n, BL_ACT_CANCEL) & BL_APP_QUIT);
    assert_null(n->prompt.kind);
    assert_true(act(n, BL_ACT_QUIT) & BL_APP_QUIT);
}

static unsigned paste(bl_app *n, const char *text)
{
    return bl_app_apply(n, BL_ACT_PASTE, &(struct bl_app_arg){.text = text, .len = strlen(text)});
}

/* A paste is text, never keys. */
static void test_paste(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    assert_int_equal(paste(n, "jjj\nq\n"), 0); /* no prompt: nothing */
    assert_int_equal(n->sel, 0);
    act(n, BL_ACT_SEARCH);
    paste(n, "gamma\nanalyses\tq");
    assert_string_equal(bl_lineedit_text(&n->search.query), "gamma analyses q");
    assert_true(n->search.open); /* the query ran */
    act(n, BL_ACT_CANCEL);
    /* Ctrl-L repaints, wherever it is asked. */
    assert_true(act(n, BL_ACT_REDRAW) & BL_APP_REPAINT);
    act(n, BL_ACT_SEARCH);
    assert_true(act(n, BL_ACT_REDRAW) & BL_APP_REPAINT);
    assert_non_null(n->prompt.kind);
}

/* ---- saving a summary --------------------------------------------------- */

struct tmpdir {
    char path[64], old[PATH_MAX];
};

static void enter_tmp(struct tmpdir *t)
{
    snprintf(t->path, sizeof t->path, "/tmp/bl-app.XXXXXX");
    assert_non_null(mkdtemp(t->path));
    assert_non_null(getcwd(t->old, sizeof t->old));
    assert_int_equal(chdir(t->path), 0);
}

static void leave_tmp(struct tmpdir *t)
{
    assert_int_equal(chdir(t->old), 0);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->path);
    assert_int_equal(system(cmd), 0);
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* save -> "exists" -> y, and -> n */
static void test_save_flow(void **state)
{
    struct fixture *f = *state;
    bl_app *n = &f->app;
    struct tmpdir t;
    enter_tmp(&t);
    act(n, BL_ACT_SAVE);
    assert_non_null(n->prompt.kind);
    assert_non_null(strstr(n->prompt.kind->label, ".md"));
    assert_string_equal(bl_lineedit_text(n->prompt.edit), "./alpha-summary.txt");
    act(n, BL_ACT_ACCEPT);
    assert_null(n->prompt.kind);
    assert_string_equal(n->status.text, "Saved ");
    assert_non_null(strstr(n->status.path, "/alpha-summary.txt"));
    assert_true(exists("alpha-summary.txt"));
    /* Again: the question; n keeps the file. */
    FILE *fp = fopen("alpha-summary.txt", "w");
    assert_non_null(fp);
    fputs("mine\n", fp);
    fclose(fp);
    act(n, BL_ACT_SAVE);
    act(n, BL_ACT_ACCEPT);
    assert_non_null(n->prompt.kind);
    assert_true(n->prompt.kind->question);
    assert_non_null(strstr(n->prompt.subject, "/alpha-summary.txt"));
    paste(n, "y"); /* a paste is no answer */
    assert_true(n->prompt.kind && n->prompt.kind->question);
    /* nor is a click on a suggestion */
    assert_int_equal(bl_app_apply(n, BL_ACT_SELECT_SUGGESTION, &(struct bl_app_arg){.n = 0}), 0);
    assert_true(n->prompt.kind && n->prompt.kind->question);
    act(n, BL_ACT_NONE); /* any other key */
    assert_null(n->prompt.kind);
    assert_string_equal(n->status.text, "Kept ");
    fp = fopen("alpha-summary.txt", "r");
    char buf[16] = "";
    assert_non_null(fgets(buf, sizeof buf, fp));
    fclose(fp);
    assert_string_equal(buf, "mine\n");
    /* y replaces it. */
    act(n, BL_ACT_SAVE);
    act(n, BL_ACT_ACCEPT);
    act(n, BL_ACT_YES);
    assert_null(n->prompt.kind);
    assert_string_equal(n->status.text, "Saved ");
    /* A folder: <folder>/<id>-summary.txt. */
    assert_int_equal(mkdir("dir", 0700), 0);
    act(n, BL_ACT_SAVE);
    type(n, "dir");
    act(n, BL_ACT_ACCEPT);
    assert_true(exists("dir/alpha-summary.txt"));
    /* A failure keeps the prompt open with the name, to correct it. */
    act(n, BL_ACT_SAVE);
    type(n, "/nonexistent/x.txt");
    assert_true(act(n, BL_ACT_ACCEPT) & BL_APP_BEEP);
    assert_non_null(n->prompt.kind);
    assert_int_equal(n->status.kind, BL_STATUS_ERROR);
    assert_string_equal(bl_lineedit_text(n->prompt.edit), "/nonexistent/x.txt");
    type(n, "notes.md");
    act(n, BL_ACT_ACCEPT);
    assert_null(n->prompt.kind);
    assert_true(exists("notes.md"));
    /* Esc saves nothing; a section has no summary. */
    act(n, BL_ACT_SAVE);
    act(n, BL_ACT_CANCEL);
    assert_string_equal(n->status.text, "Not saved");
    APPLY(n, BL_ACT_END);
    act(n, BL_ACT_SAVE);
    assert_null(n->prompt.kind);
    assert_true(msg(n));
    leave_tmp(&t);
}

/* ---- the action table --------------------------------------------------- */

static void test_action_help_distinct(void **state)
{
    (void)state;
    for (int a = 0; a < BL_ACT_COUNT; a++) {
        const char *h = bl_action_info((enum bl_action)a)->help;
        if (!h)
            continue;
        assert_true(strlen(h) <= 17); /* fits the help's columns at 80x24 */
        for (int b = a + 1; b < BL_ACT_COUNT; b++) {
            const char *o = bl_action_info((enum bl_action)b)->help;
            if (o && strcmp(h, o) == 0)
                fail_msg("actions %d and %d share the help \"%s\"", a, b, h);
        }
    }
}

static void test_first_time_welcome(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    bl_app app, *n = &app;
    assert_int_equal(bl_app_init(n, g, 0), 0);
    /* A resize keeps the message; the first action clears it. */
    resize(n, 40, 10);
    assert_int_equal(n->status.kind, BL_STATUS_WELCOME);
    assert_non_null(strstr(n->status.text, "Introduction"));
    act(n, BL_ACT_DOWN);
    assert_int_equal(n->status.kind, BL_STATUS_NONE);
    bl_app_done(n);
    bl_guide_free(g);
}

/* The menu by groups (tests/screen_groups/content: beta comes first in
 * reading order but its group, "Lab roles", second): headings, the
 * arrows in the menu's order, ordinals; a Terms used link opens the
 * glossary at its term. */
static void test_menu_groups_and_terms(void **state)
{
    (void)state;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/screen_groups/content", getenv("BORDERLESS_SOURCE_DIR"));
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    bl_guide *g = bl_load_dir(dir, &d);
    bl_diags_free(&d);
    assert_non_null(g);
    bl_app app, *n = &app;
    assert_int_equal(bl_app_init(n, g, 0), 0);
    resize(n, 60, 5);
    size_t alpha = bl_guide_index(g, bl_guide_find(g, "alpha"));
    size_t beta = bl_guide_index(g, bl_guide_find(g, "beta"));
    assert_int_equal(beta, 0);
    assert_int_equal(n->n_menu, 9); /* 2 headings, 2 roles, blank, Sections, 3 sections */
    assert_int_equal(n->menu[0].kind, BL_MENU_HEADING);
    assert_string_equal(n->menu[0].title, "Field roles");
    assert_int_equal(n->menu[2].kind, BL_MENU_HEADING);
    assert_string_equal(n->menu[2].title, "Lab roles");
    assert_int_equal(n->menu[4].kind, BL_MENU_BLANK);
    assert_string_equal(n->menu[5].title, "Sections");
    assert_int_equal(n->sel, alpha);
    assert_int_equal(bl_app_menu_ordinal(n, alpha), 1);
    assert_int_equal(bl_app_menu_ordinal(n, beta), 2);
    bl_app_apply(n, BL_ACT_DOWN, NULL);
    assert_int_equal(n->sel, beta);
    bl_app_apply(n, BL_ACT_DOWN, NULL);
    assert_int_equal(n->sel, g->n_roles); /* the first section */
    assert_int_equal(bl_app_menu_ordinal(n, n->sel), 1);
    bl_app_apply(n, BL_ACT_HOME, NULL);
    assert_int_equal(n->sel, alpha);
    bl_app_apply(n, BL_ACT_UP, NULL);
    assert_int_equal(n->sel, alpha);
    /* Beta uses XY, the glossary's second term: its link opens there. */
    bl_app_apply(n, BL_ACT_DOWN, NULL);
    bl_app_apply(n, BL_ACT_OPEN, NULL);
    const bl_layout *l = n->lay;
    long k = -1;
    for (size_t i = 0; i < l->n_links; i++)
        if (l->link_terms[i] >= 0)
            k = (long)i;
    assert_true(k >= 0);
    assert_string_equal(g->glossary[l->link_terms[k]].term, "XY");
    assert_int_equal(l->lines[l->links[k]].part, BL_FIELD_TERMS);
    bl_app_apply(n, BL_ACT_END, NULL);
    while (n->link != k)
        bl_app_apply(n, BL_ACT_NEXT_LINK, NULL);
    bl_app_apply(n, BL_ACT_FOLLOW, NULL);
    assert_string_equal(g->entries[n->sel].id, "glossary");
    const bl_line *top = &n->lay->lines[n->top];
    /* at the term, or as near as the end of the entry lets it */
    assert_true(n->top == bl_app_max_top(n) || (top->part == BL_FIELD_GLOSSARY && top->item == 1));
    assert_true(n->top > 0);
    bl_app_apply(n, BL_ACT_BACK, NULL);
    assert_int_equal(n->sel, beta);
    bl_app_done(n);
    bl_guide_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_initial_state, setup, teardown),
        cmocka_unit_test_setup_teardown(test_menu_moves, setup, teardown),
        cmocka_unit_test_setup_teardown(test_focus_and_scroll, setup, teardown),
        cmocka_unit_test_setup_teardown(test_headings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_links_and_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_link_starts_from_view, setup, teardown),
        cmocka_unit_test_setup_teardown(test_history_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_narrow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resize_keeps_place, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mouse, setup, teardown),
        cmocka_unit_test(test_empty_guide),
        cmocka_unit_test_setup_teardown(test_results_replace_menu, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_open_n_esc, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_no_match_is_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_suggest_cycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_suggest_edit_and_cancel, setup, teardown),
        cmocka_unit_test_setup_teardown(test_suggest_click, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prompt_quit_and_help, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paste, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_flow, setup, teardown),
        cmocka_unit_test(test_action_help_distinct),
        cmocka_unit_test(test_first_time_welcome),
        cmocka_unit_test(test_menu_groups_and_terms),
        cmocka_unit_test_setup_teardown(test_marks_on_lines, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
