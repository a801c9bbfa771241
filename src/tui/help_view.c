#include "draw.h"
#include "panes.h"

#include <stdlib.h>
#include <string.h>

/* The help overlay: every action of the key table with its keys, grouped
 * by context; an action and its opposite (Up, Down) share a line.  Any key
 * closes it, except that the scrolling keys scroll it when it does not
 * fit.  Opened in the fit finder it lists only what works there: that
 * context's keys, then moving and anywhere, each action only when
 * bl_app_fit_offers() says it does something on that screen, and each key
 * only when it is not taken by something else there (Space is a pick,
 * not a page). */

struct help_line {
    char keys[64]; /* "" for a heading or a blank line */
    const char *text; /* description, heading, or NULL for a blank line */
    int heading;
};

/* One column: every context; two columns (80 columns and more): anywhere,
 * moving and the menu on the left, the entry, the prompt and the question
 * on the right. */
enum { COL_SINGLE, COL_LEFT, COL_RIGHT, COL_COUNT };

struct help_col {
    struct help_line *lines;
    size_t n;
    int keys_w; /* the widest key list */
};

struct help_view {
    struct view v;
    struct help_col col[COL_COUNT];
    int two; /* two columns, decided by place() */
    size_t top;
};

/* The names of keys[0..n), once each ("Enter" has three codes). */
static size_t key_names(const int *keys, size_t n, const char *names[], char bufs[][16])
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = keymap_key_name(keys[i], bufs[m]);
        int dup = 0;
        for (size_t j = 0; j < m; j++)
            dup |= strcmp(names[j], name) == 0;
        if (!dup)
            names[m++] = name;
    }
    return m;
}

static void append(char *dst, size_t cap, const char *s)
{
    size_t used = strlen(dst), n = strlen(s);
    if (used + n + 1 > cap)
        return;
    memcpy(dst + used, s, n + 1);
}

/* The keys of a bound in ctx, less those that `active` gives to another
 * action (KM_CONTEXT_COUNT: all of them). */
static size_t keys_of(enum km_context ctx, enum km_context active, enum bl_action a, int *keys,
                      size_t max)
{
    size_t n = keymap_keys_of(ctx, a, keys, max), m = 0;
    for (size_t i = 0; i < n; i++)
        if (active == KM_CONTEXT_COUNT || keymap_lookup(active, keys[i]) == a)
            keys[m++] = keys[i];
    return m;
}

/* "Up/Down, k/j", "Ctrl-U/K"; unequal lists: "a, b / c". */
static void format_keys(char *dst, size_t cap, enum km_context ctx, enum km_context active,
                        enum bl_action a, enum bl_action pair)
{
    int ka[KM_MAX_KEYS * 2], kb[KM_MAX_KEYS * 2];
    const char *na[KM_MAX_KEYS * 2], *nb[KM_MAX_KEYS * 2];
    char ba[KM_MAX_KEYS * 2][16], bb[KM_MAX_KEYS * 2][16];
    size_t ma = key_names(ka, keys_of(ctx, active, a, ka, KM_MAX_KEYS * 2), na, ba);
    size_t mb = pair ? key_names(kb, keys_of(ctx, active, pair, kb, KM_MAX_KEYS * 2), nb, bb) : 0;
    dst[0] = '\0';
    if (mb && mb == ma) {
        for (size_t i = 0; i < ma; i++) {
            if (i)
                append(dst, cap, ", ");
            append(dst, cap, na[i]);
            append(dst, cap, "/");
            int ctrl = strncmp(na[i], "Ctrl-", 5) == 0 && strncmp(nb[i], "Ctrl-", 5) == 0;
            append(dst, cap, ctrl ? nb[i] + 5 : nb[i]);
        }
        return;
    }
    for (size_t i = 0; i < ma; i++) {
        if (i)
            append(dst, cap, ", ");
        append(dst, cap, na[i]);
    }
    for (size_t i = 0; i < mb; i++) {
        append(dst, cap, i ? ", " : " / ");
        append(dst, cap, nb[i]);
    }
}

/* Appends ctx's bindings to c under its heading (none without a line).
 * fit: the fit finder is shown (active: its context), only what it offers. */
static void add_context(struct help_col *c, enum km_context ctx, const bl_app *fit,
                        enum km_context active)
{
    size_t n_table;
    const struct km_binding *t = keymap_table(&n_table);
    int first = 1;
    for (size_t i = 0; i < n_table; i++) {
        const struct bl_action_info *info = bl_action_info(t[i].action);
        if (t[i].ctx != ctx || !info->help || (fit && !bl_app_fit_offers(fit, t[i].action)))
            continue;
        int seen = 0; /* an earlier row of the same action */
        for (size_t j = 0; j < i; j++)
            seen |= t[j].ctx == ctx && t[j].action == t[i].action;
        if (seen)
            continue;
        char keys[sizeof c->lines->keys];
        format_keys(keys, sizeof keys, ctx, fit ? active : KM_CONTEXT_COUNT, t[i].action,
                    info->pair);
        if (!keys[0])
            continue; /* every key of it means something else here */
        if (first) {
            if (c->n)
                c->lines[c->n++] = (struct help_line){.text = NULL};
            const char *name = fit && ctx == KM_MOVE ? "Moving" : keymap_context_name(ctx);
            c->lines[c->n++] = (struct help_line){.text = name, .heading = 1};
            first = 0;
        }
        struct help_line *l = &c->lines[c->n++];
        l->text = info->help;
        memcpy(l->keys, keys, sizeof keys);
        int kw = bl_text_width(l->keys, strlen(l->keys));
        if (kw > c->keys_w)
            c->keys_w = kw;
    }
}

static int build(struct help_view *h, const bl_app *app, enum km_context active)
{
    size_t n_table;
    keymap_table(&n_table);
    for (int c = 0; c < COL_COUNT; c++) {
        h->col[c].lines = calloc(n_table + 2 * KM_CONTEXT_COUNT, sizeof *h->col[c].lines);
        if (!h->col[c].lines)
            return -1;
    }
    if (app && app->fit.screen != BL_FITUI_OFF &&
        (active == KM_FIT_QUESTION || active == KM_FIT_RESULTS)) {
        /* The fit finder's own keys first, then what else works there. */
        add_context(&h->col[COL_SINGLE], active, app, active);
        add_context(&h->col[COL_SINGLE], KM_MOVE, app, active);
        add_context(&h->col[COL_SINGLE], KM_ANY, app, active);
        add_context(&h->col[COL_LEFT], active, app, active);
        add_context(&h->col[COL_RIGHT], KM_MOVE, app, active);
        add_context(&h->col[COL_RIGHT], KM_ANY, app, active);
        return 0;
    }
    static const enum km_context single[] = {KM_ANY,      KM_MOVE,         KM_MENU,
                                             KM_DETAIL,   KM_COMPARE,      KM_PROMPT,
                                             KM_QUESTION, KM_FIT_QUESTION, KM_FIT_RESULTS};
    for (size_t i = 0; i < sizeof single / sizeof single[0]; i++)
        add_context(&h->col[COL_SINGLE], single[i], NULL, KM_CONTEXT_COUNT);
    add_context(&h->col[COL_LEFT], KM_ANY, NULL, KM_CONTEXT_COUNT);
    add_context(&h->col[COL_LEFT], KM_MOVE, NULL, KM_CONTEXT_COUNT);
    add_context(&h->col[COL_LEFT], KM_MENU, NULL, KM_CONTEXT_COUNT);
    add_context(&h->col[COL_RIGHT], KM_DETAIL, NULL, KM_CONTEXT_COUNT);
    add_context(&h->col[COL_RIGHT], KM_COMPARE, NULL, KM_CONTEXT_COUNT);
    add_context(&h->col[COL_RIGHT], KM_PROMPT, NULL, KM_CONTEXT_COUNT);
    add_context(&h->col[COL_RIGHT], KM_QUESTION, NULL, KM_CONTEXT_COUNT);
    add_context(&h->col[COL_LEFT], KM_FIT_QUESTION, NULL, KM_CONTEXT_COUNT);
    add_context(&h->col[COL_RIGHT], KM_FIT_RESULTS, NULL, KM_CONTEXT_COUNT);
    return 0;
}

static size_t n_rows(const struct help_view *h)
{
    if (!h->two)
        return h->col[COL_SINGLE].n;
    size_t l = h->col[COL_LEFT].n, r = h->col[COL_RIGHT].n;
    return l > r ? l : r;
}

static struct rect help_place(struct view *v, struct rect avail)
{
    struct help_view *h = (struct help_view *)v;
    h->two = avail.w >= 80;
    int w = h->two ? 96 : 64;
    if (w > avail.w)
        w = avail.w;
    int want = (int)n_rows(h) + 2; /* the borders (the footer is on the lower one) */
    int hh = want > avail.h ? avail.h : want;
    h->top = 0;
    return (struct rect){
        .y = avail.y + (avail.h - hh) / 2, .x = avail.x + (avail.w - w) / 2, .h = hh, .w = w};
}

static size_t visible(const struct help_view *h)
{
    int rows = getmaxy(h->v.win) - 2;
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
        /* The descriptions keep at least 16 columns. */
        int kc = c->keys_w + 1;
        if (kc > width - 16)
            kc = width - 16 > width / 2 ? width - 16 : width / 2;
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
        int half = (inner - 1) / 2;
        draw_col(v, &h->col[COL_LEFT], h->top, rows, 2, half);
        draw_col(v, &h->col[COL_RIGHT], h->top, rows, 2 + half + 1, inner - half - 1);
    } else {
        draw_col(v, &h->col[COL_SINGLE], h->top, rows, 2, inner);
    }
    if (hh >= 3 && inner > 0) {
        /* On the lower border. */
        wmove(w, hh - 1, 2);
        wattrset(w, v->term->attr[TH_META]);
        draw_str(w,
                 n_rows(h) > rows ? " Up/Down scroll - any other key closes "
                                  : " Press any key to close ",
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
    int wheel = ev->key == KM_FN(KEY_MOUSE) && (ev->buttons & (BUTTON4_PRESSED | BUTTON5_PRESSED));
    if (wheel) {
        delta = ev->buttons & BUTTON4_PRESSED ? -3 : 3;
    } else if (max > 0) {
        long page = (long)(rows > 1 ? rows - 1 : 1);
        switch (a) {
        case BL_ACT_UP:
            delta = -1;
            break;
        case BL_ACT_DOWN:
            delta = 1;
            break;
        case BL_ACT_PAGE_UP:
            delta = -page;
            break;
        case BL_ACT_PAGE_DOWN:
            delta = page;
            break;
        case BL_ACT_HOME:
            delta = -(long)n;
            break;
        case BL_ACT_END:
            delta = (long)n;
            break;
        default:
            break;
        }
    }
    if (delta == 0 && !wheel)
        return (struct view_result){VIEW_HANDLED | VIEW_CLOSE | VIEW_REDRAW};
    if (delta < 0)
        h->top = (size_t)-delta > h->top ? 0 : h->top - (size_t)-delta;
    else
        h->top += (size_t)delta;
    if (h->top > max)
        h->top = max;
    return (struct view_result){VIEW_HANDLED | (h->top != old ? VIEW_REDRAW : 0)};
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
    .draw = help_draw,
    .key = help_key,
    .place = help_place,
    .cursor = help_cursor,
    .destroy = help_destroy,
};

struct view *help_view_new(const struct term *t, const bl_app *app, enum km_context active)
{
    struct help_view *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->v.ops = &help_ops;
    h->v.term = t;
    if (build(h, app, active) != 0) {
        help_destroy(&h->v);
        free(h);
        return NULL;
    }
    return &h->v;
}
