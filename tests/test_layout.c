/* test_layout.c — display width, wrapping and the layout of entries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/layout.h"
#include "tui_fixtures/fixture_guide.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- wrapping helpers ------------------------------------------------ */

#define MAX_LINES 256

struct wrapped {
    const char *src;
    size_t n;
    char text[MAX_LINES][128];
    int cols[MAX_LINES];
};

static int collect(void *ctx, size_t start, size_t end, int cols)
{
    struct wrapped *w = ctx;
    assert_true(w->n < MAX_LINES);
    assert_true(end > start);
    assert_true(end - start < sizeof w->text[0]);
    memcpy(w->text[w->n], w->src + start, end - start);
    w->text[w->n][end - start] = '\0';
    w->cols[w->n] = cols;
    w->n++;
    return 0;
}

static void wrap(struct wrapped *w, const char *s, int width)
{
    memset(w, 0, sizeof *w);
    w->src = s;
    assert_int_equal(bl_wrap(s, strlen(s), width, collect, w), 0);
}

static void expect_lines(const struct wrapped *w, const char *const *want, size_t n)
{
    assert_int_equal(w->n, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(w->text[i], want[i]);
}

/* ---- width and sanitising -------------------------------------------- */

static int width_of(int32_t cp)
{
    char buf[4];
    bl_glyph g = {.cp = cp, .width = 1, .len = 1};
    size_t n = bl_glyph_encode(&g, 0, buf);
    assert_true(n > 0);
    return bl_text_width(buf, n);
}

/* Where utf8proc and the C library disagree, the wider width: a line may
 * show a gap but never runs past its width. */
static void test_width_disagreements(void **state)
{
    (void)state;
    assert_int_equal(width_of(0x4DC0), 2); /* hexagram (utf8proc: 1) */
    assert_int_equal(width_of(0x4DFF), 2);
    assert_int_equal(width_of(0x3248), 2); /* circled 10 on a square (utf8proc: 1) */
    assert_int_equal(width_of(0x093E), 1); /* Devanagari sign AA, Mc (utf8proc: 0) */
    assert_int_equal(width_of(0x093F), 1);
    assert_int_equal(width_of(0x0903), 1); /* visarga */
    assert_int_equal(width_of(0x1161), 1); /* Hangul medial jamo (libc: 0) */
    assert_int_equal(width_of(0x11A8), 1); /* final jamo */
    /* Unchanged around them. */
    assert_int_equal(width_of(0x0947), 0); /* Devanagari sign E, Mn */
    assert_int_equal(width_of(0x0301), 0); /* combining acute */
    assert_int_equal(width_of(0x4E2D), 2); /* 中 */
    assert_int_equal(width_of(0x2460), 1); /* ① (East Asian ambiguous) */
    assert_int_equal(width_of(0x4DBF), 2); /* CJK ext. A, just before the hexagrams */
    /* A run of hexagrams wraps at half as many per line. */
    char hx[64 * 3 + 1];
    size_t o = 0;
    for (int32_t cp = 0x4DC0; cp < 0x4DC0 + 64; cp++) {
        bl_glyph g = {.cp = cp, .width = 2, .len = 1};
        o += bl_glyph_encode(&g, 0, hx + o);
    }
    hx[o] = '\0';
    struct wrapped w;
    wrap(&w, hx, 10);
    assert_int_equal(w.n, 13);
    for (size_t i = 0; i < w.n; i++)
        assert_true(w.cols[i] <= 10);
    assert_int_equal(w.cols[0], 10);
    assert_int_equal(w.cols[12], 8);
}

static void test_width_unreliable(void **state)
{
    (void)state;
    static const int32_t yes[] = {0x4DC0, 0x4DFF,  0x3248,  0x324F, 0x093E, 0x0903,
                                  0x1160, 0x11FF,  0xD7B0,  0x2460, 0x2473, 0x24FF,
                                  0x2776, 0x1F1E6, 0x1F100, 0xFE0F, 0xFE0E};
    static const int32_t no[] = {'a',    0x00E9, 0x00D7, 0x2013, 0x2019, 0x2022,  0x2026,
                                 0x4E2D, 0x0915, 0x0947, 0x1100, 0xAC00, 0x1F600, 0x2502};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        assert_true(bl_char_width_unreliable(yes[i]));
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_false(bl_char_width_unreliable(no[i]));
}

static void test_width(void **state)
{
    (void)state;
    assert_int_equal(bl_text_width("hello", 5), 5);
    assert_int_equal(bl_text_width("caf\xc3\xa9", 5), 4); /* é */
    assert_int_equal(bl_text_width("\xe4\xb8\xad\xe6\x96\x87", 6), 4); /* 中文 */
    assert_int_equal(bl_text_width("e\xcc\x81", 3), 1); /* e + combining acute */
    assert_int_equal(bl_text_width("a\xff"
                                   "b",
                                   3),
                     3); /* invalid byte: one cell */
    assert_int_equal(bl_text_width("a\x01"
                                   "b",
                                   3),
                     3); /* control: one cell */
    assert_int_equal(bl_text_width("a\xe2\x80\x8b"
                                   "b",
                                   5),
                     2); /* zero-width space dropped */
    assert_int_equal(bl_text_width("\xe4\xb8", 2), 2); /* truncated sequence */
    assert_int_equal(bl_text_width("", 0), 0);
}

static void test_fit(void **state)
{
    (void)state;
    int used = -1;
    assert_int_equal(bl_text_fit("abcdef", 6, 4, &used), 4);
    assert_int_equal(used, 4);
    /* A wide character that would straddle the limit stays out. */
    assert_int_equal(bl_text_fit("a\xe4\xb8\xad"
                                 "b",
                                 5, 2, &used),
                     1);
    assert_int_equal(used, 1);
    assert_int_equal(bl_text_fit("a\xe4\xb8\xad"
                                 "b",
                                 5, 3, &used),
                     4);
    assert_int_equal(used, 3);
    assert_int_equal(bl_text_fit("abc", 3, 0, &used), 0);
    assert_int_equal(used, 0);
}

static void test_sanitize(void **state)
{
    (void)state;
    size_t len;
    char *s = bl_text_sanitize("a\tb\x01"
                               "c\xff",
                               6, 0, &len);
    assert_non_null(s);
    assert_string_equal(s,
                        "a b\xef\xbf\xbd"
                        "c\xef\xbf\xbd");
    assert_int_equal(len, strlen(s));
    free(s);

    /* ASCII: same width per character, so wrapping does not change. */
    const char *in = "Caf\xc3\xa9 \xe2\x80\x94 \xe2\x80\xa2 \xe2\x80\x9cq\xe2\x80\x9d "
                     "\xe4\xb8\xad \xe2\x86\x92 \xc5\x81\xc3\xb3"
                     "d\xc5\xba";
    s = bl_text_sanitize(in, strlen(in), 1, NULL);
    assert_non_null(s);
    assert_string_equal(s, "Cafe - - \"q\" ?? > Lodz");
    assert_int_equal((int)strlen(s), bl_text_width(in, strlen(in)));
    free(s);
}

static void test_glyph_encode_ascii_width(void **state)
{
    (void)state;
    /* Every code point in a broad sample encodes in ASCII to exactly its
     * display width in bytes, all printable. */
    for (int32_t cp = 0x20; cp < 0x3000; cp += 7) {
        char utf8[4];
        bl_glyph g = {.cp = cp, .width = 1};
        size_t n = bl_glyph_encode(&g, 0, utf8);
        if (n == 0)
            continue;
        bl_glyph d;
        bl_glyph_next(utf8, n, &d);
        char out[4];
        size_t m = bl_glyph_encode(&d, 1, out);
        assert_int_equal((int)m, d.width);
        for (size_t i = 0; i < m; i++)
            assert_true(out[i] >= 0x20 && out[i] < 0x7f);
    }
}

/* ---- wrapping ------------------------------------------------------- */

static void test_wrap_words(void **state)
{
    (void)state;
    struct wrapped w;
    wrap(&w, "the quick brown fox jumps", 10);
    const char *const want[] = {"the quick", "brown fox", "jumps"};
    expect_lines(&w, want, 3);
    assert_int_equal(w.cols[0], 9);

    /* Exactly the width fits; spaces at the break are dropped. */
    wrap(&w, "abcde   fghij", 5);
    const char *const want2[] = {"abcde", "fghij"};
    expect_lines(&w, want2, 2);

    wrap(&w, "   ", 5);
    assert_int_equal(w.n, 0);
    wrap(&w, "", 5);
    assert_int_equal(w.n, 0);
}

static void test_wrap_long_word(void **state)
{
    (void)state;
    struct wrapped w;
    wrap(&w, "ab abcdefghij", 4);
    const char *const want[] = {"ab", "abcd", "efgh", "ij"};
    expect_lines(&w, want, 4);
}

static void test_wrap_hyphen(void **state)
{
    (void)state;
    struct wrapped w;
    wrap(&w, "law-enforcement agency", 8);
    const char *const want[] = {"law-", "enforcem", "ent", "agency"};
    expect_lines(&w, want, 4);
    /* A path that is not a URL still breaks after a slash. */
    wrap(&w, "folder/a/long/path", 9);
    const char *const want2[] = {"folder/a/", "long/path"};
    expect_lines(&w, want2, 2);
}

/* A URL is never broken: it moves to the next line, or is alone and whole
 * on a line wider than the width. */
static void test_wrap_url(void **state)
{
    (void)state;
    struct wrapped w;
    wrap(&w, "https://example.org/a/long/path", 14);
    const char *const want[] = {"https://example.org/a/long/path"};
    expect_lines(&w, want, 1);
    assert_int_equal(w.cols[0], 31);
    wrap(&w, "see https://example.org/a/long/path and (http://x.org/y).", 14);
    const char *const want2[] = {"see", "https://example.org/a/long/path", "and",
                                 "(http://x.org/y)."};
    expect_lines(&w, want2, 4);
    /* One that fits stays on the line. */
    wrap(&w, "at http://x.org today", 40);
    const char *const want3[] = {"at http://x.org today"};
    expect_lines(&w, want3, 1);
}

static void test_wrap_width_one(void **state)
{
    (void)state;
    struct wrapped w;
    wrap(&w, "ab c", 1);
    const char *const want[] = {"a", "b", "c"};
    expect_lines(&w, want, 3);
    wrap(&w, "x", 0); /* below 1 counts as 1 */
    assert_int_equal(w.n, 1);
    /* A wide character at width 1 is alone on its line. */
    wrap(&w,
         "a\xe4\xb8\xad"
         "b",
         1);
    const char *const want2[] = {"a", "\xe4\xb8\xad", "b"};
    expect_lines(&w, want2, 3);
    assert_int_equal(w.cols[1], 2);
}

static void test_wrap_wide(void **state)
{
    (void)state;
    struct wrapped w;
    /* 中文字 at width 3: two columns each, so one per line. */
    wrap(&w, "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 3);
    assert_int_equal(w.n, 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(w.cols[i], 2);
    wrap(&w, "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 4);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.cols[0], 4);
    /* Accents are one column each, combining marks stay with their base. */
    wrap(&w, "cafe\xcc\x81 cre\xcc\x80me", 5);
    const char *const want[] = {"cafe\xcc\x81", "cre\xcc\x80me"};
    expect_lines(&w, want, 2);
}

static void test_wrap_invariants(void **state)
{
    (void)state;
    const char *text = "Investigators cannot act on everything: \xe4\xb8\xad\xe6\x96\x87 "
                       "caf\xc3\xa9s, a\xff odd bytes, supercalifragilisticexpialidocious "
                       "and https://www.unodc.org/documents/organized-crime/x.pdf end.";
    size_t len = strlen(text);
    for (int width = 1; width <= 60; width++) {
        struct wrapped w;
        wrap(&w, text, width);
        size_t nonspace = 0;
        for (size_t i = 0; i < w.n; i++) {
            int cols = bl_text_width(w.text[i], strlen(w.text[i]));
            assert_int_equal(cols, w.cols[i]);
            /* Only a single glyph wider than the line, or a URL alone,
             * may exceed it. */
            if (cols > width && strncmp(w.text[i], "https://", 8) != 0)
                assert_true(cols == 2 && width == 1);
            for (const char *p = w.text[i]; *p; p++)
                nonspace += *p != ' ';
        }
        /* Nothing but spaces is lost. */
        size_t want = 0;
        for (size_t i = 0; i < len; i++)
            want += text[i] != ' ';
        assert_int_equal(nonspace, want);
    }
}

/* ---- layout ---------------------------------------------------------- */

static size_t find_line(const bl_layout *l, const char *text)
{
    for (size_t i = 0; i < l->n_lines; i++)
        if (strcmp(l->lines[i].text, text) == 0)
            return i;
    return (size_t)-1;
}

static void test_layout_role(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    assert_non_null(g);
    bl_layout *l = bl_layout_entry(g, &g->entries[0], 40);
    assert_non_null(l);
    assert_int_equal(l->width, 40);

    assert_int_equal(l->lines[0].style, BL_LINE_TITLE);
    assert_string_equal(l->lines[0].text, "Alpha Agent");
    assert_int_equal(l->lines[0].part, BL_PART_TITLE);

    /* Headings from the field table, in reading order, indexed. */
    const char *const headings[] = {"Summary", "What they do", "Skills", "Related roles",
                                    "Sources"};
    assert_int_equal(l->n_headings, 5);
    for (size_t k = 0; k < 5; k++) {
        const bl_line *h = &l->lines[l->headings[k]];
        assert_int_equal(h->style, BL_LINE_HEADING);
        assert_string_equal(h->text, headings[k]);
        /* A blank line before every heading. */
        assert_int_equal(l->lines[l->headings[k] - 1].style, BL_LINE_BLANK);
        if (k)
            assert_true(l->headings[k] > l->headings[k - 1]);
    }

    /* Paragraphs wrapped, separated by a blank line. */
    size_t p = l->headings[0] + 1;
    assert_int_equal(l->lines[p].style, BL_LINE_TEXT);
    assert_string_equal(l->lines[p].text, "Alpha agents connect police forces");
    assert_int_equal(l->lines[p].part, BL_FIELD_SUMMARY);
    size_t second = find_line(l, "Second paragraph here.");
    assert_true(second != (size_t)-1);
    assert_int_equal(l->lines[second - 1].style, BL_LINE_BLANK);
    assert_int_equal(l->lines[second].item, 1);

    /* Bullets with a hanging indent. */
    size_t b = find_line(l, "\xe2\x80\xa2 Coordinates notices between member");
    assert_true(b != (size_t)-1);
    assert_int_equal(l->lines[b].style, BL_LINE_ITEM);
    assert_int_equal(l->lines[b].indent, 2);
    assert_string_equal(l->lines[b + 1].text, "  countries");
    assert_int_equal(l->lines[b + 1].item, 0);
    assert_int_equal(l->lines[b + 1].indent, 2);
    assert_int_equal(l->lines[b + 1].src_start, strlen("Coordinates notices between member "));

    /* Links: related roles with their target entries. */
    assert_int_equal(l->n_links, 2);
    assert_int_equal(l->link_targets[0], 1);
    assert_int_equal(l->link_targets[1], 2);
    const bl_line *ln = &l->lines[l->links[0]];
    assert_int_equal(ln->style, BL_LINE_LINK);
    assert_string_equal(ln->text, "\xe2\x86\x92 Beta Liaison");
    assert_int_equal(ln->link, 1);
    assert_int_equal(ln->link_no, 0);
    assert_int_equal(l->lines[l->links[1]].link_no, 1);
    assert_true(l->links[0] > l->headings[3]);

    /* Sources, then the review date last. */
    size_t s = find_line(l, "\xe2\x80\xa2 INTERPOL careers");
    assert_true(s != (size_t)-1 && s > l->headings[4]);
    assert_int_equal(l->lines[s].style, BL_LINE_SOURCE);
    assert_string_equal(l->lines[s + 1].text, "  https://www.interpol.int/en/Careers");
    const bl_line *last = &l->lines[l->n_lines - 1];
    assert_int_equal(last->style, BL_LINE_META);
    assert_string_equal(last->text, "Last reviewed: 2024-05-01");

    /* Non-link lines carry no link. */
    for (size_t i = 0; i < l->n_lines; i++)
        if (l->lines[i].style != BL_LINE_LINK)
            assert_int_equal(l->lines[i].link, -1);

    bl_layout_free(l);
    bl_guide_free(g);
}

static void test_layout_section(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    bl_layout *l = bl_layout_entry(g, &g->entries[3], 30);
    assert_non_null(l);
    assert_string_equal(l->lines[0].text, "Introduction");
    /* The body has no heading; the role links do. */
    assert_int_equal(l->lines[1].style, BL_LINE_BLANK);
    assert_string_equal(l->lines[2].text, "The introduction.");
    assert_int_equal(l->lines[2].part, BL_FIELD_BODY);
    assert_int_equal(l->n_headings, 1);
    assert_int_equal(l->n_links, 1);
    assert_int_equal(l->link_targets[0], 2);
    assert_string_equal(l->lines[l->links[0]].text, "\xe2\x86\x92 Gamma Analyst");
    /* No sources, no review date for a section. */
    assert_int_equal(l->lines[l->n_lines - 1].style, BL_LINE_LINK);
    bl_layout_free(l);

    /* A section without links. */
    l = bl_layout_entry(g, &g->entries[4], 30);
    assert_non_null(l);
    assert_int_equal(l->n_links, 0);
    assert_int_equal(l->n_headings, 0);
    assert_string_equal(l->lines[l->n_lines - 1].text, "The end.");
    bl_layout_free(l);
    bl_guide_free(g);
}

static void test_layout_ascii(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    bl_layout *l = bl_layout_entry_ex(g, &g->entries[1], 40, BL_LAYOUT_ASCII);
    assert_non_null(l);
    assert_true(find_line(l, "Beta cafe liaison ????.") != (size_t)-1);
    assert_string_equal(l->lines[l->links[0]].text, "> Alpha Agent");
    assert_true(find_line(l, "- INTERPOL careers") != (size_t)-1);
    for (size_t i = 0; i < l->n_lines; i++)
        for (const char *p = l->lines[i].text; *p; p++)
            assert_true(*p >= 0x20 && *p < 0x7f);
    bl_layout_free(l);
    bl_guide_free(g);
}

static void test_layout_every_width(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    for (size_t e = 0; e < g->n_entries; e++) {
        for (int width = -1; width <= 90; width++) {
            bl_layout *l = bl_layout_entry(g, &g->entries[e], width);
            assert_non_null(l);
            int w = width < 1 ? 1 : width;
            assert_true(l->n_lines > 0);
            for (size_t i = 0; i < l->n_lines; i++) {
                const bl_line *ln = &l->lines[i];
                assert_int_equal(ln->cols, bl_text_width(ln->text, ln->len));
                assert_int_equal(ln->len, strlen(ln->text));
                if (ln->cols > w && !strstr(ln->text, "://"))
                    assert_true(w == 1 && ln->cols == 2);
                /* The reading position maps back to the same line. */
                assert_int_equal(bl_layout_line_at(l, bl_layout_pos_of(l, i)), i);
            }
            bl_layout_free(l);
        }
    }
    bl_guide_free(g);
}

static void test_layout_keeps_place(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    bl_layout *narrow = bl_layout_entry(g, &g->entries[0], 20);
    bl_layout *wide = bl_layout_entry(g, &g->entries[0], 70);
    for (size_t i = 0; i < narrow->n_lines; i++) {
        const bl_line *a = &narrow->lines[i];
        size_t j = bl_layout_line_at(wide, bl_layout_pos_of(narrow, i));
        const bl_line *b = &wide->lines[j];
        /* Same part and item, and the wide line shows the narrow line's start. */
        assert_int_equal(a->part, b->part);
        if (a->style != BL_LINE_BLANK && a->style != BL_LINE_HEADING) {
            assert_int_equal(a->item, b->item);
            assert_true(b->src_start <= a->src_start);
            assert_true(a->src_start < b->src_end || a->src_start == b->src_start);
        }
    }
    bl_layout_free(narrow);
    bl_layout_free(wide);
    bl_guide_free(g);
}

static void test_write_plain(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    bl_layout *l = bl_layout_entry(g, &g->entries[4], 30);
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(bl_layout_write_plain(l, f), 0);
    rewind(f);
    char buf[256] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    assert_string_equal(buf, "Closing\n\nThe end.\n");
    fclose(f);

    FILE *full = fopen("/dev/full", "w");
    if (full) {
        assert_int_equal(bl_layout_write_plain(l, full), -1);
        fclose(full);
    }
    bl_layout_free(l);
    bl_layout_free(NULL);
    bl_guide_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_width_disagreements),
        cmocka_unit_test(test_width_unreliable),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_sanitize),
        cmocka_unit_test(test_glyph_encode_ascii_width),
        cmocka_unit_test(test_wrap_words),
        cmocka_unit_test(test_wrap_long_word),
        cmocka_unit_test(test_wrap_hyphen),
        cmocka_unit_test(test_wrap_url),
        cmocka_unit_test(test_wrap_width_one),
        cmocka_unit_test(test_wrap_wide),
        cmocka_unit_test(test_wrap_invariants),
        cmocka_unit_test(test_layout_role),
        cmocka_unit_test(test_layout_section),
        cmocka_unit_test(test_layout_ascii),
        cmocka_unit_test(test_layout_every_width),
        cmocka_unit_test(test_layout_keeps_place),
        cmocka_unit_test(test_write_plain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
