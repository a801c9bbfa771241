/* cmd_search.c — `borderless search QUERY...`. */
#include "cmd_search.h"

#include "borderless/cache.h"

#include "borderless/layout.h"
#include "borderless/search.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes s made display-safe, on one line (tabs and newlines become spaces,
 * runs of them one space); ASCII when c->ascii. */
static void put_field(const bl_cli *c, const char *s)
{
    size_t n = 0;
    char *safe = bl_text_sanitize(s, strlen(s), 0, &n);
    if (!safe) /* out of memory: nothing unsafe is printed */
        return;
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) { /* collapse in place */
        char ch = safe[i];
        if (ch == '\t' || ch == '\n' || ch == '\r' || ch == ' ') {
            space = 1;
            continue;
        }
        if (space)
            safe[o++] = ' ';
        space = 0;
        safe[o++] = ch;
    }
    bl_cli_put(c, stdout, safe, o, -1, NULL, 0);
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

static void print_tsv(const bl_cli *c, const bl_guide *g, const bl_search_results *r)
{
    for (size_t i = 0; i < r->n_hits; i++) {
        const bl_search_hit *h = &r->hits[i];
        const bl_entry *e = &g->entries[h->entry];
        fputs(bl_entry_kind_name(e->kind), stdout);
        putchar('\t');
        put_field(c, e->id);
        putchar('\t');
        put_field(c, e->title);
        putchar('\t');
        put_field(c, h->snippet ? h->snippet : "");
        putchar('\n');
    }
}

static void pad(int n)
{
    for (int i = 0; i < n; i++)
        putchar(' ');
}

/* For people: one line of kind, id and title in aligned columns, then the
 * snippet under the id; every line cut to the width, matches in bold. */
static void print_aligned(const bl_cli *c, const bl_guide *g, const bl_search_results *r)
{
    int width = c->width ? c->width : c->term_cols > 0 ? c->term_cols : 80;
    int kind_w = 0, id_w = 0;
    for (size_t i = 0; i < r->n_hits; i++) {
        const bl_entry *e = &g->entries[r->hits[i].entry];
        int k = (int)strlen(bl_entry_kind_name(e->kind));
        int d = (int)strlen(e->id); /* ids are ASCII */
        kind_w = k > kind_w ? k : kind_w;
        id_w = d > id_w ? d : id_w;
    }
    if (id_w > width / 2) /* a long id must not push the title off */
        id_w = width / 2;
    for (size_t i = 0; i < r->n_hits; i++) {
        const bl_search_hit *h = &r->hits[i];
        const bl_entry *e = &g->entries[h->entry];
        const char *kind = bl_entry_kind_name(e->kind);
        int col = bl_cli_put(c, stdout, kind, strlen(kind), width, NULL, 0);
        if (col + 2 < width) {
            pad(kind_w - col + 2);
            col = kind_w + 2;
            col += bl_cli_put(c, stdout, e->id, strlen(e->id), width - col, NULL, 0);
        }
        if (col + 2 < width) {
            int to = kind_w + 2 + id_w + 2;
            if (to < col + 2)
                to = col + 2;
            pad(to - col);
            /* The title's matches in bold. */
            bl_search_mark marks[16];
            size_t n_marks = 0;
            for (size_t m = 0; m < h->n_matches && n_marks < 16; m++)
                if (h->matches[m].part == BL_PART_TITLE)
                    marks[n_marks++] = (bl_search_mark){h->matches[m].start, h->matches[m].end};
            bl_cli_put(c, stdout, e->title, strlen(e->title), width - to, marks, n_marks);
        }
        putchar('\n');
        if (h->snippet && *h->snippet) {
            int indent = kind_w + 2 < width / 2 ? kind_w + 2 : 0;
            pad(indent);
            bl_cli_put(c, stdout, h->snippet, strlen(h->snippet), width - indent, h->snippet_marks,
                       h->n_snippet_marks);
            putchar('\n');
        }
    }
}

/* The suggestions are words of the content: display-safe, ASCII if need be. */
static void suggest(const bl_cli *c, const bl_search_results *r)
{
    for (size_t i = 0; i < r->n_suggestions; i++) {
        fputs(i ? ", " : " ", stderr);
        bl_cli_put(c, stderr, r->suggestions[i], strlen(r->suggestions[i]), -1, NULL, 0);
    }
    fputs("?\n", stderr);
}

int bl_cmd_search(const bl_guide *g, const bl_cli *c, int argc, char **argv)
{
    static const bl_cli defaults = {.fmt = BL_SUMMARY_AUTO};
    if (!c)
        c = &defaults;
    if (argc < 1)
        return bl_cli_usage("search", "search needs a query");
    size_t len = 0;
    char *query = join_args(argc, argv, &len);
    /* The index from the cache when the guide came from it too; else
     * built, and stored with the guide after the output. */
    bl_search_index *ix =
        query && c->cache && c->cache->had_guide ? bl_cache_load_index(c->cache, g) : NULL;
    int built = 0;
    if (query && !ix) {
        ix = bl_search_index_build(g);
        built = 1;
    }
    bl_search_results *r = ix ? bl_search_run(ix, query, len, SIZE_MAX) : NULL;
    if (!r) {
        fputs("borderless: out of memory\n", stderr);
        bl_search_index_free(ix);
        free(query);
        return BL_EXIT_FAIL;
    }
    bl_cli plain = *c; /* no bold on stderr */
    plain.bold = plain.sgr0 = NULL;
    int status = BL_EXIT_FAIL;
    if (r->n_terms == 0) {
        fputs("borderless: the query has no words to search for\n", stderr);
        status = BL_EXIT_USAGE;
    } else if (r->n_hits == 0) {
        char buf[BL_ESC_SIZE];
        fprintf(stderr, "borderless: no matches for '%s'\n",
                bl_esc(buf, sizeof buf, query, len, BL_ESC_MAX, c->esc));
        if (r->n_suggestions > 0) {
            fputs("Did you mean:", stderr);
            suggest(&plain, r);
        }
    } else {
        status = BL_EXIT_OK;
        if (c->tty && !c->tsv)
            print_aligned(c, g, r);
        else
            print_tsv(c, g, r);
        if (r->n_suggestions > 0 && r->hits[0].fuzzy) {
            fputs("borderless: no exact matches; showing near ones.  Did you mean:", stderr);
            suggest(&plain, r);
        }
    }
    bl_search_results_free(r);
    status = bl_cli_finish_stdout(status);
    if (built && c->cache)
        (void)bl_cache_store(c->cache, g, ix);
    bl_search_index_free(ix);
    free(query);
    return status;
}
