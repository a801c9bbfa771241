/* search_detail.c — the matches of a hit in its source strings, and its
 * snippet.  Done per hit on demand: a query may match thousands of entries
 * while a screen shows twenty. */
#include "search_int.h"

#include "borderless/arena.h"
#include "borderless/layout.h" /* display-safe glyphs for snippets */
#include "borderless/vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A match and the query groups it answers (a bit each). */
struct gmatch {
    bl_search_match m;
    uint32_t groups;
};

struct mvec {
    struct gmatch *v;
    size_t n, cap;
};

static int mvec_push(struct mvec *m, int part, size_t item, size_t start, size_t end,
                     uint32_t groups)
{
    struct gmatch *v = bl_vec_grow(m->v, &m->cap, m->n + 1, sizeof *v, 32);
    if (!v)
        return -1;
    m->v = v;
    m->v[m->n++] = (struct gmatch){.m = {.part = part, .item = item, .start = start, .end = end},
                                   .groups = groups};
    return 0;
}

static int cmp_match(const void *pa, const void *pb)
{
    const bl_search_match *a = &((const struct gmatch *)pa)->m;
    const bl_search_match *b = &((const struct gmatch *)pb)->m;
    if (a->part != b->part)
        return a->part < b->part ? -1 : 1;
    if (a->item != b->item)
        return a->item < b->item ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->end < b->end ? -1 : a->end > b->end;
}

/* Looking for the `want`-th token of a walk. */
struct seek {
    size_t want, seen;
    size_t start, end;
    int found;
};

static int on_seek(void *ctx, size_t start, size_t end)
{
    struct seek *sk = ctx;
    if (sk->seen++ < sk->want)
        return 0;
    sk->start = start;
    sk->end = end;
    sk->found = 1;
    return 1;
}

/* The bytes [*start, *end) in s[0..len) of the token at global position p
 * of the string whose first position is `first`; 0 if it is not there. */
static int token_at(const bl_search_index *ix, uint32_t first, uint32_t p, const char *s,
                    size_t len, size_t *start, size_t *end)
{
    uint32_t c = p - p % BL_SX_CKPT;
    size_t off = 0;
    uint32_t idx = first;
    if (c >= first && ix->ckpt[c / BL_SX_CKPT] <= len) {
        off = ix->ckpt[c / BL_SX_CKPT];
        idx = c;
    }
    struct seek sk = {.want = p - idx};
    bl_sx_token_bounds(s + off, len - off, on_seek, &sk);
    if (!sk.found)
        return 0;
    *start = off + sk.start;
    *end = off + sk.end;
    return 1;
}

/* A match found in the forward array: tokens [first, last] of a string. */
struct tok_match {
    uint32_t first, last;
    uint32_t groups;
};

static int tm_push(struct tok_match **tm, size_t *n, size_t *cap, uint32_t first, uint32_t last,
                   uint32_t groups)
{
    struct tok_match *v = bl_vec_grow(*tm, cap, *n + 1, sizeof *v, 16);
    if (!v)
        return -1;
    *tm = v;
    (*tm)[(*n)++] = (struct tok_match){.first = first, .last = last, .groups = groups};
    return 0;
}

/* Every match of q in entry e, in reading order, overlaps merged.  The
 * forward array says where the words are; only the strings that hold one
 * are tokenized again for their bytes. */
static int collect(const bl_search_index *ix, struct bl_search_query *q, uint32_t e, struct mvec *m)
{
    if (bl_sx_query_bits(ix, q))
        return -1;
    const bl_entry *en = &ix->g->entries[e];
    struct tok_match *tm = NULL;
    size_t n_tm = 0, cap_tm = 0;
    int rc = 0;
    for (uint32_t si = ix->entry_str[e]; si < ix->entry_str[e + 1] && rc == 0; si++) {
        const struct bl_sx_str *str = &ix->strs[si];
        uint32_t first = str->pos, end = ix->strs[si + 1].pos - 1;
        n_tm = 0;
        size_t n_x;
        const struct bl_sx_extra *xs = bl_sx_extras_in(ix, first, end, &n_x);
        /* the words, then the joined compounds ("cooperation" in "co-operation") */
        for (size_t k = 0; k < (size_t)(end - first) + n_x && rc == 0; k++) {
            uint32_t p =
                k < (size_t)(end - first) ? first + (uint32_t)k : xs[k - (end - first)].pos;
            uint32_t t = k < (size_t)(end - first) ? ix->fwd[p] : xs[k - (end - first)].term;
            uint32_t span = k < (size_t)(end - first) ? 1 : xs[k - (end - first)].parts;
            if (!(q->anchors[t / 64] >> (t % 64) & 1))
                continue;
            for (size_t g = 0; g < q->n_groups && rc == 0; g++) {
                const struct bl_sx_group *gr = &q->groups[g];
                for (size_t a = gr->first_alt; a < gr->first_alt + gr->n_alts; a++) {
                    const struct bl_sx_alt *al = &q->alts[a];
                    float quality;
                    if (!bl_sx_word_has(q, &q->words[al->first + al->anchor], t, &quality))
                        continue;
                    if (al->n > 1 && (span > 1 || bl_sx_phrase_at(ix, q, al, p) <= 0))
                        continue;
                    uint32_t at = p - first - (uint32_t)al->anchor;
                    uint32_t last = al->n > 1 ? at + (uint32_t)al->n - 1 : at + span - 1;
                    if (tm_push(&tm, &n_tm, &cap_tm, at, last, (uint32_t)1 << g))
                        rc = -1;
                    break;
                }
            }
        }
        if (rc || n_tm == 0)
            continue;
        const char *s = bl_sx_part_string(en, str->part, str->item);
        if (!s)
            continue;
        size_t len = strlen(s);
        for (size_t i = 0; i < n_tm && rc == 0; i++) {
            size_t a, b, c, d;
            if (token_at(ix, first, first + tm[i].first, s, len, &a, &b) &&
                (tm[i].last == tm[i].first
                     ? (c = a, d = b, 1)
                     : token_at(ix, first, first + tm[i].last, s, len, &c, &d)) &&
                mvec_push(m, str->part, str->item, a, d, tm[i].groups))
                rc = -1;
        }
    }
    free(tm);
    if (rc)
        return -1;
    /* reading order, overlaps merged */
    if (m->n > 1)
        qsort(m->v, m->n, sizeof *m->v, cmp_match);
    size_t out = 0;
    for (size_t i = 0; i < m->n; i++) {
        struct gmatch *p = out ? &m->v[out - 1] : NULL;
        const bl_search_match *c = &m->v[i].m;
        if (p && p->m.part == c->part && p->m.item == c->item && c->start < p->m.end) {
            if (c->end > p->m.end)
                p->m.end = c->end;
            p->groups |= m->v[i].groups;
        } else {
            m->v[out++] = m->v[i];
        }
    }
    m->n = out;
    return 0;
}

/* ---- snippets ------------------------------------------------------- */

#define SNIPPET_BYTES 1024
#define SNIPPET_BEFORE 20 /* columns of context before the first match, */
#define SNIPPET_BEFORE_LABELLED 12 /* or after a part's name */
#define SNIPPET_WINDOW 48 /* bytes of source a snippet is sure to show */
static const char ellipsis[] = "\xE2\x80\xA6";

struct snip {
    char buf[SNIPPET_BYTES];
    size_t len;
    int cols;
    bl_search_mark marks[16];
    size_t src_end[16]; /* where each mark ends in the source */
    size_t n_marks;
};

/* Start of the code point before byte i (i > 0). */
static size_t prev_cp(const char *s, size_t i)
{
    size_t p = i - 1;
    while (p > 0 && i - p < 4 && ((unsigned char)s[p] & 0xC0) == 0x80)
        p--;
    return p;
}

static int is_space_byte(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Where a snippet around byte `focus` starts: about SNIPPET_BEFORE columns
 * earlier, moved forward to the start of a word. */
static size_t snippet_start(const char *s, size_t len, size_t focus, int before)
{
    size_t st = focus;
    int w = 0;
    while (st > 0 && w < before) {
        size_t p = prev_cp(s, st);
        bl_glyph g;
        if (bl_glyph_next(s + p, len - p, &g) != st - p) {
            p = st - 1; /* an invalid byte: one column */
            g.width = 1;
        }
        w += g.width;
        st = p;
    }
    if (st > 0 && !is_space_byte(s[st - 1])) {
        size_t k = st;
        while (k < focus && !is_space_byte(s[k]))
            k++;
        if (k < focus)
            st = k;
    }
    return st;
}

/* Writes a snippet of s[0..len) around byte `focus` into sn: `label`
 * first (the part's name and ": ", ASCII; may be ""), then display-safe
 * glyphs (layout.h), whitespace collapsed, "…" where text was cut.  The
 * matches ms[0..nm) (all in s, sorted) become marks. */
static void snippet(struct snip *sn, const char *label, size_t label_len, const char *s, size_t len,
                    size_t from, size_t focus, const struct gmatch *ms, size_t nm)
{
    const int budget = BL_SEARCH_SNIPPET_COLS - 1; /* room for a final "…" */
    memset(sn, 0, sizeof *sn);
    size_t ll = label_len;
    if (ll > BL_SEARCH_SNIPPET_COLS / 2)
        ll = 0;
    memcpy(sn->buf, label, ll);
    sn->len = ll;
    sn->cols = (int)ll;
    if (focus > len)
        focus = len;
    if (from > len)
        from = len;
    if (focus < from)
        focus = from;
    size_t st = snippet_start(s, len, focus, ll ? SNIPPET_BEFORE_LABELLED : SNIPPET_BEFORE);
    if (st < from)
        st = from;
    size_t lead = sn->len;
    for (size_t k = from; k < st; k++)
        if (!is_space_byte(s[k])) {
            memcpy(sn->buf + sn->len, ellipsis, 3);
            sn->len += 3;
            lead = sn->len;
            sn->cols++;
            break;
        }
    size_t mi = 0;
    int pending_space = 0, cut = 0, space_cols = 0;
    size_t space_len = 0, i = st;
    while (i < len) {
        bl_glyph g;
        size_t n = bl_glyph_next(s + i, len - i, &g);
        if (g.cp == ' ' || g.cp < 0) {
            pending_space |= g.cp == ' ' && sn->len > lead;
            i += n;
            continue;
        }
        char enc[4];
        size_t el = bl_glyph_encode(&g, 0, enc);
        if (sn->cols + g.width + pending_space > budget ||
            sn->len + el + 1 + sizeof ellipsis >= SNIPPET_BYTES) {
            cut = 1;
            break;
        }
        if (pending_space) {
            space_len = sn->len;
            space_cols = sn->cols;
            sn->buf[sn->len++] = ' ';
            sn->cols++;
            pending_space = 0;
        }
        for (; mi < nm && ms[mi].m.start < i + n; mi++)
            if (ms[mi].m.end > i && sn->n_marks < 16) {
                sn->marks[sn->n_marks] = (bl_search_mark){.start = sn->len, .end = sn->len};
                sn->src_end[sn->n_marks++] = ms[mi].m.end;
            }
        memcpy(sn->buf + sn->len, enc, el);
        sn->len += el;
        sn->cols += g.width;
        i += n;
        for (size_t k = 0; k < sn->n_marks; k++)
            if (sn->src_end[k] >= i)
                sn->marks[k].end = sn->len;
    }
    if (cut) {
        /* end at a word boundary if that keeps most of the line */
        if (space_len > lead && space_cols >= budget / 2)
            sn->len = space_len;
        size_t keep = 0;
        for (size_t k = 0; k < sn->n_marks; k++) {
            if (sn->marks[k].start >= sn->len)
                break;
            if (sn->marks[k].end > sn->len)
                sn->marks[k].end = sn->len;
            keep++;
        }
        sn->n_marks = keep;
        memcpy(sn->buf + sn->len, ellipsis, 3);
        sn->len += 3;
    }
    sn->buf[sn->len] = '\0';
}

/* The string the snippet is cut from, when only the title matched: the
 * entry's first text field, else its first list item. */
static int fallback_part(const bl_entry *e, int *part, size_t *item)
{
    for (size_t f = 0; f < e->n_fields; f++)
        if (bl_field_info(e->fields[f].field)->kind == BL_KIND_TEXT && e->fields[f].text) {
            *part = (int)e->fields[f].field;
            *item = 0;
            return 1;
        }
    for (size_t f = 0; f < e->n_fields; f++)
        if (e->fields[f].n_items > 0 && bl_field_info(e->fields[f].field)->search_weight > 0) {
            *part = (int)e->fields[f].field;
            *item = 0;
            return 1;
        }
    return 0;
}

/* Parts whose matches make poor snippets: short names (the title is shown
 * anyway) and what the layout does not show (keywords, glossary terms). */
static int terse_part(int part)
{
    if (part == BL_PART_TITLE || part == BL_FIELD_ALIASES)
        return 1;
    const struct bl_field_info *fi = bl_field_info((enum bl_field)part);
    return !fi || fi->hidden;
}

static unsigned popcount32(uint32_t x)
{
    unsigned n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

/* The match that starts the best snippet window: the most query groups
 * within SNIPPET_WINDOW bytes of one string, then the heavier part, then
 * the first in reading order; terse parts only when nothing else matched.
 * SIZE_MAX if there are no matches outside the title. */
static size_t best_window(const struct mvec *m)
{
    size_t best = SIZE_MAX;
    unsigned best_n = 0;
    int best_w = -1, best_terse = 1;
    for (size_t i = 0; i < m->n; i++) {
        const bl_search_match *a = &m->v[i].m;
        if (a->part == BL_PART_TITLE)
            continue;
        uint32_t groups = 0;
        for (size_t j = i; j < m->n; j++) {
            const bl_search_match *b = &m->v[j].m;
            if (b->part != a->part || b->item != a->item || b->start >= a->start + SNIPPET_WINDOW)
                break;
            groups |= m->v[j].groups;
        }
        unsigned n = popcount32(groups);
        int w = bl_sx_part_weight(a->part), terse = terse_part(a->part);
        if (best == SIZE_MAX || (best_terse && !terse) ||
            (terse == best_terse && (n > best_n || (n == best_n && w > best_w)))) {
            best = i;
            best_n = n;
            best_w = w;
            best_terse = terse;
        }
    }
    return best;
}

/* The first string of field `part` a reader sees: its text, or its first
 * list item that is not a source URL. */
static size_t first_item(const bl_entry *e, int part)
{
    const bl_field_value *fv = bl_entry_get(e, (enum bl_field)part);
    if (!fv || !fv->styles)
        return 0;
    for (size_t i = 0; i < fv->n_items; i++)
        if (fv->styles[i] != BL_ITEM_SOURCE)
            return i;
    return 0;
}

int bl_search_detail(const bl_search_index *ix, bl_search_results *r, size_t i)
{
    if (!ix || !r || i >= r->n_hits)
        return -1;
    bl_search_hit *h = &r->hits[i];
    if (h->detailed)
        return 0;
    const bl_entry *e = &ix->g->entries[h->entry];
    struct mvec m = {0};
    if (collect(ix, r->q, (uint32_t)h->entry, &m)) {
        free(m.v);
        return -1;
    }
    /* A field's heading ("Pay") or a quick fact's label ("Nationality") is
     * matched but not shown as a match: set those aside, keeping the first
     * (the string it names: a field's first, or the fact). */
    int head_part = BL_PART_TITLE;
    size_t head_item = 0, kept = 0;
    for (size_t k = 0; k < m.n; k++) {
        if (m.v[k].m.item >= BL_SX_LABEL) {
            if (head_part == BL_PART_TITLE) {
                head_part = m.v[k].m.part;
                head_item = m.v[k].m.item == BL_SX_HEADING ? first_item(e, head_part)
                                                           : m.v[k].m.item - BL_SX_LABEL;
            }
            continue;
        }
        m.v[kept++] = m.v[k];
    }
    m.n = kept;
    /* best: the heaviest part (first in reading order on a tie) */
    int best = -1, best_w = -1;
    for (size_t k = 0; k < m.n; k++) {
        int wt = bl_sx_part_weight(m.v[k].m.part);
        if (wt > best_w) {
            best_w = wt;
            best = (int)k;
        }
    }
    size_t snip = best_window(&m);
    int part = BL_PART_TITLE;
    size_t item = 0, focus = 0;
    int have = 1;
    if (snip != SIZE_MAX && !(terse_part(m.v[snip].m.part) && head_part != BL_PART_TITLE)) {
        part = m.v[snip].m.part;
        item = m.v[snip].m.item;
        focus = m.v[snip].m.start;
    } else if (head_part != BL_PART_TITLE) {
        snip = SIZE_MAX; /* the part whose heading matched, from its start */
        part = head_part;
        item = head_item;
    } else {
        snip = SIZE_MAX;
        have = fallback_part(e, &part, &item);
    }
    const char *src = have ? bl_sx_part_string(e, part, item) : NULL;
    size_t a = 0, b = 0; /* the matches in src */
    if (src && snip != SIZE_MAX) {
        for (a = snip; a > 0 && m.v[a - 1].m.part == part && m.v[a - 1].m.item == item; a--)
            ;
        for (b = snip; b < m.n && m.v[b].m.part == part && m.v[b].m.item == item; b++)
            ;
    }
    /* the label: a "Label: value" line names itself ("Languages: ..."),
     * anything else is named by its part's heading */
    const struct bl_field_info *fi =
        src && part != BL_PART_TITLE ? bl_field_info((enum bl_field)part) : NULL;
    const bl_field_value *fv = fi ? bl_entry_get(e, (enum bl_field)part) : NULL;
    char label[64] = "";
    size_t from = 0;
    const char *colon = NULL;
    if (fv && fv->styles && item < fv->n_items && fv->styles[item] == BL_ITEM_LINE)
        colon = strstr(src, ": ");
    if (part == BL_FIELD_QUICK_FACTS && item < BL_FACT_COUNT) {
        snprintf(label, sizeof label, "%s: ", bl_fact_info((enum bl_fact)item)->label);
    } else if (colon && (size_t)(colon - src) + 2 < sizeof label) {
        from = (size_t)(colon - src) + 2;
        memcpy(label, src, from);
        label[from] = '\0';
    } else if (fi && fi->heading) {
        snprintf(label, sizeof label, "%s: ", fi->heading);
    }
    struct snip *sn = malloc(sizeof *sn);
    if (!sn) {
        free(m.v);
        return -1;
    }
    /* control characters in a label cannot reach the terminal */
    size_t label_len = strlen(label);
    for (size_t k = 0; k < label_len; k++)
        if ((unsigned char)label[k] < 0x20 || label[k] == 0x7F)
            label[k] = ' ';
    snippet(sn, label, label_len, src ? src : "", src ? strlen(src) : 0, from, focus,
            m.v ? m.v + a : NULL, b - a);
    bl_arena *ar = r->q->arena;
    char *text = bl_arena_strndup(ar, sn->buf, sn->len);
    bl_search_mark *marks = bl_arena_array(ar, sn->n_marks ? sn->n_marks : 1, sizeof *marks);
    bl_search_match *matches = bl_arena_array(ar, m.n ? m.n : 1, sizeof *matches);
    int rc = -1;
    if (text && marks && matches) {
        memcpy(marks, sn->marks, sn->n_marks * sizeof *marks);
        for (size_t k = 0; k < m.n; k++)
            matches[k] = m.v[k].m;
        h->snippet = text;
        h->snippet_part = src ? part : BL_PART_TITLE;
        h->snippet_label_len = label_len <= BL_SEARCH_SNIPPET_COLS / 2 ? label_len : 0;
        h->snippet_marks = marks;
        h->n_snippet_marks = sn->n_marks;
        h->matches = matches;
        h->n_matches = m.n;
        h->best_part = best >= 0 ? m.v[best].m.part : BL_PART_TITLE;
        h->best_item = best >= 0 ? m.v[best].m.item : 0;
        h->detailed = 1;
        rc = 0;
    }
    free(sn);
    free(m.v);
    return rc;
}
