/* screen.h — the screen manager: owns the windows, the views (two panes
 * and a stack of overlays) and the application state (app.h), and runs
 * the only event loop.
 *
 * screen_run() is the loop.  The steps it is made of are public so that a
 * test can drive the real screen on an off-screen terminal:
 *
 *     struct screen *s = screen_new(guide, &term);   // sized to stdscr
 *     screen_key(s, 'j'); screen_draw(s);            // ... then read curscr
 *     resizeterm(24, 80); screen_resize(s); screen_draw(s);
 *     screen_free(s);
 */
#ifndef BORDERLESS_SCREEN_H
#define BORDERLESS_SCREEN_H

#include "borderless/index_job.h"
#include "borderless/model.h"
#include "borderless/tui.h"
#include "term.h"

#include <stddef.h>

/* Runs the guide on an initialised terminal until the user quits or a
 * signal arrives, with the shortlist and session as screen_open_state()
 * (state_flags from bl_userstate_flags(); opts->restore), saving the
 * session at the end (screen_save_state()).  The search index comes from
 * opts->index_from or is built in the background; a lazily checked guide
 * is checked through opts->check (tui.h).  Returns the exit status: 0
 * after q (or Ctrl-C), 128+signal after SIGTERM or SIGHUP, 1 when memory
 * ran out, BL_TUI_RESTART when the cached guide was found damaged.  With
 * opts->index_out, *opts->index_out receives the search index if it is
 * ready at the end (bl_app_take_index()), else NULL. */
int screen_run(const bl_guide *g, const struct term *t, unsigned state_flags,
               const bl_tui_options *opts);

struct screen;

/* A screen for g on the current curses terminal, laid out for its size.
 * NULL when memory runs out.  g and t are borrowed.  screen_new_checked():
 * for a guide checked lazily (tui.h, bl_tui_options.check); the screen's
 * app then reports a damaged entry (bl_app.damaged). */
struct screen *screen_new(const bl_guide *g, const struct term *t);
struct screen *screen_new_checked(const bl_guide *g, const struct term *t,
                                  int (*check)(void *ctx, long what), void *ctx);
void screen_free(struct screen *s);

/* Opens the shortlist (bl_app_open_state) and, when restore is set and
 * the session is not private, goes back to the saved session (a stale or
 * damaged one is ignored quietly). */
void screen_open_state(struct screen *s, unsigned state_flags, int restore);
/* Saves where the reader is (nothing in a private session). */
void screen_save_state(const struct screen *s, unsigned state_flags);
/* The same, only when the reader moved since the last checkpoint (or the
 * session restored): screen_run() calls it at every pause in the keys, so
 * that the session survives a crash or SIGKILL, not only a clean exit. */
void screen_checkpoint(struct screen *s, unsigned state_flags);

/* One key (a keymap code: keymap.h), a mouse event at screen (y, x), the
 * terminal's new size.  Each only changes the state; screen_draw() shows
 * it (when something changed). */
void screen_key(struct screen *s, int key);
/* A bracketed paste: text for the prompt being edited, never keys. */
void screen_paste(struct screen *s, const char *text, size_t len);
void screen_mouse(struct screen *s, int y, int x, mmask_t buttons);
void screen_resize(struct screen *s);
void screen_draw(struct screen *s);

/* Gives the app a search index job (index_job.h; the app takes it over):
 * screen_run() starts one as the guide opens, tests start a held one.
 * screen_poll() lets a search that waited for it run once it is ready;
 * it returns 1 while a search still waits (poll again soon), else 0. */
void screen_set_index_job(struct screen *s, bl_index_job *j);
int screen_poll(struct screen *s);

/* 1 once the user asked to quit. */
int screen_done(const struct screen *s);
/* 1 once the check of a lazily checked guide refused an entry the screen
 * needed (screen_new_checked): screen_run() then returns BL_TUI_RESTART. */
int screen_damaged(const struct screen *s);

/* Below this size only a "terminal too small" notice is shown. */
#define SCREEN_MIN_W 20
#define SCREEN_MIN_H 5
/* Below the width where the entry would get fewer columns than this beside
 * the menu, one pane is shown at a time. */
#define SCREEN_ENTRY_MIN 50

#endif
