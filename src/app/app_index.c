/* app_index.c — the guide's search index in the background (app.h,
 * bl_app_set_index_job; index_job.h). */
#include "app_int.h"

#include "borderless/index_job.h"

#define PREPARING "Preparing search\u2026"

void bl_app_set_index_job(bl_app *a, bl_index_job *j)
{
    bl_search_session *s = &a->search;
    if (!j || s->ix || s->pending) {
        bl_index_job_free(j); /* too late to change horses */
        return;
    }
    bl_index_job_free(s->job);
    s->job = j;
}

int bl_app_waiting(const bl_app *a)
{
    return a->search.pending;
}

int app_index_get(bl_app *a)
{
    bl_search_session *s = &a->search;
    if (s->ix)
        return 0;
    if (!s->job)
        s->job = bl_index_job_from_index(bl_search_index_build(a->g));
    if (s->job && !bl_index_job_ready(s->job))
        return 1;
    s->ix = bl_index_job_wait(s->job); /* at once: ready (NULL: out of memory) */
    if (!s->ix) {
        /* The next search tries again. */
        bl_index_job_free(s->job);
        s->job = NULL;
    }
    return 0;
}

void app_index_say_waiting(bl_app *a)
{
    if (a->search.pending && a->status.kind == BL_STATUS_NONE)
        app_say(a, BL_STATUS_INFO, PREPARING, NULL);
}

unsigned bl_app_poll(bl_app *a)
{
    bl_search_session *s = &a->search;
    if (!s->pending || (s->job && !bl_index_job_ready(s->job)))
        return 0;
    return app_search_resume(a) | BL_APP_REDRAW;
}

bl_search_index *bl_app_take_index(bl_app *a)
{
    bl_search_session *s = &a->search;
    bl_search_index *ix = bl_index_job_take(s->job);
    if (ix)
        s->ix = NULL; /* borrowed from the job until now */
    return ix;
}
