#include "borderless/layout.h"
#include "draw.h"
#include "finder.h"
#include "panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct menu_view {
    struct view v;
    bl_nav *nav;
    const struct finder *find;
};

int menu_longest_title(const bl_guide *g)
{
    int longest = 8;
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
    struct menu_view *m = (struct menu_view *)v;
    bl_nav *n = m->nav;
    WINDOW *w = v->win;
    int width = getmaxx(w), ascii = v->term->ascii;
    const attr_t *at = v->term->attr;
    bl_search_detail(n->ix, n->res, i); /* lazily, for what shows */
    const bl_search_hit *h = &n->res->hits[i];
    const char *title = h->entry < n->g->n_entries ? n->g->entries[h->entry].title : "?";
    attr_t a = !sel ? at[TH_NORMAL] : n->focus == BL_FOCUS_MENU ? at[TH_SEL] : at[TH_SEL_DIM];
    int rows = getmaxy(w) - y < BL_NAV_HIT_ROWS ? getmaxy(w) - y : BL_NAV_HIT_ROWS;
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
    /* Matches in the title. */
    for (size_t k = 0; h->detailed && k < h->n_matches; k++) {
        const bl_search_match *mt = &h->matches[k];
        if (mt->part != BL_PART_TITLE)
            continue;
        int col = bl_text_width(title, mt->start);
        int cols = bl_text_width(title + mt->start, mt->end - mt->start);
        if (x + col + cols < width) /* not under the cut mark */
            draw_mark(w, y, x + col, cols, at[TH_MATCH]);
    }
    if (rows > 1)
        draw_snippet(v, y + 1, x + 2, width - x - 2, h, a);
}

static void results_draw(struct view *v)
{
    struct menu_view *m = (struct menu_view *)v;
    const bl_nav *n = m->nav;
    WINDOW *w = v->win;
    int h = getmaxy(w), width = getmaxx(w);
    const bl_search_results *r = n->res;
    const char *q = finder_text(m->find);
    werase(w);
    wmove(w, 0, 0);
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
    if (r->n_hits == 0) {
        if (r->n_suggestions && h > 2) {
            /* "Did you mean: a, b, c" */
            wmove(w, 2, 1);
            int used = 1 + draw_str(w, "Did you mean: ", width - 1, v->term->ascii);
            for (size_t i = 0; i < r->n_suggestions && used < width; i++) {
                if (i)
                    used += draw_str(w, ", ", width - used, v->term->ascii);
                wattrset(w, v->term->attr[TH_MATCH]);
                used += draw_str(w, r->suggestions[i], width - used, v->term->ascii);
                wattrset(w, A_NORMAL);
            }
        } else if (h > 2) {
            wmove(w, 2, 1);
            draw_str(w, "Try fewer or shorter words", width - 1, v->term->ascii);
        }
        return;
    }
    size_t rows = bl_nav_hit_rows(n);
    for (size_t k = 0; k < rows && n->hit_top + k < r->n_hits; k++) {
        int y = BL_NAV_RESULTS_HEAD + (int)k * BL_NAV_HIT_ROWS;
        if (y >= h)
            break;
        draw_hit(v, y, n->hit_top + k, n->hit_top + k == n->hit);
    }
}

/* ---- the menu ------------------------------------------------------ */

static void menu_draw(struct view *v)
{
    struct menu_view *m = (struct menu_view *)v;
    if (m->nav->searching) {
        results_draw(v);
        return;
    }
    const bl_nav *n = m->nav;
    const bl_guide *g = n->g;
    WINDOW *w = v->win;
    int h = getmaxy(w), width = getmaxx(w);
    const attr_t *at = v->term->attr;
    werase(w);
    size_t rows = bl_menu_rows(g);
    for (int y = 0; y < h && n->menu_top + (size_t)y < rows; y++) {
        size_t entry = 0;
        enum bl_menu_row_kind k = bl_menu_row(g, n->menu_top + (size_t)y, &entry);
        wmove(w, y, 0);
        if (k == BL_ROW_BLANK)
            continue;
        if (k != BL_ROW_ENTRY) {
            wattrset(w, at[TH_MENU_HEADING]);
            waddch(w, ' ');
            draw_str(w, k == BL_ROW_HEADING_ROLES ? "Roles" : "Sections", width - 1,
                     v->term->ascii);
            wattrset(w, A_NORMAL);
            continue;
        }
        int sel = entry == n->sel;
        attr_t a = !sel ? at[TH_NORMAL]
                        : n->focus == BL_FOCUS_MENU ? at[TH_SEL] : at[TH_SEL_DIM];
        wattrset(w, a);
        /* A marker besides the colour, for monochrome and screen readers. */
        int used = 0;
        if (width > 2) {
            draw_str(w, sel ? "\u25b8 " : "  ", 2, v->term->ascii);
            used = 2;
        }
        used += draw_str(w, g->entries[entry].title, width - used, v->term->ascii);
        if (sel)
            draw_fill(w, width - used);
        wattrset(w, A_NORMAL);
    }
}

static struct view_result menu_key(struct view *v, enum bl_action a, const struct view_event *ev)
{
    struct menu_view *m = (struct menu_view *)v;
    unsigned r;
    if (ev->key == KM_FN(KEY_MOUSE)) {
        if (ev->buttons & BUTTON4_PRESSED)
            r = bl_nav_wheel(m->nav, BL_FOCUS_MENU, -1);
        else if (ev->buttons & BUTTON5_PRESSED)
            r = bl_nav_wheel(m->nav, BL_FOCUS_MENU, 1);
        else
            r = bl_nav_click_menu(m->nav, ev->y);
        return (struct view_result){VIEW_HANDLED | (r ? VIEW_REDRAW : 0), m->nav->msg};
    }
    if (a == BL_ACT_NONE || a >= BL_ACT_HELP || (a == BL_ACT_CLOSE && m->nav->searching))
        return (struct view_result){0, NULL}; /* the screen's */
    r = bl_nav_apply(m->nav, a);
    return (struct view_result){VIEW_HANDLED | (r ? VIEW_REDRAW : 0), m->nav->msg};
}

static void menu_cursor(struct view *v, int *y, int *x)
{
    struct menu_view *m = (struct menu_view *)v;
    const bl_nav *n = m->nav;
    if (n->searching) {
        *y = 0;
        *x = 1;
        if (n->res && n->res->n_hits && n->hit >= n->hit_top) {
            size_t k = n->hit - n->hit_top;
            *y = BL_NAV_RESULTS_HEAD + (int)k * BL_NAV_HIT_ROWS;
            *x = 2;
        }
        if (*y >= getmaxy(v->win))
            *y = 0;
        if (*x >= getmaxx(v->win))
            *x = 0;
        return;
    }
    size_t row = bl_menu_row_of(m->nav->g, m->nav->sel);
    *y = row >= m->nav->menu_top ? (int)(row - m->nav->menu_top) : 0;
    *x = getmaxx(v->win) > 2 ? 2 : 0;
}

static enum km_context menu_context(struct view *v)
{
    return ((struct menu_view *)v)->nav->searching ? KM_RESULTS : KM_MENU;
}

static const struct view_ops menu_ops = {
    .name = "menu",
    .keys = KM_MENU,
    .context = menu_context,
    .draw = menu_draw,
    .key = menu_key,
    .cursor = menu_cursor,
};

struct view *menu_view_new(const struct term *t, bl_nav *nav, const struct finder *find)
{
    struct menu_view *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->v.ops = &menu_ops;
    m->v.term = t;
    m->nav = nav;
    m->find = find;
    return &m->v;
}
