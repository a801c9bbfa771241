/* fit_view.c — draws the fit finder (app.h, "The fit finder") in place of
 * both panes: a question with its answers, the list of questions to edit,
 * or the ranking with the selected role's explanation.  Only draws: every
 * key goes to the application state as an action. */
#include "borderless/layout.h"
#include "draw.h"
#include "panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fit_view {
    struct view v;
    int cur_y; /* the highlighted row, for the cursor */
    int page; /* rows of the explanation shown */
    /* Where the last draw put the list a click picks from: its first row
     * (`first`) from window row list_y down to list_end (exclusive); a
     * question's rows wrap (their heights: row_height at `width`).  The
     * ranking's explanation starts at row expl_y (wheel: scroll it). */
    size_t first;
    int list_y, list_end, width, expl_y;
};

static enum km_context fit_context(const struct view *v)
{
    return v->app->fit.screen == BL_FITUI_RESULTS ? KM_FIT_RESULTS : KM_FIT_QUESTION;
}

/* ---- wrapped text -------------------------------------------------------- */

struct wrap_draw {
    WINDOW *w;
    const char *s;
    int y, x, max_y, cols, ascii;
    const char *lead, *rest; /* drawn before the first line, the others */
    attr_t attr;
    int lines;
};

static int emit(void *ctx, size_t start, size_t end, int cols)
{
    struct wrap_draw *d = ctx;
    (void)cols;
    if (d->w && d->y < d->max_y) {
        wmove(d->w, d->y, d->x);
        int used = draw_str(d->w, d->lines ? d->rest : d->lead, d->cols, d->ascii);
        wattrset(d->w, d->attr);
        draw_text(d->w, d->s + start, end - start, d->cols - used, d->ascii);
        wattrset(d->w, A_NORMAL);
    }
    d->y++;
    d->lines++;
    return 0;
}

/* Draws s wrapped in `cols` columns from (y, x), after lead on the first
 * line (rest on the others, of the same width), stopping at max_y; w NULL
 * only counts.  Returns the lines it takes. */
static int wrapped(WINDOW *w, int y, int x, int max_y, int cols, int ascii, const char *lead,
                   const char *rest, attr_t attr, const char *s)
{
    size_t n = 0;
    char *c = bl_text_sanitize(s, strlen(s), ascii, &n);
    if (!c)
        return 0;
    int lw = bl_text_width(lead, strlen(lead));
    struct wrap_draw d = {.w = w,
                          .s = c,
                          .y = y,
                          .x = x,
                          .max_y = max_y,
                          .cols = cols,
                          .ascii = ascii,
                          .lead = lead,
                          .rest = rest,
                          .attr = attr};
    bl_wrap(c, n, cols - lw, emit, &d);
    free(c);
    return d.lines;
}

static const char *mark(const struct view *v)
{
    return v->term->ascii ? ">" : "\u25b8";
}

/* ---- a question ------------------------------------------------------------ */

static void row_lead(const struct view *v, size_t q, size_t row, size_t n, char *buf, size_t size)
{
    const bl_app *a = v->app;
    int areas = a->g->fit_questions[q].kind == BL_FITQ_AREAS;
    int cur = (long)row == a->fit.cursor;
    char num[4] = "  ";
    if (row + 1 == n)
        snprintf(num, sizeof num, "0");
    else if (row < 5 && !areas)
        snprintf(num, sizeof num, "%zu", row + 1);
    if (areas && row + 1 < n)
        snprintf(buf, size, " %s %s [%s] ", cur ? mark(v) : " ", num,
                 bl_app_fit_row_on(a, q, row) ? "x" : " ");
    else
        snprintf(buf, size, " %s %s  ", cur ? mark(v) : " ", num);
}

/* The lines row `row` of question q takes, wrapped under its lead. */
static int row_height(const struct view *v, size_t q, size_t row, size_t n, int width)
{
    char lead[48], rest[48];
    row_lead(v, q, row, n, lead, sizeof lead);
    snprintf(rest, sizeof rest, "%*s", bl_text_width(lead, strlen(lead)), "");
    return wrapped(NULL, 0, 0, 0, width - 1, v->term->ascii, lead, rest, 0,
                   bl_app_fit_row_label(v->app, q, row));
}

static void draw_question(struct fit_view *fv, WINDOW *w, int h, int width)
{
    const struct view *v = &fv->v;
    const bl_app *a = v->app;
    const attr_t *at = v->term->attr;
    int ascii = v->term->ascii;
    size_t q = a->fit.q, n = bl_app_fit_rows(a, q);
    const bl_fit_question *fq = &a->g->fit_questions[q];
    char buf[96];
    wmove(w, 0, 1);
    wattrset(w, at[TH_META]);
    snprintf(buf, sizeof buf, "Question %zu of %zu", q + 1, a->g->n_fit_questions);
    int used = 1 + draw_str(w, buf, width - 2, ascii);
    if (bl_app_fit_important(a, q) && used + 14 < width) {
        wattrset(w, at[TH_MESSAGE]);
        draw_str(w, "  ! important", width - used - 1, ascii);
    }
    wattrset(w, A_NORMAL);
    int y = 2;
    y += wrapped(w, y, 1, h, width - 2, ascii, "", "", at[TH_ENTRY_TITLE], fq->text);
    y++;
    /* The rows, each wrapped under its label; scrolled so that the
     * highlighted one shows whole. */
    const char *hint = fq->kind == BL_FITQ_AREAS
        ? "Space picks or unpicks an area, 0 clears them; Enter goes on."
        : fq->kind == BL_FITQ_LEVEL ? "Arrows or 0-5 choose, Enter goes on, ! marks it important."
                                    : "This answer only checks the ways in; Enter goes on.";
    int hint_h = wrapped(NULL, 0, 0, 0, width - 2, ascii, "", "", 0, hint);
    int foot = h - y > (int)n + hint_h + 1 ? hint_h + 1 : 0;
    int room = h - y - foot;
    size_t cur = a->fit.cursor >= 0 && (size_t)a->fit.cursor < n ? (size_t)a->fit.cursor : 0;
    char lead[48];
    /* From the highlighted row up, as many whole rows as fit above it. */
    size_t first = cur;
    int sum = row_height(v, q, cur, n, width);
    while (first > 0) {
        int k = row_height(v, q, first - 1, n, width);
        if (sum + k > room)
            break;
        sum += k;
        first--;
    }
    fv->cur_y = y;
    fv->first = first;
    fv->list_y = y;
    fv->list_end = h - foot;
    fv->width = width;
    for (size_t r = first; r < n && y < h - foot; r++) {
        row_lead(v, q, r, n, lead, sizeof lead);
        int lw = bl_text_width(lead, strlen(lead));
        char rest[48];
        snprintf(rest, sizeof rest, "%*s", lw, "");
        int on = bl_app_fit_row_on(a, q, r), is_cur = r == cur;
        attr_t attr = fq->kind == BL_FITQ_AREAS && on ? at[TH_ENTRY_TITLE] : A_NORMAL;
        if (is_cur)
            fv->cur_y = y;
        int k = wrapped(w, y, 0, h - foot, width - 1, ascii, lead, rest, attr,
                        bl_app_fit_row_label(a, q, r));
        if (is_cur)
            for (int i = 0; i < k && y + i < h - foot; i++)
                draw_mark(w, y + i, 0, width, at[TH_SEL]);
        y += k;
    }
    if (foot)
        wrapped(w, h - hint_h, 1, h, width - 2, ascii, "", "", at[TH_META], hint);
}

/* ---- choosing a question to edit ------------------------------------------- */

static void draw_pick(struct fit_view *fv, WINDOW *w, int h, int width)
{
    const bl_app *a = fv->v.app;
    const attr_t *at = fv->v.term->attr;
    int ascii = fv->v.term->ascii;
    wmove(w, 0, 1);
    wattrset(w, at[TH_ENTRY_TITLE]);
    draw_str(w, "Which answer do you want to change?", width - 2, ascii);
    wattrset(w, A_NORMAL);
    int top = 2, rows = h - top;
    if (rows < 1)
        return;
    size_t n = a->g->n_fit_questions, first = 0;
    if (a->fit.pick >= (size_t)rows)
        first = a->fit.pick - (size_t)rows + 1;
    fv->cur_y = top;
    fv->first = first;
    fv->list_y = top;
    fv->list_end = h;
    for (size_t i = first; i < n && (int)(i - first) < rows; i++) {
        int y = top + (int)(i - first);
        char ans[128], line[256];
        snprintf(line, sizeof line, "%s: %s%s", bl_app_fit_question_name(a, i),
                 bl_app_fit_answer_text(a, i, ans, sizeof ans),
                 bl_app_fit_important(a, i) ? " (important)" : "");
        int cur = i == a->fit.pick;
        wmove(w, y, 0);
        draw_str(w, cur ? mark(&fv->v) : " ", 1, ascii);
        snprintf(ans, sizeof ans, "%2zu ", i + 1);
        waddch(w, ' ');
        draw_str(w, ans, width - 2, ascii);
        draw_str(w, line, width - getcurx(w), ascii);
        if (cur) {
            draw_mark(w, y, 0, width, at[TH_SEL]);
            fv->cur_y = y;
        }
    }
}

/* ---- the ranking ------------------------------------------------------------ */

static int digits(size_t n)
{
    int d = 1;
    while (n >= 10) {
        n /= 10;
        d++;
    }
    return d;
}

/* The ranking's head sentence; below it (from row *list_y) *list rows of
 * roles, a rule, then the explanation (its page set in fv). */
static void results_geometry(struct fit_view *fv, int h, int width, int *list_y, int *list,
                             char *head, size_t size)
{
    const bl_fit_ranking *r = &fv->v.app->fit.rank;
    if (r->answered == 0)
        snprintf(head, size,
                 "No preference on any question, so every role ties for first place. "
                 "e answers a question.");
    else if (r->all_tied)
        snprintf(head, size,
                 "Every role has the same score for your answers: they all share first "
                 "place.");
    else
        snprintf(head, size, "Every role ranked by your %d answer%s: guidance, not a verdict.",
                 r->answered, r->answered == 1 ? "" : "s");
    int y = wrapped(NULL, 0, 0, 0, width - 2, fv->v.term->ascii, "", "", 0, head);
    int avail = h - y - 1;
    int n = (int)r->n;
    int most = avail * 2 / 5 > 3 ? avail * 2 / 5 : 3;
    if (n > most)
        n = most;
    if (n > avail)
        n = avail;
    *list_y = y;
    *list = n;
    int rest = h - y - n - 1;
    fv->page = rest > 1 ? rest - 1 : 1;
}

static void draw_results(struct fit_view *fv, WINDOW *w, int h, int width)
{
    const bl_app *a = fv->v.app;
    const attr_t *at = fv->v.term->attr;
    int ascii = fv->v.term->ascii;
    const bl_fit_ranking *r = &a->fit.rank;
    fv->cur_y = 0;
    fv->page = 1;
    if (!r->v || !r->n) {
        wmove(w, 0, 1);
        draw_str(w, "(not enough memory to rank the roles)", width - 2, ascii);
        return;
    }
    int y = 0, list = 0;
    char head[160];
    results_geometry(fv, h, width, &y, &list, head, sizeof head);
    wrapped(w, 0, 1, h, width - 2, ascii, "", "", at[TH_META], head);
    if (list < 1)
        return;
    size_t first = a->fit.sel >= (size_t)list ? a->fit.sel - (size_t)list + 1 : 0;
    fv->first = first;
    fv->list_y = y;
    fv->list_end = y + list;
    fv->expl_y = y + list + 1;
    int cells = width >= 60 ? 10 : 5, rw = 1 + digits(r->n);
    for (int i = 0; i < list && first + (size_t)i < r->n; i++) {
        size_t k = first + (size_t)i;
        const bl_fit_score *s = &r->v[k];
        int shared =
            (k > 0 && r->v[k - 1].rank == s->rank) || (k + 1 < r->n && r->v[k + 1].rank == s->rank);
        char rank[24], bar[10 * 3 + 1], line[128];
        snprintf(rank, sizeof rank, "%s%d", shared ? "=" : "", s->rank);
        int pct = bl_fit_percent(s);
        bl_bar((pct * cells + 50) / 100, cells, bar, sizeof bar);
        if (width >= 60)
            snprintf(line, sizeof line, "%*s %s %3d%%  fits %d of %d  ", rw, rank, bar, pct,
                     s->fits, s->answered);
        else
            snprintf(line, sizeof line, "%*s %s %3d%% ", rw, rank, bar, pct);
        int yy = y + i, cur = k == a->fit.sel;
        wmove(w, yy, 0);
        draw_str(w, cur ? mark(&fv->v) : " ", 1, ascii);
        draw_str(w, line, width - 1, ascii);
        draw_str(w, a->g->entries[s->role].title, width - getcurx(w), ascii);
        if (cur) {
            draw_mark(w, yy, 0, width, at[TH_SEL]);
            fv->cur_y = yy;
        }
    }
    y += list;
    wmove(w, y, 0);
    wattrset(w, at[TH_BORDER]);
    for (int x = 0; x < width; x++)
        draw_str(w, ascii ? "-" : "\u2500", 1, ascii);
    wattrset(w, A_NORMAL);
    y++;
    for (size_t i = a->fit.top; i < a->fit.n_lines && y < h; i++, y++) {
        const bl_fitui_line *ln = &a->fit.lines[i];
        wmove(w, y, 1);
        attr_t attr = ln->kind == BL_FITUI_HEAD ? at[TH_ENTRY_TITLE] : A_NORMAL;
        wattrset(w, attr);
        draw_str(w, ln->text, width - 2, ascii);
        wattrset(w, A_NORMAL);
    }
}

/* ---- the view ---------------------------------------------------------------- */

static void fit_draw(struct view *v)
{
    struct fit_view *fv = (struct fit_view *)v;
    WINDOW *w = v->win;
    int h = getmaxy(w), width = getmaxx(w);
    werase(w);
    fv->list_y = fv->list_end = 0; /* no list: clicks do nothing */
    fv->expl_y = h;
    switch (v->app->fit.screen) {
    case BL_FITUI_QUESTION:
        draw_question(fv, w, h, width);
        break;
    case BL_FITUI_PICK:
        draw_pick(fv, w, h, width);
        break;
    case BL_FITUI_RESULTS:
        draw_results(fv, w, h, width);
        break;
    default:
        break;
    }
}

/* The row of the shown list at window row y (-1: none there). */
static long row_at(const struct fit_view *fv, int y)
{
    const struct view *v = &fv->v;
    const bl_app *a = v->app;
    if (y < fv->list_y || y >= fv->list_end)
        return -1;
    switch (a->fit.screen) {
    case BL_FITUI_QUESTION: {
        size_t q = a->fit.q, n = bl_app_fit_rows(a, q);
        int top = fv->list_y;
        for (size_t r = fv->first; r < n && top < fv->list_end; r++) {
            int k = row_height(v, q, r, n, fv->width);
            if (y < top + (k > 0 ? k : 1))
                return (long)r;
            top += k > 0 ? k : 1;
        }
        return -1;
    }
    case BL_FITUI_PICK: {
        size_t i = fv->first + (size_t)(y - fv->list_y);
        return i < a->g->n_fit_questions ? (long)i : -1;
    }
    case BL_FITUI_RESULTS: {
        size_t i = fv->first + (size_t)(y - fv->list_y);
        return i < a->fit.rank.n ? (long)i : -1;
    }
    default:
        return -1;
    }
}

/* A click on a row: FIT_CLICK (the application chooses, selects or
 * opens); the wheel moves in the list, or scrolls the ranking's
 * explanation when over it. */
static enum bl_action fit_mouse(struct view *v, const struct view_event *ev, struct bl_app_arg *arg)
{
    const struct fit_view *fv = (const struct fit_view *)v;
    if (ev->buttons & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
        int up = (ev->buttons & BUTTON4_PRESSED) != 0;
        if (v->app->fit.screen == BL_FITUI_RESULTS && ev->y >= fv->expl_y) {
            arg->n = up ? -3 : 3;
            return BL_ACT_SCROLL;
        }
        arg->n = up ? -1 : 1;
        return BL_ACT_MENU_STEP;
    }
    if (!(ev->buttons & BUTTON1_PRESSED))
        return BL_ACT_NONE;
    long row = row_at(fv, ev->y);
    if (row < 0)
        return BL_ACT_NONE;
    arg->n = row;
    return BL_ACT_FIT_CLICK;
}

static long fit_page(const struct view *v)
{
    struct fit_view *fv = (struct fit_view *)v;
    if (v->win && v->app->fit.rank.v) {
        int y, list;
        char head[160];
        results_geometry(fv, getmaxy(v->win), getmaxx(v->win), &y, &list, head, sizeof head);
    }
    return fv->page > 0 ? fv->page : 1;
}

static void fit_cursor(struct view *v, int *y, int *x)
{
    *y = ((struct fit_view *)v)->cur_y;
    *x = 0;
}

static const struct view_ops fit_ops = {
    .name = "fit",
    .context = fit_context,
    .draw = fit_draw,
    .mouse = fit_mouse,
    .page = fit_page,
    .cursor = fit_cursor,
};

struct view *fit_view_new(const struct term *t, const bl_app *app)
{
    struct fit_view *fv = calloc(1, sizeof *fv);
    if (!fv)
        return NULL;
    fv->v = (struct view){.ops = &fit_ops, .term = t, .app = app};
    fv->page = 1;
    return &fv->v;
}
