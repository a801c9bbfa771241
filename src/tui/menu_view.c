#include "borderless/layout.h"
#include "draw.h"
#include "panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The menu's viewport: the first row shown of the menu and of the
 * results, kept so the list does not jump, and moved only as far as needed
 * to show the selection. */
struct menu_view {
    struct view v;
    size_t menu_top;
    size_t hit_top;
    size_t shelf_top;
};

/* The shortlist: a heading, then three rows a role (title; date added and
 * whether the role changed since; the note). */
#define SHELF_HEAD 2
#define SHELF_ROWS 3

/* ---- the menu's rows ------------------------------------------------------ */

/* The rows are the app's (bl_app.menu): headings (groups, "Sections"),
 * entries and a blank row. */
static enum bl_menu_row_kind menu_row(const bl_app *a, size_t row, size_t *entry)
{
    if (row >= a->n_menu)
        return BL_MENU_BLANK;
    if (entry)
        *entry = a->menu[row].entry;
    return a->menu[row].kind;
}

/* ---- suggestions ----------------------------------------------------- */

/* "Did you mean: liaison, alpha" under the count, flowed onto as many
 * rows as the pane's width needs (each suggestion whole on its row, cut
 * only when a row is too narrow for it), so that a click finds the one
 * drawn there. */
#define SUGGEST_ROW 1
#define SUGGEST_LEAD "Did you mean: "

struct suggest_place {
    int y, from, to; /* row, columns [from, to) */
};

/* Where the suggestions go; returns the rows they take (0: none shown,
 * also when the pane is too small to list them and show a hit). */
static int suggest_layout(const struct view *v, struct suggest_place pl[], size_t *n_out)
{
    size_t n;
    long chosen;
    const char *const *sg = bl_app_suggestions(v->app, &n, &chosen);
    int width = getmaxx(v->win), h = getmaxy(v->win);
    *n_out = 0;
    if (!sg || width < 4)
        return 0;
    if (n > BL_SEARCH_MAX_SUGGESTIONS)
        n = BL_SEARCH_MAX_SUGGESTIONS;
    int y = SUGGEST_ROW, x = 1 + bl_text_width(SUGGEST_LEAD, strlen(SUGGEST_LEAD));
    for (size_t k = 0; k < n; k++) {
        int w = bl_text_width(sg[k], strlen(sg[k]));
        int more = k + 1 < n; /* a comma follows it */
        int lead = k ? 2 : 0; /* ", " before it on the same row */
        if (x + lead + w + more > width) {
            y++; /* the comma stays at the end of the row above */
            x = 1;
            lead = 0;
        }
        int from = x + lead, to = from + w;
        if (to > width - more)
            to = width - more; /* too wide for any row: cut */
        pl[k] = (struct suggest_place){.y = y, .from = from, .to = to};
        x = to;
    }
    int rows = y - SUGGEST_ROW + 1;
    if (SUGGEST_ROW + rows + 1 > h)
        return 0;
    *n_out = n;
    return rows;
}

/* Rows above the first hit: the count, and the suggestions if any. */
static int results_head(const struct view *v)
{
    struct suggest_place pl[BL_SEARCH_MAX_SUGGESTIONS];
    size_t n;
    return RESULTS_HEAD + suggest_layout(v, pl, &n);
}

/* The one tried is drawn as the current match, the others as matches. */
static void suggest_draw(struct view *v)
{
    WINDOW *w = v->win;
    struct suggest_place pl[BL_SEARCH_MAX_SUGGESTIONS];
    size_t n, all;
    long chosen;
    if (!suggest_layout(v, pl, &n))
        return;
    const char *const *sg = bl_app_suggestions(v->app, &all, &chosen);
    int ascii = v->term->ascii, width = getmaxx(w);
    wmove(w, SUGGEST_ROW, 1);
    draw_str(w, SUGGEST_LEAD, width - 1, ascii);
    for (size_t k = 0; k < n; k++) {
        if (k) {
            wmove(w, pl[k - 1].y, pl[k - 1].to);
            draw_str(w, pl[k].y == pl[k - 1].y ? ", " : ",", width - pl[k - 1].to, ascii);
        }
        wmove(w, pl[k].y, pl[k].from);
        wattrset(w, v->term->attr[(long)k == chosen ? TH_MATCH_CUR : TH_MATCH]);
        draw_str(w, sg[k], pl[k].to - pl[k].from, ascii);
        wattrset(w, A_NORMAL);
    }
}

/* The suggestion at (y, x) of the pane, or -1. */
static long suggest_at(const struct view *v, int y, int x)
{
    struct suggest_place pl[BL_SEARCH_MAX_SUGGESTIONS];
    size_t n;
    suggest_layout(v, pl, &n);
    for (size_t k = 0; k < n; k++)
        if (y == pl[k].y && x >= pl[k].from && x < pl[k].to)
            return (long)k;
    return -1;
}

static size_t hit_rows(const struct view *v)
{
    int rows = (getmaxy(v->win) - results_head(v)) / HIT_ROWS;
    return rows < 1 ? 1 : (size_t)rows;
}

/* Scrolls the list just enough to show the selection. */
static void follow_selection(struct menu_view *m)
{
    const bl_app *a = m->v.app;
    if (a->search.open) {
        size_t rows = hit_rows(&m->v), count = bl_app_hits(a), hit = a->search.hit;
        if (hit < m->hit_top)
            m->hit_top = hit;
        if (hit >= m->hit_top + rows)
            m->hit_top = hit - rows + 1;
        if (count > rows && m->hit_top > count - rows)
            m->hit_top = count - rows;
        if (count <= rows)
            m->hit_top = 0;
        return;
    }
    m->hit_top = 0;
    int wh = getmaxy(m->v.win);
    size_t rows = a->n_menu, h = wh < 1 ? 1 : (size_t)wh;
    size_t row = a->g->n_entries ? a->menu_at[a->sel] : 0;
    /* Show the heading above the first entry of a group with it. */
    size_t want = row;
    if (row > 0 && menu_row(a, row - 1, NULL) != BL_MENU_ENTRY)
        want = row - 1;
    if (want < m->menu_top)
        m->menu_top = want;
    if (row >= m->menu_top + h)
        m->menu_top = row - h + 1;
    if (rows > h && m->menu_top > rows - h)
        m->menu_top = rows - h;
    if (rows <= h)
        m->menu_top = 0;
}

int menu_longest_title(const bl_guide *g)
{
    int longest = 8;
    for (size_t i = 0; i < g->n_groups; i++) {
        int w = bl_text_width(g->groups[i].title, strlen(g->groups[i].title)) - 2;
        if (w > longest) /* a heading has no marker: two columns more */
            longest = w;
    }
    for (size_t i = 0; i < g->n_entries; i++) {
        int w = bl_text_width(g->entries[i].title, strlen(g->entries[i].title));
        if (w > longest)
            longest = w;
    }
    return longest;
}

int menu_width(int longest, int screen_w)
{
    int w = longest + 3; /* a space each side, and room for the marker */
    int max = screen_w * 2 / 5;
    if (w > max)
        w = max;
    return w < 12 ? 12 : w;
}

/* ---- search results ------------------------------------------------ */

/* "7 matches for 'cyber'": the query cut to fit, the quote kept. */
static void draw_count(struct view *v, const char *what, const char *query, int width)
{
    WINDOW *w = v->win;
    int ascii = v->term->ascii;
    wattrset(w, v->term->attr[TH_MENU_HEADING]);
    waddch(w, ' ');
    int used = 1 + draw_str(w, what, width - 1, ascii);
    if (query) {
        used += draw_str(w, " '", width - used, ascii);
        int room = width - used - 1;
        int qw = bl_text_width(query, strlen(query));
        if (room > 0)
            used += draw_text(w, query, strlen(query), qw < room ? qw : room, ascii);
        draw_str(w, "'", width - used, ascii);
    }
    wattrset(w, A_NORMAL);
}

/* The snippet of a hit in `cols` columns from column x of row y, started
 * late enough that its first match shows. */
static void draw_snippet(struct view *v, int y, int x, int cols, const bl_search_hit *h,
                         attr_t base)
{
    WINDOW *w = v->win;
    int ascii = v->term->ascii;
    const char *s = h->snippet;
    if (!s || cols <= 0)
        return;
    size_t len = strlen(s), from = 0;
    if (h->n_snippet_marks && bl_text_width(s, h->snippet_marks[0].end) > cols - 1) {
        /* Keep a quarter of the room after the match's end. */
        int want = cols - 1 - cols / 4;
        while (from < h->snippet_marks[0].start &&
               bl_text_width(s + from, h->snippet_marks[0].end - from) > want) {
            bl_glyph g;
            from += bl_glyph_next(s + from, len - from, &g);
        }
    }
    wmove(w, y, x);
    wattrset(w, base);
    int lead = from > 0 ? draw_str(w, ascii ? "~" : "\u2026", cols, ascii) : 0;
    int room = cols - lead;
    draw_text(w, s + from, len - from, room, ascii);
    wattrset(w, A_NORMAL);
    /* Marks only over what fits (draw_text keeps a column for its cut
     * mark when the rest does not fit). */
    if (bl_text_width(s + from, len - from) > room)
        room--;
    size_t fit = from + bl_text_fit(s + from, len - from, room, NULL);
    for (size_t k = 0; k < h->n_snippet_marks; k++) {
        size_t st = h->snippet_marks[k].start, end = h->snippet_marks[k].end;
        st = st > from ? st : from;
        end = end < fit ? end : fit;
        if (st >= end)
            continue;
        draw_mark(w, y, x + lead + bl_text_width(s + from, st - from),
                  bl_text_width(s + st, end - st), v->term->attr[TH_MATCH]);
    }
}

static void draw_hit(struct view *v, int y, size_t i, int sel)
{
    const bl_app *app = v->app;
    WINDOW *w = v->win;
    int width = getmaxx(w), ascii = v->term->ascii;
    const attr_t *at = v->term->attr;
    const bl_search_hit *h = &app->search.res->hits[i];
    const char *title = h->entry < app->g->n_entries ? app->g->entries[h->entry].title : "?";
    attr_t a = !sel ? at[TH_NORMAL] : app->focus == BL_FOCUS_MENU ? at[TH_SEL] : at[TH_SEL_DIM];
    int rows = getmaxy(w) - y < HIT_ROWS ? getmaxy(w) - y : HIT_ROWS;
    for (int r = 0; r < rows; r++) {
        wmove(w, y + r, 0);
        wattrset(w, a);
        draw_fill(w, sel ? width : 0);
    }
    wmove(w, y, 0);
    wattrset(w, a);
    int x = 0;
    if (width > 2) {
        draw_str(w, sel ? "\u25b8 " : "  ", 2, ascii);
        x = 2;
    }
    draw_str(w, title, width - x, ascii);
    wattrset(w, A_NORMAL);
    /* Matches in the title (a hit not yet detailed shows none). */
    for (size_t k = 0; h->detailed && k < h->n_matches; k++) {
        const bl_search_match *mt = &h->matches[k];
        if (mt->part != BL_PART_TITLE)
            continue;
        int col = bl_text_width(title, mt->start);
        int cols = bl_text_width(title + mt->start, mt->end - mt->start);
        if (x + col + cols < width) /* not under the cut mark */
            draw_mark(w, y, x + col, cols, at[TH_MATCH]);
    }
    if (rows > 1 && h->detailed)
        draw_snippet(v, y + 1, x + 2, width - x - 2, h, a);
}

static void results_draw(struct view *v)
{
    struct menu_view *m = (struct menu_view *)v;
    const bl_app *app = v->app;
    WINDOW *w = v->win;
    int h = getmaxy(w), width = getmaxx(w);
    const bl_search_results *r = app->search.res;
    const char *q = bl_lineedit_text(&app->search.query);
    werase(w);
    wmove(w, 0, 0);
    if (bl_app_waiting(app)) {
        draw_count(v, "Preparing search\u2026", NULL, width); /* app.h: the index */
        return;
    }
    if (!r || r->n_terms == 0) {
        draw_count(v, "Type a word to search the guide", NULL, width);
        return;
    }
    char what[48];
    if (r->n_hits == 0)
        snprintf(what, sizeof what, "No matches for");
    else
        snprintf(what, sizeof what, "%zu match%s for", r->n_hits, r->n_hits == 1 ? "" : "es");
    draw_count(v, what, q, width);
    suggest_draw(v);
    int head = results_head(v);
    if (r->n_hits == 0) {
        if (head == RESULTS_HEAD && h > 2) {
            wmove(w, 2, 1);
            draw_str(w, "Try fewer or shorter words", width - 1, v->term->ascii);
        }
        return;
    }
    size_t rows = hit_rows(v);
    for (size_t k = 0; k < rows && m->hit_top + k < r->n_hits; k++) {
        int y = head + (int)k * HIT_ROWS;
        if (y >= h)
            break;
        draw_hit(v, y, m->hit_top + k, m->hit_top + k == app->search.hit);
    }
}

/* ---- the shortlist ------------------------------------------------- */

static size_t shelf_rows(const struct view *v)
{
    int rows = (getmaxy(v->win) - SHELF_HEAD) / SHELF_ROWS;
    return rows < 1 ? 1 : (size_t)rows;
}

static void shelf_follow(struct menu_view *m)
{
    const bl_app *a = m->v.app;
    size_t rows = shelf_rows(&m->v), sel = a->shelf_sel;
    if (sel < m->shelf_top)
        m->shelf_top = sel;
    if (sel >= m->shelf_top + rows)
        m->shelf_top = sel - rows + 1;
}

static void shelf_draw_one(struct view *v, int y, size_t i, int sel)
{
    const bl_app *app = v->app;
    WINDOW *w = v->win;
    int width = getmaxx(w), ascii = v->term->ascii;
    const attr_t *at = v->term->attr;
    const bl_shortlist_entry *se = bl_shortlist_at(app->sl, i);
    long e = bl_app_shelf_entry(app, i);
    const bl_entry *ent = e >= 0 ? &app->g->entries[e] : NULL;
    attr_t a = !sel ? at[TH_NORMAL] : at[TH_SEL];
    int rows = getmaxy(w) - y < SHELF_ROWS ? getmaxy(w) - y : SHELF_ROWS;
    for (int r = 0; r < rows; r++) {
        wmove(w, y + r, 0);
        wattrset(w, a);
        draw_fill(w, sel ? width : 0);
    }
    wmove(w, y, 0);
    wattrset(w, a);
    int x = width > 2 ? 2 : 0;
    if (x)
        draw_str(w, sel ? "\u25b8 " : "  ", 2, ascii);
    /* In the compare set: its letter in the last column, as in the menu. */
    int slot = ent && width > 3 ? bl_app_compare_index(app, (size_t)e) : -1;
    draw_str(w, ent ? ent->title : se->id, width - x - (slot >= 0), ascii);
    if (slot >= 0) {
        wattrset(w, a ^ A_REVERSE);
        mvwaddch(w, y, width - 1, (chtype)('A' + slot));
        wattrset(w, a);
    }
    char line[160];
    if (rows > 1) {
        char date[16] = "";
        if (se->added > 0) {
            time_t t = (time_t)se->added;
            struct tm tm;
            if (gmtime_r(&t, &tm))
                strftime(date, sizeof date, "%Y-%m-%d", &tm);
        }
        if (!ent)
            snprintf(line, sizeof line, "no longer in the guide");
        else if (bl_shortlist_updated(se, ent->reviewed))
            snprintf(line, sizeof line, "%s%s%supdated since you added it", date[0] ? "added " : "",
                     date, date[0] ? "; " : "");
        else
            snprintf(line, sizeof line, "%s%s", date[0] ? "added " : "", date);
        wmove(w, y + 1, x + 2 < width ? x + 2 : 0);
        draw_str(w, line, width - x - 2, ascii);
    }
    if (rows > 2 && se->note[0]) {
        wmove(w, y + 2, x + 2 < width ? x + 2 : 0);
        int used = draw_str(w, ascii ? "\"" : "\u201c", width - x - 2, ascii);
        used += draw_text(w, se->note, strlen(se->note), width - x - 2 - used - 1, ascii);
        draw_str(w, ascii ? "\"" : "\u201d", width - x - 2 - used, ascii);
    }
    wattrset(w, A_NORMAL);
}

static void shelf_draw(struct view *v)
{
    struct menu_view *m = (struct menu_view *)v;
    const bl_app *app = v->app;
    WINDOW *w = v->win;
    int h = getmaxy(w), width = getmaxx(w);
    size_t n = bl_shortlist_count(app->sl);
    werase(w);
    wmove(w, 0, 0);
    char what[48];
    snprintf(what, sizeof what, "Shortlist: %zu role%s", n, n == 1 ? "" : "s");
    draw_count(v, what, NULL, width);
    if (n == 0) {
        if (h > 2) {
            wmove(w, 2, 1);
            draw_str(w, "Empty: m marks a role", width - 1, v->term->ascii);
        }
        return;
    }
    shelf_follow(m);
    size_t rows = shelf_rows(v);
    for (size_t k = 0; k < rows && m->shelf_top + k < n; k++) {
        int y = SHELF_HEAD + (int)k * SHELF_ROWS;
        if (y >= h)
            break;
        shelf_draw_one(v, y, m->shelf_top + k, m->shelf_top + k == app->shelf_sel);
    }
}

/* ---- the menu ------------------------------------------------------ */

static void menu_draw(struct view *v)
{
    struct menu_view *m = (struct menu_view *)v;
    follow_selection(m);
    if (v->app->shelf_open && v->app->sl) {
        shelf_draw(v);
        return;
    }
    if (v->app->search.open) {
        results_draw(v);
        return;
    }
    const bl_app *app = v->app;
    const bl_guide *g = app->g;
    WINDOW *w = v->win;
    int h = getmaxy(w), width = getmaxx(w);
    const attr_t *at = v->term->attr;
    werase(w);
    size_t rows = app->n_menu;
    for (int y = 0; y < h && m->menu_top + (size_t)y < rows; y++) {
        size_t entry = 0;
        const bl_menu_row *r = &app->menu[m->menu_top + (size_t)y];
        enum bl_menu_row_kind k = menu_row(app, m->menu_top + (size_t)y, &entry);
        wmove(w, y, 0);
        if (k == BL_MENU_BLANK)
            continue;
        if (k != BL_MENU_ENTRY) {
            wattrset(w, at[TH_MENU_HEADING]);
            waddch(w, ' ');
            draw_str(w, r->title, width - 1, v->term->ascii);
            wattrset(w, A_NORMAL);
            continue;
        }
        int sel = entry == app->sel;
        attr_t a = !sel ? at[TH_NORMAL] : app->focus == BL_FOCUS_MENU ? at[TH_SEL] : at[TH_SEL_DIM];
        wattrset(w, a);
        /* A marker besides the colour, for monochrome and screen readers. */
        int used = 0;
        if (width > 2) {
            draw_str(w, sel ? "\u25b8" : " ", 1, v->term->ascii);
            /* A role on the shortlist. */
            int marked = app->sl && bl_shortlist_is_marked(app->sl, g->entries[entry].id);
            draw_str(w, !marked ? " " : v->term->ascii ? "*" : "\u2713", 1, v->term->ascii);
            used = 2;
        }
        /* A role in the compare set: its letter (the comparison's column)
         * in the last column, in reverse so that it stands apart from a
         * title it follows closely. */
        int slot = width > 3 ? bl_app_compare_index(app, entry) : -1;
        int room = width - (slot >= 0);
        used += draw_str(w, g->entries[entry].title, room - used, v->term->ascii);
        if (sel)
            draw_fill(w, room - used);
        if (slot >= 0) {
            wattrset(w, a ^ A_REVERSE);
            mvwaddch(w, y, width - 1, (chtype)('A' + slot));
        }
        wattrset(w, A_NORMAL);
    }
}

static enum bl_action menu_mouse(struct view *v, const struct view_event *ev,
                                 struct bl_app_arg *arg)
{
    struct menu_view *m = (struct menu_view *)v;
    const bl_app *app = v->app;
    if (ev->buttons & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
        arg->n = ev->buttons & BUTTON4_PRESSED ? -1 : 1;
        return BL_ACT_MENU_STEP;
    }
    if (app->shelf_open)
        return BL_ACT_NONE;
    if (app->search.open) {
        int head = results_head(v);
        if (ev->y >= SUGGEST_ROW && ev->y < head) {
            arg->n = suggest_at(v, ev->y, ev->x);
            return arg->n >= 0 ? BL_ACT_SELECT_SUGGESTION : BL_ACT_NONE;
        }
        if (ev->y < head)
            return BL_ACT_NONE;
        arg->n = (long)(m->hit_top + (size_t)(ev->y - head) / HIT_ROWS);
        return BL_ACT_SELECT_HIT;
    }
    size_t entry;
    /* A heading or a blank row: nothing. */
    if (ev->y < 0 || menu_row(app, m->menu_top + (size_t)ev->y, &entry) != BL_MENU_ENTRY)
        return BL_ACT_NONE;
    arg->n = (long)entry;
    return BL_ACT_SELECT_ENTRY;
}

static long menu_page(const struct view *v)
{
    if (v->app->shelf_open)
        return (long)shelf_rows(v);
    if (v->app->search.open)
        return (long)hit_rows(v) + 1; /* a page of hits (the app keeps one back) */
    return getmaxy(v->win);
}

static void menu_cursor(struct view *v, int *y, int *x)
{
    struct menu_view *m = (struct menu_view *)v;
    const bl_app *app = v->app;
    if (app->shelf_open) {
        size_t k = app->shelf_sel >= m->shelf_top ? app->shelf_sel - m->shelf_top : 0;
        *y = app->sl && bl_shortlist_count(app->sl) ? SHELF_HEAD + (int)k * SHELF_ROWS : 0;
        *x = getmaxx(v->win) > 2 ? 2 : 0;
        if (*y >= getmaxy(v->win))
            *y = 0;
        return;
    }
    if (app->search.open) {
        *x = 1;
        if (bl_app_hits(app) && app->search.hit >= m->hit_top) {
            size_t k = app->search.hit - m->hit_top;
            *y = results_head(v) + (int)k * HIT_ROWS;
            *x = 2;
        }
        if (*y >= getmaxy(v->win))
            *y = 0;
        if (*x >= getmaxx(v->win))
            *x = 0;
        return;
    }
    size_t row = app->g->n_entries ? app->menu_at[app->sel] : 0;
    *y = row >= m->menu_top ? (int)(row - m->menu_top) : 0;
    *x = getmaxx(v->win) > 2 ? 2 : 0;
}

static enum km_context menu_context(const struct view *v)
{
    (void)v;
    return KM_MENU;
}

static const struct view_ops menu_ops = {
    .name = "menu",
    .context = menu_context,
    .draw = menu_draw,
    .mouse = menu_mouse,
    .page = menu_page,
    .cursor = menu_cursor,
};

struct view *menu_view_new(const struct term *t, const bl_app *app)
{
    struct menu_view *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->v.ops = &menu_ops;
    m->v.term = t;
    m->v.app = app;
    return &m->v;
}
