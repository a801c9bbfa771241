/* app_int.h — what the application state's own files share (not for the
 * views): app.c's hooks for the features kept in their own files. */
#ifndef BORDERLESS_APP_INT_H
#define BORDERLESS_APP_INT_H

#include "borderless/app.h"

/* app.c: runs the query the search prompt holds and shows its results
 * (the first hit selected).  0, or -1 when memory ran out. */
int app_run_query(bl_app *a);
/* app.c: a message on the status line. */
void app_info(bl_app *a, const char *text);
void app_error(bl_app *a, const char *text);

/* app_suggest.c: picking a search suggestion (app.h). */
unsigned app_suggest_cycle(bl_app *a, int dir);
unsigned app_suggest_pick(bl_app *a, long k);
/* Ends trying suggestions (the query was edited, read or closed). */
void app_suggest_forget(bl_app *a);

#endif
