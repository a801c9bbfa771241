/* summary.c — see summary.h.  The document is built in memory (sbuf) and
 * only then handed to the writer, so a failed rendering writes nothing. */
#include "borderless/summary.h"
#include "borderless/vec.h"

#include "borderless/layout.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The fields a summary shows, in order; RELATED is drawn from the links. */
static const enum bl_field summary_fields[] = {
    BL_FIELD_SUMMARY,       BL_FIELD_RESPONSIBILITIES, BL_FIELD_SKILLS,
    BL_FIELD_QUALIFICATIONS, BL_FIELD_ORGANISATIONS,   BL_FIELD_THREATS,
    BL_FIELD_RELATED,
};

#define POINTER_HEADING "More in the guide"

/* ---- a growing buffer ---------------------------------------------- */

typedef struct sbuf {
    char *p;
    size_t len, cap;
    int failed;
} sbuf;

static void put(sbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (n + 1 > b->cap - b->len || !b->p) {
        char *p = n < (size_t)-1 - b->len - 1
                      ? bl_vec_grow(b->p, &b->cap, b->len + n + 1, 1, 4096)
                      : NULL;
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void put_str(sbuf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void put_repeat(sbuf *b, char c, int n)
{
    for (int i = 0; i < n; i++)
        put(b, &c, 1);
}

/* Text made safe to print (layout.h), malloc'd; NULL marks b failed. */
static char *clean(sbuf *b, const char *s, size_t len, size_t *out_len)
{
    if (b->failed)
        return NULL;
    char *c = bl_text_sanitize(s, len, 0, out_len);
    if (!c)
        b->failed = 1;
    return c;
}

/* Calls fn for each paragraph of a TEXT field ("\n\n" between them). */
static void each_paragraph(sbuf *b, const char *text,
                           void (*fn)(sbuf *b, const char *s, size_t len, void *ctx), void *ctx)
{
    size_t len = strlen(text), p = 0;
    while (p < len && !b->failed) {
        const char *sep = strstr(text + p, "\n\n");
        size_t end = sep ? (size_t)(sep - text) : len;
        if (end > p)
            fn(b, text + p, end - p, ctx);
        p = end;
        while (p < len && text[p] == '\n')
            p++;
    }
}

/* ---- plain text ---------------------------------------------------- */

struct wrap_ctx {
    sbuf *b;
    const char *s;
    const char *first, *rest; /* prefixes of the first and later lines */
    int lines;
    int widest;
};

static int wrap_emit(void *ctx, size_t start, size_t end, int cols)
{
    struct wrap_ctx *w = ctx;
    put_str(w->b, w->lines == 0 ? w->first : w->rest);
    put(w->b, w->s + start, end - start);
    put(w->b, "\n", 1);
    w->lines++;
    if (cols > w->widest)
        w->widest = cols;
    return w->b->failed;
}

/* Wraps s (one paragraph) at the summary width after a prefix of `indent`
 * columns.  Returns the widest line's width. */
static int text_wrap(sbuf *b, const char *s, size_t len, const char *first, const char *rest)
{
    size_t n = 0;
    char *c = clean(b, s, len, &n);
    if (!c)
        return 0;
    struct wrap_ctx w = {.b = b, .s = c, .first = first, .rest = rest};
    int indent = bl_text_width(first, strlen(first));
    bl_wrap(c, n, BL_SUMMARY_WIDTH - indent, wrap_emit, &w);
    free(c);
    return w.widest;
}

static void text_heading(sbuf *b, const char *title, char underline)
{
    if (b->len > 0)
        put(b, "\n", 1);
    int width = text_wrap(b, title, strlen(title), "", "");
    put_repeat(b, underline, width);
    put(b, "\n", 1);
}

static void text_paragraph(sbuf *b, const char *s, size_t len, void *ctx)
{
    (void)ctx;
    put(b, "\n", 1);
    text_wrap(b, s, len, "", "");
}

/* ---- Markdown ------------------------------------------------------ */

static int always_escaped(char c)
{
    return c && strchr("\\`*_{}[]<>#|~", c) != NULL;
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char *bl_summary_md_escape(const char *s, size_t len)
{
    sbuf b = {0};
    size_t i = 0;
    while (i < len && s[i] == ' ')
        i++; /* four leading spaces would make a code block */
    /* At the start a block may begin: a list item, a quote, a heading
     * underline, or an ordered item "12." / "12)". */
    if (i < len && (s[i] == '+' || s[i] == '-' || s[i] == '=')) {
        put(&b, "\\", 1);
        put(&b, s + i, 1);
        i++;
    } else {
        size_t j = i;
        while (j < len && j - i < 9 && s[j] >= '0' && s[j] <= '9')
            j++;
        if (j > i && j < len && (s[j] == '.' || s[j] == ')')) {
            put(&b, s + i, j - i);
            put(&b, "\\", 1);
            put(&b, s + j, 1);
            i = j + 1;
        }
    }
    for (; i < len; i++) {
        char c = s[i];
        if (always_escaped(c) ||
            (c == '&' && i + 1 < len && (is_alpha(s[i + 1]) || s[i + 1] == '#')))
            put(&b, "\\", 1);
        put(&b, &c, 1);
    }
    if (!b.p && !b.failed)
        put(&b, "", 0);
    if (b.failed) {
        free(b.p);
        return NULL;
    }
    return b.p;
}

/* Appends s[0..len) made safe and escaped. */
static void md_text(sbuf *b, const char *s, size_t len)
{
    size_t n = 0;
    char *c = clean(b, s, len, &n);
    if (!c)
        return;
    char *e = bl_summary_md_escape(c, n);
    free(c);
    if (!e) {
        b->failed = 1;
        return;
    }
    put_str(b, e);
    free(e);
}

static void md_heading(sbuf *b, const char *marker, const char *title)
{
    if (b->len > 0)
        put(b, "\n", 1);
    put_str(b, marker);
    md_text(b, title, strlen(title));
    put(b, "\n", 1);
}

static void md_paragraph(sbuf *b, const char *s, size_t len, void *ctx)
{
    (void)ctx;
    put(b, "\n", 1);
    md_text(b, s, len);
    put(b, "\n", 1);
}

/* ---- the document -------------------------------------------------- */

static void heading(sbuf *b, int md, int level, const char *title)
{
    if (md)
        md_heading(b, level == 1 ? "# " : "## ", title);
    else
        text_heading(b, title, level == 1 ? '=' : '-');
}

/* One paragraph built from pieces: plain pieces are escaped in Markdown;
 * a `code` piece (a command; no backtick in it) is a code span in Markdown
 * and, in text, a line of its own indented by four spaces after the
 * paragraph, so that wrapping never splits it. */
struct piece {
    const char *text;
    int code;
};

static void paragraph_of(sbuf *b, int md, const struct piece *pieces, size_t n)
{
    sbuf para = {0}, run = {0};
    const char *code = NULL;
    for (size_t i = 0; i <= n && !para.failed && !run.failed; i++) {
        if (i < n && !pieces[i].text)
            continue;
        if (i < n && !pieces[i].code) {
            put_str(&run, pieces[i].text);
            continue;
        }
        /* The end or a code piece: the plain run before it goes first. */
        if (run.p && md)
            md_text(&para, run.p, run.len);
        else if (run.p)
            put(&para, run.p, run.len);
        run.len = 0;
        if (i == n)
            break;
        if (md) {
            put_str(&para, para.len > 0 ? " `" : "`");
            put_str(&para, pieces[i].text);
            put(&para, "`", 1);
        } else {
            code = pieces[i].text;
        }
    }
    if (para.failed || run.failed) {
        b->failed = 1;
    } else if (para.p) {
        put(b, "\n", 1);
        if (md) {
            put(b, para.p, para.len);
            put(b, "\n", 1);
        } else {
            text_wrap(b, para.p, para.len, "", "");
        }
    }
    if (code) {
        put_str(b, "\n    ");
        put_str(b, code);
        put(b, "\n", 1);
    }
    free(para.p);
    free(run.p);
}

static void item(sbuf *b, int md, const char *s)
{
    if (md) {
        put(b, "- ", 2);
        md_text(b, s, strlen(s));
        put(b, "\n", 1);
    } else {
        text_wrap(b, s, strlen(s), "- ", "  ");
    }
}

static void render(sbuf *b, const bl_guide *g, const bl_entry *e, int md)
{
    heading(b, md, 1, e->title);

    if (g->title) {
        struct piece from[] = {
            {.text = "Role summary from "},
            {.text = g->title},
            {.text = g->tagline ? ": " : NULL},
            {.text = g->tagline},
        };
        paragraph_of(b, md, from, sizeof from / sizeof from[0]);
    }

    for (size_t i = 0; i < sizeof summary_fields / sizeof summary_fields[0]; i++) {
        enum bl_field f = summary_fields[i];
        const struct bl_field_info *info = bl_field_info(f);
        const char *title = info && info->heading ? info->heading : "";
        if (f == BL_FIELD_RELATED) {
            if (e->n_links == 0)
                continue;
            heading(b, md, 2, title);
            put(b, "\n", 1);
            for (size_t k = 0; k < e->n_links; k++)
                if (e->links[k] < g->n_entries)
                    item(b, md, g->entries[e->links[k]].title);
            continue;
        }
        const bl_field_value *v = bl_entry_get(e, f);
        if (!v)
            continue;
        heading(b, md, 2, title);
        if (info && info->kind == BL_KIND_TEXT) {
            if (v->text)
                each_paragraph(b, v->text, md ? md_paragraph : text_paragraph, NULL);
        } else {
            put(b, "\n", 1);
            for (size_t k = 0; k < v->n_items; k++)
                item(b, md, v->items[k]);
        }
    }

    const bl_entry *training = bl_guide_find(g, BL_SUMMARY_TRAINING_ID);
    if (training && training->kind == BL_ENTRY_SECTION) {
        heading(b, md, 2, POINTER_HEADING);
        struct piece pointer[] = {
            {.text = "For how to prepare for these careers, see the section \""},
            {.text = training->title},
            {.text = "\" in "},
            {.text = g->title ? g->title : "the guide"},
            {.text = ". To read it, run:"},
            {.text = "borderless show " BL_SUMMARY_TRAINING_ID, .code = 1},
        };
        paragraph_of(b, md, pointer, sizeof pointer / sizeof pointer[0]);
    }
}

int bl_summary_render(const bl_guide *g, const bl_entry *role, enum bl_summary_format fmt,
                      char **out, size_t *out_len)
{
    if (!g || !role || role->kind != BL_ENTRY_ROLE || !out ||
        (fmt != BL_SUMMARY_TEXT && fmt != BL_SUMMARY_MARKDOWN))
        return -EINVAL;
    sbuf b = {0};
    render(&b, g, role, fmt == BL_SUMMARY_MARKDOWN);
    if (b.failed || !b.p) {
        free(b.p);
        return -ENOMEM;
    }
    *out = b.p;
    if (out_len)
        *out_len = b.len;
    return 0;
}

/* ---- formats and files --------------------------------------------- */

int bl_summary_parse_format(const char *name, enum bl_summary_format *out)
{
    if (!name)
        return -1;
    if (strcasecmp(name, "text") == 0 || strcasecmp(name, "txt") == 0) {
        *out = BL_SUMMARY_TEXT;
        return 0;
    }
    if (strcasecmp(name, "markdown") == 0 || strcasecmp(name, "md") == 0) {
        *out = BL_SUMMARY_MARKDOWN;
        return 0;
    }
    return -1;
}

enum bl_summary_format bl_summary_format_for_path(const char *path)
{
    if (!path)
        return BL_SUMMARY_TEXT;
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)
        return BL_SUMMARY_TEXT;
    if (strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".markdown") == 0)
        return BL_SUMMARY_MARKDOWN;
    return BL_SUMMARY_TEXT;
}

int bl_summary_default_path(const bl_entry *role, char *buf, size_t size)
{
    if (!role || !buf || size == 0)
        return -1;
    int n = snprintf(buf, size, "./%s-summary.txt", role->id);
    return n >= 0 && (size_t)n < size ? 0 : -1;
}

void bl_summary_save(const bl_guide *g, const bl_entry *role, const char *typed,
                     enum bl_summary_format fmt, unsigned flags, bl_safewrite_target *asked,
                     bl_save_result *res)
{
    memset(res, 0, sizeof *res);
    res->status = BL_SAVE_FAILED;
    if (!g || !role || role->kind != BL_ENTRY_ROLE) {
        res->err = EINVAL;
        snprintf(res->message, sizeof res->message, "Only a role has a summary");
        return;
    }
    int rc = bl_path_resolve(typed, res->path, sizeof res->path);
    if (rc < 0) {
        res->path[0] = '\0';
        res->err = -rc;
        if (rc == -EINVAL)
            snprintf(res->message, sizeof res->message, "No file name given");
        else if (rc == -ENOENT)
            snprintf(res->message, sizeof res->message, "%.200s: cannot find that home folder",
                     typed);
        else
            snprintf(res->message, sizeof res->message, "%.200s: %s", typed, strerror(-rc));
        return;
    }
    if (fmt == BL_SUMMARY_AUTO)
        fmt = bl_summary_format_for_path(res->path);
    char *doc = NULL;
    size_t len = 0;
    rc = bl_summary_render(g, role, fmt, &doc, &len);
    if (rc < 0) {
        res->err = -rc;
        snprintf(res->message, sizeof res->message, "Cannot make the summary: %s",
                 strerror(-rc));
        return;
    }
    bl_safewrite_target fresh;
    bl_safewrite_target *t = asked ? asked : &fresh;
    if (!asked || !(flags & BL_SAFEWRITE_OVERWRITE)) {
        rc = bl_safewrite_probe(res->path, t, res->message, sizeof res->message);
    } else if (t->kind == 0 || strcmp(t->given, res->path) != 0) {
        snprintf(res->message, sizeof res->message,
                 "%.200s: not the file the question was about; not saved", typed);
        rc = -EINVAL;
    } else {
        rc = 0;
    }
    if (rc == 0)
        rc = bl_safewrite_to(t, doc, len, flags, NULL, res->message, sizeof res->message);
    free(doc);
    if (rc == 0) {
        res->status = BL_SAVE_OK;
        snprintf(res->message, sizeof res->message, "Saved %s", res->path);
    } else {
        res->err = -rc;
        res->status = rc == -EEXIST ? BL_SAVE_EXISTS : BL_SAVE_FAILED;
    }
}
