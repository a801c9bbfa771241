/* app_int.h — what app.c and the feature files of the application state
 * (app_suggest.c, app_fit.c, app_index.c, app_export.c) share, and nobody
 * else (not the views): app.c's small helpers, and the features' hooks
 * into bl_app_apply. */
#ifndef BORDERLESS_APP_INT_H
#define BORDERLESS_APP_INT_H

#include "borderless/app.h"

/* app.c: runs the query the search prompt holds and shows its results
 * (the first hit selected).  0, or -1 when memory ran out. */
int app_run_query(bl_app *a);
/* app.c: the status line (text, then path when not NULL), showing an entry
 * from its top, the prompt, and the save prompt for the fit report
 * (a->fit.ans, the summary's rules). */
void app_say(bl_app *a, enum bl_status_kind kind, const char *text, const char *path);
void app_select_entry(bl_app *a, size_t e);
void app_open_prompt(bl_app *a, const struct bl_prompt_kind *k, bl_lineedit *edit);
void app_prompt_close(bl_app *a);
/* app.c: "no" to "Overwrite ...?": the prompt closes, "Kept <file>" (any
 * save prompt's question uses it). */
unsigned app_overwrite_no(bl_app *a);
unsigned app_save_report_open(bl_app *a);

/* app_suggest.c: picking a search suggestion (app.h). */
unsigned app_suggest_cycle(bl_app *a, int dir);
unsigned app_suggest_pick(bl_app *a, long k);
/* Ends trying suggestions (the query was edited, read or closed). */
void app_suggest_forget(bl_app *a);

/* app_fit.c.  init: no answers and no ranking (ranking reads every role,
 * so open makes it when the fit finder is first shown); 0.  done frees
 * what the fit finder holds.  open: the f key (ranks if not yet done).  apply: every action while
 * a->fit.screen is not BL_FITUI_OFF.  back: Back on a role opened from the
 * ranking returns to it (0 when that is not the case).  bar_label: the hint
 * bar's label of act while the fit finder is shown.  resize: the body is
 * body_w columns wide. */
int app_fit_init(bl_app *a);
void app_fit_done(bl_app *a);
unsigned app_fit_open(bl_app *a);
unsigned app_fit_apply(bl_app *a, enum bl_action act, const struct bl_app_arg *arg);
unsigned app_fit_back(bl_app *a);
const char *app_fit_bar_label(const bl_app *a, enum bl_action act, const char *label);
void app_fit_resize(bl_app *a, int body_w);

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

/* app.c: asks question kind k about `subject` (cut to fit) followed by
 * `tail`. */
void app_prompt_ask(bl_app *a, const struct bl_prompt_kind *k, const char *subject,
                    const char *tail);

/* app_export.c: the export prompt's state, made and freed with the app's,
 * and BL_ACT_EXPORT. */
int bl_app_export_init(bl_app *a);
void bl_app_export_done(bl_app *a);
unsigned bl_app_export_open(bl_app *a);

#endif
