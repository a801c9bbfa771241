/* fuzz_search — any bytes as a query against the shipped content.
 *
 * The guide and its index are built once (LLVMFuzzerInitialize) from
 * $BORDERLESS_CONTENT or the source tree's content/, and live until the
 * process exits.  The first byte chooses how many hits are detailed at
 * once; the rest is the query. */
#include "fuzz.h"

#include "borderless/config.h"
#include "borderless/diag.h"
#include "borderless/loader.h"
#include "borderless/search.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bl_guide *guide;
static bl_search_index *index_;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *dir = getenv("BORDERLESS_CONTENT");
    if (!dir || !*dir)
        dir = BORDERLESS_SOURCE_CONTENT;
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    guide = bl_load_dir(dir, &d);
    if (!guide) {
        fprintf(stderr, "fuzz_search: cannot load %s\n", dir);
        bl_diags_print(&d, stderr);
        abort();
    }
    bl_diags_free(&d);
    index_ = bl_search_index_build(guide);
    if (!index_)
        abort();
    return 0;
}

static void check_match(const bl_entry *e, const bl_search_match *m)
{
    const char *s = NULL;
    if (m->part == -1) {
        s = e->title;
    } else {
        const bl_field_value *fv = bl_entry_get(e, (enum bl_field)m->part);
        if (!fv)
            abort();
        if (fv->items) {
            if (m->item >= fv->n_items)
                abort();
            s = fv->items[m->item];
        } else {
            s = fv->text;
        }
    }
    if (!s || m->start > m->end || m->end > strlen(s))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t n_detail = 0;
    if (size > 0) {
        n_detail = data[0] == 0xff ? SIZE_MAX : (size_t)(data[0] % 4);
        data++;
        size--;
    }
    bl_search_results *r = bl_search_run(index_, (const char *)data, size, n_detail);
    if (!r)
        abort(); /* memory does not run out here */
    if (r->n_terms == 0 && r->n_hits != 0)
        abort();
    if (r->n_suggestions > BL_SEARCH_MAX_SUGGESTIONS)
        abort();
    for (size_t i = 0; i < r->n_hits; i++) {
        const bl_search_hit *h = &r->hits[i];
        if (h->entry >= guide->n_entries)
            abort();
        if (i > 0 && h->score > r->hits[i - 1].score)
            abort(); /* best first */
        /* Detail the rest on demand, as the screen does, a few at most. */
        if (!h->detailed && i < 6 && bl_search_detail(index_, r, i) != 0)
            abort();
        if (!h->detailed)
            continue;
        if (h->snippet) {
            size_t len = strlen(h->snippet);
            for (size_t k = 0; k < h->n_snippet_marks; k++)
                if (h->snippet_marks[k].start > h->snippet_marks[k].end ||
                    h->snippet_marks[k].end > len)
                    abort();
            if (strchr(h->snippet, '\n') || strchr(h->snippet, '\t'))
                abort();
            if (h->snippet_label_len > len)
                abort();
        }
        for (size_t k = 0; k < h->n_matches; k++)
            check_match(&guide->entries[h->entry], &h->matches[k]);
    }
    for (size_t i = 0; i < r->n_suggestions; i++)
        if (!r->suggestions[i] || !r->suggested_queries[i])
            abort();
    bl_search_results_free(r);
    return 0;
}
