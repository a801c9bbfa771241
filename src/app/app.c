#include "app_int.h"
#include "borderless/marks.h"
#include "borderless/summary.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- status ---------------------------------------------------------- */

static void say(bl_app *a, enum bl_status_kind kind, const char *text, const char *path)
{
    a->status.kind = kind;
    snprintf(a->status.text, sizeof a->status.text, "%s", text);
    snprintf(a->status.path, sizeof a->status.path, "%s", path ? path : "");
}

void app_say(bl_app *a, enum bl_status_kind kind, const char *text, const char *path)
{
    say(a, kind, text, path);
}

static void info(bl_app *a, const char *text)
{
    say(a, BL_STATUS_INFO, text, NULL);
}

static void status_clear(bl_app *a)
{
    a->status.kind = BL_STATUS_NONE;
    a->status.text[0] = a->status.path[0] = '\0';
}

/* ---- layouts ----------------------------------------------------------- */

static void cache_clear(bl_app *a)
{
    for (size_t i = 0; a->cache && i < a->g->n_entries; i++) {
        bl_layout_free(a->cache[i]);
        a->cache[i] = NULL;
    }
}

static const bl_layout *layout_of(bl_app *a, size_t entry)
{
    if (a->width != a->cache_w) {
        cache_clear(a);
        a->cache_w = a->width;
    }
    if (!a->cache[entry]) {
        if (a->ready && a->ready(a->ready_ctx, (long)entry) != 0) {
            a->damaged = 1;
            return NULL;
        }
        a->cache[entry] =
            bl_layout_entry_ex(a->g, &a->g->entries[entry], a->width, a->layout_flags);
    }
    return a->cache[entry];
}

static void relayout(bl_app *a)
{
    a->lay = a->g->n_entries ? layout_of(a, a->sel) : NULL;
}

/* ---- the entry's viewport ------------------------------------------------ */

static size_t height(const bl_app *a)
{
    return a->rows < 1 ? 1 : (size_t)a->rows;
}

size_t bl_app_lines(const bl_app *a)
{
    return a->lay ? a->lay->n_lines : 0;
}

size_t bl_app_max_top(const bl_app *a)
{
    size_t lines = bl_app_lines(a), h = height(a);
    return lines > h ? lines - h : 0;
}

static size_t n_links(const bl_app *a)
{
    return a->lay ? a->lay->n_links : 0;
}

static size_t link_line(const bl_app *a, long k)
{
    return a->lay->links[k];
}

static int link_visible(const bl_app *a, long k)
{
    size_t line = link_line(a, k);
    return line >= a->top && line < a->top + height(a);
}

static void clamp_top(bl_app *a)
{
    size_t max = bl_app_max_top(a);
    if (a->top > max)
        a->top = max;
}

/* After a scroll: a focused link scrolled out of view loses the focus. */
static void drop_hidden_link(bl_app *a)
{
    if (a->link >= 0 && ((size_t)a->link >= n_links(a) || !link_visible(a, a->link)))
        a->link = -1;
}

static void scroll_to_line(bl_app *a, size_t line)
{
    size_t h = height(a);
    if (line < a->top)
        a->top = line;
    else if (line >= a->top + h)
        a->top = line - h + 1;
    clamp_top(a);
}

/* Shows entry e from its top. */
static void select_entry(bl_app *a, size_t e)
{
    a->sel = e;
    a->top = 0;
    a->link = -1;
    a->search.matches = NULL;
    a->search.n_matches = 0;
    a->search.match = -1;
    relayout(a);
}

void app_select_entry(bl_app *a, size_t e)
{
    select_entry(a, e);
}

static bl_app_visit visit_here(const bl_app *a)
{
    return (bl_app_visit){.entry = a->sel,
                          .pos = a->lay ? bl_layout_pos_of(a->lay, a->top) : (bl_layout_pos){0},
                          .link = a->link};
}

/* Selects v's entry at v's place. */
static void go_visit(bl_app *a, bl_app_visit v)
{
    select_entry(a, v.entry);
    if (!a->lay)
        return;
    a->top = bl_layout_line_at(a->lay, v.pos);
    clamp_top(a);
    if (v.link >= 0 && (size_t)v.link < n_links(a)) {
        a->link = v.link;
        scroll_to_line(a, link_line(a, v.link));
    }
}

const bl_line *bl_app_current_heading(const bl_app *a)
{
    const bl_layout *l = a->lay;
    if (!l)
        return NULL;
    const bl_line *h = NULL;
    for (size_t k = 0; k < l->n_headings && l->headings[k] <= a->top; k++)
        h = &l->lines[l->headings[k]];
    return h;
}

/* ---- the menu's rows ------------------------------------------------------ */

static void menu_add(bl_app *a, enum bl_menu_row_kind k, size_t entry, const char *title)
{
    bl_menu_row *r = &a->menu[a->n_menu++];
    *r = (bl_menu_row){.kind = k, .entry = entry, .title = title};
    if (k == BL_MENU_ENTRY) {
        a->menu_at[entry] = a->n_menu - 1;
        a->order_pos[entry] = a->n_menu; /* renumbered below */
    }
}

/* 1 when role r is listed under group grp (grp == n_groups: no group). */
static int role_in(const bl_guide *g, size_t r, size_t grp)
{
    const bl_entry *e = &g->entries[r];
    size_t has = e->role && e->role->group < g->n_groups ? e->role->group : g->n_groups;
    return has == grp;
}

static int menu_build(bl_app *a)
{
    const bl_guide *g = a->g;
    size_t n = g->n_entries;
    /* at most: a heading per group, "Roles", a blank, "Sections", the entries */
    a->menu = calloc(g->n_groups + 3 + n, sizeof *a->menu);
    a->menu_at = calloc(n ? n : 1, sizeof *a->menu_at);
    a->order = calloc(n ? n : 1, sizeof *a->order);
    a->order_pos = calloc(n ? n : 1, sizeof *a->order_pos);
    if (!a->menu || !a->menu_at || !a->order || !a->order_pos)
        return -1;
    for (size_t grp = 0; grp <= g->n_groups; grp++) {
        int headed = 0;
        for (size_t r = 0; r < g->n_roles; r++) {
            if (!role_in(g, r, grp))
                continue;
            if (!headed)
                menu_add(a, BL_MENU_HEADING, 0, grp < g->n_groups ? g->groups[grp].title : "Roles");
            headed = 1;
            menu_add(a, BL_MENU_ENTRY, r, NULL);
        }
    }
    if (g->n_sections) {
        if (g->n_roles)
            menu_add(a, BL_MENU_BLANK, 0, NULL);
        menu_add(a, BL_MENU_HEADING, 0, "Sections");
        for (size_t i = g->n_roles; i < n; i++)
            menu_add(a, BL_MENU_ENTRY, i, NULL);
    }
    size_t k = 0;
    for (size_t i = 0; i < a->n_menu; i++) {
        if (a->menu[i].kind != BL_MENU_ENTRY)
            continue;
        a->order[k] = a->menu[i].entry;
        a->order_pos[a->menu[i].entry] = k++;
    }
    return 0;
}

size_t bl_app_menu_ordinal(const bl_app *a, size_t entry)
{
    if (entry >= a->g->n_entries)
        return 0;
    size_t pos = a->order_pos[entry]; /* roles come first */
    return (entry < a->g->n_roles ? pos : pos - a->g->n_roles) + 1;
}

/* ---- init ---------------------------------------------------------------- */

int bl_app_init(bl_app *a, const bl_guide *g, unsigned layout_flags)
{
    memset(a, 0, sizeof *a);
    a->g = g;
    a->layout_flags = layout_flags;
    a->cache_w = -1;
    a->width = a->rows = 1;
    a->link = -1;
    a->search.match = -1;
    a->search.pick = -1;
    a->focus = BL_FOCUS_MENU;
    int ok = bl_lineedit_init(&a->search.query, NULL) == 0;
    ok &= bl_lineedit_init(&a->save_path, NULL) == 0;
    ok &= bl_lineedit_init(&a->note, NULL) == 0;
    ok &= bl_app_export_init(a) == 0;
    a->cache = calloc(g->n_entries ? g->n_entries : 1, sizeof *a->cache);
    if (!a->cache || !ok || menu_build(a) != 0 || app_fit_init(a) != 0)
        return -1;
    /* The menu's first entry, laid out by the first BL_ACT_RESIZE (not at
     * a useless 1 column first). */
    a->sel = g->n_entries ? a->order[0] : 0;
    /* A first-time reader: where to start. */
    if (g->n_sections && g->n_roles) {
        char buf[sizeof a->status.text];
        snprintf(buf, sizeof buf, "New here? Start with \"%s\" under Sections",
                 g->entries[g->n_roles].title);
        say(a, BL_STATUS_WELCOME, buf, NULL);
    }
    return 0;
}

void bl_app_done(bl_app *a)
{
    cache_clear(a);
    free(a->cache);
    free(a->menu);
    free(a->menu_at);
    free(a->order);
    free(a->order_pos);
    app_suggest_forget(a);
    bl_search_results_free(a->search.res);
    bl_index_job_free(a->search.job);
    bl_lineedit_done(&a->search.query);
    for (size_t i = 0; i < a->search.n_recent; i++)
        free(a->search.recent[i]);
    bl_lineedit_done(&a->save_path);
    bl_lineedit_done(&a->note);
    bl_app_export_done(a);
    bl_shortlist_close(a->sl);
    bl_app_compare_done(a);
    app_fit_done(a);
    memset(a, 0, sizeof *a);
}

/* ---- search matches ---------------------------------------------------- */

static long match_line(const bl_app *a, size_t k)
{
    return bl_marks_line_of(a->lay, &a->g->entries[a->sel], &a->search.matches[k]);
}

size_t bl_app_matches_shown(const bl_app *a, size_t *current)
{
    size_t shown = 0;
    if (current)
        *current = 0;
    for (size_t k = 0; a->lay && k < a->search.n_matches; k++) {
        if (match_line(a, k) < 0)
            continue;
        shown++;
        if (current && (long)k == a->search.match)
            *current = shown;
    }
    return shown;
}

/* Scrolls so that `line` shows, a third of the way down when it was out
 * of view (like less), leaving the view alone when it is in it. */
static void show_line(bl_app *a, size_t line)
{
    size_t h = height(a);
    if (line >= a->top && line < a->top + h)
        return;
    a->top = line > h / 3 ? line - h / 3 : 0;
    clamp_top(a);
    drop_hidden_link(a);
}

static void go_match(bl_app *a, size_t k)
{
    a->search.match = (long)k;
    long line = match_line(a, k);
    if (line >= 0)
        show_line(a, (size_t)line);
}

static void say_match(bl_app *a)
{
    size_t cur = 0, shown = bl_app_matches_shown(a, &cur);
    char buf[64];
    snprintf(buf, sizeof buf, "match %zu/%zu", cur, shown);
    info(a, buf);
}

static unsigned match_cycle(bl_app *a, int forward)
{
    size_t count = a->search.n_matches;
    if (bl_app_matches_shown(a, NULL) == 0) {
        info(a,
             a->search.open ? "No search matches shown in this entry"
                            : "No search matches here: press / to search");
        return BL_APP_REDRAW;
    }
    long k = a->search.match;
    if (k < 0)
        k = forward ? -1 : (long)count;
    for (size_t tries = 0; tries < count; tries++) {
        k = forward ? (k + 1 < (long)count ? k + 1 : 0) : (k > 0 ? k - 1 : (long)count - 1);
        if (match_line(a, (size_t)k) >= 0)
            break;
    }
    go_match(a, (size_t)k);
    say_match(a);
    return BL_APP_REDRAW;
}

/* ---- the search session ------------------------------------------------ */

static void prompt_close(bl_app *a);

size_t bl_app_hits(const bl_app *a)
{
    return a->search.open && a->search.res ? a->search.res->n_hits : 0;
}

int bl_app_entry_shown(const bl_app *a)
{
    const bl_search_results *r = a->search.res;
    if (!a->g->n_entries)
        return 0;
    return !(a->search.open && r && r->n_terms && r->n_hits == 0);
}

/* Details the hits the results list can show around the selected one, so
 * that drawing never changes the results. */
static void detail_around(bl_app *a)
{
    bl_search_session *s = &a->search;
    size_t n = bl_app_hits(a), span = a->list < 1 ? 1 : (size_t)a->list;
    if (!n)
        return;
    size_t from = s->hit > span ? s->hit - span : 0;
    for (size_t i = from; i < n && i <= s->hit + span; i++)
        bl_search_detail(s->ix, s->res, i); /* on failure: no snippet shown */
}

/* Shows hit i's entry, scrolled to its first match that shows. */
static void select_hit(bl_app *a, size_t i)
{
    bl_search_session *s = &a->search;
    s->hit = i;
    detail_around(a);
    const bl_search_hit *h = &s->res->hits[i];
    if (h->entry >= a->g->n_entries)
        return;
    select_entry(a, h->entry);
    if (!h->detailed)
        return;
    s->matches = h->matches;
    s->n_matches = h->n_matches;
    for (size_t k = 0; k < s->n_matches; k++) {
        if (match_line(a, k) >= 0) {
            go_match(a, k);
            break;
        }
    }
}

static const char *query_text(const bl_app *a)
{
    return bl_lineedit_text(&a->search.query);
}

/* Runs the query and shows its results in place of the menu (the first
 * time: remembering the place to come back to).  0, or -1 when memory ran
 * out (no results then). */
static int run_query(bl_app *a)
{
    bl_search_session *s = &a->search;
    const char *q = query_text(a);
    size_t len = strlen(q);
    /* Waiting for the index: the search opens empty, and bl_app_poll()
     * runs the query once the index is ready. */
    s->pending = app_index_get(a);
    bl_search_results *r = NULL;
    if (!s->pending && s->ix && len)
        r = bl_search_run(s->ix, q, len, 0);
    if (!s->open) {
        s->open = 1;
        s->saved = visit_here(a);
        s->saved_focus = a->focus;
    }
    /* The old matches belong to the old results. */
    s->matches = NULL;
    s->n_matches = 0;
    s->match = -1;
    bl_search_results_free(s->res);
    s->res = r;
    s->hit = 0;
    a->focus = BL_FOCUS_MENU;
    a->link = -1;
    if (r && r->n_hits)
        select_hit(a, 0);
    else if (!r || r->n_terms == 0)
        go_visit(a, s->saved); /* nothing asked yet: where the search began */
    return s->pending || (s->ix && (r || !len)) ? 0 : -1;
}

int app_run_query(bl_app *a)
{
    return run_query(a);
}

static void end_search(bl_app *a)
{
    bl_search_session *s = &a->search;
    s->pending = s->pending_accept = 0;
    if (!s->open)
        return;
    app_suggest_forget(a);
    s->open = 0;
    bl_search_results_free(s->res);
    s->res = NULL;
    s->hit = 0;
    bl_lineedit_set(&s->query, "", 0);
    go_visit(a, s->saved);
    a->focus = s->saved_focus;
}

/* Keeps q among the recent queries (once, newest last). */
static void remember_query(bl_app *a, const char *q)
{
    bl_search_session *s = &a->search;
    if (!q[0])
        return;
    for (size_t i = 0; i < s->n_recent; i++) {
        if (strcmp(s->recent[i], q) == 0) {
            char *keep = s->recent[i];
            memmove(&s->recent[i], &s->recent[i + 1], (s->n_recent - i - 1) * sizeof *s->recent);
            s->recent[s->n_recent - 1] = keep;
            return;
        }
    }
    size_t n = strlen(q) + 1;
    char *copy = malloc(n);
    if (!copy)
        return; /* not remembered: nothing else is lost */
    memcpy(copy, q, n);
    if (s->n_recent == BL_APP_QUERIES) {
        free(s->recent[0]);
        memmove(&s->recent[0], &s->recent[1], (BL_APP_QUERIES - 1) * sizeof *s->recent);
        s->n_recent--;
    }
    s->recent[s->n_recent++] = copy;
}

/* Reads the selected hit: the entry gets the focus. */
static unsigned open_hit(bl_app *a)
{
    if (bl_app_hits(a) == 0) {
        info(a, "Nothing to open: no matches");
        return BL_APP_REDRAW;
    }
    a->focus = BL_FOCUS_DETAIL;
    return BL_APP_REDRAW;
}

static unsigned search_edit(bl_app *a)
{
    app_suggest_forget(a); /* the query typed now is the one */
    if (run_query(a) != 0)
        say(a, BL_STATUS_ERROR, "Not enough memory to search", NULL);
    return BL_APP_REDRAW | BL_APP_ENTRY;
}

static unsigned search_accept(bl_app *a)
{
    bl_search_session *s = &a->search;
    if (s->pending) {
        s->pending_accept = 1; /* applied when the index is ready */
        return BL_APP_REDRAW;
    }
    /* Enter on an empty prompt: the last search again (less). */
    if (!query_text(a)[0] && s->n_recent) {
        const char *last = s->recent[s->n_recent - 1];
        bl_lineedit_set(&s->query, last, strlen(last));
        search_edit(a);
    }
    if (!s->open || !s->res || s->res->n_terms == 0) {
        prompt_close(a);
        end_search(a); /* nothing was asked */
        return BL_APP_REDRAW | BL_APP_ENTRY;
    }
    remember_query(a, query_text(a));
    if (s->res->n_hits == 0)
        return BL_APP_BEEP; /* the pane says why; the query can be fixed */
    app_suggest_forget(a); /* the query read is the one */
    prompt_close(a);
    return open_hit(a);
}

static unsigned search_cancel(bl_app *a)
{
    remember_query(a, query_text(a));
    prompt_close(a);
    end_search(a);
    return BL_APP_REDRAW | BL_APP_ENTRY;
}

static const struct bl_prompt_kind search_prompt = {
    .label = "Search: ",
    .on_edit = search_edit,
    .on_accept = search_accept,
    .on_cancel = search_cancel,
    .on_complete = app_suggest_cycle,
};

static void open_prompt(bl_app *a, const struct bl_prompt_kind *k, bl_lineedit *edit)
{
    a->prompt.kind = k;
    a->prompt.edit = edit;
    a->prompt.subject[0] = '\0';
    a->prompt.tail = "";
}

static void prompt_close(bl_app *a)
{
    a->prompt.kind = NULL;
    a->prompt.edit = NULL;
}

void app_open_prompt(bl_app *a, const struct bl_prompt_kind *k, bl_lineedit *edit)
{
    open_prompt(a, k, edit);
}

void app_prompt_ask(bl_app *a, const struct bl_prompt_kind *k, const char *subject,
                    const char *tail)
{
    open_prompt(a, k, NULL);
    size_t n = strlen(subject);
    if (n >= sizeof a->prompt.subject)
        n = sizeof a->prompt.subject - 1;
    memcpy(a->prompt.subject, subject, n);
    a->prompt.subject[n] = '\0';
    a->prompt.tail = tail;
}

void app_prompt_close(bl_app *a)
{
    prompt_close(a);
}

static unsigned search_open(bl_app *a)
{
    bl_search_session *s = &a->search;
    /* The results (and the prompt's keys) are in the menu pane. */
    if (s->open && a->focus == BL_FOCUS_DETAIL) {
        a->focus = BL_FOCUS_MENU;
        a->link = -1;
    }
    s->recall = s->n_recent;
    a->shelf_open = 0;
    open_prompt(a, &search_prompt, &s->query);
    return BL_APP_REDRAW;
}

/* Up and Down in the search prompt: this run's earlier queries. */
static unsigned recall(bl_app *a, int back)
{
    bl_search_session *s = &a->search;
    if (a->prompt.kind != &search_prompt)
        return 0;
    if (back ? s->recall == 0 : s->recall >= s->n_recent)
        return BL_APP_BEEP;
    s->recall = back ? s->recall - 1 : s->recall + 1;
    const char *q = s->recall < s->n_recent ? s->recent[s->recall] : "";
    bl_lineedit_set(&s->query, q, strlen(q));
    return search_edit(a);
}

/* n with no search open: the last search again, at its first hit. */
static unsigned repeat_search(bl_app *a, int forward)
{
    bl_search_session *s = &a->search;
    if (!s->n_recent)
        return match_cycle(a, forward);
    const char *last = s->recent[s->n_recent - 1];
    bl_lineedit_set(&s->query, last, strlen(last));
    unsigned r = search_edit(a);
    if (bl_app_hits(a)) {
        a->focus = BL_FOCUS_DETAIL;
        say_match(a);
    }
    return r;
}

/* ---- saving a summary ---------------------------------------------------- */

static unsigned save_accept(bl_app *a);
static unsigned save_cancel(bl_app *a);
static unsigned overwrite_yes(bl_app *a);

static const struct bl_prompt_kind save_prompt = {
    .label = "Save summary (.md: Markdown) to: ",
    .on_accept = save_accept,
    .on_cancel = save_cancel,
};

/* The fit report (p on the fit finder's ranking): the same rules. */
static const struct bl_prompt_kind report_prompt = {
    .label = "Save report (.md: Markdown) to: ",
    .on_accept = save_accept,
    .on_cancel = save_cancel,
};

static const struct bl_prompt_kind overwrite_prompt = {
    .label = "Overwrite ",
    .question = 1,
    .on_accept = overwrite_yes,
    .on_cancel = app_overwrite_no,
};

static unsigned save_open(bl_app *a)
{
    const bl_guide *g = a->g;
    if (g->n_entries == 0)
        return 0;
    const bl_entry *e = &g->entries[a->sel];
    if (e->kind != BL_ENTRY_ROLE) {
        info(a, "Summaries are for roles; select a role");
        return BL_APP_REDRAW;
    }
    char path[BL_PATH_MAX];
    if (bl_summary_default_path(e, path, sizeof path) != 0)
        path[0] = '\0';
    bl_lineedit_set(&a->save_path, path, strlen(path));
    a->save_entry = a->sel;
    a->save_fit = 0;
    open_prompt(a, &save_prompt, &a->save_path);
    return BL_APP_REDRAW;
}

#define REPORT_NAME "fit-report.txt"

unsigned app_save_report_open(bl_app *a)
{
    const char *path = "./" REPORT_NAME;
    bl_lineedit_set(&a->save_path, path, strlen(path));
    a->save_fit = 1;
    open_prompt(a, &report_prompt, &a->save_path);
    return BL_APP_REDRAW;
}

/* The file the typed name means: a folder means <folder>/<id>-summary.txt. */
static void save_target(const bl_app *a, const char *typed, char *out, size_t size)
{
    char abs[BL_PATH_MAX];
    struct stat st;
    snprintf(out, size, "%s", typed);
    if (bl_path_resolve(typed, abs, sizeof abs) != 0 || stat(abs, &st) != 0 || !S_ISDIR(st.st_mode))
        return;
    size_t n = strlen(typed);
    const char *sep = n && typed[n - 1] == '/' ? "" : "/";
    int w = a->save_fit
        ? snprintf(out, size, "%s%s" REPORT_NAME, typed, sep)
        : snprintf(out, size, "%s%s%s-summary.txt", typed, sep, a->g->entries[a->save_entry].id);
    if (w < 0 || (size_t)w >= size)
        snprintf(out, size, "%s", typed);
}

static unsigned save_write(bl_app *a, int overwrite)
{
    char target[BL_LINEEDIT_MAX + BL_PATH_MAX];
    bl_save_result res;
    save_target(a, bl_lineedit_text(&a->save_path), target, sizeof target);
    /* Never the guide's own terminal; "yes" replaces only the file asked
     * about (save_asked). */
    unsigned flags = BL_SAFEWRITE_REFUSE_TTY | (overwrite ? BL_SAFEWRITE_OVERWRITE : 0);
    if (a->save_fit)
        bl_fit_report_save(a->g, &a->fit.ans, (a->layout_flags & BL_LAYOUT_ASCII) != 0, target,
                           BL_SUMMARY_AUTO, flags, &a->save_asked, &res); /* as the CLI's */
    else
        bl_summary_save(a->g, &a->g->entries[a->save_entry], target, BL_SUMMARY_AUTO, flags,
                        &a->save_asked, &res);
    if (res.status == BL_SAVE_EXISTS && !overwrite) {
        open_prompt(a, &overwrite_prompt, NULL);
        const char *subject = res.path[0] ? res.path : target;
        size_t n = strlen(subject);
        if (n >= sizeof a->prompt.subject)
            n = sizeof a->prompt.subject - 1;
        memcpy(a->prompt.subject, subject, n);
        a->prompt.subject[n] = '\0';
        a->prompt.tail = "? (y/N) ";
        return BL_APP_REDRAW;
    }
    if (res.status == BL_SAVE_OK) {
        prompt_close(a);
        say(a, BL_STATUS_INFO, "Saved ", res.path);
        return BL_APP_REDRAW;
    }
    /* Failed: the name stays in the prompt, to be corrected. */
    open_prompt(a, a->save_fit ? &report_prompt : &save_prompt, &a->save_path);
    say(a, BL_STATUS_ERROR, "", res.message[0] ? res.message : "Not saved");
    return BL_APP_REDRAW | BL_APP_BEEP;
}

static unsigned save_accept(bl_app *a)
{
    if (bl_lineedit_text(&a->save_path)[0] == '\0')
        return save_cancel(a);
    return save_write(a, 0);
}

static unsigned save_cancel(bl_app *a)
{
    prompt_close(a);
    info(a, "Not saved");
    return BL_APP_REDRAW;
}

static unsigned overwrite_yes(bl_app *a)
{
    return save_write(a, 1);
}

unsigned app_overwrite_no(bl_app *a)
{
    char path[BL_PATH_MAX];
    snprintf(path, sizeof path, "%s", a->prompt.subject);
    prompt_close(a);
    say(a, BL_STATUS_INFO, "Kept ", path);
    return BL_APP_REDRAW;
}

/* ---- the prompt's keys ---------------------------------------------------- */

static unsigned edited(bl_app *a, unsigned le)
{
    unsigned r = le ? BL_APP_REDRAW : 0;
    if ((le & BL_LE_CHANGED) && a->prompt.kind->on_edit)
        r |= a->prompt.kind->on_edit(a);
    return r;
}

static unsigned prompt_apply(bl_app *a, enum bl_action act, const struct bl_app_arg *arg)
{
    const struct bl_prompt_kind *k = a->prompt.kind;
    if (k->question && (act == BL_ACT_PASTE || act == BL_ACT_SELECT_SUGGESTION))
        return 0; /* a paste, or a click on the results, is no answer */
    if (k->question)
        return act == BL_ACT_YES ? k->on_accept(a) : k->on_cancel(a);
    bl_lineedit *le = a->prompt.edit;
    static const enum bl_lineedit_op ops[BL_ACT_COUNT] = {
        [BL_ACT_EDIT_LEFT] = BL_LE_LEFT,
        [BL_ACT_EDIT_RIGHT] = BL_LE_RIGHT,
        [BL_ACT_EDIT_HOME] = BL_LE_HOME,
        [BL_ACT_EDIT_END] = BL_LE_END,
        [BL_ACT_EDIT_BACKSPACE] = BL_LE_BACKSPACE,
        [BL_ACT_EDIT_DELETE] = BL_LE_DELETE,
        [BL_ACT_EDIT_KILL_START] = BL_LE_KILL_START,
        [BL_ACT_EDIT_KILL_END] = BL_LE_KILL_END,
        [BL_ACT_EDIT_KILL_WORD] = BL_LE_KILL_WORD,
    };
    switch (act) {
    case BL_ACT_INSERT: {
        unsigned r = arg ? bl_lineedit_insert_cp(le, arg->cp) : 0;
        return r ? edited(a, r) : BL_APP_BEEP;
    }
    case BL_ACT_PASTE: {
        /* Text, never keys: line breaks become spaces. */
        unsigned r = arg && arg->text ? bl_lineedit_paste(le, arg->text, arg->len) : 0;
        return edited(a, r & (BL_LE_CHANGED | BL_LE_MOVED)) | (r & BL_LE_CUT ? BL_APP_BEEP : 0);
    }
    case BL_ACT_ACCEPT:
        return k->on_accept(a);
    case BL_ACT_CANCEL:
        return k->on_cancel(a);
    case BL_ACT_HISTORY_PREV:
        return recall(a, 1);
    case BL_ACT_HISTORY_NEXT:
        return recall(a, 0);
    case BL_ACT_SUGGEST_NEXT:
    case BL_ACT_SUGGEST_PREV:
        return k->on_complete ? k->on_complete(a, act == BL_ACT_SUGGEST_NEXT ? 1 : -1) : 0;
    case BL_ACT_SELECT_SUGGESTION:
        return arg && k->on_complete ? app_suggest_pick(a, arg->n) : 0;
    case BL_ACT_EDIT_LEFT:
    case BL_ACT_EDIT_RIGHT:
    case BL_ACT_EDIT_HOME:
    case BL_ACT_EDIT_END:
    case BL_ACT_EDIT_BACKSPACE:
    case BL_ACT_EDIT_DELETE:
    case BL_ACT_EDIT_KILL_START:
    case BL_ACT_EDIT_KILL_END:
    case BL_ACT_EDIT_KILL_WORD:
        return edited(a, bl_lineedit_apply(le, ops[act]));
    default:
        return 0;
    }
}

/* ---- moving ------------------------------------------------------------ */

/* The row `delta` away from `cur` in a list of `count`, kept inside the
 * list.  0 when it does not move (or the list is empty). */
static int clamp_move(size_t cur, long delta, size_t count, size_t *to)
{
    if (count == 0)
        return 0;
    long t = (long)cur + delta;
    if (t < 0)
        t = 0;
    if ((size_t)t >= count)
        t = (long)count - 1;
    *to = (size_t)t;
    return *to != cur;
}

static unsigned hit_move(bl_app *a, long delta)
{
    size_t to;
    if (!clamp_move(a->search.hit, delta, bl_app_hits(a), &to))
        return 0;
    select_hit(a, to);
    return BL_APP_REDRAW | BL_APP_ENTRY;
}

static unsigned menu_move(bl_app *a, long delta)
{
    if (a->search.open)
        return hit_move(a, delta);
    size_t to;
    if (!clamp_move(a->order_pos[a->sel], delta, a->g->n_entries, &to))
        return 0;
    select_entry(a, a->order[to]); /* in the menu's order: headings skipped */
    return BL_APP_REDRAW | BL_APP_ENTRY;
}

static unsigned detail_scroll(bl_app *a, long delta)
{
    size_t old = a->top;
    if (delta < 0)
        a->top = (size_t)-delta > a->top ? 0 : a->top - (size_t)-delta;
    else
        a->top += (size_t)delta;
    clamp_top(a);
    drop_hidden_link(a);
    return a->top != old ? BL_APP_REDRAW : 0;
}

static unsigned heading_jump(bl_app *a, int forward)
{
    const bl_layout *l = a->lay;
    size_t old = a->top;
    if (!l || l->n_headings == 0) {
        info(a, "This entry has no headings");
        return BL_APP_REDRAW;
    }
    if (forward) {
        size_t k = 0;
        while (k < l->n_headings && l->headings[k] <= a->top)
            k++;
        if (k == l->n_headings) {
            info(a, "No heading below");
            return BL_APP_REDRAW;
        }
        /* The last headings may all be on screen at the end: the view
         * goes as far as it can. */
        size_t to = l->headings[k] < bl_app_max_top(a) ? l->headings[k] : bl_app_max_top(a);
        if (to <= a->top) {
            info(a, "At the end of the entry");
            return BL_APP_REDRAW;
        }
        a->top = to;
    } else {
        size_t k = l->n_headings;
        while (k > 0 && l->headings[k - 1] >= a->top)
            k--;
        if (k == 0) {
            if (a->top == 0) {
                info(a, "No heading above");
                return BL_APP_REDRAW;
            }
            a->top = 0; /* the title */
        } else {
            a->top = l->headings[k - 1];
        }
    }
    clamp_top(a);
    drop_hidden_link(a);
    return a->top != old ? BL_APP_REDRAW : 0;
}

static unsigned link_cycle(bl_app *a, int forward)
{
    size_t count = n_links(a);
    if (count == 0) {
        info(a, "No links in this entry");
        return BL_APP_REDRAW;
    }
    long k;
    if (a->link < 0) {
        /* Start from the view: the first link at or below the top (the
         * last one above the bottom going backwards), else wrap. */
        size_t bottom = a->top + height(a);
        if (forward) {
            for (k = 0; (size_t)k < count && link_line(a, k) < a->top; k++)
                ;
            if ((size_t)k == count)
                k = 0;
        } else {
            for (k = (long)count - 1; k >= 0 && link_line(a, k) >= bottom; k--)
                ;
            if (k < 0)
                k = (long)count - 1;
        }
    } else if (forward) {
        k = (size_t)a->link + 1 < count ? a->link + 1 : 0;
    } else {
        k = a->link > 0 ? a->link - 1 : (long)count - 1;
    }
    a->link = k;
    /* Show the whole link when it wraps onto several lines. */
    size_t first = link_line(a, k), last = first;
    while (last + 1 < a->lay->n_lines && a->lay->lines[last + 1].link_no == k)
        last++;
    scroll_to_line(a, last);
    scroll_to_line(a, first);
    return BL_APP_REDRAW;
}

static void push_visit(bl_app *a)
{
    if (a->n_hist == BL_APP_HISTORY) {
        memmove(&a->hist[0], &a->hist[1], (BL_APP_HISTORY - 1) * sizeof a->hist[0]);
        a->n_hist--;
    }
    a->hist[a->n_hist++] = visit_here(a);
}

static unsigned follow(bl_app *a, long k)
{
    if (k < 0 || (size_t)k >= n_links(a)) {
        info(a,
             n_links(a) ? "Press Tab to choose a link, then Enter to follow it"
                        : "No links in this entry");
        return BL_APP_REDRAW;
    }
    long target = a->lay->link_targets[k];
    long term = a->lay->link_terms ? a->lay->link_terms[k] : -1;
    if (target < 0 || (size_t)target >= a->g->n_entries)
        return 0;
    push_visit(a);
    select_entry(a, (size_t)target);
    a->focus = BL_FOCUS_DETAIL;
    if (term >= 0 && a->lay) {
        /* A glossary term: the glossary opens at its entry. */
        a->top = bl_layout_line_at(
            a->lay, (bl_layout_pos){.part = BL_FIELD_GLOSSARY, .item = (size_t)term});
        clamp_top(a);
    }
    return BL_APP_REDRAW | BL_APP_ENTRY;
}

static unsigned back(bl_app *a)
{
    if (a->n_hist == 0) {
        info(a, "No earlier entry: Backspace returns after following a link");
        return BL_APP_REDRAW;
    }
    go_visit(a, a->hist[--a->n_hist]);
    return BL_APP_REDRAW | BL_APP_ENTRY;
}

static long page_of(const struct bl_app_arg *arg, int rows)
{
    long h = arg && arg->n > 0 ? arg->n : rows;
    return h > 2 ? h - 1 : 1;
}

static void resize(bl_app *a, int width, int rows, int list)
{
    if (width < 1)
        width = 1;
    a->rows = rows < 1 ? 1 : rows;
    a->list = list;
    detail_around(a);
    if (a->g->n_entries == 0)
        return;
    if (width != a->width || !a->lay) {
        int had = a->lay != NULL;
        bl_layout_pos pos = had ? bl_layout_pos_of(a->lay, a->top) : (bl_layout_pos){0};
        a->width = width;
        relayout(a);
        a->top = had && a->lay ? bl_layout_line_at(a->lay, pos) : 0;
    }
    clamp_top(a);
    if (a->link >= 0 && (size_t)a->link >= n_links(a))
        a->link = -1;
    if (a->link >= 0)
        scroll_to_line(a, link_line(a, a->link));
}

static unsigned menu_apply(bl_app *a, enum bl_action act, const struct bl_app_arg *arg)
{
    size_t count = a->search.open ? bl_app_hits(a) : a->g->n_entries;
    long pg = page_of(arg, a->rows);
    switch (act) {
    case BL_ACT_UP:
        return menu_move(a, -1);
    case BL_ACT_DOWN:
        return menu_move(a, 1);
    case BL_ACT_PAGE_UP:
        return menu_move(a, -pg);
    case BL_ACT_PAGE_DOWN:
        return menu_move(a, pg);
    case BL_ACT_HOME:
        return menu_move(a, -(long)count);
    case BL_ACT_END:
        return menu_move(a, (long)count);
    case BL_ACT_OPEN:
        if (a->search.open)
            return open_hit(a);
        a->focus = BL_FOCUS_DETAIL;
        return BL_APP_REDRAW;
    default:
        return 0;
    }
}

static unsigned detail_apply(bl_app *a, enum bl_action act, const struct bl_app_arg *arg)
{
    long pg = page_of(arg, a->rows);
    switch (act) {
    case BL_ACT_UP:
        return detail_scroll(a, -1);
    case BL_ACT_DOWN:
        return detail_scroll(a, 1);
    case BL_ACT_PAGE_UP:
        return detail_scroll(a, -pg);
    case BL_ACT_PAGE_DOWN:
        return detail_scroll(a, pg);
    case BL_ACT_HOME:
        return detail_scroll(a, -(long)bl_app_lines(a) - 1);
    case BL_ACT_END:
        return detail_scroll(a, (long)bl_app_lines(a) + 1);
    case BL_ACT_CLOSE:
        a->focus = BL_FOCUS_MENU;
        a->link = -1;
        return BL_APP_REDRAW;
    case BL_ACT_PREV_HEADING:
        return heading_jump(a, 0);
    case BL_ACT_NEXT_HEADING:
        return heading_jump(a, 1);
    case BL_ACT_NEXT_LINK:
        return link_cycle(a, 1);
    case BL_ACT_PREV_LINK:
        return link_cycle(a, 0);
    case BL_ACT_FOLLOW:
        return follow(a, a->link);
    default:
        return 0;
    }
}

/* Mouse: a click on an entry or a hit selects it, a second one opens it. */
static unsigned click_row(bl_app *a, int hit, long n)
{
    size_t count = hit ? bl_app_hits(a) : a->g->n_entries;
    size_t cur = hit ? a->search.hit : a->sel;
    if (n < 0 || (size_t)n >= count || (hit != a->search.open))
        return 0;
    if ((size_t)n == cur) {
        a->focus = BL_FOCUS_DETAIL;
        return BL_APP_REDRAW;
    }
    a->focus = BL_FOCUS_MENU;
    if (hit)
        select_hit(a, (size_t)n);
    else
        select_entry(a, (size_t)n);
    return BL_APP_REDRAW | BL_APP_ENTRY;
}

static unsigned click_line(bl_app *a, long n)
{
    if (n < 0 || !a->lay)
        return 0;
    unsigned r = a->focus != BL_FOCUS_DETAIL ? BL_APP_REDRAW : 0;
    a->focus = BL_FOCUS_DETAIL;
    size_t line = (size_t)n;
    if (line < a->lay->n_lines && a->lay->lines[line].link_no >= 0)
        return follow(a, a->lay->lines[line].link_no);
    return r;
}

/* ---- the shortlist -------------------------------------------------------- */

int bl_app_open_state(bl_app *a, unsigned flags)
{
    char why[BL_REASON_MAX];
    bl_app_fit_open_state(a, flags);
    bl_shortlist_close(a->sl);
    a->sl = NULL;
    if (bl_shortlist_open(NULL, flags, &a->sl, why, sizeof why) < 0) {
        /* Go on without a saved shortlist: marks last until the exit. */
        say(a, BL_STATUS_ERROR, "Shortlist not saved this time: ", why);
        if (bl_shortlist_open(NULL, BL_USERSTATE_PRIVATE, &a->sl, why, sizeof why) < 0)
            return -1;
        return 0;
    }
    if (bl_shortlist_notice(a->sl))
        say(a, BL_STATUS_INFO, "", bl_shortlist_notice(a->sl));
    return 0;
}

static long entry_by_id(const bl_guide *g, const char *id)
{
    for (size_t i = 0; i < g->n_entries; i++)
        if (strcmp(g->entries[i].id, id) == 0)
            return (long)i;
    return -1;
}

long bl_app_shelf_entry(const bl_app *a, size_t i)
{
    if (!a->sl || i >= bl_shortlist_count(a->sl))
        return -1;
    return entry_by_id(a->g, bl_shortlist_at(a->sl, i)->id);
}

/* The role a mark or a note is about: the selected entry (or shortlist
 * row); NULL with a message when it is no role. */
static const bl_entry *marked_subject(bl_app *a)
{
    if (!a->sl) {
        say(a, BL_STATUS_ERROR, "The shortlist is not available", NULL);
        return NULL;
    }
    long e = a->shelf_open ? bl_app_shelf_entry(a, a->shelf_sel) : (long)a->sel;
    if (e < 0 || a->g->n_entries == 0 || a->g->entries[e].kind != BL_ENTRY_ROLE) {
        info(a, "Only roles go on the shortlist; select a role");
        return NULL;
    }
    return &a->g->entries[e];
}

static void store_failed(bl_app *a, int rc, const char *why)
{
    if (rc == -EROFS)
        say(a, BL_STATUS_ERROR, "The shortlist is read-only: ", why);
    else
        say(a, BL_STATUS_ERROR, "Shortlist not changed: ", why);
}

static void shelf_clamp(bl_app *a)
{
    size_t n = a->sl ? bl_shortlist_count(a->sl) : 0;
    if (a->shelf_sel >= n)
        a->shelf_sel = n ? n - 1 : 0;
}

static unsigned mark(bl_app *a)
{
    const bl_entry *e = marked_subject(a);
    if (!e)
        return BL_APP_REDRAW;
    char why[BL_REASON_MAX] = "";
    char msg[sizeof a->status.text];
    int rc;
    if (bl_shortlist_is_marked(a->sl, e->id)) {
        rc = bl_shortlist_remove(a->sl, e->id, why, sizeof why);
        snprintf(msg, sizeof msg, "Removed from the shortlist: %s", e->title);
    } else {
        rc = bl_shortlist_add(a->sl, e->id, e->reviewed, NULL, why, sizeof why);
        snprintf(msg, sizeof msg, "Added to the shortlist: %s", e->title);
    }
    if (rc < 0)
        store_failed(a, rc, why);
    else
        info(a, msg);
    shelf_clamp(a);
    return BL_APP_REDRAW | (rc < 0 ? BL_APP_BEEP : 0);
}

static unsigned note_accept(bl_app *a);
static unsigned note_cancel(bl_app *a);

static const struct bl_prompt_kind note_prompt = {
    .label = "Note: ",
    .on_accept = note_accept,
    .on_cancel = note_cancel,
};

static unsigned note_open(bl_app *a)
{
    const bl_entry *e = marked_subject(a);
    if (!e)
        return BL_APP_REDRAW;
    const bl_shortlist_entry *se = bl_shortlist_find(a->sl, e->id);
    const char *note = se ? se->note : "";
    bl_lineedit_set(&a->note, note, strlen(note));
    a->note_entry = (size_t)(e - a->g->entries);
    open_prompt(a, &note_prompt, &a->note);
    return BL_APP_REDRAW;
}

static unsigned note_accept(bl_app *a)
{
    const bl_entry *e = &a->g->entries[a->note_entry];
    const char *note = bl_lineedit_text(&a->note);
    char why[BL_REASON_MAX] = "";
    int rc = bl_shortlist_check_note(note, why, sizeof why);
    if (rc == 0)
        rc = bl_shortlist_is_marked(a->sl, e->id)
            ? bl_shortlist_set_note(a->sl, e->id, note, why, sizeof why)
            : bl_shortlist_add(a->sl, e->id, e->reviewed, note, why, sizeof why);
    if (rc < 0) {
        /* The note stays in the prompt, to be corrected (or Esc). */
        store_failed(a, rc, why);
        return BL_APP_REDRAW | BL_APP_BEEP;
    }
    prompt_close(a);
    info(a, note[0] ? "Note saved" : "Note cleared");
    return BL_APP_REDRAW;
}

static unsigned note_cancel(bl_app *a)
{
    prompt_close(a);
    info(a, "Note not changed");
    return BL_APP_REDRAW;
}

/* The entry pane shows the selected row's role (as it shows a hit). */
static unsigned shelf_preview(bl_app *a)
{
    long e = bl_app_shelf_entry(a, a->shelf_sel);
    if (e < 0 || (size_t)e == a->sel)
        return 0;
    select_entry(a, (size_t)e);
    return BL_APP_ENTRY;
}

static unsigned shelf_open(bl_app *a)
{
    if (!a->sl) {
        say(a, BL_STATUS_ERROR, "The shortlist is not available", NULL);
        return BL_APP_REDRAW;
    }
    a->shelf_open = 1;
    a->shelf_sel = 0;
    a->focus = BL_FOCUS_MENU;
    a->link = -1;
    if (bl_shortlist_count(a->sl) == 0)
        info(a, "The shortlist is empty: m marks the selected role");
    return BL_APP_REDRAW | shelf_preview(a);
}

static unsigned shelf_apply(bl_app *a, enum bl_action act, const struct bl_app_arg *arg)
{
    size_t n = bl_shortlist_count(a->sl), to;
    long pg = arg && arg->n > 0 ? arg->n : 1;
    long delta = 0;
    switch (act) {
    case BL_ACT_END_SEARCH:
    case BL_ACT_CLOSE:
    case BL_ACT_SHORTLIST:
        a->shelf_open = 0;
        return BL_APP_REDRAW;
    case BL_ACT_UP:
        delta = -1;
        break;
    case BL_ACT_DOWN:
        delta = 1;
        break;
    case BL_ACT_PAGE_UP:
        delta = -pg;
        break;
    case BL_ACT_PAGE_DOWN:
        delta = pg;
        break;
    case BL_ACT_HOME:
        delta = -(long)n;
        break;
    case BL_ACT_END:
        delta = (long)n;
        break;
    case BL_ACT_MENU_STEP:
        delta = arg && arg->n < 0 ? -1 : 1;
        break;
    case BL_ACT_OPEN: {
        long e = bl_app_shelf_entry(a, a->shelf_sel);
        if (n == 0)
            return BL_APP_BEEP;
        if (e < 0) {
            info(a, "That role is no longer in the guide");
            return BL_APP_REDRAW;
        }
        a->shelf_open = 0;
        if ((size_t)e != a->sel)
            select_entry(a, (size_t)e);
        a->focus = BL_FOCUS_DETAIL;
        return BL_APP_REDRAW | BL_APP_ENTRY;
    }
    default:
        return 0;
    }
    if (!clamp_move(a->shelf_sel, delta, n, &to) || to == a->shelf_sel)
        return 0;
    a->shelf_sel = to;
    return BL_APP_REDRAW | shelf_preview(a);
}

/* ---- the session ------------------------------------------------------------ */

void bl_app_session(const bl_app *a, bl_session *s)
{
    memset(s, 0, sizeof *s);
    if (!a->g->n_entries)
        return;
    snprintf(s->entry, sizeof s->entry, "%s", a->g->entries[a->sel].id);
    if (a->lay) {
        s->pos = bl_layout_pos_of(a->lay, a->top);
        s->line = a->top;
    }
    snprintf(s->focus, sizeof s->focus, "%s", a->focus == BL_FOCUS_DETAIL ? "detail" : "menu");
    bl_app_compare_session(a, s);
}

int bl_app_restore(bl_app *a, const bl_session *s)
{
    int set = bl_app_compare_restore(a, s);
    long e = entry_by_id(a->g, s->entry);
    if (e < 0)
        return set ? 0 : -1;
    select_entry(a, (size_t)e);
    if (a->lay) {
        a->top = bl_layout_line_at(a->lay, s->pos);
        clamp_top(a);
    }
    a->focus = strcmp(s->focus, "detail") == 0 ? BL_FOCUS_DETAIL : BL_FOCUS_MENU;
    /* The welcome line is for a first-time reader. */
    if (a->status.kind == BL_STATUS_WELCOME)
        status_clear(a);
    return 0;
}

/* ---- the one entry point ------------------------------------------------ */

static unsigned apply(bl_app *a, enum bl_action act, const struct bl_app_arg *arg)
{
    long n = arg ? arg->n : 0;
    if (a->prompt.kind) {
        /* Moving over the hits while the query is typed. */
        if (act == BL_ACT_RESULT_PREV || act == BL_ACT_RESULT_NEXT)
            return hit_move(a, act == BL_ACT_RESULT_PREV ? -1 : 1);
        if (act == BL_ACT_HELP)
            return BL_APP_HELP;
        if (act == BL_ACT_QUIT)
            return BL_APP_QUIT;
        if (act == BL_ACT_REDRAW && !a->prompt.kind->question)
            return BL_APP_REPAINT;
        return prompt_apply(a, act, arg);
    }
    switch (act) {
    case BL_ACT_HELP:
        return BL_APP_HELP;
    case BL_ACT_QUIT:
        return BL_APP_QUIT;
    case BL_ACT_REDRAW:
        return BL_APP_REPAINT;
    default:
        break;
    }
    if (a->fit.screen != BL_FITUI_OFF)
        return app_fit_apply(a, act, arg);
    {
        int handled = 0;
        unsigned r = bl_app_compare_apply(a, act, arg, &handled);
        if (handled)
            return r;
    }
    switch (act) {
    case BL_ACT_FIT:
        return app_fit_open(a);
    case BL_ACT_SEARCH:
        return search_open(a);
    case BL_ACT_SAVE:
        return save_open(a);
    case BL_ACT_EXPORT:
        return bl_app_export_open(a);
    default:
        break;
    }
    if (a->g->n_entries == 0)
        return 0;
    switch (act) {
    case BL_ACT_MARK:
        return mark(a);
    case BL_ACT_NOTE:
        return note_open(a);
    default:
        break;
    }
    if (a->shelf_open) {
        unsigned r = shelf_apply(a, act, arg);
        if (r || act != BL_ACT_SELECT_ENTRY)
            return r;
    }
    if (act == BL_ACT_SHORTLIST)
        return shelf_open(a);
    switch (act) {
    case BL_ACT_BACK: {
        unsigned r = app_fit_back(a);
        return r ? r : back(a);
    }
    case BL_ACT_END_SEARCH:
        if (!a->search.open)
            return 0;
        end_search(a);
        return BL_APP_REDRAW | BL_APP_ENTRY;
    case BL_ACT_NEXT_MATCH:
    case BL_ACT_PREV_MATCH:
        if (!a->search.open && a->search.n_matches == 0)
            return repeat_search(a, act == BL_ACT_NEXT_MATCH);
        return match_cycle(a, act == BL_ACT_NEXT_MATCH);
    case BL_ACT_SELECT_ENTRY:
        return click_row(a, 0, n);
    case BL_ACT_SELECT_HIT:
        return click_row(a, 1, n);
    case BL_ACT_SELECT_SUGGESTION:
        return app_suggest_pick(a, n);
    case BL_ACT_CLICK_LINE:
        return click_line(a, n);
    case BL_ACT_MENU_STEP:
        return n ? menu_move(a, n < 0 ? -1 : 1) : 0;
    case BL_ACT_SCROLL:
        return detail_scroll(a, n);
    default:
        break;
    }
    return a->focus == BL_FOCUS_MENU ? menu_apply(a, act, arg) : detail_apply(a, act, arg);
}

unsigned bl_app_apply(bl_app *a, enum bl_action act, const struct bl_app_arg *arg)
{
    if (act == BL_ACT_RESIZE) {
        resize(a, arg ? arg->width : 1, arg ? arg->rows : 1, arg ? arg->list : 1);
        bl_app_compare_resize(a, arg && arg->cmp_width > 0 ? arg->cmp_width : a->width,
                              arg && arg->cmp_rows > 0 ? arg->cmp_rows : a->rows);
        app_fit_resize(a, arg && arg->body_w > 0 ? arg->body_w : a->width);
        return BL_APP_REDRAW;
    }
    /* A message lasts until the next action. */
    unsigned r = a->status.kind != BL_STATUS_NONE ? BL_APP_REDRAW : 0;
    status_clear(a);
    r |= apply(a, act, arg);
    app_index_say_waiting(a);
    return r;
}

/* Hooks for app_index.c (app_int.h). */
unsigned app_search_resume(bl_app *a)
{
    bl_search_session *s = &a->search;
    int accept = s->pending_accept;
    s->pending = s->pending_accept = 0;
    if (a->status.kind == BL_STATUS_INFO)
        status_clear(a); /* "Preparing search…" */
    unsigned r = search_edit(a);
    if (accept && a->prompt.kind == &search_prompt)
        r |= search_accept(a);
    return r;
}

/* ---- for the hint bar --------------------------------------------------- */

const char *bl_app_bar_label(const bl_app *a, enum bl_action act)
{
    const char *label = bl_action_info(act)->bar;
    if (a->fit.screen != BL_FITUI_OFF)
        return app_fit_bar_label(a, act, label);
    if (a->cmp.open || act == BL_ACT_COMPARE || act == BL_ACT_COMPARE_DIFF ||
        act == BL_ACT_COMPARE_CLOSE)
        return bl_app_compare_bar_label(a, act);
    switch (act) {
    case BL_ACT_BACK:
        return a->n_hist || a->fit.from_results ? label : NULL;
    case BL_ACT_FIT:
        return a->g->n_fit_questions && a->g->n_roles ? label : NULL;
    case BL_ACT_CLOSE:
        return a->search.open ? "Results" : "Menu";
    case BL_ACT_OPEN:
        return a->search.open && bl_app_hits(a) == 0 ? NULL : label;
    case BL_ACT_NEXT_MATCH:
        return bl_app_matches_shown(a, NULL) ? label : NULL;
    case BL_ACT_SAVE:
        return a->g->n_entries && a->g->entries[a->sel].kind == BL_ENTRY_ROLE ? label : NULL;
    case BL_ACT_MARK:
    case BL_ACT_NOTE:
        if (!a->sl)
            return NULL;
        if (a->shelf_open)
            return bl_app_shelf_entry(a, a->shelf_sel) >= 0 ? label : NULL;
        return a->g->n_entries && a->g->entries[a->sel].kind == BL_ENTRY_ROLE ? label : NULL;
    case BL_ACT_SHORTLIST:
        return a->sl && !a->shelf_open ? label : NULL;
    case BL_ACT_END_SEARCH:
        if (a->shelf_open)
            return label;
        return a->search.open && a->focus == BL_FOCUS_MENU ? label : NULL;
    case BL_ACT_FOLLOW:
        return a->link >= 0 ? label : NULL;
    case BL_ACT_SUGGEST_NEXT: {
        size_t n;
        long chosen;
        bl_app_suggestions(a, &n, &chosen);
        return a->prompt.kind && a->prompt.kind->on_complete && n ? label : NULL;
    }
    case BL_ACT_NEXT_LINK:
        return n_links(a) ? label : NULL;
    default:
        return label;
    }
}
