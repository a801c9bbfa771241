/* compare.c — two or three roles aligned row by row (see compare.h). */
#include "borderless/compare.h"

#include "borderless/arena.h"
#include "borderless/layout.h"
#include "borderless/summary.h"
#include "borderless/vec.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the rows ------------------------------------------------------- */

/* Where a row's values come from. */
enum row_src {
    SRC_TEXT, /* a TEXT field */
    SRC_LIST, /* a plain LIST field, as a set */
    SRC_FACT, /* quick fact `sub` */
    SRC_ROUTES, /* route names with their kind */
    SRC_ROUTE_KINDS, /* the kinds of route */
    SRC_SERVING, /* whether routes need a serving officer */
    SRC_PAY, /* pay, one formatted line a figure */
    SRC_FIT, /* fit dimension `sub` */
    SRC_CRIME, /* crime area labels */
    SRC_RELATED, /* related roles by title */
    SRC_SECTIONS, /* related sections by title */
    SRC_REVIEWED /* the review date */
};

struct row_spec {
    int group; /* index into group_headings */
    enum row_src src;
    int part; /* enum bl_field, or BL_PART_REVIEWED */
    size_t sub;
    const char *label; /* NULL: the field's heading */
};

static const char *const group_headings[] = {
    "Quick facts",     "The work",    "How people get in",     "Pay and prospects",
    "Where they work", "Fit profile", "Crime areas and links", "Review",
};

/* The order of the rows: the schema's (model.h, enum bl_field). */
static const struct row_spec row_specs[] = {
    {.group = 0, .src = SRC_LIST, .part = BL_FIELD_ALIASES},
    {.group = 0, .src = SRC_FACT, .part = BL_FIELD_QUICK_FACTS, .sub = BL_FACT_EMPLOYER},
    {.group = 0, .src = SRC_FACT, .part = BL_FIELD_QUICK_FACTS, .sub = BL_FACT_STATUS},
    {.group = 0, .src = SRC_FACT, .part = BL_FIELD_QUICK_FACTS, .sub = BL_FACT_STARTING_POINT},
    {.group = 0, .src = SRC_FACT, .part = BL_FIELD_QUICK_FACTS, .sub = BL_FACT_EDUCATION},
    {.group = 0, .src = SRC_FACT, .part = BL_FIELD_QUICK_FACTS, .sub = BL_FACT_LANGUAGES},
    {.group = 0, .src = SRC_FACT, .part = BL_FIELD_QUICK_FACTS, .sub = BL_FACT_VETTING},
    {.group = 0, .src = SRC_FACT, .part = BL_FIELD_QUICK_FACTS, .sub = BL_FACT_NATIONALITY},
    {.group = 0, .src = SRC_FACT, .part = BL_FIELD_QUICK_FACTS, .sub = BL_FACT_WORKPLACE},
    {.group = 1, .src = SRC_TEXT, .part = BL_FIELD_SUMMARY},
    {.group = 1, .src = SRC_LIST, .part = BL_FIELD_RESPONSIBILITIES},
    {.group = 1, .src = SRC_TEXT, .part = BL_FIELD_WORK_ENVIRONMENT},
    {.group = 2, .src = SRC_ROUTES, .part = BL_FIELD_ROUTES, .sub = 0, .label = "Routes"},
    {.group = 2,
     .src = SRC_ROUTE_KINDS,
     .part = BL_FIELD_ROUTES,
     .sub = 1,
     .label = "Kinds of route"},
    {.group = 2,
     .src = SRC_SERVING,
     .part = BL_FIELD_ROUTES,
     .sub = 2,
     .label = "Serving officers"},
    {.group = 2, .src = SRC_LIST, .part = BL_FIELD_SKILLS},
    {.group = 2, .src = SRC_LIST, .part = BL_FIELD_QUALIFICATIONS},
    {.group = 2, .src = SRC_LIST, .part = BL_FIELD_LANGUAGES},
    {.group = 3, .src = SRC_PAY, .part = BL_FIELD_PAY},
    {.group = 3, .src = SRC_LIST, .part = BL_FIELD_PROGRESSION},
    {.group = 4, .src = SRC_LIST, .part = BL_FIELD_ORGANISATIONS},
    {.group = 4, .src = SRC_LIST, .part = BL_FIELD_THREATS},
    {.group = 5, .src = SRC_FIT, .part = BL_FIELD_FIT, .sub = BL_FIT_DESK_FIELD},
    {.group = 5, .src = SRC_FIT, .part = BL_FIELD_FIT, .sub = BL_FIT_TRAVEL},
    {.group = 5, .src = SRC_FIT, .part = BL_FIELD_FIT, .sub = BL_FIT_RELOCATION},
    {.group = 5, .src = SRC_FIT, .part = BL_FIELD_FIT, .sub = BL_FIT_SHIFTS},
    {.group = 5, .src = SRC_FIT, .part = BL_FIELD_FIT, .sub = BL_FIT_PUBLIC_CONTACT},
    {.group = 5, .src = SRC_FIT, .part = BL_FIELD_FIT, .sub = BL_FIT_PHYSICAL},
    {.group = 5, .src = SRC_FIT, .part = BL_FIELD_FIT, .sub = BL_FIT_VETTING},
    {.group = 5, .src = SRC_FIT, .part = BL_FIELD_FIT, .sub = BL_FIT_ANALYSIS_PEOPLE},
    {.group = 5, .src = SRC_FIT, .part = BL_FIELD_FIT, .sub = BL_FIT_LANGUAGES},
    {.group = 5, .src = SRC_FIT, .part = BL_FIELD_FIT, .sub = BL_FIT_EDUCATION},
    {.group = 6, .src = SRC_CRIME, .part = BL_FIELD_CRIME_AREAS},
    {.group = 6, .src = SRC_RELATED, .part = BL_FIELD_RELATED},
    {.group = 6, .src = SRC_SECTIONS, .part = BL_FIELD_SECTIONS},
    {.group = 7, .src = SRC_REVIEWED, .part = BL_PART_REVIEWED, .label = "Last reviewed"},
};

#define N_SPECS (sizeof row_specs / sizeof row_specs[0])
#define N_GROUPS (sizeof group_headings / sizeof group_headings[0])

/* One role's raw values for a row. */
typedef struct values {
    const char **v;
    size_t n;
    int given;
    int level;
} values;

static int push(values *vs, size_t cap, const char *s)
{
    if (vs->n >= cap)
        return -1;
    vs->v[vs->n++] = s;
    return 0;
}

/* Splits text into paragraphs (at blank lines) as arena strings. */
static int paragraphs(bl_arena *a, const char *text, values *out)
{
    size_t cap = 1;
    for (const char *p = text; (p = strstr(p, "\n\n")); p += 2)
        cap++;
    out->v = bl_arena_array(a, cap, sizeof *out->v);
    if (!out->v)
        return -1;
    const char *p = text;
    while (*p) {
        const char *end = strstr(p, "\n\n");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        size_t i = 0;
        while (i < len && (p[i] == '\n' || p[i] == ' '))
            i++;
        if (i < len) {
            char *s = bl_arena_strndup(a, p + i, len - i);
            if (!s || push(out, cap, s))
                return -1;
        }
        if (!end)
            break;
        p = end + 2;
    }
    return 0;
}

static int alloc_values(bl_arena *a, values *out, size_t cap)
{
    out->v = bl_arena_array(a, cap ? cap : 1, sizeof *out->v);
    return out->v ? 0 : -1;
}

/* "Name (Kind)" */
static const char *route_item(bl_arena *a, const bl_route *r)
{
    const char *kind = bl_route_kind_label(r->kind);
    size_t n = strlen(r->name) + (kind ? strlen(kind) + 3 : 0) + 1;
    char *s = bl_arena_buffer(a, n);
    if (s)
        snprintf(s, n, kind ? "%s (%s)" : "%s", r->name, kind);
    return s;
}

/* Gathers role e's values for spec s into *out.  0, or -1 when memory runs
 * out. */
static int gather(bl_arena *a, const bl_guide *g, const bl_entry *e, const struct row_spec *s,
                  values *out)
{
    const bl_role_facts *rf = e->role;
    const bl_field_value *v =
        s->part >= 0 && s->part < BL_FIELD_COUNT ? bl_entry_get(e, (enum bl_field)s->part) : NULL;
    *out = (values){.level = -1};
    switch (s->src) {
    case SRC_TEXT:
        if (!v || !v->text || !*v->text)
            return 0;
        out->given = 1;
        return paragraphs(a, v->text, out);
    case SRC_LIST:
    case SRC_CRIME:
        if (!v || v->n_items == 0)
            return 0;
        out->given = 1;
        if (alloc_values(a, out, v->n_items))
            return -1;
        for (size_t k = 0; k < v->n_items; k++)
            push(out, v->n_items, v->items[k]);
        return 0;
    case SRC_FACT:
        if (!rf || !rf->facts[s->sub] || !*rf->facts[s->sub])
            return 0;
        out->given = 1;
        return paragraphs(a, rf->facts[s->sub], out);
    case SRC_ROUTES:
    case SRC_ROUTE_KINDS:
    case SRC_SERVING:
        if (!rf || rf->n_routes == 0)
            return 0;
        out->given = 1;
        if (alloc_values(a, out, rf->n_routes))
            return -1;
        for (size_t k = 0; k < rf->n_routes; k++) {
            const bl_route *r = &rf->routes[k];
            const char *item = s->src == SRC_ROUTES ? route_item(a, r)
                : s->src == SRC_ROUTE_KINDS         ? bl_route_kind_label(r->kind)
                                                    : bl_serving_label(r->serving_officer);
            if (!item) {
                if (s->src == SRC_ROUTES)
                    return -1;
                continue;
            }
            push(out, rf->n_routes, item);
        }
        return 0;
    case SRC_PAY:
        if (!rf || rf->n_pay == 0)
            return 0;
        out->given = 1;
        if (alloc_values(a, out, rf->n_pay))
            return -1;
        for (size_t k = 0; k < rf->n_pay; k++) {
            int n = bl_pay_format(&rf->pay[k], NULL, 0);
            char *buf = n < 0 ? NULL : bl_arena_buffer(a, (size_t)n + 1);
            if (!buf)
                return -1;
            bl_pay_format(&rf->pay[k], buf, (size_t)n + 1);
            push(out, rf->n_pay, buf);
        }
        return 0;
    case SRC_FIT:
        if (!rf)
            return 0;
        out->given = 1;
        out->level = rf->fit[s->sub].level;
        if (out->level < 0)
            out->level = 0;
        if (out->level > BL_FIT_MAX_LEVEL)
            out->level = BL_FIT_MAX_LEVEL;
        if (alloc_values(a, out, 1))
            return -1;
        if (rf->fit[s->sub].reason && *rf->fit[s->sub].reason)
            push(out, 1, rf->fit[s->sub].reason);
        return 0;
    case SRC_RELATED:
    case SRC_SECTIONS: {
        const size_t *links = s->src == SRC_RELATED ? e->links : e->section_links;
        size_t n = s->src == SRC_RELATED ? e->n_links : e->n_section_links;
        if (n == 0)
            return 0;
        out->given = 1;
        if (alloc_values(a, out, n))
            return -1;
        for (size_t k = 0; k < n; k++)
            if (links[k] < g->n_entries)
                push(out, n, g->entries[links[k]].title);
        return 0;
    }
    case SRC_REVIEWED:
        if (!e->reviewed || !*e->reviewed)
            return 0;
        out->given = 1;
        if (alloc_values(a, out, 1))
            return -1;
        push(out, 1, e->reviewed);
        return 0;
    }
    return 0;
}

static int item_eq(const char *x, const char *y)
{
    return bl_term_casecmp(x, y) == 0;
}

static int has_item(const values *vs, const char *s)
{
    for (size_t i = 0; i < vs->n; i++)
        if (item_eq(vs->v[i], s))
            return 1;
    return 0;
}

/* vs without repeats (the first of each kept). */
static void dedupe(values *vs)
{
    size_t o = 0;
    for (size_t i = 0; i < vs->n; i++) {
        values head = {.v = vs->v, .n = o};
        if (!has_item(&head, vs->v[i]))
            vs->v[o++] = vs->v[i];
    }
    vs->n = o;
}

static int fill_set_row(bl_arena *a, bl_cmp_row *row, values *vals, size_t n)
{
    for (size_t r = 0; r < n; r++)
        dedupe(&vals[r]);
    const char **shared = bl_arena_array(a, vals[0].n ? vals[0].n : 1, sizeof *shared);
    if (!shared)
        return -1;
    size_t n_shared = 0;
    for (size_t i = 0; i < vals[0].n; i++) {
        int all = 1;
        for (size_t r = 1; r < n && all; r++)
            all = has_item(&vals[r], vals[0].v[i]);
        if (all)
            shared[n_shared++] = vals[0].v[i];
    }
    values sh = {.v = shared, .n = n_shared};
    row->shared = (bl_cmp_cell){
        .items = n_shared ? shared : NULL, .n_items = n_shared, .given = n_shared > 0, .level = -1};
    for (size_t r = 0; r < n; r++) {
        size_t o = 0;
        for (size_t i = 0; i < vals[r].n; i++)
            if (!has_item(&sh, vals[r].v[i]))
                vals[r].v[o++] = vals[r].v[i];
        row->cells[r] = (bl_cmp_cell){
            .items = o ? vals[r].v : NULL, .n_items = o, .given = vals[r].given, .level = -1};
        if (o)
            row->differs = 1;
    }
    return 0;
}

static int same_values(const values *x, const values *y)
{
    if (x->given != y->given || x->n != y->n || x->level != y->level)
        return 0;
    for (size_t i = 0; i < x->n; i++)
        if (strcmp(x->v[i], y->v[i]) != 0)
            return 0;
    return 1;
}

static void fill_plain_row(bl_cmp_row *row, const values *vals, size_t n)
{
    for (size_t r = 0; r < n; r++) {
        row->cells[r] = (bl_cmp_cell){.items = vals[r].n ? vals[r].v : NULL,
                                      .n_items = vals[r].n,
                                      .given = vals[r].given,
                                      .level = vals[r].level};
        if (r > 0) {
            if (row->kind == BL_CMP_LEVEL ? vals[r].level != vals[0].level
                                          : !same_values(&vals[r], &vals[0]))
                row->differs = 1;
        }
    }
}

bl_compare *bl_compare_build(const bl_guide *g, const bl_entry *const *roles, size_t n)
{
    if (!g || !roles || n < BL_CMP_MIN_ROLES || n > BL_CMP_MAX_ROLES)
        return NULL;
    for (size_t r = 0; r < n; r++)
        if (!roles[r] || roles[r]->kind != BL_ENTRY_ROLE)
            return NULL;
    bl_compare *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    bl_arena *a = c->arena = bl_arena_new();
    bl_cmp_row *rows = a ? bl_arena_array(a, N_SPECS, sizeof *rows) : NULL;
    bl_cmp_group *groups = a ? bl_arena_array(a, N_GROUPS, sizeof *groups) : NULL;
    if (!rows || !groups)
        goto fail;
    c->n_roles = n;
    for (size_t r = 0; r < n; r++)
        c->roles[r] = roles[r];

    for (size_t i = 0; i < N_SPECS; i++) {
        const struct row_spec *s = &row_specs[i];
        values vals[BL_CMP_MAX_ROLES];
        int any = 0;
        for (size_t r = 0; r < n; r++) {
            if (gather(a, g, roles[r], s, &vals[r]))
                goto fail;
            any |= vals[r].given;
        }
        if (!any)
            continue;
        bl_cmp_row *row = &rows[c->n_rows];
        *row = (bl_cmp_row){.part = s->part, .sub = s->sub, .shared = {.level = -1}};
        if (s->label)
            row->label = s->label;
        else if (s->src == SRC_FACT)
            row->label = bl_fact_info((enum bl_fact)s->sub)->label;
        else if (s->src == SRC_FIT)
            row->label = bl_fit_info((enum bl_fit_dim)s->sub)->label;
        else
            row->label = bl_field_info((enum bl_field)s->part)->heading;
        switch (s->src) {
        case SRC_TEXT:
        case SRC_FACT:
        case SRC_REVIEWED:
            row->kind = BL_CMP_TEXT;
            fill_plain_row(row, vals, n);
            break;
        case SRC_FIT:
            row->kind = BL_CMP_LEVEL;
            fill_plain_row(row, vals, n);
            break;
        default:
            row->kind = BL_CMP_SET;
            if (fill_set_row(a, row, vals, n))
                goto fail;
            break;
        }
        /* its group: a new one when the heading changes */
        if (c->n_groups == 0 || groups[c->n_groups - 1].heading != group_headings[s->group])
            groups[c->n_groups++] =
                (bl_cmp_group){.heading = group_headings[s->group], .first = c->n_rows};
        bl_cmp_group *grp = &groups[c->n_groups - 1];
        grp->n_rows++;
        if (row->differs) {
            grp->n_differ++;
            c->n_differ++;
        }
        c->n_rows++;
    }
    c->rows = rows;
    c->groups = groups;
    return c;
fail:
    bl_compare_free(c);
    return NULL;
}

bl_compare *bl_compare_build_ids(const bl_guide *g, const char *const *ids, size_t n, long *bad)
{
    const bl_entry *roles[BL_CMP_MAX_ROLES];
    if (bad)
        *bad = -1;
    if (!g || !ids || n < BL_CMP_MIN_ROLES || n > BL_CMP_MAX_ROLES)
        return NULL;
    for (size_t r = 0; r < n; r++) {
        roles[r] = ids[r] ? bl_guide_find(g, ids[r]) : NULL;
        if (!roles[r] || roles[r]->kind != BL_ENTRY_ROLE) {
            if (bad)
                *bad = (long)r;
            return NULL;
        }
    }
    return bl_compare_build(g, roles, n);
}

void bl_compare_free(bl_compare *c)
{
    if (!c)
        return;
    bl_arena_free(c->arena);
    free(c);
}

/* ---- text ----------------------------------------------------------- */

#define GUTTER 2
#define MIN_WIDTH 20

int bl_compare_side_by_side(size_t n_roles, int width, int *label_cols, int *col_cols)
{
    if (width < MIN_WIDTH)
        width = MIN_WIDTH;
    if (n_roles < 1)
        n_roles = 1;
    int label = width >= 120 ? 22 : 18;
    int col = (width - label) / (int)n_roles - 3; /* "│ " before, " " after */
    int side = col >= BL_CMP_MIN_COLUMN;
    if (label_cols)
        *label_cols = label;
    if (col_cols)
        *col_cols = side ? col : width - 5; /* stacked: after "  A  " */
    return side;
}

/* A wrapped piece of a cell: display-safe text and its width. */
typedef struct piece {
    const char *s;
    int cols;
} piece;

typedef struct pieces {
    piece *v;
    size_t n, cap;
} pieces;

typedef struct tbuild {
    bl_cmp_text *t;
    bl_arena *a;
    bl_cmp_line *lines;
    size_t cap;
    int ascii;
    int failed;
    int width;
    /* the wrap callback's state */
    pieces *out;
    const char *src;
    const char *first, *next;
    int n_emitted;
    int avail; /* columns after the prefix */
    int split; /* cut a line wider than avail (a URL) into pieces */
} tbuild;

static int pieces_add(tbuild *b, pieces *p, const char *s, int cols)
{
    piece *v = bl_vec_grow(p->v, &p->cap, p->n + 1, sizeof *p->v, 16);
    if (!v) {
        b->failed = 1;
        return -1;
    }
    p->v = v;
    p->v[p->n++] = (piece){.s = s, .cols = cols};
    return 0;
}

/* prefix + src[start..end), made display-safe. */
static const char *join_safe(tbuild *b, const char *prefix, const char *src, size_t len, int *cols)
{
    size_t plen = prefix ? strlen(prefix) : 0, slen = 0;
    char *safe = bl_text_sanitize(src, len, b->ascii, &slen);
    char *psafe = prefix ? bl_text_sanitize(prefix, plen, b->ascii, &plen) : NULL;
    char *s = safe && (psafe || !prefix) ? bl_arena_buffer(b->a, plen + slen + 1) : NULL;
    if (s) {
        if (plen)
            memcpy(s, psafe, plen);
        memcpy(s + plen, safe, slen);
        s[plen + slen] = '\0';
        *cols = bl_text_width(s, plen + slen);
    } else {
        b->failed = 1;
    }
    free(safe);
    free(psafe);
    return s;
}

static int wrap_emit(void *ctx, size_t start, size_t end, int cols)
{
    tbuild *b = ctx;
    while (start < end) {
        size_t n = end - start;
        if (b->split && cols > b->avail) {
            /* A URL wider than a column: cut into column-wide pieces, so
             * that the columns beside it stay in place. */
            n = bl_text_fit(b->src + start, end - start, b->avail, NULL);
            if (n == 0) {
                bl_glyph g;
                n = bl_glyph_next(b->src + start, end - start, &g);
            }
        }
        int w = 0;
        const char *s = join_safe(b, b->n_emitted == 0 ? b->first : b->next, b->src + start, n, &w);
        b->n_emitted++;
        if (!s || pieces_add(b, b->out, s, w))
            return -1;
        start += n;
    }
    return 0;
}

/* Wraps s into `width` columns, appending to *out: the first line starts
 * with `first`, the rest with `next` (the same width).  Paragraphs (blank
 * lines) are kept apart by an empty piece. */
static void wrap_into(tbuild *b, pieces *out, const char *s, int width, const char *first,
                      const char *next)
{
    if (b->failed)
        return;
    int pcols = first ? bl_text_width(first, strlen(first)) : 0;
    if (pcols >= width)
        first = next = NULL, pcols = 0;
    b->out = out;
    b->src = s;
    b->first = first;
    b->next = next;
    b->n_emitted = 0;
    b->avail = width - pcols;
    if (bl_wrap(s, strlen(s), width - pcols, wrap_emit, b) != 0)
        b->failed = 1;
    if (b->n_emitted == 0 && first && !b->failed) {
        int w = 0;
        const char *p = join_safe(b, first, "", 0, &w);
        if (p)
            pieces_add(b, out, p, w);
    }
}

static bl_cmp_line *add_line(tbuild *b, enum bl_cmp_line_style style, const char *text, long row,
                             long group, int differs)
{
    if (b->failed)
        return NULL;
    bl_cmp_line *v = bl_vec_grow(b->lines, &b->cap, b->t->n_lines + 1, sizeof *v, 64);
    if (!v) {
        b->failed = 1;
        return NULL;
    }
    b->lines = v;
    /* right-trim: a padded column leaves spaces at the end */
    size_t len = strlen(text);
    while (len > 0 && text[len - 1] == ' ')
        len--;
    char *s = bl_arena_strndup(b->a, text, len);
    if (!s) {
        b->failed = 1;
        return NULL;
    }
    bl_cmp_line *ln = &b->lines[b->t->n_lines++];
    *ln = (bl_cmp_line){.style = style,
                        .text = s,
                        .len = len,
                        .cols = bl_text_width(s, len),
                        .row = row,
                        .group = group,
                        .differs = differs};
    return ln;
}

static void add_blank(tbuild *b)
{
    if (b->t->n_lines == 0 || b->lines[b->t->n_lines - 1].style == BL_CMP_LINE_BLANK)
        return;
    add_line(b, BL_CMP_LINE_BLANK, "", -1, -1, 0);
}

/* A growing string for composing a line. */
typedef struct sbuf {
    char *s;
    size_t n, cap;
    int failed;
} sbuf;

static void sb_add(sbuf *sb, const char *s, size_t len)
{
    if (sb->failed)
        return;
    char *v = bl_vec_grow(sb->s, &sb->cap, sb->n + len + 1, 1, 128);
    if (!v) {
        sb->failed = 1;
        return;
    }
    sb->s = v;
    memcpy(sb->s + sb->n, s, len);
    sb->n += len;
    sb->s[sb->n] = '\0';
}

static void sb_str(sbuf *sb, const char *s)
{
    sb_add(sb, s, strlen(s));
}

static void sb_pad(sbuf *sb, int cols)
{
    for (int i = 0; i < cols; i++)
        sb_add(sb, " ", 1);
}

/* The decoration, in UTF-8 or ASCII. */
typedef struct deco {
    const char *mark; /* the gutter mark of a row that differs (1 column) */
    const char *vbar; /* column separator (1 column) */
    const char *hbar; /* rule (1 column) */
    const char *cross; /* rule under a separator */
    const char *bullet; /* "• " */
    const char *dash; /* a value not given */
} deco;

static const deco deco_utf8 = {.mark = "\u2260",
                               .vbar = "\u2502",
                               .hbar = "\u2500",
                               .cross = "\u253c",
                               .bullet = "\u2022 ",
                               .dash = "\u2014"};
static const deco deco_ascii = {
    .mark = "*", .vbar = "|", .hbar = "-", .cross = "+", .bullet = "- ", .dash = "-"};

static const char *both_label(size_t n)
{
    return n == 2 ? "Both:" : "All three:";
}

/* "▓▓▓▓░░░░ 2/4" */
static const char *level_text(tbuild *b, int level)
{
    char bar[2 * BL_FIT_MAX_LEVEL * 3 + 1];
    bl_bar(2 * level, 2 * BL_FIT_MAX_LEVEL, bar, sizeof bar);
    char buf[sizeof bar + 16];
    snprintf(buf, sizeof buf, "%s %d/%d", bar, level, BL_FIT_MAX_LEVEL);
    return bl_arena_strdup(b->a, buf);
}

/* The pieces of role r's value in row `row`, wrapped at `width`. */
static void cell_pieces(tbuild *b, const deco *d, const bl_cmp_row *row, size_t r, int width,
                        pieces *out)
{
    const bl_cmp_cell *cell = &row->cells[r];
    if (!cell->given) {
        wrap_into(b, out, d->dash, width, NULL, NULL);
        return;
    }
    if (row->kind == BL_CMP_LEVEL) {
        const char *lt = level_text(b, cell->level);
        if (!lt) {
            b->failed = 1;
            return;
        }
        wrap_into(b, out, lt, width, NULL, NULL);
        for (size_t k = 0; k < cell->n_items; k++)
            wrap_into(b, out, cell->items[k], width, NULL, NULL);
        return;
    }
    for (size_t k = 0; k < cell->n_items && !b->failed; k++) {
        if (row->kind == BL_CMP_TEXT) {
            if (k > 0)
                pieces_add(b, out, "", 0);
            wrap_into(b, out, cell->items[k], width, NULL, NULL);
        } else {
            wrap_into(b, out, cell->items[k], width, d->bullet, "  ");
        }
    }
}

/* The label's pieces: the label and, for a fit dimension, its ends. */
static void label_pieces(tbuild *b, const bl_cmp_row *row, int width, pieces *out)
{
    wrap_into(b, out, row->label, width, NULL, NULL);
    if (row->kind == BL_CMP_LEVEL) {
        const struct bl_fit_info *fi = bl_fit_info((enum bl_fit_dim)row->sub);
        char buf[96];
        snprintf(buf, sizeof buf, "(%s to %s)", fi ? fi->low : "", fi ? fi->high : "");
        const char *s = bl_arena_strdup(b->a, buf);
        if (!s)
            b->failed = 1;
        else
            wrap_into(b, out, s, width, NULL, NULL);
    }
}

typedef struct geom {
    size_t n;
    int side;
    int label; /* gutter and label */
    int col; /* a role's column (side by side) */
} geom;

/* Emits the side-by-side lines: label pieces down the left, `right[i]`
 * already composed for the right side. */
static void emit_row_lines(tbuild *b, const deco *d, const geom *gm, long ri, long gi, int differs,
                           const pieces *label, char **right, size_t n_right)
{
    size_t h = label->n > n_right ? label->n : n_right;
    for (size_t i = 0; i < h && !b->failed; i++) {
        sbuf sb = {0};
        sb_str(&sb, i == 0 && differs ? d->mark : " ");
        sb_str(&sb, " ");
        int used = 0;
        if (i < label->n) {
            sb_str(&sb, label->v[i].s);
            used = label->v[i].cols;
        }
        if (gm->side) {
            sb_pad(&sb, gm->label - GUTTER - used);
            if (i < n_right && right[i])
                sb_str(&sb, right[i]);
            else
                for (size_t r = 0; r < gm->n; r++) {
                    sb_str(&sb, d->vbar);
                    sb_pad(&sb, gm->col + 2);
                }
        }
        if (sb.failed)
            b->failed = 1;
        else
            add_line(b, BL_CMP_LINE_ROW, sb.s, ri, gi, differs);
        free(sb.s);
    }
}

/* Composes the columns' pieces line by line into right[] (appended). */
static int compose_columns(tbuild *b, const deco *d, const geom *gm, pieces *cols, char ***right,
                           size_t *n_right, size_t *cap_right)
{
    size_t h = 0;
    for (size_t r = 0; r < gm->n; r++)
        h = cols[r].n > h ? cols[r].n : h;
    for (size_t i = 0; i < h; i++) {
        sbuf sb = {0};
        for (size_t r = 0; r < gm->n; r++) {
            sb_str(&sb, d->vbar);
            sb_str(&sb, " ");
            int used = 0;
            if (i < cols[r].n) {
                sb_str(&sb, cols[r].v[i].s);
                used = cols[r].v[i].cols;
            }
            if (r + 1 < gm->n)
                sb_pad(&sb, gm->col + 1 - used);
        }
        char **v = bl_vec_grow(*right, cap_right, *n_right + 1, sizeof **right, 16);
        if (sb.failed || !v) {
            free(sb.s);
            b->failed = 1;
            return -1;
        }
        *right = v;
        (*right)[(*n_right)++] = sb.s;
    }
    return 0;
}

static void add_row_side(tbuild *b, const deco *d, const geom *gm, const bl_compare *c, long ri,
                         long gi)
{
    const bl_cmp_row *row = &c->rows[ri];
    pieces label = {0};
    pieces cols[BL_CMP_MAX_ROLES] = {{0}};
    char **right = NULL;
    size_t n_right = 0, cap_right = 0;
    int span = (int)gm->n * (gm->col + 3) - 3;

    label_pieces(b, row, gm->label - GUTTER - 1, &label);
    if (row->kind == BL_CMP_SET && row->shared.n_items > 0) {
        pieces sh = {0};
        wrap_into(b, &sh, both_label(c->n_roles), span, NULL, NULL);
        for (size_t k = 0; k < row->shared.n_items; k++)
            wrap_into(b, &sh, row->shared.items[k], span, d->bullet, "  ");
        for (size_t i = 0; i < sh.n && !b->failed; i++) {
            sbuf sb = {0};
            sb_str(&sb, d->vbar);
            sb_str(&sb, " ");
            sb_str(&sb, sh.v[i].s);
            char **v = bl_vec_grow(right, &cap_right, n_right + 1, sizeof *right, 16);
            if (sb.failed || !v) {
                free(sb.s);
                b->failed = 1;
                break;
            }
            right = v;
            right[n_right++] = sb.s;
        }
        free(sh.v);
        if (row->differs) {
            for (size_t r = 0; r < gm->n; r++)
                if (row->cells[r].n_items > 0) {
                    char only[16];
                    snprintf(only, sizeof only, "Only %c:", (char)('A' + r));
                    wrap_into(b, &cols[r], only, gm->col, NULL, NULL);
                    cell_pieces(b, d, row, r, gm->col, &cols[r]);
                }
            compose_columns(b, d, gm, cols, &right, &n_right, &cap_right);
        }
    } else {
        for (size_t r = 0; r < gm->n; r++)
            cell_pieces(b, d, row, r, gm->col, &cols[r]);
        compose_columns(b, d, gm, cols, &right, &n_right, &cap_right);
    }
    if (!b->failed)
        emit_row_lines(b, d, gm, ri, gi, row->differs, &label, right, n_right);
    for (size_t i = 0; i < n_right; i++)
        free(right[i]);
    free(right);
    free(label.v);
    for (size_t r = 0; r < BL_CMP_MAX_ROLES; r++)
        free(cols[r].v);
}

/* Stacked: "≠ Label", then each role's value under its letter. */
static void add_row_stacked(tbuild *b, const deco *d, const geom *gm, const bl_compare *c, long ri,
                            long gi)
{
    const bl_cmp_row *row = &c->rows[ri];
    pieces label = {0};
    label_pieces(b, row, b->width - GUTTER, &label);
    emit_row_lines(b, d, gm, ri, gi, row->differs, &label, NULL, 0);
    free(label.v);
    int inner = b->width - 5;
    pieces p = {0};
    if (row->kind == BL_CMP_SET && row->shared.n_items > 0) {
        wrap_into(b, &p, both_label(c->n_roles), b->width, "  ", "  ");
        for (size_t k = 0; k < row->shared.n_items; k++)
            wrap_into(b, &p, row->shared.items[k], b->width, "   \u2022 ", "     ");
        for (size_t k = 0; k < p.n && !b->failed; k++)
            add_line(b, BL_CMP_LINE_ROW, p.v[k].s, ri, gi, row->differs);
        p.n = 0;
    }
    for (size_t r = 0; r < c->n_roles && !b->failed; r++) {
        const bl_cmp_cell *cell = &row->cells[r];
        if (row->kind == BL_CMP_SET && cell->given && cell->n_items == 0)
            continue; /* all it has is shared */
        p.n = 0;
        cell_pieces(b, d, row, r, inner, &p);
        for (size_t k = 0; k < p.n && !b->failed; k++) {
            sbuf sb = {0};
            char lead[8];
            snprintf(lead, sizeof lead, k == 0 ? "  %c  " : "     ", (char)('A' + r));
            sb_str(&sb, lead);
            sb_str(&sb, p.v[k].s);
            if (sb.failed)
                b->failed = 1;
            else
                add_line(b, BL_CMP_LINE_ROW, sb.s, ri, gi, row->differs);
            free(sb.s);
        }
    }
    free(p.v);
}

static void add_header(tbuild *b, const deco *d, const geom *gm, const bl_compare *c)
{
    if (gm->side) {
        pieces cols[BL_CMP_MAX_ROLES] = {{0}};
        for (size_t r = 0; r < gm->n; r++) {
            char lead[4] = {(char)('A' + r), ' ', '\0'};
            wrap_into(b, &cols[r], c->roles[r]->title, gm->col, lead, "  ");
        }
        char **right = NULL;
        size_t n_right = 0, cap_right = 0;
        compose_columns(b, d, gm, cols, &right, &n_right, &cap_right);
        for (size_t i = 0; i < n_right && !b->failed; i++) {
            sbuf sb = {0};
            sb_pad(&sb, gm->label);
            sb_str(&sb, right[i]);
            if (sb.failed)
                b->failed = 1;
            else
                add_line(b, BL_CMP_LINE_TITLE, sb.s, -1, -1, 0);
            free(sb.s);
        }
        for (size_t i = 0; i < n_right; i++)
            free(right[i]);
        free(right);
        for (size_t r = 0; r < BL_CMP_MAX_ROLES; r++)
            free(cols[r].v);
        sbuf sb = {0};
        for (int i = 0; i < gm->label; i++)
            sb_str(&sb, d->hbar);
        for (size_t r = 0; r < gm->n; r++) {
            sb_str(&sb, d->cross);
            int w = r + 1 < gm->n ? gm->col + 2
                                  : b->width - gm->label - 1 - (int)(gm->n - 1) * (gm->col + 3);
            for (int i = 0; i < w; i++)
                sb_str(&sb, d->hbar);
        }
        if (sb.failed)
            b->failed = 1;
        else
            add_line(b, BL_CMP_LINE_RULE, sb.s, -1, -1, 0);
        free(sb.s);
    } else {
        pieces p = {0};
        for (size_t r = 0; r < gm->n; r++) {
            char lead[8];
            snprintf(lead, sizeof lead, "%c  ", (char)('A' + r));
            wrap_into(b, &p, c->roles[r]->title, b->width, lead, "   ");
        }
        for (size_t k = 0; k < p.n; k++)
            add_line(b, BL_CMP_LINE_TITLE, p.v[k].s, -1, -1, 0);
        free(p.v);
        sbuf sb = {0};
        for (int i = 0; i < b->width; i++)
            sb_str(&sb, d->hbar);
        if (sb.failed)
            b->failed = 1;
        else
            add_line(b, BL_CMP_LINE_RULE, sb.s, -1, -1, 0);
        free(sb.s);
    }
}

bl_cmp_text *bl_compare_text(const bl_compare *c, int width, unsigned flags)
{
    if (!c)
        return NULL;
    if (width < MIN_WIDTH)
        width = MIN_WIDTH;
    bl_cmp_text *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    tbuild b = {.t = t, .ascii = (flags & BL_CMP_ASCII) != 0, .width = width};
    b.a = t->arena = bl_arena_new();
    if (!b.a) {
        free(t);
        return NULL;
    }
    const deco *d = b.ascii ? &deco_ascii : &deco_utf8;
    geom gm = {.n = c->n_roles};
    gm.side = bl_compare_side_by_side(c->n_roles, width, &gm.label, &gm.col);
    b.split = gm.side;
    t->width = width;
    t->side_by_side = gm.side;

    add_header(&b, d, &gm, c);
    t->header_lines = t->n_lines;
    int diff_only = (flags & BL_CMP_DIFF_ONLY) != 0;
    for (size_t gi = 0; gi < c->n_groups && !b.failed; gi++) {
        const bl_cmp_group *grp = &c->groups[gi];
        if (diff_only && grp->n_differ == 0)
            continue;
        add_blank(&b);
        pieces h = {0};
        wrap_into(&b, &h, grp->heading, width, NULL, NULL);
        for (size_t k = 0; k < h.n; k++)
            add_line(&b, BL_CMP_LINE_HEADING, h.v[k].s, -1, (long)gi, 0);
        free(h.v);
        for (size_t ri = grp->first; ri < grp->first + grp->n_rows && !b.failed; ri++) {
            if (diff_only && !c->rows[ri].differs)
                continue;
            if (ri > grp->first && !gm.side)
                add_blank(&b);
            if (gm.side)
                add_row_side(&b, d, &gm, c, (long)ri, (long)gi);
            else
                add_row_stacked(&b, d, &gm, c, (long)ri, (long)gi);
        }
    }
    if (diff_only && c->n_differ == 0) {
        add_blank(&b);
        add_line(&b, BL_CMP_LINE_NOTE, "No differences: these roles are the same in every row.", -1,
                 -1, 0);
    }
    t->lines = b.lines;
    if (b.failed) {
        bl_compare_text_free(t);
        return NULL;
    }
    return t;
}

void bl_compare_text_free(bl_cmp_text *t)
{
    if (!t)
        return;
    free((void *)t->lines);
    bl_arena_free(t->arena);
    free(t);
}

int bl_compare_text_write(const bl_cmp_text *t, FILE *out)
{
    for (size_t i = 0; i < t->n_lines; i++)
        if (fwrite(t->lines[i].text, 1, t->lines[i].len, out) != t->lines[i].len ||
            fputc('\n', out) == EOF)
            return -1;
    return ferror(out) ? -1 : 0;
}

/* ---- Markdown ------------------------------------------------------- */

/* s made display-safe (UTF-8), on one line, and Markdown-escaped. */
static int md_put(FILE *f, const char *s)
{
    size_t len = 0;
    char *safe = bl_text_sanitize(s, strlen(s), 0, &len);
    if (!safe)
        return -1;
    for (size_t i = 0; i < len; i++)
        if (safe[i] == '\n')
            safe[i] = ' ';
    char *esc = bl_summary_md_escape(safe, len);
    free(safe);
    if (!esc)
        return -1;
    fputs(esc, f);
    free(esc);
    return 0;
}

static int md_cell(FILE *f, const bl_cmp_row *row, const bl_cmp_cell *cell)
{
    if (!cell->given) {
        fputs("\u2014 (not given)", f);
        return 0;
    }
    if (row->kind == BL_CMP_LEVEL) {
        const struct bl_fit_info *fi = bl_fit_info((enum bl_fit_dim)row->sub);
        fprintf(f, "%d of %d (%s to %s)", cell->level, BL_FIT_MAX_LEVEL, fi ? fi->low : "",
                fi ? fi->high : "");
        if (cell->n_items > 0) {
            fputs(": ", f);
            if (md_put(f, cell->items[0]))
                return -1;
        }
        return 0;
    }
    for (size_t k = 0; k < cell->n_items; k++) {
        if (k > 0)
            fputs(" ", f);
        if (md_put(f, cell->items[k]))
            return -1;
    }
    return 0;
}

int bl_compare_markdown(const bl_compare *c, unsigned flags, char **out, size_t *out_len)
{
    if (!c || !out || !out_len)
        return -EINVAL;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return -ENOMEM;
    int failed = 0;
    int diff_only = (flags & BL_CMP_DIFF_ONLY) != 0;
    fputs("# Comparison: ", f);
    for (size_t r = 0; r < c->n_roles; r++) {
        if (r > 0)
            fputs(r + 1 == c->n_roles ? " and " : ", ", f);
        failed |= md_put(f, c->roles[r]->title);
    }
    fputs("\n\n", f);
    fprintf(f, "%zu of %zu rows differ%s.\n", c->n_differ, c->n_rows,
            diff_only ? "; only those are shown" : "");
    for (size_t gi = 0; gi < c->n_groups && !failed; gi++) {
        const bl_cmp_group *grp = &c->groups[gi];
        if (diff_only && grp->n_differ == 0)
            continue;
        fputs("\n## ", f);
        failed |= md_put(f, grp->heading);
        fputs("\n", f);
        for (size_t ri = grp->first; ri < grp->first + grp->n_rows && !failed; ri++) {
            const bl_cmp_row *row = &c->rows[ri];
            if (diff_only && !row->differs)
                continue;
            fputs("\n### ", f);
            failed |= md_put(f, row->label);
            fputs(row->differs ? " (differs)\n\n" : "\n\n", f);
            if (row->kind == BL_CMP_SET) {
                if (row->shared.n_items > 0) {
                    fprintf(f, "- %s\n", c->n_roles == 2 ? "Both:" : "All three:");
                    for (size_t k = 0; k < row->shared.n_items; k++) {
                        fputs("  - ", f);
                        failed |= md_put(f, row->shared.items[k]);
                        fputs("\n", f);
                    }
                }
                for (size_t r = 0; r < c->n_roles; r++) {
                    const bl_cmp_cell *cell = &row->cells[r];
                    if (cell->given && cell->n_items == 0)
                        continue;
                    fputs("- **", f);
                    failed |= md_put(f, c->roles[r]->title);
                    fputs(row->shared.n_items > 0 ? " only:**" : ":**", f);
                    if (!cell->given)
                        fputs(" \u2014 (not given)", f);
                    fputs("\n", f);
                    for (size_t k = 0; k < cell->n_items; k++) {
                        fputs("  - ", f);
                        failed |= md_put(f, cell->items[k]);
                        fputs("\n", f);
                    }
                }
            } else {
                for (size_t r = 0; r < c->n_roles; r++) {
                    fputs("- **", f);
                    failed |= md_put(f, c->roles[r]->title);
                    fputs(":** ", f);
                    failed |= md_cell(f, row, &row->cells[r]);
                    fputs("\n", f);
                }
            }
        }
    }
    if (ferror(f))
        failed = 1;
    if (fclose(f) != 0)
        failed = 1;
    if (failed) {
        free(buf);
        return -ENOMEM;
    }
    *out = buf;
    *out_len = len;
    return 0;
}
