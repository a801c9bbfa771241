/* app_fit.c — the fit finder in the guide: its questions one a screen, the
 * ranking with the selected role's explanation, editing an answer,
 * clearing them, and keeping them between runs (app.h, "The fit finder").
 * No curses: the view (src/tui/fit_view.c) draws this state. */
#include "app_int.h"

#include "borderless/userstate.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the questions --------------------------------------------------- */

static const bl_fit_question *question(const bl_app *a, size_t q)
{
    return &a->g->fit_questions[q];
}

static size_t n_questions(const bl_app *a)
{
    return a->g->n_fit_questions;
}

size_t bl_app_fit_rows(const bl_app *a, size_t q)
{
    const bl_fit_question *fq = question(a, q);
    switch (fq->kind) {
    case BL_FITQ_LEVEL:
        return BL_FIT_ANSWERS + 1;
    case BL_FITQ_AREAS:
        return a->g->n_crime_areas + 1;
    default:
        return fq->n_choices + 1;
    }
}

const char *bl_app_fit_row_label(const bl_app *a, size_t q, size_t row)
{
    const bl_fit_question *fq = question(a, q);
    size_t n = bl_app_fit_rows(a, q);
    if (row + 1 >= n)
        return fq->kind == BL_FITQ_AREAS ? "No preference (no picks)" : "No preference";
    switch (fq->kind) {
    case BL_FITQ_LEVEL:
        return bl_fit_answer_label(a->g, fq->dim, (int)row);
    case BL_FITQ_AREAS:
        return a->g->crime_areas[row].label;
    default:
        return fq->choices[row].label;
    }
}

/* The answer a LEVEL, SITUATION or CITIZENSHIP question holds (NULL: the
 * crime areas). */
static int *slot(bl_app *a, size_t q)
{
    const bl_fit_question *fq = question(a, q);
    switch (fq->kind) {
    case BL_FITQ_LEVEL:
        return &a->fit.ans.level[fq->dim];
    case BL_FITQ_SITUATION:
        return &a->fit.ans.situation;
    case BL_FITQ_CITIZENSHIP:
        return &a->fit.ans.citizenship;
    default:
        return NULL;
    }
}

static int picked(const bl_app *a, size_t area)
{
    for (size_t i = 0; i < a->fit.ans.n_areas; i++)
        if (a->fit.ans.areas[i] == area)
            return 1;
    return 0;
}

int bl_app_fit_row_on(const bl_app *a, size_t q, size_t row)
{
    size_t n = bl_app_fit_rows(a, q);
    if (question(a, q)->kind == BL_FITQ_AREAS)
        return row + 1 >= n ? a->fit.ans.n_areas == 0 : picked(a, row);
    int v = *slot((bl_app *)a, q);
    return row + 1 >= n ? v < 0 : v == (int)row;
}

int bl_app_fit_important(const bl_app *a, size_t q)
{
    const bl_fit_question *fq = question(a, q);
    if (fq->kind == BL_FITQ_LEVEL)
        return a->fit.ans.important[fq->dim];
    return fq->kind == BL_FITQ_AREAS && a->fit.ans.areas_important;
}

const char *bl_app_fit_answer_text(const bl_app *a, size_t q, char *buf, size_t size)
{
    if (question(a, q)->kind == BL_FITQ_AREAS) {
        size_t k = a->fit.ans.n_areas;
        if (k == 1)
            snprintf(buf, size, "%s", a->g->crime_areas[a->fit.ans.areas[0]].label);
        else if (k)
            snprintf(buf, size, "%zu picked", k);
        else
            snprintf(buf, size, "no preference");
        return buf;
    }
    int v = *slot((bl_app *)a, q);
    snprintf(buf, size, "%s", v < 0 ? "no preference" : bl_app_fit_row_label(a, q, (size_t)v));
    return buf;
}

const char *bl_app_fit_question_name(const bl_app *a, size_t q)
{
    const bl_fit_question *fq = question(a, q);
    switch (fq->kind) {
    case BL_FITQ_LEVEL:
        return bl_fit_info(fq->dim)->label;
    case BL_FITQ_AREAS:
        return "Crime areas";
    case BL_FITQ_SITUATION:
        return "Where you are now";
    default:
        return "Citizenship";
    }
}

static int answered_any(const bl_fit_answers *ans)
{
    for (int d = 0; d < BL_FIT_COUNT; d++)
        if (ans->level[d] >= 0)
            return 1;
    return ans->n_areas || ans->situation >= 0 || ans->citizenship >= 0;
}

/* ---- the explanation of the selected role -------------------------------- */

static void lines_free(bl_app_fit *f)
{
    for (size_t i = 0; i < f->n_lines; i++)
        free(f->lines[i].text);
    free(f->lines);
    f->lines = NULL;
    f->n_lines = 0;
}

struct wrap_ctx {
    bl_app_fit *f;
    const char *s;
    enum bl_fitui_line_kind kind;
    size_t cap;
    int failed;
};

static int add_line(struct wrap_ctx *w, const char *lead, const char *s, size_t n)
{
    bl_app_fit *f = w->f;
    if (f->n_lines == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 64;
        bl_fitui_line *p = realloc(f->lines, cap * sizeof *p);
        if (!p)
            return w->failed = 1;
        f->lines = p;
        w->cap = cap;
    }
    size_t ln = strlen(lead);
    char *t = malloc(ln + n + 1);
    if (!t)
        return w->failed = 1;
    memcpy(t, lead, ln);
    memcpy(t + ln, s, n);
    t[ln + n] = '\0';
    f->lines[f->n_lines++] = (bl_fitui_line){.kind = w->kind, .text = t};
    return 0;
}

static int wrap_emit(void *ctx, size_t start, size_t end, int cols)
{
    struct wrap_ctx *w = ctx;
    (void)cols;
    const char *lead = "";
    if (w->kind == BL_FITUI_ITEM)
        lead = start == 0 ? "- " : "  ";
    return add_line(w, lead, w->s + start, end - start);
}

/* The selected role's explanation (bl_fit_role_render) wrapped at the
 * body's width, less a margin each side. */
static void explain(bl_app *a)
{
    bl_app_fit *f = &a->fit;
    lines_free(f);
    f->top = 0;
    if (!f->rank.v || f->sel >= f->rank.n)
        return;
    char *doc = NULL;
    size_t len = 0;
    int ascii = (a->layout_flags & BL_LAYOUT_ASCII) != 0;
    if (bl_fit_role_render(a->g, &f->ans, &f->rank, f->sel, ascii, &doc, &len) < 0) {
        app_say(a, BL_STATUS_ERROR, "Not enough memory to explain the ranking", NULL);
        return;
    }
    int width = f->width > 12 ? f->width - 2 : 10;
    struct wrap_ctx w = {.f = f};
    int blank = 1; /* no blank line first, nor two in a row */
    for (char *p = doc, *nl; p < doc + len && !w.failed; p = nl + 1) {
        nl = strchr(p, '\n');
        if (!nl)
            nl = doc + len;
        size_t n = (size_t)(nl - p);
        if (n == 0) {
            /* "Matched because:" runs on into its list. */
            const char *last = f->n_lines ? f->lines[f->n_lines - 1].text : "";
            size_t ll = strlen(last);
            if (ll && last[ll - 1] == ':' && nl + 1 < doc + len && nl[1] == '-')
                blank = 1;
            if (!blank) {
                w.kind = BL_FITUI_TEXT;
                add_line(&w, "", "", 0);
            }
            blank = 1;
            continue;
        }
        blank = 0;
        if (n > 3 && strncmp(p, "## ", 3) == 0) {
            w.kind = BL_FITUI_HEAD;
            p += 3;
            n -= 3;
        } else if (n > 2 && strncmp(p, "- ", 2) == 0) {
            w.kind = BL_FITUI_ITEM;
            p += 2;
            n -= 2;
        } else {
            w.kind = BL_FITUI_TEXT;
        }
        w.s = p;
        bl_wrap(p, n, w.kind == BL_FITUI_ITEM ? width - 2 : width, wrap_emit, &w);
    }
    free(doc);
    if (w.failed) {
        lines_free(f);
        app_say(a, BL_STATUS_ERROR, "Not enough memory to explain the ranking", NULL);
    }
}

/* ---- answers ------------------------------------------------------------ */

/* Ranks again, keeping the same role selected. */
static void rerank(bl_app *a)
{
    bl_app_fit *f = &a->fit;
    /* Editing from the ranking keeps its role selected; a new ranking
     * starts at the top. */
    int same = f->screen == BL_FITUI_RESULTS || f->edit_one;
    size_t role = same && f->rank.v && f->sel < f->rank.n ? f->rank.v[f->sel].role : SIZE_MAX;
    bl_fit_ranking_free(&f->rank);
    f->sel = 0;
    f->ranked = 0;
    f->rankings++;
    if (bl_fit_rank(a->g, &f->ans, &f->rank) < 0) {
        memset(&f->rank, 0, sizeof f->rank);
        app_say(a, BL_STATUS_ERROR, "Not enough memory to rank the roles", NULL);
        return;
    }
    f->ranked = 1;
    for (size_t i = 0; i < f->rank.n; i++)
        if (f->rank.v[i].role == role)
            f->sel = i;
    if (f->screen == BL_FITUI_RESULTS)
        explain(a);
}

static void keep(bl_app *a);

/* An answer changed: ranked again and written at once (a quit loses
 * nothing). */
static void changed(bl_app *a)
{
    a->fit.dirty = 1;
    rerank(a);
    keep(a);
}

/* Writes the answers when they changed (a private session: never). */
static void keep(bl_app *a)
{
    bl_app_fit *f = &a->fit;
    if (!f->keep || !f->dirty)
        return;
    f->dirty = 0;
    char why[BL_REASON_MAX];
    if (bl_fit_state_save(a->g, f->path, &f->ans, why, sizeof why) < 0)
        app_say(a, BL_STATUS_ERROR, "Answers not kept for next time: ", why);
}

void bl_app_fit_open_state(bl_app *a, unsigned flags)
{
    bl_app_fit *f = &a->fit;
    f->keep = 0;
    if ((flags & BL_USERSTATE_PRIVATE) || !a->g->n_fit_questions ||
        bl_fit_state_path(f->path, sizeof f->path) != 0)
        return;
    f->keep = 1;
    char notice[BL_REASON_MAX] = "";
    bl_fit_answers ans = f->ans;
    int rc = bl_fit_state_load(a->g, f->path, &ans, notice, sizeof notice);
    if (rc == 0) {
        /* Ranked when the fit finder opens, not while the guide starts. */
        f->ans = ans;
        if (f->screen != BL_FITUI_OFF) {
            rerank(a);
        } else {
            f->ranked = 0;
            bl_fit_ranking_free(&f->rank);
            f->sel = 0;
            lines_free(f);
        }
    } else if (rc == 2) {
        app_say(a, BL_STATUS_INFO, "", notice);
    } else if (rc < 0) {
        app_say(a, BL_STATUS_ERROR, "Fit answers not read: ", strerror(-rc));
    }
}

/* ---- moving between the screens ----------------------------------------- */

/* The highlighted row: the answer given (the crime areas: the first). */
static void sync_cursor(bl_app *a)
{
    bl_app_fit *f = &a->fit;
    size_t n = bl_app_fit_rows(a, f->q);
    f->cursor = 0;
    if (question(a, f->q)->kind == BL_FITQ_AREAS)
        return;
    int v = *slot(a, f->q);
    f->cursor = v < 0 ? (long)n - 1 : v;
}

static void show_question(bl_app *a, size_t q)
{
    a->fit.screen = BL_FITUI_QUESTION;
    a->fit.q = q;
    sync_cursor(a);
}

static void show_results(bl_app *a)
{
    if (!a->fit.edit_one && a->fit.screen == BL_FITUI_QUESTION)
        a->fit.sel = 0; /* the questions answered: from the top */
    a->fit.screen = BL_FITUI_RESULTS;
    a->fit.edit_one = 0;
    explain(a);
}

unsigned app_fit_open(bl_app *a)
{
    bl_app_fit *f = &a->fit;
    if (!n_questions(a) || !a->g->n_roles) {
        app_say(a, BL_STATUS_INFO, "This guide has no fit finder questions", NULL);
        return BL_APP_REDRAW;
    }
    if (a->search.open) {
        app_say(a, BL_STATUS_INFO, "Close the search first (Esc), then f", NULL);
        return BL_APP_REDRAW;
    }
    if (!f->ranked) {
        rerank(a);
        if (!f->ranked)
            return BL_APP_REDRAW; /* rerank said why */
    }
    a->shelf_open = 0;
    f->from_results = 0;
    f->edit_one = 0;
    if (answered_any(&f->ans)) {
        show_results(a);
        app_say(a, BL_STATUS_INFO, "Your answers so far: e edits one, x clears them all", NULL);
    } else {
        show_question(a, 0);
    }
    return BL_APP_REDRAW;
}

unsigned app_fit_back(bl_app *a)
{
    bl_app_fit *f = &a->fit;
    if (!f->from_results || a->n_hist > f->hist_mark)
        return 0;
    f->from_results = 0;
    show_results(a);
    return BL_APP_REDRAW;
}

static unsigned leave(bl_app *a)
{
    keep(a);
    a->fit.screen = BL_FITUI_OFF;
    a->fit.edit_one = 0;
    if (a->status.kind == BL_STATUS_NONE)
        app_say(a, BL_STATUS_INFO,
                a->fit.keep ? "Answers kept: f opens the fit finder again"
                            : "Answers kept until you quit: f opens the fit finder again",
                NULL);
    return BL_APP_REDRAW;
}

/* ---- the question screen --------------------------------------------- */

/* "Important" needs an answer: no preference drops the question from the
 * score (fit.h), so a mark there would be shown and change nothing, and
 * the answers file (key=none) could not keep it.  So `!` on no preference
 * is refused, and an answer changed to no preference loses its mark,
 * saying so; what the screen shows is always what is kept. */
static unsigned char *important_mark(bl_app *a, size_t q, int *none)
{
    const bl_fit_question *fq = question(a, q);
    if (fq->kind == BL_FITQ_LEVEL) {
        *none = a->fit.ans.level[fq->dim] < 0;
        return &a->fit.ans.important[fq->dim];
    }
    if (fq->kind == BL_FITQ_AREAS) {
        *none = a->fit.ans.n_areas == 0;
        return &a->fit.ans.areas_important;
    }
    *none = 1;
    return NULL;
}

static void drop_important_if_none(bl_app *a)
{
    int none;
    unsigned char *m = important_mark(a, a->fit.q, &none);
    if (m && *m && none) {
        *m = 0;
        app_say(a, BL_STATUS_INFO, "No preference carries no weight: no longer marked important",
                NULL);
    }
}

static void set_answer(bl_app *a, size_t row)
{
    bl_app_fit *f = &a->fit;
    size_t n = bl_app_fit_rows(a, f->q);
    int *v = slot(a, f->q);
    int to = row + 1 >= n ? BL_FIT_NONE : (int)row;
    f->cursor = (long)row;
    if (v && *v != to) {
        *v = to;
        drop_important_if_none(a);
        changed(a);
    }
}

static void toggle_area(bl_app *a, size_t row)
{
    bl_app_fit *f = &a->fit;
    size_t n = bl_app_fit_rows(a, f->q);
    f->cursor = (long)row;
    if (row + 1 >= n) {
        if (f->ans.n_areas) {
            f->ans.n_areas = 0;
            drop_important_if_none(a);
            changed(a);
        }
        return;
    }
    if (bl_fit_answers_pick(&f->ans, a->g, row, !picked(a, row)) == 0) {
        drop_important_if_none(a);
        changed(a);
    } else {
        app_say(a, BL_STATUS_INFO, "No more picks", NULL);
    }
}

static unsigned move_cursor(bl_app *a, long delta)
{
    bl_app_fit *f = &a->fit;
    long n = (long)bl_app_fit_rows(a, f->q);
    long to = f->cursor + delta;
    if (to < 0)
        to = 0;
    if (to >= n)
        to = n - 1;
    if (to == f->cursor)
        return 0;
    if (question(a, f->q)->kind == BL_FITQ_AREAS)
        f->cursor = to;
    else
        set_answer(a, (size_t)to);
    return BL_APP_REDRAW;
}

/* A number key: 0 "no preference", 1.. an answer (the crime areas: pick or
 * unpick that one). */
static unsigned number(bl_app *a, long k)
{
    bl_app_fit *f = &a->fit;
    size_t n = bl_app_fit_rows(a, f->q);
    if (k < 0 || (size_t)k >= n)
        return BL_APP_BEEP;
    size_t row = k == 0 ? n - 1 : (size_t)k - 1;
    if (question(a, f->q)->kind == BL_FITQ_AREAS)
        toggle_area(a, row);
    else
        set_answer(a, row);
    return BL_APP_REDRAW;
}

static unsigned important(bl_app *a)
{
    bl_app_fit *f = &a->fit;
    int none;
    unsigned char *m = important_mark(a, f->q, &none);
    if (!m) {
        app_say(a, BL_STATUS_INFO, "This question only checks the ways in: it has no weight", NULL);
        return BL_APP_REDRAW;
    }
    if (none && !*m) {
        app_say(a, BL_STATUS_INFO,
                question(a, f->q)->kind == BL_FITQ_AREAS
                    ? "Pick an area first: no preference cannot be important"
                    : "Choose an answer first: no preference cannot be important",
                NULL);
        return BL_APP_REDRAW;
    }
    *m = !*m;
    changed(a);
    keep(a);
    if (a->status.kind == BL_STATUS_NONE)
        app_say(a, BL_STATUS_INFO,
                *m ? "Marked important: this answer counts double" : "No longer marked important",
                NULL);
    return BL_APP_REDRAW;
}

static unsigned question_apply(bl_app *a, enum bl_action act, const struct bl_app_arg *arg)
{
    bl_app_fit *f = &a->fit;
    int areas = question(a, f->q)->kind == BL_FITQ_AREAS;
    switch (act) {
    case BL_ACT_UP:
        return move_cursor(a, -1);
    case BL_ACT_DOWN:
        return move_cursor(a, 1);
    case BL_ACT_HOME:
    case BL_ACT_PAGE_UP:
        return move_cursor(a, -(long)bl_app_fit_rows(a, f->q));
    case BL_ACT_END:
    case BL_ACT_PAGE_DOWN:
        return move_cursor(a, (long)bl_app_fit_rows(a, f->q));
    case BL_ACT_MENU_STEP: /* the wheel: as the arrows */
        return arg && arg->n ? move_cursor(a, arg->n < 0 ? -1 : 1) : 0;
    case BL_ACT_FIT_CLICK: {
        /* A click on an answer chooses it (a crime area: picks or
         * unpicks it), as its number key does. */
        long row = arg ? arg->n : -1;
        size_t n = bl_app_fit_rows(a, f->q);
        if (row < 0 || (size_t)row >= n)
            return 0;
        return number(a, (size_t)row + 1 >= n ? 0 : row + 1);
    }
    case BL_ACT_FIT_PICK:
        return number(a, arg ? arg->n : -1);
    case BL_ACT_FIT_TOGGLE:
        if (!areas)
            return 0;
        toggle_area(a, (size_t)f->cursor);
        return BL_APP_REDRAW;
    case BL_ACT_FIT_IMPORTANT:
        return important(a);
    case BL_ACT_FIT_NEXT:
        keep(a);
        if (f->edit_one || f->q + 1 >= n_questions(a))
            show_results(a);
        else
            show_question(a, f->q + 1);
        return BL_APP_REDRAW;
    case BL_ACT_FIT_PREV:
        keep(a);
        if (f->edit_one) {
            f->screen = BL_FITUI_PICK;
            return BL_APP_REDRAW;
        }
        if (f->q == 0) {
            app_say(a, BL_STATUS_INFO, "This is the first question", NULL);
            return BL_APP_REDRAW;
        }
        show_question(a, f->q - 1);
        return BL_APP_REDRAW;
    case BL_ACT_FIT_LEAVE:
        if (f->edit_one) {
            keep(a);
            show_results(a);
            return BL_APP_REDRAW;
        }
        return leave(a);
    default:
        return 0;
    }
}

/* ---- choosing a question to answer again ---------------------------------- */

static unsigned pick_apply(bl_app *a, enum bl_action act, const struct bl_app_arg *arg)
{
    bl_app_fit *f = &a->fit;
    size_t n = n_questions(a), old = f->pick;
    long k = arg ? arg->n : 0;
    switch (act) {
    case BL_ACT_MENU_STEP: /* the wheel */
        if (k == 0)
            return 0;
        return pick_apply(a, k < 0 ? BL_ACT_UP : BL_ACT_DOWN, NULL);
    case BL_ACT_FIT_CLICK:
        /* A click selects a question; on the selected one, answers it. */
        if (k < 0 || (size_t)k >= n)
            return 0;
        if ((size_t)k != f->pick) {
            f->pick = (size_t)k;
            return BL_APP_REDRAW;
        }
        return pick_apply(a, BL_ACT_OPEN, NULL);
    case BL_ACT_UP:
        f->pick = f->pick ? f->pick - 1 : 0;
        break;
    case BL_ACT_DOWN:
        f->pick = f->pick + 1 < n ? f->pick + 1 : f->pick;
        break;
    case BL_ACT_HOME:
    case BL_ACT_PAGE_UP:
        f->pick = 0;
        break;
    case BL_ACT_END:
    case BL_ACT_PAGE_DOWN:
        f->pick = n - 1;
        break;
    case BL_ACT_FIT_NEXT:
    case BL_ACT_OPEN:
        f->edit_one = 1;
        show_question(a, f->pick);
        return BL_APP_REDRAW;
    case BL_ACT_FIT_PREV:
    case BL_ACT_FIT_LEAVE:
        show_results(a);
        return BL_APP_REDRAW;
    default:
        return 0;
    }
    return f->pick != old ? BL_APP_REDRAW : 0;
}

/* ---- the ranking ------------------------------------------------------- */

static unsigned clear_yes(bl_app *a)
{
    bl_app_fit *f = &a->fit;
    app_prompt_close(a);
    bl_fit_answers_init(&f->ans);
    f->dirty = 0;
    if (f->keep) {
        int rc = bl_fit_state_clear(f->path);
        if (rc < 0)
            app_say(a, BL_STATUS_ERROR, "Kept answers not removed: ", strerror(-rc));
    }
    f->edit_one = 0;
    show_question(a, 0);
    rerank(a);
    if (a->status.kind == BL_STATUS_NONE)
        app_say(a, BL_STATUS_INFO, "Answers cleared: the questions start again", NULL);
    return BL_APP_REDRAW;
}

static unsigned clear_no(bl_app *a)
{
    app_prompt_close(a);
    app_say(a, BL_STATUS_INFO, "Answers kept", NULL);
    return BL_APP_REDRAW;
}

static const struct bl_prompt_kind clear_prompt = {
    .label = "Clear all your answers",
    .question = 1,
    .on_accept = clear_yes,
    .on_cancel = clear_no,
};

static unsigned results_move(bl_app *a, long delta)
{
    bl_app_fit *f = &a->fit;
    if (!f->rank.n)
        return 0;
    long to = (long)f->sel + delta;
    if (to < 0)
        to = 0;
    if (to >= (long)f->rank.n)
        to = (long)f->rank.n - 1;
    if ((size_t)to == f->sel)
        return 0;
    f->sel = (size_t)to;
    explain(a);
    return BL_APP_REDRAW;
}

static unsigned scroll(bl_app *a, long delta)
{
    bl_app_fit *f = &a->fit;
    size_t max = f->n_lines ? f->n_lines - 1 : 0, old = f->top;
    if (delta < 0)
        f->top = (size_t)-delta > f->top ? 0 : f->top - (size_t)-delta;
    else
        f->top = f->top + (size_t)delta > max ? max : f->top + (size_t)delta;
    return f->top != old ? BL_APP_REDRAW : 0;
}

static unsigned results_apply(bl_app *a, enum bl_action act, const struct bl_app_arg *arg)
{
    bl_app_fit *f = &a->fit;
    long pg = arg && arg->n > 0 ? arg->n : 10;
    switch (act) {
    case BL_ACT_UP:
        return results_move(a, -1);
    case BL_ACT_DOWN:
        return results_move(a, 1);
    case BL_ACT_HOME:
        return results_move(a, -(long)f->rank.n);
    case BL_ACT_END:
        return results_move(a, (long)f->rank.n);
    case BL_ACT_PAGE_UP:
        return scroll(a, -pg);
    case BL_ACT_PAGE_DOWN:
        return scroll(a, pg);
    case BL_ACT_MENU_STEP: /* the wheel over the list */
        return arg && arg->n ? results_move(a, arg->n < 0 ? -1 : 1) : 0;
    case BL_ACT_SCROLL: /* the wheel over the explanation */
        return arg ? scroll(a, arg->n) : 0;
    case BL_ACT_FIT_CLICK:
        /* A click selects a role (its explanation shows below); on the
         * selected one, opens its page. */
        if (!arg || arg->n < 0 || (size_t)arg->n >= f->rank.n)
            return 0;
        if ((size_t)arg->n != f->sel)
            return results_move(a, arg->n - (long)f->sel);
        return results_apply(a, BL_ACT_OPEN, NULL);
    case BL_ACT_OPEN:
    case BL_ACT_FIT_NEXT:
        if (!f->rank.v || f->sel >= f->rank.n)
            return BL_APP_BEEP;
        f->screen = BL_FITUI_OFF;
        f->from_results = 1;
        f->hist_mark = a->n_hist;
        app_select_entry(a, f->rank.v[f->sel].role);
        a->focus = BL_FOCUS_DETAIL;
        app_say(a, BL_STATUS_INFO, "Backspace returns to the ranking", NULL);
        return BL_APP_REDRAW | BL_APP_ENTRY;
    case BL_ACT_FIT_EDIT:
        f->screen = BL_FITUI_PICK;
        return BL_APP_REDRAW;
    case BL_ACT_FIT_CLEAR:
        app_open_prompt(a, &clear_prompt, NULL);
        a->prompt.tail = "? (y/N) ";
        return BL_APP_REDRAW;
    case BL_ACT_SAVE:
    case BL_ACT_FIT_SAVE:
        return app_save_report_open(a);
    case BL_ACT_FIT_LEAVE:
        return leave(a);
    default:
        return 0;
    }
}

/* ---- the one entry point while the fit finder is shown -------------------- */

unsigned app_fit_apply(bl_app *a, enum bl_action act, const struct bl_app_arg *arg)
{
    switch (act) {
    case BL_ACT_SEARCH:
    case BL_ACT_MARK:
    case BL_ACT_NOTE:
    case BL_ACT_SHORTLIST:
    case BL_ACT_NEXT_MATCH:
    case BL_ACT_PREV_MATCH:
        app_say(a, BL_STATUS_INFO, "Esc leaves the fit finder first", NULL);
        return BL_APP_REDRAW;
    case BL_ACT_SAVE:
        if (a->fit.screen != BL_FITUI_RESULTS) {
            app_say(a, BL_STATUS_INFO, "p saves the report from the ranking", NULL);
            return BL_APP_REDRAW;
        }
        break;
    default:
        break;
    }
    switch (a->fit.screen) {
    case BL_FITUI_QUESTION:
        return question_apply(a, act, arg);
    case BL_FITUI_PICK:
        return pick_apply(a, act, arg);
    case BL_FITUI_RESULTS:
        return results_apply(a, act, arg);
    default:
        return 0;
    }
}

int bl_app_fit_offers(const bl_app *a, enum bl_action act)
{
    enum bl_fitui_screen sc = a->fit.screen;
    switch (act) {
    /* bl_app_apply's own, and the mouse (fit_view.c) */
    case BL_ACT_HELP:
    case BL_ACT_QUIT:
    case BL_ACT_REDRAW:
    case BL_ACT_CLICK:
    case BL_ACT_WHEEL:
    /* every screen moves */
    case BL_ACT_UP:
    case BL_ACT_DOWN:
    case BL_ACT_PAGE_UP:
    case BL_ACT_PAGE_DOWN:
    case BL_ACT_HOME:
    case BL_ACT_END:
    case BL_ACT_FIT_LEAVE:
    case BL_ACT_FIT_NEXT: /* the ranking: as OPEN (no key there) */
        return sc != BL_FITUI_OFF;
    case BL_ACT_FIT_PREV:
        return sc == BL_FITUI_QUESTION || sc == BL_FITUI_PICK;
    case BL_ACT_FIT_PICK:
    case BL_ACT_FIT_TOGGLE:
    case BL_ACT_FIT_IMPORTANT:
        return sc == BL_FITUI_QUESTION;
    case BL_ACT_OPEN:
        return sc == BL_FITUI_RESULTS || sc == BL_FITUI_PICK;
    case BL_ACT_FIT_EDIT:
    case BL_ACT_FIT_CLEAR:
    case BL_ACT_FIT_SAVE:
    case BL_ACT_SAVE:
        return sc == BL_FITUI_RESULTS;
    default:
        return 0;
    }
}

const char *app_fit_bar_label(const bl_app *a, enum bl_action act, const char *label)
{
    const bl_app_fit *f = &a->fit;
    int qs = f->screen == BL_FITUI_QUESTION, res = f->screen == BL_FITUI_RESULTS;
    enum bl_fitq_kind kind = qs ? question(a, f->q)->kind : BL_FITQ_LEVEL;
    switch (act) {
    case BL_ACT_HELP:
    case BL_ACT_QUIT:
        return label;
    case BL_ACT_FIT_LEAVE:
        return (qs && f->edit_one) || f->screen == BL_FITUI_PICK ? "Ranking" : label;
    case BL_ACT_FIT_NEXT:
        if (f->screen == BL_FITUI_PICK)
            return "Answer";
        return f->edit_one || f->q + 1 >= n_questions(a) ? "Ranking" : label;
    case BL_ACT_FIT_PREV:
        return qs && !f->edit_one && f->q > 0 ? label : NULL;
    case BL_ACT_FIT_IMPORTANT:
        return qs && (kind == BL_FITQ_LEVEL || kind == BL_FITQ_AREAS) ? label : NULL;
    case BL_ACT_FIT_TOGGLE:
        return qs && kind == BL_FITQ_AREAS ? label : NULL;
    case BL_ACT_FIT_PICK:
        return qs && kind != BL_FITQ_AREAS ? label : NULL;
    case BL_ACT_OPEN:
    case BL_ACT_FIT_EDIT:
    case BL_ACT_FIT_CLEAR:
    case BL_ACT_SAVE:
    case BL_ACT_FIT_SAVE:
        return res ? label : NULL;
    default:
        return NULL;
    }
}

void app_fit_resize(bl_app *a, int body_w)
{
    bl_app_fit *f = &a->fit;
    if (body_w < 1 || body_w == f->width)
        return;
    f->width = body_w;
    if (f->screen == BL_FITUI_RESULTS) {
        size_t top = f->top;
        explain(a);
        f->top = top < f->n_lines ? top : (f->n_lines ? f->n_lines - 1 : 0);
    }
}

/* ---- life ------------------------------------------------------------- */

int app_fit_init(bl_app *a)
{
    bl_app_fit *f = &a->fit;
    memset(f, 0, sizeof *f);
    bl_fit_answers_init(&f->ans);
    return 0; /* ranked by app_fit_open, when first needed */
}

void app_fit_done(bl_app *a)
{
    lines_free(&a->fit);
    bl_fit_ranking_free(&a->fit.rank);
}
