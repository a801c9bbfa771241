/* search.c — parsing a query, expanding its words over the dictionary,
 * ranking entries, and the "did you mean" suggestions. */
#include "search_int.h"

#include "borderless/arena.h"
#include "borderless/editdist.h"
#include "borderless/vec.h"

#include <libstemmer.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Match qualities: how much a match counts against an equal word. */
#define Q_EXACT 1.0f
#define Q_STEM 0.8f
#define Q_STEM_ER 0.7f
#define Q_PREFIX 0.6f
#define Q_FUZZY 0.35f
#define Q_FUZZY_PREFIX 0.25f

#define FUZZY_MIN_CPS 5
/* BM25, with term frequencies in field-weight units (body = 1). */
#define BM25_K1 4.0
#define BM25_B 0.5

/* ---- parsing -------------------------------------------------------- */

struct parse {
    struct bl_search_query *q;
    size_t group_start;
};

static int on_query_token(void *ctx, const struct bl_sx_token *t)
{
    struct parse *p = ctx;
    if (p->q->n_words >= BL_SEARCH_MAX_TERMS)
        return 1;
    struct bl_sx_word *w = &p->q->words[p->q->n_words++];
    memset(w, 0, sizeof *w);
    w->tok = *t;
    return 0;
}

/* Length of a quote character at s (ASCII or typographic double quote). */
static size_t quote_len(const char *s, size_t n)
{
    if (s[0] == '"')
        return 1;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0x9C || (unsigned char)s[2] == 0x9D))
        return 3;
    return 0;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Splits the query into groups: a quoted part, or a run of non-blank bytes;
 * each group is the tokens it folds to. */
static void parse_query(struct bl_search_query *q, const char *s, size_t len)
{
    struct parse p = {.q = q};
    size_t i = 0;
    while (i < len && q->n_words < BL_SEARCH_MAX_TERMS) {
        size_t ql = quote_len(s + i, len - i);
        size_t start, end;
        if (ql) {
            start = i + ql;
            end = start;
            while (end < len && !quote_len(s + end, len - end))
                end++;
            i = end < len ? end + quote_len(s + end, len - end) : end;
        } else if (is_blank(s[i])) {
            i++;
            continue;
        } else {
            start = i;
            end = i;
            while (end < len && !is_blank(s[end]) && !quote_len(s + end, len - end))
                end++;
            i = end;
        }
        size_t first = q->n_words;
        bl_sx_tokenize(s + start, end - start, on_query_token, &p);
        if (q->n_words > first) {
            struct bl_sx_group *g = &q->groups[q->n_groups++];
            g->first = first;
            g->n = q->n_words - first;
        }
    }
}

/* ---- expansion ------------------------------------------------------ */

static int add_exp(struct bl_search_query *q, uint32_t term, float quality)
{
    struct bl_sx_exp *e = bl_vec_grow(q->exps, &q->cap_exps, q->n_exps + 1, sizeof *e, 64);
    if (!e)
        return -1;
    q->exps = e;
    q->exps[q->n_exps++] = (struct bl_sx_exp){.term = term, .q = quality};
    return 0;
}

static int cmp_str(const char *a, size_t la, const char *b, size_t lb)
{
    int c = memcmp(a, b, la < lb ? la : lb);
    return c ? c : la < lb ? -1 : la > lb;
}

/* First term >= s[0..n). */
static size_t lower_term(const bl_search_index *ix, const char *s, size_t n)
{
    size_t lo = 0, hi = ix->n_terms;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct bl_sx_term *t = &ix->terms[mid];
        if (cmp_str(ix->pool + t->str, t->len, s, n) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Adds every term whose stem is s[0..n). */
static int add_stem(const bl_search_index *ix, struct bl_search_query *q, const char *s,
                    size_t n, float quality)
{
    size_t lo = 0, hi = ix->n_terms;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct bl_sx_term *t = &ix->terms[ix->by_stem[mid]];
        if (cmp_str(ix->pool + t->stem, t->stem_len, s, n) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < ix->n_terms; lo++) {
        const struct bl_sx_term *t = &ix->terms[ix->by_stem[lo]];
        if (cmp_str(ix->pool + t->stem, t->stem_len, s, n) != 0)
            break;
        if (add_exp(q, ix->by_stem[lo], quality))
            return -1;
    }
    return 0;
}

static int cmp_exp(const void *pa, const void *pb)
{
    const struct bl_sx_exp *a = pa, *b = pb;
    if (a->term != b->term)
        return a->term < b->term ? -1 : 1;
    return a->q > b->q ? -1 : a->q < b->q; /* best first, kept by the dedup */
}

/* 1 if x has more than k bits set (a loop of at most k + 1 steps: no
 * popcount instruction is assumed). */
static int more_bits(uint64_t x, unsigned k)
{
    for (unsigned i = 0; i <= k; i++) {
        if (!x)
            return 0;
        x &= x - 1;
    }
    return 1;
}

/* The words within one edit of w: only the lengths that can be (any longer
 * one for a prefix), and only words missing at most one of w's character
 * classes are decoded and compared. */
static int add_fuzzy(const bl_search_index *ix, struct bl_search_query *q,
                     const struct bl_sx_word *w, int prefix)
{
    uint32_t a[BL_SX_TOKEN_MAX], b[BL_SX_TOKEN_MAX];
    size_t n = bl_sx_decode(w->tok.text, w->tok.len, a, BL_SX_TOKEN_MAX);
    uint64_t ma = bl_sx_mask(a, n);
    size_t lo_len = n > 0 ? n - 1 : 0, hi_len = prefix ? BL_SX_TOKEN_MAX : n + 1;
    if (hi_len > BL_SX_TOKEN_MAX)
        hi_len = BL_SX_TOKEN_MAX;
    for (size_t k = ix->len_start[lo_len]; k < ix->len_start[hi_len + 1]; k++) {
        uint32_t i = ix->by_len[k];
        if (more_bits(ma & ~ix->mask[i], 1))
            continue;
        const struct bl_sx_term *t = &ix->terms[i];
        const char *s = ix->pool + t->str;
        size_t m;
        if (t->ascii) {
            m = t->len;
            for (size_t j = 0; j < m; j++)
                b[j] = (unsigned char)s[j];
        } else {
            m = bl_sx_decode(s, t->len, b, BL_SX_TOKEN_MAX);
        }
        if ((m + 1 >= n && m <= n + 1) && bl_sx_within1(a, n, b, m, 0)) {
            if (add_exp(q, i, Q_FUZZY))
                return -1;
        } else if (prefix && bl_sx_within1(a, n, b, m, 1)) {
            if (add_exp(q, i, Q_FUZZY_PREFIX))
                return -1;
        }
    }
    return 0;
}

/* Fills w's expansions: equal, prefix (when allowed), stem, else fuzzy. */
static int expand_word(const bl_search_index *ix, struct bl_search_query *q,
                       struct bl_sx_word *w, int prefix, struct sb_stemmer *st)
{
    const char *s = w->tok.text;
    size_t n = w->tok.len;
    w->exp_start = q->n_exps;
    size_t lo = lower_term(ix, s, n);
    if (lo < ix->n_terms && cmp_str(ix->pool + ix->terms[lo].str, ix->terms[lo].len, s, n) == 0)
        if (add_exp(q, (uint32_t)lo, Q_EXACT))
            return -1;
    if (prefix && w->tok.ncp >= 2) {
        for (size_t i = lo; i < ix->n_terms; i++) {
            const struct bl_sx_term *t = &ix->terms[i];
            if (t->len < n || memcmp(ix->pool + t->str, s, n) != 0)
                break;
            if (t->len > n && add_exp(q, (uint32_t)i, Q_PREFIX))
                return -1;
        }
    }
    if (st) {
        const sb_symbol *r = sb_stemmer_stem(st, (const sb_symbol *)s, (int)n);
        if (r) {
            char stem[BL_SX_TOKEN_MAX + 8];
            size_t sl = (size_t)sb_stemmer_length(st);
            if (sl > BL_SX_TOKEN_MAX)
                sl = BL_SX_TOKEN_MAX;
            memcpy(stem, r, sl);
            /* Snowball keeps the agent noun: smuggler -> smuggler, but
             * smuggling -> smuggl.  Join them through "-er" both ways. */
            if (add_stem(ix, q, stem, sl, Q_STEM))
                return -1;
            memcpy(stem + sl, "er", 2);
            if (add_stem(ix, q, stem, sl + 2, Q_STEM_ER))
                return -1;
            if (sl >= 6 && memcmp(stem + sl - 2, "er", 2) == 0 &&
                add_stem(ix, q, stem, sl - 2, Q_STEM_ER))
                return -1;
        }
    }
    if (q->n_exps == w->exp_start && w->tok.ncp >= FUZZY_MIN_CPS) {
        if (add_fuzzy(ix, q, w, prefix))
            return -1;
        w->fuzzy = q->n_exps > w->exp_start;
        q->any_fuzzy |= w->fuzzy;
    }
    /* sort by term and keep each term once, with its best quality */
    struct bl_sx_exp *e = q->exps ? q->exps + w->exp_start : NULL;
    size_t k = q->n_exps - w->exp_start, out = 0;
    if (k > 1)
        qsort(e, k, sizeof *e, cmp_exp);
    for (size_t i = 0; i < k; i++)
        if (out == 0 || e[out - 1].term != e[i].term)
            e[out++] = e[i];
    q->n_exps = w->exp_start + out;
    w->n_exp = out;
    return 0;
}

/* Postings a word would visit (to order the work). */
static size_t word_cost(const bl_search_index *ix, const struct bl_search_query *q,
                        const struct bl_sx_word *w)
{
    size_t c = 0;
    for (size_t i = 0; i < w->n_exp; i++)
        c += ix->terms[q->exps[w->exp_start + i].term].n_docs;
    return c;
}

/* ---- suggestions ---------------------------------------------------- */

struct cand {
    uint32_t term;
    unsigned dist;
};

static int better(const bl_search_index *ix, const struct cand *a, const struct cand *b)
{
    if (a->dist != b->dist)
        return a->dist < b->dist;
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

/* The nearest words to w (at most `max`, within a bound that grows with its
 * length), best first, into out; returns the count. */
static size_t nearest(const bl_search_index *ix, const struct bl_sx_word *w, struct cand *out,
                      size_t max)
{
    uint32_t a[BL_SX_TOKEN_MAX], b[BL_SX_TOKEN_MAX];
    size_t n = bl_sx_decode(w->tok.text, w->tok.len, a, BL_SX_TOKEN_MAX);
    unsigned bound = n <= 4 ? 1 : n <= 8 ? 2 : 3;
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
    if (lo_len < 2)
        lo_len = 2;
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
        if (d > bound || d == 0)
            continue;
        struct cand c = {.term = (uint32_t)i, .dist = d};
        k = cand_insert(ix, out, k, max, c);
        if (k == max)
            bound = out[max - 1].dist; /* nothing farther can enter now */
    }
    return k;
}

/* The whole words a fuzzy word matched (its likely spelling), commonest
 * first, into out; returns the count. */
static size_t fuzzy_words(const bl_search_index *ix, const struct bl_search_query *q,
                          const struct bl_sx_word *w, struct cand *out, size_t max)
{
    size_t k = 0;
    for (size_t x = 0; x < w->n_exp; x++) {
        const struct bl_sx_exp *ex = &q->exps[w->exp_start + x];
        if (ex->q < Q_FUZZY)
            continue;
        struct cand c = {.term = ex->term, .dist = 1};
        k = cand_insert(ix, out, k, max, c);
    }
    return k;
}

static int make_suggestions(const bl_search_index *ix, bl_search_results *r)
{
    struct bl_search_query *q = r->q;
    size_t wanted = 0;
    for (size_t i = 0; i < q->n_words; i++)
        wanted += q->words[i].n_exp == 0 || q->words[i].fuzzy;
    if (wanted == 0)
        return 0;
    size_t per = BL_SEARCH_MAX_SUGGESTIONS / wanted;
    if (per < 1)
        per = 1;
    const char **list = bl_arena_array(q->arena, BL_SEARCH_MAX_SUGGESTIONS, sizeof *list);
    if (!list)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < q->n_words && n < BL_SEARCH_MAX_SUGGESTIONS; i++) {
        const struct bl_sx_word *w = &q->words[i];
        if (w->n_exp != 0 && !w->fuzzy)
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
            if (!list[n])
                return -1;
            n++;
        }
    }
    r->suggestions = list;
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
        struct bl_sx_group *gr = &q->groups[g];
        size_t best = SIZE_MAX;
        for (size_t j = 0; j < gr->n; j++) {
            size_t c = word_cost(ix, q, &q->words[gr->first + j]);
            if (c < best) {
                best = c;
                gr->anchor = j;
            }
        }
        cost[g] = best;
        size_t at = g;
        while (at > 0 && cost[order[at - 1]] > best) {
            order[at] = order[at - 1];
            at--;
        }
        order[at] = g;
    }

    double N = (double)n;
    for (size_t gi = 0; gi < q->n_groups; gi++) {
        const struct bl_sx_group *gr = &q->groups[order[gi]];
        const struct bl_sx_word *w = &q->words[gr->first + gr->anchor];
        size_t n_touched = 0;
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
                if (gr->n == 1) {
                    if (count[e] != gi)
                        continue;
                    add = ex->q * (float)d.wtf;
                } else {
                    /* the positions are read even for skipped entries */
                    add = 0;
                    int live = count[e] == gi;
                    for (uint32_t k = 0; k < d.n_occ; k++) {
                        pos += bl_sx_varint(&pp);
                        if (!live)
                            continue;
                        float pq = bl_sx_phrase_at(ix, q, gr, pos);
                        if (pq > 0)
                            add += pq * (float)bl_sx_part_weight(bl_sx_str_of(ix, e, pos)->part);
                    }
                    if (!live || add <= 0)
                        continue;
                }
                if (gtf[e] == 0)
                    touched[n_touched++] = e;
                gtf[e] += add;
            }
        }
        double df = (double)n_touched;
        double idf = log(1.0 + (N - df + 0.5) / (df + 0.5));
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
    if (query && ix)
        parse_query(q, query, len);
    r->n_terms = (int)q->n_words;
    if (q->n_words == 0)
        return r;
    /* The index's stemmer: created once per index, not per query. */
    for (size_t g = 0; g < q->n_groups; g++) {
        const struct bl_sx_group *gr = &q->groups[g];
        for (size_t j = 0; j < gr->n; j++)
            if (expand_word(ix, q, &q->words[gr->first + j], j + 1 == gr->n, ix->stemmer))
                goto fail;
    }
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
        free(r->q->anchors);
        free(r->q);
    }
    free(r);
}
