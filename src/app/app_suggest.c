/* app_suggest.c — picking a search suggestion ("did you mean"), the way a
 * shell cycles through completions: Tab puts the next suggested query in
 * the prompt and runs it, Shift-Tab the previous one, and past either end
 * the query as typed comes back.  The results of the typed query are kept
 * (the offer) so that its suggestions stay on screen, the one tried
 * highlighted, while the prompt shows and runs the suggested query. */
#include "app_int.h"

#include <stdlib.h>
#include <string.h>

void app_suggest_forget(bl_app *a)
{
    bl_search_session *s = &a->search;
    bl_search_results_free(s->offer);
    s->offer = NULL;
    free(s->typed);
    s->typed = NULL;
    s->pick = -1;
}

const char *const *bl_app_suggestions(const bl_app *a, size_t *n, long *chosen)
{
    const bl_search_session *s = &a->search;
    const bl_search_results *r = s->offer ? s->offer : s->res;
    *n = 0;
    *chosen = -1;
    if (!s->open || !r || r->n_suggestions == 0)
        return NULL;
    *n = r->n_suggestions;
    *chosen = s->offer ? s->pick : -1;
    return r->suggestions;
}

/* Runs suggestion k of the offer (-1: the query as typed), making the
 * current results the offer first. */
static unsigned try_pick(bl_app *a, long k)
{
    bl_search_session *s = &a->search;
    if (!s->offer) {
        const char *q = bl_lineedit_text(&s->query);
        size_t len = strlen(q) + 1;
        s->typed = malloc(len);
        if (!s->typed) {
            app_say(a, BL_STATUS_ERROR, "Not enough memory to try a suggestion", NULL);
            return BL_APP_REDRAW | BL_APP_BEEP;
        }
        memcpy(s->typed, q, len);
        s->offer = s->res; /* taken over: run_query makes new results */
        s->res = NULL;
    }
    const char *q = k < 0 ? s->typed : s->offer->suggested_queries[k];
    bl_lineedit_set(&s->query, q, strlen(q));
    s->pick = k;
    if (app_run_query(a) != 0)
        app_say(a, BL_STATUS_ERROR, "Not enough memory to search", NULL);
    return BL_APP_REDRAW | BL_APP_ENTRY;
}

unsigned app_suggest_cycle(bl_app *a, int dir)
{
    size_t n;
    long cur;
    bl_app_suggestions(a, &n, &cur);
    if (n == 0) {
        app_say(a, BL_STATUS_INFO, "No suggestions for this query", NULL);
        return BL_APP_REDRAW | BL_APP_BEEP;
    }
    long k = cur + (dir < 0 ? -1 : 1);
    if (k >= (long)n)
        k = -1; /* round to the query as typed */
    else if (k < -1)
        k = (long)n - 1;
    return try_pick(a, k);
}

unsigned app_suggest_pick(bl_app *a, long k)
{
    size_t n;
    long cur;
    bl_app_suggestions(a, &n, &cur);
    if (k < 0 || (size_t)k >= n || k == cur)
        return 0;
    return try_pick(a, k);
}
