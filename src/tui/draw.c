#include "draw.h"

#include "borderless/layout.h"

#include <string.h>
#include <wchar.h>

/* The bytes that make curses give g exactly the g->width cells the layout
 * measured (at most 5).  curses places characters by the C library's
 * wcwidth(), which can disagree with the layout's widths (layout.h): the
 * layout decides.  A character curses finds narrower is padded with spaces;
 * one it finds wider, or does not know, shows as U+FFFD and padding; a
 * zero-width one it would give a cell is left out. */
static size_t cell_bytes(const bl_glyph *g, int ascii, char out[5])
{
    if (ascii || g->cp < 0x80)
        return bl_glyph_encode(g, ascii, out);
    int cw = wcwidth((wchar_t)g->cp);
    if (cw == g->width)
        return bl_glyph_encode(g, 0, out);
    if (g->width == 0)
        return 0;
    size_t o;
    if (cw >= 0 && cw < g->width) {
        o = bl_glyph_encode(g, 0, out);
    } else {
        bl_glyph r = {.cp = 0xFFFD, .width = 1, .len = 1};
        o = bl_glyph_encode(&r, 0, out);
        cw = 1;
    }
    for (; cw < g->width; cw++)
        out[o++] = ' ';
    return o;
}

int draw_text(WINDOW *w, const char *s, size_t len, int cols, int ascii)
{
    if (cols <= 0)
        return 0;
    int fits_all;
    int total_used;
    size_t fit = bl_text_fit(s, len, cols, &total_used);
    fits_all = fit == len;
    /* Not all of it: leave a column for the cut mark. */
    if (!fits_all)
        fit = bl_text_fit(s, len, cols - 1, NULL);
    char buf[256];
    size_t o = 0;
    int used = 0;
    for (size_t i = 0; i < fit;) {
        bl_glyph g;
        i += bl_glyph_next(s + i, fit - i, &g);
        if (o + 5 > sizeof buf) {
            waddnstr(w, buf, (int)o);
            o = 0;
        }
        o += cell_bytes(&g, ascii, buf + o);
        used += g.width;
    }
    if (!fits_all) {
        bl_glyph mark = {.cp = 0x2026, .width = 1, .len = 3};
        if (o + 4 > sizeof buf) {
            waddnstr(w, buf, (int)o);
            o = 0;
        }
        if (ascii)
            buf[o++] = '~';
        else
            o += bl_glyph_encode(&mark, 0, buf + o);
        used++;
    }
    if (o)
        waddnstr(w, buf, (int)o);
    return used;
}

int draw_str(WINDOW *w, const char *s, int cols, int ascii)
{
    return draw_text(w, s, strlen(s), cols, ascii);
}

void draw_fill(WINDOW *w, int n)
{
    int x = getcurx(w), maxx = getmaxx(w);
    for (int i = 0; i < n && x + i < maxx; i++)
        waddch(w, ' ');
}

int draw_text_tail(WINDOW *w, const char *s, size_t len, int cols, int ascii)
{
    if (cols <= 0)
        return 0;
    int total = bl_text_width(s, len);
    if (total <= cols)
        return draw_text(w, s, len, cols, ascii);
    /* Skip glyphs until the rest fits after the mark. */
    size_t i = 0;
    while (i < len && total > cols - 1) {
        bl_glyph g;
        i += bl_glyph_next(s + i, len - i, &g);
        total -= g.width;
    }
    int used = draw_str(w, ascii ? "~" : "\u2026", 1, ascii);
    return used + draw_text(w, s + i, len - i, cols - used, ascii);
}

void draw_mark(WINDOW *w, int y, int x, int cols, attr_t a)
{
    int maxx = getmaxx(w);
    if (x < 0) {
        cols += x;
        x = 0;
    }
    if (cols > maxx - x)
        cols = maxx - x;
    if (cols <= 0 || y < 0 || y >= getmaxy(w))
        return;
    mvwchgat(w, y, x, cols, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
}
