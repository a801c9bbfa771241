/* term.h — the terminal: curses init and teardown, signals, the theme.
 *
 * term_init() takes over the terminal; term_done() gives it back and is
 * safe to call at any time, any number of times (it is also registered with
 * atexit, so no path out of the program leaves the terminal raw).  Signal
 * handlers only record the signal; the screen manager polls
 * term_pending_signal() between keys.
 */
#ifndef BORDERLESS_TERM_H
#define BORDERLESS_TERM_H

#include <curses.h>

/* Semantic colours, each with a monochrome fallback. */
enum theme_role {
    TH_NORMAL,
    TH_TITLE_BAR,
    TH_MENU_HEADING,
    TH_SEL,        /* the selected row of the focused pane */
    TH_SEL_DIM,    /* the selected row when the other pane has the focus */
    TH_ENTRY_TITLE,
    TH_HEADING,
    TH_LINK,
    TH_LINK_FOCUS,
    TH_META,       /* sources, review date, scroll position */
    TH_BAR_KEY,    /* a key name in the function bar */
    TH_BAR_LABEL,  /* its label */
    TH_MESSAGE,    /* a transient status message */
    TH_BORDER,
    TH_MATCH,      /* a search match in the text */
    TH_MATCH_CUR,  /* the match n/N went to */
    TH_PROMPT,     /* a prompt's label on the bottom line */
    TH_ERROR,      /* a status message about a failure */
    TH_COUNT
};

struct term {
    int ascii;  /* the locale is not UTF-8: draw ASCII only */
    int color;  /* colours in use */
    attr_t attr[TH_COUNT];
};

/* Returns 0, or -1 with the terminal untouched when curses cannot start.
 * The attributes are left plain: theme_apply() sets them. */
int term_init(struct term *t);

/* The attributes of theme `name` ("light", "dark", "mono"; NULL or anything
 * else: the default, which uses the terminal's own colours for text and
 * two accents legible on light and dark backgrounds).  Without colours
 * (NO_COLOR set, or a terminal without them) every theme is "mono". */
void theme_apply(struct term *t, const char *name);
void term_done(void);

/* The SIGINT/SIGTERM/SIGHUP received since the last call (0: none). */
int term_pending_signal(void);

/* A Ctrl-Z arrived: gives the terminal back, stops the process, and takes
 * the terminal again when continued.  Returns 1 when it did so (the caller
 * redraws everything), 0 when no Ctrl-Z is pending. */
int term_handle_suspend(void);

#endif
