/* cmd_search.c — `borderless search QUERY...`. */
#include "cmd_search.h"

#include "borderless/layout.h"
#include "borderless/search.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SEARCH_HITS = 0, SEARCH_NONE = 1, SEARCH_USAGE = 2 };

/* Writes s made display-safe, on one line (tabs and newlines become spaces,
 * runs of them one space). */
static void put_field(const char *s)
{
    size_t n = 0;
    char *safe = bl_text_sanitize(s, strlen(s), 0, &n);
    const char *p = safe ? safe : s;
    if (!safe)
        n = strlen(s);
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == '\t' || c == '\n' || c == '\r' || c == ' ') {
            space = 1;
            continue;
        }
        if (space)
            putchar(' ');
        space = 0;
        putchar(c);
    }
    free(safe);
}

static char *join_args(int argc, char **argv, size_t *len)
{
    size_t n = 0;
    for (int i = 0; i < argc; i++) {
        size_t l = strlen(argv[i]);
        if (l > SIZE_MAX / 2 - n)
            return NULL;
        n += l + 1;
    }
    char *q = malloc(n + 1);
    if (!q)
        return NULL;
    size_t at = 0;
    for (int i = 0; i < argc; i++) {
        size_t l = strlen(argv[i]);
        if (i > 0)
            q[at++] = ' ';
        memcpy(q + at, argv[i], l);
        at += l;
    }
    q[at] = '\0';
    *len = at;
    return q;
}

int bl_cmd_search(const bl_guide *g, int argc, char **argv)
{
    if (argc < 1) {
        fputs("borderless: search needs a query\n"
              "Try 'borderless --help' for more information.\n",
              stderr);
        return SEARCH_USAGE;
    }
    size_t len = 0;
    char *query = join_args(argc, argv, &len);
    bl_search_index *ix = query ? bl_search_index_build(g) : NULL;
    bl_search_results *r = ix ? bl_search_run(ix, query, len, SIZE_MAX) : NULL;
    if (!r) {
        fputs("borderless: out of memory\n", stderr);
        bl_search_index_free(ix);
        free(query);
        return SEARCH_NONE;
    }
    int status = SEARCH_NONE;
    if (r->n_terms == 0) {
        fputs("borderless: the query has no words to search for\n", stderr);
        status = SEARCH_USAGE;
    } else if (r->n_hits == 0) {
        fputs("borderless: no matches for '", stderr);
        fwrite(query, 1, len, stderr);
        fputs("'\n", stderr);
        if (r->n_suggestions > 0) {
            fputs("Did you mean:", stderr);
            for (size_t i = 0; i < r->n_suggestions; i++)
                fprintf(stderr, "%s %s", i ? "," : "", r->suggestions[i]);
            fputs("?\n", stderr);
        }
    } else {
        status = SEARCH_HITS;
        for (size_t i = 0; i < r->n_hits; i++) {
            const bl_search_hit *h = &r->hits[i];
            const bl_entry *e = &g->entries[h->entry];
            fputs(bl_entry_kind_name(e->kind), stdout);
            putchar('\t');
            put_field(e->id);
            putchar('\t');
            put_field(e->title);
            putchar('\t');
            put_field(h->snippet ? h->snippet : "");
            putchar('\n');
        }
        if (r->n_suggestions > 0 && r->hits[0].fuzzy) {
            fputs("borderless: no exact matches; showing near ones.  Did you mean:", stderr);
            for (size_t i = 0; i < r->n_suggestions; i++)
                fprintf(stderr, "%s %s", i ? "," : "", r->suggestions[i]);
            fputs("?\n", stderr);
        }
    }
    bl_search_results_free(r);
    bl_search_index_free(ix);
    free(query);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "borderless: cannot write to standard output: %s\n", strerror(errno));
        return SEARCH_NONE;
    }
    return status;
}
