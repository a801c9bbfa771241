#include "borderless/layout.h"
#include "borderless/marks.h"
#include "draw.h"
#include "panes.h"

#include <stdlib.h>

#include <string.h>

struct detail_view {
    struct view v;
    int one_pane; /* no border */
};

/* Beside the menu: a border column, a space, the text, a space.  One
 * pane: a space each side. */
static int text_x(int one_pane)
{
    return one_pane ? 1 : 2;
}

int detail_text_width(int win_w, int one_pane)
{
    int w = win_w - text_x(one_pane) - 1;
    if (w > DETAIL_MEASURE)
        w = DETAIL_MEASURE;
    return w < 1 ? 1 : w;
}

void detail_view_set_one_pane(struct view *v, int one_pane)
{
    ((struct detail_view *)v)->one_pane = one_pane;
}

static attr_t line_attr(const struct view *v, const bl_app *n, const bl_line *ln)
{
    const attr_t *at = v->term->attr;
    switch (ln->style) {
    case BL_LINE_TITLE:
        return at[TH_ENTRY_TITLE];
    case BL_LINE_HEADING:
        return at[TH_HEADING];
    case BL_LINE_LINK:
        return ln->link_no == n->link && n->focus == BL_FOCUS_DETAIL ? at[TH_LINK_FOCUS]
                                                                     : at[TH_LINK];
    case BL_LINE_META:
        return at[TH_META];
    default:
        return at[TH_NORMAL];
    }
}

/* Search matches on line ln, drawn at row y from column x0. */
static void draw_matches(struct view *v, const bl_app *n, const bl_line *ln, int y, int x0)
{
    const bl_entry *e = &n->g->entries[n->sel];
    int width = getmaxx(v->win);
    for (size_t k = 0; k < n->search.n_matches; k++) {
        int col, cols;
        if (!bl_marks_on_line(e, ln, &n->search.matches[k], &col, &cols))
            continue;
        /* Not over a cut mark in the last column. */
        if (ln->cols > width - x0 && x0 + col + cols >= width)
            cols = width - 1 - x0 - col;
        attr_t a = v->term->attr[(long)k == n->search.match ? TH_MATCH_CUR : TH_MATCH];
        draw_mark(v->win, y, x0 + col, cols, a);
    }
}

static void detail_draw(struct view *v)
{
    struct detail_view *d = (struct detail_view *)v;
    const bl_app *n = v->app;
    WINDOW *w = v->win;
    int h = getmaxy(w), width = getmaxx(w);
    int x0 = text_x(d->one_pane);
    werase(w);
    if (!d->one_pane) {
        wattrset(w, v->term->attr[TH_BORDER]);
        /* The character itself rather than ACS_VLINE: the same cell on
         * every terminal, and in screen dumps. */
        for (int y = 0; y < h; y++)
            mvwaddstr(w, y, 0, v->term->ascii ? "|" : "\u2502");
        wattrset(w, A_NORMAL);
    }
    if (width <= x0)
        return;
    if (!bl_app_entry_shown(n)) {
        /* A query that matches nothing: nothing to read. */
        wmove(w, 0, x0);
        wattrset(w, v->term->attr[TH_META]);
        draw_str(w, "No entry matches the search.", width - x0, v->term->ascii);
        wattrset(w, A_NORMAL);
        return;
    }
    if (!n->lay) {
        wmove(w, 0, x0);
        draw_str(w, "(not enough memory to show this entry)", width - x0, v->term->ascii);
        return;
    }
    for (int y = 0; y < h && n->top + (size_t)y < n->lay->n_lines; y++) {
        const bl_line *ln = &n->lay->lines[n->top + (size_t)y];
        if (ln->style == BL_LINE_BLANK)
            continue;
        wmove(w, y, x0);
        attr_t a = line_attr(v, n, ln);
        if (ln->style == BL_LINE_LINK || ln->style == BL_LINE_ITEM) {
            /* The bullet or arrow plain, the text styled. */
            size_t cut = bl_text_fit(ln->text, ln->len, ln->indent, NULL);
            draw_text(w, ln->text, cut, width - x0, v->term->ascii);
            wattrset(w, a);
            draw_text(w, ln->text + cut, ln->len - cut, width - getcurx(w), v->term->ascii);
        } else {
            wattrset(w, a);
            draw_text(w, ln->text, ln->len, width - x0, v->term->ascii);
        }
        wattrset(w, A_NORMAL);
        draw_matches(v, n, ln, y, x0);
    }
}

static enum bl_action detail_mouse(struct view *v, const struct view_event *ev,
                                   struct bl_app_arg *arg)
{
    if (ev->buttons & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
        arg->n = ev->buttons & BUTTON4_PRESSED ? -3 : 3;
        return BL_ACT_SCROLL;
    }
    if (ev->y < 0)
        return BL_ACT_NONE;
    arg->n = (long)(v->app->top + (size_t)ev->y);
    return BL_ACT_CLICK_LINE;
}

static long detail_page(const struct view *v)
{
    return getmaxy(v->win);
}

static enum km_context detail_context(const struct view *v)
{
    (void)v;
    return KM_DETAIL;
}

static void detail_cursor(struct view *v, int *y, int *x)
{
    struct detail_view *d = (struct detail_view *)v;
    const bl_app *n = v->app;
    *y = 0;
    *x = text_x(d->one_pane);
    if (n->link < 0 && n->search.match >= 0 && (size_t)n->search.match < n->search.n_matches &&
        n->lay) {
        /* On the current search match, when it shows. */
        const bl_search_match *m = &n->search.matches[n->search.match];
        long line = bl_marks_line_of(n->lay, &n->g->entries[n->sel], m);
        int col, cols;
        if (line >= 0 && (size_t)line >= n->top &&
            (size_t)line - n->top < (size_t)getmaxy(v->win) &&
            bl_marks_on_line(&n->g->entries[n->sel], &n->lay->lines[line], m, &col, &cols)) {
            *y = (int)((size_t)line - n->top);
            *x += col;
        }
    }
    if (n->link >= 0 && n->lay && (size_t)n->link < n->lay->n_links) {
        size_t line = n->lay->links[n->link];
        if (line >= n->top && line - n->top < (size_t)getmaxy(v->win)) {
            *y = (int)(line - n->top);
            *x += n->lay->lines[line].indent;
        }
    }
    if (*x >= getmaxx(v->win))
        *x = getmaxx(v->win) - 1;
}

static const struct view_ops detail_ops = {
    .name = "detail",
    .context = detail_context,
    .draw = detail_draw,
    .mouse = detail_mouse,
    .page = detail_page,
    .cursor = detail_cursor,
};

struct view *detail_view_new(const struct term *t, const bl_app *app, int one_pane)
{
    struct detail_view *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->v.ops = &detail_ops;
    d->v.term = t;
    d->v.app = app;
    d->one_pane = one_pane;
    return &d->v;
}
