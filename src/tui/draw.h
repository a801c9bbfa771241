/* draw.h — putting text on a curses window by display width. */
#ifndef BORDERLESS_DRAW_H
#define BORDERLESS_DRAW_H

#include <curses.h>
#include <stddef.h>

/* Draws s[0..len) at the cursor of w, made safe to print (see layout.h;
 * ASCII only when ascii), in at most `cols` columns.  When it does not fit,
 * the last column shows a cut mark.  Returns the columns drawn. */
int draw_text(WINDOW *w, const char *s, size_t len, int cols, int ascii);

/* The same for a NUL-terminated string. */
int draw_str(WINDOW *w, const char *s, int cols, int ascii);

/* Like draw_text, but when s does not fit its end is shown, after a cut
 * mark (for paths, whose end says most). */
int draw_text_tail(WINDOW *w, const char *s, size_t len, int cols, int ascii);

/* n spaces (or fewer if the window ends). */
void draw_fill(WINDOW *w, int n);

/* Gives `cols` cells of row y from column x the attribute a (colour pair
 * included), keeping their text; clipped to the window. */
void draw_mark(WINDOW *w, int y, int x, int cols, attr_t a);

#endif
