#include "borderless/nav.h"

#include "borderless/marks.h"

#include <stdio.h>
#include <string.h>

/* ---- menu rows ----------------------------------------------------- */

size_t bl_menu_rows(const bl_guide *g)
{
    size_t rows = 0;
    if (g->n_roles)
        rows += 1 + g->n_roles;
    if (g->n_sections)
        rows += (g->n_roles ? 1 : 0) + 1 + g->n_sections;
    return rows;
}

enum bl_menu_row_kind bl_menu_row(const bl_guide *g, size_t row, size_t *entry)
{
    if (g->n_roles) {
        if (row == 0)
            return BL_ROW_HEADING_ROLES;
        if (row <= g->n_roles) {
            if (entry)
                *entry = row - 1;
            return BL_ROW_ENTRY;
        }
        row -= 1 + g->n_roles;
        if (g->n_sections) {
            if (row == 0)
                return BL_ROW_BLANK;
            row--;
        }
    }
    if (!g->n_sections || row > g->n_sections)
        return BL_ROW_BLANK;
    if (row == 0)
        return BL_ROW_HEADING_SECTIONS;
    if (entry)
        *entry = g->n_roles + row - 1;
    return BL_ROW_ENTRY;
}

size_t bl_menu_row_of(const bl_guide *g, size_t entry)
{
    if (entry < g->n_roles)
        return entry + 1;
    return (g->n_roles ? g->n_roles + 2 : 0) + 1 + (entry - g->n_roles);
}

/* ---- helpers ------------------------------------------------------- */

static size_t height(int h)
{
    return h < 1 ? 1 : (size_t)h;
}

size_t bl_nav_lines(const bl_nav *n)
{
    return n->lay ? n->lay->n_lines : 0;
}

size_t bl_nav_max_top(const bl_nav *n)
{
    size_t lines = bl_nav_lines(n), h = height(n->detail_h);
    return lines > h ? lines - h : 0;
}

static size_t n_links(const bl_nav *n)
{
    return n->lay ? n->lay->n_links : 0;
}

static size_t link_line(const bl_nav *n, long k)
{
    return n->lay->links[k];
}

static int link_visible(const bl_nav *n, long k)
{
    size_t line = link_line(n, k);
    return line >= n->top && line < n->top + height(n->detail_h);
}

static void clamp_top(bl_nav *n)
{
    size_t max = bl_nav_max_top(n);
    if (n->top > max)
        n->top = max;
}

/* After a scroll: a focused link scrolled out of view loses the focus. */
static void drop_hidden_link(bl_nav *n)
{
    if (n->link >= 0 && ((size_t)n->link >= n_links(n) || !link_visible(n, n->link)))
        n->link = -1;
}

static size_t n_hits(const bl_nav *n)
{
    return n->res ? n->res->n_hits : 0;
}

size_t bl_nav_hit_rows(const bl_nav *n)
{
    int rows = (n->menu_h - BL_NAV_RESULTS_HEAD) / BL_NAV_HIT_ROWS;
    return rows < 1 ? 1 : (size_t)rows;
}

static void show_hit(bl_nav *n)
{
    size_t rows = bl_nav_hit_rows(n), count = n_hits(n);
    if (n->hit < n->hit_top)
        n->hit_top = n->hit;
    if (n->hit >= n->hit_top + rows)
        n->hit_top = n->hit - rows + 1;
    if (count > rows && n->hit_top > count - rows)
        n->hit_top = count - rows;
    if (count <= rows)
        n->hit_top = 0;
}

static void show_menu_sel(bl_nav *n)
{
    if (n->searching) {
        show_hit(n);
        return;
    }
    size_t rows = bl_menu_rows(n->g), h = height(n->menu_h);
    size_t row = bl_menu_row_of(n->g, n->sel);
    /* Show the heading above the first entry of a group with it. */
    size_t want = row;
    if (row > 0 && bl_menu_row(n->g, row - 1, NULL) != BL_ROW_ENTRY)
        want = row - 1;
    if (want < n->menu_top)
        n->menu_top = want;
    if (row >= n->menu_top + h)
        n->menu_top = row - h + 1;
    if (rows > h && n->menu_top > rows - h)
        n->menu_top = rows - h;
    if (rows <= h)
        n->menu_top = 0;
}

static void relayout(bl_nav *n)
{
    n->lay = n->layout_fn ? n->layout_fn(n->layout_ctx, n->sel, n->detail_w) : NULL;
}

/* Shows entry e from its top (or from a remembered place). */
static void select_entry(bl_nav *n, size_t e)
{
    n->sel = e;
    n->top = 0;
    n->link = -1;
    n->matches = NULL;
    n->n_matches = 0;
    n->match = -1;
    relayout(n);
    show_menu_sel(n);
}

static void scroll_to_line(bl_nav *n, size_t line)
{
    size_t h = height(n->detail_h);
    if (line < n->top)
        n->top = line;
    else if (line >= n->top + h)
        n->top = line - h + 1;
    clamp_top(n);
}

/* ---- the state machine ---------------------------------------------- */

void bl_nav_init(bl_nav *n, const bl_guide *g, bl_nav_layout_fn fn, void *ctx)
{
    memset(n, 0, sizeof *n);
    n->g = g;
    n->layout_fn = fn;
    n->layout_ctx = ctx;
    n->menu_h = n->detail_h = n->detail_w = 1;
    n->link = -1;
    n->match = -1;
    n->focus = BL_FOCUS_MENU;
    if (g->n_entries)
        select_entry(n, 0);
}

void bl_nav_done(bl_nav *n)
{
    n->lay = NULL;
    n->n_hist = 0;
    n->res = NULL;
    n->matches = NULL;
    n->n_matches = 0;
    n->searching = 0;
}

/* ---- search matches --------------------------------------------------- */

static long match_line(const bl_nav *n, size_t k)
{
    return bl_marks_line_of(n->lay, &n->g->entries[n->sel], &n->matches[k]);
}

size_t bl_nav_matches_shown(const bl_nav *n, size_t *current)
{
    size_t shown = 0;
    if (current)
        *current = 0;
    for (size_t k = 0; k < n->n_matches; k++) {
        if (match_line(n, k) < 0)
            continue;
        shown++;
        if (current && (long)k == n->match)
            *current = shown;
    }
    return shown;
}

/* Scrolls so that `line` shows, a third of the way down when it was out
 * of view (like less), leaving the view alone when it is in it. */
static void show_line(bl_nav *n, size_t line)
{
    size_t h = height(n->detail_h);
    if (line >= n->top && line < n->top + h)
        return;
    n->top = line > h / 3 ? line - h / 3 : 0;
    clamp_top(n);
    drop_hidden_link(n);
}

/* Makes match k (one that shows) the current one and scrolls to it. */
static void go_match(bl_nav *n, size_t k)
{
    n->match = (long)k;
    long line = match_line(n, k);
    if (line >= 0)
        show_line(n, (size_t)line);
}

static unsigned match_cycle(bl_nav *n, int forward)
{
    size_t count = n->n_matches;
    if (bl_nav_matches_shown(n, NULL) == 0) {
        n->msg = n->searching ? "No search matches shown in this entry"
                              : "No search matches here: press / to search";
        return BL_NAV_REDRAW;
    }
    /* From the current match, or from the view when there is none. */
    long k = n->match;
    if (k < 0)
        k = forward ? -1 : (long)count;
    for (size_t tries = 0; tries < count; tries++) {
        k = forward ? (k + 1 < (long)count ? k + 1 : 0) : (k > 0 ? k - 1 : (long)count - 1);
        if (match_line(n, (size_t)k) >= 0)
            break;
    }
    go_match(n, (size_t)k);
    size_t cur = 0, shown = bl_nav_matches_shown(n, &cur);
    snprintf(n->msg_buf, sizeof n->msg_buf, "match %zu/%zu", cur, shown);
    n->msg = n->msg_buf;
    return BL_NAV_REDRAW;
}

/* ---- search results ---------------------------------------------------- */

/* Shows hit i's entry, scrolled to its first match that shows. */
static void select_hit(bl_nav *n, size_t i)
{
    n->hit = i;
    show_hit(n);
    bl_search_detail(n->ix, n->res, i); /* on failure: no matches shown */
    const bl_search_hit *h = &n->res->hits[i];
    if (h->entry >= n->g->n_entries)
        return;
    select_entry(n, h->entry);
    if (!h->detailed)
        return;
    n->matches = h->matches;
    n->n_matches = h->n_matches;
    for (size_t k = 0; k < n->n_matches; k++) {
        if (match_line(n, k) >= 0) {
            go_match(n, k);
            break;
        }
    }
}

void bl_nav_show_results(bl_nav *n, const bl_search_index *ix, bl_search_results *r)
{
    if (!n->searching) {
        n->searching = 1;
        n->saved.entry = n->sel;
        n->saved.pos = n->lay ? bl_layout_pos_of(n->lay, n->top) : (bl_layout_pos){0};
        n->saved.link = n->link;
        n->saved_menu_top = n->menu_top;
        n->saved_focus = n->focus;
    }
    /* The old matches belong to the old results. */
    n->matches = NULL;
    n->n_matches = 0;
    n->match = -1;
    n->ix = ix;
    n->res = r;
    n->hit = n->hit_top = 0;
    n->focus = BL_FOCUS_MENU;
    n->link = -1;
    if (n_hits(n))
        select_hit(n, 0);
}

void bl_nav_end_search(bl_nav *n)
{
    if (!n->searching)
        return;
    n->searching = 0;
    n->res = NULL;
    n->ix = NULL;
    n->hit = n->hit_top = 0;
    select_entry(n, n->saved.entry);
    n->menu_top = n->saved_menu_top;
    show_menu_sel(n);
    n->focus = n->saved_focus;
    if (n->lay) {
        n->top = bl_layout_line_at(n->lay, n->saved.pos);
        clamp_top(n);
        if (n->saved.link >= 0 && (size_t)n->saved.link < n_links(n)) {
            n->link = n->saved.link;
            scroll_to_line(n, link_line(n, n->saved.link));
        }
    }
}

/* The row `delta` away from `cur` in a list of `count`, kept inside the
 * list.  0 when it does not move (or the list is empty). */
static int clamp_move(size_t cur, long delta, size_t count, size_t *to)
{
    if (count == 0)
        return 0;
    long t = (long)cur + delta;
    if (t < 0)
        t = 0;
    if ((size_t)t >= count)
        t = (long)count - 1;
    *to = (size_t)t;
    return *to != cur;
}

static unsigned hit_move(bl_nav *n, long delta)
{
    size_t to;
    if (!clamp_move(n->hit, delta, n_hits(n), &to))
        return 0;
    select_hit(n, to);
    return BL_NAV_REDRAW | BL_NAV_ENTRY;
}

static unsigned results_apply(bl_nav *n, enum bl_action a)
{
    long pg = (long)bl_nav_hit_rows(n);
    switch (a) {
    case BL_ACT_UP:
        return hit_move(n, -1);
    case BL_ACT_DOWN:
        return hit_move(n, 1);
    case BL_ACT_PAGE_UP:
        return hit_move(n, -pg);
    case BL_ACT_PAGE_DOWN:
        return hit_move(n, pg);
    case BL_ACT_HOME:
        return hit_move(n, -(long)n_hits(n));
    case BL_ACT_END:
        return hit_move(n, (long)n_hits(n));
    case BL_ACT_OPEN:
        if (n_hits(n) == 0) {
            n->msg = "Nothing to open: no matches";
            return BL_NAV_REDRAW;
        }
        n->focus = BL_FOCUS_DETAIL;
        return BL_NAV_REDRAW;
    case BL_ACT_NEXT_MATCH:
        return match_cycle(n, 1);
    case BL_ACT_PREV_MATCH:
        return match_cycle(n, 0);
    default:
        return 0;
    }
}

void bl_nav_set_view(bl_nav *n, int menu_h, int detail_h, int detail_w, int narrow)
{
    if (detail_w < 1)
        detail_w = 1;
    n->menu_h = menu_h;
    n->detail_h = detail_h;
    n->narrow = narrow != 0;
    if (n->g->n_entries == 0)
        return;
    if (detail_w != n->detail_w || !n->lay) {
        int had = n->lay != NULL;
        bl_layout_pos pos = had ? bl_layout_pos_of(n->lay, n->top) : (bl_layout_pos){0};
        n->detail_w = detail_w;
        relayout(n);
        n->top = had && n->lay ? bl_layout_line_at(n->lay, pos) : 0;
    }
    clamp_top(n);
    if (n->link >= 0 && (size_t)n->link >= n_links(n))
        n->link = -1;
    if (n->link >= 0)
        scroll_to_line(n, link_line(n, n->link));
    show_menu_sel(n);
}

static unsigned menu_move(bl_nav *n, long delta)
{
    size_t to;
    if (!clamp_move(n->sel, delta, n->g->n_entries, &to))
        return 0;
    select_entry(n, to);
    return BL_NAV_REDRAW | BL_NAV_ENTRY;
}

static unsigned detail_scroll(bl_nav *n, long delta)
{
    size_t old = n->top;
    if (delta < 0)
        n->top = (size_t)-delta > n->top ? 0 : n->top - (size_t)-delta;
    else
        n->top += (size_t)delta;
    clamp_top(n);
    drop_hidden_link(n);
    return n->top != old ? BL_NAV_REDRAW : 0;
}

static unsigned heading_jump(bl_nav *n, int forward)
{
    const bl_layout *l = n->lay;
    size_t old = n->top;
    if (!l || l->n_headings == 0) {
        n->msg = "This entry has no headings";
        return BL_NAV_REDRAW;
    }
    if (forward) {
        size_t k = 0;
        while (k < l->n_headings && l->headings[k] <= n->top)
            k++;
        if (k == l->n_headings || n->top >= bl_nav_max_top(n)) {
            n->msg = "No heading below";
            return BL_NAV_REDRAW;
        }
        n->top = l->headings[k];
    } else {
        size_t k = l->n_headings;
        while (k > 0 && l->headings[k - 1] >= n->top)
            k--;
        if (k == 0) {
            if (n->top == 0) {
                n->msg = "No heading above";
                return BL_NAV_REDRAW;
            }
            n->top = 0; /* the title */
        } else {
            n->top = l->headings[k - 1];
        }
    }
    clamp_top(n);
    drop_hidden_link(n);
    return n->top != old ? BL_NAV_REDRAW : 0;
}

static unsigned link_cycle(bl_nav *n, int forward)
{
    size_t count = n_links(n);
    if (count == 0) {
        n->msg = "No links in this entry";
        return BL_NAV_REDRAW;
    }
    long k;
    if (n->link < 0) {
        /* Start from the view: the first link at or below the top (the
         * last one above the bottom going backwards), else wrap. */
        size_t bottom = n->top + height(n->detail_h);
        if (forward) {
            for (k = 0; (size_t)k < count && link_line(n, k) < n->top; k++)
                ;
            if ((size_t)k == count)
                k = 0;
        } else {
            for (k = (long)count - 1; k >= 0 && link_line(n, k) >= bottom; k--)
                ;
            if (k < 0)
                k = (long)count - 1;
        }
    } else if (forward) {
        k = (size_t)n->link + 1 < count ? n->link + 1 : 0;
    } else {
        k = n->link > 0 ? n->link - 1 : (long)count - 1;
    }
    n->link = k;
    /* Show the whole link when it wraps onto several lines. */
    size_t first = link_line(n, k), last = first;
    while (last + 1 < n->lay->n_lines && n->lay->lines[last + 1].link_no == k)
        last++;
    scroll_to_line(n, last);
    scroll_to_line(n, first);
    return BL_NAV_REDRAW;
}

static void push_visit(bl_nav *n)
{
    if (n->n_hist == BL_NAV_HISTORY) {
        memmove(&n->hist[0], &n->hist[1], (BL_NAV_HISTORY - 1) * sizeof n->hist[0]);
        n->n_hist--;
    }
    bl_nav_visit *v = &n->hist[n->n_hist++];
    v->entry = n->sel;
    v->pos = n->lay ? bl_layout_pos_of(n->lay, n->top) : (bl_layout_pos){0};
    v->link = n->link;
}

static unsigned follow(bl_nav *n, long k)
{
    if (k < 0 || (size_t)k >= n_links(n)) {
        n->msg = n_links(n) ? "Press Tab to choose a link, then Enter to follow it"
                            : "No links in this entry";
        return BL_NAV_REDRAW;
    }
    long target = n->lay->link_targets[k];
    if (target < 0 || (size_t)target >= n->g->n_entries)
        return 0;
    push_visit(n);
    select_entry(n, (size_t)target);
    n->focus = BL_FOCUS_DETAIL;
    return BL_NAV_REDRAW | BL_NAV_ENTRY;
}

static unsigned back(bl_nav *n)
{
    if (n->n_hist == 0) {
        n->msg = "No earlier entry: Backspace returns after following a link";
        return BL_NAV_REDRAW;
    }
    bl_nav_visit v = n->hist[--n->n_hist];
    select_entry(n, v.entry);
    if (n->lay) {
        n->top = bl_layout_line_at(n->lay, v.pos);
        clamp_top(n);
        if (v.link >= 0 && (size_t)v.link < n_links(n)) {
            n->link = v.link;
            scroll_to_line(n, link_line(n, v.link));
        }
    }
    return BL_NAV_REDRAW | BL_NAV_ENTRY;
}

static long page(int h)
{
    return h > 2 ? h - 1 : 1;
}

unsigned bl_nav_apply(bl_nav *n, enum bl_action a)
{
    n->msg = NULL;
    if (n->g->n_entries == 0)
        return 0;
    if (a == BL_ACT_BACK)
        return back(n);
    if (n->focus == BL_FOCUS_MENU && n->searching)
        return results_apply(n, a);
    if (n->focus == BL_FOCUS_MENU) {
        long pg = page(n->menu_h);
        switch (a) {
        case BL_ACT_UP:
            return menu_move(n, -1);
        case BL_ACT_DOWN:
            return menu_move(n, 1);
        case BL_ACT_PAGE_UP:
            return menu_move(n, -pg);
        case BL_ACT_PAGE_DOWN:
            return menu_move(n, pg);
        case BL_ACT_HOME:
            return menu_move(n, -(long)n->g->n_entries);
        case BL_ACT_END:
            return menu_move(n, (long)n->g->n_entries);
        case BL_ACT_OPEN:
            n->focus = BL_FOCUS_DETAIL;
            return BL_NAV_REDRAW;
        default:
            return 0;
        }
    }
    long pg = page(n->detail_h);
    switch (a) {
    case BL_ACT_UP:
        return detail_scroll(n, -1);
    case BL_ACT_DOWN:
        return detail_scroll(n, 1);
    case BL_ACT_PAGE_UP:
        return detail_scroll(n, -pg);
    case BL_ACT_PAGE_DOWN:
        return detail_scroll(n, pg);
    case BL_ACT_HOME:
        return detail_scroll(n, -(long)bl_nav_lines(n) - 1);
    case BL_ACT_END:
        return detail_scroll(n, (long)bl_nav_lines(n) + 1);
    case BL_ACT_CLOSE:
        n->focus = BL_FOCUS_MENU;
        n->link = -1;
        return BL_NAV_REDRAW;
    case BL_ACT_PREV_HEADING:
        return heading_jump(n, 0);
    case BL_ACT_NEXT_HEADING:
        return heading_jump(n, 1);
    case BL_ACT_NEXT_LINK:
        return link_cycle(n, 1);
    case BL_ACT_PREV_LINK:
        return link_cycle(n, 0);
    case BL_ACT_FOLLOW:
        return follow(n, n->link);
    case BL_ACT_NEXT_MATCH:
        return match_cycle(n, 1);
    case BL_ACT_PREV_MATCH:
        return match_cycle(n, 0);
    default:
        return 0;
    }
}

unsigned bl_nav_click_menu(bl_nav *n, int y)
{
    size_t entry;
    n->msg = NULL;
    if (n->searching) {
        if (y < BL_NAV_RESULTS_HEAD)
            return 0;
        size_t i = n->hit_top + (size_t)(y - BL_NAV_RESULTS_HEAD) / BL_NAV_HIT_ROWS;
        if (i >= n_hits(n))
            return 0;
        if (i == n->hit) {
            n->focus = BL_FOCUS_DETAIL;
            return BL_NAV_REDRAW;
        }
        n->focus = BL_FOCUS_MENU;
        select_hit(n, i);
        return BL_NAV_REDRAW | BL_NAV_ENTRY;
    }
    if (y < 0 || bl_menu_row(n->g, n->menu_top + (size_t)y, &entry) != BL_ROW_ENTRY)
        return 0;
    if (entry == n->sel) {
        n->focus = BL_FOCUS_DETAIL;
        return BL_NAV_REDRAW;
    }
    n->focus = BL_FOCUS_MENU;
    select_entry(n, entry);
    return BL_NAV_REDRAW | BL_NAV_ENTRY;
}

unsigned bl_nav_click_detail(bl_nav *n, int y)
{
    n->msg = NULL;
    if (y < 0 || !n->lay)
        return 0;
    size_t line = n->top + (size_t)y;
    unsigned r = n->focus != BL_FOCUS_DETAIL ? BL_NAV_REDRAW : 0;
    n->focus = BL_FOCUS_DETAIL;
    if (line < n->lay->n_lines && n->lay->lines[line].link_no >= 0)
        return follow(n, n->lay->lines[line].link_no);
    return r;
}

unsigned bl_nav_wheel(bl_nav *n, enum bl_focus pane, int delta)
{
    n->msg = NULL;
    if (pane == BL_FOCUS_MENU && n->searching)
        return hit_move(n, delta < 0 ? -1 : 1);
    if (pane == BL_FOCUS_MENU)
        return menu_move(n, delta < 0 ? -1 : 1);
    return detail_scroll(n, delta);
}
