#include "screen.h"

#include "borderless/layout.h"
#include "borderless/lineedit.h"
#include "borderless/nav.h"
#include "borderless/summary.h"
#include "draw.h"
#include "finder.h"
#include "keymap.h"
#include "panes.h"
#include "prompt.h"
#include "view.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STACK_MAX 8

/* What a prompt on the stack is for. */
enum { ASK_SEARCH, ASK_SAVE_PATH, ASK_OVERWRITE };

struct screen {
    const bl_guide *g;
    const struct term *t;
    bl_nav nav;

    /* Layouts of the entries at the current width, made on demand. */
    bl_layout **cache;
    int cache_w;

    struct view *menu, *detail;    /* the panes */
    struct view *stack[STACK_MAX]; /* overlays, top last */
    size_t depth;

    WINDOW *title, *bar;
    int h, w;
    int too_small;
    int title_w; /* the longest entry title, for the menu's width */

    struct finder find;

    /* Saving a summary: the role, and the path as typed (for the
     * overwrite question). */
    size_t save_entry;
    char save_typed[BL_LINEEDIT_MAX + 1];
    char save_abs[BL_PATH_MAX];
    bl_safewrite_target save_target; /* the file the overwrite question is about */

    const char *msg; /* until the next key */
    int msg_error;   /* msg reports a failure */
    int msg_tail;    /* when cut, show msg's end (it names a path) ... */
    size_t msg_keep; /* ... after its first msg_keep bytes ("Saved ") */
    char msg_buf[BL_REASON_MAX + 64];
    int dirty;
    int quit;
    int status;
};

/* ---- layouts --------------------------------------------------------- */

static void cache_clear(struct screen *s)
{
    for (size_t i = 0; s->cache && i < s->g->n_entries; i++) {
        bl_layout_free(s->cache[i]);
        s->cache[i] = NULL;
    }
}

static const bl_layout *layout_for(void *ctx, size_t entry, int width)
{
    struct screen *s = ctx;
    if (width != s->cache_w) {
        cache_clear(s);
        s->cache_w = width;
    }
    if (!s->cache[entry])
        s->cache[entry] = bl_layout_entry_ex(s->g, &s->g->entries[entry], width,
                                             s->t->ascii ? BL_LAYOUT_ASCII : 0);
    return s->cache[entry];
}

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
    struct rect bar = {.y = s->h - 1, .x = 0, .h = 1, .w = s->w};
    struct rect r = v->ops->place ? v->ops->place(v, body, bar) : body;
    free_win(&v->win);
    if (!s->too_small)
        v->win = make_win(r);
}

/* The one place a new terminal size is taken into account. */
static void screen_resize(struct screen *s)
{
    getmaxyx(stdscr, s->h, s->w);
    s->too_small = s->w < SCREEN_MIN_W || s->h < SCREEN_MIN_H;
    free_win(&s->title);
    free_win(&s->bar);
    free_win(&s->menu->win);
    free_win(&s->detail->win);
    s->dirty = 1;
    if (s->too_small) {
        for (size_t i = 0; i < s->depth; i++)
            free_win(&s->stack[i]->win);
        return;
    }
    int narrow = s->w < SCREEN_NARROW_W;
    struct rect body = body_rect(s);
    s->title = make_win((struct rect){0, 0, 1, s->w});
    s->bar = make_win((struct rect){s->h - 1, 0, 1, s->w});
    struct rect mr = body, dr = body;
    if (!narrow) {
        mr.w = menu_width(s->title_w, s->w);
        dr.x = mr.w;
        dr.w = s->w - mr.w;
    }
    s->menu->win = make_win(mr);
    s->detail->win = make_win(dr);
    if (!s->title || !s->bar || !s->menu->win || !s->detail->win) {
        s->quit = 1;
        s->status = 1;
        return;
    }
    bl_nav_set_view(&s->nav, mr.h, dr.h, detail_text_width(dr.w, narrow), narrow);
    for (size_t i = 0; i < s->depth; i++)
        place_overlay(s, s->stack[i]);
}

/* ---- drawing ----------------------------------------------------------- */

static struct view *focused_pane(struct screen *s)
{
    return s->nav.focus == BL_FOCUS_DETAIL ? s->detail : s->menu;
}

static struct view *top_view(struct screen *s)
{
    return s->depth ? s->stack[s->depth - 1] : focused_pane(s);
}

static void draw_title(struct screen *s)
{
    WINDOW *w = s->title;
    const attr_t *at = s->t->attr;
    wbkgdset(w, ' ' | at[TH_TITLE_BAR]);
    werase(w);
    wattrset(w, at[TH_TITLE_BAR]);
    char right[64] = "";
    const bl_guide *g = s->g;
    if (g->n_entries) {
        const bl_entry *e = &g->entries[s->nav.sel];
        int role = e->kind == BL_ENTRY_ROLE;
        snprintf(right, sizeof right, "%s %zu/%zu ", role ? "Role" : "Section",
                 role ? s->nav.sel + 1 : s->nav.sel - g->n_roles + 1,
                 role ? g->n_roles : g->n_sections);
    }
    int rw = (int)strlen(right);
    if (rw > s->w / 3)
        rw = 0;
    wmove(w, 0, 1);
    draw_str(w, g->title ? g->title : "borderless", s->w - 2 - rw - 1, s->t->ascii);
    if (rw) {
        wmove(w, 0, s->w - rw);
        draw_str(w, right, rw, s->t->ascii);
    }
}

/* "Top", "Bot", "All" or a percentage, for the detail pane. */
static void scroll_mark(const struct screen *s, char buf[8])
{
    size_t max = bl_nav_max_top(&s->nav);
    if (max == 0)
        strcpy(buf, "All");
    else if (s->nav.top == 0)
        strcpy(buf, "Top");
    else if (s->nav.top >= max)
        strcpy(buf, "Bot");
    else
        snprintf(buf, 8, "%u%%", (unsigned)(s->nav.top * 100 / max) % 100u);
}

static void draw_bar(struct screen *s)
{
    WINDOW *w = s->bar;
    const attr_t *at = s->t->attr;
    int ascii = s->t->ascii;
    werase(w);
    wmove(w, 0, 0);
    char mark[8] = "";
    int show_mark = s->nav.focus == BL_FOCUS_DETAIL || !s->nav.narrow;
    if (show_mark && s->depth == 0)
        scroll_mark(s, mark);
    int mw = mark[0] ? (int)strlen(mark) + 2 : 0;
    if (mw > s->w / 4)
        mw = 0;
    int room = s->w - mw;
    if (s->msg) {
        wattrset(w, at[s->msg_error ? TH_ERROR : TH_MESSAGE]);
        waddch(w, ' ');
        if (s->msg_tail) {
            int kept = draw_text(w, s->msg, s->msg_keep, room - 1, ascii);
            draw_text_tail(w, s->msg + s->msg_keep, strlen(s->msg + s->msg_keep),
                           room - 1 - kept, ascii);
        } else {
            draw_str(w, s->msg, room - 1, ascii);
        }
    } else {
        enum km_context ctx = view_context(top_view(s));
        size_t n;
        const struct km_binding *t = keymap_table(&n);
        for (size_t i = 0; i < n; i++) {
            if (!t[i].bar || (t[i].ctx != ctx && t[i].ctx != KM_ANY))
                continue;
            if (s->depth && t[i].ctx != KM_ANY)
                continue;
            char buf[16];
            const char *key = keymap_key_name(t[i].keys[0], buf);
            /* "F1" then " Help " in the label colour, htop-like. */
            int need = (int)strlen(key) + (int)strlen(t[i].bar) + 2;
            if (getcurx(w) + need > room)
                continue; /* a shorter one further on may fit */
            wattrset(w, at[TH_BAR_KEY]);
            draw_str(w, key, room - getcurx(w), ascii);
            wattrset(w, at[TH_BAR_LABEL]);
            waddch(w, ' ');
            draw_str(w, t[i].bar, room - getcurx(w), ascii);
            waddch(w, ' ');
            wattrset(w, A_NORMAL);
        }
    }
    wattrset(w, at[TH_META]);
    if (mw) {
        wmove(w, 0, s->w - mw + 1);
        draw_str(w, mark, mw - 1, ascii);
    }
    wattrset(w, A_NORMAL);
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

static void screen_draw(struct screen *s)
{
    if (s->too_small) {
        draw_too_small(s);
        doupdate();
        return;
    }
    /* Keep stdscr from repainting over the windows. */
    wnoutrefresh(stdscr);
    draw_title(s);
    wnoutrefresh(s->title);
    draw_bar(s);
    wnoutrefresh(s->bar);
    struct view *panes[2] = {s->menu, s->detail};
    for (int i = 0; i < 2; i++) {
        struct view *v = panes[i];
        if (s->nav.narrow && v != focused_pane(s))
            continue;
        v->ops->draw(v);
        wnoutrefresh(v->win);
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
    struct view *top = top_view(s);
    if (top->win) {
        int y = 0, x = 0;
        top->ops->cursor(top, &y, &x);
        wmove(top->win, y, x);
        wnoutrefresh(top->win);
    }
    doupdate();
}

/* ---- events ------------------------------------------------------------ */

static void push(struct screen *s, struct view *v)
{
    if (!v) {
        s->msg = "Not enough memory";
        return;
    }
    if (s->depth == STACK_MAX) {
        if (v->ops->destroy)
            v->ops->destroy(v);
        free(v);
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
}

/* Which view a mouse event at screen (y, x) goes to, with local coords. */
static struct view *mouse_target(struct screen *s, struct view_event *ev, int sy, int sx)
{
    struct view *cands[STACK_MAX + 2];
    size_t n = 0;
    if (s->depth) {
        cands[n++] = s->stack[s->depth - 1];
    } else {
        cands[n++] = focused_pane(s);
        if (!s->nav.narrow)
            cands[n++] = focused_pane(s) == s->menu ? s->detail : s->menu;
    }
    for (size_t i = 0; i < n; i++) {
        WINDOW *w = cands[i]->win;
        if (w && wenclose(w, sy, sx)) {
            ev->y = sy - getbegy(w);
            ev->x = sx - getbegx(w);
            return cands[i];
        }
    }
    /* An overlay takes any click, inside or not (and closes). */
    if (s->depth) {
        ev->y = ev->x = -1;
        return s->stack[s->depth - 1];
    }
    return NULL;
}

static void say(struct screen *s, int error, const char *text)
{
    snprintf(s->msg_buf, sizeof s->msg_buf, "%s", text);
    s->msg = s->msg_buf;
    s->msg_error = error;
    s->msg_tail = 0;
    s->msg_keep = 0;
    s->dirty = 1;
}

static struct view *top_prompt(struct screen *s)
{
    return s->depth && prompt_is(s->stack[s->depth - 1]) ? s->stack[s->depth - 1] : NULL;
}

/* ---- search -------------------------------------------------------- */

static void search_open(struct screen *s)
{
    if (top_prompt(s))
        return;
    /* The results (and the prompt's Up/Down) are in the menu pane. */
    if (s->nav.searching && s->nav.focus == BL_FOCUS_DETAIL)
        bl_nav_apply(&s->nav, BL_ACT_CLOSE);
    push(s, prompt_line_new(s->t, ASK_SEARCH, "Search: ", finder_text(&s->find)));
    s->dirty = 1;
}

static void search_edited(struct screen *s, const char *text)
{
    if (finder_query(&s->find, &s->nav, text) != 0)
        say(s, 1, "Not enough memory to search");
    s->dirty = 1;
}

static void search_end(struct screen *s)
{
    finder_end(&s->find, &s->nav);
    s->dirty = 1;
}

/* Enter in the search prompt: read the selected hit. */
static void search_accept(struct screen *s)
{
    const bl_search_results *r = s->nav.res;
    if (!s->nav.searching || !r || r->n_terms == 0) {
        pop(s);
        search_end(s); /* nothing was asked */
        return;
    }
    if (r->n_hits == 0) {
        beep(); /* the pane says why; the query can be fixed */
        return;
    }
    pop(s);
    bl_nav_apply(&s->nav, BL_ACT_OPEN);
    s->dirty = 1;
}

/* ---- saving a summary ---------------------------------------------- */

static void save_open(struct screen *s)
{
    const bl_guide *g = s->g;
    if (top_prompt(s) || g->n_entries == 0)
        return;
    const bl_entry *e = &g->entries[s->nav.sel];
    if (e->kind != BL_ENTRY_ROLE) {
        say(s, 0, "Summaries are for roles; select a role");
        return;
    }
    char path[BL_PATH_MAX];
    if (bl_summary_default_path(e, path, sizeof path) != 0)
        path[0] = '\0';
    s->save_entry = s->nav.sel;
    push(s, prompt_line_new(s->t, ASK_SAVE_PATH, "Save summary to: ", path));
    s->dirty = 1;
}

static void save_write(struct screen *s, int overwrite)
{
    bl_save_result res;
    bl_summary_save(s->g, &s->g->entries[s->save_entry], s->save_typed, BL_SUMMARY_AUTO,
                    BL_SAFEWRITE_REFUSE_TTY | (overwrite ? BL_SAFEWRITE_OVERWRITE : 0),
                    &s->save_target, &res);
    if (res.status == BL_SAVE_EXISTS && !overwrite) {
        snprintf(s->save_abs, sizeof s->save_abs, "%s", res.path);
        push(s, prompt_question_new(s->t, ASK_OVERWRITE, "Overwrite ",
                                    res.path[0] ? res.path : s->save_typed, "? (y/N) "));
        return;
    }
    say(s, res.status != BL_SAVE_OK, res.message[0] ? res.message : "Not saved");
    /* The path's end says most; "Saved " stays in front of it (a failure
     * starts with the path and ends with the reason). */
    s->msg_tail = 1;
    if (res.status == BL_SAVE_OK && strchr(s->msg_buf, ' '))
        s->msg_keep = (size_t)(strchr(s->msg_buf, ' ') - s->msg_buf) + 1;
}

/* A prompt said it is done (accept or cancel); its text is still there. */
static void prompt_finished(struct screen *s, struct view *v, int accept)
{
    int purpose = prompt_purpose(v);
    switch (purpose) {
    case ASK_SEARCH:
        if (accept) {
            search_accept(s);
        } else {
            pop(s);
            search_end(s);
        }
        return;
    case ASK_SAVE_PATH:
        snprintf(s->save_typed, sizeof s->save_typed, "%s", prompt_text(v));
        pop(s);
        if (!accept || s->save_typed[0] == '\0')
            say(s, 0, "Not saved");
        else
            save_write(s, 0);
        return;
    case ASK_OVERWRITE:
        pop(s);
        if (accept) {
            save_write(s, 1);
        } else {
            char kept[BL_PATH_MAX + 8];
            snprintf(kept, sizeof kept, "Kept %s", s->save_abs);
            say(s, 0, kept);
            s->msg_tail = 1;
            s->msg_keep = strlen("Kept ");
        }
        return;
    default:
        pop(s);
        return;
    }
}

static void dispatch(struct screen *s, struct view_event *ev)
{
    struct view *v;
    if (ev->key == KM_FN(KEY_MOUSE)) {
        MEVENT me;
        if (getmouse(&me) != OK)
            return;
        ev->buttons = me.bstate;
        v = mouse_target(s, ev, me.y, me.x);
        if (!v)
            return;
    } else {
        v = top_view(s);
    }
    enum bl_action a = keymap_lookup(view_context(v), ev->key);
    struct view_result r = v->ops->key(v, a, ev);
    if (r.msg) {
        s->msg = r.msg;
        s->msg_error = s->msg_tail = 0;
    }
    if (prompt_is(v)) {
        if (r.flags & VIEW_REDRAW)
            s->dirty = 1;
        if ((r.flags & VIEW_EDITED) && prompt_purpose(v) == ASK_SEARCH)
            search_edited(s, prompt_text(v));
        if (r.flags & (VIEW_ACCEPT | VIEW_CANCEL)) {
            prompt_finished(s, v, (r.flags & VIEW_ACCEPT) != 0);
            return;
        }
        if (r.flags & VIEW_HANDLED)
            return;
        /* Up and Down in the search prompt pick a result. */
        if (prompt_purpose(v) == ASK_SEARCH &&
            (a == BL_ACT_UP || a == BL_ACT_DOWN || a == BL_ACT_PAGE_UP ||
             a == BL_ACT_PAGE_DOWN)) {
            if (bl_nav_apply(&s->nav, a))
                s->dirty = 1;
            return;
        }
    }
    if (r.flags & VIEW_CLOSE)
        pop(s);
    if (r.flags & (VIEW_REDRAW | VIEW_CLOSE))
        s->dirty = 1;
    if (r.flags & VIEW_HANDLED)
        return;
    switch (a) {
    case BL_ACT_QUIT:
        s->quit = 1;
        break;
    case BL_ACT_HELP:
        push(s, help_view_new(s->t));
        s->dirty = 1;
        break;
    case BL_ACT_SEARCH:
        search_open(s);
        break;
    case BL_ACT_SAVE:
        save_open(s);
        break;
    case BL_ACT_REDRAW:
        term_redraw_all();
        s->dirty = 1;
        break;
    case BL_ACT_CLOSE:
        if (s->nav.searching && !s->depth)
            search_end(s);
        break;
    default:
        break;
    }
}

/* Reads one key, or a whole bracketed paste (KM_PASTE); 0 when none
 * arrived (timeout, signal, or the terminal went away: then
 * term_pending_signal() says SIGHUP). */
static int read_key(const struct term *t, struct view_event *ev)
{
    memset(ev, 0, sizeof *ev);
    struct term_input in;
    term_read(t, &in);
    switch (in.kind) {
    case TERM_IN_KEY:
        ev->key = in.key;
        return 1;
    case TERM_IN_FN:
        ev->key = KM_FN(in.key);
        return 1;
    case TERM_IN_PASTE:
        ev->key = KM_PASTE;
        ev->text = in.text;
        ev->text_len = in.len;
        return 1;
    default:
        return 0;
    }
}

int screen_run(const bl_guide *g, const struct term *t)
{
    struct screen s = {.g = g, .t = t, .cache_w = -1, .title_w = menu_longest_title(g)};
    finder_init(&s.find, g);
    s.cache = calloc(g->n_entries ? g->n_entries : 1, sizeof *s.cache);
    s.menu = menu_view_new(t, &s.nav, &s.find);
    s.detail = detail_view_new(t, &s.nav);
    if (!s.cache || !s.menu || !s.detail) {
        free(s.cache);
        free(s.menu);
        free(s.detail);
        return 1;
    }
    bl_nav_init(&s.nav, g, layout_for, &s);
    /* Wake up now and then even without keys, to notice signals that
     * arrive while curses retries an interrupted read. */
    wtimeout(stdscr, 500);
    screen_resize(&s);
    while (!s.quit) {
        int sig = term_pending_signal();
        if (sig) {
            s.status = sig == SIGINT ? 0 : 128 + sig;
            break;
        }
        if (term_handle_suspend())
            screen_resize(&s);
        if (s.dirty) {
            screen_draw(&s);
            s.dirty = 0;
        }
        struct view_event ev;
        if (!read_key(t, &ev))
            continue;
        if (ev.key == KM_FN(KEY_RESIZE)) {
            screen_resize(&s);
            continue;
        }
        if (s.msg) {
            s.msg = NULL;
            s.msg_error = s.msg_tail = 0;
            s.dirty = 1;
        }
        if (s.too_small) {
            if (keymap_lookup(KM_ANY, ev.key) == BL_ACT_QUIT)
                s.quit = 1;
            continue;
        }
        dispatch(&s, &ev);
    }
    while (s.depth)
        pop(&s);
    free_win(&s.title);
    free_win(&s.bar);
    free_win(&s.menu->win);
    free_win(&s.detail->win);
    free(s.menu);
    free(s.detail);
    bl_nav_done(&s.nav);
    finder_done(&s.find);
    cache_clear(&s);
    free(s.cache);
    return s.status;
}
