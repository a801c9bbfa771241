/* search_index.c — building the index (see search_int.h for its shape).
 *
 * One walk over the guide's strings folds every token, gives each distinct
 * word a provisional id through a hash table and records the id of every
 * position and the start of every string.  The ids are then renumbered in
 * sorted order, and two scans of the forward array (no second tokenizing)
 * first size and then fill the varint postings exactly.  The peak is the
 * index itself plus a few words of scratch per distinct word.
 */
#include "search_int.h"

#include "borderless/vec.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct builder {
    bl_search_index *ix;
    /* provisional words */
    char *pool;
    size_t pool_len, pool_cap;
    uint32_t *w_str;
    uint8_t *w_len, *w_ncp, *w_ascii, *w_heavy;
    size_t n_words, cap_words;
    uint32_t *table; /* open addressing: word id + 1, 0 empty */
    size_t table_cap;
    /* positions and strings */
    uint32_t *fwd;
    size_t n_fwd, cap_fwd;
    uint32_t *ckpt;
    size_t cap_ckpt;
    struct bl_sx_str *strs;
    size_t n_strs, cap_strs;
    struct bl_sx_extra *extras; /* compounds, term = provisional word id */
    size_t n_extras, cap_extras;
    /* walk state */
    int part;
    size_t item;
    int heavy; /* the part weighs as much as a title */
    struct bl_sx_token comp; /* the compound being read ("co-operation") */
    uint32_t comp_pos, comp_parts;
    int comp_cut; /* too long to join */
    int (*stop)(void *); /* asked between entries: give up (NULL: never) */
    void *stop_arg;
};

/* bl_vec_grow for the builder's arrays: *p gets the new block. */
static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    void *q = bl_vec_grow(*p, cap, need, size, 64);
    if (!q)
        return -1;
    *p = q;
    return 0;
}

/* Gives back the unused tail of an array (never fails). */
static void *shrink(void *p, size_t bytes)
{
    void *q = realloc(p, bytes ? bytes : 1);
    return q ? q : p;
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
    if (b->n_words >= UINT32_MAX - 1 || b->pool_len > UINT32_MAX / 2 - BL_SX_TOKEN_MAX)
        return -1;
    if (b->n_words == b->cap_words) {
        /* w_str decides the capacity; the byte arrays follow it */
        size_t cap = b->cap_words;
        uint32_t *s = bl_vec_grow(b->w_str, &cap, b->n_words + 1, sizeof *s, 1024);
        if (!s)
            return -1;
        b->w_str = s;
        uint8_t **bytes[] = {&b->w_len, &b->w_ncp, &b->w_ascii, &b->w_heavy};
        for (size_t i = 0; i < sizeof bytes / sizeof bytes[0]; i++) {
            uint8_t *p = realloc(*bytes[i], cap);
            if (!p)
                return -1;
            *bytes[i] = p;
        }
        b->cap_words = cap;
    }
    if (grow((void **)&b->pool, &b->pool_cap, b->pool_len + t->len, 1))
        return -1;
    size_t w = b->n_words++;
    memcpy(b->pool + b->pool_len, t->text, t->len);
    b->w_str[w] = (uint32_t)b->pool_len;
    b->w_len[w] = (uint8_t)t->len;
    b->w_ncp[w] = (uint8_t)t->ncp;
    b->w_ascii[w] = (uint8_t)t->ascii;
    b->w_heavy[w] = 0;
    b->pool_len += t->len;
    b->table[h] = (uint32_t)w + 1;
    return (long)w;
}

static int push_pos(struct builder *b, uint32_t v)
{
    if (b->n_fwd >= UINT32_MAX - 2 ||
        grow((void **)&b->fwd, &b->cap_fwd, b->n_fwd + 1, sizeof *b->fwd) ||
        grow((void **)&b->ckpt, &b->cap_ckpt, b->n_fwd / BL_SX_CKPT + 1, sizeof *b->ckpt))
        return -1;
    if (b->n_fwd % BL_SX_CKPT == 0)
        b->ckpt[b->n_fwd / BL_SX_CKPT] = 0;
    b->fwd[b->n_fwd++] = v;
    return 0;
}

/* Ends the compound being read: its joined form becomes an extra term. */
static int flush_compound(struct builder *b)
{
    int rc = 0;
    if (b->comp_parts >= 2 && !b->comp_cut) {
        long w = word_id(b, &b->comp);
        if (w < 0 || grow((void **)&b->extras, &b->cap_extras, b->n_extras + 1, sizeof *b->extras))
            rc = -1;
        else {
            b->w_heavy[w] |= (uint8_t)b->heavy;
            b->extras[b->n_extras++] = (struct bl_sx_extra){
                .pos = b->comp_pos, .term = (uint32_t)w, .parts = b->comp_parts};
        }
    }
    b->comp_parts = 0;
    return rc;
}

static int on_token(void *ctx, const struct bl_sx_token *t)
{
    struct builder *b = ctx;
    if (!t->joined || b->comp_parts == 0) {
        if (flush_compound(b))
            return -1;
        b->comp = *t;
        b->comp.joined = 0;
        b->comp_pos = (uint32_t)b->n_fwd;
        b->comp_cut = 0;
    } else if (b->comp.len + t->len <= sizeof b->comp.text) {
        memcpy(b->comp.text + b->comp.len, t->text, t->len);
        b->comp.len += t->len;
        b->comp.ncp += t->ncp;
        b->comp.ascii &= t->ascii;
    } else {
        b->comp_cut = 1;
    }
    b->comp_parts++;
    long w = word_id(b, t);
    if (w < 0 || t->start > UINT32_MAX || push_pos(b, (uint32_t)w))
        return -1;
    b->w_heavy[w] |= (uint8_t)b->heavy;
    if ((b->n_fwd - 1) % BL_SX_CKPT == 0)
        b->ckpt[(b->n_fwd - 1) / BL_SX_CKPT] = (uint32_t)t->start;
    return 0;
}

/* Walks one string: its start, its tokens, then a gap. */
static int walk_string(struct builder *b, const char *s)
{
    if (grow((void **)&b->strs, &b->cap_strs, b->n_strs + 2, sizeof *b->strs))
        return -1;
    b->strs[b->n_strs++] = (struct bl_sx_str){
        .pos = (uint32_t)b->n_fwd, .part = (int16_t)b->part, .item = (uint16_t)b->item};
    b->heavy = b->item < BL_SX_LABEL && bl_sx_part_weight(b->part) >= BL_SEARCH_TITLE_WEIGHT;
    b->comp_parts = 0;
    if (s && bl_sx_tokenize(s, strlen(s), on_token, b))
        return -1;
    if (flush_compound(b))
        return -1;
    return push_pos(b, BL_SX_GAP);
}

static int walk_guide(struct builder *b, const bl_guide *g)
{
    bl_search_index *ix = b->ix;
    if (push_pos(b, BL_SX_GAP))
        return -1;
    for (size_t e = 0; e < g->n_entries; e++) {
        if (b->stop && b->stop(b->stop_arg))
            return -1;
        const bl_entry *en = &g->entries[e];
        size_t before = b->n_fwd;
        ix->entry_str[e] = (uint32_t)b->n_strs;
        b->part = BL_PART_TITLE;
        b->item = 0;
        if (walk_string(b, en->title))
            return -1;
        size_t strings = 1;
        for (size_t f = 0; f < en->n_fields; f++) {
            const bl_field_value *fv = &en->fields[f];
            const struct bl_field_info *fi = bl_field_info(fv->field);
            if (!fi || fi->search_weight <= 0)
                continue;
            b->part = (int)fv->field;
            /* the heading ("Pay", "Languages") is searched too: "salary"
             * finds the roles with a Pay part */
            if (fi->heading && !fi->hidden) {
                b->item = BL_SX_HEADING;
                if (walk_string(b, fi->heading))
                    return -1;
                strings++;
            }
            if (fi->kind == BL_KIND_TEXT) {
                b->item = 0;
                if (walk_string(b, fv->text))
                    return -1;
                strings++;
            } else {
                for (size_t i = 0; i < fv->n_items && i < BL_SX_LABEL; i++) {
                    if (fv->styles && fv->styles[i] == BL_ITEM_SOURCE)
                        continue; /* a URL */
                    if (fv->field == BL_FIELD_QUICK_FACTS && i < BL_FACT_COUNT) {
                        b->item = BL_SX_LABEL + i; /* "Nationality", searched too */
                        if (walk_string(b, bl_fact_info((enum bl_fact)i)->label))
                            return -1;
                        strings++;
                    }
                    b->item = i;
                    if (walk_string(b, fv->items[i]))
                        return -1;
                    strings++;
                }
            }
        }
        /* tokens: positions minus one gap per string */
        ix->entry_len[e] = (float)(b->n_fwd - before - strings);
    }
    ix->entry_str[g->n_entries] = (uint32_t)b->n_strs;
    if (grow((void **)&b->strs, &b->cap_strs, b->n_strs + 1, sizeof *b->strs))
        return -1;
    /* the sentinel: one past the last string's gap */
    b->strs[b->n_strs] = (struct bl_sx_str){.pos = (uint32_t)b->n_fwd, .part = BL_PART_TITLE};
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
    free(b->w_heavy);
    free(b->extras);
    free(b->table);
    free(b->fwd);
    free(b->ckpt);
    free(b->strs);
}

/* Sorts the words, computes stems, masks and the length order, and renumbers
 * the forward array. */
static int make_terms(struct builder *b, bl_search_index *ix)
{
    size_t n = b->n_words, n1 = n ? n : 1;
    free(b->table); /* no more lookups */
    b->table = NULL;
    struct keyed *order = malloc(n1 * sizeof *order);
    uint32_t *rank = malloc(n1 * sizeof *rank);
    ix->terms = calloc(n1, sizeof *ix->terms);
    ix->by_stem = malloc(n1 * sizeof *ix->by_stem);
    ix->by_len = malloc(n1 * sizeof *ix->by_len);
    ix->mask = malloc(n1 * sizeof *ix->mask);
    /* the pool holds each word and its stem (at most two bytes longer) */
    ix->pool = malloc(b->pool_len * 2 + 2 * n + 1);
    struct sb_stemmer *st = ix->stemmer;
    if (!order || !rank || !ix->terms || !ix->by_stem || !ix->by_len || !ix->mask || !ix->pool) {
        free(order);
        free(rank);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        order[i] =
            (struct keyed){.s = b->pool + b->w_str[i], .len = b->w_len[i], .id = (uint32_t)i};
    qsort(order, n, sizeof *order, cmp_keyed);
    size_t pool = 0;
    size_t per_len[BL_SX_TOKEN_MAX + 2] = {0};
    for (size_t r = 0; r < n; r++) {
        uint32_t w = order[r].id;
        struct bl_sx_term *t = &ix->terms[r];
        rank[w] = (uint32_t)r;
        t->str = (uint32_t)pool;
        t->len = b->w_len[w];
        memcpy(ix->pool + pool, b->pool + b->w_str[w], t->len);
        pool += t->len;
        char key[BL_SX_TOKEN_MAX + 2];
        t->key_len = (uint8_t)bl_sx_spelling_key(ix->pool + t->str, t->len, key);
        t->stem = (uint32_t)pool;
        t->stem_len = (uint8_t)bl_sx_word_key(st, ix->pool + t->str, t->len, ix->pool + pool);
        pool += t->stem_len;
        t->heavy = b->w_heavy[w];
        t->ncp = b->w_ncp[w];
        t->ascii = b->w_ascii[w];
        uint32_t cps[BL_SX_TOKEN_MAX];
        size_t m = bl_sx_decode(ix->pool + t->str, t->len, cps, BL_SX_TOKEN_MAX);
        ix->mask[r] = bl_sx_mask(cps, m);
        per_len[t->ncp <= BL_SX_TOKEN_MAX ? t->ncp : BL_SX_TOKEN_MAX]++;
    }
    ix->pool = shrink(ix->pool, pool);
    /* by length: a counting sort keeps the text order within a length */
    size_t at = 0;
    for (size_t l = 0; l <= BL_SX_TOKEN_MAX; l++) {
        ix->len_start[l] = (uint32_t)at;
        at += per_len[l];
        per_len[l] = ix->len_start[l];
    }
    ix->len_start[BL_SX_TOKEN_MAX + 1] = (uint32_t)at;
    for (size_t r = 0; r < n; r++) {
        size_t l = ix->terms[r].ncp <= BL_SX_TOKEN_MAX ? ix->terms[r].ncp : BL_SX_TOKEN_MAX;
        ix->by_len[per_len[l]++] = (uint32_t)r;
    }
    for (size_t r = 0; r < n; r++)
        order[r] = (struct keyed){
            .s = ix->pool + ix->terms[r].stem, .len = ix->terms[r].stem_len, .id = (uint32_t)r};
    qsort(order, n, sizeof *order, cmp_keyed);
    for (size_t r = 0; r < n; r++)
        ix->by_stem[r] = order[r].id;
    free(order);
    ix->n_terms = n;
    for (size_t p = 0; p < b->n_fwd; p++)
        if (b->fwd[p] != BL_SX_GAP)
            b->fwd[p] = rank[b->fwd[p]];
    for (size_t x = 0; x < b->n_extras; x++)
        b->extras[x].term = rank[b->extras[x].term];
    free(rank);
    return 0;
}

/* ---- postings ------------------------------------------------------- */

struct post_state {
    uint32_t last_entry, last_pos, wtf, n_occ;
    size_t dcur, pcur;
};

/* Writes v at out + *cur (only counts when out is NULL). */
static void put_varint(unsigned char *out, size_t *cur, uint32_t v)
{
    do {
        unsigned char c = v & 0x7F;
        v >>= 7;
        if (out)
            out[*cur] = (unsigned char)(c | (v ? 0x80 : 0));
        (*cur)++;
    } while (v);
}

static void close_doc(bl_search_index *ix, struct post_state *s)
{
    put_varint(ix->dstream, &s->dcur, s->wtf);
    put_varint(ix->dstream, &s->dcur, s->n_occ);
}

/* One occurrence of term t in entry e at position p. */
static void post(bl_search_index *ix, struct post_state *st, uint32_t t, uint32_t e, uint32_t p,
                 uint32_t weight, int fill)
{
    struct post_state *s = &st[t];
    if (s->last_entry != e) {
        if (s->last_entry != UINT32_MAX)
            close_doc(ix, s);
        put_varint(ix->dstream, &s->dcur, s->last_entry == UINT32_MAX ? e : e - s->last_entry);
        s->last_entry = e;
        s->wtf = 0;
        s->n_occ = 0;
        if (!fill)
            ix->terms[t].n_docs++;
    }
    s->wtf += weight;
    s->n_occ++;
    put_varint(ix->pstream, &s->pcur, p - s->last_pos);
    s->last_pos = p;
}

/* One scan of the forward array (and the compounds): sizes the streams
 * (and counts docs) when ix->dstream is NULL, else fills them. */
static void scan_postings(bl_search_index *ix, struct post_state *st)
{
    int fill = ix->dstream != NULL;
    size_t x = 0;
    for (size_t e = 0; e < ix->g->n_entries; e++) {
        for (uint32_t si = ix->entry_str[e]; si < ix->entry_str[e + 1]; si++) {
            uint32_t weight = (uint32_t)bl_sx_str_weight(&ix->strs[si]);
            uint32_t end = ix->strs[si + 1].pos - 1; /* the gap */
            for (uint32_t p = ix->strs[si].pos; p < end; p++) {
                post(ix, st, ix->fwd[p], (uint32_t)e, p, weight, fill);
                for (; x < ix->n_extras && ix->extras[x].pos <= p; x++)
                    if (ix->extras[x].pos == p)
                        post(ix, st, ix->extras[x].term, (uint32_t)e, p, weight, fill);
            }
        }
    }
    for (size_t t = 0; t < ix->n_terms; t++)
        if (st[t].last_entry != UINT32_MAX)
            close_doc(ix, &st[t]);
}

static int make_postings(bl_search_index *ix)
{
    size_t n = ix->n_terms;
    struct post_state *st = calloc(n ? n : 1, sizeof *st);
    if (!st)
        return -1;
    for (size_t t = 0; t < n; t++)
        st[t].last_entry = UINT32_MAX;
    scan_postings(ix, st);
    size_t dlen = 0, plen = 0;
    for (size_t t = 0; t < n; t++) {
        ix->terms[t].doc_off = (uint32_t)dlen;
        ix->terms[t].pos_off = (uint32_t)plen;
        dlen += st[t].dcur;
        plen += st[t].pcur;
        if (dlen > UINT32_MAX || plen > UINT32_MAX) {
            free(st);
            return -1;
        }
        st[t] = (struct post_state){
            .last_entry = UINT32_MAX, .dcur = ix->terms[t].doc_off, .pcur = ix->terms[t].pos_off};
    }
    ix->dstream = malloc(dlen ? dlen : 1);
    ix->pstream = malloc(plen ? plen : 1);
    if (!ix->dstream || !ix->pstream) {
        free(st);
        return -1;
    }
    scan_postings(ix, st);
    free(st);
    return 0;
}

/* ---- synonyms ------------------------------------------------------ */

struct syn_walk {
    bl_search_index *ix;
    struct bl_sx_syn *syn;
};

static int on_syn_token(void *ctx, const struct bl_sx_token *t)
{
    struct syn_walk *w = ctx;
    struct bl_sx_syn *y = w->syn;
    if (y->n_words >= sizeof y->lens)
        return 1;
    memcpy(y->words[y->n_words], t->text, t->len);
    y->lens[y->n_words] = (uint8_t)t->len;
    char key[BL_SX_TOKEN_MAX + 2];
    size_t kl = bl_sx_word_key(w->ix->stemmer, t->text, t->len, key);
    if (kl > BL_SX_TOKEN_MAX)
        kl = BL_SX_TOKEN_MAX;
    memcpy(y->keys[y->n_words], key, kl);
    y->key_lens[y->n_words] = (uint8_t)kl;
    y->n_words++;
    return 0;
}

/* Folds every word and phrase of the guide's synonym sets. */
static int make_synonyms(bl_search_index *ix, const bl_guide *g)
{
    size_t n = 0;
    for (size_t i = 0; i < g->n_synonyms; i++)
        n += g->synonyms[i].n_words;
    if (n == 0)
        return 0;
    ix->syns = calloc(n, sizeof *ix->syns);
    if (!ix->syns)
        return -1;
    for (size_t i = 0; i < g->n_synonyms; i++) {
        for (size_t j = 0; j < g->synonyms[i].n_words; j++) {
            struct bl_sx_syn *y = &ix->syns[ix->n_syns];
            memset(y, 0, sizeof *y);
            y->set = (uint32_t)i;
            struct syn_walk w = {.ix = ix, .syn = y};
            const char *s = g->synonyms[i].words[j];
            bl_sx_tokenize(s, strlen(s), on_syn_token, &w);
            if (y->n_words > 0)
                ix->n_syns++;
        }
    }
    return 0;
}

const struct bl_sx_extra *bl_sx_extras_in(const bl_search_index *ix, uint32_t from, uint32_t to,
                                          size_t *n)
{
    size_t lo = 0, hi = ix->n_extras;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->extras[mid].pos < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t k = lo;
    while (k < ix->n_extras && ix->extras[k].pos < to)
        k++;
    *n = k - lo;
    return ix->extras + lo;
}

bl_search_index *bl_search_index_build(const bl_guide *g)
{
    return bl_search_index_build_until(g, NULL, NULL);
}

bl_search_index *bl_search_index_build_until(const bl_guide *g, int (*stop)(void *), void *arg)
{
    if (!g || g->n_entries >= UINT32_MAX)
        return NULL;
    bl_search_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    ix->g = g;
    ix->stemmer = sb_stemmer_new("english", NULL);
    ix->entry_len = calloc(g->n_entries ? g->n_entries : 1, sizeof *ix->entry_len);
    ix->entry_str = calloc(g->n_entries + 1, sizeof *ix->entry_str);
    struct builder b;
    memset(&b, 0, sizeof b);
    b.ix = ix;
    b.stop = stop;
    b.stop_arg = arg;
    if (!ix->stemmer || !ix->entry_len || !ix->entry_str || walk_guide(&b, g) ||
        make_terms(&b, ix) || make_synonyms(ix, g))
        goto fail;
    ix->extras = b.extras;
    ix->n_extras = b.n_extras;
    b.extras = NULL;
    ix->fwd = shrink(b.fwd, b.n_fwd * sizeof *b.fwd);
    ix->n_fwd = b.n_fwd;
    b.fwd = NULL;
    ix->ckpt = shrink(b.ckpt, (b.n_fwd / BL_SX_CKPT + 1) * sizeof *b.ckpt);
    b.ckpt = NULL;
    ix->strs = shrink(b.strs, (b.n_strs + 1) * sizeof *b.strs);
    ix->n_strs = b.n_strs;
    b.strs = NULL;
    builder_done(&b);
    memset(&b, 0, sizeof b);
    if (make_postings(ix))
        goto fail;
    double total = 0;
    for (size_t e = 0; e < g->n_entries; e++)
        total += ix->entry_len[e];
    ix->avg_len = g->n_entries && total > 0 ? (float)(total / (double)g->n_entries) : 1.0f;
    return ix;
fail:
    builder_done(&b);
    bl_search_index_free(ix);
    return NULL;
}

void bl_search_index_free(bl_search_index *ix)
{
    if (!ix)
        return;
    if (ix->block) {
        if (ix->block_map_len)
            munmap(ix->block, ix->block_map_len);
        else
            free(ix->block);
        sb_stemmer_delete(ix->stemmer);
        free(ix);
        return;
    }
    free(ix->pool);
    free(ix->terms);
    free(ix->by_stem);
    free(ix->by_len);
    free(ix->mask);
    free(ix->dstream);
    free(ix->pstream);
    free(ix->fwd);
    free(ix->ckpt);
    free(ix->strs);
    free(ix->entry_str);
    free(ix->entry_len);
    free(ix->extras);
    free(ix->syns);
    sb_stemmer_delete(ix->stemmer);
    free(ix);
}

size_t bl_search_index_terms(const bl_search_index *ix)
{
    return ix ? ix->n_terms : 0;
}

const struct bl_sx_str *bl_sx_str_of(const bl_search_index *ix, uint32_t e, uint32_t pos)
{
    size_t lo = ix->entry_str[e], hi = ix->entry_str[e + 1];
    /* the last string of e whose first position is <= pos */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->strs[mid].pos <= pos)
            lo = mid;
        else
            hi = mid;
    }
    return &ix->strs[lo];
}
