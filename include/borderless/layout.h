/* layout.h — text measured and wrapped by display width, and an entry laid
 * out into styled lines for a given width.  Pure: no curses, no locale.
 *
 * Text is UTF-8.  Every function here decodes it the same way (utf8proc,
 * independent of the locale, and the one source of display widths: the
 * screen draws every character in the columns measured here): an invalid byte, a control character, a
 * surrogate, an unassigned or private-use code point is shown as U+FFFD
 * ('?' in ASCII mode); tabs and line/paragraph separators are spaces;
 * format characters (zero-width space, soft hyphen ...) are dropped.  So the
 * text of a laid-out line is always safe to print on a terminal.
 *
 * ASCII mode (for a terminal whose locale is not UTF-8) transliterates each
 * character to ASCII of the *same display width*: accents are stripped,
 * typographic punctuation becomes its plain form, a bullet becomes '-', and a
 * wide character becomes "??".  So wrapping is identical in both modes and
 * byte offsets into the source text stay valid.
 */
#ifndef BORDERLESS_LAYOUT_H
#define BORDERLESS_LAYOUT_H

#include "borderless/model.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- characters ---------------------------------------------------- */

/* One displayable character decoded from UTF-8. */
typedef struct bl_glyph {
    int32_t cp; /* code point to show (after replacement); -1: show nothing */
    int width; /* display columns: 0, 1 or 2 */
    size_t len; /* bytes of the source it consumed (>= 1) */
} bl_glyph;

/* Decodes the glyph at s[0..len) (len > 0) into *g and returns g->len. */
size_t bl_glyph_next(const char *s, size_t len, bl_glyph *g);

/* 1 when terminals do not agree on cp's display width, so a line holding
 * it may be drawn wider or narrower than laid out: spacing combining marks
 * (Devanagari vowel signs ...), Hangul medial and final jamo, hexagrams,
 * circled and enclosed numbers and letters, flags, emoji presentation
 * selectors.  bl_glyph_next gives such characters the larger of the usual
 * widths; `borderless check` warns about them. */
int bl_char_width_unreliable(int32_t cp);

/* Encodes g into out (at most 4 bytes, no NUL); returns the byte count.
 * ascii: the ASCII fallback, exactly g->width bytes. */
size_t bl_glyph_encode(const bl_glyph *g, int ascii, char out[4]);

/* Display width of s[0..len). */
int bl_text_width(const char *s, size_t len);

/* The longest prefix of s[0..len) that fits in `cols` columns (whole
 * glyphs; zero-width glyphs after the last one are kept).  Returns its
 * length in bytes; *used (may be NULL) gets its width. */
size_t bl_text_fit(const char *s, size_t len, int cols, int *used);

/* Copies s[0..len) made safe to print (see above) into a new malloc'd
 * NUL-terminated string; *out_len (may be NULL) gets its length.  NULL when
 * memory runs out. */
char *bl_text_sanitize(const char *s, size_t len, int ascii, size_t *out_len);

/* ---- wrapping ------------------------------------------------------ */

/* Receives one wrapped line: the byte range s[start..end) of the source and
 * its display width.  A non-zero return stops bl_wrap, which returns it. */
typedef int (*bl_wrap_fn)(void *ctx, size_t start, size_t end, int cols);

/* Wraps one paragraph s[0..len) into lines of at most `width` columns
 * (width < 1 counts as 1).  Breaks at spaces (dropped at the break) or
 * after a hyphen or slash inside a word; a word
 * longer than the width is cut between characters.  A single glyph wider
 * than the width (a wide character at width 1) gets a line of its own.
 * A URL (a word holding "://") is never broken: it moves to the next line
 * when it does not fit, and one longer than the width gets a line of its
 * own, whole, wider than the width.
 * An empty or blank paragraph yields no line.  Returns 0 or the first
 * non-zero value of fn. */
int bl_wrap(const char *s, size_t len, int width, bl_wrap_fn fn, void *ctx);

/* ---- bars ---------------------------------------------------------- */

/* `cells` cells of a bar, the first `filled` dark (U+2593) and the rest
 * light (U+2591), UTF-8, into buf (3 bytes a cell; cut to whole cells when
 * size is short).  Shown through bl_text_sanitize's ASCII mode they become
 * '#' and '-'.  Returns the bytes written. */
int bl_bar(int filled, int cells, char *buf, size_t size);

/* The fit chart's line for dimension d at `level` (clamped to 0..4), as a
 * role's page shows it: "Label  low ▓▓▓▓░░░░ high", labels padded so that
 * the bars of all dimensions line up.  As snprintf: returns the length it
 * needs (buf may be NULL when size is 0), -1 for an unknown d. */
int bl_fit_bar(enum bl_fit_dim d, int level, char *buf, size_t size);

/* ---- the layout of an entry ----------------------------------------- */

enum bl_line_style {
    BL_LINE_BLANK,
    BL_LINE_TITLE, /* the entry's title */
    BL_LINE_HEADING, /* a field's heading, "Sources" */
    BL_LINE_TEXT, /* a line of a paragraph */
    BL_LINE_ITEM, /* a line of a bullet list item (first line has the bullet) */
    BL_LINE_LINK, /* a line of a link to another entry (see bl_line.link) */
    BL_LINE_SOURCE, /* a line of a source: title, then its URL */
    BL_LINE_META /* "Last reviewed: YYYY-MM-DD" */
};

typedef struct bl_line {
    enum bl_line_style style;
    const char *text; /* display-ready UTF-8, NUL-terminated, includes indent */
    size_t len; /* bytes of text */
    int cols; /* display width of text: <= the layout width (but see bl_wrap) */
    int indent; /* leading columns that are decoration (bullet, indent) */
    int part; /* enum bl_field, or BL_PART_* (model.h) */
    size_t item; /* list item / link / source index; paragraph index for text */
    size_t src_start; /* byte range of the source string shown after the indent */
    size_t src_end; /*   (the field text or item; title for the title) */
    long link; /* entry index this line links to, or -1 */
    long link_no; /* ordinal of that link in bl_layout.links, or -1 */
} bl_line;

typedef struct bl_layout {
    int width; /* the width it was laid out for */
    const bl_line *lines;
    size_t n_lines;
    const size_t *headings; /* line numbers of BL_LINE_HEADING lines, ascending */
    size_t n_headings;
    const size_t *links; /* line number of the first line of each link */
    const long *link_targets; /* entry index of each link */
    /* For each link: the glossary term it opens at (an index into
     * g->glossary, item of the glossary's BL_FIELD_GLOSSARY), or -1. */
    const long *link_terms;
    size_t n_links;
    struct bl_layout_mem *mem; /* private */
} bl_layout;

enum { BL_LAYOUT_ASCII = 1 };

/* Lays entry e of guide g out for `width` columns (< 1 counts as 1): title,
 * then each present field under its heading (paragraphs wrapped, lists as
 * bullets with a hanging indent, related roles as link lines); for a role,
 * "Terms used": a link to the glossary's entry of each glossary term its
 * text uses (a whole word as the glossary spells it, or its plural in "s";
 * alphabetical; part BL_FIELD_TERMS, item k the k-th link); then the
 * sources and the review date.  NULL when memory runs out.  The layout
 * copies what it shows; free it with bl_layout_free(). */
bl_layout *bl_layout_entry(const bl_guide *g, const bl_entry *e, int width);

/* The same with flags (BL_LAYOUT_ASCII). */
bl_layout *bl_layout_entry_ex(const bl_guide *g, const bl_entry *e, int width, unsigned flags);

/* Writes every line's text to out, one per line.  0, or -1 on a write
 * error. */
int bl_layout_write_plain(const bl_layout *l, FILE *out);

/* NULL is fine. */
void bl_layout_free(bl_layout *l);

/* A place in an entry independent of the width, to keep the reading
 * position when the entry is laid out again at another width. */
typedef struct bl_layout_pos {
    int part;
    size_t item;
    size_t src;
    size_t nth; /* among the lines with the same part, item and src */
} bl_layout_pos;

/* The place shown by line `line` of l (the first line when out of range). */
bl_layout_pos bl_layout_pos_of(const bl_layout *l, size_t line);

/* The line of l that shows pos, or the nearest line before it. */
size_t bl_layout_line_at(const bl_layout *l, bl_layout_pos pos);

#endif
