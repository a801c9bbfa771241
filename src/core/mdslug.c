/* mdslug.c — GitHub's heading anchors (see mdslug.h). */
#include "borderless/mdslug.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* The slugs given so far, each with how many times it came again: an open
 * addressing table (FNV-1a), at most half full. */
struct slot {
    char *slug; /* NULL: empty */
    size_t count;
};

struct bl_mdslug {
    struct slot *slots;
    size_t cap, n;
};

bl_mdslug *bl_mdslug_new(void)
{
    bl_mdslug *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cap = 64;
    s->slots = calloc(s->cap, sizeof *s->slots);
    if (!s->slots) {
        free(s);
        return NULL;
    }
    return s;
}

void bl_mdslug_free(bl_mdslug *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->cap; i++)
        free(s->slots[i].slug);
    free(s->slots);
    free(s);
}

static uint64_t hash(const char *k)
{
    uint64_t h = 1469598103934665603u;
    for (const unsigned char *p = (const unsigned char *)k; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h;
}

/* The slot holding k, or the empty one where it would go. */
static struct slot *find(const bl_mdslug *s, const char *k)
{
    size_t i = (size_t)hash(k) & (s->cap - 1);
    while (s->slots[i].slug && strcmp(s->slots[i].slug, k) != 0)
        i = (i + 1) & (s->cap - 1);
    return &s->slots[i];
}

static int grow(bl_mdslug *s)
{
    struct slot *old = s->slots;
    size_t ocap = s->cap;
    struct slot *slots = calloc(ocap * 2, sizeof *slots);
    if (!slots)
        return -1;
    s->slots = slots;
    s->cap = ocap * 2;
    for (size_t i = 0; i < ocap; i++)
        if (old[i].slug)
            *find(s, old[i].slug) = old[i];
    free(old);
    return 0;
}

/* Adds k (taken over) with count 0; -1 when memory runs out (k freed). */
static int add(bl_mdslug *s, char *k)
{
    if ((s->n + 1) * 2 > s->cap && grow(s) < 0) {
        free(k);
        return -1;
    }
    *find(s, k) = (struct slot){.slug = k, .count = 0};
    s->n++;
    return 0;
}

/* 1 when the slugger keeps code point cp (after lower-casing). */
static int kept(utf8proc_int32_t cp)
{
    if (cp == '-')
        return 1;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_PC:
        return 1;
    default:
        return 0; /* punctuation, symbols, other numbers, separators, controls */
    }
}

static int is_letter(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

char *bl_mdslug_of(const char *text, size_t len)
{
    /* Lower-casing can grow a code point to two (U+0130); each encodes in
     * at most 4 bytes. */
    char *out = malloc(len * 2 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    utf8proc_int32_t prev = -1;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            i++; /* not UTF-8: dropped */
            continue;
        }
        i += (size_t)n;
        utf8proc_int32_t next = -1;
        if (i < len && utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &next) <= 0)
            next = -1;
        utf8proc_int32_t low[2] = {utf8proc_tolower(cp), -1};
        /* The two special cases of JavaScript's toLowerCase(), which the
         * slugger uses: a capital I with a dot keeps the dot, and a final
         * capital sigma becomes a final small sigma. */
        if (cp == 0x130) {
            low[0] = 'i';
            low[1] = 0x307;
        } else if (cp == 0x3a3 && prev >= 0 && is_letter(prev) && (next < 0 || !is_letter(next))) {
            low[0] = 0x3c2;
        }
        prev = cp;
        for (int k = 0; k < 2 && low[k] >= 0; k++) {
            if (low[k] == ' ')
                out[o++] = '-';
            else if (kept(low[k]))
                o += (size_t)utf8proc_encode_char(low[k], (utf8proc_uint8_t *)out + o);
        }
    }
    out[o] = '\0';
    return out;
}

char *bl_mdslug_next(bl_mdslug *s, const char *text, size_t len)
{
    char *base = bl_mdslug_of(text, len);
    if (!base)
        return NULL;
    /* github-slugger: while the slug is taken, count the base up and try
     * "base-count"; the one given is then taken too (with count 0). */
    char *result = strdup(base);
    size_t blen = strlen(base);
    struct slot *at;
    while (result && (at = find(s, result))->slug) {
        struct slot *b = find(s, base);
        size_t c = ++b->count;
        free(result);
        result = malloc(blen + 24);
        if (result) {
            memcpy(result, base, blen);
            char num[24];
            size_t d = 0;
            do
                num[d++] = (char)('0' + c % 10);
            while ((c /= 10) > 0);
            result[blen] = '-';
            for (size_t k = 0; k < d; k++)
                result[blen + 1 + k] = num[d - 1 - k];
            result[blen + 1 + d] = '\0';
        }
    }
    free(base);
    if (!result)
        return NULL;
    char *key = strdup(result);
    if (!key || add(s, key) < 0) {
        free(result);
        return NULL;
    }
    return result;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

int bl_mdslug_heading(const char *line, size_t len, char **text, size_t *text_len)
{
    size_t i = 0;
    while (i < len && i < 3 && line[i] == ' ')
        i++;
    size_t h = 0;
    while (i + h < len && line[i + h] == '#')
        h++;
    if (h < 1 || h > 6 || (i + h < len && !is_blank(line[i + h])))
        return 1;
    size_t a = i + h, e = len;
    while (a < e && is_blank(line[a]))
        a++;
    while (e > a && is_blank(line[e - 1]))
        e--;
    /* The closing sequence: #s that are all the text, or follow a blank. */
    size_t c = e;
    while (c > a && line[c - 1] == '#')
        c--;
    if (c < e && (c == a || is_blank(line[c - 1]))) {
        e = c;
        while (e > a && is_blank(line[e - 1]))
            e--;
    }
    char *t = malloc(e - a + 1);
    if (!t)
        return -1;
    size_t o = 0;
    for (size_t k = a; k < e; k++) {
        unsigned char n = k + 1 < e ? (unsigned char)line[k + 1] : 0;
        /* A backslash before ASCII punctuation is an escape. */
        if (line[k] == '\\' && n > 0x20 && n < 0x7f &&
            !((n >= '0' && n <= '9') || (n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z')))
            k++;
        t[o++] = line[k];
    }
    t[o] = '\0';
    *text = t;
    *text_len = o;
    return 0;
}
