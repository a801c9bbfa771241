/* test_nav.c — the navigation state machine: actions in, state out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/layout.h"
#include "borderless/marks.h"
#include "borderless/nav.h"
#include "borderless/search.h"
#include "tui_fixtures/fixture_guide.h"

#include <string.h>

/* A layout provider like the screen's, but keeping only the last layout:
 * it frees the previous one on every call, so a stale pointer kept by nav
 * would show up under the address sanitizer. */
struct provider {
    const bl_guide *g;
    bl_layout *last;
    int calls;
};

static const bl_layout *provide(void *ctx, size_t entry, int width)
{
    struct provider *p = ctx;
    bl_layout_free(p->last);
    p->last = bl_layout_entry(p->g, &p->g->entries[entry], width);
    p->calls++;
    return p->last;
}

struct fixture {
    bl_guide *g;
    struct provider p;
    bl_nav nav;
};

static int setup(void **state)
{
    static struct fixture f;
    memset(&f, 0, sizeof f);
    f.g = fixture_guide();
    if (!f.g)
        return -1;
    f.p.g = f.g;
    bl_nav_init(&f.nav, f.g, provide, &f.p);
    bl_nav_set_view(&f.nav, 20, 10, 40, 0);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    bl_nav_done(&f->nav);
    bl_layout_free(f->p.last);
    bl_guide_free(f->g);
    return 0;
}

static void apply(bl_nav *n, const enum bl_action *acts, size_t count)
{
    for (size_t i = 0; i < count; i++)
        bl_nav_apply(n, acts[i]);
}

#define APPLY(n, ...)                                                                       \
    do {                                                                                    \
        const enum bl_action acts_[] = {__VA_ARGS__};                                       \
        apply((n), acts_, sizeof acts_ / sizeof acts_[0]);                                  \
    } while (0)

static void test_menu_rows(void **state)
{
    struct fixture *f = *state;
    const bl_guide *g = f->g;
    /* Roles, alpha, beta, gamma, blank, Sections, intro, end */
    assert_int_equal(bl_menu_rows(g), 8);
    size_t e = 99;
    assert_int_equal(bl_menu_row(g, 0, &e), BL_ROW_HEADING_ROLES);
    assert_int_equal(bl_menu_row(g, 1, &e), BL_ROW_ENTRY);
    assert_int_equal(e, 0);
    assert_int_equal(bl_menu_row(g, 3, &e), BL_ROW_ENTRY);
    assert_int_equal(e, 2);
    assert_int_equal(bl_menu_row(g, 4, &e), BL_ROW_BLANK);
    assert_int_equal(bl_menu_row(g, 5, &e), BL_ROW_HEADING_SECTIONS);
    assert_int_equal(bl_menu_row(g, 7, &e), BL_ROW_ENTRY);
    assert_int_equal(e, 4);
    assert_int_equal(bl_menu_row(g, 8, &e), BL_ROW_BLANK); /* past the end */
    for (size_t i = 0; i < g->n_entries; i++) {
        assert_int_equal(bl_menu_row(g, bl_menu_row_of(g, i), &e), BL_ROW_ENTRY);
        assert_int_equal(e, i);
    }
}

static void test_initial_state(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(f->nav.sel, 0);
    assert_int_equal(f->nav.focus, BL_FOCUS_MENU);
    assert_int_equal(f->nav.top, 0);
    assert_int_equal(f->nav.link, -1);
    assert_non_null(f->nav.lay);
    assert_int_equal(f->nav.lay->width, 40);
}

static void test_menu_moves(void **state)
{
    struct fixture *f = *state;
    bl_nav *n = &f->nav;
    assert_int_equal(bl_nav_apply(n, BL_ACT_UP), 0); /* already at the top */
    assert_int_equal(n->sel, 0);
    unsigned r = bl_nav_apply(n, BL_ACT_DOWN);
    assert_true(r & BL_NAV_REDRAW);
    assert_true(r & BL_NAV_ENTRY);
    APPLY(n, BL_ACT_DOWN);
    assert_int_equal(n->sel, 2);
    /* The detail pane follows: the layout is that of the selection. */
    assert_string_equal(n->lay->lines[0].text, "Gamma Analyst");
    APPLY(n, BL_ACT_END);
    assert_int_equal(n->sel, 4);
    assert_int_equal(bl_nav_apply(n, BL_ACT_DOWN), 0);
    APPLY(n, BL_ACT_HOME);
    assert_int_equal(n->sel, 0);
    APPLY(n, BL_ACT_PAGE_DOWN);
    assert_int_equal(n->sel, 4); /* a page of 19 entries, clamped */
    APPLY(n, BL_ACT_PAGE_UP);
    assert_int_equal(n->sel, 0);
    /* Detail-only actions do nothing in the menu. */
    assert_int_equal(bl_nav_apply(n, BL_ACT_NEXT_LINK), 0);
    assert_int_equal(bl_nav_apply(n, BL_ACT_NEXT_HEADING), 0);
    assert_int_equal(n->focus, BL_FOCUS_MENU);
}

static void test_menu_scrolls_to_selection(void **state)
{
    struct fixture *f = *state;
    bl_nav *n = &f->nav;
    bl_nav_set_view(n, 3, 10, 40, 0);
    for (size_t i = 0; i < f->g->n_entries; i++) {
        size_t row = bl_menu_row_of(f->g, n->sel);
        assert_true(row >= n->menu_top && row < n->menu_top + 3);
        APPLY(n, BL_ACT_DOWN);
    }
    APPLY(n, BL_ACT_HOME);
    assert_int_equal(n->menu_top, 0); /* the "Roles" heading shows again */
    /* The page moves by the menu height less one. */
    APPLY(n, BL_ACT_PAGE_DOWN);
    assert_int_equal(n->sel, 2);
}

static void test_focus_and_scroll(void **state)
{
    struct fixture *f = *state;
    bl_nav *n = &f->nav;
    APPLY(n, BL_ACT_DOWN, BL_ACT_DOWN, BL_ACT_OPEN); /* gamma: long */
    assert_int_equal(n->focus, BL_FOCUS_DETAIL);
    assert_int_equal(n->sel, 2);
    size_t max = bl_nav_max_top(n);
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
    assert_int_equal(bl_nav_apply(n, BL_ACT_DOWN), 0);
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
    bl_nav *n = &f->nav;
    bl_nav_set_view(n, 20, 6, 40, 0);
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
    assert_null(n->msg);
    bl_nav_apply(n, BL_ACT_PREV_HEADING);
    assert_non_null(n->msg);
    /* Near the end the last heading cannot reach the top: clamped. */
    APPLY(n, BL_ACT_END);
    bl_nav_apply(n, BL_ACT_NEXT_HEADING);
    assert_int_equal(n->top, bl_nav_max_top(n));
    assert_non_null(n->msg);
}

static void test_links_and_history(void **state)
{
    struct fixture *f = *state;
    bl_nav *n = &f->nav;
    APPLY(n, BL_ACT_OPEN); /* alpha: links to beta and gamma */
    bl_nav_apply(n, BL_ACT_FOLLOW);
    assert_non_null(n->msg); /* no link chosen yet */
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

    unsigned r = bl_nav_apply(n, BL_ACT_FOLLOW);
    assert_true(r & BL_NAV_ENTRY);
    assert_int_equal(n->sel, 2); /* gamma */
    assert_int_equal(n->focus, BL_FOCUS_DETAIL);
    assert_int_equal(n->top, 0);
    assert_int_equal(n->link, -1);
    assert_int_equal(n->n_hist, 1);
    /* gamma has no links */
    bl_nav_apply(n, BL_ACT_NEXT_LINK);
    assert_non_null(n->msg);
    assert_int_equal(n->link, -1);

    r = bl_nav_apply(n, BL_ACT_BACK);
    assert_true(r & BL_NAV_ENTRY);
    assert_int_equal(n->sel, 0);
    assert_int_equal(n->top, top_before);
    assert_int_equal(n->link, 1);
    assert_int_equal(n->n_hist, 0);
    bl_nav_apply(n, BL_ACT_BACK);
    assert_non_null(n->msg);
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
    bl_nav *n = &f->nav;
    bl_nav_set_view(n, 20, 4, 40, 0);
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
    bl_nav *n = &f->nav;
    APPLY(n, BL_ACT_OPEN);
    for (int i = 0; i < BL_NAV_HISTORY + 10; i++)
        APPLY(n, BL_ACT_HOME, BL_ACT_NEXT_LINK, BL_ACT_FOLLOW); /* alpha <-> beta */
    assert_int_equal(n->n_hist, BL_NAV_HISTORY);
    for (int i = 0; i < BL_NAV_HISTORY; i++)
        APPLY(n, BL_ACT_BACK);
    assert_int_equal(n->n_hist, 0);
    bl_nav_apply(n, BL_ACT_BACK);
    assert_non_null(n->msg);
}

static void test_narrow(void **state)
{
    struct fixture *f = *state;
    bl_nav *n = &f->nav;
    bl_nav_set_view(n, 10, 10, 30, 1);
    assert_int_equal(n->narrow, 1);
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
    bl_nav *n = &f->nav;
    APPLY(n, BL_ACT_DOWN, BL_ACT_DOWN, BL_ACT_OPEN, BL_ACT_NEXT_HEADING, BL_ACT_NEXT_HEADING,
          BL_ACT_DOWN, BL_ACT_DOWN);
    const bl_line *ln = &n->lay->lines[n->top];
    int part = ln->part;
    size_t item = ln->item;
    bl_nav_set_view(n, 5, 5, 12, 1); /* narrower and shorter */
    assert_int_equal(n->sel, 2);
    assert_int_equal(n->focus, BL_FOCUS_DETAIL);
    assert_int_equal(n->lay->width, 12);
    assert_int_equal(n->lay->lines[n->top].part, part);
    assert_int_equal(n->lay->lines[n->top].item, item);
    bl_nav_set_view(n, 20, 10, 40, 0); /* and back */
    assert_int_equal(n->lay->lines[n->top].part, part);
    assert_int_equal(n->lay->lines[n->top].item, item);
    /* Tiny and zero sizes are fine. */
    bl_nav_set_view(n, 0, 0, 0, 1);
    APPLY(n, BL_ACT_DOWN, BL_ACT_PAGE_DOWN, BL_ACT_END, BL_ACT_NEXT_HEADING, BL_ACT_CLOSE,
          BL_ACT_PAGE_DOWN);
    assert_true(n->top <= bl_nav_max_top(n));
}

static void test_mouse(void **state)
{
    struct fixture *f = *state;
    bl_nav *n = &f->nav;
    /* Row 2 is beta (row 0 is the Roles heading). */
    unsigned r = bl_nav_click_menu(n, 2);
    assert_true(r & BL_NAV_ENTRY);
    assert_int_equal(n->sel, 1);
    assert_int_equal(n->focus, BL_FOCUS_MENU);
    /* A heading row does nothing; a second click opens. */
    assert_int_equal(bl_nav_click_menu(n, 0), 0);
    bl_nav_click_menu(n, 2);
    assert_int_equal(n->focus, BL_FOCUS_DETAIL);
    /* A click on a link follows it. */
    size_t line = n->lay->links[0];
    r = bl_nav_click_detail(n, (int)(line - n->top));
    assert_true(r & BL_NAV_ENTRY);
    assert_int_equal(n->sel, 0);
    assert_int_equal(n->n_hist, 1);
    /* The wheel scrolls the detail, and moves the menu selection. */
    bl_nav_wheel(n, BL_FOCUS_DETAIL, 3);
    assert_int_equal(n->top, 3);
    bl_nav_wheel(n, BL_FOCUS_DETAIL, -10);
    assert_int_equal(n->top, 0);
    bl_nav_wheel(n, BL_FOCUS_MENU, 1);
    assert_int_equal(n->sel, 1);
    assert_int_equal(bl_nav_click_menu(n, -1), 0);
    assert_int_equal(bl_nav_click_menu(n, 1000), 0);
}

static void test_empty_guide(void **state)
{
    (void)state;
    bl_guide g = {.title = "empty"};
    bl_nav n;
    bl_nav_init(&n, &g, NULL, NULL);
    bl_nav_set_view(&n, 10, 10, 40, 0);
    for (int a = 0; a < BL_ACT_COUNT; a++)
        assert_int_equal(bl_nav_apply(&n, (enum bl_action)a), 0);
    assert_int_equal(bl_nav_click_menu(&n, 0), 0);
    assert_int_equal(bl_nav_lines(&n), 0);
    bl_nav_done(&n);
}

/* ---- search results and matches ------------------------------------ */

static bl_search_results *query(const bl_search_index *ix, const char *q)
{
    bl_search_results *r = bl_search_run(ix, q, strlen(q), 0);
    assert_non_null(r);
    return r;
}

/* The line of the current match is on screen. */
static void assert_match_visible(const bl_nav *n)
{
    assert_true(n->match >= 0);
    long line = bl_marks_line_of(n->lay, &n->g->entries[n->sel], &n->matches[n->match]);
    assert_true(line >= 0);
    assert_true((size_t)line >= n->top);
    assert_true((size_t)line < n->top + (size_t)n->detail_h);
}

static void test_results_replace_menu(void **state)
{
    struct fixture *f = *state;
    bl_nav *n = &f->nav;
    bl_search_index *ix = bl_search_index_build(f->g);
    assert_non_null(ix);
    bl_search_results *r = query(ix, "liaison");
    assert_true(r->n_hits >= 2);
    bl_nav_show_results(n, ix, r);
    assert_int_equal(n->searching, 1);
    assert_int_equal(n->focus, BL_FOCUS_MENU);
    assert_int_equal(n->hit, 0);
    /* The first hit's entry, with its matches, the first one current. */
    assert_int_equal(n->sel, r->hits[0].entry);
    assert_int_equal(r->hits[0].detailed, 1);
    assert_ptr_equal(n->matches, r->hits[0].matches);
    assert_true(n->n_matches > 0);
    assert_match_visible(n);
    /* Menu actions move over the hits. */
    unsigned fl = bl_nav_apply(n, BL_ACT_DOWN);
    assert_true(fl & BL_NAV_ENTRY);
    assert_int_equal(n->hit, 1);
    assert_int_equal(n->sel, r->hits[1].entry);
    assert_ptr_equal(n->matches, r->hits[1].matches);
    assert_match_visible(n);
    APPLY(n, BL_ACT_END);
    assert_int_equal(n->hit, r->n_hits - 1);
    assert_int_equal(bl_nav_apply(n, BL_ACT_DOWN), 0);
    APPLY(n, BL_ACT_HOME);
    assert_int_equal(n->hit, 0);
    assert_int_equal(bl_nav_apply(n, BL_ACT_UP), 0);
    /* Open: the detail pane, where n/N work. */
    APPLY(n, BL_ACT_OPEN);
    assert_int_equal(n->focus, BL_FOCUS_DETAIL);
    APPLY(n, BL_ACT_CLOSE);
    assert_int_equal(n->focus, BL_FOCUS_MENU);
    assert_int_equal(n->searching, 1);

    /* A new query replaces the results; the old ones can go at once. */
    bl_search_results *r2 = query(ix, "languages");
    bl_nav_show_results(n, ix, r2);
    bl_search_results_free(r);
    assert_int_equal(n->hit, 0);
    assert_int_equal(n->sel, 0); /* alpha */
    assert_ptr_equal(n->matches, r2->hits[0].matches);
    APPLY(n, BL_ACT_DOWN, BL_ACT_UP, BL_ACT_NEXT_MATCH);

    bl_nav_end_search(n);
    assert_int_equal(n->searching, 0);
    assert_null(n->res);
    assert_null(n->matches);
    bl_search_results_free(r2);
    bl_search_index_free(ix);
}

static void test_match_cycle(void **state)
{
    struct fixture *f = *state;
    bl_nav *n = &f->nav;
    bl_nav_set_view(n, 20, 6, 40, 0);
    bl_search_index *ix = bl_search_index_build(f->g);
    /* "Seven" is item 6 of gamma's skills and of its threats. */
    bl_search_results *r = query(ix, "seven");
    assert_int_equal(r->n_hits, 1);
    bl_nav_show_results(n, ix, r);
    assert_int_equal(n->sel, 2);
    assert_int_equal(n->n_matches, 2);
    size_t cur = 99;
    assert_int_equal(bl_nav_matches_shown(n, &cur), 2);
    assert_int_equal(cur, 1);
    /* Scrolled so the first match shows, though it is far down. */
    assert_true(n->top > 0);
    assert_match_visible(n);
    size_t top1 = n->top;

    APPLY(n, BL_ACT_OPEN, BL_ACT_NEXT_MATCH);
    assert_int_equal(n->match, 1);
    assert_string_equal(n->msg, "match 2/2");
    assert_match_visible(n);
    assert_true(n->top > top1);
    /* Wraps both ways. */
    APPLY(n, BL_ACT_NEXT_MATCH);
    assert_int_equal(n->match, 0);
    assert_string_equal(n->msg, "match 1/2");
    assert_match_visible(n);
    APPLY(n, BL_ACT_PREV_MATCH);
    assert_int_equal(n->match, 1);
    assert_string_equal(n->msg, "match 2/2");
    /* Scrolling away and back: n goes to the next one from the current. */
    APPLY(n, BL_ACT_HOME, BL_ACT_NEXT_MATCH);
    assert_int_equal(n->match, 0);
    assert_match_visible(n);
    /* Also from the results list (wide mode: the detail pane is there). */
    APPLY(n, BL_ACT_CLOSE, BL_ACT_NEXT_MATCH);
    assert_int_equal(n->focus, BL_FOCUS_MENU);
    assert_int_equal(n->match, 1);
    /* A resize keeps the matches (they are source bytes, not lines). */
    bl_nav_set_view(n, 20, 6, 15, 1);
    assert_int_equal(bl_nav_matches_shown(n, &cur), 2);
    assert_int_equal(cur, 2);
    /* Another entry (a link, the end of the search) has no matches. */
    bl_nav_end_search(n);
    assert_int_equal(n->n_matches, 0);
    assert_int_equal(n->match, -1);
    APPLY(n, BL_ACT_OPEN, BL_ACT_NEXT_MATCH);
    assert_non_null(n->msg);
    assert_int_equal(n->match, -1);
    bl_search_results_free(r);
    bl_search_index_free(ix);
}

static void test_end_search_restores(void **state)
{
    struct fixture *f = *state;
    bl_nav *n = &f->nav;
    bl_nav_set_view(n, 4, 6, 40, 0);
    APPLY(n, BL_ACT_DOWN, BL_ACT_DOWN, BL_ACT_OPEN, BL_ACT_DOWN, BL_ACT_DOWN, BL_ACT_DOWN);
    size_t sel = n->sel, top = n->top, menu_top = n->menu_top;
    assert_int_equal(sel, 2);
    assert_true(top > 0);
    bl_search_index *ix = bl_search_index_build(f->g);
    bl_search_results *r = query(ix, "liaison");
    bl_nav_show_results(n, ix, r);
    assert_int_not_equal(n->sel, sel);
    /* Results of an empty query: none, but still searching. */
    bl_nav_show_results(n, ix, NULL);
    assert_int_equal(n->searching, 1);
    bl_nav_show_results(n, ix, r);
    APPLY(n, BL_ACT_DOWN, BL_ACT_OPEN, BL_ACT_PAGE_DOWN);
    bl_nav_end_search(n);
    assert_int_equal(n->sel, sel);
    assert_int_equal(n->top, top);
    assert_int_equal(n->menu_top, menu_top);
    assert_int_equal(n->focus, BL_FOCUS_DETAIL);
    /* Twice is harmless. */
    bl_nav_end_search(n);
    assert_int_equal(n->sel, sel);
    bl_search_results_free(r);
    bl_search_index_free(ix);
}

static void test_results_empty(void **state)
{
    struct fixture *f = *state;
    bl_nav *n = &f->nav;
    APPLY(n, BL_ACT_DOWN);
    bl_search_index *ix = bl_search_index_build(f->g);
    bl_search_results *r = query(ix, "zzzzzz");
    assert_int_equal(r->n_hits, 0);
    bl_nav_show_results(n, ix, r);
    assert_int_equal(n->sel, 1); /* the detail keeps what it showed */
    assert_int_equal(bl_nav_apply(n, BL_ACT_DOWN), 0);
    bl_nav_apply(n, BL_ACT_OPEN);
    assert_non_null(n->msg);
    assert_int_equal(n->focus, BL_FOCUS_MENU);
    bl_nav_apply(n, BL_ACT_NEXT_MATCH);
    assert_non_null(n->msg);
    assert_int_equal(bl_nav_click_menu(n, 1), 0);
    assert_int_equal(bl_nav_wheel(n, BL_FOCUS_MENU, 1), 0);
    bl_nav_end_search(n);
    assert_int_equal(n->sel, 1);
    bl_search_results_free(r);
    bl_search_index_free(ix);
}

static void test_results_scroll_and_mouse(void **state)
{
    struct fixture *f = *state;
    bl_nav *n = &f->nav;
    /* A count line and two hits of two rows. */
    bl_nav_set_view(n, 5, 10, 40, 0);
    assert_int_equal(bl_nav_hit_rows(n), 2);
    bl_search_index *ix = bl_search_index_build(f->g);
    /* "the" (a function word, alone: read as it is) is in most entries. */
    bl_search_results *r = query(ix, "the");
    assert_true(r->n_hits >= 3);
    bl_nav_show_results(n, ix, r);
    APPLY(n, BL_ACT_DOWN, BL_ACT_DOWN);
    assert_int_equal(n->hit, 2);
    assert_int_equal(n->hit_top, 1);
    APPLY(n, BL_ACT_HOME);
    assert_int_equal(n->hit_top, 0);
    APPLY(n, BL_ACT_PAGE_DOWN);
    assert_int_equal(n->hit, 2);
    /* A click on the second row of the first visible hit selects it;
     * a second click opens it. */
    size_t first = n->hit_top;
    assert_true(bl_nav_click_menu(n, 2) & BL_NAV_ENTRY);
    assert_int_equal(n->hit, first);
    assert_int_equal(n->focus, BL_FOCUS_MENU);
    bl_nav_click_menu(n, 1);
    assert_int_equal(n->focus, BL_FOCUS_DETAIL);
    n->focus = BL_FOCUS_MENU;
    assert_int_equal(bl_nav_click_menu(n, 0), 0); /* the count line */
    bl_nav_wheel(n, BL_FOCUS_MENU, 1);
    assert_int_equal(n->hit, first + 1);
    bl_nav_end_search(n);
    bl_search_results_free(r);
    bl_search_index_free(ix);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_menu_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_initial_state, setup, teardown),
        cmocka_unit_test_setup_teardown(test_menu_moves, setup, teardown),
        cmocka_unit_test_setup_teardown(test_menu_scrolls_to_selection, setup, teardown),
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
        cmocka_unit_test_setup_teardown(test_match_cycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_end_search_restores, setup, teardown),
        cmocka_unit_test_setup_teardown(test_results_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_results_scroll_and_mouse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_marks_on_lines, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
