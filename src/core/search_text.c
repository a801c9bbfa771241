/* search_text.c — folding text into tokens. */
#include "search_int.h"

#include <libstemmer.h>
#include <string.h>
#include <utf8proc.h>

static int is_word_category(utf8proc_category_t c)
{
    switch (c) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

static int is_mark_category(utf8proc_category_t c)
{
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

/* Appends code point cp to the token unless it would overflow (a long token
 * is cut at a character boundary, the same way for content and query). */
static void token_put(struct bl_sx_token *t, int32_t cp)
{
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, buf);
    if (n <= 0 || t->len + (size_t)n > sizeof t->text)
        return;
    memcpy(t->text + t->len, buf, (size_t)n);
    t->len += (size_t)n;
    t->ncp++;
    if (cp >= 0x80)
        t->ascii = 0;
}

/* The search folding of one code point (compatibility decomposition, case
 * fold, marks stripped) into out; the count, or < 0 / > 32 when unusable. */
static utf8proc_ssize_t fold_char(int32_t cp, utf8proc_int32_t out[32])
{
    int boundclass = 0;
    return utf8proc_decompose_char(cp, out, 32,
                                   (utf8proc_option_t)(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                                       UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK),
                                   &boundclass);
}

/* Folds one code point of a word into t: compatibility decomposition, case
 * folding, combining marks stripped; only letters and digits are kept. */
static void token_fold(struct bl_sx_token *t, int32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z')
            cp += 'a' - 'A';
        token_put(t, cp);
        return;
    }
    utf8proc_int32_t out[32];
    utf8proc_ssize_t n = fold_char(cp, out);
    if (n < 0 || n > 32)
        return;
    for (utf8proc_ssize_t i = 0; i < n; i++)
        if (is_word_category(utf8proc_category(out[i])))
            token_put(t, out[i]);
}

/* The code point at s[i] (i < len) into *cp and its bytes into *n; 1 if it
 * belongs in a word (a letter or digit; a combining mark inside a word). */
static int classify(const char *s, size_t len, size_t i, int in_word, int32_t *cp, size_t *n)
{
    unsigned char c = (unsigned char)s[i];
    *n = 1;
    if (c < 0x80) {
        *cp = c;
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    *cp = -1;
    utf8proc_int32_t u = -1;
    utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i < 4 ? len - i : 4), &u);
    if (r <= 0 || u < 0)
        return 0;
    *cp = u;
    *n = (size_t)r;
    utf8proc_category_t cat = utf8proc_category(u);
    return is_word_category(cat) || (in_word && is_mark_category(cat));
}

static int is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

static int is_hyphen(int32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* A word character at s[i]?  (No mark: it follows a separator.) */
static int word_at(const char *s, size_t len, size_t i, int32_t *cp, size_t *n)
{
    return i < len && classify(s, len, i, 0, cp, n);
}

/* 1 if cp (not ASCII) folds to at least one letter or digit. */
static int folds_to_word(int32_t cp)
{
    utf8proc_int32_t out[32];
    utf8proc_ssize_t n = fold_char(cp, out);
    if (n < 0 || n > 32)
        return 0;
    for (utf8proc_ssize_t i = 0; i < n; i++)
        if (is_word_category(utf8proc_category(out[i])))
            return 1;
    return 0;
}

/* The tokenizer; without `fold` it only finds where the tokens are (their
 * text stays empty but for a mark that the token is not empty). */
static int tokenize(const char *s, size_t len, bl_sx_token_fn fn, void *ctx, int fold)
{
    struct bl_sx_token t;
    int in_word = 0, join = 0;
    size_t i = 0;
    memset(&t, 0, sizeof t);
    while (i <= len) {
        int32_t cp = -1;
        size_t n = 1;
        int word = i < len && classify(s, len, i, in_word, &cp, &n);
        if (word) {
            if (!in_word) {
                memset(&t, 0, sizeof t);
                t.ascii = 1;
                t.start = i;
                t.joined = join;
                in_word = 1;
            }
            if (fold)
                token_fold(&t, cp);
            else if (t.len == 0 && (cp < 0x80 || folds_to_word(cp)))
                t.len = 1;
            t.end = i + n;
            i += n;
            continue;
        }
        if (in_word && i < len) {
            int32_t c2, c3;
            size_t n2, n3;
            if (is_apostrophe(cp) && word_at(s, len, i + n, &c2, &n2)) {
                if ((c2 == 's' || c2 == 'S') && !word_at(s, len, i + n + n2, &c3, &n3)) {
                    n += n2; /* a possessive: "INTERPOL's" is "interpol" */
                } else {
                    i += n; /* "don't" is one word */
                    continue;
                }
            } else if (is_hyphen(cp) && word_at(s, len, i + n, &c2, &n2)) {
                in_word = 0;
                join = t.len > 0;
                if (t.len > 0) {
                    int rc = fn(ctx, &t);
                    if (rc)
                        return rc;
                }
                i += n;
                continue;
            }
        }
        if (in_word) {
            in_word = 0;
            if (t.len > 0) {
                int rc = fn(ctx, &t);
                if (rc)
                    return rc;
            }
        }
        join = 0;
        i += n;
    }
    return 0;
}

struct bounds_ctx {
    bl_sx_bounds_fn fn;
    void *ctx;
};

static int on_bounds(void *ctx, const struct bl_sx_token *t)
{
    struct bounds_ctx *b = ctx;
    return b->fn(b->ctx, t->start, t->end);
}

int bl_sx_tokenize(const char *s, size_t len, bl_sx_token_fn fn, void *ctx)
{
    return tokenize(s, len, fn, ctx, 1);
}

int bl_sx_token_bounds(const char *s, size_t len, bl_sx_bounds_fn fn, void *ctx)
{
    struct bounds_ctx b = {.fn = fn, .ctx = ctx};
    return tokenize(s, len, on_bounds, &b, 0);
}

/* ---- spelling keys -------------------------------------------------- */

/* A spelling rule: a word made of at least `min_pre` bytes, then `from`,
 * then one of `ends` is keyed as the same bytes with `to` for `from`.
 * Both spellings get the key, so a rule only has to avoid joining two
 * different words (hence the least prefix: "four" is not "for"). */
struct spelling_rule {
    const char *from, *to;
    size_t min_pre;
    const char *const *ends;
};

static const char *const ends_ize[] = {"e",     "es",     "ed",      "ing",  "er", "ers",
                                       "ation", "ations", "ational", "able", NULL};
static const char *const ends_yze[] = {"e", "es", "ed", "ing", "er", "ers", NULL};
static const char *const ends_our[] = {"",     "s",   "ed",   "ing", "al",  "ally", "able",
                                       "ably", "ite", "ites", "er",  "ers", "ful",  "less",
                                       "ism",  "ist", "ists", "y",   NULL};
static const char *const ends_re[] = {"", "s", NULL};
static const char *const ends_red[] = {"d", NULL};
static const char *const ends_ence[] = {"", "s", "less", NULL};
static const char *const ends_ll[] = {"ed", "ing", "er", "ers", "or", "ors", NULL};

static const struct spelling_rule spelling_rules[] = {
    {.from = "iz", .to = "is", .min_pre = 3, .ends = ends_ize}, /* organize */
    {.from = "yz", .to = "ys", .min_pre = 2, .ends = ends_yze}, /* analyze */
    {.from = "our", .to = "or", .min_pre = 3, .ends = ends_our}, /* behaviour */
    {.from = "tre", .to = "ter", .min_pre = 2, .ends = ends_re}, /* centre */
    {.from = "bre", .to = "ber", .min_pre = 2, .ends = ends_re}, /* fibre */
    {.from = "vre", .to = "ver", .min_pre = 2, .ends = ends_re}, /* manoeuvre */
    {.from = "tre", .to = "tere", .min_pre = 2, .ends = ends_red}, /* centred */
    {.from = "ence", .to = "ense", .min_pre = 3, .ends = ends_ence}, /* defence */
    {.from = "ogue", .to = "og", .min_pre = 3, .ends = ends_re}, /* catalogue */
    {.from = "ll", .to = "l", .min_pre = 3, .ends = ends_ll}, /* travelled */
};

/* Whole words whose spellings no rule joins. */
static const char *const spelling_words[][2] = {
    {"ageing", "aging"},           {"enrol", "enroll"},         {"enrolment", "enrollment"},
    {"enrolments", "enrollments"}, {"enrols", "enrolls"},       {"fulfil", "fulfill"},
    {"fulfilment", "fulfillment"}, {"fulfils", "fulfills"},     {"grey", "gray"},
    {"judgement", "judgment"},     {"judgements", "judgments"}, {"programme", "program"},
    {"programmes", "programs"},    {"skilful", "skillful"},
};

size_t bl_sx_spelling_key(const char *s, size_t n, char *out)
{
    for (size_t i = 0; i < sizeof spelling_words / sizeof spelling_words[0]; i++) {
        const char *w = spelling_words[i][0];
        if (strlen(w) == n && memcmp(w, s, n) == 0) {
            size_t k = strlen(spelling_words[i][1]);
            memcpy(out, spelling_words[i][1], k);
            return k;
        }
    }
    for (size_t r = 0; r < sizeof spelling_rules / sizeof spelling_rules[0]; r++) {
        const struct spelling_rule *ru = &spelling_rules[r];
        size_t fl = strlen(ru->from), tl = strlen(ru->to);
        for (const char *const *e = ru->ends; *e; e++) {
            size_t el = strlen(*e);
            if (n < ru->min_pre + fl + el)
                continue;
            size_t pre = n - fl - el;
            if (memcmp(s + pre, ru->from, fl) != 0 || memcmp(s + pre + fl, *e, el) != 0)
                continue;
            if (pre + tl + el > BL_SX_TOKEN_MAX + 2)
                continue;
            memcpy(out, s, pre);
            memcpy(out + pre, ru->to, tl);
            memcpy(out + pre + tl, *e, el);
            return pre + tl + el;
        }
    }
    memcpy(out, s, n);
    return n;
}

size_t bl_sx_word_key(struct sb_stemmer *st, const char *s, size_t n, char *out)
{
    char key[BL_SX_TOKEN_MAX + 2];
    size_t kl = bl_sx_spelling_key(s, n, key);
    const sb_symbol *r = st ? sb_stemmer_stem(st, (const sb_symbol *)key, (int)kl) : NULL;
    size_t sl = r ? (size_t)sb_stemmer_length(st) : 0;
    if (!r || sl > kl) { /* out of memory in the stemmer: the key itself */
        memcpy(out, key, kl);
        return kl;
    }
    memcpy(out, r, sl);
    return sl;
}

static int ends_with(const char *s, size_t n, const char *end)
{
    size_t el = strlen(end);
    return n >= el && memcmp(s + n - el, end, el) == 0;
}

size_t bl_sx_min_stem_len(const char *key, size_t n)
{
    if (n > 4 && ends_with(key, n, "ies"))
        return n - 2;
    if (n > 5 && ends_with(key, n, "ing"))
        return n - 3;
    if (n > 4 && (ends_with(key, n, "ed") || ends_with(key, n, "es")))
        return n - 2;
    if (n > 3 && ends_with(key, n, "s") && !ends_with(key, n, "ss") && !ends_with(key, n, "us") &&
        !ends_with(key, n, "is"))
        return n - 1;
    return n;
}

size_t bl_sx_decode(const char *s, size_t len, uint32_t *cps, size_t n)
{
    size_t k = 0, i = 0;
    while (i < len && k < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            cps[k++] = c;
            i++;
            continue;
        }
        utf8proc_int32_t u = 0;
        utf8proc_ssize_t r =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &u);
        if (r <= 0) {
            cps[k++] = 0xFFFD;
            i++;
            continue;
        }
        cps[k++] = (uint32_t)u;
        i += (size_t)r;
    }
    return k;
}

uint64_t bl_sx_mask(const uint32_t *cps, size_t n)
{
    uint64_t m = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        unsigned bit = c >= 'a' && c <= 'z' ? c - 'a'
            : c >= '0' && c <= '9'          ? 26 + (c - '0')
                                            : 36 + c % 28;
        m |= (uint64_t)1 << bit;
    }
    return m;
}

/* a[i..n) is b[j..m) (whole) or a prefix of it (prefix). */
static int rest_equal(const uint32_t *a, size_t i, size_t n, const uint32_t *b, size_t j, size_t m,
                      int prefix)
{
    if (i > n)
        i = n;
    if (j > m)
        j = m;
    size_t ra = n - i, rb = m - j;
    if (prefix ? ra > rb : ra != rb)
        return 0;
    for (size_t k = 0; k < ra; k++)
        if (a[i + k] != b[j + k])
            return 0;
    return 1;
}

int bl_sx_within1(const uint32_t *a, size_t n, const uint32_t *b, size_t m, int prefix)
{
    size_t i = 0;
    while (i < n && i < m && a[i] == b[i])
        i++;
    if (i == n && (prefix || i == m))
        return 1;
    if (i == n || i == m) /* one ends: the other has exactly one more */
        return prefix ? i == m && n == m + 1 : (n > m ? n - m : m - n) == 1;
    if (rest_equal(a, i + 1, n, b, i + 1, m, prefix)) /* substitution */
        return 1;
    if (rest_equal(a, i + 1, n, b, i, m, prefix)) /* a has an extra char */
        return 1;
    if (rest_equal(a, i, n, b, i + 1, m, prefix)) /* b has an extra char */
        return 1;
    return i + 1 < n && i + 1 < m && a[i] == b[i + 1] && a[i + 1] == b[i] &&
        rest_equal(a, i + 2, n, b, i + 2, m, prefix);
}

int bl_sx_part_weight(int part)
{
    if (part == BL_PART_TITLE)
        return BL_SEARCH_TITLE_WEIGHT;
    const struct bl_field_info *fi = bl_field_info((enum bl_field)part);
    return fi ? fi->search_weight : 0;
}

int bl_sx_str_weight(const struct bl_sx_str *s)
{
    return s->item == BL_SX_HEADING ? BL_SX_HEADING_WEIGHT : bl_sx_part_weight(s->part);
}

const char *bl_sx_part_string(const bl_entry *e, int part, size_t item)
{
    if (part == BL_PART_TITLE)
        return e->title;
    if (item == BL_SX_HEADING)
        return bl_field_info((enum bl_field)part) ? bl_field_info((enum bl_field)part)->heading
                                                  : NULL;
    if (item >= BL_SX_LABEL && part == BL_FIELD_QUICK_FACTS)
        return item - BL_SX_LABEL < BL_FACT_COUNT
            ? bl_fact_info((enum bl_fact)(item - BL_SX_LABEL))->label
            : NULL;
    const bl_field_value *fv = bl_entry_get(e, (enum bl_field)part);
    if (!fv)
        return NULL;
    if (bl_field_info(fv->field)->kind == BL_KIND_TEXT)
        return item == 0 ? fv->text : NULL;
    return item < fv->n_items ? fv->items[item] : NULL;
}
