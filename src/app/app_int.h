/* app_int.h — hooks between app.c and the app's other files (private). */
#ifndef BORDERLESS_APP_INT_H
#define BORDERLESS_APP_INT_H

#include "borderless/app.h"

/* app.c: a status message (no path). */
void app_say(bl_app *a, enum bl_status_kind kind, const char *text);
/* app.c: runs the query that waited for the index, and the Enter pressed
 * meanwhile.  Returns BL_APP_* flags. */
unsigned app_search_resume(bl_app *a);

/* app_index.c: makes a->search.ix available: from the job when it is
 * ready, else (no job) by building the index now.  Returns 1 when the
 * index is still being built (ix stays NULL), else 0 (ix NULL then means
 * out of memory). */
int app_index_get(bl_app *a);
/* app_index.c: while a query waits, says so on an empty status line. */
void app_index_say_waiting(bl_app *a);

#endif
