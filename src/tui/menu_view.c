#include "borderless/layout.h"
#include "draw.h"
#include "panes.h"

#include <stdlib.h>
#include <string.h>

struct menu_view {
    struct view v;
    bl_nav *nav;
};

int menu_width(const bl_guide *g, int screen_w)
{
    int longest = 8;
    for (size_t i = 0; i < g->n_entries; i++) {
        int w = bl_text_width(g->entries[i].title, strlen(g->entries[i].title));
        if (w > longest)
            longest = w;
    }
    int w = longest + 3; /* a space each side, and room for the marker */
    int max = screen_w * 2 / 5;
    if (w > max)
        w = max;
    return w < 12 ? 12 : w;
}

static void menu_draw(struct view *v)
{
    struct menu_view *m = (struct menu_view *)v;
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
    if (a == BL_ACT_NONE || a == BL_ACT_HELP || a == BL_ACT_QUIT)
        return (struct view_result){0, NULL};
    r = bl_nav_apply(m->nav, a);
    return (struct view_result){VIEW_HANDLED | (r ? VIEW_REDRAW : 0), m->nav->msg};
}

static void menu_cursor(struct view *v, int *y, int *x)
{
    struct menu_view *m = (struct menu_view *)v;
    size_t row = bl_menu_row_of(m->nav->g, m->nav->sel);
    *y = row >= m->nav->menu_top ? (int)(row - m->nav->menu_top) : 0;
    *x = getmaxx(v->win) > 2 ? 2 : 0;
}

static const struct view_ops menu_ops = {
    .name = "menu",
    .keys = KM_MENU,
    .draw = menu_draw,
    .key = menu_key,
    .cursor = menu_cursor,
};

struct view *menu_view_new(const struct term *t, bl_nav *nav)
{
    struct menu_view *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->v.ops = &menu_ops;
    m->v.term = t;
    m->nav = nav;
    return &m->v;
}
