#include "draw.h"
#include "panes.h"

#include <stdlib.h>
#include <string.h>

/* The help overlay: every binding of the key table, grouped by context,
 * with the keys of one action on one line.  Any key closes it, except that
 * the scrolling keys scroll it when it does not fit. */

struct help_line {
    char keys[64];    /* "" for a heading or a blank line */
    const char *text; /* description, heading, or NULL for a blank line */
    int heading;
};

/* One column: every context; two columns (wide screens): the menu,
 * "anywhere", the search results, the question and the mouse on the left,
 * the entry and the prompt on the right. */
enum { COL_SINGLE, COL_LEFT, COL_RIGHT, COL_COUNT };

struct help_col {
    struct help_line *lines;
    size_t n;
    int keys_w; /* the widest key list */
};

struct help_view {
    struct view v;
    struct help_col col[COL_COUNT];
    int two;    /* two columns, decided by place() */
    size_t top;
};

static void add_key_name(char *dst, size_t cap, int key)
{
    char buf[16];
    const char *name = keymap_key_name(key, buf);
    /* The same name twice (three codes for Enter) is listed once. */
    size_t nl = strlen(name);
    for (const char *p = dst; (p = strstr(p, name)) != NULL; p += nl)
        if ((p == dst || p[-1] == ' ') && (p[nl] == ',' || p[nl] == '\0'))
            return;
    size_t used = strlen(dst);
    if (used + nl + 3 > cap)
        return;
    if (used) {
        memcpy(dst + used, ", ", 2);
        used += 2;
    }
    memcpy(dst + used, name, nl + 1);
}

static void add_context(struct help_col *c, enum km_context ctx)
{
    size_t n_table;
    const struct km_binding *t = keymap_table(&n_table);
    int first = 1;
    for (size_t i = 0; i < n_table; i++) {
        if (t[i].ctx != ctx || !t[i].help)
            continue;
        if (first) {
            if (c->n)
                c->lines[c->n++] = (struct help_line){.text = NULL};
            c->lines[c->n++] = (struct help_line){.text = keymap_context_name(ctx), .heading = 1};
            first = 0;
        }
        struct help_line *l = &c->lines[c->n++];
        l->text = t[i].help;
        /* Help-less rows of the same context and action add their keys. */
        for (size_t j = 0; j < n_table; j++) {
            if (t[j].ctx != ctx || t[j].action != t[i].action || (j != i && t[j].help) ||
                (j != i && t[i].action == BL_ACT_NONE))
                continue;
            for (int k = 0; k < KM_MAX_KEYS && t[j].keys[k]; k++)
                add_key_name(l->keys, sizeof l->keys, t[j].keys[k]);
        }
        if ((int)strlen(l->keys) > c->keys_w)
            c->keys_w = (int)strlen(l->keys);
    }
}

static int build(struct help_view *h)
{
    size_t n_table;
    keymap_table(&n_table);
    for (int c = 0; c < COL_COUNT; c++) {
        h->col[c].lines = calloc(n_table + 2 * KM_CONTEXT_COUNT, sizeof *h->col[c].lines);
        if (!h->col[c].lines)
            return -1;
    }
    add_context(&h->col[COL_SINGLE], KM_ANY);
    add_context(&h->col[COL_SINGLE], KM_MENU);
    add_context(&h->col[COL_SINGLE], KM_DETAIL);
    add_context(&h->col[COL_SINGLE], KM_RESULTS);
    add_context(&h->col[COL_SINGLE], KM_PROMPT);
    add_context(&h->col[COL_SINGLE], KM_QUESTION);
    add_context(&h->col[COL_SINGLE], KM_MOUSE);
    add_context(&h->col[COL_LEFT], KM_MENU);
    add_context(&h->col[COL_LEFT], KM_ANY);
    add_context(&h->col[COL_LEFT], KM_RESULTS);
    add_context(&h->col[COL_LEFT], KM_QUESTION);
    add_context(&h->col[COL_LEFT], KM_MOUSE);
    add_context(&h->col[COL_RIGHT], KM_DETAIL);
    add_context(&h->col[COL_RIGHT], KM_PROMPT);
    return 0;
}

static size_t n_rows(const struct help_view *h)
{
    if (!h->two)
        return h->col[COL_SINGLE].n;
    size_t l = h->col[COL_LEFT].n, r = h->col[COL_RIGHT].n;
    return l > r ? l : r;
}

static struct rect help_place(struct view *v, struct rect avail, struct rect bar)
{
    (void)bar;
    struct help_view *h = (struct help_view *)v;
    h->two = avail.w >= 80;
    int w = h->two ? 96 : 64;
    if (w > avail.w)
        w = avail.w;
    int want = (int)n_rows(h) + 3; /* borders and the footer */
    int hh = want > avail.h ? avail.h : want;
    h->top = 0;
    return (struct rect){.y = avail.y + (avail.h - hh) / 2, .x = avail.x + (avail.w - w) / 2,
                         .h = hh, .w = w};
}

static size_t visible(const struct help_view *h)
{
    int rows = getmaxy(h->v.win) - 3;
    return rows < 0 ? 0 : (size_t)rows;
}

static void draw_col(struct view *v, const struct help_col *c, size_t top, size_t rows, int x,
                     int width)
{
    WINDOW *w = v->win;
    int ascii = v->term->ascii;
    for (size_t i = 0; i < rows && top + i < c->n; i++) {
        const struct help_line *l = &c->lines[top + i];
        if (!l->text || width <= 0)
            continue;
        wmove(w, 1 + (int)i, x);
        if (l->heading) {
            wattrset(w, v->term->attr[TH_HEADING]);
            draw_str(w, l->text, width, ascii);
            wattrset(w, A_NORMAL);
            continue;
        }
        int kc = c->keys_w + 2;
        if (kc > width / 2)
            kc = width / 2;
        wattrset(w, A_BOLD);
        int used = draw_str(w, l->keys, kc - 1, ascii);
        wattrset(w, A_NORMAL);
        draw_fill(w, kc - used);
        if (width > kc)
            draw_str(w, l->text, width - kc, ascii);
    }
}

/* Box-drawing characters themselves rather than ACS: the same cells on every
 * UTF-8 terminal, in screen dumps, and for screen readers. */
static void unicode_box(WINDOW *w)
{
    static const wchar_t chars[] = {L'\u2502', L'\u2502', L'\u2500', L'\u2500',
                                    L'\u250c', L'\u2510', L'\u2514', L'\u2518'};
    cchar_t c[8];
    for (int i = 0; i < 8; i++) {
        wchar_t wc[2] = {chars[i], L'\0'};
        setcchar(&c[i], wc, A_NORMAL, 0, NULL);
    }
    wborder_set(w, &c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], &c[7]);
}

static void help_draw(struct view *v)
{
    struct help_view *h = (struct help_view *)v;
    WINDOW *w = v->win;
    int hh = getmaxy(w), ww = getmaxx(w);
    int ascii = v->term->ascii;
    werase(w);
    if (hh >= 3 && ww >= 3) {
        if (ascii)
            wborder(w, '|', '|', '-', '-', '+', '+', '+', '+');
        else
            unicode_box(w);
        if (ww > 8) {
            wmove(w, 0, 2);
            wattrset(w, A_BOLD);
            draw_str(w, " Keys ", ww - 4, ascii);
            wattrset(w, A_NORMAL);
        }
    }
    int inner = ww - 4;
    size_t rows = visible(h);
    if (h->two) {
        int half = (inner - 2) / 2;
        draw_col(v, &h->col[COL_LEFT], h->top, rows, 2, half);
        draw_col(v, &h->col[COL_RIGHT], h->top, rows, 2 + half + 2, inner - half - 2);
    } else {
        draw_col(v, &h->col[COL_SINGLE], h->top, rows, 2, inner);
    }
    if (hh >= 2 && inner > 0) {
        wmove(w, hh - 2, 2);
        wattrset(w, v->term->attr[TH_META]);
        draw_str(w, n_rows(h) > rows ? "Up/Down scroll - any other key closes"
                                     : "Press any key to close",
                 inner, ascii);
        wattrset(w, A_NORMAL);
    }
}

static struct view_result help_key(struct view *v, enum bl_action a, const struct view_event *ev)
{
    struct help_view *h = (struct help_view *)v;
    size_t rows = visible(h), n = n_rows(h);
    size_t max = n > rows ? n - rows : 0;
    size_t old = h->top;
    long delta = 0;
    if (ev->key == KM_PASTE)
        return (struct view_result){VIEW_HANDLED, NULL}; /* not keys */
    if (a == BL_ACT_REDRAW)
        return (struct view_result){0, NULL}; /* the screen's */
    int wheel = ev->key == KM_FN(KEY_MOUSE) &&
                (ev->buttons & (BUTTON4_PRESSED | BUTTON5_PRESSED));
    if (wheel) {
        delta = ev->buttons & BUTTON4_PRESSED ? -3 : 3;
    } else if (max > 0) {
        long page = (long)(rows > 1 ? rows - 1 : 1);
        switch (a) {
        case BL_ACT_UP: delta = -1; break;
        case BL_ACT_DOWN: delta = 1; break;
        case BL_ACT_PAGE_UP: delta = -page; break;
        case BL_ACT_PAGE_DOWN: delta = page; break;
        case BL_ACT_HOME: delta = -(long)n; break;
        case BL_ACT_END: delta = (long)n; break;
        default: break;
        }
    }
    if (delta == 0 && !wheel)
        return (struct view_result){VIEW_HANDLED | VIEW_CLOSE | VIEW_REDRAW, NULL};
    if (delta < 0)
        h->top = (size_t)-delta > h->top ? 0 : h->top - (size_t)-delta;
    else
        h->top += (size_t)delta;
    if (h->top > max)
        h->top = max;
    return (struct view_result){VIEW_HANDLED | (h->top != old ? VIEW_REDRAW : 0), NULL};
}

static void help_cursor(struct view *v, int *y, int *x)
{
    (void)v;
    *y = getmaxy(v->win) > 2 ? 1 : 0;
    *x = getmaxx(v->win) > 2 ? 2 : 0;
}

static void help_destroy(struct view *v)
{
    struct help_view *h = (struct help_view *)v;
    for (int c = 0; c < COL_COUNT; c++)
        free(h->col[c].lines);
}

static const struct view_ops help_ops = {
    .name = "help",
    .keys = KM_DETAIL,
    .draw = help_draw,
    .key = help_key,
    .place = help_place,
    .cursor = help_cursor,
    .destroy = help_destroy,
};

struct view *help_view_new(const struct term *t)
{
    struct help_view *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->v.ops = &help_ops;
    h->v.term = t;
    if (build(h) != 0) {
        help_destroy(&h->v);
        free(h);
        return NULL;
    }
    return &h->v;
}
