/* test_search_relevance.c — how well search ranks the real content for what
 * students type.  The judged queries are data (search_relevance.tsv: one
 * "query<TAB>id[,id...]" a line, the ids that should rank first); this
 * program runs each on the content folder, prints every query whose first
 * relevant entry is not first, then the mean reciprocal rank (MRR) and the
 * mean nDCG@5, and fails below the thresholds the file sets ("# min_mrr",
 * "# min_ndcg5"; never below MRR 0.85), with fewer than 40 queries, or
 * when an id is not in the guide.
 *
 *   test_search_relevance CONTENT_DIR JUDGEMENTS.tsv
 */
#include "borderless/loader.h"
#include "borderless/search.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_QUERIES 40
#define FLOOR_MRR 0.85
#define MAX_IDS 16

static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s CONTENT_DIR JUDGEMENTS.tsv\n", argv[0]);
        return 2;
    }
    bl_diags d;
    bl_diags_init(&d, 20);
    bl_guide *g = bl_load_dir(argv[1], &d);
    if (!g) {
        bl_diags_print(&d, stderr);
        bl_diags_free(&d);
        return 1;
    }
    bl_diags_free(&d);
    bl_search_index *ix = bl_search_index_build(g);
    FILE *f = fopen(argv[2], "r");
    if (!ix || !f) {
        fprintf(stderr, "%s: cannot build the index or open %s\n", argv[0], argv[2]);
        return 1;
    }
    double min_mrr = FLOOR_MRR, min_ndcg = 0, sum_rr = 0, sum_ndcg = 0;
    int n = 0, bad = 0, lineno = 0;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *s = trim(line);
        if (*s == '#') {
            double v;
            if (sscanf(s, "# min_mrr %lf", &v) == 1 && v > min_mrr)
                min_mrr = v;
            if (sscanf(s, "# min_ndcg5 %lf", &v) == 1)
                min_ndcg = v;
            continue;
        }
        if (!*s)
            continue;
        char *tab = strchr(s, '\t');
        if (!tab) {
            fprintf(stderr, "%s:%d: no tab between the query and the ids\n", argv[2], lineno);
            bad = 1;
            continue;
        }
        *tab = '\0';
        const char *query = s;
        size_t want[MAX_IDS], n_want = 0;
        for (char *id = strtok(tab + 1, ","); id && n_want < MAX_IDS; id = strtok(NULL, ",")) {
            id = trim(id);
            const bl_entry *e = bl_guide_find(g, id);
            if (!e) {
                fprintf(stderr, "%s:%d: \"%s\" is not an entry of %s\n", argv[2], lineno, id,
                        argv[1]);
                bad = 1;
                continue;
            }
            want[n_want++] = bl_guide_index(g, e);
        }
        if (n_want == 0)
            continue;
        bl_search_results *r = bl_search_run(ix, query, strlen(query), 0);
        if (!r) {
            fprintf(stderr, "out of memory\n");
            return 1;
        }
        double rr = 0, dcg = 0, idcg = 0;
        size_t first = SIZE_MAX;
        for (size_t i = 0; i < r->n_hits; i++) {
            int rel = 0;
            for (size_t k = 0; k < n_want; k++)
                rel |= r->hits[i].entry == want[k];
            if (rel && first == SIZE_MAX)
                first = i;
            if (rel && i < 5)
                dcg += 1.0 / log2((double)i + 2.0);
        }
        for (size_t i = 0; i < n_want && i < 5; i++)
            idcg += 1.0 / log2((double)i + 2.0);
        if (first != SIZE_MAX)
            rr = 1.0 / (double)(first + 1);
        if (first != 0) {
            printf("  %-40s first relevant at %s", query, first == SIZE_MAX ? "-" : "");
            if (first != SIZE_MAX)
                printf("%zu", first + 1);
            printf(" (top: %s)\n", r->n_hits ? g->entries[r->hits[0].entry].id : "none");
        }
        sum_rr += rr;
        sum_ndcg += dcg / idcg;
        n++;
        bl_search_results_free(r);
    }
    fclose(f);
    double mrr = n ? sum_rr / n : 0, ndcg = n ? sum_ndcg / n : 0;
    printf("search relevance: %d queries, MRR %.3f (min %.3f), nDCG@5 %.3f (min %.3f)\n", n, mrr,
           min_mrr, ndcg, min_ndcg);
    int fail = bad || n < MIN_QUERIES || mrr < min_mrr || ndcg < min_ndcg;
    if (n < MIN_QUERIES)
        printf("search relevance: fewer than %d judged queries\n", MIN_QUERIES);
    bl_search_index_free(ix);
    bl_guide_free(g);
    return fail ? 1 : 0;
}
