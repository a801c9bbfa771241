/* booklet.c — see booklet.h.  The document is written into a memory stream
 * (open_memstream) and only handed over when all of it was made, so a
 * failure writes nothing.  Role bodies in text and Markdown are the
 * summary's (summary.c); HTML is written here, from the same field table
 * (model.h) the layout reads. */
#include "borderless/booklet.h"

#include "borderless/compare.h"
#include "borderless/config.h"
#include "borderless/layout.h"
#include "borderless/mdslug.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define GUIDANCE                                                                                   \
    "Guidance, not a verdict: this booklet describes roles as the guide's sources do. "            \
    "Requirements differ between services and change, so read the current vacancy notice "         \
    "and talk to a careers adviser."

/* ---- scopes and formats ------------------------------------------------ */

static const struct {
    const char *name, *title;
} scopes[BL_BOOKLET_SCOPE_COUNT] = {
    [BL_BOOKLET_ALL] = {"all", "All roles"},
    [BL_BOOKLET_SHORTLIST] = {"shortlist", "Your shortlist"},
    [BL_BOOKLET_ROLES] = {"roles", "Role summaries"},
    [BL_BOOKLET_FIT] = {"fit", "Fit report"},
    [BL_BOOKLET_COMPARE] = {"compare", "Comparison"},
};

const char *bl_booklet_scope_name(enum bl_booklet_scope s)
{
    return (unsigned)s < BL_BOOKLET_SCOPE_COUNT ? scopes[s].name : "";
}

const char *bl_booklet_scope_title(enum bl_booklet_scope s)
{
    return (unsigned)s < BL_BOOKLET_SCOPE_COUNT ? scopes[s].title : "";
}

int bl_booklet_parse_scope(const char *name, enum bl_booklet_scope *out)
{
    for (int i = 0; name && i < BL_BOOKLET_SCOPE_COUNT; i++)
        if (strcasecmp(name, scopes[i].name) == 0) {
            *out = (enum bl_booklet_scope)i;
            return 0;
        }
    return -1;
}

int bl_booklet_parse_format(const char *name, enum bl_booklet_format *out)
{
    enum bl_summary_format sf;
    if (name && bl_summary_parse_format(name, &sf) == 0) {
        *out = sf == BL_SUMMARY_MARKDOWN ? BL_BOOKLET_MARKDOWN : BL_BOOKLET_TEXT;
        return 0;
    }
    if (name && (strcasecmp(name, "html") == 0 || strcasecmp(name, "htm") == 0)) {
        *out = BL_BOOKLET_HTML;
        return 0;
    }
    return -1;
}

enum bl_booklet_format bl_booklet_format_for_path(const char *path)
{
    if (!path)
        return BL_BOOKLET_TEXT;
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    if (dot && dot != base && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0))
        return BL_BOOKLET_HTML;
    return bl_summary_format_for_path(path) == BL_SUMMARY_MARKDOWN ? BL_BOOKLET_MARKDOWN
                                                                   : BL_BOOKLET_TEXT;
}

const char *bl_booklet_content_date(const bl_guide *g)
{
    const char *best = NULL;
    for (size_t i = 0; g && i < g->n_roles; i++) {
        const char *r = g->entries[i].reviewed;
        if (r && (!best || strcmp(r, best) > 0))
            best = r;
    }
    return best;
}

/* ---- the writer's state ------------------------------------------------ */

/* One part of the booklet: an entry, with its shortlist entry (or NULL). */
struct part {
    size_t entry;
    const bl_shortlist_entry *sl;
    int repeat; /* the entry came earlier (compare A A): written once */
};

struct bk {
    FILE *f;
    const bl_guide *g;
    const bl_booklet_spec *s;
    enum bl_booklet_format fmt;
    int ascii;
    int err; /* the first failure, -errno */
    struct part *parts;
    size_t n_parts;
    unsigned char *in; /* per entry: 1 when it is a part (in-page links) */
    const char **gone; /* shortlist ids the content no longer has */
    size_t n_gone;
};

static void fail(struct bk *b, int err)
{
    if (!b->err)
        b->err = err;
}

static void out(struct bk *b, const char *s)
{
    if (!b->err && fputs(s, b->f) == EOF)
        fail(b, -ENOMEM);
}

static void out_n(struct bk *b, const char *s, size_t n)
{
    if (!b->err && n && fwrite(s, 1, n, b->f) != n)
        fail(b, -ENOMEM);
}

/* ---- HTML escaping ----------------------------------------------------- */

static void html_put(struct bk *b, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        const char *ent = NULL;
        switch (s[i]) {
        case '&':
            ent = "&amp;";
            break;
        case '<':
            ent = "&lt;";
            break;
        case '>':
            ent = "&gt;";
            break;
        case '"':
            ent = "&quot;";
            break;
        case '\'':
            ent = "&#39;";
            break;
        default:
            continue;
        }
        out_n(b, s + start, i - start);
        out(b, ent);
        start = i + 1;
    }
    out_n(b, s + start, n - start);
}

/* Content text made safe to print, then escaped. */
static void h(struct bk *b, const char *s)
{
    if (!s || b->err)
        return;
    size_t n = 0;
    char *c = bl_text_sanitize(s, strlen(s), 0, &n);
    if (!c) {
        fail(b, -ENOMEM);
        return;
    }
    html_put(b, c, n);
    free(c);
}

static void h_n(struct bk *b, const char *s, size_t len)
{
    if (!s || b->err)
        return;
    size_t n = 0;
    char *c = bl_text_sanitize(s, len, 0, &n);
    if (!c) {
        fail(b, -ENOMEM);
        return;
    }
    html_put(b, c, n);
    free(c);
}

char *bl_booklet_html_escape(const char *s, size_t len)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    if (!f)
        return NULL;
    struct bk b = {.f = f};
    h_n(&b, s ? s : "", s ? len : 0);
    if (fclose(f) != 0 || b.err) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* 1 when url is an http or https address that can go in an href. */
static int linkable(const char *url)
{
    if (!url)
        return 0;
    if (strncasecmp(url, "http://", 7) != 0 && strncasecmp(url, "https://", 8) != 0)
        return 0;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

/* An href value: bytes a URL may not hold as they are (spaces, quotes,
 * angle brackets, non-ASCII ...) percent-encoded, then escaped. */
static void href(struct bk *b, const char *url)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)url; *p && !b->err; p++) {
        if (*p <= 0x20 || *p >= 0x7f || strchr("\"'<>\\^`{|}", *p)) {
            char enc[4] = {'%', hex[*p >> 4], hex[*p & 15], '\0'};
            out(b, enc);
        } else if (*p == '&') {
            out(b, "&amp;");
        } else {
            out_n(b, (const char *)p, 1);
        }
    }
}

/* A link to url showing `text` (NULL: the address), or the text alone when
 * the address is not http(s). */
static void h_link(struct bk *b, const char *url, const char *text)
{
    if (linkable(url)) {
        out(b, "<a href=\"");
        href(b, url);
        out(b, "\">");
        h(b, text ? text : url);
        out(b, "</a>");
    } else {
        h(b, text ? text : url);
    }
}

/* An anchor for entry e: "role-ID" or "section-ID", any byte outside
 * [a-z0-9-] written as "_XX". */
static void anchor(struct bk *b, const bl_entry *e)
{
    static const char hex[] = "0123456789abcdef";
    out(b, e->kind == BL_ENTRY_ROLE ? "role-" : "section-");
    for (const unsigned char *p = (const unsigned char *)e->id; *p && !b->err; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-') {
            out_n(b, (const char *)p, 1);
        } else {
            char enc[4] = {'_', hex[*p >> 4], hex[*p & 15], '\0'};
            out(b, enc);
        }
    }
}

/* ---- text and Markdown helpers ----------------------------------------- */

struct wrap_ctx {
    struct bk *b;
    const char *s;
    const char *first, *rest;
    int lines;
};

static int wrap_emit(void *ctx, size_t start, size_t end, int cols)
{
    (void)cols;
    struct wrap_ctx *w = ctx;
    out(w->b, w->lines++ ? w->rest : w->first);
    out_n(w->b, w->s + start, end - start);
    out(w->b, "\n");
    return w->b->err != 0;
}

/* A paragraph of content text: wrapped at the summary's width (text) or
 * escaped on one line (Markdown), after `first` (then `rest`). */
static void para(struct bk *b, const char *s, const char *first, const char *rest)
{
    if (b->err)
        return;
    size_t n = 0;
    char *c = bl_text_sanitize(s, strlen(s), b->ascii && b->fmt == BL_BOOKLET_TEXT, &n);
    if (!c) {
        fail(b, -ENOMEM);
        return;
    }
    if (b->fmt == BL_BOOKLET_MARKDOWN) {
        char *e = bl_summary_md_escape(c, n);
        if (!e)
            fail(b, -ENOMEM);
        out(b, first);
        out(b, e ? e : "");
        out(b, "\n");
        free(e);
    } else {
        struct wrap_ctx w = {.b = b, .s = c, .first = first, .rest = rest};
        int indent = bl_text_width(first, strlen(first));
        bl_wrap(c, n, BL_SUMMARY_WIDTH - indent, wrap_emit, &w);
    }
    free(c);
}

/* A heading: text underlined ('=' level 1, '-' level 2), Markdown "#"s. */
static void heading(struct bk *b, int level, const char *title)
{
    if (b->fmt == BL_BOOKLET_MARKDOWN) {
        para(b, title, level == 1 ? "# " : level == 2 ? "## " : "### ", "");
        return;
    }
    size_t n = 0;
    char *c = bl_text_sanitize(title, strlen(title), b->ascii, &n);
    if (!c) {
        fail(b, -ENOMEM);
        return;
    }
    out_n(b, c, n);
    out(b, "\n");
    int w = bl_text_width(c, n);
    for (int i = 0; i < w; i++)
        out(b, level == 1 ? "=" : "-");
    out(b, "\n");
    free(c);
}

/* ---- the parts --------------------------------------------------------- */

static int add_part(struct bk *b, size_t entry, const bl_shortlist_entry *sl)
{
    struct part *p = realloc(b->parts, (b->n_parts + 1) * sizeof *p);
    if (!p)
        return -ENOMEM;
    b->parts = p;
    b->parts[b->n_parts++] = (struct part){.entry = entry, .sl = sl, .repeat = b->in[entry]};
    b->in[entry] = 1;
    return 0;
}

/* The group a role is listed under in the menu (app.h's rule). */
static const char *group_of(const bl_guide *g, const bl_entry *e)
{
    if (e->kind != BL_ENTRY_ROLE)
        return "Sections";
    const bl_group *gr = bl_entry_group(g, e);
    return gr && gr->title ? gr->title : "Roles";
}

static int collect(struct bk *b)
{
    const bl_guide *g = b->g;
    const bl_booklet_spec *s = b->s;
    int rc = 0;
    switch (s->scope) {
    case BL_BOOKLET_ALL:
        /* The menu's order: roles by group, then roles of no group, then
         * the sections. */
        for (size_t k = 0; k < g->n_groups && !rc; k++)
            for (size_t i = 0; i < g->n_roles && !rc; i++)
                if (bl_entry_group(g, &g->entries[i]) == &g->groups[k])
                    rc = add_part(b, i, NULL);
        for (size_t i = 0; i < g->n_roles && !rc; i++)
            if (!b->in[i])
                rc = add_part(b, i, NULL);
        for (size_t i = g->n_roles; i < g->n_entries && !rc; i++)
            rc = add_part(b, i, NULL);
        return rc;
    case BL_BOOKLET_SHORTLIST:
        if (!s->shortlist)
            return -EINVAL;
        for (size_t i = 0; i < bl_shortlist_count(s->shortlist) && !rc; i++) {
            const bl_shortlist_entry *se = bl_shortlist_at(s->shortlist, i);
            const bl_entry *e = bl_guide_find(g, se->id);
            if (e && e->kind == BL_ENTRY_ROLE && !b->in[bl_guide_index(g, e)]) {
                rc = add_part(b, bl_guide_index(g, e), se);
            } else if (!e || e->kind != BL_ENTRY_ROLE) {
                const char **v = realloc(b->gone, (b->n_gone + 1) * sizeof *v);
                if (!v)
                    return -ENOMEM;
                b->gone = v;
                b->gone[b->n_gone++] = se->id;
            }
        }
        return rc;
    case BL_BOOKLET_COMPARE:
        if (s->n_roles < BL_CMP_MIN_ROLES || s->n_roles > BL_CMP_MAX_ROLES)
            return -EINVAL;
        /* fall through */
    case BL_BOOKLET_ROLES:
        if (!s->roles && s->n_roles)
            return -EINVAL;
        for (size_t i = 0; i < s->n_roles; i++)
            if (s->roles[i] >= g->n_entries || g->entries[s->roles[i]].kind != BL_ENTRY_ROLE)
                return -EINVAL;
        for (size_t i = 0; i < s->n_roles && !rc; i++)
            rc = add_part(b, s->roles[i], NULL);
        return rc;
    case BL_BOOKLET_FIT:
        if (!s->answers)
            return -EINVAL;
        for (size_t i = 0; i < g->n_roles && !rc; i++)
            rc = add_part(b, i, NULL);
        return rc;
    default:
        return -EINVAL;
    }
}

static size_t count_roles(const struct bk *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n_parts; i++)
        n += b->g->entries[b->parts[i].entry].kind == BL_ENTRY_ROLE;
    return n;
}

/* "borderless 1.2.0. Content reviewed 2026-11-25. 15 roles." */
static void meta_line(struct bk *b, char *buf, size_t size)
{
    const char *date = bl_booklet_content_date(b->g);
    size_t n = count_roles(b);
    int w = snprintf(buf, size, "borderless %s.", BORDERLESS_VERSION);
    if (w > 0 && (size_t)w < size && date)
        w += snprintf(buf + w, size - (size_t)w, " Content reviewed %.10s.", date);
    if (w > 0 && (size_t)w < size && b->s->scope != BL_BOOKLET_FIT)
        snprintf(buf + w, size - (size_t)w, " %zu role%s%s.", n, n == 1 ? "" : "s",
                 b->n_parts > n ? " and the guide's sections" : "");
}

static char *title_of(const struct bk *b)
{
    const char *gt = b->g->title ? b->g->title : "borderless";
    const char *st = bl_booklet_scope_title(b->s->scope);
    size_t n = strlen(gt) + strlen(st) + 3;
    char *t = malloc(n);
    if (t)
        snprintf(t, n, "%s: %s", gt, st);
    return t;
}

/* The comparison of the booklet's roles, or NULL (b failed). */
static bl_compare *build_compare(struct bk *b)
{
    const bl_entry *roles[BL_CMP_MAX_ROLES];
    for (size_t i = 0; i < b->n_parts && i < BL_CMP_MAX_ROLES; i++)
        roles[i] = &b->g->entries[b->parts[i].entry];
    bl_compare *c = bl_compare_build(b->g, roles, b->n_parts);
    if (!c)
        fail(b, -ENOMEM);
    return c;
}

/* ---- text and Markdown ------------------------------------------------- */

/* The shortlist's lines for a role: the note and whether it changed. */
static void notes(struct bk *b, const struct part *p)
{
    const bl_entry *e = &b->g->entries[p->entry];
    if (p->sl->note && p->sl->note[0]) {
        out(b, "\n");
        para(b, p->sl->note,
             b->fmt == BL_BOOKLET_MARKDOWN ? "**Your note:** " : "Your note: ", "  ");
    }
    if (bl_shortlist_updated(p->sl, e->reviewed)) {
        char line[128];
        snprintf(line, sizeof line, "Updated since you added it (reviewed %.10s then, %.10s now).",
                 p->sl->reviewed, e->reviewed);
        out(b, "\n");
        para(b, line, "", "");
    }
}

/* Writes doc with the shortlist's lines after its first heading. */
static void with_notes(struct bk *b, const struct part *p, const char *doc, size_t len)
{
    size_t at = 0;
    if (p->sl) {
        /* Text: the title's lines and its '=' underline; Markdown: "# ..." */
        const char *nl = memchr(doc, '\n', len);
        at = nl ? (size_t)(nl - doc) + 1 : len;
        if (b->fmt == BL_BOOKLET_TEXT) {
            while (at < len && doc[at] != '=') {
                nl = memchr(doc + at, '\n', len - at);
                at = nl ? (size_t)(nl - doc) + 1 : len;
            }
            nl = at < len ? memchr(doc + at, '\n', len - at) : NULL;
            at = nl ? (size_t)(nl - doc) + 1 : len;
        }
    }
    out_n(b, doc, at);
    if (p->sl)
        notes(b, p);
    out_n(b, doc + at, len - at);
}

/* A section in Markdown: headings, paragraphs and lists. */
static void md_section(struct bk *b, const bl_entry *e)
{
    heading(b, 1, e->title);
    for (size_t i = 0; i < e->n_fields; i++) {
        const bl_field_value *v = &e->fields[i];
        const struct bl_field_info *info = bl_field_info(v->field);
        if (!info || info->hidden)
            continue;
        if (info->heading) {
            out(b, "\n");
            heading(b, 2, info->heading);
        }
        if (info->kind == BL_KIND_TEXT && v->text) {
            const char *t = v->text;
            while (*t && !b->err) {
                const char *sep = strstr(t, "\n\n");
                size_t n = sep ? (size_t)(sep - t) : strlen(t);
                char *one = strndup(t, n);
                if (!one) {
                    fail(b, -ENOMEM);
                    break;
                }
                /* one paragraph a line: line breaks inside become spaces */
                for (char *q = one; *q; q++)
                    if (*q == '\n')
                        *q = ' ';
                out(b, "\n");
                para(b, one, "", "");
                free(one);
                t += n;
                while (*t == '\n')
                    t++;
            }
        } else {
            out(b, "\n");
            for (size_t k = 0; k < v->n_items; k++)
                para(b, v->items[k], "- ", "  ");
        }
    }
}

/* A section in text: as `borderless show` lays it out. */
static void text_section(struct bk *b, const bl_entry *e)
{
    bl_layout *l = bl_layout_entry_ex(b->g, e, BL_SUMMARY_WIDTH, b->ascii ? BL_LAYOUT_ASCII : 0);
    if (!l) {
        fail(b, -ENOMEM);
        return;
    }
    if (!b->err && bl_layout_write_plain(l, b->f) < 0)
        fail(b, -ENOMEM);
    bl_layout_free(l);
}

/* A contents item in Markdown: prefix, then the title as a link to the
 * heading whose anchor is `to`. */
static void md_link_item(struct bk *b, const char *prefix, const char *title, const char *to)
{
    if (b->err)
        return;
    size_t n = 0;
    char *c = bl_text_sanitize(title, strlen(title), 0, &n);
    char *e = c ? bl_summary_md_escape(c, n) : NULL;
    if (!e)
        fail(b, -ENOMEM);
    out(b, prefix);
    out(b, "[");
    out(b, e ? e : "");
    out(b, "](#");
    out(b, to);
    out(b, ")\n");
    free(e);
    free(c);
}

/* The cover; in Markdown with anchors (one a part, or NULL), each item of
 * the contents links to its part's heading. */
static void plain_cover(struct bk *b, char *const *anchors)
{
    char *t = title_of(b);
    if (!t) {
        fail(b, -ENOMEM);
        return;
    }
    heading(b, 1, t);
    free(t);
    char meta[256];
    meta_line(b, meta, sizeof meta);
    out(b, "\n");
    para(b, meta, "", "");
    if (b->s->scope == BL_BOOKLET_FIT)
        return; /* the report has its own note and order */
    out(b, "\n");
    para(b, GUIDANCE, "", "");
    out(b, "\n");
    heading(b, 2, "Contents");
    out(b, "\n");
    const char *group = NULL;
    int md = b->fmt == BL_BOOKLET_MARKDOWN;
    for (size_t i = 0; i < b->n_parts; i++) {
        const bl_entry *e = &b->g->entries[b->parts[i].entry];
        if (b->parts[i].repeat)
            continue;
        if (b->s->scope == BL_BOOKLET_ALL) {
            const char *gr = group_of(b->g, e);
            if (!group || strcmp(gr, group) != 0) {
                para(b, gr, md ? "- " : "", "");
                group = gr;
            }
        }
        char num[32];
        snprintf(num, sizeof num, b->s->scope == BL_BOOKLET_ALL ? "  %zu. " : "%zu. ", i + 1);
        if (md && b->s->scope == BL_BOOKLET_ALL)
            snprintf(num, sizeof num, "    - ");
        if (md && anchors && anchors[i])
            md_link_item(b, num, e->title, anchors[i]);
        else
            para(b, e->title, num, b->s->scope == BL_BOOKLET_ALL ? "      " : "    ");
    }
    if (b->n_gone) {
        out(b, "\n");
        para(b, "No longer in the guide (on your shortlist):", "", "");
        for (size_t i = 0; i < b->n_gone; i++)
            para(b, b->gone[i], "- ", "  ");
    }
}

/* The comparison (its scope) and the parts, after the cover; with starts,
 * where each part begins in b->f (-1: a repeat, not written). */
static void plain_body(struct bk *b, long *starts);

/* The anchors of the Markdown headings in doc[0..len), in order, each
 * the next of s; the first at or after starts[i] is part i's. */
static void md_anchors(struct bk *b, bl_mdslug *s, const char *doc, size_t len, const long *starts,
                       char **anchors)
{
    size_t part = 0;
    for (size_t at = 0; at < len && !b->err;) {
        const char *nl = memchr(doc + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - doc) : len;
        char *text = NULL;
        size_t tlen = 0;
        int rc = bl_mdslug_heading(doc + at, end - at, &text, &tlen);
        if (rc < 0)
            fail(b, -ENOMEM);
        if (rc == 0) {
            char *a = bl_mdslug_next(s, text, tlen);
            if (!a)
                fail(b, -ENOMEM);
            while (starts && part < b->n_parts && starts[part] < 0)
                part++;
            if (a && starts && part < b->n_parts && (long)at >= starts[part]) {
                anchors[part++] = a;
                a = NULL;
            }
            free(a);
        }
        free(text);
        at = end + 1;
    }
}

/* Markdown's contents link to the parts' headings, whose anchors depend on
 * every heading before them (a second "Summary" is "summary-1"): so the
 * body is made first, and the cover's headings (made once without links)
 * and then the body's are counted in their order. */
static void render_markdown(struct bk *b)
{
    FILE *dest = b->f;
    char *body = NULL, *cover = NULL, **anchors = calloc(b->n_parts + 1, sizeof *anchors);
    size_t blen = 0, clen = 0;
    long *starts = calloc(b->n_parts + 1, sizeof *starts);
    bl_mdslug *slugs = bl_mdslug_new();
    FILE *bf = anchors && starts && slugs ? open_memstream(&body, &blen) : NULL;
    if (!bf) {
        fail(b, -ENOMEM);
    } else {
        b->f = bf;
        plain_body(b, starts);
        if (fclose(bf) != 0)
            fail(b, -ENOMEM);
        FILE *cf = open_memstream(&cover, &clen);
        if (!cf) {
            fail(b, -ENOMEM);
        } else {
            b->f = cf;
            plain_cover(b, NULL);
            if (fclose(cf) != 0)
                fail(b, -ENOMEM);
        }
        b->f = dest;
    }
    if (!b->err) {
        md_anchors(b, slugs, cover, clen, NULL, anchors);
        md_anchors(b, slugs, body, blen, starts, anchors);
    }
    plain_cover(b, anchors);
    out_n(b, body, blen);
    for (size_t i = 0; anchors && i < b->n_parts; i++)
        free(anchors[i]);
    free(anchors);
    free(starts);
    free(body);
    free(cover);
    bl_mdslug_free(slugs);
}

static void render_plain(struct bk *b)
{
    int md = b->fmt == BL_BOOKLET_MARKDOWN;
    enum bl_summary_format sf = md ? BL_SUMMARY_MARKDOWN : BL_SUMMARY_TEXT;
    if (md && b->s->scope != BL_BOOKLET_FIT) {
        render_markdown(b);
        return;
    }
    plain_cover(b, NULL);
    if (b->s->scope == BL_BOOKLET_FIT) {
        char *doc = NULL;
        size_t len = 0;
        int rc = bl_fit_report_render(b->g, b->s->answers, sf, b->ascii, &doc, &len);
        if (rc < 0) {
            fail(b, rc);
            return;
        }
        out(b, "\n");
        out_n(b, doc, len);
        free(doc);
        return;
    }
    plain_body(b, NULL);
}

static void plain_body(struct bk *b, long *starts)
{
    int md = b->fmt == BL_BOOKLET_MARKDOWN;
    enum bl_summary_format sf = md ? BL_SUMMARY_MARKDOWN : BL_SUMMARY_TEXT;
    if (b->s->scope == BL_BOOKLET_COMPARE) {
        bl_compare *c = build_compare(b);
        if (!c)
            return;
        out(b, md ? "\n---\n\n" : "\n\n");
        if (md) {
            char *doc = NULL;
            size_t len = 0;
            int rc = bl_compare_markdown(c, 0, &doc, &len);
            if (rc < 0)
                fail(b, rc);
            else
                out_n(b, doc, len);
            free(doc);
        } else {
            bl_cmp_text *t = bl_compare_text(c, BL_SUMMARY_WIDTH, b->ascii ? BL_CMP_ASCII : 0);
            if (!t)
                fail(b, -ENOMEM);
            else if (!b->err && bl_compare_text_write(t, b->f) < 0)
                fail(b, -ENOMEM);
            bl_compare_text_free(t);
        }
        bl_compare_free(c);
    }
    for (size_t i = 0; i < b->n_parts && !b->err; i++) {
        const struct part *p = &b->parts[i];
        const bl_entry *e = &b->g->entries[p->entry];
        if (starts)
            starts[i] = -1;
        if (p->repeat)
            continue;
        /* A rule between the parts: a page's worth of separation in text,
         * a thematic break in Markdown. */
        out(b, md ? "\n---\n\n" : "\n\n");
        if (starts)
            starts[i] = ftell(b->f);
        if (e->kind != BL_ENTRY_ROLE) {
            (md ? md_section : text_section)(b, e);
            continue;
        }
        char *doc = NULL;
        size_t len = 0;
        int rc = bl_summary_render(b->g, e, sf, &doc, &len);
        if (rc < 0) {
            fail(b, rc);
            return;
        }
        with_notes(b, p, doc, len);
        free(doc);
    }
}

/* ---- HTML -------------------------------------------------------------- */

/* The style sheet: plain and readable on screen; on paper (A4 or Letter,
 * whichever the printer has) 18 mm margins, every role on a new page,
 * headings kept with what follows, no lone lines. */
static const char css[] =
    "html{font-family:Georgia,'Times New Roman',serif;line-height:1.45;color:#1a1a1a;"
    "background:#fff}\n"
    "body{max-width:44em;margin:0 auto;padding:1em 1.2em 3em}\n"
    "h1,h2,h3,h4{font-family:'Helvetica Neue',Arial,sans-serif;line-height:1.2}\n"
    "h1{font-size:1.9em;margin:.4em 0 .2em}\n"
    "h2{font-size:1.45em;margin:1.6em 0 .4em;border-bottom:1px solid #bbb}\n"
    "h3{font-size:1.1em;margin:1.2em 0 .3em}\n"
    "h4{font-size:1em;margin:1em 0 .2em}\n"
    "a{color:#0b4f8a}\n"
    ".subtitle{font-size:1.2em;margin:0}\n"
    ".meta,.reviewed{color:#555;font-size:.9em}\n"
    ".guidance{border-left:4px solid #c90;padding:.3em .8em;background:#fdf7e6}\n"
    ".yournote{border-left:4px solid #0b4f8a;padding:.3em .8em;background:#eef4fa}\n"
    ".updated{font-weight:bold}\n"
    "nav ol{padding-left:1.6em}\n"
    "nav .group{font-weight:bold;margin:.6em 0 .2em}\n"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1em}\n"
    "dl.facts dt{font-weight:bold}\n"
    "dl.facts dd{margin:0}\n"
    ".detail{margin:.2em 0 .2em 1.5em}\n"
    ".sources li,.url{overflow-wrap:anywhere}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}\n"
    "article{margin-top:2.5em}\n"
    ".comparison th[scope=row]{width:11em}\n"
    ".comparison ul{margin:0;padding-left:1.1em}\n"
    "tr.differs th[scope=row]{background:#fdf7e6}\n"
    ".mark{font-weight:bold}\n"
    ".none,.why{color:#555}\n"
    "@page{margin:18mm 16mm}\n"
    "@media print{\n"
    "html{font-size:10.5pt;background:none}\n"
    "body{max-width:none;margin:0;padding:0}\n"
    "a{color:inherit;text-decoration:none}\n"
    "nav,.comparison{break-after:page;page-break-after:always}\n"
    "thead{display:table-header-group}\n"
    "article{margin-top:0;break-before:page;page-break-before:always}\n"
    "h1,h2,h3,h4{break-after:avoid;page-break-after:avoid;break-inside:avoid}\n"
    "p,li,dd{orphans:3;widows:3}\n"
    "tr,dt,dd,li{break-inside:avoid;page-break-inside:avoid}\n"
    ".guidance,.yournote{background:none}\n"
    "}\n";

static void html_head(struct bk *b)
{
    char *t = title_of(b);
    if (!t) {
        fail(b, -ENOMEM);
        return;
    }
    out(b,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>");
    h(b, t);
    out(b, "</title>\n<style>\n");
    out(b, css);
    out(b, "</style>\n</head>\n<body>\n<header>\n<h1>");
    h(b, b->g->title ? b->g->title : "borderless");
    out(b, "</h1>\n<p class=\"subtitle\">");
    h(b, bl_booklet_scope_title(b->s->scope));
    out(b, "</p>\n");
    free(t);
    char meta[256];
    meta_line(b, meta, sizeof meta);
    const char *date = bl_booklet_content_date(b->g);
    /* The meta line, its date as a <time>. */
    const char *at = date ? strstr(meta, date) : NULL;
    out(b, "<p class=\"meta\">");
    if (at) {
        h_n(b, meta, (size_t)(at - meta));
        out(b, "<time datetime=\"");
        h(b, date);
        out(b, "\">");
        h(b, date);
        out(b, "</time>");
        h(b, at + strlen(date));
    } else {
        h(b, meta);
    }
    out(b, "</p>\n");
    if (b->g->tagline) {
        out(b, "<p>");
        h(b, b->g->tagline);
        out(b, "</p>\n");
    }
    out(b, "<p class=\"guidance\">");
    h(b, GUIDANCE);
    out(b, "</p>\n</header>\n");
}

static void html_toc(struct bk *b)
{
    out(b, "<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n");
    if (b->s->scope == BL_BOOKLET_COMPARE)
        out(b,
            "<p><a href=\"#comparison\">Comparison</a></p>\n<p class=\"group\">The "
            "roles</p>\n");
    const char *group = NULL;
    int open = 0;
    for (size_t i = 0; i < b->n_parts; i++) {
        const bl_entry *e = &b->g->entries[b->parts[i].entry];
        if (b->parts[i].repeat)
            continue;
        if (b->s->scope == BL_BOOKLET_ALL || b->s->scope == BL_BOOKLET_FIT) {
            const char *gr = b->s->scope == BL_BOOKLET_FIT ? "Roles" : group_of(b->g, e);
            if (!group || strcmp(gr, group) != 0) {
                if (open)
                    out(b, "</ol>\n");
                out(b, "<p class=\"group\">");
                h(b, gr);
                out(b, "</p>\n<ol>\n");
                open = 1;
                group = gr;
            }
        } else if (!open) {
            out(b, "<ol>\n");
            open = 1;
        }
        out(b, "<li><a href=\"#");
        anchor(b, e);
        out(b, "\">");
        h(b, e->title);
        out(b, "</a></li>\n");
    }
    if (open)
        out(b, "</ol>\n");
    if (b->n_gone) {
        out(b, "<p>No longer in the guide (on your shortlist):</p>\n<ul>\n");
        for (size_t i = 0; i < b->n_gone; i++) {
            out(b, "<li>");
            h(b, b->gone[i]);
            out(b, "</li>\n");
        }
        out(b, "</ul>\n");
    }
    out(b, "</nav>\n");
}

/* A title that links to entry index k when it is in the booklet. */
static void entry_ref(struct bk *b, size_t k)
{
    const bl_entry *e = &b->g->entries[k];
    if (b->in[k]) {
        out(b, "<a href=\"#");
        anchor(b, e);
        out(b, "\">");
        h(b, e->title);
        out(b, "</a>");
    } else {
        h(b, e->title);
    }
}

static void html_paragraphs(struct bk *b, const char *text)
{
    const char *t = text;
    while (*t && !b->err) {
        const char *sep = strstr(t, "\n\n");
        size_t n = sep ? (size_t)(sep - t) : strlen(t);
        if (n) {
            out(b, "<p>");
            h_n(b, t, n);
            out(b, "</p>\n");
        }
        t += n;
        while (*t == '\n')
            t++;
    }
}

/* A list field's items by their styles: bullets and a route's conditions
 * as lists, steps numbered, names as small headings, sources as links. */
static void html_items(struct bk *b, const bl_field_value *v)
{
    char list = 0; /* 'u' a <ul>, 'o' an <ol>, 0 none */
    for (size_t k = 0; k <= v->n_items && !b->err; k++) {
        int st = k < v->n_items ? (v->styles ? v->styles[k] : BL_ITEM_BULLET) : -1;
        char want = st == BL_ITEM_BULLET || st == BL_ITEM_SUB ? 'u' : st == BL_ITEM_STEP ? 'o' : 0;
        if (list && want != list) {
            out(b, list == 'u' ? "</ul>\n" : "</ol>\n");
            list = 0;
        }
        if (k == v->n_items)
            break;
        if (want && !list) {
            out(b, want == 'u' ? "<ul>\n" : "<ol>\n");
            list = want;
        }
        const char *it = v->items[k];
        switch (st) {
        case BL_ITEM_BULLET:
        case BL_ITEM_SUB:
        case BL_ITEM_STEP:
            out(b, "<li>");
            h(b, it);
            out(b, "</li>\n");
            break;
        case BL_ITEM_NAME:
            out(b, "<h4>");
            h(b, it);
            out(b, "</h4>\n");
            break;
        case BL_ITEM_SOURCE: {
            const char *u = it;
            while (*u == ' ')
                u++;
            if (strncmp(u, "Source: ", 8) == 0)
                u += 8;
            out(b, "<p class=\"detail url\">Source: ");
            h_link(b, u, NULL);
            out(b, "</p>\n");
            break;
        }
        case BL_ITEM_DETAIL:
            out(b, "<p class=\"detail\">");
            h(b, it);
            out(b, "</p>\n");
            break;
        default:
            out(b, "<p>");
            h(b, it);
            out(b, "</p>\n");
            break;
        }
    }
}

static void html_fields(struct bk *b, const bl_entry *e)
{
    const bl_guide *g = b->g;
    for (size_t i = 0; i < e->n_fields && !b->err; i++) {
        const bl_field_value *v = &e->fields[i];
        const struct bl_field_info *info = bl_field_info(v->field);
        if (!info || info->hidden)
            continue;
        if (v->field == BL_FIELD_RELATED && e->n_links == 0)
            continue;
        if (v->field == BL_FIELD_SECTIONS && e->n_section_links == 0)
            continue;
        if (info->kind == BL_KIND_LIST && v->n_items == 0 && v->field != BL_FIELD_RELATED &&
            v->field != BL_FIELD_SECTIONS)
            continue;
        if (info->kind == BL_KIND_TEXT && (!v->text || !v->text[0]))
            continue;
        out(b, "<section>\n");
        if (info->heading) {
            out(b, "<h3>");
            h(b, info->heading);
            out(b, "</h3>\n");
        }
        if (v->field == BL_FIELD_QUICK_FACTS && e->role) {
            out(b, "<dl class=\"facts\">\n");
            for (int k = 0; k < BL_FACT_COUNT; k++) {
                if (!e->role->facts[k])
                    continue;
                out(b, "<dt>");
                h(b, bl_fact_info((enum bl_fact)k)->label);
                out(b, "</dt><dd>");
                h(b, e->role->facts[k]);
                out(b, "</dd>\n");
            }
            out(b, "</dl>\n");
        } else if (v->field == BL_FIELD_RELATED || v->field == BL_FIELD_SECTIONS) {
            const size_t *links = v->field == BL_FIELD_RELATED ? e->links : e->section_links;
            size_t n = v->field == BL_FIELD_RELATED ? e->n_links : e->n_section_links;
            out(b, "<ul>\n");
            for (size_t k = 0; k < n; k++) {
                if (links[k] >= g->n_entries)
                    continue;
                out(b, "<li>");
                entry_ref(b, links[k]);
                out(b, "</li>\n");
            }
            out(b, "</ul>\n");
        } else if (info->kind == BL_KIND_TEXT) {
            html_paragraphs(b, v->text);
        } else {
            html_items(b, v);
        }
        out(b, "</section>\n");
    }
}

static void html_sources(struct bk *b, const bl_entry *e)
{
    if (e->n_sources > 0) {
        out(b, "<section class=\"sources\">\n<h3>Sources</h3>\n<ul>\n");
        for (size_t k = 0; k < e->n_sources; k++) {
            const bl_source *src = &e->sources[k];
            out(b, "<li>");
            if (src->url) {
                h_link(b, src->url, src->title ? src->title : src->url);
                if (src->title) {
                    out(b, " <span class=\"url\">");
                    h(b, src->url);
                    out(b, "</span>");
                }
            } else {
                h(b, src->title);
            }
            out(b, "</li>\n");
        }
        out(b, "</ul>\n</section>\n");
    }
    if (e->reviewed) {
        out(b, "<p class=\"reviewed\">Last reviewed: <time datetime=\"");
        h(b, e->reviewed);
        out(b, "\">");
        h(b, e->reviewed);
        out(b, "</time></p>\n");
    }
}

static void html_article_open(struct bk *b, const bl_entry *e)
{
    out(b, "<article id=\"");
    anchor(b, e);
    out(b, e->kind == BL_ENTRY_ROLE ? "\" class=\"role\">\n<h2>" : "\" class=\"part\">\n<h2>");
    h(b, e->title);
    out(b, "</h2>\n");
}

static void html_entry(struct bk *b, const struct part *p)
{
    const bl_entry *e = &b->g->entries[p->entry];
    html_article_open(b, e);
    if (p->sl && p->sl->note && p->sl->note[0]) {
        out(b, "<p class=\"yournote\"><strong>Your note:</strong> ");
        h(b, p->sl->note);
        out(b, "</p>\n");
    }
    if (p->sl && bl_shortlist_updated(p->sl, e->reviewed)) {
        out(b, "<p class=\"updated\">Updated since you added it (reviewed ");
        h(b, p->sl->reviewed);
        out(b, " then, ");
        h(b, e->reviewed);
        out(b, " now).</p>\n");
    }
    html_fields(b, e);
    html_sources(b, e);
    out(b, "</article>\n");
}

/* ---- the fit report in HTML -------------------------------------------- */

static void html_fit_answers(struct bk *b)
{
    const bl_guide *g = b->g;
    const bl_fit_answers *a = b->s->answers;
    out(b,
        "<section>\n<h2 id=\"answers\">Your answers</h2>\n<table>\n"
        "<thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Your answer</th>"
        "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < g->n_fit_questions; i++) {
        const bl_fit_question *q = &g->fit_questions[i];
        out(b, "<tr><td>");
        h(b, q->text);
        out(b, "</td><td>");
        int important = 0;
        switch (q->kind) {
        case BL_FITQ_LEVEL:
            h(b, bl_fit_answer_label(g, q->dim, a->level[q->dim]));
            important = a->important[q->dim] && a->level[q->dim] != BL_FIT_NONE;
            break;
        case BL_FITQ_AREAS:
            if (a->n_areas == 0)
                out(b, "no preference");
            for (size_t k = 0; k < a->n_areas; k++) {
                if (k)
                    out(b, ", ");
                if (a->areas[k] < g->n_crime_areas)
                    h(b, g->crime_areas[a->areas[k]].label);
            }
            important = a->areas_important && a->n_areas;
            break;
        case BL_FITQ_SITUATION:
        case BL_FITQ_CITIZENSHIP: {
            int c = q->kind == BL_FITQ_SITUATION ? a->situation : a->citizenship;
            if (c >= 0 && (size_t)c < q->n_choices)
                h(b, q->choices[c].label);
            else
                out(b, "no answer");
            break;
        }
        }
        if (important)
            out(b, " <strong>(important)</strong>");
        out(b, "</td></tr>\n");
    }
    out(b, "</tbody>\n</table>\n</section>\n");
}

static void html_fit_role(struct bk *b, const bl_fit_score *sc)
{
    const bl_guide *g = b->g;
    const bl_fit_answers *a = b->s->answers;
    const bl_entry *e = &g->entries[sc->role];
    html_article_open(b, e);
    char line[160];
    snprintf(line, sizeof line, "Rank %d. Score %d%%. Fits %d of %d answers.", sc->rank,
             bl_fit_percent(sc), sc->fits, sc->answered);
    out(b, "<p>");
    h(b, line);
    out(b, "</p>\n");
    const bl_role_facts *rf = e->role;
    if (rf) {
        out(b,
            "<section>\n<h3>How it fits</h3>\n<table>\n<thead><tr>"
            "<th scope=\"col\">Question</th><th scope=\"col\">You</th>"
            "<th scope=\"col\">This role</th><th scope=\"col\">Why</th></tr></thead>\n"
            "<tbody>\n");
        for (int d = 0; d < BL_FIT_COUNT; d++) {
            out(b, "<tr><td>");
            h(b, bl_fit_info((enum bl_fit_dim)d)->label);
            out(b, "</td><td>");
            h(b, bl_fit_answer_label(g, (enum bl_fit_dim)d, a->level[d]));
            out(b, "</td><td>");
            h(b, bl_fit_answer_label(g, (enum bl_fit_dim)d, rf->fit[d].level));
            out(b, "</td><td>");
            h(b, rf->fit[d].reason ? rf->fit[d].reason : "");
            out(b, "</td></tr>\n");
        }
        out(b, "</tbody>\n</table>\n</section>\n");
        if (rf->n_routes) {
            out(b, "<section>\n<h3>Ways in</h3>\n<ul>\n");
            for (size_t r = 0; r < rf->n_routes; r++) {
                char why[BL_REASON_MAX];
                why[0] = '\0';
                enum bl_fit_route st = bl_fit_route_check(g, a, &rf->routes[r], why, sizeof why);
                out(b, "<li><strong>");
                h(b, bl_fit_route_label(st));
                out(b, ":</strong> ");
                h(b, rf->routes[r].name);
                if (why[0]) {
                    out(b, " (");
                    h(b, why);
                    out(b, ")");
                }
                out(b, "</li>\n");
            }
            out(b, "</ul>\n</section>\n");
        }
    }
    html_sources(b, e);
    out(b, "</article>\n");
}

static void html_fit(struct bk *b)
{
    bl_fit_ranking r;
    if (bl_fit_rank(b->g, b->s->answers, &r) < 0) {
        fail(b, -ENOMEM);
        return;
    }
    /* The contents in rank order. */
    for (size_t i = 0; i < r.n && i < b->n_parts; i++)
        b->parts[i].entry = r.v[i].role;
    html_toc(b);
    out(b, "<main>\n");
    html_fit_answers(b);
    out(b, "<section>\n<h2 id=\"ranking\">The roles, best fit first</h2>\n");
    if (r.all_tied)
        out(b,
            "<p>Every role has the same score: answer more questions to tell them "
            "apart.</p>\n");
    out(b,
        "<table>\n<thead><tr><th scope=\"col\">Rank</th><th scope=\"col\">Role</th>"
        "<th scope=\"col\">Score</th><th scope=\"col\">Fits</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r.n; i++) {
        char cell[64];
        snprintf(cell, sizeof cell, "<tr><td>%d</td><td>", r.v[i].rank);
        out(b, cell);
        entry_ref(b, r.v[i].role);
        snprintf(cell, sizeof cell, "</td><td>%d%%</td><td>%d of %d</td></tr>\n",
                 bl_fit_percent(&r.v[i]), r.v[i].fits, r.v[i].answered);
        out(b, cell);
    }
    out(b, "</tbody>\n</table>\n</section>\n");
    for (size_t i = 0; i < r.n; i++)
        html_fit_role(b, &r.v[i]);
    out(b, "</main>\n");
    bl_fit_ranking_free(&r);
}

/* ---- the comparison in HTML -------------------------------------------- */

static void html_cell_items(struct bk *b, const bl_cmp_cell *cell, int list)
{
    if (!cell->given || cell->n_items == 0) {
        out(b, "<span class=\"none\">\xe2\x80\x94</span>");
        return;
    }
    if (list) {
        out(b, "<ul>");
        for (size_t k = 0; k < cell->n_items; k++) {
            out(b, "<li>");
            h(b, cell->items[k]);
            out(b, "</li>");
        }
        out(b, "</ul>");
        return;
    }
    for (size_t k = 0; k < cell->n_items; k++) {
        out(b, k ? "<br>" : "");
        h(b, cell->items[k]);
    }
}

static void html_compare_row(struct bk *b, const bl_compare *c, const bl_cmp_row *row)
{
    int shared = row->kind == BL_CMP_SET && row->shared.n_items > 0;
    out(b, row->differs ? "<tr class=\"differs\">" : "<tr>");
    out(b, shared ? "<th scope=\"row\" rowspan=\"2\">" : "<th scope=\"row\">");
    if (row->differs)
        out(b, "<span class=\"mark\" title=\"differs\">\xe2\x89\xa0</span> ");
    h(b, row->label);
    out(b, "</th>");
    if (shared) {
        char td[48];
        snprintf(td, sizeof td, "<td colspan=\"%zu\"><strong>", c->n_roles);
        out(b, td);
        out(b, c->n_roles == 2 ? "Both:" : "All three:");
        out(b, "</strong> ");
        for (size_t k = 0; k < row->shared.n_items; k++) {
            out(b, k ? ", " : "");
            h(b, row->shared.items[k]);
        }
        out(b, "</td></tr>\n");
        out(b, row->differs ? "<tr class=\"differs\">" : "<tr>");
    }
    for (size_t r = 0; r < c->n_roles; r++) {
        const bl_cmp_cell *cell = &row->cells[r];
        out(b, "<td>");
        if (row->kind == BL_CMP_LEVEL && cell->level >= 0) {
            const struct bl_fit_info *fi = bl_fit_info((enum bl_fit_dim)row->sub);
            char lv[96];
            snprintf(lv, sizeof lv, "%d of %d (%s \xe2\x80\x93 %s)", cell->level, BL_FIT_MAX_LEVEL,
                     fi ? fi->low : "", fi ? fi->high : "");
            h(b, lv);
            if (cell->n_items > 0) {
                out(b, "<br><span class=\"why\">");
                h(b, cell->items[0]);
                out(b, "</span>");
            }
        } else if (row->kind == BL_CMP_SET && shared && cell->n_items == 0) {
            out(b, "<span class=\"none\">nothing else</span>");
        } else {
            html_cell_items(b, cell, row->kind == BL_CMP_SET);
        }
        out(b, "</td>");
    }
    out(b, "</tr>\n");
}

static void html_compare(struct bk *b)
{
    bl_compare *c = build_compare(b);
    if (!c)
        return;
    out(b,
        "<section id=\"comparison\" class=\"comparison\">\n<h2>Comparison</h2>\n"
        "<p>Rows marked \xe2\x89\xa0 differ between the roles; \xe2\x80\x94 means the "
        "profile does not say.</p>\n<table>\n<thead><tr><td></td>");
    for (size_t r = 0; r < c->n_roles; r++) {
        out(b, "<th scope=\"col\">");
        entry_ref(b, bl_guide_index(b->g, c->roles[r]));
        out(b, "</th>");
    }
    out(b, "</tr></thead>\n");
    for (size_t gi = 0; gi < c->n_groups && !b->err; gi++) {
        const bl_cmp_group *grp = &c->groups[gi];
        char th[64];
        snprintf(th, sizeof th, "<tbody>\n<tr><th scope=\"colgroup\" colspan=\"%zu\">",
                 c->n_roles + 1);
        out(b, th);
        h(b, grp->heading);
        out(b, "</th></tr>\n");
        for (size_t ri = grp->first; ri < grp->first + grp->n_rows && ri < c->n_rows; ri++)
            html_compare_row(b, c, &c->rows[ri]);
        out(b, "</tbody>\n");
    }
    out(b, "</table>\n</section>\n");
    bl_compare_free(c);
}

static void render_html(struct bk *b)
{
    html_head(b);
    if (b->s->scope == BL_BOOKLET_FIT) {
        html_fit(b);
    } else {
        html_toc(b);
        out(b, "<main>\n");
        if (b->s->scope == BL_BOOKLET_COMPARE)
            html_compare(b);
        for (size_t i = 0; i < b->n_parts && !b->err; i++)
            if (!b->parts[i].repeat)
                html_entry(b, &b->parts[i]);
        out(b, "</main>\n");
    }
    out(b, "<footer>\n<p class=\"meta\">Made with borderless ");
    h(b, BORDERLESS_VERSION);
    out(b,
        ". Check every detail against the sources before you apply.</p>\n</footer>\n"
        "</body>\n</html>\n");
}

/* ---- the entry points -------------------------------------------------- */

int bl_booklet_render(const bl_guide *g, const bl_booklet_spec *s, enum bl_booklet_format fmt,
                      int ascii, char **out_doc, size_t *out_len)
{
    if (!g || !s || !out_doc ||
        (fmt != BL_BOOKLET_TEXT && fmt != BL_BOOKLET_MARKDOWN && fmt != BL_BOOKLET_HTML))
        return -EINVAL;
    struct bk b = {.g = g, .s = s, .fmt = fmt, .ascii = ascii && fmt == BL_BOOKLET_TEXT};
    b.in = calloc(g->n_entries ? g->n_entries : 1, 1);
    if (!b.in)
        return -ENOMEM;
    int rc = collect(&b);
    char *buf = NULL;
    size_t size = 0;
    if (rc == 0) {
        b.f = open_memstream(&buf, &size);
        if (!b.f)
            rc = -ENOMEM;
    }
    if (rc == 0) {
        if (fmt == BL_BOOKLET_HTML)
            render_html(&b);
        else
            render_plain(&b);
        if (fclose(b.f) != 0 && !b.err)
            b.err = -ENOMEM;
        rc = b.err;
    }
    free(b.in);
    free(b.parts);
    free(b.gone);
    if (rc < 0) {
        free(buf);
        return rc;
    }
    *out_doc = buf;
    if (out_len)
        *out_len = size;
    return 0;
}

struct booklet_job {
    const bl_guide *g;
    const bl_booklet_spec *s;
    enum bl_booklet_format fmt;
};

static int booklet_job_render(void *ctx, const char *path, char **doc, size_t *len)
{
    const struct booklet_job *j = ctx;
    enum bl_booklet_format fmt =
        j->fmt == BL_BOOKLET_AUTO ? bl_booklet_format_for_path(path) : j->fmt;
    return bl_booklet_render(j->g, j->s, fmt, 0, doc, len);
}

void bl_booklet_save(const bl_guide *g, const bl_booklet_spec *s, const char *typed,
                     enum bl_booklet_format fmt, unsigned flags, bl_safewrite_target *asked,
                     bl_save_result *res)
{
    struct booklet_job j = {.g = g, .s = s, .fmt = fmt};
    bl_save_rendered(typed, booklet_job_render, &j, "booklet", flags, asked, res);
}
