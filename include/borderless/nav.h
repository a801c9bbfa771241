/* nav.h — the browsing state of the full-screen guide, as a pure state
 * machine: named actions in, state out.  No curses; the screen manager
 * turns keys and mouse events into calls here and draws what it reads back.
 *
 * Protocol:
 *   bl_nav nav;
 *   bl_nav_init(&nav, guide, layout_fn, ctx);       // selects the first entry
 *   bl_nav_set_view(&nav, menu_h, detail_h, detail_w, narrow);  // and on resize
 *   unsigned r = bl_nav_apply(&nav, BL_ACT_DOWN);   // r & BL_NAV_REDRAW ...
 *   ... read nav.sel, nav.top, nav.link, nav.focus, nav.lay, nav.msg ...
 *   bl_nav_done(&nav);
 *
 * Search: bl_nav_show_results() puts a results object (search.h) in place
 * of the menu (the first call remembers the selection, the focus and the
 * reading place); the menu actions then move over the hits, the selected
 * hit's entry is shown with its matches (BL_ACT_NEXT_MATCH cycles through
 * them), and bl_nav_end_search() brings the full menu and the remembered
 * place back.  nav borrows the results and details hits it shows with
 * bl_search_detail(); the caller frees a results object only after
 * replacing it (another bl_nav_show_results) or ending the search.
 *
 * The layout of the selected entry comes from layout_fn(ctx, entry, width),
 * called whenever the entry or the width changes.  The layout it returns
 * must stay valid until its next call (it may free the ones it returned
 * before); nav never frees a layout.  NULL (out of memory) is allowed and
 * shows as an empty entry.
 */
#ifndef BORDERLESS_NAV_H
#define BORDERLESS_NAV_H

#include "borderless/layout.h"
#include "borderless/model.h"
#include "borderless/search.h"

#include <stddef.h>

/* Every named action.  The key table (src/tui/keymap.c) maps keys to these. */
enum bl_action {
    BL_ACT_NONE,
    BL_ACT_UP,           /* menu: previous entry; detail: scroll up a line */
    BL_ACT_DOWN,         /* menu: next entry; detail: scroll down a line */
    BL_ACT_PAGE_UP,
    BL_ACT_PAGE_DOWN,
    BL_ACT_HOME,         /* first entry / top of the entry */
    BL_ACT_END,          /* last entry / end of the entry */
    BL_ACT_OPEN,         /* menu: move into the detail pane */
    BL_ACT_CLOSE,        /* detail: back to the menu */
    BL_ACT_PREV_HEADING, /* detail: scroll to the previous heading */
    BL_ACT_NEXT_HEADING, /* detail: scroll to the next heading */
    BL_ACT_NEXT_LINK,    /* detail: focus the next link */
    BL_ACT_PREV_LINK,    /* detail: focus the previous link */
    BL_ACT_FOLLOW,       /* detail: open the focused link's entry */
    BL_ACT_BACK,         /* back to the entry before the last link followed */
    BL_ACT_NEXT_MATCH,   /* detail: scroll to the next search match (wraps) */
    BL_ACT_PREV_MATCH,   /* detail: scroll to the previous search match */
    /* Not handled by nav: */
    BL_ACT_HELP,         /* screen: the help overlay */
    BL_ACT_QUIT,         /* screen: quit */
    BL_ACT_SEARCH,       /* screen: open the search prompt */
    BL_ACT_SAVE,         /* screen: save the selected role's summary */
    BL_ACT_REDRAW,       /* screen: repaint the whole terminal (Ctrl-L) */
    BL_ACT_ACCEPT,       /* prompt: Enter */
    BL_ACT_CANCEL,       /* prompt: Esc */
    BL_ACT_YES,          /* question: yes (any other key is no) */
    BL_ACT_EDIT_LEFT,    /* prompt: line editing (lineedit.h) */
    BL_ACT_EDIT_RIGHT,
    BL_ACT_EDIT_HOME,
    BL_ACT_EDIT_END,
    BL_ACT_EDIT_BACKSPACE,
    BL_ACT_EDIT_DELETE,
    BL_ACT_EDIT_KILL_START,
    BL_ACT_EDIT_KILL_END,
    BL_ACT_EDIT_KILL_WORD,
    BL_ACT_COUNT
};

enum bl_focus { BL_FOCUS_MENU, BL_FOCUS_DETAIL };

/* Rows of the menu: a heading over the roles, the roles, a blank row, a
 * heading over the sections, the sections (headings only when there are
 * entries under them). */
enum bl_menu_row_kind { BL_ROW_ENTRY, BL_ROW_HEADING_ROLES, BL_ROW_HEADING_SECTIONS, BL_ROW_BLANK };

size_t bl_menu_rows(const bl_guide *g);
/* Kind of row `row`; for an entry row *entry gets its index. */
enum bl_menu_row_kind bl_menu_row(const bl_guide *g, size_t row, size_t *entry);
size_t bl_menu_row_of(const bl_guide *g, size_t entry);

typedef const bl_layout *(*bl_nav_layout_fn)(void *ctx, size_t entry, int width);

#define BL_NAV_HISTORY 64

typedef struct bl_nav_visit {
    size_t entry;
    bl_layout_pos pos; /* reading position (kept across a resize) */
    long link;
} bl_nav_visit;

typedef struct bl_nav {
    const bl_guide *g;
    bl_nav_layout_fn layout_fn;
    void *layout_ctx;
    const bl_layout *lay; /* of the selected entry, at detail_w (may be NULL) */

    size_t sel;           /* selected entry: shown in the detail pane */
    enum bl_focus focus;
    int narrow;           /* one pane at a time */
    int menu_h, detail_h, detail_w;
    size_t menu_top;      /* first visible menu row */
    size_t top;           /* first visible detail line */
    long link;            /* focused link (ordinal in lay->links), or -1 */

    bl_nav_visit hist[BL_NAV_HISTORY]; /* entries left by following links */
    size_t n_hist;

    const char *msg;      /* a status message from the last action, or NULL */
    char msg_buf[64];     /* where msg points when it is made up */

    /* Search results in place of the menu (see the protocol above). */
    int searching;
    const bl_search_index *ix;
    bl_search_results *res; /* borrowed; NULL while the query is empty */
    size_t hit;             /* selected hit */
    size_t hit_top;         /* first visible hit */
    bl_nav_visit saved;     /* where the search began */
    size_t saved_menu_top;
    enum bl_focus saved_focus;

    /* Matches highlighted in the selected entry (borrowed from a hit). */
    const bl_search_match *matches;
    size_t n_matches;
    long match;             /* the current one (index into matches), or -1 */
} bl_nav;

enum { BL_NAV_REDRAW = 1, BL_NAV_ENTRY = 2 };

/* The search results list in the menu pane: a count line, then each hit in
 * BL_NAV_HIT_ROWS rows (title, snippet). */
#define BL_NAV_HIT_ROWS 2
#define BL_NAV_RESULTS_HEAD 1

/* Selects the first entry, focus on the menu, wide mode, 1x1 view. */
void bl_nav_init(bl_nav *n, const bl_guide *g, bl_nav_layout_fn fn, void *ctx);
void bl_nav_done(bl_nav *n);

/* Sets the sizes of the panes (heights in rows, detail width in columns)
 * and the one-pane mode.  A new width lays the entry out again and keeps
 * the reading position and the focused link. */
void bl_nav_set_view(bl_nav *n, int menu_h, int detail_h, int detail_w, int narrow);

/* Applies an action in the current focus.  Returns BL_NAV_* flags;
 * n->msg tells the user why nothing happened, when that is not obvious. */
unsigned bl_nav_apply(bl_nav *n, enum bl_action a);

/* Mouse: a click on row y of the visible menu (the second click on the
 * selected entry opens it), on line y of the visible detail (a link is
 * followed), and the wheel over a pane (delta < 0: up). */
unsigned bl_nav_click_menu(bl_nav *n, int y);
unsigned bl_nav_click_detail(bl_nav *n, int y);
unsigned bl_nav_wheel(bl_nav *n, enum bl_focus pane, int delta);

/* Shows results r of index ix in place of the menu (r may be NULL: no
 * query yet).  Selects the first hit, scrolled to its first match; the
 * focus goes to the menu.  The first call remembers the place to return
 * to. */
void bl_nav_show_results(bl_nav *n, const bl_search_index *ix, bl_search_results *r);

/* Back to the full menu and the place remembered when the search began.
 * Forgets the results (the caller may free them after). */
void bl_nav_end_search(bl_nav *n);

/* Hits that fit in the menu pane (at least 1). */
size_t bl_nav_hit_rows(const bl_nav *n);

/* Matches of the selected entry that show in its layout, and the 1-based
 * ordinal among them of the current one (0: none current). */
size_t bl_nav_matches_shown(const bl_nav *n, size_t *current);

/* Lines in the laid-out entry (0 without a layout) and the largest top. */
size_t bl_nav_lines(const bl_nav *n);
size_t bl_nav_max_top(const bl_nav *n);

#endif
