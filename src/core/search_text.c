/* search_text.c — folding text into tokens. */
#include "search_int.h"

#include "borderless/layout.h"

#include <string.h>
#include <utf8proc.h>

static int is_word_category(utf8proc_category_t c)
{
    switch (c) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
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
    return utf8proc_decompose_char(
        cp, out, 32,
        (utf8proc_option_t)(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                            UTF8PROC_STRIPMARK),
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

int bl_sx_tokenize(const char *s, size_t len, bl_sx_token_fn fn, void *ctx)
{
    struct bl_sx_token t;
    int in_word = 0;
    size_t i = 0;
    while (i <= len) {
        int32_t cp = -1;
        size_t n = 1;
        int word = 0;
        if (i < len) {
            unsigned char c = (unsigned char)s[i];
            if (c < 0x80) {
                cp = c;
                word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (c >= '0' && c <= '9');
            } else {
                utf8proc_int32_t u = -1;
                utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                      (utf8proc_ssize_t)(len - i < 4 ? len - i : 4),
                                                      &u);
                if (r > 0 && u >= 0) {
                    cp = u;
                    n = (size_t)r;
                    utf8proc_category_t cat = utf8proc_category(u);
                    word = is_word_category(cat) || (in_word && is_mark_category(cat));
                }
            }
        }
        if (word) {
            if (!in_word) {
                memset(&t, 0, sizeof t);
                t.ascii = 1;
                t.start = i;
                in_word = 1;
            }
            token_fold(&t, cp);
            t.end = i + n;
        } else if (in_word) {
            in_word = 0;
            if (t.len > 0) {
                int rc = fn(ctx, &t);
                if (rc)
                    return rc;
            }
        }
        i += n;
    }
    return 0;
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

int bl_sx_token_bounds(const char *s, size_t len, bl_sx_bounds_fn fn, void *ctx)
{
    int in_word = 0, filled = 0;
    size_t i = 0, start = 0, end = 0;
    while (i <= len) {
        size_t n = 1;
        int word = 0, fills = 0;
        if (i < len) {
            unsigned char c = (unsigned char)s[i];
            if (c < 0x80) {
                word = fills = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                               (c >= '0' && c <= '9');
            } else {
                utf8proc_int32_t u = -1;
                utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                      (utf8proc_ssize_t)(len - i < 4 ? len - i : 4),
                                                      &u);
                if (r > 0 && u >= 0) {
                    n = (size_t)r;
                    utf8proc_category_t cat = utf8proc_category(u);
                    word = is_word_category(cat) || (in_word && is_mark_category(cat));
                    fills = word && !filled && folds_to_word(u);
                }
            }
        }
        if (word) {
            if (!in_word) {
                start = i;
                in_word = 1;
                filled = 0;
            }
            filled |= fills;
            end = i + n;
        } else if (in_word) {
            in_word = 0;
            if (filled) {
                int rc = fn(ctx, start, end);
                if (rc)
                    return rc;
            }
        }
        i += n;
    }
    return 0;
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
        utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &u);
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
        unsigned bit = c >= 'a' && c <= 'z'   ? c - 'a'
                       : c >= '0' && c <= '9' ? 26 + (c - '0')
                                              : 36 + c % 28;
        m |= (uint64_t)1 << bit;
    }
    return m;
}

/* a[i..n) is b[j..m) (whole) or a prefix of it (prefix). */
static int rest_equal(const uint32_t *a, size_t i, size_t n, const uint32_t *b, size_t j,
                      size_t m, int prefix)
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

const char *bl_sx_part_string(const bl_entry *e, int part, size_t item)
{
    if (part == BL_PART_TITLE)
        return e->title;
    const bl_field_value *fv = bl_entry_get(e, (enum bl_field)part);
    if (!fv)
        return NULL;
    if (bl_field_info(fv->field)->kind == BL_KIND_TEXT)
        return item == 0 ? fv->text : NULL;
    return item < fv->n_items ? fv->items[item] : NULL;
}
