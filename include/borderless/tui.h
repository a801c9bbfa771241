/* tui.h — the full-screen guide (ncursesw).
 *
 * bl_tui_run() takes over the terminal, runs until the user quits, a
 * signal that ends the process arrives or the terminal goes away, and
 * always restores the terminal first.  It opens the shortlist
 * (shortlist.h) once, restores the last session (session.h) when asked,
 * and saves the session on the way out (q, Ctrl-C, SIGTERM, SIGHUP) unless
 * the session is private.  Ended by a signal (other than
 * SIGINT, which quits), it then ends the process by that signal; a hang-up
 * with SIGHUP ignored returns 129.  The guide is borrowed; it must outlive
 * the call.  Returns the process exit status (0 after a normal quit).
 */
#ifndef BORDERLESS_TUI_H
#define BORDERLESS_TUI_H

#include "borderless/model.h"
#include "borderless/search.h"

/* The colour theme (--theme, $BORDERLESS_THEME; parsed and validated by
 * the command line).  AUTO: the terminal's default colours with a couple of
 * accents legible on light and dark backgrounds.  NO_COLOR still wins over
 * every theme but MONO's attributes. */
enum bl_tui_theme {
    BL_TUI_THEME_AUTO,
    BL_TUI_THEME_LIGHT,
    BL_TUI_THEME_DARK,
    BL_TUI_THEME_MONO,
};

/* How the guide should look; zero-initialised means the defaults. */
typedef struct bl_tui_options {
    enum bl_tui_theme theme;
    int no_state; /* --no-state: read and write no shortlist or session
                     (BORDERLESS_NO_STATE does the same) */
    int restore; /* go back to where the last run left off */
    /* Where the search index may already exist (the content cache): tried
     * in the background before building one (index_job.h); NULL: build. */
    bl_search_index *(*index_from)(void *ctx, const bl_guide *g);
    void *index_ctx;
    /* A guide from the cache checked lazily (cache.h bl_cache_check, with
     * check_ctx the bl_cache): entries the first screen shows are checked
     * before it is drawn, the rest in the background before the first key
     * is read.  NULL: the guide is checked whole. */
    int (*check)(void *ctx, long what);
    void *check_ctx;
    /* Called once, when the first screen is on the terminal (benchmarks). */
    void (*first_screen)(void *ctx);
    void *first_screen_ctx;
    /* When not NULL: receives the search index the guide had at its end
     * (built, or from index_from), for the caller to keep in the cache and
     * free before the guide; NULL when it was not ready (never waited for)
     * or the guide could not start.  Set on every return. */
    bl_search_index **index_out;
} bl_tui_options;

/* What bl_tui_run() returns when check found the cached guide damaged
 * before the first key: the terminal is restored and nothing was saved;
 * the caller loads the guide from the YAML and runs the guide again. */
#define BL_TUI_RESTART (-1)

/* opts may be NULL (the defaults). */
int bl_tui_run(const bl_guide *g, const bl_tui_options *opts);

/* 1 when standard input and output are a terminal the guide can run on:
 * TERM names an entry that can address the cursor (not "dumb"). */
int bl_tui_usable(void);

#endif
