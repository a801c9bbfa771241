#include "borderless/lineedit.h"
#include "borderless/vec.h"

#include "borderless/layout.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- characters ------------------------------------------------------ */

/* The end of the character starting at i: one glyph and the zero-width
 * glyphs after it. */
static size_t next_char(const bl_lineedit *le, size_t i)
{
    if (i >= le->len)
        return le->len;
    bl_glyph g;
    i += bl_glyph_next(le->buf + i, le->len - i, &g);
    while (i < le->len) {
        size_t n = bl_glyph_next(le->buf + i, le->len - i, &g);
        if (g.width != 0)
            break;
        i += n;
    }
    return i;
}

/* The start of the character that ends at i.  Walks from the start: the
 * text is short (BL_LINEEDIT_MAX) and UTF-8 cannot be decoded backwards
 * reliably once it may hold invalid bytes. */
static size_t prev_char(const bl_lineedit *le, size_t i)
{
    size_t p = 0;
    while (p < i) {
        size_t q = next_char(le, p);
        if (q >= i)
            return p;
        p = q;
    }
    return 0;
}

static int width(const bl_lineedit *le, size_t from, size_t to)
{
    return to > from ? bl_text_width(le->buf + from, to - from) : 0;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* ---- storage --------------------------------------------------------- */

static int reserve(bl_lineedit *le, size_t need)
{
    char *b = bl_vec_grow(le->buf, &le->cap, need + 1, 1, 64);
    if (!b)
        return -1;
    le->buf = b;
    return 0;
}

int bl_lineedit_init(bl_lineedit *le, const char *text)
{
    memset(le, 0, sizeof *le);
    return bl_lineedit_set(le, text ? text : "", text ? strlen(text) : 0);
}

void bl_lineedit_done(bl_lineedit *le)
{
    free(le->buf);
    memset(le, 0, sizeof *le);
}

const char *bl_lineedit_text(const bl_lineedit *le)
{
    return le->buf ? le->buf : "";
}

int bl_lineedit_set(bl_lineedit *le, const char *s, size_t len)
{
    if (len > BL_LINEEDIT_MAX) {
        /* Cut on a character boundary: decode up to the limit. */
        size_t i = 0;
        while (i < len) {
            bl_glyph g;
            size_t n = bl_glyph_next(s + i, len - i, &g);
            if (i + n > BL_LINEEDIT_MAX)
                break;
            i += n;
        }
        len = i;
    }
    if (reserve(le, len) != 0)
        return -1;
    memcpy(le->buf, s, len);
    le->buf[len] = '\0';
    le->len = le->cur = len;
    le->scroll = 0;
    return 0;
}

/* ---- edits ----------------------------------------------------------- */

unsigned bl_lineedit_insert(bl_lineedit *le, const char *s, size_t len)
{
    if (len == 0 || len > BL_LINEEDIT_MAX - le->len || reserve(le, le->len + len) != 0)
        return 0;
    memmove(le->buf + le->cur + len, le->buf + le->cur, le->len - le->cur + 1);
    memcpy(le->buf + le->cur, s, len);
    le->len += len;
    le->cur += len;
    return BL_LE_CHANGED | BL_LE_MOVED;
}

static size_t typed_utf8(uint32_t cp, utf8proc_uint8_t out[4]);

unsigned bl_lineedit_insert_cp(bl_lineedit *le, uint32_t cp)
{
    utf8proc_uint8_t buf[4];
    size_t n = typed_utf8(cp, buf);
    return n ? bl_lineedit_insert(le, (const char *)buf, n) : 0;
}

/* The UTF-8 of cp when a typed cp would be taken; 0 when refused. */
static size_t typed_utf8(uint32_t cp, utf8proc_uint8_t out[4])
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp > 0x10FFFF ||
        !utf8proc_codepoint_valid((utf8proc_int32_t)cp) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
        (cp & 0xFFFE) == 0xFFFE)
        return 0;
    utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, out);
    return n > 0 ? (size_t)n : 0;
}

unsigned bl_lineedit_paste(bl_lineedit *le, const char *s, size_t len)
{
    size_t room = BL_LINEEDIT_MAX - (le->len < BL_LINEEDIT_MAX ? le->len : BL_LINEEDIT_MAX);
    char *clean = malloc(room + 1);
    if (!clean)
        return 0;
    size_t o = 0;
    unsigned cut = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp = -1;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i < 4 ? len - i : 4), &cp);
        if (n < 1 || cp < 0) {
            i++; /* an invalid byte */
            continue;
        }
        i += (size_t)n;
        if (cp == '\r' && i < len && s[i] == '\n')
            i++; /* CR LF: one line break */
        utf8proc_uint8_t u[4];
        size_t k;
        if (cp == '\r' || cp == '\n' || cp == '\t' || cp == '\v' || cp == '\f' || cp == 0x85 ||
            cp == 0x2028 || cp == 0x2029) {
            u[0] = ' ';
            k = 1;
        } else {
            k = typed_utf8((uint32_t)cp, u);
        }
        if (!k)
            continue;
        if (o + k > room) {
            cut = BL_LE_CUT;
            break;
        }
        memcpy(clean + o, u, k);
        o += k;
    }
    unsigned r = o ? bl_lineedit_insert(le, clean, o) : 0;
    free(clean);
    return r ? r | cut : cut;
}

/* Deletes [from, to) and leaves the cursor at from. */
static unsigned cut(bl_lineedit *le, size_t from, size_t to)
{
    if (to <= from)
        return 0;
    memmove(le->buf + from, le->buf + to, le->len - to + 1);
    le->len -= to - from;
    unsigned r = BL_LE_CHANGED | (le->cur != from ? BL_LE_MOVED : 0);
    le->cur = from;
    return r;
}

static unsigned move_to(bl_lineedit *le, size_t to)
{
    if (to == le->cur)
        return 0;
    le->cur = to;
    return BL_LE_MOVED;
}

unsigned bl_lineedit_apply(bl_lineedit *le, enum bl_lineedit_op op)
{
    if (!le->buf)
        return 0;
    switch (op) {
    case BL_LE_LEFT:
        return move_to(le, prev_char(le, le->cur));
    case BL_LE_RIGHT:
        return move_to(le, next_char(le, le->cur));
    case BL_LE_HOME:
        return move_to(le, 0);
    case BL_LE_END:
        return move_to(le, le->len);
    case BL_LE_BACKSPACE:
        return cut(le, prev_char(le, le->cur), le->cur);
    case BL_LE_DELETE:
        return cut(le, le->cur, next_char(le, le->cur));
    case BL_LE_KILL_START:
        return cut(le, 0, le->cur);
    case BL_LE_KILL_END:
        return cut(le, le->cur, le->len);
    case BL_LE_KILL_WORD: {
        size_t p = le->cur;
        while (p > 0 && is_blank(le->buf[p - 1]))
            p--;
        while (p > 0 && !is_blank(le->buf[p - 1]))
            p--;
        /* p is on a boundary: blanks are ASCII and never inside a
         * character (but a combining mark after a blank belongs to it). */
        if (p > 0 && p < le->len && next_char(le, prev_char(le, p)) != p)
            p = prev_char(le, p);
        return cut(le, p, le->cur);
    }
    }
    return 0;
}

/* ---- the window -------------------------------------------------------- */

void bl_lineedit_view(bl_lineedit *le, int cols, size_t *start, size_t *end, int *cursor_col)
{
    if (cols < 1)
        cols = 1;
    if (le->scroll > le->len)
        le->scroll = 0;
    if (le->cur < le->scroll) {
        /* Moved left out of the window: keep a third of it as context. */
        size_t s = le->cur;
        while (s > 0) {
            size_t p = prev_char(le, s);
            if (width(le, p, le->cur) > cols / 3)
                break;
            s = p;
        }
        le->scroll = s;
    }
    /* The cursor's cell: the character under it, or one at the end. */
    int cw = 1;
    if (le->cur < le->len) {
        int w = width(le, le->cur, next_char(le, le->cur));
        cw = w > 1 ? w : 1;
    }
    while (le->scroll < le->cur && width(le, le->scroll, le->cur) + cw > cols)
        le->scroll = next_char(le, le->scroll);
    /* Room left at the right: pull earlier text back in. */
    while (le->scroll > 0) {
        size_t p = prev_char(le, le->scroll);
        if (width(le, p, le->len) + (le->cur == le->len ? 1 : 0) > cols)
            break;
        le->scroll = p;
    }
    *start = le->scroll;
    *end = le->scroll +
        bl_text_fit(le->buf ? le->buf + le->scroll : "", le->len - le->scroll, cols, NULL);
    *cursor_col = width(le, le->scroll, le->cur);
}
