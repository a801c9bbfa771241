#include "finder.h"

#include <stdlib.h>
#include <string.h>

void finder_init(struct finder *f, const bl_guide *g)
{
    memset(f, 0, sizeof *f);
    f->g = g;
}

void finder_done(struct finder *f)
{
    bl_search_results_free(f->res);
    bl_search_index_free(f->ix);
    free(f->query);
    memset(f, 0, sizeof *f);
}

const char *finder_text(const struct finder *f)
{
    return f->query ? f->query : "";
}

int finder_query(struct finder *f, bl_nav *nav, const char *q)
{
    size_t len = strlen(q);
    char *copy = malloc(len + 1);
    if (copy)
        memcpy(copy, q, len + 1);
    if (!f->ix && copy)
        f->ix = bl_search_index_build(f->g);
    bl_search_results *r = NULL;
    /* Detail the hits as they come into view (nav and the menu do). */
    if (f->ix && copy && len)
        r = bl_search_run(f->ix, q, len, 0);
    int ok = copy && f->ix && (r || !len);
    bl_nav_show_results(nav, f->ix, r);
    /* Only now is the old object no longer borrowed. */
    bl_search_results_free(f->res);
    f->res = r;
    free(f->query);
    f->query = copy;
    return ok ? 0 : -1;
}

void finder_end(struct finder *f, bl_nav *nav)
{
    bl_nav_end_search(nav);
    bl_search_results_free(f->res);
    f->res = NULL;
    free(f->query);
    f->query = NULL;
}
