/* prompt.h — drawing the application's prompt (app.h: a line being edited,
 * or a y/N question) on the bottom line.  The prompt's state and its keys
 * belong to the application state; this only draws it. */
#ifndef BORDERLESS_PROMPT_H
#define BORDERLESS_PROMPT_H

#include "borderless/app.h"
#include "term.h"

#include <curses.h>

/* Draws p (p->kind not NULL) on the one-line window w, and a key's hint
 * ("Tab Suggestion") at its right end when key and label are not NULL and
 * the line has room to spare.  Returns the column the cursor rests at. */
int prompt_draw(WINDOW *w, const struct term *t, const bl_prompt *p, const char *key,
                const char *label);

#endif
