/* search.c — ranking the entries a query matches (weighted BM25 and a
 * proximity bonus), the "did you mean" suggestions, and the public calls.
 * Reading the query is search_query.c; the details of a hit are
 * search_detail.c. */
#include "search_int.h"

#include "borderless/arena.h"
#include "borderless/editdist.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* BM25, with term frequencies in field-weight units (body = 1). */
#define BM25_K1 4.0
#define BM25_B 0.5
/* Proximity: the best few by BM25 get a bonus for query words near each
 * other (within PROX_WINDOW positions, in order counting double), worth
 * up to PROX_WEIGHT times the query's mean idf per pair of words. */
#define PROX_TOP 64
#define PROX_WINDOW 8
#define PROX_WEIGHT 2.0
#define SUGGEST_MIN_CPS 4

/* ---- suggestions ---------------------------------------------------- */

struct cand {
    uint32_t term;
    unsigned dist;
};

/* Nearer first; then words of titles, other names and glossary terms; then
 * commoner words. */
static int better(const bl_search_index *ix, const struct cand *a, const struct cand *b)
{
    if (a->dist != b->dist)
        return a->dist < b->dist;
    if (ix->terms[a->term].heavy != ix->terms[b->term].heavy)
        return ix->terms[a->term].heavy > ix->terms[b->term].heavy;
    if (ix->terms[a->term].n_docs != ix->terms[b->term].n_docs)
        return ix->terms[a->term].n_docs > ix->terms[b->term].n_docs;
    return a->term < b->term;
}

/* Inserts c into out[0..k), kept sorted best first and at most max long;
 * returns the new count.  c is dropped when the list is full of better. */
static size_t cand_insert(const bl_search_index *ix, struct cand *out, size_t k, size_t max,
                          struct cand c)
{
    size_t at = k < max ? k++ : max;
    if (at == max && !better(ix, &c, &out[max - 1]))
        return k;
    if (at == max)
        at = max - 1;
    while (at > 0 && better(ix, &c, &out[at - 1])) {
        out[at] = out[at - 1];
        at--;
    }
    out[at] = c;
    return k;
}

/* 1 if x has more than k bits set. */
static int more_bits(uint64_t x, unsigned k)
{
    for (unsigned i = 0; i <= k; i++) {
        if (!x)
            return 0;
        x &= x - 1;
    }
    return 1;
}

/* A word worth suggesting: four letters or more, not a function word. */
static int suggestible(const bl_search_index *ix, uint32_t i)
{
    const struct bl_sx_term *t = &ix->terms[i];
    return t->ncp >= SUGGEST_MIN_CPS && !bl_sx_function_word(ix->pool + t->str, t->len);
}

/* The nearest words to w (at most `max`, within one edit up to five
 * letters, two up to nine, else three; beyond one edit the first letter
 * must agree), best first, into out; returns the count. */
static size_t nearest(const bl_search_index *ix, const struct bl_sx_word *w, struct cand *out,
                      size_t max)
{
    uint32_t a[BL_SX_TOKEN_MAX], b[BL_SX_TOKEN_MAX];
    size_t n = bl_sx_decode(w->tok.text, w->tok.len, a, BL_SX_TOKEN_MAX);
    unsigned bound = n <= 5 ? 1 : n <= 9 ? 2 : 3;
    /* A cheap lower bound first: the "bag distance" over 32 buckets of
     * characters (a-z fall in distinct buckets) never exceeds the edit
     * distance, and rejects most words before the DP. */
    int bag[32] = {0};
    for (size_t i = 0; i < n; i++)
        bag[a[i] & 31]++;
    /* and, cheaper still, the classes of characters one has and the other
     * lacks: each edit adds at most one and removes at most one */
    uint64_t ma = bl_sx_mask(a, n);
    size_t k = 0;
    size_t lo_len = n > bound ? n - bound : 0, hi_len = n + bound;
    if (lo_len < SUGGEST_MIN_CPS)
        lo_len = SUGGEST_MIN_CPS;
    if (hi_len > BL_SX_TOKEN_MAX)
        hi_len = BL_SX_TOKEN_MAX;
    size_t x_end = lo_len <= hi_len ? ix->len_start[hi_len + 1] : 0;
    for (size_t x = lo_len <= hi_len ? ix->len_start[lo_len] : 0; x < x_end; x++) {
        uint32_t i = ix->by_len[x];
        const struct bl_sx_term *t = &ix->terms[i];
        if (t->ncp + bound < n || t->ncp > n + bound)
            continue;
        uint64_t mb = ix->mask[i];
        if (more_bits(ma & ~mb, bound) || more_bits(mb & ~ma, bound))
            continue;
        size_t m = bl_sx_decode(ix->pool + t->str, t->len, b, BL_SX_TOKEN_MAX);
        int diff[32];
        memcpy(diff, bag, sizeof diff);
        for (size_t j = 0; j < m; j++)
            diff[b[j] & 31]--;
        unsigned more = 0, fewer = 0;
        for (int j = 0; j < 32; j++) {
            if (diff[j] > 0)
                more += (unsigned)diff[j];
            else
                fewer += (unsigned)-diff[j];
        }
        if ((more > fewer ? more : fewer) > bound)
            continue;
        unsigned d = bl_edit_distance(a, n, b, m, bound);
        if (d > bound || d == 0 || (d > 1 && (m == 0 || b[0] != a[0])) || !suggestible(ix, i))
            continue;
        struct cand c = {.term = (uint32_t)i, .dist = d};
        k = cand_insert(ix, out, k, max, c);
        if (k == max)
            bound = out[max - 1].dist; /* nothing farther can enter now */
    }
    return k;
}

/* The whole words a fuzzy word matched (its likely spelling), best first,
 * into out; returns the count. */
static size_t fuzzy_words(const bl_search_index *ix, const struct bl_search_query *q,
                          const struct bl_sx_word *w, struct cand *out, size_t max)
{
    size_t k = 0;
    float top = 0;
    for (size_t x = 0; x < w->n_exp; x++)
        if (q->exps[w->exp_start + x].q > top)
            top = q->exps[w->exp_start + x].q;
    for (size_t x = 0; x < w->n_exp; x++) {
        const struct bl_sx_exp *ex = &q->exps[w->exp_start + x];
        if (ex->q < top || !suggestible(ix, ex->term))
            continue;
        struct cand c = {.term = ex->term, .dist = 1};
        k = cand_insert(ix, out, k, max, c);
    }
    return k;
}

/* The group (index) word i belongs to, and whether any of its
 * alternatives matched a word. */
static int group_matched(const struct bl_search_query *q, size_t i)
{
    for (size_t g = 0; g < q->n_groups; g++) {
        const struct bl_sx_group *gr = &q->groups[g];
        int has = 0, any = 0;
        for (size_t a = gr->first_alt; a < gr->first_alt + gr->n_alts; a++) {
            const struct bl_sx_alt *al = &q->alts[a];
            has |= i >= al->first && i < al->first + al->n;
            for (size_t j = 0; j < al->n; j++) {
                const struct bl_sx_word *w = &q->words[al->first + j];
                any |= w->n_exp > 0 && !w->fuzzy;
            }
        }
        if (has)
            return any;
    }
    return 1;
}

/* The query with word w's bytes replaced by s[0..n). */
static char *replaced(struct bl_search_query *q, const struct bl_sx_word *w, const char *s,
                      size_t n)
{
    size_t a = w->tok.start, b = w->tok.end;
    if (a > b || b > q->text_len)
        return NULL;
    size_t len = a + n + (q->text_len - b);
    char *out = bl_arena_array(q->arena, len + 1, 1);
    if (!out)
        return NULL;
    memcpy(out, q->text, a);
    memcpy(out + a, s, n);
    memcpy(out + a + n, q->text + b, q->text_len - b);
    out[len] = '\0';
    return out;
}

static int make_suggestions(const bl_search_index *ix, bl_search_results *r)
{
    struct bl_search_query *q = r->q;
    size_t wanted = 0;
    for (size_t i = 0; i < q->n_words; i++) {
        const struct bl_sx_word *w = &q->words[i];
        wanted += w->user && w->used && w->tok.ncp >= SUGGEST_MIN_CPS &&
            (w->n_exp == 0 || w->fuzzy) && !group_matched(q, i);
    }
    if (wanted == 0)
        return 0;
    size_t per = BL_SEARCH_MAX_SUGGESTIONS / wanted;
    if (per < 1)
        per = 1;
    const char **list = bl_arena_array(q->arena, BL_SEARCH_MAX_SUGGESTIONS, sizeof *list);
    const char **whole = bl_arena_array(q->arena, BL_SEARCH_MAX_SUGGESTIONS, sizeof *whole);
    if (!list || !whole)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < q->n_words && n < BL_SEARCH_MAX_SUGGESTIONS; i++) {
        const struct bl_sx_word *w = &q->words[i];
        if (!w->user || !w->used || w->tok.ncp < SUGGEST_MIN_CPS || (w->n_exp != 0 && !w->fuzzy) ||
            group_matched(q, i))
            continue;
        struct cand c[BL_SEARCH_MAX_SUGGESTIONS];
        size_t k = w->fuzzy ? fuzzy_words(ix, q, w, c, per) : nearest(ix, w, c, per);
        for (size_t j = 0; j < k && n < BL_SEARCH_MAX_SUGGESTIONS; j++) {
            const struct bl_sx_term *t = &ix->terms[c[j].term];
            int dup = 0;
            for (size_t d = 0; d < n; d++)
                dup |= strlen(list[d]) == t->len && memcmp(list[d], ix->pool + t->str, t->len) == 0;
            if (dup)
                continue;
            list[n] = bl_arena_strndup(q->arena, ix->pool + t->str, t->len);
            whole[n] = replaced(q, w, ix->pool + t->str, t->len);
            if (!list[n] || !whole[n])
                return -1;
            n++;
        }
    }
    r->suggestions = list;
    r->suggested_queries = whole;
    r->n_suggestions = n;
    return 0;
}

/* ---- ranking -------------------------------------------------------- */

struct ranked {
    uint32_t entry;
    float score;
};

_Static_assert(sizeof(struct ranked) <= sizeof(float) + sizeof(uint32_t),
               "ranked entries reuse the gtf and touched scratch arrays");

static int cmp_ranked(const void *pa, const void *pb)
{
    const struct ranked *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return a->entry < b->entry ? -1 : a->entry > b->entry;
}

/* Postings an alternative's anchor visits (to order the work). */
static size_t alt_cost(const bl_search_index *ix, const struct bl_search_query *q,
                       const struct bl_sx_alt *a)
{
    const struct bl_sx_word *w = &q->words[a->first + a->anchor];
    size_t c = 0;
    for (size_t i = 0; i < w->n_exp; i++)
        c += ix->terms[q->exps[w->exp_start + i].term].n_docs;
    return c;
}

/* Adds alternative a's weighted term frequency in every entry still in the
 * running (count[e] == gi) to gtf; lists new entries in touched. */
static void gather(const bl_search_index *ix, const struct bl_search_query *q,
                   const struct bl_sx_alt *a, unsigned char gi, const unsigned char *count,
                   float *gtf, uint32_t *touched, size_t *n_touched)
{
    const struct bl_sx_word *w = &q->words[a->first + a->anchor];
    for (size_t x = 0; x < w->n_exp; x++) {
        const struct bl_sx_exp *ex = &q->exps[w->exp_start + x];
        const struct bl_sx_term *t = &ix->terms[ex->term];
        const unsigned char *dp = ix->dstream + t->doc_off;
        const unsigned char *pp = ix->pstream + t->pos_off;
        uint32_t prev = UINT32_MAX, pos = 0;
        for (uint32_t di = 0; di < t->n_docs; di++) {
            struct bl_sx_doc d;
            bl_sx_next_doc(&dp, &d, prev);
            prev = d.entry;
            uint32_t e = d.entry;
            float add;
            if (a->n == 1) {
                if (count[e] != gi)
                    continue;
                add = a->q * ex->q * (float)d.wtf;
            } else {
                /* the positions are read even for skipped entries */
                add = 0;
                int live = count[e] == gi;
                for (uint32_t k = 0; k < d.n_occ; k++) {
                    pos += bl_sx_varint(&pp);
                    if (!live)
                        continue;
                    float pq = bl_sx_phrase_at(ix, q, a, pos);
                    if (pq > 0)
                        add += a->q * pq * (float)bl_sx_str_weight(bl_sx_str_of(ix, e, pos));
                }
                if (!live || add <= 0)
                    continue;
            }
            if (gtf[e] == 0)
                touched[(*n_touched)++] = e;
            gtf[e] += add;
        }
    }
}

/* The groups term t (at some position) belongs to, as a bit mask. */
static uint32_t groups_of(const struct bl_search_query *q, uint32_t t)
{
    uint32_t m = 0;
    for (size_t g = 0; g < q->n_groups; g++) {
        const struct bl_sx_group *gr = &q->groups[g];
        for (size_t a = gr->first_alt; a < gr->first_alt + gr->n_alts && !(m >> g & 1); a++) {
            const struct bl_sx_alt *al = &q->alts[a];
            for (size_t j = 0; j < al->n; j++) {
                float quality;
                if (bl_sx_word_has(q, &q->words[al->first + j], t, &quality)) {
                    m |= (uint32_t)1 << g;
                    break;
                }
            }
        }
    }
    return m;
}

/* How close the query's groups come in entry e, 0 .. 1: for each pair of
 * groups next to each other in the query, the best of 1/d over their
 * positions d apart in one string (in the query's order; half as much
 * reversed), d <= PROX_WINDOW; averaged over the pairs. */
static double proximity(const bl_search_index *ix, const struct bl_search_query *q, uint32_t e)
{
    size_t ng = q->n_groups;
    double pair[BL_SEARCH_MAX_TERMS] = {0};
    uint32_t last[BL_SEARCH_MAX_TERMS];
    for (uint32_t si = ix->entry_str[e]; si < ix->entry_str[e + 1]; si++) {
        uint32_t first = ix->strs[si].pos, end = ix->strs[si + 1].pos - 1;
        for (size_t g = 0; g < ng; g++)
            last[g] = UINT32_MAX;
        for (uint32_t p = first; p < end; p++) {
            uint32_t t = ix->fwd[p];
            if (!(q->terms[t / 64] >> (t % 64) & 1))
                continue;
            uint32_t m = groups_of(q, t);
            for (size_t g = 0; g < ng; g++) {
                if (!(m >> g & 1))
                    continue;
                if (g > 0 && last[g - 1] != UINT32_MAX && p - last[g - 1] <= PROX_WINDOW &&
                    p > last[g - 1]) {
                    double c = 1.0 / (double)(p - last[g - 1]);
                    if (c > pair[g - 1])
                        pair[g - 1] = c;
                }
                if (g + 1 < ng && last[g + 1] != UINT32_MAX && p - last[g + 1] <= PROX_WINDOW &&
                    p > last[g + 1]) {
                    double c = 0.5 / (double)(p - last[g + 1]);
                    if (c > pair[g])
                        pair[g] = c;
                }
            }
            for (size_t g = 0; g < ng; g++)
                if (m >> g & 1)
                    last[g] = p;
        }
    }
    double sum = 0;
    for (size_t g = 0; g + 1 < ng; g++)
        sum += pair[g];
    return sum / (double)(ng - 1);
}

/* Scores every entry that matches all groups into r->hits. */
static int rank(const bl_search_index *ix, bl_search_results *r)
{
    struct bl_search_query *q = r->q;
    size_t n = ix->g->n_entries;
    if (n == 0 || q->n_groups == 0)
        return 0;
    /* one scratch block: scores, group term frequencies, groups matched */
    size_t need = n * (2 * sizeof(float) + sizeof(uint32_t) + 1);
    char *block = calloc(1, need);
    if (!block)
        return -1;
    float *score = (float *)block;
    float *gtf = score + n;
    uint32_t *touched = (uint32_t *)(gtf + n);
    unsigned char *count = (unsigned char *)(touched + n);

    /* cheapest groups first: later groups only look at survivors */
    size_t order[BL_SEARCH_MAX_TERMS], cost[BL_SEARCH_MAX_TERMS];
    for (size_t g = 0; g < q->n_groups; g++) {
        const struct bl_sx_group *gr = &q->groups[g];
        size_t c = 0;
        for (size_t a = gr->first_alt; a < gr->first_alt + gr->n_alts; a++)
            c += alt_cost(ix, q, &q->alts[a]);
        cost[g] = c;
        size_t at = g;
        while (at > 0 && cost[order[at - 1]] > c) {
            order[at] = order[at - 1];
            at--;
        }
        order[at] = g;
    }

    double N = (double)n;
    for (size_t gi = 0; gi < q->n_groups; gi++) {
        struct bl_sx_group *gr = &q->groups[order[gi]];
        size_t n_touched = 0;
        for (size_t a = gr->first_alt; a < gr->first_alt + gr->n_alts; a++)
            gather(ix, q, &q->alts[a], (unsigned char)gi, count, gtf, touched, &n_touched);
        double df = (double)n_touched;
        double idf = log(1.0 + (N - df + 0.5) / (df + 0.5));
        gr->idf = idf;
        for (size_t k = 0; k < n_touched; k++) {
            uint32_t e = touched[k];
            double norm = 1.0 - BM25_B + BM25_B * ix->entry_len[e] / ix->avg_len;
            double tf = gtf[e] / norm;
            score[e] += (float)(idf * tf * (BM25_K1 + 1.0) / (tf + BM25_K1));
            count[e]++;
            gtf[e] = 0;
        }
        if (n_touched == 0)
            break;
    }

    size_t hits = 0;
    for (size_t e = 0; e < n; e++)
        hits += count[e] == q->n_groups;
    int rc = 0;
    if (hits) {
        /* gtf and touched (adjacent, 2n words) are free again */
        struct ranked *rk = (struct ranked *)(void *)gtf;
        r->hits = bl_arena_array(q->arena, hits, sizeof *r->hits);
        if (!r->hits) {
            rc = -1;
        } else {
            size_t k = 0;
            for (size_t e = 0; e < n; e++)
                if (count[e] == q->n_groups)
                    rk[k++] = (struct ranked){.entry = (uint32_t)e, .score = score[e]};
            qsort(rk, hits, sizeof *rk, cmp_ranked);
            if (q->n_groups > 1) {
                /* the proximity bonus, for the best PROX_TOP: it only adds,
                 * so they stay above the rest */
                if (bl_sx_query_bits(ix, q)) {
                    free(block);
                    return -1;
                }
                double mean_idf = 0;
                for (size_t g = 0; g < q->n_groups; g++)
                    mean_idf += q->groups[g].idf;
                mean_idf /= (double)q->n_groups;
                size_t top = hits < PROX_TOP ? hits : PROX_TOP;
                for (size_t i = 0; i < top; i++)
                    rk[i].score += (float)(PROX_WEIGHT * mean_idf * (double)(q->n_groups - 1) *
                                           proximity(ix, q, rk[i].entry));
                qsort(rk, top, sizeof *rk, cmp_ranked);
            }
            for (size_t i = 0; i < hits; i++) {
                r->hits[i].entry = rk[i].entry;
                r->hits[i].score = rk[i].score;
                r->hits[i].fuzzy = q->any_fuzzy;
                r->hits[i].best_part = BL_PART_TITLE;
            }
            r->n_hits = hits;
        }
    }
    free(block);
    return rc;
}

/* ---- the public calls ----------------------------------------------- */

bl_search_results *bl_search_run(const bl_search_index *ix, const char *query, size_t len,
                                 size_t n_detail)
{
    bl_search_results *r = calloc(1, sizeof *r);
    struct bl_search_query *q = calloc(1, sizeof *q);
    if (!r || !q) {
        free(r);
        free(q);
        return NULL;
    }
    r->q = q;
    q->arena = bl_arena_new();
    if (!q->arena)
        goto fail;
    if (query && ix && bl_sx_query_parse(ix, q, query, len))
        goto fail;
    for (size_t i = 0; i < q->n_words; i++)
        r->n_terms += q->words[i].user;
    if (q->n_groups == 0)
        return r;
    if (rank(ix, r))
        goto fail;
    if (r->n_hits == 0 || q->any_fuzzy)
        if (make_suggestions(ix, r))
            goto fail;
    for (size_t i = 0; i < r->n_hits && i < n_detail; i++)
        if (bl_search_detail(ix, r, i))
            goto fail;
    return r;
fail:
    bl_search_results_free(r);
    return NULL;
}

void bl_search_results_free(bl_search_results *r)
{
    if (!r)
        return;
    if (r->q) {
        bl_arena_free(r->q->arena);
        free(r->q->exps);
        free(r->q->terms);
        free(r->q->anchors);
        free(r->q);
    }
    free(r);
}
