/* finder.h — the guide's search as the screen runs it: the index (built on
 * the first search), the results of the current query, and the query
 * itself.  The results are shown through bl_nav (nav.h), which borrows
 * them; the finder owns them and frees each only after nav has let go. */
#ifndef BORDERLESS_FINDER_H
#define BORDERLESS_FINDER_H

#include "borderless/nav.h"
#include "borderless/search.h"

struct finder {
    const bl_guide *g;    /* borrowed */
    bl_search_index *ix;  /* owned; NULL until the first search */
    bl_search_results *res; /* owned; NULL when the query is empty */
    char *query;          /* owned; the current query ("" when none) */
};

void finder_init(struct finder *f, const bl_guide *g);
void finder_done(struct finder *f);

/* Runs q and shows its results in place of nav's menu (an empty query
 * shows none, but keeps the search open).  0, or -1 when memory ran out
 * (nav then shows no results). */
int finder_query(struct finder *f, bl_nav *nav, const char *q);

/* Ends the search: nav gets its full menu and earlier place back. */
void finder_end(struct finder *f, bl_nav *nav);

/* The current query ("" when none). */
const char *finder_text(const struct finder *f);

#endif
