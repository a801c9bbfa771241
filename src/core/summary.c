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

/* The fields a summary shows, in order.  Quick facts, routes, pay and
 * crime areas are drawn from the role's structured facts; RELATED from the
 * links. */
static const enum bl_field summary_fields[] = {
    BL_FIELD_QUICK_FACTS,      BL_FIELD_SUMMARY,     BL_FIELD_RESPONSIBILITIES,
    BL_FIELD_WORK_ENVIRONMENT, BL_FIELD_ROUTES,      BL_FIELD_QUALIFICATIONS,
    BL_FIELD_LANGUAGES,        BL_FIELD_SKILLS,      BL_FIELD_PAY,
    BL_FIELD_PROGRESSION,      BL_FIELD_CRIME_AREAS, BL_FIELD_RELATED,
};

/* What goes (or is written more compactly) when a summary would not fit
 * BL_SUMMARY_MAX_LINES, first to last.  Everything else (quick facts, the
 * summary's first paragraph, routes with who may use them and their steps,
 * languages, pay, the sources the routes and pay cite, review date) always
 * stays. */
enum optional_part {
    OPT_SKILLS,
    OPT_WORK_ENVIRONMENT,
    OPT_RELATED,
    OPT_PROGRESSION,
    OPT_CRIME_AREAS,
    OPT_RESPONSIBILITIES,
    OPT_POINTER,
    OPT_ROUTE_SOURCES, /* each route's sources: they are in "Sources" too */
    OPT_WHO_ITEMS, /* a route's conditions as one item, not one each */
    OPT_SUMMARY_REST, /* the summary's paragraphs after the first */
    OPT_REQUIREMENTS, /* the general requirements, when every route has its own */
    OPT_STEP_LINES, /* a route's steps as one paragraph, not one line each */
    OPT_UNCITED, /* sources no route or pay cites: a count and a command */
    OPT_COUNT
};

/* The optional part a field is, or -1. */
static int optional_of(enum bl_field f)
{
    switch (f) {
    case BL_FIELD_SKILLS:
        return OPT_SKILLS;
    case BL_FIELD_WORK_ENVIRONMENT:
        return OPT_WORK_ENVIRONMENT;
    case BL_FIELD_RELATED:
        return OPT_RELATED;
    case BL_FIELD_PROGRESSION:
        return OPT_PROGRESSION;
    case BL_FIELD_CRIME_AREAS:
        return OPT_CRIME_AREAS;
    case BL_FIELD_RESPONSIBILITIES:
        return OPT_RESPONSIBILITIES;
    default:
        return -1;
    }
}

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
        char *p = n < (size_t)-1 - b->len - 1 ? bl_vec_grow(b->p, &b->cap, b->len + n + 1, 1, 4096)
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
    int glued; /* a no-break space (U+00A0) is written as a space */
};

static int wrap_emit(void *ctx, size_t start, size_t end, int cols)
{
    struct wrap_ctx *w = ctx;
    put_str(w->b, w->lines == 0 ? w->first : w->rest);
    for (size_t i = start; w->glued && i < end; i++) {
        if ((unsigned char)w->s[i] == 0xC2 && i + 1 < end && (unsigned char)w->s[i + 1] == 0xA0) {
            put(w->b, w->s + start, i - start);
            put(w->b, " ", 1);
            start = i + 2;
            i++;
        }
    }
    put(w->b, w->s + start, end - start);
    put(w->b, "\n", 1);
    w->lines++;
    if (cols > w->widest)
        w->widest = cols;
    return w->b->failed;
}

/* Wraps s (one paragraph) at the summary width after the prefix `first`
 * (then `rest`); with glued, a no-break space holds its neighbours on one
 * line and is written as a space.  Returns the widest line's width. */
static int text_wrap_glued(sbuf *b, const char *s, size_t len, const char *first, const char *rest,
                           int glued)
{
    size_t n = 0;
    char *c = clean(b, s, len, &n);
    if (!c)
        return 0;
    struct wrap_ctx w = {.b = b, .s = c, .first = first, .rest = rest, .glued = glued};
    int indent = bl_text_width(first, strlen(first));
    bl_wrap(c, n, BL_SUMMARY_WIDTH - indent, wrap_emit, &w);
    free(c);
    return w.widest;
}

static int text_wrap(sbuf *b, const char *s, size_t len, const char *first, const char *rest)
{
    return text_wrap_glued(b, s, len, first, rest, 0);
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

/* A list item with a prefix of its own ("1. ", "Employer: "). */
static void item_with(sbuf *b, int md, const char *prefix, const char *s)
{
    sbuf line = {0};
    put_str(&line, prefix);
    put_str(&line, s);
    if (line.failed) {
        b->failed = 1;
    } else if (md) {
        put(b, "- ", 2);
        md_text(b, line.p, line.len);
        put(b, "\n", 1);
    } else {
        text_wrap(b, line.p, line.len, "- ", "  ");
    }
    free(line.p);
}

/* A numbered step: "1. text" with a hanging indent. */
static void step_item(sbuf *b, int md, size_t n, const char *s)
{
    char num[24];
    snprintf(num, sizeof num, "%zu. ", n);
    if (md) {
        put_str(b, num);
        md_text(b, s, strlen(s));
        put(b, "\n", 1);
    } else {
        char rest[24];
        snprintf(rest, sizeof rest, "%*s", (int)strlen(num), "");
        text_wrap(b, s, strlen(s), num, rest);
    }
}

/* One line of text (a paragraph of its own in Markdown). */
static void line_of(sbuf *b, int md, const char *s)
{
    if (md) {
        md_text(b, s, strlen(s));
        put(b, "\n", 1);
    } else {
        text_wrap(b, s, strlen(s), "", "");
    }
}

static void render_routes(sbuf *b, const bl_role_facts *rf, int md, int with_sources, int who_items,
                          int step_lines)
{
    for (size_t r = 0; r < rf->n_routes; r++) {
        const bl_route *ro = &rf->routes[r];
        put(b, "\n", 1);
        if (md) {
            put_str(b, "### ");
            md_text(b, ro->name, strlen(ro->name));
            put_str(b, "\n\n");
        } else {
            line_of(b, 0, ro->name);
        }
        sbuf kind = {0};
        put_str(&kind, bl_route_kind_label(ro->kind));
        put_str(&kind, ", ");
        put_str(&kind, ro->where);
        put_str(&kind, ". ");
        put_str(&kind, bl_serving_label(ro->serving_officer));
        put_str(&kind, ".");
        if (kind.failed)
            b->failed = 1;
        else
            line_of(b, md, kind.p);
        free(kind.p);
        if (md)
            put(b, "\n", 1);
        if (who_items) {
            for (size_t i = 0; i < ro->n_who; i++)
                item_with(b, md, "Who: ", ro->who[i]);
        } else if (ro->n_who > 0) {
            sbuf who = {0};
            for (size_t i = 0; i < ro->n_who; i++) {
                put_str(&who, i ? "; " : "");
                put_str(&who, ro->who[i]);
            }
            if (who.failed)
                b->failed = 1;
            else
                item_with(b, md, "Who: ", who.p);
            free(who.p);
        }
        if (md)
            put(b, "\n", 1);
        if (step_lines) {
            for (size_t i = 0; i < ro->n_steps; i++) {
                const bl_route_step *st = &ro->steps[i];
                if (st->duration) {
                    sbuf t = {0};
                    put_str(&t, st->step);
                    put_str(&t, " (");
                    put_str(&t, st->duration);
                    put_str(&t, ")");
                    if (t.failed)
                        b->failed = 1;
                    else
                        step_item(b, md, i + 1, t.p);
                    free(t.p);
                } else {
                    step_item(b, md, i + 1, st->step);
                }
            }
        } else if (ro->n_steps > 0) {
            /* "1. Apply 2. Tests (3 weeks) 3. ..." wrapped as one paragraph. */
            sbuf t = {0};
            for (size_t i = 0; i < ro->n_steps; i++) {
                const bl_route_step *st = &ro->steps[i];
                /* In text the number is glued to the step's first word,
                 * so that no line ends with a bare "3.". */
                char num[32];
                snprintf(num, sizeof num, "%s%zu.%s", i ? " " : "", i + 1, md ? " " : "\xC2\xA0");
                put_str(&t, num);
                put_str(&t, st->step);
                if (st->duration) {
                    put_str(&t, " (");
                    put_str(&t, st->duration);
                    put_str(&t, ")");
                }
            }
            if (t.failed)
                b->failed = 1;
            else if (md)
                line_of(b, md, t.p);
            else
                text_wrap_glued(b, t.p, t.len, "", "", 1);
            free(t.p);
        }
        if (md)
            put(b, "\n", 1);
        for (size_t i = 0; with_sources && i < ro->n_sources; i++) {
            sbuf t = {0};
            put_str(&t, "Source: ");
            put_str(&t, ro->sources[i]);
            if (t.failed)
                b->failed = 1;
            else
                line_of(b, md, t.p);
            free(t.p);
        }
    }
}

/* Whether every route says who may use it (then the general requirements
 * can go: each route carries its own). */
static int every_route_has_who(const bl_role_facts *rf)
{
    if (!rf || rf->n_routes == 0)
        return 0;
    for (size_t r = 0; r < rf->n_routes; r++)
        if (rf->routes[r].n_who == 0)
            return 0;
    return 1;
}

/* Whether a route or a pay figure cites the address url. */
static int is_cited(const bl_role_facts *rf, const char *url)
{
    if (!rf || !url)
        return 0;
    for (size_t r = 0; r < rf->n_routes; r++)
        for (size_t k = 0; k < rf->routes[r].n_sources; k++)
            if (rf->routes[r].sources[k] && strcmp(rf->routes[r].sources[k], url) == 0)
                return 1;
    for (size_t k = 0; k < rf->n_pay; k++)
        if (rf->pay[k].source && strcmp(rf->pay[k].source, url) == 0)
            return 1;
    return 0;
}

/* A pay figure's source: on a line of its own under the item, indented, so
 * the label stays with its address and the address is never broken (a
 * hard line break in Markdown). */
static void pay_source(sbuf *b, int md, const char *url)
{
    if (md) {
        /* the item's line ends with a hard break */
        if (b->len > 0 && b->p[b->len - 1] == '\n')
            b->len--;
        put_str(b, "\\\n  Source: ");
        md_text(b, url, strlen(url));
        put(b, "\n", 1);
        return;
    }
    size_t n = 0;
    char *c = clean(b, url, strlen(url), &n);
    if (!c)
        return;
    put_str(b, "  Source: ");
    put(b, c, n);
    put(b, "\n", 1);
    free(c);
}

/* "12 more sources: borderless show ID", one line; in text the command
 * goes on a line of its own, indented, only if the line would be too
 * wide. */
static void more_sources(sbuf *b, int md, size_t n, const char *id)
{
    char what[64];
    snprintf(what, sizeof what, "%zu more source%s:", n, n == 1 ? "" : "s");
    sbuf cmd = {0};
    put_str(&cmd, "borderless show ");
    put_str(&cmd, id);
    if (cmd.failed) {
        b->failed = 1;
        return;
    }
    if (md) {
        put(b, "\n", 1);
        put_str(b, what);
        put_str(b, " `");
        put(b, cmd.p, cmd.len);
        put_str(b, "`\n");
    } else if (bl_text_width(what, strlen(what)) + 1 + bl_text_width(cmd.p, cmd.len) <=
               BL_SUMMARY_WIDTH) {
        put(b, "\n", 1);
        put_str(b, what);
        put(b, " ", 1);
        put(b, cmd.p, cmd.len);
        put(b, "\n", 1);
    } else {
        struct piece p[] = {{.text = what}, {.text = cmd.p, .code = 1}};
        paragraph_of(b, md, p, 2);
    }
    free(cmd.p);
}

/* The document; optional parts below `drop` (enum optional_part) are
 * left out. */
static void render(sbuf *b, const bl_guide *g, const bl_entry *e, int md, int drop)
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
        const bl_role_facts *rf = e->role;
        if (optional_of(f) >= 0 && optional_of(f) < drop)
            continue;
        if (f == BL_FIELD_QUALIFICATIONS && drop > OPT_REQUIREMENTS && every_route_has_who(rf))
            continue;
        if (f == BL_FIELD_QUICK_FACTS && rf) {
            heading(b, md, 2, title);
            put(b, "\n", 1);
            for (int k = 0; k < BL_FACT_COUNT; k++) {
                char label[40];
                snprintf(label, sizeof label, "%s: ", bl_fact_info((enum bl_fact)k)->label);
                if (rf->facts[k])
                    item_with(b, md, label, rf->facts[k]);
            }
            continue;
        }
        if (f == BL_FIELD_ROUTES && rf) {
            if (rf->n_routes == 0)
                continue;
            heading(b, md, 2, title);
            render_routes(b, rf, md, drop <= OPT_ROUTE_SOURCES, drop <= OPT_WHO_ITEMS,
                          drop <= OPT_STEP_LINES);
            continue;
        }
        if (f == BL_FIELD_PAY && rf) {
            if (rf->n_pay == 0)
                continue;
            heading(b, md, 2, title);
            put(b, "\n", 1);
            for (size_t k = 0; k < rf->n_pay; k++) {
                int n = bl_pay_format(&rf->pay[k], NULL, 0);
                char *line = n >= 0 ? malloc((size_t)n + 1) : NULL;
                if (!line) {
                    b->failed = 1;
                    break;
                }
                bl_pay_format(&rf->pay[k], line, (size_t)n + 1);
                item(b, md, line);
                free(line);
                if (rf->pay[k].source)
                    pay_source(b, md, rf->pay[k].source);
            }
            continue;
        }
        if (f == BL_FIELD_CRIME_AREAS) {
            const bl_field_value *v = bl_entry_get(e, f);
            if (!v || v->n_items == 0)
                continue;
            heading(b, md, 2, title);
            sbuf t = {0};
            for (size_t k = 0; k < v->n_items; k++) {
                put_str(&t, k ? "; " : "");
                put_str(&t, v->items[k]);
            }
            put_str(&t, ".");
            put(b, "\n", 1);
            if (t.failed)
                b->failed = 1;
            else
                line_of(b, md, t.p);
            free(t.p);
            continue;
        }
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
            if (v->text && f == BL_FIELD_SUMMARY && drop > OPT_SUMMARY_REST) {
                /* The first paragraph only. */
                const char *t = v->text;
                while (*t == '\n')
                    t++;
                const char *sep = strstr(t, "\n\n");
                size_t n = sep ? (size_t)(sep - t) : strlen(t);
                if (n > 0)
                    (md ? md_paragraph : text_paragraph)(b, t, n, NULL);
            } else if (v->text) {
                each_paragraph(b, v->text, md ? md_paragraph : text_paragraph, NULL);
            }
        } else {
            put(b, "\n", 1);
            for (size_t k = 0; k < v->n_items; k++)
                item(b, md, v->items[k]);
        }
    }

    const bl_entry *training = bl_guide_find(g, BL_SUMMARY_TRAINING_ID);
    if (training && training->kind == BL_ENTRY_SECTION && drop <= OPT_POINTER) {
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

    if (e->n_sources > 0) {
        heading(b, md, 2, "Sources");
        put(b, "\n", 1);
        int cited_only = drop > OPT_UNCITED;
        size_t more = 0;
        for (size_t k = 0; k < e->n_sources; k++) {
            const bl_source *src = &e->sources[k];
            if (cited_only && !is_cited(e->role, src->url)) {
                more++;
                continue;
            }
            /* The address only: it is what a reader of paper needs. */
            if (src->url)
                item(b, md, src->url);
            else if (src->title)
                item(b, md, src->title);
        }
        if (more > 0)
            more_sources(b, md, more, e->id);
    }
    if (e->reviewed) {
        struct piece reviewed[] = {{.text = "Last reviewed: "}, {.text = e->reviewed}};
        paragraph_of(b, md, reviewed, 2);
    }
}

int bl_summary_render(const bl_guide *g, const bl_entry *role, enum bl_summary_format fmt,
                      char **out, size_t *out_len)
{
    if (!g || !role || role->kind != BL_ENTRY_ROLE || !out ||
        (fmt != BL_SUMMARY_TEXT && fmt != BL_SUMMARY_MARKDOWN))
        return -EINVAL;
    /* Leave out optional parts, least important first, until the text
     * fits; Markdown gets the same parts as the text.  When nothing fits,
     * the shortest text wins (a step can lengthen a short role: "1 more
     * source" takes two lines to save one). */
    int drop = 0;
    size_t best_lines = (size_t)-1;
    for (int d = 0; d <= OPT_COUNT; d++) {
        sbuf t = {0};
        render(&t, g, role, 0, d);
        size_t lines = 0;
        for (size_t i = 0; i < t.len; i++)
            lines += t.p[i] == '\n';
        int failed = t.failed;
        free(t.p);
        if (failed)
            return -ENOMEM;
        if (lines < best_lines) {
            best_lines = lines;
            drop = d;
        }
        if (lines <= BL_SUMMARY_MAX_LINES)
            break;
    }
    sbuf b = {0};
    render(&b, g, role, fmt == BL_SUMMARY_MARKDOWN, drop);
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

void bl_save_rendered(const char *typed, bl_save_render_fn make, void *ctx, const char *what,
                      unsigned flags, bl_safewrite_target *asked, bl_save_result *res)
{
    memset(res, 0, sizeof *res);
    res->status = BL_SAVE_FAILED;
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
    char *doc = NULL;
    size_t len = 0;
    rc = make(ctx, res->path, &doc, &len);
    if (rc < 0) {
        res->err = -rc;
        snprintf(res->message, sizeof res->message, "Cannot make the %s: %s", what, strerror(-rc));
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

struct summary_job {
    const bl_guide *g;
    const bl_entry *role;
    enum bl_summary_format fmt;
};

static int summary_job_render(void *ctx, const char *path, char **out, size_t *len)
{
    const struct summary_job *j = ctx;
    enum bl_summary_format fmt =
        j->fmt == BL_SUMMARY_AUTO ? bl_summary_format_for_path(path) : j->fmt;
    return bl_summary_render(j->g, j->role, fmt, out, len);
}

void bl_summary_save(const bl_guide *g, const bl_entry *role, const char *typed,
                     enum bl_summary_format fmt, unsigned flags, bl_safewrite_target *asked,
                     bl_save_result *res)
{
    if (!g || !role || role->kind != BL_ENTRY_ROLE) {
        memset(res, 0, sizeof *res);
        res->status = BL_SAVE_FAILED;
        res->err = EINVAL;
        snprintf(res->message, sizeof res->message, "Only a role has a summary");
        return;
    }
    struct summary_job j = {.g = g, .role = role, .fmt = fmt};
    bl_save_rendered(typed, summary_job_render, &j, "summary", flags, asked, res);
}
