/* app.h — the full-screen guide's state, without curses: what is selected
 * and read, the search session, the prompt and the status line.  One
 * function changes it: bl_app_apply() takes an action (action.h) and
 * returns what to redraw.  The views read the state (const) and draw it;
 * the screen manager turns keys into actions and runs the loop.
 *
 *     bl_app app;
 *     bl_app_init(&app, guide, 0);               // selects the first entry
 *     bl_app_apply(&app, BL_ACT_RESIZE, &(struct bl_app_arg){.width = 60, .rows = 20});
 *     unsigned r = bl_app_apply(&app, BL_ACT_DOWN, NULL);  // r & BL_APP_REDRAW ...
 *     ... read app.sel, app.top, app.link, app.focus, app.lay, app.status ...
 *     bl_app_done(&app);
 *
 * Ownership: the app owns the layouts of the entries (made on demand at
 * the entry's width and kept until the width changes), the search index
 * (its job: built in the background or on the first search), the results
 * of the query, the query and the file name being typed.  It borrows the
 * guide.
 *
 * Reading position: `top` is the first line shown of the selected entry,
 * laid out `width` columns wide, in a viewport `rows` high (BL_ACT_RESIZE
 * sets both).  A resize keeps the place (bl_layout_pos), the history keeps
 * places the same way.  The menu's and the results' scroll offsets belong
 * to their views, which compute them from `sel` and `search.hit`.
 *
 * Search: BL_ACT_SEARCH opens the search prompt; every edit runs the query
 * and shows its hits in place of the menu, the first one selected and
 * scrolled to its first match.  Enter reads it (the prompt closes, the
 * results stay); Esc in the entry goes back to the results, Esc there
 * (BL_ACT_END_SEARCH) brings back the menu and the place the search began.
 * Enter on an empty prompt, or n with no search open, repeats the last
 * query; Up and Down in the prompt recall this run's earlier queries.
 *
 * Prompts: a prompt kind (struct bl_prompt_kind) carries its own edit,
 * accept and cancel behaviour; the app runs them, nobody switches on the
 * kind.  Saving: p asks for a file name (a folder means
 * <folder>/<id>-summary.txt); an existing file asks "Overwrite?"; a
 * failure keeps the prompt open with the name, to correct it.
 */
#ifndef BORDERLESS_APP_H
#define BORDERLESS_APP_H

#include "borderless/action.h"
#include "borderless/booklet.h"
#include "borderless/compare.h"
#include "borderless/fit.h"
#include "borderless/index_job.h"
#include "borderless/layout.h"
#include "borderless/lineedit.h"
#include "borderless/model.h"
#include "borderless/safewrite.h"
#include "borderless/search.h"
#include "borderless/session.h"
#include "borderless/shortlist.h"

#include <stddef.h>
#include <stdint.h>

enum bl_focus { BL_FOCUS_MENU, BL_FOCUS_DETAIL };

#define BL_APP_HISTORY 64 /* entries left by following links */
#define BL_APP_QUERIES 16 /* earlier queries recalled with Up */

/* What bl_app_apply() asks of the screen. */
enum {
    BL_APP_REDRAW = 1, /* the state shown changed */
    BL_APP_ENTRY = 2, /* another entry is shown */
    BL_APP_HELP = 4, /* show the help overlay */
    BL_APP_QUIT = 8, /* quit */
    BL_APP_BEEP = 16, /* the key did nothing, audibly */
    BL_APP_REPAINT = 32 /* paint the whole terminal again (Ctrl-L) */
};

/* Arguments of the actions that take one (action.h). */
struct bl_app_arg {
    long n; /* a count, an entry, a hit, a line; a page's size */
    uint32_t cp; /* BL_ACT_INSERT: the character typed */
    const char *text; /* BL_ACT_PASTE: the pasted bytes, as received */
    size_t len;
    int width; /* BL_ACT_RESIZE: the entry's text width */
    int rows; /*   and the rows it shows, */
    int list; /*   and the hits the results list shows */
    int cmp_width; /*   and the comparison's width and rows (0: */
    int cmp_rows; /*     the entry's), titles included */
    int body_w; /*   and the width of the whole body (the fit finder's) */
};

typedef struct bl_app_visit {
    size_t entry;
    bl_layout_pos pos; /* reading position (kept across a resize) */
    long link;
} bl_app_visit;

/* The status line: a message until the next action (any action clears
 * it first; BL_ACT_NONE only that). */
enum bl_status_kind {
    BL_STATUS_NONE,
    BL_STATUS_INFO, /* why nothing happened, a count ("match 2/5") */
    BL_STATUS_ERROR, /* a failure */
    BL_STATUS_WELCOME /* the first screen's hint */
};

typedef struct bl_status {
    enum bl_status_kind kind;
    char text[96]; /* shown first, cut at its end */
    char path[BL_PATH_MAX + BL_REASON_MAX]; /* then this, cut at its start */
} bl_status;

struct bl_app;

/* A kind of prompt: what it shows and what its keys do (the kinds are
 * app.c's: search, file name, overwrite question).  Each function returns
 * BL_APP_* flags; accept and cancel close the prompt themselves or leave it
 * open. */
struct bl_prompt_kind {
    const char *label; /* "Search: " (a question: its head) */
    int question; /* a y/N question: any key answers */
    unsigned (*on_edit)(struct bl_app *a); /* NULL: nothing */
    unsigned (*on_accept)(struct bl_app *a); /* Enter (a question: y) */
    unsigned (*on_cancel)(struct bl_app *a); /* Esc, Ctrl-C (a question: any other key) */
    /* Tab (dir 1), Shift-Tab (-1): the next or previous completion of the
     * text (search: a suggested query).  NULL: nothing. */
    unsigned (*on_complete)(struct bl_app *a, int dir);
};

typedef struct bl_prompt {
    const struct bl_prompt_kind *kind; /* NULL: no prompt */
    bl_lineedit *edit; /* the text edited (NULL: a question) */
    char subject[BL_PATH_MAX]; /* a question's subject, cut from the left */
    const char *tail; /* after the subject: "? (y/N) " */
} bl_prompt;

typedef struct bl_search_session {
    /* The index: built in the background (bl_app_set_index_job) or, without
     * a job, on the first search.  ix is borrowed from the job once ready. */
    bl_index_job *job; /* owned */
    const bl_search_index *ix; /* NULL until a search had the index */
    int pending; /* a query waits for the index ("Preparing search…") */
    int pending_accept; /*   and Enter was pressed meanwhile */
    bl_search_results *res; /* of `query`; NULL while it is empty */
    bl_lineedit query; /* the query, edited in place by the prompt */
    int open; /* the results are in place of the menu */
    size_t hit; /* the selected hit */
    bl_app_visit saved; /* where the search began */
    enum bl_focus saved_focus;
    char *recent[BL_APP_QUERIES]; /* earlier queries, oldest first */
    size_t n_recent;
    size_t recall; /* Up/Down position in recent (n_recent: the new one) */
    /* Matches highlighted in the selected entry (borrowed from its hit). */
    const bl_search_match *matches;
    size_t n_matches;
    long match; /* the current one, or -1 */
    /* A suggestion being tried (app_suggest.c): the results of the query
     * as typed, whose suggestions are offered, and that query; `pick` is
     * the suggestion whose query runs now (-1: the typed one).  NULL while
     * none is tried; any edit of the query ends it. */
    bl_search_results *offer;
    char *typed;
    long pick;
} bl_search_session;

/* A row of the menu: roles by group (a heading per group that has roles,
 * in g->groups order; roles in reading order within it; roles of no
 * group under "Roles" after them, or every role when the guide has no
 * groups), a blank row, then "Sections" and the sections. */
enum bl_menu_row_kind { BL_MENU_ENTRY, BL_MENU_HEADING, BL_MENU_BLANK };

typedef struct bl_menu_row {
    enum bl_menu_row_kind kind;
    size_t entry; /* BL_MENU_ENTRY: index into g->entries */
    const char *title; /* BL_MENU_HEADING: a group's title, "Roles", "Sections" */
} bl_menu_row;

/* The export prompt's state (E; app_export.c): the scope letter typed, the
 * file name typed, the scope chosen, the file the overwrite question is
 * about, and the fit answers kept from the fit finder (when there are). */
typedef struct bl_app_export {
    bl_lineedit choice;
    bl_lineedit path;
    enum bl_booklet_scope scope;
    bl_safewrite_target asked;
    bl_fit_answers answers;
    int have_answers;
} bl_app_export;

/* The comparison (app_compare.c): c adds or removes the selected role (at
 * most BL_CMP_MAX_ROLES), C opens the comparison of the set in place of
 * both panes (at least BL_CMP_MIN_ROLES); there the moving keys scroll it,
 * d toggles differences only, and Esc, q, Left or h close it.  The text is
 * laid out for `width` columns; `top` is the first line shown below the
 * pinned titles (text->header_lines), in a viewport `rows` high (titles
 * included); a resize or d keeps the row at the top. */
typedef struct bl_app_compare {
    size_t set[BL_CMP_MAX_ROLES]; /* entry indices, in the order added */
    size_t n;
    int open;
    int diff_only;
    bl_compare *cmp; /* of the set, while open (owned) */
    bl_cmp_text *text; /* cmp laid out at width (owned) */
    int width, rows;
    size_t top;
    char label[24]; /* the hint bar's "Compare 2" */
} bl_app_compare;
/* The fit finder in the guide (app_fit.c).  f opens it: one question a
 * screen (BL_FITUI_QUESTION), then every role ranked (BL_FITUI_RESULTS);
 * e there lists the questions (BL_FITUI_PICK) to answer one again.  Esc
 * leaves it (the answers kept); Enter on a ranked role opens its page, and
 * Back from there returns to the ranking.  The answers are kept between
 * runs (fit.h's state file) unless the session is private.  The mouse:
 * BL_ACT_FIT_CLICK (row arg.n of the list shown) chooses an answer (a
 * crime area: picks or unpicks it), or selects a question or a role and,
 * on the selected one, answers or opens it; BL_ACT_MENU_STEP moves (the
 * wheel) and BL_ACT_SCROLL scrolls the explanation.  Only an answer can be
 * important: ! on no preference is refused, and an answer changed to no
 * preference loses its mark (both say why on the status line). */
enum bl_fitui_screen { BL_FITUI_OFF, BL_FITUI_QUESTION, BL_FITUI_RESULTS, BL_FITUI_PICK };

/* One line of the ranking's explanation, wrapped at the body's width. */
enum bl_fitui_line_kind { BL_FITUI_TEXT, BL_FITUI_HEAD, BL_FITUI_ITEM };
typedef struct bl_fitui_line {
    enum bl_fitui_line_kind kind;
    char *text; /* sanitized; an ITEM's first line starts with "- ", the rest with "  " */
} bl_fitui_line;

typedef struct bl_app_fit {
    enum bl_fitui_screen screen;
    bl_fit_answers ans; /* the reader's answers */
    /* The ranking of ans, made when the fit finder first needs it (f opens
     * it), not at start: ranking reads every role.  ranked: rank is of ans
     * (0: not made yet, or answers read since).  rankings: how many times
     * bl_fit_rank ran (tests check that starting the guide ranks nothing). */
    bl_fit_ranking rank;
    int ranked;
    size_t rankings;
    size_t q; /* the question shown: index into g->fit_questions */
    long cursor; /* its highlighted row (the question's rows: bl_app_fit_rows) */
    int edit_one; /* answering one question from the results: Enter goes back there */
    size_t pick; /* BL_FITUI_PICK: the highlighted question */
    size_t sel; /* BL_FITUI_RESULTS: the selected row of rank */
    bl_fitui_line *lines; /* the selected role's explanation at `width` */
    size_t n_lines;
    size_t top; /* first line of it shown */
    int width;
    int keep; /* answers are read and written (not private, a path) */
    int dirty; /* changed since they were last written */
    char path[BL_PATH_MAX];
    int from_results; /* a role opened from the ranking: Back returns there */
    size_t hist_mark; /* ... when the history is back to this depth */
} bl_app_fit;

typedef struct bl_app {
    const bl_guide *g;
    /* A guide whose entries are checked as they are first read (cache.h,
     * bl_cache_check): called before an entry is first laid out; not 0
     * means the entry is damaged, and `damaged` is set (the screen then
     * starts again from the YAML).  NULL: every entry may be read. */
    int (*ready)(void *ctx, long entry);
    void *ready_ctx;
    int damaged;
    /* The menu (bl_menu_row): the arrows move in its order, skipping
     * headings.  menu_at[e]: entry e's row; order[i]: the i-th entry in
     * menu order; order_pos[e]: entry e's place in it. */
    bl_menu_row *menu;
    size_t n_menu;
    size_t *menu_at;
    size_t *order;
    size_t *order_pos;
    unsigned layout_flags; /* BL_LAYOUT_ASCII */
    bl_layout **cache; /* layouts at cache_w, made on demand */
    int cache_w;

    /* Browsing. */
    size_t sel; /* the selected entry: shown in the entry pane */
    enum bl_focus focus;
    const bl_layout *lay; /* of sel at `width` (NULL: out of memory) */
    int width, rows; /* the entry's viewport */
    int list; /* hits the results list shows (detailed first) */
    size_t top; /* first line shown */
    long link; /* focused link (ordinal in lay->links), or -1 */
    bl_app_visit hist[BL_APP_HISTORY];
    size_t n_hist;

    bl_search_session search;

    bl_prompt prompt;
    bl_lineedit save_path; /* the file name typed at the save prompt */
    size_t save_entry;
    bl_safewrite_target save_asked; /* the file the overwrite question is about */

    bl_status status;

    /* The shortlist (shortlist.h): owned; NULL until bl_app_open_state(),
     * or when even a private one could not be made. */
    bl_shortlist *sl;
    int shelf_open; /* the shortlist is shown in place of the menu */
    size_t shelf_sel; /* its selected row */
    bl_lineedit note; /* the note typed at the note prompt */
    size_t note_entry;

    bl_app_export exp; /* the export prompt (E) */

    bl_app_compare cmp;
    bl_app_fit fit; /* the fit finder (app_fit.c) */
    int save_fit; /* the save prompt saves the fit report, not a summary */
} bl_app;

/* Selects the first entry, focus on the menu, a 1x1 viewport, and a
 * welcome line.  layout_flags: BL_LAYOUT_ASCII or 0.  0, or -1 when memory
 * runs out (then call bl_app_done). */
int bl_app_init(bl_app *a, const bl_guide *g, unsigned layout_flags);
void bl_app_done(bl_app *a);

/* The one way to change the state.  arg: NULL for actions without one.
 * Page moves take the page's size in arg->n (the view knows it; NULL: a
 * page of the entry's viewport).  Returns BL_APP_* flags. */
unsigned bl_app_apply(bl_app *a, enum bl_action act, const struct bl_app_arg *arg);

/* Shortlist and session (the guide's state kept between runs).
 *
 * bl_app_open_state() opens the shortlist once (flags from
 * bl_userstate_flags()); when that fails the guide goes on with a private
 * one and the status line says why, once; a repaired or newer file's notice
 * is said the same way, and a read-only shortlist says so when changed.
 * m (BL_ACT_MARK) marks or unmarks the selected role; a (BL_ACT_NOTE) opens
 * the note prompt, prefilled with the role's note (accepting saves it and
 * marks the role if needed; an empty note clears it); ' (BL_ACT_SHORTLIST)
 * shows the shortlist in place of the menu: Enter reads the role, Esc
 * (BL_ACT_END_SEARCH) brings back the menu.  0, or -1 when not even a
 * private shortlist could be made (then marks are unavailable). */
int bl_app_open_state(bl_app *a, unsigned flags);

/* The shortlist row i shows: its entry in the guide (or -1 when the
 * content no longer has that role). */
long bl_app_shelf_entry(const bl_app *a, size_t i);

/* Export (E, BL_ACT_EXPORT): a prompt asks for the scope, one letter:
 * a all roles, s the shortlist (when it has roles), c the comparison of
 * the compare set (when it has two or three roles), f the fit report (when
 * the fit finder's answers are kept); Enter takes the shortlist when it
 * has roles, else all.  Then a file name, starting as
 * "./" BL_BOOKLET_DEFAULT_PATH (the format from its extension; a folder
 * means that name in it), written with the safe writer like p's summary:
 * an existing file asks "Overwrite?", a failure keeps the prompt open. */

/* Where the reader is, for bl_session_save(). */
void bl_app_session(const bl_app *a, bl_session *s);

/* Goes back to a saved place: the compare set (s's roles replace it), the
 * entry by id, its reading position and the focus.  0, or -1 when s names
 * no entry of the guide and no role for the set (the set is then empty,
 * nothing else changes).  Call after the first BL_ACT_RESIZE. */
int bl_app_restore(bl_app *a, const bl_session *s);

/* The comparison's part of bl_app_apply (app_compare.c): the actions of
 * the compare set and, while the comparison is open, every action but
 * help, redraw, quit and resize.  Returns BL_APP_* flags; *handled says
 * whether it took the action. */
unsigned bl_app_compare_apply(bl_app *a, enum bl_action act, const struct bl_app_arg *arg,
                              int *handled);
/* A new viewport for the comparison (re-laid out when open). */
void bl_app_compare_resize(bl_app *a, int width, int rows);
/* Frees what the comparison holds. */
void bl_app_compare_done(bl_app *a);
/* The compare set in s (by id), and back from s: roles s names that the
 * guide has, in s's order; 1 when the set is not empty then. */
void bl_app_compare_session(const bl_app *a, bl_session *s);
int bl_app_compare_restore(bl_app *a, const bl_session *s);
/* Entry e's place in the compare set (0 is the comparison's column A), or
 * -1 when it is not in the set. */
int bl_app_compare_index(const bl_app *a, size_t e);
/* 1 when entry e is in the compare set. */
int bl_app_compare_has(const bl_app *a, size_t e);
/* The hint bar's label for act while the comparison is open or for the
 * compare actions (NULL: not shown). */
const char *bl_app_compare_bar_label(const bl_app *a, enum bl_action act);
/* The comparison's largest top (0 when closed). */
size_t bl_app_compare_max_top(const bl_app *a);
/* ---- the fit finder (app_fit.c) ----
 * Rows of question q on its screen: a LEVEL question its five answers then
 * "no preference" (row 5); a SITUATION or CITIZENSHIP question its choices
 * then "no preference"; the crime areas each area then "no preference"
 * (clears the picks).  bl_app_fit_row_label: a row's text;
 * bl_app_fit_row_on: 1 when the row is the answer given (an area: picked). */
size_t bl_app_fit_rows(const bl_app *a, size_t q);
const char *bl_app_fit_row_label(const bl_app *a, size_t q, size_t row);
int bl_app_fit_row_on(const bl_app *a, size_t q, size_t row);
/* Question q's important mark, and its answer in a few words ("At a desk",
 * "no preference", "2 picked"), into buf. */
int bl_app_fit_important(const bl_app *a, size_t q);
const char *bl_app_fit_answer_text(const bl_app *a, size_t q, char *buf, size_t size);
/* The short name of question q ("Travel", "Crime areas", "Where you are now"). */
const char *bl_app_fit_question_name(const bl_app *a, size_t q);
/* Whether act does something on the fit finder's screen now (0 when it
 * is not shown): by screen, not by question (Space is offered on every
 * question though only the crime areas take it).  The help overlay lists
 * only these while the fit finder is shown; test_app_fit checks that the
 * others change nothing there. */
int bl_app_fit_offers(const bl_app *a, enum bl_action act);
/* Loads the kept answers (nothing when flags has BL_USERSTATE_PRIVATE):
 * called by bl_app_open_state.  Ranks nothing while the fit finder is
 * closed: f ranks them when it opens. */
void bl_app_fit_open_state(bl_app *a, unsigned flags);

/* Lines in the laid-out entry (0 without a layout) and the largest top. */
size_t bl_app_lines(const bl_app *a);
size_t bl_app_max_top(const bl_app *a);

/* 0 when no entry is shown: no guide, or a query that matches nothing
 * (the entry pane then says so, and the title names no entry). */
int bl_app_entry_shown(const bl_app *a);

/* The selected entry's place among the roles (or the sections) as the
 * menu lists them, from 1: "Role 3/15". */
size_t bl_app_menu_ordinal(const bl_app *a, size_t entry);

/* Hits of the query (0 when none or no search). */
size_t bl_app_hits(const bl_app *a);

/* Matches of the selected entry that show in its layout, and the 1-based
 * ordinal among them of the current one (0: none current). */
size_t bl_app_matches_shown(const bl_app *a, size_t *current);

/* The heading the reader is under: the last heading line at or above
 * `top` (NULL before the first one, or without a layout). */
const bl_line *bl_app_current_heading(const bl_app *a);

/* The suggestions ("did you mean") shown with the search results: the
 * ones offered for the query as typed while one of them is tried, else
 * the current query's.  *n: how many; *chosen: the one whose query runs
 * now, or -1.  NULL (and *n 0) when there are none.
 *
 * Picking one: in the search prompt Tab (BL_ACT_SUGGEST_NEXT) and
 * Shift-Tab (BL_ACT_SUGGEST_PREV) put the next or previous suggested query
 * in the prompt and run it, then come back round to the query as typed; a
 * click (BL_ACT_SELECT_SUGGESTION, arg.n) runs suggestion n.  Typing,
 * Enter and Esc work as ever, on the query the prompt shows. */
const char *const *bl_app_suggestions(const bl_app *a, size_t *n, long *chosen);

/* The hint bar's label for `act` now, or NULL when the action would do
 * nothing here (Back without history).  Esc says where it goes. */
const char *bl_app_bar_label(const bl_app *a, enum bl_action act);

/* The search index in the background (index_job.h; app_index.c).
 *
 * Without a job the first search builds the index and waits for it.  With
 * one (bl_app_set_index_job, which takes it over; the screen starts one as
 * the guide opens) a search typed before the index is ready waits for it
 * without blocking: the status says "Preparing search…" and the results
 * pane too, the prompt stays usable (Esc and Ctrl-C cancel the search as
 * ever), and Enter is remembered.  The screen calls bl_app_poll() while
 * bl_app_waiting() says so; once the index is ready the query runs (and
 * the remembered Enter is applied).  j may be NULL (nothing changes). */
void bl_app_set_index_job(bl_app *a, bl_index_job *j);

/* 1 while a query waits for the index. */
int bl_app_waiting(const bl_app *a);

/* Runs the waiting query if the index is ready now.  Returns BL_APP_*
 * flags (0: nothing changed). */
unsigned bl_app_poll(bl_app *a);

/* At the guide's end: the search index, handed over to the caller (who
 * frees it before the guide), if it is ready by now; NULL otherwise (a
 * build still running is not waited for).  Searches find no index after
 * this: call it only on the way out, before bl_app_done(). */
bl_search_index *bl_app_take_index(bl_app *a);

#endif
