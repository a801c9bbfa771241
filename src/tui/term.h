/* term.h — the terminal: curses init and teardown, signals, input, the theme.
 *
 * term_init() takes over the terminal; term_done() gives it back and is
 * safe to call at any time, any number of times (it is also registered with
 * atexit, so no path out of the program leaves the terminal raw).
 *
 * Signals.  Every signal whose default action ends the process is caught
 * (unless it was ignored when the guide started, as under nohup).  For the
 * asynchronous ones (HUP, INT, TERM, QUIT, PIPE, ALRM, USR1, USR2, ...) the
 * handler only records the signal; the screen manager polls
 * term_pending_signal() between keys, ends its loop, and after term_done()
 * term_reraise() ends the process by that same signal, so the exit status
 * tells the truth.  A second such signal before the loop took the first, and
 * every fault (SEGV, BUS, FPE, ILL, ABRT, TRAP, SYS), restores the terminal
 * at once from the handler (async-signal-safe: precomputed reset sequences
 * and the saved tty modes) and dies by the signal.
 *
 * The terminal going away (hang-up: poll reports POLLHUP, a read fails with
 * EIO) counts as a SIGHUP even when SIGHUP is ignored, so the guide ends at
 * once instead of spinning.
 */
#ifndef BORDERLESS_TERM_H
#define BORDERLESS_TERM_H

#include <curses.h>
#include <stddef.h>

/* Semantic colours, each with a monochrome fallback. */
enum theme_role {
    TH_NORMAL,
    TH_TITLE_BAR,
    TH_MENU_HEADING,
    TH_SEL, /* the selected row of the focused pane */
    TH_SEL_DIM, /* the selected row when the other pane has the focus */
    TH_ENTRY_TITLE,
    TH_HEADING,
    TH_LINK,
    TH_LINK_FOCUS,
    TH_META, /* sources, review date, scroll position */
    TH_BAR_KEY, /* a key name in the function bar */
    TH_BAR_LABEL, /* its label */
    TH_MESSAGE, /* a transient status message */
    TH_BORDER,
    TH_MATCH, /* a search match in the text */
    TH_MATCH_CUR, /* the match n/N went to */
    TH_PROMPT, /* a prompt's label on the bottom line */
    TH_ERROR, /* a status message about a failure */
    TH_COUNT
};

struct term {
    int ascii; /* the locale is not UTF-8: draw ASCII only */
    int color; /* colours in use */
    attr_t attr[TH_COUNT];
};

/* The largest screen used, in rows and in columns: a bigger terminal gets
 * its top-left TERM_MAX_SIZE x TERM_MAX_SIZE cells (the screen buffers
 * would otherwise grow with a bogus size without bound). */
#define TERM_MAX_SIZE 1000

/* The most bytes of one bracketed paste kept; the rest is dropped. */
#define TERM_PASTE_MAX 4096

/* 1 when standard input and output are a terminal whose TERM can address
 * the cursor (not "dumb", not unknown): the guide can run there. */
int term_usable(void);

/* Returns 0, or -1 with the terminal untouched when curses cannot start.
 * The attributes are left plain: theme_apply() sets them. */
int term_init(struct term *t);

/* The attributes of theme `name` ("light", "dark", "mono"; NULL or anything
 * else: the default, which uses the terminal's own colours for text and
 * two accents legible on light and dark backgrounds).  Without colours
 * (NO_COLOR set, or a terminal without them) every theme is "mono". */
void theme_apply(struct term *t, const char *name);
void term_done(void);

/* The signal received since the last call (0: none): SIGINT, SIGTERM,
 * SIGHUP (also for a hang-up), SIGQUIT, SIGPIPE, ... */
int term_pending_signal(void);

/* After term_done(): when a signal other than SIGINT ended the guide, ends
 * the process by it (default action).  Returns when there is none, or when
 * the signal is ignored (a hang-up under nohup). */
void term_reraise(void);

/* A Ctrl-Z arrived: gives the terminal back, stops the process, and takes
 * the terminal again when continued.  Returns 1 when it did so (the caller
 * redraws everything), 0 when no Ctrl-Z is pending. */
int term_handle_suspend(void);

/* What term_read() got. */
enum term_input_kind {
    TERM_IN_NONE, /* nothing: a timeout, a signal, or the terminal went away */
    TERM_IN_KEY, /* a character: its code point (a byte in ASCII mode) */
    TERM_IN_FN, /* a curses function key; KEY_RESIZE after a resize */
    TERM_IN_PASTE /* a bracketed paste, text[0..len) */
};

struct term_input {
    enum term_input_kind kind;
    int key;
    /* TERM_IN_PASTE: the pasted text as received, UTF-8 (ASCII only in
     * ASCII mode), at most TERM_PASTE_MAX bytes, not yet cleaned; valid
     * until the next term_read(). */
    const char *text;
    size_t len;
};

/* Waits for the next input (as long as stdscr's timeout).  A new window
 * size is taken here (bounded by TERM_MAX_SIZE) and reported as KEY_RESIZE;
 * a paste is read whole, between its markers, and never comes as keys. */
void term_read(const struct term *t, struct term_input *in);

/* Redraws the whole screen on the next refresh (Ctrl-L). */
void term_redraw_all(void);

#endif
