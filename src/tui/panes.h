/* panes.h — the views of the guide: the menu and the detail pane (both
 * draw the shared browsing state, bl_nav, which the screen owns), and the
 * help overlay. */
#ifndef BORDERLESS_PANES_H
#define BORDERLESS_PANES_H

#include "borderless/nav.h"
#include "view.h"

/* Each returns NULL when memory runs out.  nav is borrowed. */
struct finder;
/* The menu shows find's query over the search results (borrowed). */
struct view *menu_view_new(const struct term *t, bl_nav *nav, const struct finder *find);
struct view *detail_view_new(const struct term *t, bl_nav *nav);
struct view *help_view_new(const struct term *t);

/* The width the entry is laid out at in a detail window `win_w` wide. */
int detail_text_width(int win_w, int narrow);

/* Display width of the longest entry title: measured once per guide, since
 * at 10,000 roles measuring on every resize costs a frame. */
int menu_longest_title(const bl_guide *g);
/* The menu pane's width for a screen screen_w wide. */
int menu_width(int longest_title, int screen_w);

#endif
