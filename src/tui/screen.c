#include "screen.h"

#include "borderless/cache.h"

#include "borderless/app.h"
#include "borderless/layout.h"
#include "borderless/userstate.h"
#include "draw.h"
#include "keymap.h"
#include "panes.h"
#include "prompt.h"
#include "view.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STACK_MAX 8

struct screen {
    const bl_guide *g;
    const struct term *t;
    bl_app app;

    struct view *menu, *detail; /* the panes */
    struct view *compare; /* the comparison, in place of the panes when open */
    struct view *fit; /* the fit finder, in place of the panes when it is on */
    struct view *stack[STACK_MAX]; /* overlays, top last */
    size_t depth;

    WINDOW *title, *bar, *note; /* note: a line over the bar */
    int h, w;
    int too_small;
    int one_pane;
    int title_w; /* the longest entry title, for the menu's width */

    int dirty;
    int quit;
    int status;

    bl_session written; /* the session as last saved or restored */
};

/* ---- windows ----------------------------------------------------------- */

static void free_win(WINDOW **w)
{
    if (*w)
        delwin(*w);
    *w = NULL;
}

static WINDOW *make_win(struct rect r)
{
    if (r.h < 1 || r.w < 1)
        return NULL;
    return newwin(r.h, r.w, r.y, r.x);
}

static struct rect body_rect(const struct screen *s)
{
    return (struct rect){.y = 1, .x = 0, .h = s->h - 2, .w = s->w};
}

static void place_overlay(struct screen *s, struct view *v)
{
    struct rect body = body_rect(s);
    struct rect r = v->ops->place ? v->ops->place(v, body) : body;
    free_win(&v->win);
    if (!s->too_small)
        v->win = make_win(r);
}

static int fit_on(const struct screen *s)
{
    return s->app.fit.screen != BL_FITUI_OFF;
}

static struct view *focused_pane(const struct screen *s)
{
    if (fit_on(s))
        return s->fit;
    if (s->app.cmp.open)
        return s->compare;
    return s->app.focus == BL_FOCUS_DETAIL ? s->detail : s->menu;
}

static int one_pane_for(const struct screen *s, int w)
{
    return w - menu_width(s->title_w, w) - 3 < SCREEN_ENTRY_MIN;
}

/* The one place a new terminal size is taken into account. */
void screen_resize(struct screen *s)
{
    getmaxyx(stdscr, s->h, s->w);
    s->too_small = s->w < SCREEN_MIN_W || s->h < SCREEN_MIN_H;
    free_win(&s->title);
    free_win(&s->bar);
    free_win(&s->note);
    free_win(&s->menu->win);
    free_win(&s->detail->win);
    free_win(&s->compare->win);
    free_win(&s->fit->win);
    s->dirty = 1;
    if (s->too_small) {
        for (size_t i = 0; i < s->depth; i++)
            free_win(&s->stack[i]->win);
        return;
    }
    s->one_pane = one_pane_for(s, s->w);
    detail_view_set_one_pane(s->detail, s->one_pane);
    struct rect body = body_rect(s);
    s->title = make_win((struct rect){0, 0, 1, s->w});
    s->bar = make_win((struct rect){s->h - 1, 0, 1, s->w});
    s->note = make_win((struct rect){s->h - 2, 0, 1, s->w});
    struct rect mr = body, dr = body;
    if (!s->one_pane) {
        mr.w = menu_width(s->title_w, s->w);
        dr.x = mr.w;
        dr.w = s->w - mr.w;
    }
    s->menu->win = make_win(mr);
    s->detail->win = make_win(dr);
    s->compare->win = make_win(body);
    s->fit->win = make_win(body);
    if (!s->title || !s->bar || !s->note || !s->menu->win || !s->detail->win || !s->compare->win ||
        !s->fit->win) {
        s->quit = 1;
        s->status = 1;
        return;
    }
    int list = (mr.h - RESULTS_HEAD) / HIT_ROWS;
    bl_app_apply(&s->app, BL_ACT_RESIZE,
                 &(struct bl_app_arg){.width = detail_text_width(dr.w, s->one_pane),
                                      .rows = dr.h,
                                      .list = list < 1 ? 1 : list,
                                      .cmp_width = body.w,
                                      .cmp_rows = body.h,
                                      .body_w = body.w});
    for (size_t i = 0; i < s->depth; i++)
        place_overlay(s, s->stack[i]);
}

/* ---- drawing ----------------------------------------------------------- */

static struct view *top_view(struct screen *s)
{
    return s->depth ? s->stack[s->depth - 1] : focused_pane(s);
}

/* "Borderless › Interpol officer › Skills", and "Role 3/5" on the right. */
static void draw_title(struct screen *s)
{
    WINDOW *w = s->title;
    const attr_t *at = s->t->attr;
    const bl_app *a = &s->app;
    int ascii = s->t->ascii;
    wbkgdset(w, ' ' | at[TH_TITLE_BAR]);
    werase(w);
    wattrset(w, at[TH_TITLE_BAR]);
    char right[64] = "";
    const bl_guide *g = s->g;
    int shown = bl_app_entry_shown(a) && !a->cmp.open && !fit_on(s);
    if (shown) {
        const bl_entry *e = &g->entries[a->sel];
        int role = e->kind == BL_ENTRY_ROLE;
        snprintf(right, sizeof right, "%s %zu/%zu ", role ? "Role" : "Section",
                 bl_app_menu_ordinal(a, a->sel), role ? g->n_roles : g->n_sections);
    }
    int rw = (int)strlen(right);
    if (rw > s->w / 3)
        rw = 0;
    int room = s->w - 2 - rw - 1;
    const char *sep = ascii ? " > " : " \u203a ";
    wmove(w, 0, 1);
    int used = draw_str(w, g->title ? g->title : "borderless", room, ascii);
    if (shown && used < room) {
        used += draw_str(w, sep, room - used, ascii);
        used += draw_str(w, g->entries[a->sel].title, room - used, ascii);
        const bl_line *h = bl_app_current_heading(a);
        if (h && used < room) {
            used += draw_str(w, sep, room - used, ascii);
            draw_text(w, h->text, h->len, room - used, ascii);
        }
    }
    if (a->cmp.open && used < room) {
        used += draw_str(w, sep, room - used, ascii);
        used += draw_str(w, a->cmp.diff_only ? "Comparison (differences only)" : "Comparison",
                         room - used, ascii);
    } else if (fit_on(s) && used < room) {
        used += draw_str(w, sep, room - used, ascii);
        used += draw_str(w, "Fit finder", room - used, ascii);
    }
    if (rw) {
        wmove(w, 0, s->w - rw);
        draw_str(w, right, rw, ascii);
    }
}

/* "Top", "Bot", "All" or a percentage, for the entry pane. */
static void scroll_mark(const struct screen *s, char buf[8])
{
    size_t max = bl_app_max_top(&s->app);
    if (!bl_app_entry_shown(&s->app))
        buf[0] = '\0';
    else if (max == 0)
        strcpy(buf, "All");
    else if (s->app.top == 0)
        strcpy(buf, "Top");
    else if (s->app.top >= max)
        strcpy(buf, "Bot");
    else
        snprintf(buf, 8, "%u%%", (unsigned)(s->app.top * 100 / max) % 100u);
}

/* A status message: its text, then its path cut from the left. */
static void draw_status(struct screen *s, WINDOW *w, int room)
{
    const bl_status *st = &s->app.status;
    int ascii = s->t->ascii;
    wattrset(w, s->t->attr[st->kind == BL_STATUS_ERROR ? TH_ERROR : TH_MESSAGE]);
    waddch(w, ' ');
    int used = 1 + draw_str(w, st->text, room - 1, ascii);
    draw_text_tail(w, st->path, strlen(st->path), room - used, ascii);
    wattrset(w, A_NORMAL);
}

struct hint {
    char key[16];
    const char *label;
    int prio;
    int chosen;
};

/* The hint bar's keys for context ctx: help first, then the context's own,
 * then the rest; the highest priorities that fit in `room`. */
static void draw_hints(struct screen *s, WINDOW *w, enum km_context ctx, int room)
{
    size_t n_table, n = 0;
    const struct km_binding *t = keymap_table(&n_table);
    struct hint hints[BL_ACT_COUNT];
    int done[BL_ACT_COUNT] = {0};
    for (int pass = 0; pass < 3; pass++) {
        for (size_t i = 0; i < n_table; i++) {
            enum bl_action a = t[i].action;
            int own = t[i].ctx == ctx, any = t[i].ctx == KM_ANY;
            if (done[a] || !(own || any) || (pass == 0) != (a == BL_ACT_HELP) ||
                (pass == 1 && !own) || (pass == 2 && !any))
                continue;
            /* A key the context binds to something else is not this one. */
            if (any && keymap_lookup(ctx, t[i].keys[0]) != a)
                continue;
            const char *label = bl_app_bar_label(&s->app, a);
            if (!label)
                continue;
            done[a] = 1;
            struct hint *h = &hints[n++];
            char buf[16];
            snprintf(h->key, sizeof h->key, "%s", keymap_key_name(t[i].keys[0], buf));
            h->label = label;
            h->prio = bl_action_info(a)->bar_prio;
            h->chosen = 0;
        }
    }
    int used = 0;
    for (int prio = 1; prio <= 9; prio++) {
        for (size_t i = 0; i < n; i++) {
            int need = (int)(strlen(hints[i].key) + strlen(hints[i].label)) + 2;
            if (hints[i].prio == prio && used + need <= room) {
                hints[i].chosen = 1;
                used += need;
            }
        }
    }
    const attr_t *at = s->t->attr;
    int ascii = s->t->ascii;
    for (size_t i = 0; i < n; i++) {
        if (!hints[i].chosen)
            continue;
        /* "F1" then " Help " in the label colour, htop-like. */
        wattrset(w, at[TH_BAR_KEY]);
        draw_str(w, hints[i].key, room - getcurx(w), ascii);
        wattrset(w, at[TH_BAR_LABEL]);
        waddch(w, ' ');
        draw_str(w, hints[i].label, room - getcurx(w), ascii);
        waddch(w, ' ');
        wattrset(w, A_NORMAL);
    }
}

static int status_shown_in_bar(const struct screen *s)
{
    enum bl_status_kind k = s->app.status.kind;
    return k == BL_STATUS_INFO || k == BL_STATUS_ERROR;
}

/* Returns the cursor's column when a prompt is on the bar, else -1. */
static int draw_bar(struct screen *s)
{
    WINDOW *w = s->bar;
    if (s->app.prompt.kind) {
        /* The prompt has the bar: its one hint, when it applies. */
        const char *label = bl_app_bar_label(&s->app, BL_ACT_SUGGEST_NEXT), *key = NULL;
        char buf[16];
        int code;
        if (label && keymap_keys_of(KM_PROMPT, BL_ACT_SUGGEST_NEXT, &code, 1))
            key = keymap_key_name(code, buf);
        return prompt_draw(w, s->t, &s->app.prompt, key, key ? label : NULL);
    }
    werase(w);
    wmove(w, 0, 0);
    char mark[8] = "";
    int show_mark = (s->app.focus == BL_FOCUS_DETAIL || !s->one_pane) && !fit_on(s);
    if (show_mark && s->depth == 0 && !s->app.cmp.open)
        scroll_mark(s, mark);
    int mw = mark[0] ? (int)strlen(mark) + 2 : 0;
    if (mw > s->w / 4)
        mw = 0;
    int room = s->w - mw;
    if (status_shown_in_bar(s))
        draw_status(s, w, room);
    else
        draw_hints(s, w, s->depth ? KM_ANY : view_context(focused_pane(s)), room);
    wattrset(w, s->t->attr[TH_META]);
    if (mw) {
        wmove(w, 0, s->w - mw + 1);
        draw_str(w, mark, mw - 1, s->t->ascii);
    }
    wattrset(w, A_NORMAL);
    return -1;
}

static void draw_too_small(struct screen *s)
{
    /* The longest wording that fits, centred; a second line if there is
     * room for it. */
    static const char *const notice[] = {"Terminal too small", "Too small", "Small", "!"};
    static const char *const hint[] = {"Enlarge it, or q to quit", "q quits"};
    werase(stdscr);
    const char *lines[2] = {NULL, NULL};
    for (size_t i = 0; i < sizeof notice / sizeof notice[0] && !lines[0]; i++)
        if ((int)strlen(notice[i]) <= s->w || i + 1 == sizeof notice / sizeof notice[0])
            lines[0] = notice[i];
    for (size_t i = 0; i < sizeof hint / sizeof hint[0] && s->h >= 3 && !lines[1]; i++)
        if ((int)strlen(hint[i]) <= s->w)
            lines[1] = hint[i];
    int n = lines[1] ? 2 : 1;
    int y0 = (s->h - n) / 2;
    for (int i = 0; i < n; i++) {
        int len = (int)strlen(lines[i]);
        int x = s->w > len ? (s->w - len) / 2 : 0;
        wmove(stdscr, y0 + i, x);
        draw_str(stdscr, lines[i], s->w - x, s->t->ascii);
    }
    wmove(stdscr, y0, s->w > (int)strlen(lines[0]) ? (s->w - (int)strlen(lines[0])) / 2 : 0);
    wnoutrefresh(stdscr);
}

void screen_draw(struct screen *s)
{
    if (!s->dirty)
        return;
    s->dirty = 0;
    if (s->too_small) {
        draw_too_small(s);
        doupdate();
        return;
    }
    /* Keep stdscr from repainting over the windows. */
    wnoutrefresh(stdscr);
    draw_title(s);
    wnoutrefresh(s->title);
    int prompt_x = draw_bar(s);
    wnoutrefresh(s->bar);
    struct view *panes[4] = {s->menu, s->detail, s->compare, s->fit};
    int whole = s->app.cmp.open || fit_on(s); /* one view in place of both panes */
    for (int i = 0; i < 4; i++) {
        struct view *v = panes[i];
        if ((s->one_pane || whole) && v != focused_pane(s))
            continue;
        if ((v == s->compare && !s->app.cmp.open) || (v == s->fit && !fit_on(s)))
            continue;
        v->ops->draw(v);
        wnoutrefresh(v->win);
    }
    /* The welcome, or a message while the prompt has the bar. */
    enum bl_status_kind k = s->app.status.kind;
    if (k == BL_STATUS_WELCOME || (k != BL_STATUS_NONE && s->app.prompt.kind)) {
        werase(s->note);
        wmove(s->note, 0, 0);
        draw_status(s, s->note, s->w);
        wnoutrefresh(s->note);
    }
    for (size_t i = 0; i < s->depth; i++) {
        struct view *v = s->stack[i];
        if (!v->win)
            continue;
        touchwin(v->win);
        v->ops->draw(v);
        wnoutrefresh(v->win);
    }
    /* Last: the cursor on the focused item, for screen readers. */
    if (prompt_x >= 0 && !s->depth) {
        wmove(s->bar, 0, prompt_x);
        wnoutrefresh(s->bar);
    } else {
        struct view *top = top_view(s);
        if (top->win) {
            int y = 0, x = 0;
            top->ops->cursor(top, &y, &x);
            wmove(top->win, y, x);
            wnoutrefresh(top->win);
        }
    }
    doupdate();
}

/* ---- events ------------------------------------------------------------ */

static void push(struct screen *s, struct view *v)
{
    if (!v || s->depth == STACK_MAX) {
        if (v && v->ops->destroy)
            v->ops->destroy(v);
        free(v);
        beep();
        return;
    }
    s->stack[s->depth++] = v;
    place_overlay(s, v);
    s->dirty = 1;
}

static void pop(struct screen *s)
{
    if (!s->depth)
        return;
    struct view *v = s->stack[--s->depth];
    free_win(&v->win);
    if (v->ops->destroy)
        v->ops->destroy(v);
    free(v);
    /* What was under the overlay must be painted again. */
    touchwin(stdscr);
    clearok(curscr, FALSE);
    s->dirty = 1;
}

/* What the application asked for. */
static void apply(struct screen *s, enum bl_action a, const struct bl_app_arg *arg)
{
    unsigned r = bl_app_apply(&s->app, a, arg);
    if (r & (BL_APP_REDRAW | BL_APP_ENTRY))
        s->dirty = 1;
    if (r & BL_APP_BEEP)
        beep();
    if (r & BL_APP_HELP)
        push(s, help_view_new(s->t, &s->app, view_context(focused_pane(s))));
    if (r & BL_APP_QUIT)
        s->quit = 1;
    if (r & BL_APP_REPAINT) {
        term_redraw_all();
        s->dirty = 1;
    }
}

static void overlay_key(struct screen *s, struct view *v, const struct view_event *ev)
{
    struct view_result r = v->ops->key(v, keymap_lookup(KM_MOVE, ev->key), ev);
    if (r.flags & VIEW_CLOSE)
        pop(s);
    if (r.flags & (VIEW_REDRAW | VIEW_CLOSE))
        s->dirty = 1;
}

void screen_mouse(struct screen *s, int sy, int sx, mmask_t buttons)
{
    struct view_event ev = {.key = KM_FN(KEY_MOUSE), .buttons = buttons};
    if (s->depth) {
        /* An overlay takes any click, inside or not (and closes). */
        struct view *v = s->stack[s->depth - 1];
        ev.y = ev.x = -1;
        if (v->win && wenclose(v->win, sy, sx)) {
            ev.y = sy - getbegy(v->win);
            ev.x = sx - getbegx(v->win);
        }
        overlay_key(s, v, &ev);
        return;
    }
    /* While a line is typed only a suggestion can be clicked (below). */
    const struct bl_prompt_kind *p = s->app.prompt.kind;
    if (p && p->question)
        return;
    struct view *cands[2] = {focused_pane(s), NULL};
    if (!s->one_pane && !s->app.cmp.open && !fit_on(s))
        cands[1] = focused_pane(s) == s->menu ? s->detail : s->menu;
    for (int i = 0; i < 2; i++) {
        WINDOW *w = cands[i] ? cands[i]->win : NULL;
        if (!w || !wenclose(w, sy, sx))
            continue;
        ev.y = sy - getbegy(w);
        ev.x = sx - getbegx(w);
        struct bl_app_arg arg = {0};
        enum bl_action a = cands[i]->ops->mouse(cands[i], &ev, &arg);
        if (p && a != BL_ACT_SELECT_SUGGESTION)
            return;
        if (a != BL_ACT_NONE)
            apply(s, a, &arg);
        return;
    }
}

static int printable(const struct screen *s, int key)
{
    if (key < 0x20 || key == 0x7F || (key & KM_FN(0)) != 0)
        return 0;
    /* A non-UTF-8 terminal sends its own encoding: only ASCII is sure. */
    return s->t->ascii ? key < 0x7F : 1;
}

void screen_key(struct screen *s, int key)
{
    if (s->too_small) {
        if (keymap_lookup(KM_ANY, key) == BL_ACT_QUIT)
            s->quit = 1;
        return;
    }
    if (s->depth) {
        /* Ctrl-L repaints under the help too; any other key goes to it
         * (and closes it); what was said stays said. */
        if (keymap_lookup(KM_ANY, key) == BL_ACT_REDRAW) {
            term_redraw_all();
            s->dirty = 1;
            return;
        }
        struct view_event ev = {.key = key};
        overlay_key(s, s->stack[s->depth - 1], &ev);
        return;
    }
    const struct bl_prompt_kind *p = s->app.prompt.kind;
    struct bl_app_arg arg = {0};
    enum bl_action a;
    if (p && !p->question && printable(s, key)) {
        a = BL_ACT_INSERT;
        arg.cp = (uint32_t)key;
    } else {
        enum km_context ctx = !p ? view_context(focused_pane(s))
            : p->question        ? KM_QUESTION
                                 : KM_PROMPT;
        a = keymap_lookup(ctx, key);
        if (a == BL_ACT_PAGE_UP || a == BL_ACT_PAGE_DOWN)
            arg.n = focused_pane(s)->ops->page(focused_pane(s));
        if (a == BL_ACT_FIT_PICK)
            arg.n = key - '0'; /* bound to the digits only */
    }
    apply(s, a, &arg);
}

void screen_paste(struct screen *s, const char *text, size_t len)
{
    /* Text, never keys: only a line being edited takes it. */
    if (s->too_small || s->depth || !s->app.prompt.kind)
        return;
    apply(s, BL_ACT_PASTE, &(struct bl_app_arg){.text = text, .len = len});
}

struct screen *screen_new(const bl_guide *g, const struct term *t)
{
    return screen_new_checked(g, t, NULL, NULL);
}

struct screen *screen_new_checked(const bl_guide *g, const struct term *t,
                                  int (*check)(void *ctx, long what), void *ctx)
{
    struct screen *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->g = g;
    s->t = t;
    s->title_w = menu_longest_title(g);
    int ok = bl_app_init(&s->app, g, t->ascii ? BL_LAYOUT_ASCII : 0) == 0;
    s->app.ready = check;
    s->app.ready_ctx = ctx;
    s->menu = menu_view_new(t, &s->app);
    s->detail = detail_view_new(t, &s->app, 0);
    s->compare = compare_view_new(t, &s->app);
    s->fit = fit_view_new(t, &s->app);
    if (!ok || !s->menu || !s->detail || !s->compare || !s->fit) {
        screen_free(s);
        return NULL;
    }
    screen_resize(s);
    return s;
}

void screen_free(struct screen *s)
{
    if (!s)
        return;
    while (s->depth)
        pop(s);
    free_win(&s->title);
    free_win(&s->bar);
    free_win(&s->note);
    if (s->menu)
        free_win(&s->menu->win);
    if (s->detail)
        free_win(&s->detail->win);
    if (s->compare)
        free_win(&s->compare->win);
    if (s->fit)
        free_win(&s->fit->win);
    free(s->menu);
    free(s->detail);
    free(s->compare);
    free(s->fit);
    bl_app_done(&s->app);
    free(s);
}

void screen_set_index_job(struct screen *s, bl_index_job *j)
{
    bl_app_set_index_job(&s->app, j);
}

int screen_poll(struct screen *s)
{
    unsigned r = bl_app_poll(&s->app);
    if (r & (BL_APP_REDRAW | BL_APP_ENTRY))
        s->dirty = 1;
    if (r & BL_APP_BEEP)
        beep();
    return bl_app_waiting(&s->app);
}

int screen_damaged(const struct screen *s)
{
    return s->app.damaged;
}

int screen_done(const struct screen *s)
{
    return s->quit;
}

void screen_open_state(struct screen *s, unsigned state_flags, int restore)
{
    bl_app_open_state(&s->app, state_flags);
    bl_session ses;
    if (restore && !(state_flags & BL_USERSTATE_PRIVATE) &&
        bl_session_load(NULL, state_flags, s->g, &ses) == 0 && bl_app_restore(&s->app, &ses) == 0)
        s->dirty = 1;
    s->dirty = 1;
    /* What the file holds now, or will once the reader moves. */
    if (restore)
        bl_app_session(&s->app, &s->written);
}

void screen_checkpoint(struct screen *s, unsigned state_flags)
{
    if (state_flags & BL_USERSTATE_PRIVATE)
        return;
    bl_session ses;
    bl_app_session(&s->app, &ses);
    if (!ses.entry[0] || bl_session_same(&ses, &s->written))
        return;
    /* Tried once per change: a failure (a read-only folder) is not retried
     * at every pause; the save on the way out says nothing either. */
    bl_session_save(NULL, state_flags, &ses, NULL, 0);
    s->written = ses;
}

void screen_save_state(const struct screen *s, unsigned state_flags)
{
    if (state_flags & BL_USERSTATE_PRIVATE)
        return;
    bl_session ses;
    bl_app_session(&s->app, &ses);
    if (ses.entry[0])
        bl_session_save(NULL, state_flags, &ses, NULL, 0);
}

int screen_run(const bl_guide *g, const struct term *t, unsigned state_flags,
               const bl_tui_options *opts)
{
    if (opts->index_out)
        *opts->index_out = NULL;
    struct screen *s = screen_new_checked(g, t, opts->check, opts->check_ctx);
    if (!s)
        return 1;
    screen_open_state(s, state_flags, opts->restore);
    /* A lazily checked guide (tui.h): what the first screen shows was
     * checked as it was laid out; draw it, then check the rest in the
     * background and load the search index (from the cache, or built)
     * meanwhile.  No key is read before everything is checked: a damaged
     * cache is then dropped before the reader did anything (nothing is
     * saved), and the caller starts again from the YAML. */
    int damaged = screen_damaged(s);
    if (!damaged) {
        screen_draw(s);
        if (opts->first_screen)
            opts->first_screen(opts->first_screen_ctx);
        if (opts->check)
            (void)opts->check(opts->check_ctx, BL_CACHE_CHECK_START);
        screen_set_index_job(s, bl_index_job_start_with(g, 0, opts->index_from, opts->index_ctx));
    }
    if (damaged || (opts->check && opts->check(opts->check_ctx, BL_CACHE_CHECK_ALL) != 0)) {
        screen_free(s);
        return BL_TUI_RESTART;
    }
    int waiting = 0;
    wtimeout(stdscr, 500);
    while (!s->quit) {
        int sig = term_pending_signal();
        if (sig == SIGINT && s->app.prompt.kind && !s->depth) {
            /* Ctrl-C in a prompt cancels the prompt (readline, less). */
            apply(s, BL_ACT_CANCEL, NULL);
            sig = 0;
        }
        if (sig) {
            s->status = sig == SIGINT ? 0 : 128 + sig;
            break;
        }
        if (term_handle_suspend())
            screen_resize(s);
        int still = screen_poll(s);
        if (still != waiting)
            wtimeout(stdscr, still ? 20 : 500);
        waiting = still;
        screen_draw(s);
        /* A key, or a whole bracketed paste; nothing after a timeout, a
         * signal, or when the terminal went away (then SIGHUP is pending). */
        struct term_input in;
        term_read(t, &in);
        if (in.kind == TERM_IN_NONE) {
            /* A pause: keep the session, so that a crash or a kill loses
             * nothing (once per change; never while keys stream in). */
            screen_checkpoint(s, state_flags);
            continue;
        }
        if (in.kind == TERM_IN_PASTE) {
            screen_paste(s, in.text, in.len);
            continue;
        }
        if (in.kind != TERM_IN_KEY && in.kind != TERM_IN_FN)
            continue;
        int key = in.kind == TERM_IN_FN ? KM_FN(in.key) : in.key;
        if (key == KM_FN(KEY_RESIZE)) {
            screen_resize(s);
            continue;
        }
        if (key == KM_FN(KEY_MOUSE)) {
            MEVENT me;
            if (getmouse(&me) == OK)
                screen_mouse(s, me.y, me.x, me.bstate);
            continue;
        }
        screen_key(s, key);
    }
    int status = s->status;
    /* Every way out of the loop: q, Ctrl-C, SIGTERM, SIGHUP. */
    screen_save_state(s, state_flags);
    if (opts->index_out)
        *opts->index_out = bl_app_take_index(&s->app);
    screen_free(s);
    return status;
}
