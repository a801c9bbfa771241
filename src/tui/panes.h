/* panes.h — the views of the guide: the menu (or the search results in its
 * place) and the entry pane, which draw the application state the screen
 * owns, and the help overlay. */
#ifndef BORDERLESS_PANES_H
#define BORDERLESS_PANES_H

#include "view.h"

/* Each returns NULL when memory runs out.  app is borrowed. */
struct view *menu_view_new(const struct term *t, const bl_app *app);
struct view *detail_view_new(const struct term *t, const bl_app *app, int one_pane);
/* The help overlay.  app, active: the state and the key context it is
 * opened in (the fit finder's contexts: only its keys; app NULL: all). */
struct view *help_view_new(const struct term *t, const bl_app *app, enum km_context active);
/* The comparison (app.h, bl_app_compare), in place of both panes. */
struct view *compare_view_new(const struct term *t, const bl_app *app);
/* The fit finder, in place of both panes while app->fit.screen is on. */
struct view *fit_view_new(const struct term *t, const bl_app *app);

/* The entry pane in one-pane mode (no border) or beside the menu. */
void detail_view_set_one_pane(struct view *v, int one_pane);

/* The width the entry is laid out at in a detail window `win_w` wide:
 * never more than DETAIL_MEASURE, a readable line. */
int detail_text_width(int win_w, int one_pane);
#define DETAIL_MEASURE 80

/* Display width of the longest entry title: measured once per guide, since
 * at 10,000 roles measuring on every resize costs a frame. */
int menu_longest_title(const bl_guide *g);
/* The menu pane's width for a screen screen_w wide. */
int menu_width(int longest_title, int screen_w);

/* The search results list in the menu pane: a count line, then each hit
 * in HIT_ROWS rows (title, snippet). */
#define HIT_ROWS 2
#define RESULTS_HEAD 1

#endif
