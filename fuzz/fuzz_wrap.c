/* fuzz_wrap — text measured, cut and wrapped at random widths (layout.h).
 *
 * Input: two bytes choose the width (-8 .. 247) and the ASCII flag; the
 * rest is the text.  Checks the contracts of bl_wrap, bl_text_fit,
 * bl_text_width and bl_text_sanitize against each other. */
#include "fuzz.h"

#include "borderless/layout.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct wrap_check {
    const char *s;
    size_t len;
    int width;
    size_t last_end;
    size_t lines;
};

/* One word (no space) holding "://": a URL, which bl_wrap never breaks. */
static int is_url_line(const char *s, size_t len)
{
    int url = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
            return 0;
        if (i + 3 <= len && memcmp(s + i, "://", 3) == 0)
            url = 1;
    }
    return url;
}

static int on_line(void *ctx, size_t start, size_t end, int cols)
{
    struct wrap_check *c = ctx;
    if (start > end || end > c->len || start < c->last_end)
        abort();
    if (cols != bl_text_width(c->s + start, end - start))
        abort();
    if (cols > c->width && is_url_line(c->s + start, end - start)) {
        /* A URL is never broken: alone on its line, whole. */
    } else if (cols > c->width) {
        /* Only a single glyph wider than the width may overflow (with any
         * zero-width glyphs, such as a direction mark, around it). */
        bl_glyph g;
        size_t at = start;
        do
            at += bl_glyph_next(c->s + at, end - at, &g);
        while (g.width == 0 && at < end);
        if (bl_text_width(c->s + at, end - at) != 0)
            abort();
    }
    c->last_end = end;
    c->lines++;
    /* The line count is at most the byte count. */
    if (c->lines > c->len)
        abort();
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    int width = (int)data[0] - 8;
    int ascii = data[1] & 1;
    const char *s = (const char *)data + 2;
    size_t len = size - 2;

    struct wrap_check c = {.s = s, .len = len, .width = width < 1 ? 1 : width};
    if (bl_wrap(s, len, width, on_line, &c) != 0)
        abort();

    int total = bl_text_width(s, len);
    if (total < 0)
        abort();
    int used = -1;
    size_t fit = bl_text_fit(s, len, width, &used);
    if (fit > len || used < 0 || used > (width < 0 ? 0 : width) || used != bl_text_width(s, fit))
        abort();
    if (width >= total && fit != len)
        abort();

    size_t out_len = 0;
    char *safe = bl_text_sanitize(s, len, ascii, &out_len);
    if (!safe)
        abort();
    if (strlen(safe) != out_len || bl_text_width(safe, out_len) != total)
        abort();
    for (size_t i = 0; i < out_len; i++) {
        unsigned char ch = (unsigned char)safe[i];
        if (ch < 0x20 || ch == 0x7f || (ascii && ch >= 0x80))
            abort();
    }
    free(safe);
    return 0;
}
