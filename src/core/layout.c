#include "borderless/layout.h"
#include "borderless/vec.h"

#include "borderless/arena.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- characters ---------------------------------------------------- */

static int is_space_cp(int32_t cp)
{
    return cp == ' ';
}

size_t bl_glyph_next(const char *s, size_t len, bl_glyph *g)
{
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)(len < 4 ? len : 4), &cp);
    if (n < 1 || cp < 0) {
        g->cp = 0xFFFD;
        g->width = 1;
        g->len = 1;
        return 1;
    }
    g->len = (size_t)n;
    if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029) {
        g->cp = ' ';
        g->width = 1;
        return g->len;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CN:
        g->cp = 0xFFFD;
        g->width = 1;
        return g->len;
    case UTF8PROC_CATEGORY_CF:
        g->cp = -1;
        g->width = 0;
        return g->len;
    default:
        break;
    }
    int w = utf8proc_charwidth(cp);
    g->cp = cp;
    g->width = w < 0 ? 0 : w > 2 ? 2 : w;
    /* Where utf8proc and the C library (which curses and most terminals
     * follow) disagree, the wider: a line may show a gap, never overflow. */
    if (utf8proc_category(cp) == UTF8PROC_CATEGORY_MC)
        g->width = 1; /* spacing vowel signs (Devanagari ...): 0 vs 1 */
    else if ((cp >= 0x4DC0 && cp <= 0x4DFF) || (cp >= 0x3248 && cp <= 0x324F))
        g->width = 2; /* hexagrams, circled numbers on squares: 1 vs 2 */
    return g->len;
}

int bl_char_width_unreliable(int32_t cp)
{
    if (cp < 0x300)
        return 0;
    /* utf8proc and the C library disagree (see bl_glyph_next) */
    if (utf8proc_category(cp) == UTF8PROC_CATEGORY_MC)
        return 1;
    if ((cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF)) /* Hangul jamo */
        return 1;
    if ((cp >= 0x4DC0 && cp <= 0x4DFF) || (cp >= 0x3248 && cp <= 0x324F))
        return 1;
    /* terminals disagree: East Asian "ambiguous" circled numbers and
     * letters, enclosed alphanumerics and flags, emoji presentation */
    if ((cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x2776 && cp <= 0x2793) ||
        (cp >= 0x1F100 && cp <= 0x1F1FF) || cp == 0xFE0E || cp == 0xFE0F)
        return 1;
    return 0;
}

/* The ASCII character shown for a one-column non-ASCII character. */
static char ascii_of(int32_t cp)
{
    switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x00B4:
        return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB:
        return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0x2022:
    case 0x2023:
    case 0x2043:
    case 0x25E6:
    case 0x00B7:
    case 0x2027:
    case 0x2500:
        return '-';
    case 0x2192:
    case 0x25B8:
    case 0x25B6:
    case 0x203A:
        return '>';
    case 0x2588:
    case 0x2593:
        return '#';
    case 0x2591:
    case 0x2592:
        return '-';
    case 0x2190:
    case 0x2039:
        return '<';
    case 0x2026:
        return '.';
    case 0x00A0:
    case 0x2007:
    case 0x202F:
        return ' ';
    case 0x00D7:
        return 'x';
    case 0x00DF:
        return 's';
    case 0x00C6:
    case 0x00E6:
        return cp == 0x00C6 ? 'A' : 'a';
    case 0x00D8:
    case 0x00F8:
        return cp == 0x00D8 ? 'O' : 'o';
    case 0x0141:
    case 0x0142:
        return cp == 0x0141 ? 'L' : 'l';
    case 0x0110:
    case 0x0111:
        return cp == 0x0110 ? 'D' : 'd';
    default:
        break;
    }
    utf8proc_int32_t buf[8];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        cp, buf, 8, (utf8proc_option_t)(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK),
        &last);
    for (utf8proc_ssize_t i = 0; i > -1 && i < n && i < 8; i++) {
        if (utf8proc_category(buf[i]) == UTF8PROC_CATEGORY_MN)
            continue;
        if (buf[i] > 0x20 && buf[i] < 0x7F)
            return (char)buf[i];
        break;
    }
    return '?';
}

size_t bl_glyph_encode(const bl_glyph *g, int ascii, char out[4])
{
    if (g->cp < 0)
        return 0;
    if (ascii) {
        if (g->width == 0)
            return 0;
        if (g->cp < 0x80) {
            out[0] = (char)g->cp;
            return 1;
        }
        if (g->width == 2) {
            out[0] = out[1] = '?';
            return 2;
        }
        out[0] = ascii_of(g->cp);
        return 1;
    }
    utf8proc_ssize_t n = utf8proc_encode_char(g->cp, (utf8proc_uint8_t *)out);
    return n > 0 ? (size_t)n : 0;
}

int bl_text_width(const char *s, size_t len)
{
    /* Every ASCII byte is one column (bl_glyph_next: a control character
     * shows as U+FFFD): eight at a time while there are only those (most
     * titles), utf8proc for the rest.  The menu measures every title at
     * start; at 10,000 roles this is a millisecond instead of nine. */
    const uint64_t highs = 0x8080808080808080u;
    size_t w = 0;
    bl_glyph g;
    for (size_t i = 0; i < len;) {
        uint64_t v;
        if (len - i >= 8 && (memcpy(&v, s + i, 8), (v & highs) == 0)) {
            i += 8;
            w += 8;
        } else if (!((unsigned char)s[i] & 0x80)) {
            i++;
            w++;
        } else {
            i += bl_glyph_next(s + i, len - i, &g);
            w += (size_t)g.width;
        }
    }
    return w > INT_MAX ? INT_MAX : (int)w;
}

size_t bl_text_fit(const char *s, size_t len, int cols, int *used)
{
    int w = 0;
    size_t i = 0;
    while (i < len) {
        bl_glyph g;
        size_t n = bl_glyph_next(s + i, len - i, &g);
        if (w + g.width > cols)
            break;
        w += g.width;
        i += n;
    }
    if (used)
        *used = w;
    return i;
}

char *bl_text_sanitize(const char *s, size_t len, int ascii, size_t *out_len)
{
    if (len > ((size_t)-1) / 4 - 1)
        return NULL;
    char *out = malloc(len * 3 + 1); /* a replaced byte grows to 3 (U+FFFD) */
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        bl_glyph g;
        i += bl_glyph_next(s + i, len - i, &g);
        o += bl_glyph_encode(&g, ascii, out + o);
    }
    out[o] = '\0';
    if (out_len)
        *out_len = o;
    return out;
}

/* ---- wrapping ------------------------------------------------------ */

/* The end of the word at s[pos..len) when it holds a URL ("://"), else pos:
 * a URL is never broken, so it stays copyable. */
static size_t url_word_end(const char *s, size_t len, size_t pos)
{
    size_t end = pos;
    while (end < len && s[end] != ' ' && s[end] != '\t' && s[end] != '\n' && s[end] != '\r')
        end++;
    for (size_t i = pos; i + 3 <= end; i++)
        if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
            return end;
    return pos;
}

int bl_wrap(const char *s, size_t len, int width, bl_wrap_fn fn, void *ctx)
{
    if (width < 1)
        width = 1;
    size_t pos = 0;
    bl_glyph g;
    for (;;) {
        while (pos < len) {
            size_t n = bl_glyph_next(s + pos, len - pos, &g);
            if (!is_space_cp(g.cp))
                break;
            pos += n;
        }
        if (pos >= len)
            return 0;
        size_t start = pos, end = pos, brk_end = pos, soft_end = pos;
        int cols = 0, run = 0, brk_cols = 0, have_brk = 0, soft_cols = 0, prev_word = 0;
        for (;;) {
            if (pos >= len) {
                int r = fn(ctx, start, end, cols);
                if (r)
                    return r;
                break;
            }
            size_t n = bl_glyph_next(s + pos, len - pos, &g);
            if (is_space_cp(g.cp)) {
                if (!have_brk || brk_end != end) {
                    brk_end = end;
                    brk_cols = cols;
                    have_brk = 1;
                }
                run += g.width;
                pos += n;
                prev_word = 0;
                continue;
            }
            size_t url_end = prev_word ? pos : url_word_end(s, len, pos);
            if (url_end > pos) {
                /* A URL: whole, on the next line if it does not fit here, on
                 * a line of its own (wider than the width) if it fits nowhere. */
                int uw = bl_text_width(s + pos, url_end - pos);
                /* (An empty line: not merely zero columns, which a line of
                 * combining marks also is.) */
                if (run + uw <= width || end == start) {
                    run += uw;
                    pos = end = url_end;
                    cols = run;
                    prev_word = 1;
                    if (cols <= width)
                        continue;
                    int r = fn(ctx, start, end, cols);
                    if (r)
                        return r;
                    break;
                }
                int r = fn(ctx, start, brk_end, brk_cols);
                if (r)
                    return r;
                pos = brk_end;
                break;
            }
            if (run + g.width > width) {
                int r;
                if (soft_end > start && (!have_brk || soft_end > brk_end)) {
                    /* After a hyphen or slash inside a word. */
                    r = fn(ctx, start, soft_end, soft_cols);
                    pos = soft_end;
                } else if (have_brk) {
                    r = fn(ctx, start, brk_end, brk_cols);
                    pos = brk_end;
                } else if (cols == 0) {
                    /* One glyph wider than the whole line: alone, with the
                     * zero-width glyphs that follow it. */
                    int gw = g.width;
                    pos += n;
                    while (pos < len) {
                        size_t m = bl_glyph_next(s + pos, len - pos, &g);
                        if (g.width != 0 || is_space_cp(g.cp))
                            break;
                        pos += m;
                    }
                    r = fn(ctx, start, pos, gw);
                } else {
                    r = fn(ctx, start, end, cols);
                }
                if (r)
                    return r;
                break;
            }
            run += g.width;
            pos += n;
            end = pos;
            cols = run;
            if ((g.cp == '-' || g.cp == '/') && prev_word && pos < len && s[pos] != '/' &&
                s[pos] != '-' && s[pos] != ' ') {
                soft_end = pos;
                soft_cols = cols;
            }
            prev_word = 1;
        }
    }
}

/* ---- the layout of an entry ----------------------------------------- */

struct bl_layout_mem {
    bl_arena *arena; /* line texts */
    bl_line *lines;
    size_t cap_lines;
    size_t *headings;
    size_t cap_headings;
    size_t *links;
    long *link_targets;
    long *link_terms;
    size_t cap_links;
};

typedef struct builder {
    bl_layout *l;
    struct bl_layout_mem *m;
    int ascii;
    int failed;
    /* for the wrap callback */
    const char *src;
    enum bl_line_style style;
    int part;
    size_t item;
    const char *first_prefix; /* indent of the first line ("• ") */
    const char *next_prefix; /* indent of the following lines ("  ") */
    int prefix_cols;
    int n_emitted;
    long link;
    long link_no;
} builder;

/* bl_vec_grow for the builder's arrays: *p gets the new block. */
static int grow(void **p, size_t *cap, size_t need, size_t sz)
{
    void *q = bl_vec_grow(*p, cap, need, sz, 32);
    if (!q)
        return -1;
    *p = q;
    return 0;
}

/* Appends a line: prefix (ASCII-safe decoration) then src[start..end). */
static bl_line *add_line(builder *b, enum bl_line_style style, int part, size_t item,
                         const char *prefix, const char *src, size_t start, size_t end)
{
    if (b->failed)
        return NULL;
    bl_layout *l = b->l;
    struct bl_layout_mem *m = b->m;
    if (grow((void **)&m->lines, &m->cap_lines, l->n_lines + 1, sizeof *m->lines)) {
        b->failed = 1;
        return NULL;
    }
    size_t plen = 0, pcols = 0;
    char pbuf[64];
    if (prefix) {
        /* Decoration goes through the same encoder, so in ASCII mode a
         * bullet becomes '-'. */
        size_t plen_src = strlen(prefix);
        for (size_t i = 0; i < plen_src && plen + 4 < sizeof pbuf;) {
            bl_glyph g;
            i += bl_glyph_next(prefix + i, plen_src - i, &g);
            plen += bl_glyph_encode(&g, b->ascii, pbuf + plen);
            pcols += (size_t)g.width;
        }
    }
    size_t n = end - start;
    char *text = bl_arena_alloc(m->arena, plen + n * 3 + 1);
    if (!text) {
        b->failed = 1;
        return NULL;
    }
    memcpy(text, pbuf, plen);
    size_t o = plen;
    int cols = (int)pcols;
    for (size_t i = start; i < end;) {
        bl_glyph g;
        i += bl_glyph_next(src + i, end - i, &g);
        o += bl_glyph_encode(&g, b->ascii, text + o);
        cols += g.width;
    }
    text[o] = '\0';
    bl_line *ln = &m->lines[l->n_lines++];
    *ln = (bl_line){.style = style,
                    .text = text,
                    .len = o,
                    .cols = cols,
                    .indent = (int)pcols,
                    .part = part,
                    .item = item,
                    .src_start = start,
                    .src_end = end,
                    .link = -1,
                    .link_no = -1};
    l->lines = m->lines;
    return ln;
}

static void add_blank(builder *b)
{
    if (b->l->n_lines == 0 || b->failed)
        return;
    const bl_line *prev = &b->m->lines[b->l->n_lines - 1];
    if (prev->style == BL_LINE_BLANK)
        return;
    int part = prev->part;
    size_t item = prev->item, at = prev->src_end;
    add_line(b, BL_LINE_BLANK, part, item, NULL, "", at, at);
}

static int emit(void *ctx, size_t start, size_t end, int cols)
{
    builder *b = ctx;
    (void)cols;
    const char *prefix = b->n_emitted == 0 ? b->first_prefix : b->next_prefix;
    bl_line *ln = add_line(b, b->style, b->part, b->item, prefix, b->src, start, end);
    if (!ln)
        return -1;
    ln->link = b->link;
    ln->link_no = b->link_no;
    b->n_emitted++;
    return 0;
}

/* Wraps src[start..end) as one block: the first line starts with
 * first_prefix, the others with next_prefix (same width: a hanging indent).
 * The prefix is dropped when the width leaves no room for text after it.
 * Offsets in the lines are relative to src. */
static void add_block(builder *b, enum bl_line_style style, int part, size_t item, const char *src,
                      size_t start, size_t end, const char *first_prefix, const char *next_prefix)
{
    if (b->failed)
        return;
    int pcols = first_prefix ? bl_text_width(first_prefix, strlen(first_prefix)) : 0;
    if (pcols >= b->l->width) {
        first_prefix = next_prefix = NULL;
        pcols = 0;
    }
    b->style = style;
    b->part = part;
    b->item = item;
    b->first_prefix = first_prefix;
    b->next_prefix = next_prefix;
    b->n_emitted = 0;
    /* bl_wrap reports offsets relative to its argument: shift them after. */
    b->src = src + start;
    size_t before = b->l->n_lines;
    if (bl_wrap(src + start, end - start, b->l->width - pcols, emit, b) != 0)
        b->failed = 1;
    for (size_t i = before; !b->failed && i < b->l->n_lines; i++) {
        b->m->lines[i].src_start += start;
        b->m->lines[i].src_end += start;
    }
}

static void add_heading(builder *b, int part, const char *text)
{
    bl_layout *l = b->l;
    struct bl_layout_mem *m = b->m;
    if (b->failed)
        return;
    add_blank(b);
    if (grow((void **)&m->headings, &m->cap_headings, l->n_headings + 1, sizeof *m->headings)) {
        b->failed = 1;
        return;
    }
    size_t first = l->n_lines;
    add_block(b, BL_LINE_HEADING, part, 0, text, 0, strlen(text), NULL, NULL);
    if (b->failed || l->n_lines == first)
        return;
    /* A heading's place is the start of its part. */
    for (size_t i = first; i < l->n_lines; i++)
        m->lines[i].src_start = m->lines[i].src_end = 0;
    m->headings[l->n_headings++] = first;
    l->headings = m->headings;
}

static void add_paragraphs(builder *b, int part, const char *text)
{
    size_t len = strlen(text), p = 0, item = 0;
    while (p < len && !b->failed) {
        const char *sep = strstr(text + p, "\n\n");
        size_t end = sep ? (size_t)(sep - text) : len;
        size_t before = b->l->n_lines;
        add_block(b, BL_LINE_TEXT, part, item, text, p, end, NULL, NULL);
        if (b->l->n_lines > before) {
            item++;
            if (end < len)
                add_blank(b);
        }
        p = end;
        while (p < len && text[p] == '\n')
            p++;
    }
}

/* A link line to entry `target` as item k of `part`, showing `text` (NULL:
 * the target's title), opening at glossary term `term` (or -1); its source
 * offsets are shifted by `off` to keep positions increasing within the
 * item. */
static void add_link_ex(builder *b, const bl_guide *g, int part, size_t k, size_t target,
                        size_t off, int nested, const char *text, long term)
{
    bl_layout *l = b->l;
    struct bl_layout_mem *m = b->m;
    if (b->failed || target >= g->n_entries)
        return;
    if (grow((void **)&m->links, &m->cap_links, l->n_links + 1, sizeof *m->links)) {
        b->failed = 1;
        return;
    }
    /* link_targets follows the capacity of links. */
    long *t = realloc(m->link_targets, m->cap_links * sizeof *t);
    if (!t) {
        b->failed = 1;
        return;
    }
    m->link_targets = t;
    long *lt = realloc(m->link_terms, m->cap_links * sizeof *lt);
    if (!lt) {
        b->failed = 1;
        return;
    }
    m->link_terms = lt;
    const char *title = text ? text : g->entries[target].title;
    size_t first = l->n_lines;
    b->link = (long)target;
    b->link_no = (long)l->n_links;
    add_block(b, BL_LINE_LINK, part, k, title, 0, strlen(title), nested ? "  \u2192 " : "\u2192 ",
              nested ? "    " : "  ");
    b->link = b->link_no = -1;
    if (b->failed || l->n_lines == first)
        return;
    for (size_t i = first; i < l->n_lines; i++) {
        m->lines[i].src_start += off;
        m->lines[i].src_end += off;
    }
    m->links[l->n_links] = first;
    m->link_targets[l->n_links] = (long)target;
    m->link_terms[l->n_links] = term;
    l->n_links++;
    l->links = m->links;
    l->link_targets = m->link_targets;
    l->link_terms = m->link_terms;
}

static void add_link(builder *b, const bl_guide *g, int part, size_t k, size_t target, size_t off,
                     int nested)
{
    add_link_ex(b, g, part, k, target, off, nested, NULL, -1);
}

/* ---- terms used --------------------------------------------------------- */

static int is_alnum_c(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* 1 when s holds `term` as a whole word (or its plural in "s"). */
static int text_uses(const char *s, const char *term)
{
    size_t tl = strlen(term);
    if (!s || !tl)
        return 0;
    for (const char *p = strstr(s, term); p; p = strstr(p + 1, term)) {
        if (p > s && is_alnum_c(p[-1]))
            continue;
        const char *e = p + tl;
        if (*e == 's' && !is_alnum_c(e[1]))
            e++;
        if (!is_alnum_c(*e))
            return 1;
    }
    return 0;
}

/* 1 when the text a reader sees in role e uses glossary term t. */
static int entry_uses(const bl_entry *e, const char *t)
{
    if (text_uses(e->title, t))
        return 1;
    for (size_t f = 0; f < e->n_fields; f++) {
        const bl_field_value *v = &e->fields[f];
        if (v->field == BL_FIELD_KEYWORDS || v->field == BL_FIELD_TERMS ||
            v->field == BL_FIELD_RELATED || v->field == BL_FIELD_SECTIONS ||
            bl_field_info(v->field)->hidden)
            continue;
        if (text_uses(v->text, t))
            return 1;
        for (size_t k = 0; k < v->n_items; k++)
            if ((!v->styles || v->styles[k] != BL_ITEM_SOURCE) && text_uses(v->items[k], t))
                return 1;
    }
    return 0;
}

/* "Terms used": a link per glossary term the role uses, alphabetical,
 * opening the glossary at the term. */
static void add_terms_used(builder *b, const bl_guide *g, const bl_entry *e)
{
    const bl_entry *gl = bl_guide_find(g, BL_GLOSSARY_ID);
    if (e->kind != BL_ENTRY_ROLE || !gl || !g->glossary_by_term)
        return;
    size_t target = bl_guide_index(g, gl), k = 0;
    for (size_t i = 0; i < g->n_glossary && !b->failed; i++) {
        size_t ti = g->glossary_by_term[i];
        if (ti >= g->n_glossary)
            continue;
        const bl_glossary_term *t = &g->glossary[ti];
        if (!t->term || !entry_uses(e, t->term))
            continue;
        if (k == 0)
            add_heading(b, BL_FIELD_TERMS, "Terms used");
        size_t n = strlen(t->term) + (t->expansion ? strlen(t->expansion) : 0) + 4;
        char *text = bl_arena_alloc(b->m->arena, n);
        if (!text) {
            b->failed = 1;
            return;
        }
        if (t->expansion && strcmp(t->expansion, t->term) != 0)
            snprintf(text, n, "%s (%s)", t->term, t->expansion);
        else
            snprintf(text, n, "%s", t->term);
        add_link_ex(b, g, BL_FIELD_TERMS, k++, target, 0, 0, text, (long)ti);
    }
}

/* A prefix of `cols` spaces (cols < 32). */
static const char *spaces(int cols)
{
    static const char blank[] = "                               ";
    if (cols < 0)
        cols = 0;
    if (cols > (int)sizeof blank - 1)
        cols = (int)sizeof blank - 1;
    return blank + sizeof blank - 1 - cols;
}

/* Quick facts: "Label: value", the label as decoration. */
static void add_quick_facts(builder *b, const bl_field_value *v)
{
    for (size_t k = 0; k < v->n_items && k < BL_FACT_COUNT && !b->failed; k++) {
        char prefix[40];
        snprintf(prefix, sizeof prefix, "%s: ", bl_fact_info((enum bl_fact)k)->label);
        add_block(b, BL_LINE_ITEM, BL_FIELD_QUICK_FACTS, k, v->items[k], 0, strlen(v->items[k]),
                  prefix, "  ");
    }
}

/* A list whose items carry a bl_item_style (routes, pay). */
static void add_styled_items(builder *b, int f, const bl_field_value *v)
{
    int step = 0;
    for (size_t k = 0; k < v->n_items && !b->failed; k++) {
        const char *s = v->items[k];
        size_t len = strlen(s);
        char num[16];
        switch (v->styles ? v->styles[k] : BL_ITEM_BULLET) {
        case BL_ITEM_NAME:
            step = 0;
            if (k > 0)
                add_blank(b);
            add_block(b, BL_LINE_ITEM, f, k, s, 0, len, "\u25b8 ", "  ");
            break;
        case BL_ITEM_DETAIL:
            add_block(b, BL_LINE_ITEM, f, k, s, 0, len, "  ", "  ");
            break;
        case BL_ITEM_SUB:
            add_block(b, BL_LINE_ITEM, f, k, s, 0, len, "  \u2022 ", "    ");
            break;
        case BL_ITEM_STEP:
            snprintf(num, sizeof num, "  %d. ", ++step < 1000 ? step : 999);
            add_block(b, BL_LINE_ITEM, f, k, s, 0, len, num, spaces((int)strlen(num)));
            break;
        case BL_ITEM_SOURCE:
            add_block(b, BL_LINE_ITEM, f, k, s, 0, len, "  Source: ", "  ");
            break;
        case BL_ITEM_LINE:
            add_block(b, BL_LINE_ITEM, f, k, s, 0, len, NULL, NULL);
            break;
        default:
            add_block(b, BL_LINE_ITEM, f, k, s, 0, len, "\u2022 ", "  ");
            break;
        }
    }
}

int bl_fit_bar(enum bl_fit_dim d, int level, char *buf, size_t size)
{
    int label_w = 0, low_w = 0;
    for (int i = 0; i < BL_FIT_COUNT; i++) {
        const struct bl_fit_info *fi = bl_fit_info((enum bl_fit_dim)i);
        int lw = (int)strlen(fi->label), ow = (int)strlen(fi->low);
        label_w = lw > label_w ? lw : label_w;
        low_w = ow > low_w ? ow : low_w;
    }
    const struct bl_fit_info *fi = bl_fit_info(d);
    if (!fi)
        return -1;
    if (level < 0)
        level = 0;
    if (level > BL_FIT_MAX_LEVEL)
        level = BL_FIT_MAX_LEVEL;
    char cells[2 * BL_FIT_MAX_LEVEL * 3 + 1];
    bl_bar(2 * level, 2 * BL_FIT_MAX_LEVEL, cells, sizeof cells);
    return snprintf(buf, size, "%-*s %*s %s %s", label_w, fi->label, low_w, fi->low, cells,
                    fi->high);
}

int bl_bar(int filled, int cells, char *buf, size_t size)
{
    size_t o = 0;
    if (size == 0)
        return -1;
    for (int i = 0; i < cells && o + 4 <= size; i++) {
        memcpy(buf + o, i < filled ? "\u2593" : "\u2591", 3);
        o += 3;
    }
    buf[o] = '\0';
    return (int)o;
}

/* "Label   low ▓▓▓▓░░░░ high": the level as a bar of 2 cells a level. */
static const char *fit_bar(builder *b, enum bl_fit_dim d, int level)
{
    int n = bl_fit_bar(d, level, NULL, 0);
    char *s = n < 0 ? NULL : bl_arena_alloc(b->m->arena, (size_t)n + 1);
    if (!s) {
        b->failed = 1;
        return NULL;
    }
    bl_fit_bar(d, level, s, (size_t)n + 1);
    return s;
}

static void add_fit(builder *b, const bl_entry *e, const bl_field_value *v)
{
    for (size_t k = 0; k < v->n_items && k < BL_FIT_COUNT && !b->failed; k++) {
        int level = e->role ? e->role->fit[k].level : 0;
        const char *bar = fit_bar(b, (enum bl_fit_dim)k, level);
        if (!bar)
            return;
        size_t first = b->l->n_lines;
        add_block(b, BL_LINE_TEXT, BL_FIELD_FIT, k, bar, 0, strlen(bar), NULL, NULL);
        for (size_t i = first; !b->failed && i < b->l->n_lines; i++)
            b->m->lines[i].src_start = b->m->lines[i].src_end = 0;
        add_block(b, BL_LINE_ITEM, BL_FIELD_FIT, k, v->items[k], 0, strlen(v->items[k]), "  ",
                  "  ");
    }
}

/* Glossary items, each followed by links to its related entries. */
static void add_glossary(builder *b, const bl_guide *g, const bl_field_value *v)
{
    for (size_t k = 0; k < v->n_items && !b->failed; k++) {
        size_t len = strlen(v->items[k]);
        add_block(b, BL_LINE_ITEM, BL_FIELD_GLOSSARY, k, v->items[k], 0, len, "\u2022 ", "  ");
        if (k >= g->n_glossary)
            continue;
        const bl_glossary_term *t = &g->glossary[k];
        size_t off = len + 1; /* links come after the item's text, one after another */
        for (size_t j = 0; j < t->n_related && t->related[j] < g->n_entries; j++) {
            add_link(b, g, BL_FIELD_GLOSSARY, k, t->related[j], off, 1);
            off += strlen(g->entries[t->related[j]].title) + 1;
        }
    }
}

bl_layout *bl_layout_entry_ex(const bl_guide *g, const bl_entry *e, int width, unsigned flags)
{
    bl_layout *l = calloc(1, sizeof *l);
    struct bl_layout_mem *m = calloc(1, sizeof *m);
    if (!l || !m || !(m->arena = bl_arena_new())) {
        free(l);
        free(m);
        return NULL;
    }
    l->mem = m;
    l->width = width < 1 ? 1 : width;
    builder b = {
        .l = l, .m = m, .ascii = (flags & BL_LAYOUT_ASCII) != 0, .link = -1, .link_no = -1};

    add_block(&b, BL_LINE_TITLE, BL_PART_TITLE, 0, e->title, 0, strlen(e->title), NULL, NULL);

    for (int f = 0; f < BL_FIELD_COUNT && !b.failed; f++) {
        const struct bl_field_info *info = bl_field_info((enum bl_field)f);
        const bl_field_value *v = bl_entry_get(e, (enum bl_field)f);
        if (info->hidden)
            continue; /* for search, not for reading */
        if (f == BL_FIELD_RELATED) {
            if (e->n_links == 0)
                continue;
            add_heading(&b, f, info->heading ? info->heading : "Related roles");
            for (size_t k = 0; k < e->n_links; k++)
                add_link(&b, g, BL_FIELD_RELATED, k, e->links[k], 0, 0);
            continue;
        }
        if (f == BL_FIELD_SECTIONS) {
            if (e->n_section_links == 0)
                continue;
            add_heading(&b, f, info->heading);
            for (size_t k = 0; k < e->n_section_links; k++)
                add_link(&b, g, BL_FIELD_SECTIONS, k, e->section_links[k], 0, 0);
            continue;
        }
        if (!v)
            continue;
        if (info->heading)
            add_heading(&b, f, info->heading);
        else
            add_blank(&b);
        if (info->kind == BL_KIND_TEXT && v->text) {
            add_paragraphs(&b, f, v->text);
        } else if (f == BL_FIELD_QUICK_FACTS) {
            add_quick_facts(&b, v);
        } else if (f == BL_FIELD_FIT) {
            add_fit(&b, e, v);
        } else if (f == BL_FIELD_GLOSSARY) {
            add_glossary(&b, g, v);
        } else if (v->styles) {
            add_styled_items(&b, f, v);
        } else if (info->kind == BL_KIND_LIST) {
            for (size_t k = 0; k < v->n_items; k++)
                add_block(&b, BL_LINE_ITEM, f, k, v->items[k], 0, strlen(v->items[k]), "\u2022 ",
                          "  ");
        }
    }

    add_terms_used(&b, g, e);
    if (e->n_sources > 0) {
        add_heading(&b, BL_PART_SOURCES, "Sources");
        for (size_t k = 0; k < e->n_sources && !b.failed; k++) {
            const bl_source *src = &e->sources[k];
            size_t before = l->n_lines;
            if (src->title)
                add_block(&b, BL_LINE_SOURCE, BL_PART_SOURCES, k, src->title, 0, strlen(src->title),
                          "\u2022 ", "  ");
            if (src->url) {
                size_t mid = l->n_lines;
                add_block(&b, BL_LINE_SOURCE, BL_PART_SOURCES, k, src->url, 0, strlen(src->url),
                          mid > before ? "  " : "\u2022 ", "  ");
                /* Keep positions increasing within the item: the URL
                 * comes after the whole title. */
                size_t off = src->title ? strlen(src->title) + 1 : 0;
                for (size_t i = mid; !b.failed && i < l->n_lines; i++) {
                    m->lines[i].src_start += off;
                    m->lines[i].src_end += off;
                }
            }
        }
    }
    if (e->reviewed) {
        static const char label[] = "Last reviewed: ";
        size_t rl = strlen(e->reviewed);
        char *buf = bl_arena_alloc(m->arena, sizeof label + rl);
        if (!buf) {
            b.failed = 1;
        } else {
            memcpy(buf, label, sizeof label - 1);
            memcpy(buf + sizeof label - 1, e->reviewed, rl + 1);
            add_blank(&b);
            add_block(&b, BL_LINE_META, BL_PART_REVIEWED, 0, buf, 0, strlen(buf), NULL, NULL);
        }
    }
    if (b.failed) {
        bl_layout_free(l);
        return NULL;
    }
    l->lines = m->lines;
    return l;
}

bl_layout *bl_layout_entry(const bl_guide *g, const bl_entry *e, int width)
{
    return bl_layout_entry_ex(g, e, width, 0);
}

int bl_layout_write_plain(const bl_layout *l, FILE *out)
{
    for (size_t i = 0; i < l->n_lines; i++) {
        if (fwrite(l->lines[i].text, 1, l->lines[i].len, out) != l->lines[i].len ||
            putc('\n', out) == EOF)
            return -1;
    }
    return fflush(out) != 0 || ferror(out) ? -1 : 0;
}

void bl_layout_free(bl_layout *l)
{
    if (!l)
        return;
    if (l->mem) {
        bl_arena_free(l->mem->arena);
        free(l->mem->lines);
        free(l->mem->headings);
        free(l->mem->links);
        free(l->mem->link_targets);
        free(l->mem->link_terms);
        free(l->mem);
    }
    free(l);
}

static int pos_cmp(const bl_line *ln, const bl_layout_pos *p)
{
    if (ln->part != p->part)
        return ln->part < p->part ? -1 : 1;
    if (ln->item != p->item)
        return ln->item < p->item ? -1 : 1;
    if (ln->src_start != p->src)
        return ln->src_start < p->src ? -1 : 1;
    return 0;
}

bl_layout_pos bl_layout_pos_of(const bl_layout *l, size_t line)
{
    bl_layout_pos p = {.part = BL_PART_TITLE};
    if (line >= l->n_lines)
        return p;
    const bl_line *ln = &l->lines[line];
    p.part = ln->part;
    p.item = ln->item;
    p.src = ln->src_start;
    while (line > 0 && pos_cmp(&l->lines[line - 1], &p) == 0) {
        p.nth++;
        line--;
    }
    return p;
}

size_t bl_layout_line_at(const bl_layout *l, bl_layout_pos pos)
{
    size_t best = 0;
    for (size_t i = 0; i < l->n_lines; i++) {
        int c = pos_cmp(&l->lines[i], &pos);
        if (c < 0) {
            best = i;
        } else if (c == 0) {
            size_t k = 0;
            while (k < pos.nth && i + 1 < l->n_lines && pos_cmp(&l->lines[i + 1], &pos) == 0) {
                i++;
                k++;
            }
            return i;
        } else {
            break;
        }
    }
    return best;
}
