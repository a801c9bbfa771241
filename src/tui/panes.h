/* panes.h — the views of the guide: the menu and the detail pane (both
 * draw the shared browsing state, bl_nav, which the screen owns), and the
 * help overlay. */
#ifndef BORDERLESS_PANES_H
#define BORDERLESS_PANES_H

#include "borderless/nav.h"
#include "view.h"

/* Each returns NULL when memory runs out.  nav is borrowed. */
struct view *menu_view_new(const struct term *t, bl_nav *nav);
struct view *detail_view_new(const struct term *t, bl_nav *nav);
struct view *help_view_new(const struct term *t);

/* The width the entry is laid out at in a detail window `win_w` wide. */
int detail_text_width(int win_w, int narrow);

/* The menu's preferred width for guide g on a screen `screen_w` wide. */
int menu_width(const bl_guide *g, int screen_w);

#endif
