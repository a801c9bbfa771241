#include "yamltree.h"
#include "borderless/vec.h"

#include "borderless/loader.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <yaml.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define BL_STR2(x) #x
#define BL_STR(x) BL_STR2(x)

const char *yt_type_name(enum yt_type t)
{
    switch (t) {
    case YT_SCALAR:
        return "a string";
    case YT_SEQ:
        return "a list";
    case YT_MAP:
        return "a mapping";
    }
    return "a value";
}

/* Decodes one UTF-8 sequence at s[i..len) (utf8proc); returns its length,
 * or 0 when it is malformed (overlong forms, surrogates and values past
 * U+10FFFF too). */
static size_t utf8_decode(const unsigned char *s, size_t len, size_t i, unsigned long *cp)
{
    utf8proc_int32_t u = 0;
    utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &u);
    if (n <= 0)
        return 0;
    *cp = (unsigned long)u;
    return (size_t)n;
}

static int is_control(unsigned long cp, int allow_cr)
{
    if (cp == '\n' || cp == '\t' || (allow_cr && cp == '\r'))
        return 0;
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
}

/* 1 when each of the eight bytes in w is printable ASCII (0x20-0x7E), a
 * tab or a newline.  Exact per byte: with the high bits clear, adding
 * 0x60 sets a byte's high bit iff it is 0x20 or more, adding 1 iff it is
 * DEL, and x + 0x7F iff x is not zero, all without carries between bytes. */
static int ascii_text8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    if (w & highs)
        return 0;
    uint64_t ctrl = ~(w + 0x60 * ones) & highs; /* below 0x20 */
    uint64_t del = (w + ones) & highs;
    uint64_t nl = ~((w ^ 0x0A * ones) + 0x7F * ones) & highs;
    uint64_t tab = ~((w ^ 0x09 * ones) + 0x7F * ones) & highs;
    return ((ctrl & ~nl & ~tab) | del) == 0;
}

static int check_bytes(const char *text, size_t len, int allow_cr, size_t *bad_offset,
                       const char **what)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
#ifdef __SSE2__
        /* Sixteen bytes at a time: a byte below 0x20 (signed, so every
         * byte from 0x80 up too) other than a tab or newline, or DEL,
         * stops it at that byte. */
        while (len - i >= 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            __m128i bad = _mm_cmplt_epi8(x, _mm_set1_epi8(0x20));
            bad = _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), bad);
            bad = _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\t')), bad);
            bad = _mm_or_si128(bad, _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F)));
            unsigned m = (unsigned)_mm_movemask_epi8(bad);
            if (m) {
                i += (size_t)__builtin_ctz(m);
                break;
            }
            i += 16;
        }
#endif
        /* Fast path (most content is ASCII): eight bytes at a time while
         * they are printable ASCII, tabs and newlines, then one by one up
         * to the next multiple of eight; anything else goes below. */
        while (len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!ascii_text8(w))
                break;
            i += 8;
        }
        for (size_t stop = len - i < 8 ? len : i + 8;
             i < stop && ((s[i] >= 0x20 && s[i] < 0x7F) || s[i] == '\n' || s[i] == '\t');)
            i++;
        if (i < len && ((s[i] >= 0x20 && s[i] < 0x7F) || s[i] == '\n' || s[i] == '\t'))
            continue; /* eight good bytes: back to the fast path */
        if (i == len)
            break;
        unsigned long cp;
        size_t n = utf8_decode(s, len, i, &cp);
        if (n == 0) {
            *bad_offset = i;
            *what = "invalid UTF-8";
            return -1;
        }
        /* A CR is allowed only as part of a CRLF line end: libyaml takes a
         * lone CR for a line break, which would put every position after it
         * on the wrong line. */
        if (is_control(cp, allow_cr && (cp != '\r' || (i + 1 < len && s[i + 1] == '\n')))) {
            *bad_offset = i;
            *what = "control character";
            return -1;
        }
        i += n;
    }
    return 0;
}

int yt_check_text(const char *s, size_t len, size_t *bad_offset, const char **what)
{
    return check_bytes(s, len, 0, bad_offset, what);
}

/* 1-based line and column (in characters) of byte offset off. */
static void position_of(const unsigned char *buf, size_t off, size_t *line, size_t *column)
{
    size_t l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        if (buf[i] == '\n') {
            l++;
            c = 1;
        } else if ((buf[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *column = c;
}

struct yt_parser {
    yaml_parser_t yaml;
    bl_arena *arena;
    const char *path;
    bl_diags *diags;
    int fatal; /* parsing cannot go on */
    int errors; /* problems reported so far */
    /* Children of the open collections, innermost last: one vector for the
     * whole file instead of one allocation per list or mapping. */
    struct kids {
        yt_node **v;
        size_t n, cap;
    } kids;
};

static void report(struct yt_parser *p, yaml_mark_t m, const char *what, const char *arg)
{
    p->errors++;
    if (arg)
        bl_diags_add(p->diags, p->path, m.line + 1, m.column + 1, "%s (%s)", what, arg);
    else
        bl_diags_add(p->diags, p->path, m.line + 1, m.column + 1, "%s", what);
}

static void report_yaml_error(struct yt_parser *p)
{
    const yaml_parser_t *y = &p->yaml;
    yaml_mark_t m = y->problem_mark;
    const char *problem = y->problem ? y->problem : "unknown problem";
    p->errors++;
    p->fatal = 1;
    if (y->error == YAML_MEMORY_ERROR) {
        bl_diags_add(p->diags, p->path, 0, 0, "out of memory while parsing");
    } else if (y->context) {
        yaml_mark_t cm = y->context_mark;
        bl_diags_add(p->diags, p->path, m.line + 1, m.column + 1,
                     "YAML syntax error: %s %s that starts at line %zu", problem, y->context,
                     (size_t)cm.line + 1);
    } else {
        bl_diags_add(p->diags, p->path, m.line + 1, m.column + 1, "YAML syntax error: %s", problem);
    }
}

static int next_event(struct yt_parser *p, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&p->yaml, ev)) {
        report_yaml_error(p);
        return -1;
    }
    return 0;
}

static int kids_push(struct kids *k, yt_node *node)
{
    if (k->n == k->cap) { /* every node comes here: grow only when full */
        yt_node **v = bl_vec_grow(k->v, &k->cap, k->n + 1, sizeof *v, 8);
        if (!v)
            return -1;
        k->v = v;
    }
    k->v[k->n++] = node;
    return 0;
}

static yt_node *new_node(struct yt_parser *p, enum yt_type type, yaml_mark_t m)
{
    yt_node *n = bl_arena_alloc(p->arena, sizeof *n);
    if (!n) {
        p->fatal = 1;
        bl_diags_add(p->diags, p->path, 0, 0, "out of memory");
        return NULL;
    }
    n->type = type;
    n->line = m.line + 1;
    n->column = m.column + 1;
    return n;
}

/* Anchors, aliases and tags are refused: they are not needed for content,
 * and aliases are the classic way to make a small file cost a lot. */
static int refuse_extras(struct yt_parser *p, const yaml_event_t *ev, const yaml_char_t *anchor,
                         const yaml_char_t *tag)
{
    if (anchor) {
        report(p, ev->start_mark, "anchors and aliases are not allowed", (const char *)anchor);
        return -1;
    }
    if (tag) {
        report(p, ev->start_mark, "tags are not allowed", (const char *)tag);
        return -1;
    }
    return 0;
}

static yt_node *parse_node(struct yt_parser *p, yaml_event_t *ev, int depth);

static yt_node *parse_scalar(struct yt_parser *p, yaml_event_t *ev)
{
    if (refuse_extras(p, ev, ev->data.scalar.anchor, ev->data.scalar.tag) < 0)
        return NULL;
    yt_node *n = new_node(p, YT_SCALAR, ev->start_mark);
    if (!n)
        return NULL;
    const char *value = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    if (len > BL_MAX_STRING) {
        p->errors++;
        bl_diags_add(p->diags, p->path, n->line, n->column, "text is longer than %zu bytes",
                     BL_MAX_STRING);
        return NULL;
    }
    size_t bad;
    const char *what;
    /* Raw bytes were checked before parsing; only a double-quoted scalar's
     * escapes can make new characters. */
    if (ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
        yt_check_text(value, len, &bad, &what) < 0) {
        /* Raw bytes were checked before parsing, so this came from an
         * escape sequence in a quoted string. */
        unsigned char c = (unsigned char)value[bad];
        p->errors++;
        bl_diags_add(p->diags, p->path, n->line, n->column,
                     "%s in text (an escape producing byte 0x%02X); only newline and tab "
                     "are allowed",
                     what, c);
        return NULL;
    }
    n->str = bl_arena_strndup(p->arena, value, len);
    if (!n->str) {
        p->fatal = 1;
        return NULL;
    }
    n->len = len;
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    return n;
}

static yt_node *parse_collection(struct yt_parser *p, yaml_event_t *start, int depth)
{
    int is_map = start->type == YAML_MAPPING_START_EVENT;
    const yaml_char_t *anchor =
        is_map ? start->data.mapping_start.anchor : start->data.sequence_start.anchor;
    const yaml_char_t *tag =
        is_map ? start->data.mapping_start.tag : start->data.sequence_start.tag;
    if (refuse_extras(p, start, anchor, tag) < 0) {
        p->fatal = 1; /* skipping a whole collection is not worth it */
        return NULL;
    }
    if (depth > BL_MAX_DEPTH) {
        report(p, start->start_mark, "nesting is deeper than " BL_STR(BL_MAX_DEPTH) " levels",
               NULL);
        p->fatal = 1;
        return NULL;
    }
    yt_node *n = new_node(p, is_map ? YT_MAP : YT_SEQ, start->start_mark);
    if (!n)
        return NULL;
    size_t base = p->kids.n; /* this collection's children start here */
    size_t count = 0;
    int too_long = 0;
    for (;;) {
        yaml_event_t ev;
        if (next_event(p, &ev) < 0)
            break;
        if (ev.type == YAML_MAPPING_END_EVENT || ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        yaml_mark_t mark = ev.start_mark;
        yt_node *kid = parse_node(p, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (p->fatal)
            break;
        count++;
        if (count > (size_t)BL_MAX_LIST * (is_map ? 2 : 1)) {
            if (!too_long)
                report(p, mark,
                       is_map ? "more than " BL_STR(BL_MAX_LIST) " keys in one mapping"
                              : "more than " BL_STR(BL_MAX_LIST) " items in one list",
                       NULL);
            too_long = 1;
            continue;
        }
        if (!kid) {
            /* A stand-in keeps a mapping's key/value pairs aligned, and keeps
             * a list from looking empty (or shorter) to its users. */
            kid = new_node(p, YT_SCALAR, mark);
            if (!kid)
                break;
            kid->str = "";
            kid->type = YT_SCALAR;
            kid->plain = -1; /* marks a value that was already reported */
        }
        if (kids_push(&p->kids, kid) < 0) {
            p->fatal = 1;
            bl_diags_add(p->diags, p->path, 0, 0, "out of memory");
            break;
        }
    }
    size_t nk = p->kids.n - base;
    if (!p->fatal && nk) {
        n->kids = bl_arena_array(p->arena, nk, sizeof *n->kids);
        if (n->kids) {
            memcpy(n->kids, p->kids.v + base, nk * sizeof *n->kids);
            n->n = nk;
        } else {
            p->fatal = 1;
        }
    }
    p->kids.n = base;
    if (p->fatal)
        return NULL;
    if (is_map) {
        /* Keys must be strings and unique. */
        for (size_t i = 0; i + 1 < n->n; i += 2) {
            yt_node *k = n->kids[i];
            if (k->type != YT_SCALAR) {
                p->errors++;
                bl_diags_add(p->diags, p->path, k->line, k->column,
                             "a key must be a string, not %s", yt_type_name(k->type));
                continue;
            }
            for (size_t j = 0; j < i; j += 2) {
                const yt_node *o = n->kids[j];
                if (o->type == YT_SCALAR && o->plain != -1 && o->len == k->len &&
                    memcmp(o->str, k->str, k->len) == 0 && k->plain != -1) {
                    p->errors++;
                    bl_diags_add(p->diags, p->path, k->line, k->column,
                                 "duplicate key \"%s\" (first at line %zu)", k->str, o->line);
                    break;
                }
            }
        }
    }
    return n;
}

static yt_node *parse_node(struct yt_parser *p, yaml_event_t *ev, int depth)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        return parse_scalar(p, ev);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        return parse_collection(p, ev, depth);
    case YAML_ALIAS_EVENT:
        report(p, ev->start_mark, "anchors and aliases are not allowed",
               (const char *)ev->data.alias.anchor);
        return NULL;
    default:
        report(p, ev->start_mark, "unexpected YAML structure", NULL);
        p->fatal = 1;
        return NULL;
    }
}

/* Reads events until the stream ends; returns the document's root. */
static yt_node *parse_stream(struct yt_parser *p)
{
    yt_node *root = NULL;
    int docs = 0;
    for (;;) {
        yaml_event_t ev;
        if (next_event(p, &ev) < 0)
            return NULL;
        yaml_event_type_t type = ev.type;
        yaml_mark_t mark = ev.start_mark;
        if (type == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        if (type == YAML_DOCUMENT_START_EVENT) {
            yaml_event_delete(&ev);
            if (++docs > 1) {
                report(p, mark, "only one YAML document is allowed in a file", NULL);
                return NULL;
            }
            continue;
        }
        if (type == YAML_STREAM_START_EVENT || type == YAML_DOCUMENT_END_EVENT) {
            yaml_event_delete(&ev);
            continue;
        }
        root = parse_node(p, &ev, 1);
        yaml_event_delete(&ev);
        if (p->fatal)
            return NULL;
    }
    if (docs == 0) {
        p->errors++;
        bl_diags_add(p->diags, p->path, 0, 0, "the file is empty");
        return NULL;
    }
    return root;
}

yt_node *yt_parse(bl_arena *a, const char *path, const unsigned char *buf, size_t len,
                  bl_diags *diags, int *n_errors)
{
    *n_errors = 1;
    size_t off = 0, bad;
    const char *what;
    /* A UTF-8 byte order mark is fine (libyaml skips it). */
    if (len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF)
        off = 3;
    if (check_bytes((const char *)buf + off, len - off, 1, &bad, &what) < 0) {
        size_t line, column;
        /* Positions count from after the BOM, as libyaml's do. */
        position_of(buf + off, bad, &line, &column);
        bl_diags_add(diags, path, line, column, "%s (byte 0x%02X); %s", what, buf[off + bad],
                     what[0] == 'i' ? "save the file as UTF-8"
                                    : "only newline and tab are allowed");
        return NULL;
    }
    /* The BOM is skipped here: with the encoding set explicitly, libyaml's
     * scanner skips it but counts it as a column, so the root mapping would
     * start at column 2 and every later line would be a syntax error. */
    buf += off;
    len -= off;
    struct yt_parser p = {.arena = a, .path = path, .diags = diags};
    if (!yaml_parser_initialize(&p.yaml)) {
        bl_diags_add(diags, path, 0, 0, "out of memory");
        return NULL;
    }
    yaml_parser_set_input_string(&p.yaml, buf, len);
    yaml_parser_set_encoding(&p.yaml, YAML_UTF8_ENCODING);
    yt_node *root = parse_stream(&p);
    yaml_parser_delete(&p.yaml);
    free(p.kids.v);
    *n_errors = p.errors;
    return p.fatal ? NULL : root;
}
