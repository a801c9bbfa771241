/* search_index.c — building the index (see search_int.h for its shape).
 *
 * Two walks over the guide's strings.  The first folds every token, gives
 * each distinct word a provisional id through a hash table and records the
 * id of every position; the ids are then renumbered in sorted order and the
 * posting arrays sized exactly.  The second walk tokenizes again to fill the
 * postings in place, so the peak memory is the index itself plus one id per
 * position.
 */
#include "search_int.h"

#include "borderless/layout.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

struct builder {
    bl_search_index *ix;
    /* provisional words */
    char *pool;
    size_t pool_len, pool_cap;
    uint32_t *w_str, *w_len, *w_ncp, *w_ascii, *w_count, *w_docs, *w_last;
    size_t n_words, cap_words;
    uint32_t *table; /* open addressing: word id + 1, 0 empty */
    size_t table_cap;
    /* positions */
    uint32_t *fwd;
    size_t n_fwd, cap_fwd;
    /* walk state */
    int pass;
    uint32_t entry;
    int part;
    size_t item;
    float weight;
    size_t pos;        /* next global position (pass 2) */
    uint32_t *rank;    /* provisional id -> final term id */
    uint32_t *doc_cur, *occ_cur;
    int failed;
};

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 64;
    while (n < need) {
        if (n > SIZE_MAX / 2 / size)
            return -1;
        n *= 2;
    }
    void *q = realloc(*p, n * size);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int rehash(struct builder *b, size_t cap)
{
    uint32_t *t = calloc(cap, sizeof *t);
    if (!t)
        return -1;
    for (size_t w = 0; w < b->n_words; w++) {
        size_t h = hash_bytes(b->pool + b->w_str[w], b->w_len[w]) & (cap - 1);
        while (t[h])
            h = (h + 1) & (cap - 1);
        t[h] = (uint32_t)w + 1;
    }
    free(b->table);
    b->table = t;
    b->table_cap = cap;
    return 0;
}

/* The provisional id of a token's word, added if new; -1 when out of memory. */
static long word_id(struct builder *b, const struct bl_sx_token *t)
{
    if ((b->n_words + 1) * 2 > b->table_cap && rehash(b, b->table_cap ? b->table_cap * 2 : 1024))
        return -1;
    size_t h = hash_bytes(t->text, t->len) & (b->table_cap - 1);
    while (b->table[h]) {
        uint32_t w = b->table[h] - 1;
        if (b->w_len[w] == t->len && memcmp(b->pool + b->w_str[w], t->text, t->len) == 0)
            return w;
        h = (h + 1) & (b->table_cap - 1);
    }
    if (b->n_words >= UINT32_MAX - 1 || b->pool_len > UINT32_MAX - BL_SX_TOKEN_MAX)
        return -1;
    if (b->n_words == b->cap_words) {
        size_t cap = b->cap_words ? b->cap_words * 2 : 1024;
        uint32_t **arrays[] = {&b->w_str, &b->w_len, &b->w_ncp, &b->w_ascii,
                               &b->w_count, &b->w_docs, &b->w_last};
        for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++) {
            uint32_t *p = realloc(*arrays[i], cap * sizeof **arrays[i]);
            if (!p)
                return -1;
            *arrays[i] = p;
        }
        b->cap_words = cap;
    }
    if (grow((void **)&b->pool, &b->pool_cap, b->pool_len + t->len, 1))
        return -1;
    size_t w = b->n_words++;
    memcpy(b->pool + b->pool_len, t->text, t->len);
    b->w_str[w] = (uint32_t)b->pool_len;
    b->w_len[w] = (uint32_t)t->len;
    b->w_ncp[w] = (uint32_t)t->ncp;
    b->w_ascii[w] = (uint32_t)t->ascii;
    b->w_count[w] = 0;
    b->w_docs[w] = 0;
    b->w_last[w] = UINT32_MAX;
    b->pool_len += t->len;
    b->table[h] = (uint32_t)w + 1;
    return (long)w;
}

static int push_pos(struct builder *b, uint32_t v)
{
    if (grow((void **)&b->fwd, &b->cap_fwd, b->n_fwd + 1, sizeof *b->fwd))
        return -1;
    b->fwd[b->n_fwd++] = v;
    return 0;
}

static int on_token(void *ctx, const struct bl_sx_token *t)
{
    struct builder *b = ctx;
    if (b->pass == 1) {
        long w = word_id(b, t);
        if (w < 0 || b->n_fwd >= UINT32_MAX - 1 || push_pos(b, (uint32_t)w))
            return -1;
        b->w_count[w]++;
        if (b->w_last[w] != b->entry) {
            b->w_last[w] = b->entry;
            b->w_docs[w]++;
        }
        return 0;
    }
    bl_search_index *ix = b->ix;
    uint32_t pos = (uint32_t)b->pos++;
    uint32_t term = ix->fwd[pos];
    struct bl_sx_term *tm = &ix->terms[term];
    if (b->doc_cur[term] == tm->doc_start ||
        ix->docs[b->doc_cur[term] - 1].entry != b->entry) {
        struct bl_sx_doc *d = &ix->docs[b->doc_cur[term]++];
        d->entry = b->entry;
        d->occ_start = b->occ_cur[term];
        d->n_occ = 0;
        d->wtf = 0;
    }
    struct bl_sx_doc *d = &ix->docs[b->doc_cur[term] - 1];
    struct bl_sx_occ *o = &ix->occs[b->occ_cur[term]++];
    d->n_occ++;
    d->wtf += b->weight;
    o->pos = pos;
    o->start = (uint32_t)t->start;
    o->len = (uint16_t)(t->end - t->start > UINT16_MAX ? UINT16_MAX : t->end - t->start);
    o->item = (uint16_t)b->item;
    o->part = (int16_t)b->part;
    return 0;
}

/* Walks one string: its tokens, then a gap. */
static int walk_string(struct builder *b, const char *s)
{
    if (s && bl_sx_tokenize(s, strlen(s), on_token, b))
        return -1;
    if (b->pass == 1)
        return push_pos(b, BL_SX_GAP);
    b->pos++;
    return 0;
}

static int walk_guide(struct builder *b, const bl_guide *g)
{
    if (b->pass == 1 && push_pos(b, BL_SX_GAP))
        return -1;
    b->pos = 1;
    for (size_t e = 0; e < g->n_entries; e++) {
        const bl_entry *en = &g->entries[e];
        size_t before = b->pass == 1 ? b->n_fwd : b->pos;
        b->entry = (uint32_t)e;
        b->part = BL_PART_TITLE;
        b->item = 0;
        b->weight = BL_SEARCH_TITLE_WEIGHT;
        if (walk_string(b, en->title))
            return -1;
        for (size_t f = 0; f < en->n_fields; f++) {
            const bl_field_value *fv = &en->fields[f];
            const struct bl_field_info *fi = bl_field_info(fv->field);
            if (!fi || fi->search_weight <= 0)
                continue;
            b->part = (int)fv->field;
            b->weight = (float)fi->search_weight;
            if (fi->kind == BL_KIND_TEXT) {
                b->item = 0;
                if (walk_string(b, fv->text))
                    return -1;
            } else {
                for (size_t i = 0; i < fv->n_items && i <= UINT16_MAX; i++) {
                    b->item = i;
                    if (walk_string(b, fv->items[i]))
                        return -1;
                }
            }
        }
        if (b->pass == 1) {
            size_t n = 0;
            for (size_t p = before; p < b->n_fwd; p++)
                n += b->fwd[p] != BL_SX_GAP;
            b->ix->entry_len[e] = (float)n;
        }
    }
    return 0;
}

/* A string to sort with the id it belongs to (no global sort context). */
struct keyed {
    const char *s;
    uint32_t len, id;
};

static int cmp_keyed(const void *pa, const void *pb)
{
    const struct keyed *a = pa, *b = pb;
    int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);
    if (c)
        return c;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

static void builder_done(struct builder *b)
{
    free(b->pool);
    free(b->w_str);
    free(b->w_len);
    free(b->w_ncp);
    free(b->w_ascii);
    free(b->w_count);
    free(b->w_docs);
    free(b->w_last);
    free(b->table);
    free(b->rank);
    free(b->doc_cur);
    free(b->occ_cur);
}

/* Sorts the words, computes stems and sizes the postings. */
static int make_terms(struct builder *b, bl_search_index *ix)
{
    size_t n = b->n_words;
    struct keyed *order = malloc((n ? n : 1) * sizeof *order);
    b->rank = malloc((n ? n : 1) * sizeof *b->rank);
    ix->terms = calloc(n ? n : 1, sizeof *ix->terms);
    ix->by_stem = malloc((n ? n : 1) * sizeof *ix->by_stem);
    b->doc_cur = malloc((n ? n : 1) * sizeof *b->doc_cur);
    b->occ_cur = malloc((n ? n : 1) * sizeof *b->occ_cur);
    /* the pool holds each word and its stem (never longer than the word) */
    ix->pool = malloc(b->pool_len * 2 + 1);
    struct sb_stemmer *st = sb_stemmer_new("english", NULL);
    if (!order || !b->rank || !ix->terms || !ix->by_stem || !b->doc_cur || !b->occ_cur ||
        !ix->pool || !st) {
        free(order);
        sb_stemmer_delete(st);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = (struct keyed){.s = b->pool + b->w_str[i], .len = b->w_len[i],
                                  .id = (uint32_t)i};
    qsort(order, n, sizeof *order, cmp_keyed);
    size_t pool = 0, docs = 0, occs = 0;
    for (size_t r = 0; r < n; r++) {
        uint32_t w = order[r].id;
        struct bl_sx_term *t = &ix->terms[r];
        b->rank[w] = (uint32_t)r;
        t->str = (uint32_t)pool;
        t->len = b->w_len[w];
        memcpy(ix->pool + pool, b->pool + b->w_str[w], t->len);
        pool += t->len;
        const sb_symbol *s = sb_stemmer_stem(st, (const sb_symbol *)ix->pool + t->str,
                                             (int)t->len);
        size_t sl = s ? (size_t)sb_stemmer_length(st) : 0;
        if (!s || sl > t->len) { /* cannot happen; keep the word as its stem */
            s = (const sb_symbol *)ix->pool + t->str;
            sl = t->len;
        }
        t->stem = (uint32_t)pool;
        t->stem_len = (uint32_t)sl;
        memmove(ix->pool + pool, s, sl);
        pool += sl;
        t->ncp = b->w_ncp[w];
        t->ascii = b->w_ascii[w];
        t->doc_start = (uint32_t)docs;
        t->n_docs = b->w_docs[w];
        b->doc_cur[r] = (uint32_t)docs;
        b->occ_cur[r] = (uint32_t)occs;
        docs += b->w_docs[w];
        occs += b->w_count[w];
    }
    sb_stemmer_delete(st);
    for (size_t r = 0; r < n; r++)
        order[r] = (struct keyed){.s = ix->pool + ix->terms[r].stem,
                                  .len = ix->terms[r].stem_len, .id = (uint32_t)r};
    qsort(order, n, sizeof *order, cmp_keyed);
    for (size_t r = 0; r < n; r++)
        ix->by_stem[r] = order[r].id;
    free(order);
    ix->n_terms = n;
    ix->docs = malloc((docs ? docs : 1) * sizeof *ix->docs);
    ix->occs = malloc((occs ? occs : 1) * sizeof *ix->occs);
    if (!ix->docs || !ix->occs)
        return -1;
    for (size_t p = 0; p < b->n_fwd; p++)
        if (b->fwd[p] != BL_SX_GAP)
            b->fwd[p] = b->rank[b->fwd[p]];
    return 0;
}

bl_search_index *bl_search_index_build(const bl_guide *g)
{
    if (!g || g->n_entries >= UINT32_MAX)
        return NULL;
    bl_search_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    ix->g = g;
    ix->entry_len = calloc(g->n_entries ? g->n_entries : 1, sizeof *ix->entry_len);
    struct builder b;
    memset(&b, 0, sizeof b);
    b.ix = ix;
    b.pass = 1;
    if (!ix->entry_len || walk_guide(&b, g) || make_terms(&b, ix))
        goto fail;
    ix->fwd = b.fwd;
    ix->n_fwd = b.n_fwd;
    b.fwd = NULL;
    b.pass = 2;
    if (walk_guide(&b, g))
        goto fail;
    double total = 0;
    for (size_t e = 0; e < g->n_entries; e++)
        total += ix->entry_len[e];
    ix->avg_len = g->n_entries && total > 0 ? (float)(total / (double)g->n_entries) : 1.0f;
    builder_done(&b);
    return ix;
fail:
    free(b.fwd);
    builder_done(&b);
    bl_search_index_free(ix);
    return NULL;
}

void bl_search_index_free(bl_search_index *ix)
{
    if (!ix)
        return;
    free(ix->pool);
    free(ix->terms);
    free(ix->by_stem);
    free(ix->docs);
    free(ix->occs);
    free(ix->fwd);
    free(ix->entry_len);
    free(ix);
}

size_t bl_search_index_terms(const bl_search_index *ix)
{
    return ix ? ix->n_terms : 0;
}

const struct bl_sx_doc *bl_sx_find_doc(const bl_search_index *ix, uint32_t t, uint32_t e)
{
    const struct bl_sx_term *tm = &ix->terms[t];
    size_t lo = tm->doc_start, hi = (size_t)tm->doc_start + tm->n_docs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->docs[mid].entry < e)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < (size_t)tm->doc_start + tm->n_docs && ix->docs[lo].entry == e ? &ix->docs[lo]
                                                                              : NULL;
}
