/* search_query.c — reading a query: its words, phrases, function words and
 * synonyms, and what each word matches in the dictionary.  Used by ranking
 * (search.c) and by the details of a hit (search_detail.c); it uses
 * neither. */
#include "search_int.h"

#include "borderless/vec.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

/* Match qualities: how much a match counts against an equal word. */
#define Q_EXACT 1.0f
#define Q_PLURAL 0.95f /* a short word with an "s" */
#define Q_STEM 0.8f
#define Q_STEM_ER 0.7f
#define Q_PREFIX 0.6f
#define Q_FUZZY 0.35f
#define Q_FUZZY_PREFIX 0.25f
#define Q_SYNONYM 0.7f /* a synonym counts this much of the word typed */

#define FUZZY_MIN_CPS 5
#define SHORT_CPS 3 /* words this short match whole words only */
#define PREFIX_MIN_CPS 4

/* ---- function words -------------------------------------------------- */

/* Words a question is made of that say nothing about what is sought
 * ("how do I become an analyst" looks for "analyst").  They need not match
 * unless the query has nothing else; inside quotes every word counts.
 * Sorted (bytes), for a binary search.  Not here on purpose: "us" (the
 * United States), "work", "job". */
static const char *const function_words[] = {
    "a",      "about",  "after", "all",   "also",   "am",     "an",      "and",      "any",
    "are",    "as",     "at",    "be",    "became", "become", "becomes", "becoming", "been",
    "before", "being",  "but",   "by",    "can",    "could",  "did",     "do",       "does",
    "doing",  "done",   "for",   "from",  "get",    "gets",   "getting", "had",      "has",
    "have",   "having", "he",    "her",   "his",    "how",    "i",       "if",       "in",
    "into",   "is",     "it",    "its",   "like",   "me",     "might",   "must",     "my",
    "need",   "needs",  "of",    "on",    "or",     "our",    "she",     "should",   "so",
    "some",   "such",   "than",  "that",  "the",    "their",  "them",    "then",     "there",
    "these",  "they",   "this",  "those", "to",     "up",     "want",    "wants",    "was",
    "we",     "were",   "what",  "when",  "where",  "which",  "who",     "whom",     "why",
    "will",   "with",   "would", "you",   "your",
};

int bl_sx_function_word(const char *s, size_t n)
{
    size_t lo = 0, hi = sizeof function_words / sizeof function_words[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *w = function_words[mid];
        size_t wl = strlen(w);
        int c = memcmp(w, s, wl < n ? wl : n);
        if (c == 0)
            c = wl < n ? -1 : wl > n;
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* ---- the dictionary -------------------------------------------------- */

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

/* The term equal to s[0..n), or -1. */
static long find_term(const bl_search_index *ix, const char *s, size_t n)
{
    size_t lo = lower_term(ix, s, n);
    if (lo < ix->n_terms && cmp_str(ix->pool + ix->terms[lo].str, ix->terms[lo].len, s, n) == 0)
        return (long)lo;
    return -1;
}

/* What a stem match must respect: the least key length, and the word's
 * own spelling key (a term with the same key is a spelling variant, as
 * good as equal). */
struct stem_rule {
    size_t min_len;
    const char *key;
    size_t key_len;
};

/* Adds every term whose stem is s[0..n) and whose key is long enough. */
static int add_stem(const bl_search_index *ix, struct bl_search_query *q, const char *s, size_t n,
                    float quality, const struct stem_rule *rule)
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
        if (t->key_len < rule->min_len)
            continue;
        float qq = quality;
        if (t->key_len == rule->key_len) {
            char key[BL_SX_TOKEN_MAX + 2];
            size_t kl = bl_sx_spelling_key(ix->pool + t->str, t->len, key);
            if (kl == rule->key_len && memcmp(key, rule->key, kl) == 0)
                qq = Q_EXACT;
        }
        if (add_exp(q, ix->by_stem[lo], qq))
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

/* Fills w's expansions.  A word of three letters or fewer matches itself
 * (and its plural) only; a longer one also its prefix (when allowed),
 * its stem (never a word shorter than its own key without inflection), and
 * failing all that, words within one edit. */
static int expand_word(const bl_search_index *ix, struct bl_search_query *q, struct bl_sx_word *w)
{
    const char *s = w->tok.text;
    size_t n = w->tok.len;
    w->exp_start = q->n_exps;
    long eq = find_term(ix, s, n);
    if (eq >= 0 && add_exp(q, (uint32_t)eq, Q_EXACT))
        return -1;
    if (w->tok.ncp <= SHORT_CPS) {
        /* a three-letter word takes -s, -d, -ed, -es: "age" is "ages" and
         * "aged", never "agent" */
        static const char *const ends[] = {"s", "d", "ed", "es"};
        for (size_t k = 0; w->tok.ncp == SHORT_CPS && k < sizeof ends / sizeof ends[0]; k++) {
            char pl[BL_SX_TOKEN_MAX + 3];
            size_t el = strlen(ends[k]);
            memcpy(pl, s, n);
            memcpy(pl + n, ends[k], el);
            long t = find_term(ix, pl, n + el);
            if (t >= 0 && add_exp(q, (uint32_t)t, Q_PLURAL))
                return -1;
        }
    } else {
        if (w->prefix && w->tok.ncp >= PREFIX_MIN_CPS) {
            for (size_t i = lower_term(ix, s, n); i < ix->n_terms; i++) {
                const struct bl_sx_term *t = &ix->terms[i];
                if (t->len < n || memcmp(ix->pool + t->str, s, n) != 0)
                    break;
                if (t->len > n && add_exp(q, (uint32_t)i, Q_PREFIX))
                    return -1;
            }
        }
        char key[BL_SX_TOKEN_MAX + 2], stem[BL_SX_TOKEN_MAX + 4];
        size_t kl = bl_sx_spelling_key(s, n, key);
        struct stem_rule rule = {.min_len = bl_sx_min_stem_len(key, kl), .key = key, .key_len = kl};
        size_t sl = bl_sx_word_key(ix->stemmer, s, n, stem);
        /* Snowball keeps the agent noun: smuggler -> smuggler, but
         * smuggling -> smuggl.  Join them through "-er" both ways. */
        if (add_stem(ix, q, stem, sl, Q_STEM, &rule))
            return -1;
        memcpy(stem + sl, "er", 2);
        if (add_stem(ix, q, stem, sl + 2, Q_STEM_ER, &rule))
            return -1;
        if (sl >= 6 && memcmp(stem + sl - 2, "er", 2) == 0 &&
            add_stem(ix, q, stem, sl - 2, Q_STEM_ER, &rule))
            return -1;
        if (q->n_exps == w->exp_start && w->tok.ncp >= FUZZY_MIN_CPS) {
            if (add_fuzzy(ix, q, w, w->prefix))
                return -1;
            w->fuzzy = q->n_exps > w->exp_start;
            q->any_fuzzy |= w->fuzzy;
        }
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

int bl_sx_word_has(const struct bl_search_query *q, const struct bl_sx_word *w, uint32_t t,
                   float *quality)
{
    const struct bl_sx_exp *e = q->exps + w->exp_start;
    size_t lo = 0, hi = w->n_exp;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (e[mid].term < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < w->n_exp && e[lo].term == t) {
        *quality = e[lo].q;
        return 1;
    }
    return 0;
}

float bl_sx_phrase_at(const bl_search_index *ix, const struct bl_search_query *q,
                      const struct bl_sx_alt *a, uint32_t pos)
{
    if (pos < a->anchor || (size_t)pos - a->anchor + a->n > ix->n_fwd)
        return 0;
    size_t base = (size_t)pos - a->anchor;
    float best = 1.0f;
    for (size_t j = 0; j < a->n; j++) {
        uint32_t t = ix->fwd[base + j];
        float quality;
        if (t == BL_SX_GAP || !bl_sx_word_has(q, &q->words[a->first + j], t, &quality))
            return 0;
        if (quality < best)
            best = quality;
    }
    return best;
}

int bl_sx_query_bits(const bl_search_index *ix, struct bl_search_query *q)
{
    if (q->terms)
        return 0;
    size_t n = ix->n_terms / 64 + 1;
    q->terms = calloc(n, sizeof *q->terms);
    q->anchors = calloc(n, sizeof *q->anchors);
    if (!q->terms || !q->anchors) {
        free(q->terms);
        free(q->anchors);
        q->terms = q->anchors = NULL;
        return -1;
    }
    for (size_t a = 0; a < q->n_alts; a++) {
        const struct bl_sx_alt *al = &q->alts[a];
        for (size_t j = 0; j < al->n; j++) {
            const struct bl_sx_word *w = &q->words[al->first + j];
            for (size_t x = 0; x < w->n_exp; x++) {
                uint32_t t = q->exps[w->exp_start + x].term;
                q->terms[t / 64] |= (uint64_t)1 << (t % 64);
                if (j == al->anchor)
                    q->anchors[t / 64] |= (uint64_t)1 << (t % 64);
            }
        }
    }
    return 0;
}

/* ---- parsing ----------------------------------------------------------- */

/* A piece of the query: a quoted phrase, or a run of non-blank bytes (one
 * word, a hyphenated compound joined into one, or a phrase when it folds
 * to several words, "u.s."). */
struct unit {
    size_t first, n; /* words in q->words */
    int quoted;
    int function; /* a single function word */
    long syn_set; /* a multi-word synonym ("get in") starting here: its set */
    size_t syn_len; /* units it covers */
    int skip; /* covered by the synonym of an earlier unit */
};

struct parse {
    struct bl_search_query *q;
    size_t offset; /* of the piece being tokenized, in the query */
    int join; /* join hyphenated parts (outside quotes) */
    size_t max;
};

static int on_query_token(void *ctx, const struct bl_sx_token *t)
{
    struct parse *p = ctx;
    struct bl_search_query *q = p->q;
    if (p->join && t->joined && q->n_words > 0) {
        struct bl_sx_word *w = &q->words[q->n_words - 1];
        if (w->tok.len + t->len <= sizeof w->tok.text) {
            memcpy(w->tok.text + w->tok.len, t->text, t->len);
            w->tok.len += t->len;
            w->tok.ncp += t->ncp;
            w->tok.ascii &= t->ascii;
        }
        w->tok.end = p->offset + t->end;
        return 0;
    }
    if (q->n_words >= p->max)
        return 1;
    struct bl_sx_word *w = &q->words[q->n_words++];
    memset(w, 0, sizeof *w);
    w->tok = *t;
    w->tok.start += p->offset;
    w->tok.end += p->offset;
    w->user = 1;
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

/* Splits the query into units. */
static size_t split_units(struct bl_search_query *q, const char *s, size_t len, struct unit *u)
{
    struct parse p = {.q = q, .max = BL_SEARCH_MAX_TERMS};
    size_t n = 0, i = 0;
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
        p.offset = start;
        p.join = !ql;
        bl_sx_tokenize(s + start, end - start, on_query_token, &p);
        if (q->n_words > first)
            u[n++] = (struct unit){
                .first = first, .n = q->n_words - first, .quoted = ql != 0, .syn_set = -1};
    }
    return n;
}

/* 1 if query word w is synonym word k of y (same text, or same stem). */
static int syn_word_is(const bl_search_index *ix, struct bl_sx_word *w, const struct bl_sx_syn *y,
                       size_t k)
{
    if (w->tok.len == y->lens[k] && memcmp(w->tok.text, y->words[k], y->lens[k]) == 0)
        return 1;
    if (w->tok.ncp <= SHORT_CPS)
        return 0;
    if (w->key_len == 0)
        w->key_len = bl_sx_word_key(ix->stemmer, w->tok.text, w->tok.len, w->key);
    return w->key_len == y->key_lens[k] && memcmp(w->key, y->keys[k], w->key_len) == 0;
}

/* The longest multi-word synonym starting at unit i (single unquoted words
 * only): sets u[i].syn_set and syn_len. */
static void find_syn_phrase(const bl_search_index *ix, struct bl_search_query *q, struct unit *u,
                            size_t n_units, size_t i)
{
    for (size_t s = 0; s < ix->n_syns; s++) {
        const struct bl_sx_syn *y = &ix->syns[s];
        if (y->n_words < 2 || i + y->n_words > n_units || y->n_words <= u[i].syn_len)
            continue;
        size_t k = 0;
        for (; k < y->n_words; k++) {
            const struct unit *v = &u[i + k];
            if (v->quoted || v->n != 1 || !syn_word_is(ix, &q->words[v->first], y, k))
                break;
        }
        if (k == y->n_words) {
            u[i].syn_set = (long)y->set;
            u[i].syn_len = y->n_words;
        }
    }
}

/* The set of single word w, or -1. */
static long syn_set_of(const bl_search_index *ix, struct bl_sx_word *w)
{
    for (size_t s = 0; s < ix->n_syns; s++)
        if (ix->syns[s].n_words == 1 && syn_word_is(ix, w, &ix->syns[s], 0))
            return (long)ix->syns[s].set;
    return -1;
}

static int add_alt(struct bl_search_query *q, size_t first, size_t n, float quality)
{
    if (q->n_alts >= BL_SX_MAX_ALTS)
        return -1;
    q->alts[q->n_alts++] = (struct bl_sx_alt){.first = first, .n = n, .q = quality};
    return 0;
}

/* Adds every member of synonym set `set` but the one typed (words
 * [first, first+n)) as alternatives of the current group. */
static void add_syn_alts(const bl_search_index *ix, struct bl_search_query *q, long set,
                         size_t first, size_t n)
{
    for (size_t s = 0; s < ix->n_syns; s++) {
        const struct bl_sx_syn *y = &ix->syns[s];
        if ((long)y->set != set)
            continue;
        int same = y->n_words == n;
        for (size_t k = 0; same && k < n; k++)
            same = syn_word_is(ix, &q->words[first + k], y, k);
        if (same || q->n_words + y->n_words > BL_SX_MAX_WORDS || q->n_alts >= BL_SX_MAX_ALTS)
            continue;
        size_t at = q->n_words;
        for (size_t k = 0; k < y->n_words; k++) {
            struct bl_sx_word *w = &q->words[q->n_words++];
            memset(w, 0, sizeof *w);
            memcpy(w->tok.text, y->words[k], y->lens[k]);
            w->tok.len = y->lens[k];
            w->tok.ascii = 1;
            for (size_t b = 0; b < w->tok.len; b++) {
                unsigned char c = (unsigned char)w->tok.text[b];
                w->tok.ascii &= c < 0x80;
                w->tok.ncp += (c & 0xC0) != 0x80;
            }
        }
        add_alt(q, at, y->n_words, Q_SYNONYM);
    }
}

static size_t word_cost(const bl_search_index *ix, const struct bl_search_query *q,
                        const struct bl_sx_word *w)
{
    size_t c = 0;
    for (size_t i = 0; i < w->n_exp; i++)
        c += ix->terms[q->exps[w->exp_start + i].term].n_docs;
    return c;
}

int bl_sx_query_parse(const bl_search_index *ix, struct bl_search_query *q, const char *query,
                      size_t len)
{
    struct unit u[BL_SEARCH_MAX_TERMS];
    q->text = query;
    q->text_len = len;
    size_t n_units = split_units(q, query, len, u);
    int trailing_blank = len > 0 && is_blank(query[len - 1]);
    /* multi-word synonyms first ("get in" is not two function words) */
    for (size_t i = 0; i < n_units; i++) {
        u[i].syn_len = 0;
        if (!u[i].skip)
            find_syn_phrase(ix, q, u, n_units, i);
        for (size_t k = 1; k < u[i].syn_len; k++)
            u[i + k].skip = 1;
    }
    size_t content = 0;
    for (size_t i = 0; i < n_units; i++) {
        if (u[i].skip)
            continue;
        const struct bl_sx_word *w = &q->words[u[i].first];
        u[i].function = !u[i].quoted && u[i].n == 1 && u[i].syn_set < 0 &&
            bl_sx_function_word(w->tok.text, w->tok.len);
        content += !u[i].function;
    }
    for (size_t i = 0; i < n_units && q->n_groups < BL_SEARCH_MAX_TERMS; i++) {
        if (u[i].skip || (u[i].function && content > 0))
            continue;
        if (q->n_alts >= BL_SX_MAX_ALTS)
            break;
        struct bl_sx_group *g = &q->groups[q->n_groups++];
        g->first_alt = q->n_alts;
        size_t first = u[i].first, n = u[i].n;
        long set = u[i].syn_set;
        if (set >= 0)
            n = u[i + u[i].syn_len - 1].first + 1 - first; /* the words it covers */
        else if (!u[i].quoted && n == 1)
            set = syn_set_of(ix, &q->words[first]);
        /* What was typed: the last word of a quoted phrase may be a prefix,
         * and so may the query's last word while it is being typed (no
         * blank after it): "join interpol" is not "joint". */
        if (u[i].syn_set < 0 && (u[i].quoted || (i + 1 == n_units && !trailing_blank)))
            q->words[first + n - 1].prefix = 1;
        add_alt(q, first, n, 1.0f);
        if (set >= 0)
            add_syn_alts(ix, q, set, first, n);
        g->n_alts = q->n_alts - g->first_alt;
    }
    /* expand every word of every alternative, then pick each one's anchor:
     * its rarest word */
    for (size_t a = 0; a < q->n_alts; a++) {
        struct bl_sx_alt *al = &q->alts[a];
        size_t best = SIZE_MAX;
        for (size_t j = 0; j < al->n; j++) {
            struct bl_sx_word *w = &q->words[al->first + j];
            w->used = 1;
            if (expand_word(ix, q, w))
                return -1;
            size_t c = word_cost(ix, q, w);
            if (c < best) {
                best = c;
                al->anchor = j;
            }
        }
    }
    return 0;
}
