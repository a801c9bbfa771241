/* app_int.h — what app.c lends the other files of the application state
 * (app_export.c): the status line and the prompt.  Not for the views. */
#ifndef BORDERLESS_APP_INT_H
#define BORDERLESS_APP_INT_H

#include "borderless/app.h"

/* Sets the status line (path may be NULL). */
void bl_app_say(bl_app *a, enum bl_status_kind kind, const char *text, const char *path);

/* Opens prompt kind k editing `edit`, or (edit NULL, k a question) asks
 * about `subject` (cut to fit) followed by `tail`. */
void bl_app_prompt_open(bl_app *a, const struct bl_prompt_kind *k, bl_lineedit *edit);
void bl_app_prompt_ask(bl_app *a, const struct bl_prompt_kind *k, const char *subject,
                       const char *tail);
void bl_app_prompt_close(bl_app *a);

/* app_export.c: the export prompt's state, made and freed with the app's,
 * and BL_ACT_EXPORT. */
int bl_app_export_init(bl_app *a);
void bl_app_export_done(bl_app *a);
unsigned bl_app_export_open(bl_app *a);

#endif
