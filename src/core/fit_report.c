/* fit_report.c — the fit finder's report in text or Markdown (see fit.h).
 * Built in memory first, so a failure writes nothing; every piece of text
 * goes through bl_text_sanitize (and Markdown escaping). */
#include "borderless/fit.h"
#include "borderless/layout.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BAR_CELLS 10
#define TOP_RANKS 3 /* "what would change" for roles ranked this high ... */
#define TOP_ROLES 5 /* ... at most this many */

struct doc {
    char *p;
    size_t len, cap;
    int failed;
    int md, ascii;
    int raw; /* bl_fit_role_render: one block a line, not wrapped, not escaped */
};

static void put(struct doc *d, const char *s, size_t n)
{
    if (d->failed)
        return;
    if (d->len + n + 1 > d->cap) {
        size_t cap = d->cap ? d->cap : 8192;
        while (d->len + n + 1 > cap)
            cap *= 2;
        char *p = realloc(d->p, cap);
        if (!p) {
            d->failed = 1;
            return;
        }
        d->p = p;
        d->cap = cap;
    }
    memcpy(d->p + d->len, s, n);
    d->len += n;
    d->p[d->len] = '\0';
}

static void puts_(struct doc *d, const char *s)
{
    put(d, s, strlen(s));
}

/* A formatted string, malloc'd; NULL marks d failed. */
static char *fmt(struct doc *d, const char *f, ...) BL_PRINTF(2, 3);

static char *fmt(struct doc *d, const char *f, ...)
{
    if (d->failed)
        return NULL;
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(NULL, 0, f, ap);
    va_end(ap);
    char *s = n < 0 ? NULL : malloc((size_t)n + 1);
    if (!s) {
        d->failed = 1;
        return NULL;
    }
    va_start(ap, f);
    vsnprintf(s, (size_t)n + 1, f, ap);
    va_end(ap);
    return s;
}

/* s made safe to print (ASCII when d->ascii), and escaped for Markdown
 * when md; malloc'd, NULL marks d failed. */
static char *safe(struct doc *d, const char *s, int md)
{
    if (d->failed || !s)
        return NULL;
    size_t n = 0;
    char *c = bl_text_sanitize(s, strlen(s), d->ascii, &n);
    if (c && md) {
        char *e = bl_summary_md_escape(c, n);
        free(c);
        c = e;
    }
    if (!c)
        d->failed = 1;
    return c;
}

struct wrap_ctx {
    struct doc *d;
    const char *s, *first, *rest;
    int lines, widest;
};

static int wrap_emit(void *ctx, size_t start, size_t end, int cols)
{
    struct wrap_ctx *w = ctx;
    puts_(w->d, w->lines == 0 ? w->first : w->rest);
    put(w->d, w->s + start, end - start);
    put(w->d, "\n", 1);
    w->lines++;
    w->widest = cols > w->widest ? cols : w->widest;
    return w->d->failed;
}

/* Text: s wrapped at the summary width after `first` (then `rest`).
 * Returns the widest line. */
static int wrapped(struct doc *d, const char *s, const char *first, const char *rest)
{
    char *c = safe(d, s, 0);
    if (!c)
        return 0;
    struct wrap_ctx w = {.d = d, .s = c, .first = first, .rest = rest};
    int indent = bl_text_width(first, strlen(first));
    bl_wrap(c, strlen(c), BL_SUMMARY_WIDTH - indent, wrap_emit, &w);
    free(c);
    return w.widest;
}

/* Takes ownership of s (may be NULL after a failure). */
static void heading(struct doc *d, int level, char *s)
{
    if (!s)
        return;
    if (d->len)
        put(d, "\n", 1);
    if (d->md || d->raw) {
        char *e = safe(d, s, d->md);
        puts_(d, level == 1 ? "# " : "## ");
        if (e)
            puts_(d, e);
        put(d, "\n", 1);
        free(e);
    } else {
        int w = wrapped(d, s, "", "");
        for (int i = 0; i < w; i++)
            put(d, level == 1 ? "=" : "-", 1);
        put(d, "\n", 1);
    }
    free(s);
}

static void para(struct doc *d, char *s)
{
    if (!s)
        return;
    put(d, "\n", 1);
    if (d->md || d->raw) {
        char *e = safe(d, s, d->md);
        if (e)
            puts_(d, e);
        put(d, "\n", 1);
        free(e);
    } else {
        wrapped(d, s, "", "");
    }
    free(s);
}

/* A list item; `lead` starts a list (a blank line before it). */
static void item(struct doc *d, char *s, int lead)
{
    if (!s)
        return;
    if (lead)
        put(d, "\n", 1);
    if (d->md || d->raw) {
        char *e = safe(d, s, d->md);
        puts_(d, "- ");
        if (e)
            puts_(d, e);
        put(d, "\n", 1);
        free(e);
    } else {
        wrapped(d, s, "- ", "  ");
    }
    free(s);
}

/* Lines shown as they are (bars, the fit chart): text indented by two
 * spaces, Markdown in a fenced code block. */
static void pre(struct doc *d, char **lines, size_t n)
{
    put(d, "\n", 1);
    if (d->md)
        puts_(d, "```\n");
    for (size_t i = 0; i < n; i++) {
        char *c = safe(d, lines[i], 0);
        if (c) {
            if (!d->md)
                puts_(d, "  ");
            puts_(d, c);
            put(d, "\n", 1);
        }
        free(c);
        free(lines[i]);
    }
    if (d->md)
        puts_(d, "```\n");
}

static const char *ordinal_suffix(int n)
{
    if (n % 100 >= 11 && n % 100 <= 13)
        return "th";
    switch (n % 10) {
    case 1:
        return "st";
    case 2:
        return "nd";
    case 3:
        return "rd";
    default:
        return "th";
    }
}

/* "first", "2nd", "3rd" ... into buf. */
static const char *ordinal(int n, char *buf, size_t size)
{
    if (n == 1)
        snprintf(buf, size, "first");
    else
        snprintf(buf, size, "%d%s", n, ordinal_suffix(n));
    return buf;
}

/* ---- parts of the report ---------------------------------------------- */

static const char *situation_label(const bl_guide *g, enum bl_fitq_kind kind, int c)
{
    const bl_fit_question *q = bl_fit_question_of(g, kind, BL_FIT_DESK_FIELD);
    if (!q || c < 0 || (size_t)c >= q->n_choices)
        return "not said";
    return q->choices[c].label;
}

/* The areas of a's picks as "A, B and C" (malloc'd). */
static char *areas_text(struct doc *d, const bl_guide *g, const size_t *areas, size_t n)
{
    char *s = fmt(d, "%s", "");
    for (size_t i = 0; s && i < n; i++) {
        char *t = fmt(d, "%s%s%s", s,
                      i == 0           ? ""
                          : i + 1 == n ? " and "
                                       : ", ",
                      g->crime_areas[areas[i]].label);
        free(s);
        s = t;
    }
    return s;
}

static void your_answers(struct doc *d, const bl_guide *g, const bl_fit_answers *a)
{
    heading(d, 2, fmt(d, "Your answers"));
    int lead = 1;
    for (int d0 = 0; d0 < BL_FIT_COUNT; d0++) {
        /* in question order when the guide has questions */
        enum bl_fit_dim dim = (enum bl_fit_dim)d0;
        size_t seen = 0;
        for (size_t i = 0; i < g->n_fit_questions; i++)
            if (g->fit_questions[i].kind == BL_FITQ_LEVEL && seen++ == (size_t)d0)
                dim = g->fit_questions[i].dim;
        item(d,
             fmt(d, "%s: %s%s", bl_fit_info(dim)->label, bl_fit_answer_label(g, dim, a->level[dim]),
                 a->important[dim] && a->level[dim] >= 0 ? " (important)" : ""),
             lead);
        lead = 0;
    }
    char *areas = areas_text(d, g, a->areas, a->n_areas);
    if (areas)
        item(d,
             fmt(d, "Crime areas: %s%s", a->n_areas ? areas : "no preference",
                 a->n_areas && a->areas_important ? " (important)" : ""),
             0);
    free(areas);
    if (bl_fit_question_of(g, BL_FITQ_SITUATION, BL_FIT_DESK_FIELD))
        item(d,
             fmt(d, "Where you are now: %s (checks the ways in only)",
                 situation_label(g, BL_FITQ_SITUATION, a->situation)),
             0);
    if (bl_fit_question_of(g, BL_FITQ_CITIZENSHIP, BL_FIT_DESK_FIELD))
        item(d,
             fmt(d, "Citizenship: %s (checks the ways in only)",
                 situation_label(g, BL_FITQ_CITIZENSHIP, a->citizenship)),
             0);
}

static char *score_bar(struct doc *d, const bl_fit_score *s)
{
    char cells[BAR_CELLS * 3 + 1];
    int pct = bl_fit_percent(s);
    bl_bar((pct * BAR_CELLS + 50) / 100, BAR_CELLS, cells, sizeof cells);
    return fmt(d, "%s", cells);
}

static char *rank_label(struct doc *d, const bl_fit_ranking *r, size_t i)
{
    int shared = (i > 0 && r->v[i - 1].rank == r->v[i].rank) ||
        (i + 1 < r->n && r->v[i + 1].rank == r->v[i].rank);
    char num[24];
    snprintf(num, sizeof num, "%s%d", shared ? "=" : "", r->v[i].rank);
    int width = 2; /* "=" and the digits of the last rank */
    for (size_t n = r->n; n >= 10; n /= 10)
        width++;
    return fmt(d, "%*s", width, num);
}

static void ranking(struct doc *d, const bl_guide *g, const bl_fit_ranking *r)
{
    heading(d, 2, fmt(d, "Ranking"));
    if (r->answered == 0)
        para(d,
             fmt(d,
                 "You gave no preference on any question, so every role ties for first "
                 "place: the order below is just the guide's. Answer a question or two "
                 "to tell the roles apart."));
    else if (r->all_tied)
        para(d,
             fmt(d,
                 "Every role has the same score for these answers, so they all share "
                 "first place."));
    char **lines = calloc(r->n ? r->n : 1, sizeof *lines);
    if (!lines) {
        d->failed = 1;
        return;
    }
    for (size_t i = 0; i < r->n; i++) {
        const bl_fit_score *s = &r->v[i];
        char *bar = score_bar(d, s), *rl = rank_label(d, r, i);
        const char *title = g->entries[s->role].title;
        if (d->md) {
            item(d,
                 fmt(d, "%s. %s %d%%, fits %d of %d: %s", rl ? rl + strspn(rl, " ") : "",
                     bar ? bar : "", bl_fit_percent(s), s->fits, s->answered, title),
                 i == 0);
        } else {
            lines[i] = fmt(d, "%s  %s %3d%%  fits %2d of %-2d  %s", rl ? rl : "", bar ? bar : "",
                           bl_fit_percent(s), s->fits, s->answered, title);
        }
        free(bar);
        free(rl);
    }
    if (!d->md)
        pre(d, lines, r->n);
    free(lines);
}

/* "3rd", "3rd, shared", "it shares first place". */
static const char *now_text(const bl_fit_change *c, char *buf, size_t size)
{
    char o[16];
    if (c->old_rank == 1 && c->old_shared)
        snprintf(buf, size, "it shares first place");
    else
        snprintf(buf, size, "%s%s", ordinal(c->old_rank, o, sizeof o),
                 c->old_shared ? ", shared" : "");
    return buf;
}

static char *change_text(struct doc *d, const bl_guide *g, const bl_fit_change *c,
                         const char *title)
{
    char a[32], b[48];
    if (c->kind == BL_FIT_CHANGE_NONE)
        return fmt(d, "No single change of answer would move %s up from %s%s.", title,
                   ordinal(c->old_rank, a, sizeof a), c->old_shared ? " (shared)" : "");
    char *what = NULL;
    if (c->kind == BL_FIT_CHANGE_LEVEL)
        what = fmt(d, "your answer on %s were \"%s\" instead of \"%s\"", bl_fit_info(c->dim)->label,
                   bl_fit_answer_label(g, c->dim, c->to), bl_fit_answer_label(g, c->dim, c->from));
    else if (c->kind == BL_FIT_CHANGE_ADD)
        what = fmt(d, "you added %s to your crime areas", g->crime_areas[c->area].label);
    else
        what = fmt(d, "you took %s off your crime areas", g->crime_areas[c->area].label);
    if (!what)
        return NULL;
    char *s;
    if (c->holds) {
        s = fmt(d,
                "%s ranks first. The answer that keeps it there most: if %s, it would "
                "rank %s%s.",
                title, what, ordinal(c->new_rank, a, sizeof a), c->new_shared ? ", shared" : "");
    } else if (c->new_rank == 1) {
        s = fmt(d, "If %s, %s would %s (now %s).", what, title,
                c->new_shared ? "share first place" : "rank first", now_text(c, b, sizeof b));
    } else {
        s = fmt(d, "If %s, %s would rank %s%s (now %s).", what, title,
                ordinal(c->new_rank, a, sizeof a), c->new_shared ? ", shared" : "",
                now_text(c, b, sizeof b));
    }
    free(what);
    return s;
}

static void what_would_change(struct doc *d, const bl_guide *g, const bl_fit_answers *a,
                              const bl_fit_ranking *r)
{
    heading(d, 2, fmt(d, "What would change"));
    int lead = 1;
    for (size_t i = 0; i < r->n && i < TOP_ROLES && r->v[i].rank <= TOP_RANKS; i++) {
        bl_fit_change c;
        if (bl_fit_what_would_change(g, a, r->v[i].role, &c) < 0) {
            d->failed = 1;
            return;
        }
        item(d, change_text(d, g, &c, g->entries[r->v[i].role].title), lead);
        lead = 0;
    }
}

/* A source: its title as a list item, its address whole on the next line
 * (never cut: a reader copies it). */
static void source(struct doc *d, const bl_source *src, int lead)
{
    if (d->md || d->raw) {
        item(d, fmt(d, "%s: %s", src->title, src->url), lead);
        return;
    }
    item(d, fmt(d, "%s:", src->title), lead);
    char *u = safe(d, src->url, 0);
    if (u) {
        puts_(d, "  ");
        puts_(d, u);
        put(d, "\n", 1);
    }
    free(u);
}

struct held {
    int dim; /* or -1: crime areas */
    long loss;
};

static int cmp_held(const void *x, const void *y)
{
    const struct held *p = x, *q = y;
    if (p->loss != q->loss)
        return p->loss < q->loss ? 1 : -1;
    return 0;
}

/* The role's dimensions in question order. */
static void dim_order(const bl_guide *g, enum bl_fit_dim order[BL_FIT_COUNT])
{
    int n = 0;
    for (size_t i = 0; i < g->n_fit_questions && n < BL_FIT_COUNT; i++)
        if (g->fit_questions[i].kind == BL_FITQ_LEVEL)
            order[n++] = g->fit_questions[i].dim;
    if (n != BL_FIT_COUNT)
        for (n = 0; n < BL_FIT_COUNT; n++)
            order[n] = (enum bl_fit_dim)n;
}

static void role_part(struct doc *d, const bl_guide *g, const bl_fit_answers *a,
                      const bl_fit_ranking *r, size_t i)
{
    const bl_fit_score *s = &r->v[i];
    const bl_entry *e = &g->entries[s->role];
    const bl_role_facts *rf = e->role;
    heading(d, 2, fmt(d, "%s", e->title));
    char *rl = rank_label(d, r, i);
    if (rl && d->raw)
        para(d,
             fmt(d, "Rank %s of %zu: %d%%, fits %d of %d of your answers.", rl + strspn(rl, " "),
                 r->n, bl_fit_percent(s), s->fits, s->answered));
    else if (rl)
        para(d,
             fmt(d,
                 "Rank %s of %zu: %d%%, fits %d of %d of your answers. Its page: "
                 "borderless show %s",
                 rl + strspn(rl, " "), r->n, bl_fit_percent(s), s->fits, s->answered, e->id));
    free(rl);
    if (!rf)
        return;
    if (d->raw) {
        /* On the screen, first: the one line no other guide has. */
        bl_fit_change c;
        if (bl_fit_what_would_change(g, a, s->role, &c) < 0) {
            d->failed = 1;
            return;
        }
        para(d, fmt(d, "What would change:"));
        item(d, change_text(d, g, &c, e->title), 1);
    }
    enum bl_fit_dim order[BL_FIT_COUNT];
    dim_order(g, order);
    if (d->raw)
        goto explain; /* the screen's role page has the chart */
    para(d, fmt(d, "Its fit profile:"));
    char *chart[BL_FIT_COUNT];
    for (int k = 0; k < BL_FIT_COUNT; k++) {
        enum bl_fit_dim dim = order[k];
        int n = bl_fit_bar(dim, rf->fit[dim].level, NULL, 0);
        chart[k] = n < 0 ? NULL : malloc((size_t)n + 1);
        if (!chart[k])
            d->failed = 1;
        else
            bl_fit_bar(dim, rf->fit[dim].level, chart[k], (size_t)n + 1);
    }
    if (!d->failed) {
        pre(d, chart, BL_FIT_COUNT);
    } else {
        for (int k = 0; k < BL_FIT_COUNT; k++)
            free(chart[k]);
        return;
    }

explain:;
    size_t covered[BL_FIT_MAX_PICKS], k = 0;
    for (size_t p = 0; p < a->n_areas; p++)
        for (size_t j = 0; j < rf->n_crime_areas; j++)
            if (rf->crime_areas[j] == a->areas[p]) {
                covered[k++] = a->areas[p];
                break;
            }
    if (s->answered == 0) {
        para(d, fmt(d, "No answers to compare yet."));
    } else {
        para(d, fmt(d, "Matched because:"));
        int lead = 1, any = 0;
        for (int q = 0; q < BL_FIT_COUNT; q++) {
            enum bl_fit_dim dim = order[q];
            if (a->level[dim] < 0 || abs(a->level[dim] - rf->fit[dim].level) > 1)
                continue;
            item(d,
                 fmt(d, "%s (you: %s): %s", bl_fit_info(dim)->label,
                     bl_fit_answer_label(g, dim, a->level[dim]), rf->fit[dim].reason),
                 lead);
            lead = 0;
            any = 1;
        }
        if (a->n_areas && k) {
            char *t = areas_text(d, g, covered, k);
            if (t)
                item(d, fmt(d, "Crime areas: it works on %s", t), lead);
            free(t);
            any = 1;
        }
        if (!any)
            item(d, fmt(d, "none of your answers"), 1);
        para(d, fmt(d, "Held back by:"));
        struct held h[BL_FIT_COUNT + 1];
        size_t nh = 0;
        for (int q = 0; q < BL_FIT_COUNT; q++) {
            enum bl_fit_dim dim = order[q];
            int dist = a->level[dim] < 0 ? 0 : abs(a->level[dim] - rf->fit[dim].level);
            if (dist >= 2)
                h[nh++] = (struct held){.dim = (int)dim,
                                        .loss = (long)dist * (a->important[dim] ? 2 : 1)};
        }
        if (a->n_areas && !k)
            h[nh++] = (struct held){.dim = -1, .loss = 4L * (a->areas_important ? 2 : 1)};
        /* A stable order: heaviest first, then question order. */
        for (size_t x = 1; x < nh; x++)
            for (size_t y = x; y > 0 && cmp_held(&h[y - 1], &h[y]) > 0; y--) {
                struct held t = h[y];
                h[y] = h[y - 1];
                h[y - 1] = t;
            }
        for (size_t x = 0; x < nh; x++) {
            if (h[x].dim < 0) {
                char *t = areas_text(d, g, rf->crime_areas, rf->n_crime_areas);
                if (t)
                    item(d, fmt(d, "Crime areas: none of your picks; it works on %s", t), x == 0);
                free(t);
                continue;
            }
            enum bl_fit_dim dim = (enum bl_fit_dim)h[x].dim;
            item(d,
                 fmt(d, "%s (you: %s): %s", bl_fit_info(dim)->label,
                     bl_fit_answer_label(g, dim, a->level[dim]), rf->fit[dim].reason),
                 x == 0);
        }
        if (!nh)
            item(d, fmt(d, "nothing you answered"), 1);
    }

    para(d, fmt(d, "Ways in (from where you are now and your citizenship):"));
    for (size_t q = 0; q < rf->n_routes; q++) {
        const bl_route *rt = &rf->routes[q];
        char why[512];
        enum bl_fit_route st = bl_fit_route_check(g, a, rt, why, sizeof why);
        const char *label = bl_fit_route_label(st);
        item(d,
             fmt(d, "%c%s: %s (%s): %s", label[0] - 'a' + 'A', label + 1, rt->name, rt->where, why),
             q == 0);
    }
    para(d, fmt(d, "Sources:"));
    for (size_t q = 0; q < e->n_sources; q++)
        source(d, &e->sources[q], q == 0);
}

/* The oldest and newest review dates of the roles. */
static void review_range(const bl_guide *g, const char **lo, const char **hi)
{
    *lo = *hi = NULL;
    for (size_t i = 0; i < g->n_roles; i++) {
        const char *r = g->entries[i].reviewed;
        if (!r)
            continue;
        if (!*lo || strcmp(r, *lo) < 0)
            *lo = r;
        if (!*hi || strcmp(r, *hi) > 0)
            *hi = r;
    }
}

int bl_fit_report_render(const bl_guide *g, const bl_fit_answers *a, enum bl_summary_format format,
                         int ascii, char **out, size_t *out_len)
{
    if (format != BL_SUMMARY_TEXT && format != BL_SUMMARY_MARKDOWN)
        return -EINVAL;
    bl_fit_ranking r;
    if (bl_fit_rank(g, a, &r) < 0)
        return -ENOMEM;
    struct doc d = {.md = format == BL_SUMMARY_MARKDOWN, .ascii = ascii};
    heading(&d, 1, fmt(&d, "%s fit finder: the roles and your answers", g->title));
    const char *lo, *hi;
    review_range(g, &lo, &hi);
    para(&d,
         fmt(&d,
             "Guidance, not a verdict. This compares your answers with the typical "
             "features of each role as this guide describes them. It cannot tell "
             "whether you would be selected: requirements differ between services and "
             "change, so read the current vacancy notice and talk to a careers "
             "adviser."));
    if (lo)
        para(&d,
             strcmp(lo, hi) ? fmt(&d, "Profiles reviewed %s to %s.", lo, hi)
                            : fmt(&d, "Profiles reviewed %s.", lo));
    para(&d,
         fmt(&d,
             "How the score works: for each question you answered, a role scores 1 "
             "minus the distance between your answer and the role's level (0 to 4), "
             "divided by 4. For crime areas it scores the share of your picks it works "
             "on. Each score is weighted by the question's weight, doubled when you "
             "marked the answer important, and the weighted average is shown as a "
             "percentage. An answer fits a role when it is at most one step from the "
             "role's level; crime areas fit when it works on at least one of your "
             "picks. Where you are now and your citizenship never change the ranking: "
             "they only mark each way in as open to you, check or not yet."));
    your_answers(&d, g, a);
    ranking(&d, g, &r);
    what_would_change(&d, g, a, &r);
    for (size_t i = 0; i < r.n; i++)
        role_part(&d, g, a, &r, i);
    bl_fit_ranking_free(&r);
    if (d.failed) {
        free(d.p);
        return -ENOMEM;
    }
    if (!d.p) {
        d.p = malloc(1);
        if (!d.p)
            return -ENOMEM;
        d.p[0] = '\0';
    }
    *out = d.p;
    *out_len = d.len;
    return 0;
}

int bl_fit_role_render(const bl_guide *g, const bl_fit_answers *a, const bl_fit_ranking *r,
                       size_t i, int ascii, char **out, size_t *out_len)
{
    if (i >= r->n)
        return -EINVAL;
    struct doc d = {.raw = 1, .ascii = ascii};
    role_part(&d, g, a, r, i);
    if (d.failed || !d.p) {
        free(d.p);
        return -ENOMEM;
    }
    *out = d.p;
    *out_len = d.len;
    return 0;
}

struct report_ctx {
    const bl_guide *g;
    const bl_fit_answers *a;
    int ascii;
    enum bl_summary_format fmt;
};

static int report_render(void *ctx, const char *path, char **out, size_t *out_len)
{
    const struct report_ctx *c = ctx;
    enum bl_summary_format fmt =
        c->fmt == BL_SUMMARY_AUTO ? bl_summary_format_for_path(path) : c->fmt;
    return bl_fit_report_render(c->g, c->a, fmt, c->ascii, out, out_len);
}

void bl_fit_report_save(const bl_guide *g, const bl_fit_answers *a, int ascii, const char *typed,
                        enum bl_summary_format fmt, unsigned flags, bl_safewrite_target *asked,
                        bl_save_result *res)
{
    struct report_ctx c = {.g = g, .a = a, .ascii = ascii, .fmt = fmt};
    bl_save_rendered(typed, report_render, &c, "report", flags, asked, res);
}
