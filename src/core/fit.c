/* fit.c — the fit finder's scores, ranking, "what would change" and route
 * marks (see fit.h).  Scores are exact fractions of small integers, so that
 * equal scores are equal and ties are real. */
#include "borderless/fit.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bl_fit_answers_init(bl_fit_answers *a)
{
    memset(a, 0, sizeof *a);
    for (int d = 0; d < BL_FIT_COUNT; d++)
        a->level[d] = BL_FIT_NONE;
    a->situation = a->citizenship = BL_FIT_NONE;
}

const bl_fit_question *bl_fit_question_of(const bl_guide *g, enum bl_fitq_kind kind,
                                          enum bl_fit_dim dim)
{
    for (size_t i = 0; i < g->n_fit_questions; i++) {
        const bl_fit_question *q = &g->fit_questions[i];
        if (q->kind == kind && (kind != BL_FITQ_LEVEL || q->dim == dim))
            return q;
    }
    return NULL;
}

const char *bl_fit_answer_label(const bl_guide *g, enum bl_fit_dim d, int level)
{
    static const char *const plain[BL_FIT_ANSWERS] = {"level 0", "level 1", "level 2", "level 3",
                                                      "level 4"};
    if (level < 0 || level > BL_FIT_MAX_LEVEL)
        return "no preference";
    const bl_fit_question *q = bl_fit_question_of(g, BL_FITQ_LEVEL, d);
    return q && q->answers[level] ? q->answers[level] : plain[level];
}

int bl_fit_answers_pick(bl_fit_answers *a, const bl_guide *g, size_t area, int add)
{
    if (area >= g->n_crime_areas)
        return -1;
    size_t i = 0;
    while (i < a->n_areas && a->areas[i] < area)
        i++;
    int present = i < a->n_areas && a->areas[i] == area;
    if (add) {
        if (present || a->n_areas == BL_FIT_MAX_PICKS)
            return -1;
        memmove(&a->areas[i + 1], &a->areas[i], (a->n_areas - i) * sizeof a->areas[0]);
        a->areas[i] = area;
        a->n_areas++;
    } else {
        if (!present)
            return -1;
        memmove(&a->areas[i], &a->areas[i + 1], (a->n_areas - i - 1) * sizeof a->areas[0]);
        a->n_areas--;
    }
    return 0;
}

/* ---- scores ---------------------------------------------------------- */

static int weight_of(const bl_guide *g, enum bl_fitq_kind kind, enum bl_fit_dim d, int important)
{
    const bl_fit_question *q = bl_fit_question_of(g, kind, d);
    int w = q ? q->weight : 1;
    return important ? 2 * w : w;
}

/* The weights of every dimension and of crime areas, looked up once. */
struct weights {
    int dim[BL_FIT_COUNT];
    int areas;
};

static void weights_of(const bl_guide *g, const bl_fit_answers *a, struct weights *w)
{
    for (int d = 0; d < BL_FIT_COUNT; d++)
        w->dim[d] = weight_of(g, BL_FITQ_LEVEL, (enum bl_fit_dim)d, a->important[d]);
    w->areas = weight_of(g, BL_FITQ_AREAS, BL_FIT_DESK_FIELD, a->areas_important);
}

/* How many of a's picks role rf works on. */
static size_t areas_covered(const bl_fit_answers *a, const bl_role_facts *rf)
{
    size_t k = 0;
    for (size_t i = 0; i < a->n_areas; i++)
        for (size_t j = 0; j < rf->n_crime_areas; j++)
            if (rf->crime_areas[j] == a->areas[i]) {
                k++;
                break;
            }
    return k;
}

/* Each term scaled by 4 * picks so that every match is a whole number:
 * a dimension adds w * (4 - d) * P, crime areas w * 4 * k, out of
 * w * 4 * P each. */
static bl_fit_score score_with(const bl_guide *g, const bl_fit_answers *a, const struct weights *w,
                               size_t role)
{
    bl_fit_score s = {.role = role};
    const bl_role_facts *rf = g->entries[role].role;
    long P = a->n_areas ? (long)a->n_areas : 1;
    for (int d = 0; d < BL_FIT_COUNT; d++) {
        if (a->level[d] < 0)
            continue;
        int lv = rf ? rf->fit[d].level : 0;
        int dist = abs(a->level[d] - lv);
        s.num += (long)w->dim[d] * (BL_FIT_MAX_LEVEL - dist) * P;
        s.den += (long)w->dim[d] * BL_FIT_MAX_LEVEL * P;
        s.fits += dist <= 1;
        s.answered++;
    }
    if (a->n_areas) {
        size_t k = rf ? areas_covered(a, rf) : 0;
        s.num += (long)w->areas * BL_FIT_MAX_LEVEL * (long)k;
        s.den += (long)w->areas * BL_FIT_MAX_LEVEL * P;
        s.fits += k > 0;
        s.answered++;
    }
    return s;
}

bl_fit_score bl_fit_score_role(const bl_guide *g, const bl_fit_answers *a, size_t role)
{
    struct weights w;
    weights_of(g, a, &w);
    return score_with(g, a, &w, role);
}

int bl_fit_percent(const bl_fit_score *s)
{
    if (s->den <= 0)
        return 0;
    return (int)((s->num * 200 + s->den) / (2 * s->den)); /* rounded half up */
}

int bl_fit_score_cmp(const bl_fit_score *s, const bl_fit_score *t)
{
    /* Nothing answered counts as equal to everything else unanswered. */
    long l = s->den ? s->num * (t->den ? t->den : 1) : 0;
    long r = t->den ? t->num * (s->den ? s->den : 1) : 0;
    if (!s->den && !t->den)
        return 0;
    return (l > r) - (l < r);
}

/* Every role's score has the same denominator (the weights depend on the
 * answers only), so the ranking is a counting sort on the numerators:
 * O(roles + den), stable, so equal scores keep the reading order. */
int bl_fit_rank(const bl_guide *g, const bl_fit_answers *a, bl_fit_ranking *r)
{
    *r = (bl_fit_ranking){0};
    if (g->n_roles == 0)
        return 0;
    struct weights w;
    weights_of(g, a, &w);
    bl_fit_score *v = malloc(g->n_roles * sizeof *v);
    r->v = malloc(g->n_roles * sizeof *r->v);
    bl_fit_score first = score_with(g, a, &w, 0);
    long den = first.den;
    size_t *count = calloc((size_t)den + 2, sizeof *count);
    if (!v || !r->v || !count) {
        free(v);
        free(r->v);
        free(count);
        r->v = NULL;
        return -ENOMEM;
    }
    for (size_t i = 0; i < g->n_roles; i++) {
        v[i] = i ? score_with(g, a, &w, i) : first;
        count[den - v[i].num]++; /* best (num == den) first */
    }
    size_t at = 0;
    for (long k = 0; k <= den; k++) {
        size_t c = count[k];
        count[k] = at;
        at += c;
    }
    for (size_t i = 0; i < g->n_roles; i++)
        r->v[count[den - v[i].num]++] = v[i];
    free(count);
    free(v);
    r->n = g->n_roles;
    r->answered = r->v[0].answered;
    for (size_t i = 0; i < r->n; i++)
        r->v[i].rank = i > 0 && r->v[i].num == r->v[i - 1].num ? r->v[i - 1].rank : (int)i + 1;
    r->all_tied = r->v[r->n - 1].rank == 1;
    return 0;
}

void bl_fit_ranking_free(bl_fit_ranking *r)
{
    free(r->v);
    *r = (bl_fit_ranking){0};
}

/* ---- what would change ------------------------------------------------- */

/* The roles' levels and crime areas packed together, so that trying an
 * answer costs one pass over a small array instead of the guide. */
struct packed {
    unsigned char (*lv)[BL_FIT_COUNT];
    uint64_t *areas; /* bit k: works on crime area k (when n_crime_areas <= 64) */
    size_t n;
};

static int pack(const bl_guide *g, struct packed *p)
{
    p->n = g->n_roles;
    p->lv = malloc((p->n ? p->n : 1) * sizeof *p->lv);
    p->areas = g->n_crime_areas <= 64 ? calloc(p->n ? p->n : 1, sizeof *p->areas) : NULL;
    if (!p->lv || (g->n_crime_areas <= 64 && !p->areas)) {
        free(p->lv);
        free(p->areas);
        return -ENOMEM;
    }
    for (size_t i = 0; i < p->n; i++) {
        const bl_role_facts *rf = g->entries[i].role;
        for (int d = 0; d < BL_FIT_COUNT; d++)
            p->lv[i][d] = (unsigned char)(rf ? rf->fit[d].level : 0);
        for (size_t k = 0; p->areas && rf && k < rf->n_crime_areas; k++)
            p->areas[i] |= (uint64_t)1 << rf->crime_areas[k];
    }
    return 0;
}

static void unpack(struct packed *p)
{
    free(p->lv);
    free(p->areas);
}

static bl_fit_score score_packed(const bl_guide *g, const struct packed *p, const bl_fit_answers *a,
                                 const struct weights *w, uint64_t picks, size_t role)
{
    if (!p->areas)
        return score_with(g, a, w, role);
    bl_fit_score s = {.role = role};
    long P = a->n_areas ? (long)a->n_areas : 1;
    for (int d = 0; d < BL_FIT_COUNT; d++) {
        if (a->level[d] < 0)
            continue;
        int dist = abs(a->level[d] - p->lv[role][d]);
        s.num += (long)w->dim[d] * (BL_FIT_MAX_LEVEL - dist) * P;
        s.den += (long)w->dim[d] * BL_FIT_MAX_LEVEL * P;
        s.fits += dist <= 1;
        s.answered++;
    }
    if (a->n_areas) {
        int k = __builtin_popcountll(picks & p->areas[role]);
        s.num += (long)w->areas * BL_FIT_MAX_LEVEL * k;
        s.den += (long)w->areas * BL_FIT_MAX_LEVEL * P;
        s.fits += k > 0;
        s.answered++;
    }
    return s;
}

/* Where role stands under answers a: *rank (1-based) and whether another
 * role has the same score; its score in *mine.  All scores share one
 * denominator, so numerators are compared. */
static void standing(const bl_guide *g, const struct packed *p, const bl_fit_answers *a,
                     size_t role, int *rank, int *shared, bl_fit_score *mine)
{
    struct weights w;
    weights_of(g, a, &w);
    uint64_t picks = 0;
    for (size_t i = 0; p->areas && i < a->n_areas; i++)
        picks |= (uint64_t)1 << a->areas[i];
    *mine = score_packed(g, p, a, &w, picks, role);
    int above = 0, equal = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (i == role)
            continue;
        long num = score_packed(g, p, a, &w, picks, i).num;
        above += num > mine->num;
        equal += num == mine->num;
    }
    *rank = above + 1;
    *shared = equal > 0;
}

/* Lower is better: first alone 0, first shared 1, second alone 2 ... */
static int place(int rank, int shared)
{
    return 2 * (rank - 1) + (shared ? 1 : 0);
}

struct candidate {
    bl_fit_change c;
    bl_fit_score score;
    int place;
};

/* Is x a better move up than y? */
static int better_up(const struct candidate *x, const struct candidate *y)
{
    if (x->place != y->place)
        return x->place < y->place;
    return bl_fit_score_cmp(&x->score, &y->score) > 0;
}

static void consider(const bl_guide *g, const struct packed *p, const bl_fit_answers *b,
                     size_t role, const bl_fit_change *c, struct candidate *best_up,
                     struct candidate *worst, int *have_up, int *have_worst, int now)
{
    struct candidate cand = {.c = *c};
    standing(g, p, b, role, &cand.c.new_rank, &cand.c.new_shared, &cand.score);
    cand.place = place(cand.c.new_rank, cand.c.new_shared);
    if (cand.place < now && (!*have_up || better_up(&cand, best_up))) {
        *best_up = cand;
        *have_up = 1;
    }
    if (cand.place > now &&
        (!*have_worst || cand.place > worst->place ||
         (cand.place == worst->place && bl_fit_score_cmp(&cand.score, &worst->score) < 0))) {
        *worst = cand;
        *have_worst = 1;
    }
}

int bl_fit_what_would_change(const bl_guide *g, const bl_fit_answers *a, size_t role,
                             bl_fit_change *out)
{
    *out = (bl_fit_change){.kind = BL_FIT_CHANGE_NONE};
    if (role >= g->n_roles)
        return -EINVAL;
    struct packed p;
    if (pack(g, &p) < 0)
        return -ENOMEM;
    bl_fit_score mine;
    standing(g, &p, a, role, &out->old_rank, &out->old_shared, &mine);
    out->new_rank = out->old_rank;
    out->new_shared = out->old_shared;
    int now = place(out->old_rank, out->old_shared);
    struct candidate up = {0}, worst = {0};
    int have_up = 0, have_worst = 0;
    bl_fit_answers b = *a;
    /* Dimensions in question order (the guide's), else enum order. */
    enum bl_fit_dim order[BL_FIT_COUNT];
    int n = 0;
    for (size_t i = 0; i < g->n_fit_questions; i++)
        if (g->fit_questions[i].kind == BL_FITQ_LEVEL)
            order[n++] = g->fit_questions[i].dim;
    if (n != BL_FIT_COUNT)
        for (n = 0; n < BL_FIT_COUNT; n++)
            order[n] = (enum bl_fit_dim)n;
    for (int i = 0; i < BL_FIT_COUNT; i++) {
        enum bl_fit_dim d = order[i];
        for (int to = BL_FIT_NONE; to <= BL_FIT_MAX_LEVEL; to++) {
            if (to == a->level[d])
                continue;
            b.level[d] = to;
            bl_fit_change c = {.kind = BL_FIT_CHANGE_LEVEL,
                               .dim = d,
                               .from = a->level[d],
                               .to = to,
                               .old_rank = out->old_rank,
                               .old_shared = out->old_shared};
            consider(g, &p, &b, role, &c, &up, &worst, &have_up, &have_worst, now);
        }
        b.level[d] = a->level[d];
    }
    for (size_t area = 0; area < g->n_crime_areas; area++) {
        for (int add = 1; add >= 0; add--) {
            if (bl_fit_answers_pick(&b, g, area, add) < 0)
                continue;
            bl_fit_change c = {.kind = add ? BL_FIT_CHANGE_ADD : BL_FIT_CHANGE_REMOVE,
                               .area = area,
                               .old_rank = out->old_rank,
                               .old_shared = out->old_shared};
            consider(g, &p, &b, role, &c, &up, &worst, &have_up, &have_worst, now);
            bl_fit_answers_pick(&b, g, area, !add);
        }
    }
    unpack(&p);
    if (have_up) {
        *out = up.c;
    } else if (now == 0 && have_worst) {
        *out = worst.c;
        out->holds = 1;
    }
    return 0;
}

/* ---- routes ------------------------------------------------------------ */

const char *bl_fit_route_label(enum bl_fit_route s)
{
    switch (s) {
    case BL_FIT_ROUTE_OPEN:
        return "open to you";
    case BL_FIT_ROUTE_CHECK:
        return "check";
    case BL_FIT_ROUTE_NOT_YET:
        return "not yet";
    }
    return "check";
}

static int is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        (unsigned char)c >= 0x80;
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Does `word` occur in s as a whole word?  fold: ignoring ASCII case;
 * prefix: the occurrence may be followed by more letters. */
static int has_word(const char *s, const char *word, int fold, int prefix)
{
    size_t wl = strlen(word);
    if (!wl)
        return 0;
    for (const char *p = s; *p; p++) {
        if (p > s && is_word_char(p[-1]))
            continue;
        size_t i = 0;
        while (i < wl && p[i] && (fold ? lower(p[i]) == lower(word[i]) : p[i] == word[i]))
            i++;
        if (i == wl && (prefix || !is_word_char(p[wl])))
            return 1;
    }
    return 0;
}

static int mentions_citizenship(const char *line)
{
    return has_word(line, "citizen", 1, 1) || has_word(line, "nationals", 1, 0) ||
        has_word(line, "nationality", 1, 0);
}

enum bl_fit_route bl_fit_route_check(const bl_guide *g, const bl_fit_answers *a, const bl_route *r,
                                     char *why, size_t size)
{
    char dummy[1];
    if (!why || !size) {
        why = dummy;
        size = sizeof dummy;
    }
    const bl_fit_question *sq = bl_fit_question_of(g, BL_FITQ_SITUATION, BL_FIT_DESK_FIELD);
    const bl_fit_question *cq = bl_fit_question_of(g, BL_FITQ_CITIZENSHIP, BL_FIT_DESK_FIELD);
    const bl_fit_choice *sit = sq && a->situation >= 0 && (size_t)a->situation < sq->n_choices
        ? &sq->choices[a->situation]
        : NULL;
    const bl_fit_choice *cit = cq && a->citizenship >= 0 && (size_t)a->citizenship < cq->n_choices
        ? &cq->choices[a->citizenship]
        : NULL;
    if (r->serving_officer == BL_SERVING_YES) {
        if (!sit) {
            snprintf(why, size, "for serving officers or officials; say where you are now");
            return BL_FIT_ROUTE_CHECK;
        }
        if (!sit->serving) {
            snprintf(why, size,
                     "for serving officers or officials; a way to come back to "
                     "later");
            return BL_FIT_ROUTE_NOT_YET;
        }
    }
    for (size_t i = 0; i < r->n_who; i++) {
        const char *line = r->who[i];
        if (!mentions_citizenship(line))
            continue;
        int named = 0;
        for (size_t m = 0; cit && m < cit->n_matches && !named; m++)
            named = has_word(line, cit->matches[m], 0, 0);
        if (!named) {
            snprintf(why, size, "%s: \"%s\"",
                     cit ? "read the citizenship condition" : "say your citizenship, then read",
                     line);
            return BL_FIT_ROUTE_CHECK;
        }
    }
    if (r->serving_officer == BL_SERVING_YES)
        snprintf(why, size, "for serving officers or officials, as you said you are");
    else
        snprintf(why, size, "nothing in your answers rules it out; read its other conditions");
    return BL_FIT_ROUTE_OPEN;
}
