/* compare_view.c — the comparison of two or three roles, in place of both
 * panes: the roles' titles pinned at the top, then the laid-out rows from
 * the app's cmp.top (app.h, bl_app_compare; the layout is compare.h's).
 * The view draws only; its keys are the app's actions (KM_COMPARE). */
#include "draw.h"
#include "panes.h"

#include <stdlib.h>

static attr_t line_attr(const struct view *v, const bl_cmp_line *ln)
{
    const attr_t *at = v->term->attr;
    switch (ln->style) {
    case BL_CMP_LINE_TITLE:
        return at[TH_ENTRY_TITLE];
    case BL_CMP_LINE_RULE:
        return at[TH_BORDER];
    case BL_CMP_LINE_HEADING:
        return at[TH_HEADING];
    case BL_CMP_LINE_NOTE:
        return at[TH_META];
    default:
        return at[TH_NORMAL];
    }
}

static void draw_line(struct view *v, int y, const bl_cmp_line *ln, int width)
{
    WINDOW *w = v->win;
    wmove(w, y, 0);
    wattrset(w, line_attr(v, ln));
    draw_text(w, ln->text, ln->len, width, v->term->ascii);
    wattrset(w, A_NORMAL);
    /* The gutter's mark of a row that differs: an attribute besides the
     * character, never colour alone. */
    if (ln->differs && ln->len > 0 && ln->text[0] != ' ')
        draw_mark(w, y, 0, 1, v->term->attr[TH_HEADING]);
}

static void compare_draw(struct view *v)
{
    const bl_app *a = v->app;
    const bl_cmp_text *t = a->cmp.text;
    WINDOW *w = v->win;
    int h = getmaxy(w), width = getmaxx(w);
    werase(w);
    if (!t)
        return;
    int y = 0;
    for (size_t i = 0; i < t->header_lines && y < h; i++, y++)
        draw_line(v, y, &t->lines[i], width);
    for (size_t i = t->header_lines + a->cmp.top; i < t->n_lines && y < h; i++, y++)
        if (t->lines[i].style != BL_CMP_LINE_BLANK)
            draw_line(v, y, &t->lines[i], width);
}

static enum bl_action compare_mouse(struct view *v, const struct view_event *ev,
                                    struct bl_app_arg *arg)
{
    (void)v;
    if (ev->buttons & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
        arg->n = ev->buttons & BUTTON4_PRESSED ? -3 : 3;
        return BL_ACT_SCROLL;
    }
    return BL_ACT_NONE;
}

static long compare_page(const struct view *v)
{
    const bl_cmp_text *t = v->app->cmp.text;
    long h = getmaxy(v->win) - (long)(t ? t->header_lines : 0);
    return h > 1 ? h : 1;
}

static enum km_context compare_context(const struct view *v)
{
    (void)v;
    return KM_COMPARE;
}

static void compare_cursor(struct view *v, int *y, int *x)
{
    (void)v;
    *y = 0;
    *x = 0;
}

static const struct view_ops compare_ops = {
    .name = "compare",
    .context = compare_context,
    .draw = compare_draw,
    .mouse = compare_mouse,
    .page = compare_page,
    .cursor = compare_cursor,
};

struct view *compare_view_new(const struct term *t, const bl_app *app)
{
    struct view *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->ops = &compare_ops;
    v->term = t;
    v->app = app;
    return v;
}
